/**
 * Checks histories: a value folded over an ordered list with named transition rules, and
 * the questions asked of it (`status`, `status on d`, `history of status [on d]`).
 * Inside a rule `previous` is the value before the item and `since` the day (or instant)
 * it started; every rule must give the history's type.
 */
import type * as A from '../../language/ast.js';
import { error } from '../../language/diagnostics.js';
import type { Definition, Ty, HistoryIR, CmpKind, Expr } from '../../runtime/ir.js';
import { T, assignable, showType, cmpKindOf, isOrdered } from '../types.js';
import { withLocal, withPresent, presenceFacts, type Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr, checkCondition } from '../check-expr.js';

/** The record type of one period of a history whose values are `value` and keys `key`. */
export function periodType(value: Ty, key: Ty): Ty {
  return { k: 'struct', fields: [
    { name: 'value', type: value }, { name: 'from', type: key }, { name: 'ends', type: T.optional(key) },
    { name: 'rule', type: T.text }, { name: 'clauses', type: T.list(T.text) },
  ] };
}

/** Checks a `history` declaration and lowers it to a definition of kind `history`. */
export function checkHistoryDecl(ctx: CheckContext, d: A.HistoryDecl, params: { name: string; type: Ty }[], declared: Ty | undefined, scope: Scope): Definition {
  const initial = checkExpr(ctx, d.initial, scope, declared);
  const state = declared ?? initial.type;
  if (declared && !isErr(initial.type) && !assignable(initial.type, declared)) {
    ctx.diagnostics.push(error('RB420', `The state ${d.name.text} holds ${showType(declared)}, but it starts with ${showType(initial.type)}.`, d.initial.span));
  }
  const start = checkExpr(ctx, d.start, scope);
  const startKind = start.type.k === 'date' ? 'day' : start.type.k === 'instant' ? 'ms' : undefined;
  if (!isErr(start.type) && !startKind) ctx.diagnostics.push(error('RB422', `A state starts on a date or at an instant; \`from\` gives ${showType(start.type)}.`, d.start.span));
  const source = checkExpr(ctx, d.source, scope);
  let item: Ty = T.empty;
  if (!isErr(source.type)) {
    if (source.type.k !== 'list') ctx.diagnostics.push(error('RB422', `A state walks through a list (events, days), but this is ${showType(source.type)}.`, d.source.span));
    else item = source.type.of;
  }
  const inner = withLocal(scope, d.variable.text, item);
  let key: Expr | undefined;
  let keyType: Ty = item;
  if (d.key) {
    const k = checkExpr(ctx, d.key, inner);
    key = k.ir;
    keyType = k.type;
  }
  const keyKind = keyType.k === 'date' ? 'day' : keyType.k === 'instant' ? 'ms' : undefined;
  if (!isErr(keyType) && !keyKind) {
    ctx.diagnostics.push(error('RB422', d.key
      ? `The items of a state are ordered by a date or an instant, but \`by\` gives ${showType(keyType)}.`
      : `This is ${showType(source.type)}: say which date orders its items, e.g. \`over ${d.variable.text} in … by ${d.variable.text}.on\`.`, d.key?.span ?? d.source.span));
  } else if (keyKind && startKind && keyKind !== startKind) {
    ctx.diagnostics.push(error('RB422', `The state starts on ${showType(start.type)} but its items are ordered by ${showType(keyType)}; use one kind for both (date(x) gives an instant's day).`, d.start.span));
  }
  let tie: { tie?: Expr; tieKind?: CmpKind } = {};
  if (d.tie && d.tie !== 'list') {
    const t = checkExpr(ctx, d.tie, inner);
    const tk = cmpKindOf(t.type);
    if (!isErr(t.type) && (!tk || !isOrdered(t.type))) ctx.diagnostics.push(error('RB424', `A tie-breaker must be something that can be ordered (a date, instant, number, money or text), not ${showType(t.type)}.`, d.tie.span));
    tie = { tie: t.ir, ...(tk ? { tieKind: tk } : {}) };
  }
  const ruleScope = withLocal(withLocal(inner, 'previous', state), 'since', startKind ? start.type : keyType);
  const seen = new Set<string>();
  const rules: HistoryIR['rules'] = d.rules.map((r) => {
    if (seen.has(r.name.text)) ctx.diagnostics.push(error('RB301', `The rule \`${r.name.text}\` is declared twice in ${d.name.text}.`, r.name.span));
    if (r.overrides.length) ctx.diagnostics.push(error('RB427', `The rules of a state apply in the order written and the first that holds wins, so \`overrides\` has no place here: put ${r.name.text} before ${r.overrides.map((o) => o.text).join(', ')}.`, r.overrides[0]!.span));
    seen.add(r.name.text);
    const when = checkCondition(ctx, r.condition, ruleScope);
    const then = checkExpr(ctx, r.value, withPresent(ruleScope, presenceFacts(r.condition, true)), state);
    if (!isErr(then.type) && !isErr(state) && !assignable(then.type, state)) {
      ctx.diagnostics.push(error('RB420', `Every rule of ${d.name.text} must give ${showType(state)}, but ${r.name.text} gives ${showType(then.type)}.`, r.value.span));
    }
    return { name: r.name.text, when: when.ir, then: then.ir, clauses: r.citations.map((c) => c.text), span: sourceSpan(r.span) };
  });
  return {
    name: d.name.text, kind: 'history', params, type: state, clauses: d.citations.map((c) => c.text),
    ...(d.doc ? { doc: d.doc } : {}), span: sourceSpan(d.span),
    history: {
      initial: initial.ir, start: start.ir, variable: d.variable.text, source: source.ir, ...(key ? { key } : {}),
      keyKind: keyKind ?? startKind ?? 'day', ...tie, tieInListOrder: d.tie === 'list', rules,
    },
  };
}

/** The history a question names, or a diagnostic. */
function historyNamed(ctx: CheckContext, target: A.Expr, what: string, scope: Scope): { name: string; key: 'day' | 'ms'; type: Ty; args?: Expr[] } | undefined {
  const named = target.kind === 'name' ? target.name : target.kind === 'call' ? target.callee : undefined;
  const sym = named ? ctx.r.symbols.get(named.text) : undefined;
  if (!named || sym?.kind !== 'history') {
    const histories = [...ctx.r.symbols].filter(([, s]) => s.kind === 'history').map(([n]) => n);
    ctx.diagnostics.push(error('RB423', `${what} asks a state (declared with \`state\`) about its past, and this is not one.${histories.length ? ` The states are: ${histories.join(', ')}.` : ''}`, target.span));
    return undefined;
  }
  // `level(c)`: a state kept per argument; checking the call checks its arguments
  if (target.kind === 'call' || sym.params.length) {
    const c = checkExpr(ctx, target, scope);
    if (isErr(c.type) || c.ir.op !== 'history') return undefined;
    return { name: named.text, key: ctx.historyKey?.(named.text) ?? 'day', type: c.type, ...(c.ir.args ? { args: c.ir.args } : {}) };
  }
  const type = ctx.typeOfSymbol(named.text);
  return { name: named.text, key: ctx.historyKey?.(named.text) ?? 'day', type };
}

/** `status on d`: the value in force on a day (or at an instant). */
export function checkHistoryAt(ctx: CheckContext, e: A.Expr & { kind: 'historyAt' }, scope: Scope, period = false): Checked {
  const h = historyNamed(ctx, e.target, '`on`', scope);
  const at = checkExpr(ctx, e.at, scope);
  if (!h || isErr(at.type) || isErr(h.type)) return ERR;
  if (at.type.k !== 'date' && at.type.k !== 'instant') {
    return report(ctx, at.type.k === 'optional' ? 'RB408' : 'RB423', `\`${h.name} on …\` needs a date or an instant, not ${showType(at.type)}.`, e.at.span);
  }
  if (h.key === 'ms' && at.type.k === 'date') {
    return report(ctx, 'RB423', `${h.name} changes at instants: ask it at an instant, e.g. \`${h.name} on d at 23:00\`.`, e.at.span);
  }
  scope.deps.add(h.name);
  const type = period ? periodType(h.type, h.key === 'day' ? T.date : T.instant) : h.type;
  return { ir: { op: 'history', name: h.name, ...(h.args ? { args: h.args } : {}), query: period ? 'period_at' : 'value_at', at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', span: sourceSpan(e.span) }, type };
}

/** `history of status`: every period; `history of status on d`: the period in force then. */
export function checkHistoryOf(ctx: CheckContext, e: A.Expr & { kind: 'historyOf' }, scope: Scope): Checked {
  if (e.target.kind === 'historyAt') return checkHistoryAt(ctx, e.target, scope, true);
  const h = historyNamed(ctx, e.target, '`history of`', scope);
  if (!h || isErr(h.type)) return ERR;
  scope.deps.add(h.name);
  return { ir: { op: 'history', name: h.name, ...(h.args ? { args: h.args } : {}), query: 'periods' }, type: T.list(periodType(h.type, h.key === 'day' ? T.date : T.instant)) };
}

/** `previous` and `since`: only inside a history's rules. */
export function checkFoldState(ctx: CheckContext, e: A.Expr & { kind: 'foldState' }, scope: Scope): Checked {
  const t = scope.locals.get(e.which);
  if (!t) {
    return report(ctx, 'RB421', `\`${e.which}\` is the ${e.which === 'previous' ? 'value of a state before the item being read' : 'day the previous value of a state started'}; it exists only inside the rules of a \`state\`. Elsewhere ask the state itself: \`status on d\`, \`history of status on d\`.`, e.span);
  }
  return { ir: { op: 'local', name: e.which }, type: t };
}
