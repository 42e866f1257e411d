/**
 * Stage 3a: type-checks an expression and lowers it to IR in the same walk. Every
 * overloaded operator is resolved here to one monomorphic operation (add_money,
 * pct_of_money, date_add, …), so the runtime never inspects types. This file dispatches
 * on the kind of expression and checks names, fields and calls; each construct family has
 * its own module under check/.
 */
import type * as A from '../language/ast.js';
import { error, didYouMean } from '../language/diagnostics.js';
import type { Span } from '../language/span.js';
import type { Ty, ArithFn } from '../runtime/ir.js';
import { isCurrency } from '../runtime/values/currencies.js';
import { isKnownZone } from '../runtime/values/instant.js';
import { T, sameType, assignable, unify, isNumber, showType, isOrdered } from './types.js';
import { parseDateLiteral, parseInstantLiteral } from './literals.js';
import { withPresent, pathOf, presenceFacts, exprKey, type Scope } from './scope.js';
import { ERR, report, isErr, enumValues, type Checked, type CheckContext } from './check/common.js';
import { BUILTIN_FUNCTIONS, checkBuiltin } from './check/builtins.js';
import { checkBinary, checkCompare, compareChecked, checkIs, checkWithin } from './check/operators.js';
import { checkMatch } from './check/match.js';
import { checkAggregate, checkItem } from './check/collections.js';
import { checkEffective, checkDurationOf, checkClock, checkSequence } from './check/time.js';
import { checkHistoryAt, checkHistoryOf, checkFoldState } from './check/history.js';
import { checkDatedLookup } from './check/dated.js';
import { nameCandidates } from './name-candidates.js';
import { checkQuantity, checkConvert, checkSplit } from './check/quantities.js';
import { isLedgerName, checkLedgerBalance } from './check/ledger.js';

export { sourceSpan, type Checked, type CheckContext } from './check/common.js';

/** Checks a condition: yes/no, or an eligibility result (which counts as yes when eligible). */
export function checkCondition(ctx: CheckContext, e: A.Expr, scope: Scope): Checked {
  const c = checkExpr(ctx, e, scope);
  return asCondition(ctx, c, e.span);
}

/** Turns a checked value into a condition (eligibility counts as yes when eligible). */
export function asCondition(ctx: CheckContext, c: Checked, span: Span): Checked {
  if (c.type.k === 'boolean' || isErr(c.type)) return c;
  if (c.type.k === 'eligibility') return { ir: { op: 'elig_ok', value: c.ir }, type: T.boolean };
  if (c.type.k === 'optional' && c.type.of.k === 'boolean') {
    return report(ctx, 'RB408', 'This yes/no value may be absent; write `(… or else false)` to say what absence means.', span);
  }
  return report(ctx, 'RB405', `A condition must be yes/no, but this is ${showType(c.type)}.`, span);
}

/**
 * Checks an expression; `expected` lets bare enum values and `absent` take their type from
 * the context. An optional expression proven present by an enclosing `is present` test (on
 * the same expression, written the same way) is narrowed to its value's type.
 */
export function checkExpr(ctx: CheckContext, e: A.Expr, scope: Scope, expected?: Ty): Checked {
  const c = checkKind(ctx, e, scope, expected);
  if (c.type.k === 'optional' && scope.present.size > 0 && e.kind !== 'name' && e.kind !== 'field' && scope.present.has(exprKey(e))) {
    return { ir: c.ir, type: c.type.of };
  }
  return c;
}

function checkKind(ctx: CheckContext, e: A.Expr, scope: Scope, expected?: Ty): Checked {
  // `history of status`: `history` is a word of the language only where it names nothing else
  if (e.kind === 'binary' && e.op === 'of' && e.left.kind === 'name' && e.left.name.text === 'history' && !scope.locals.has('history') && !ctx.r.symbols.has('history')) {
    return checkHistoryOf(ctx, { kind: 'historyOf', target: e.right, span: e.span }, scope);
  }
  switch (e.kind) {
    case 'absent': {
      const want = expected?.k === 'optional' ? expected.of : expected;
      if (!want || want.k === 'empty') {
        return report(ctx, 'RB415', '`absent` needs to know what kind of value is missing: declare the type (`define x: optional money = …`) or give the other branch a value.', e.span);
      }
      const t = T.optional(want);
      return { ir: { op: 'const', type: t, value: null }, type: t };
    }
    case 'durationOf': return checkDurationOf(ctx, e, scope);
    case 'clock': return checkClock(ctx, e, scope);
    case 'sequence': return checkSequence(ctx, e, scope);
    case 'item': return checkItem(ctx, e, scope);
    case 'historyAt': return isLedgerName(ctx, e.target, scope) ? checkLedgerBalance(ctx, e, scope) : checkHistoryAt(ctx, e, scope);
    case 'historyOf': return checkHistoryOf(ctx, e, scope);
    case 'foldState': return checkFoldState(ctx, e, scope);
    case 'error': return ERR;
    case 'quantity': return checkQuantity(ctx, e);
    case 'convert': return checkConvert(ctx, e, scope);
    case 'split': return checkSplit(ctx, e, scope);
    case 'number':
      return { ir: { op: 'const', type: e.text.includes('.') ? T.decimal : T.integer, value: e.text }, type: e.text.includes('.') ? T.decimal : T.integer };
    case 'percent': return { ir: { op: 'const', type: T.percent, value: e.text }, type: T.percent };
    case 'money': {
      if (!isCurrency(e.currency.text)) {
        return report(ctx, 'RB201', `\`${e.currency.text}\` is not an ISO 4217 currency code.${didYouMean(e.currency.text, ['RUB', 'KZT', 'UAH', 'USD', 'EUR'])}`, e.currency.span);
      }
      const t = T.money(e.currency.text);
      return { ir: { op: 'const', type: t, value: e.amount }, type: t };
    }
    case 'duration': {
      if (e.amount.includes('.')) return report(ctx, 'RB400', 'A duration is a whole number of days, months or years.', e.span);
      if (e.unit === 'business_days' && !ctx.r.calendarDeclared) {
        return report(ctx, 'RB203', 'Business days need a calendar: add `calendar RU` (or KZ, UA) to the program header.', e.span);
      }
      return { ir: { op: 'const', type: T.duration, value: { n: Number(e.amount), unit: e.unit } }, type: T.duration };
    }
    case 'date': {
      const day = parseDateLiteral(e.text);
      if (day === undefined) return report(ctx, 'RB204', `${e.text} is not a real calendar date. Check the day and the month (DD.MM.YYYY).`, e.span);
      return { ir: { op: 'const', type: T.date, value: day }, type: T.date };
    }
    case 'instant': {
      const zone = e.zone ?? ctx.r.program.zone;
      if (e.zone && !isKnownZone(e.zone)) return report(ctx, 'RB202', `\`${e.zone}\` is not a known IANA time zone.`, e.zoneSpan ?? e.span);
      const res = parseInstantLiteral(e.date, e.time, zone);
      if ('error' in res) {
        if (res.error === 'date') return report(ctx, 'RB204', `${e.date} is not a real calendar date.`, e.dateSpan ?? e.span);
        if (res.error === 'time') return report(ctx, 'RB205', `${e.time} is not a real time of day (00:00 to 23:59:59).`, e.timeSpan ?? e.span);
        return report(ctx, 'RB202', `The time zone \`${zone}\` is not known.`, e.span);
      }
      return { ir: { op: 'const', type: T.instant, value: res.ms }, type: T.instant };
    }
    case 'string': return { ir: { op: 'const', type: T.text, value: e.value }, type: T.text };
    case 'boolean': return { ir: { op: 'const', type: T.boolean, value: e.value }, type: T.boolean };
    case 'name': return checkName(ctx, e.name, scope, expected);
    case 'field': return checkField(ctx, e, scope);
    case 'call': return checkCall(ctx, e, scope);
    case 'unary': {
      if (e.op === 'not') {
        const c = checkCondition(ctx, e.operand, scope);
        return { ir: { op: 'not', value: c.ir }, type: T.boolean };
      }
      const c = checkExpr(ctx, e.operand, scope);
      if (isErr(c.type)) return ERR;
      const fn: ArithFn | undefined = isNumber(c.type) || c.type.k === 'unit' ? 'neg' : c.type.k === 'money' ? 'neg_money' : c.type.k === 'percent' ? 'neg_pct' : undefined;
      if (!fn) return report(ctx, 'RB407', `A minus sign does not apply to ${showType(c.type)}.`, e.span);
      return { ir: { op: 'arith', fn, args: [c.ir] }, type: c.type };
    }
    case 'binary': return checkBinary(ctx, e, scope);
    case 'compare': return checkCompare(ctx, e.op, e.left, e.right, e.span, scope);
    case 'is': return checkIs(ctx, e, scope);
    case 'presence': {
      const c = checkExpr(ctx, e.operand, scope);
      return { ir: { op: 'present', value: c.ir, negated: e.negated }, type: T.boolean };
    }
    case 'within': return checkWithin(ctx, e.operand, e.interval, e.negated, e.span, scope);
    case 'order': {
      const op = e.op === 'before' ? '<' : e.op === 'after' ? '>' : e.op === 'on_or_before' ? '<=' : '>=';
      const l = checkExpr(ctx, e.left, scope);
      const r = checkExpr(ctx, e.right, scope);
      if (isErr(l.type) || isErr(r.type)) return ERR;
      // an optional date/instant is reported by compareChecked as RB408, not as incomparable
      const timeLike = (t: Ty): boolean => t.k === 'date' || t.k === 'instant' || (t.k === 'optional' && timeLike(t.of));
      if (!timeLike(l.type) || !timeLike(r.type)) {
        return report(ctx, 'RB404', `\`${e.op.replace(/_/g, ' ')}\` compares dates or instants, not ${showType(l.type)} and ${showType(r.type)}. Use < or > for numbers.`, e.span);
      }
      return compareChecked(ctx, op, l, r, e.span, [e.left, e.right]);
    }
    case 'interval': {
      const s = checkExpr(ctx, e.start, scope);
      const en = checkExpr(ctx, e.end, scope);
      if (isErr(s.type) || isErr(en.type)) return ERR;
      if (!sameType(s.type, en.type) && !(isNumber(s.type) && isNumber(en.type))) {
        return report(ctx, 'RB410', `An interval runs from ${showType(s.type)} to ${showType(en.type)}; both ends must be of one type.`, e.span);
      }
      if (!isOrdered(s.type)) return report(ctx, 'RB410', `An interval needs ordered ends (dates, instants, numbers, money), not ${showType(s.type)}.`, e.span);
      return {
        ir: { op: 'interval', start: s.ir, end: en.ir, startInclusive: e.startInclusive, endInclusive: e.endInclusive },
        type: T.interval(isNumber(s.type) ? T.decimal : s.type),
      };
    }
    case 'if': {
      const c = checkCondition(ctx, e.condition, scope);
      const thenScope = withPresent(scope, presenceFacts(e.condition, true));
      const elseScope = withPresent(scope, presenceFacts(e.condition, false));
      // `if … then absent else x`: the else branch says what kind of value is absent
      const elseFirst = e.then.kind === 'absent' && !expected;
      const el0 = elseFirst ? checkExpr(ctx, e.else, elseScope) : undefined;
      const th = checkExpr(ctx, e.then, thenScope, expected ?? el0?.type);
      const el = el0 ?? checkExpr(ctx, e.else, elseScope, expected ?? th.type);
      const t = unify(th.type, el.type);
      if (!t) return report(ctx, 'RB413', `The \`else\` branch gives ${showType(el.type)} but the \`then\` branch gives ${showType(th.type)}; they must give the same kind of value.`, e.else.span);
      return { ir: { op: 'if', cond: c.ir, then: th.ir, else: el.ir }, type: t };
    }
    case 'match': return checkMatch(ctx, e, scope, expected);
    case 'aggregate': return checkAggregate(ctx, e, scope);
    case 'list': {
      let t: Ty = T.empty;
      const items = e.items.map((it) => {
        const c = checkExpr(ctx, it, scope, t.k === 'empty' ? expected && expected.k === 'list' ? expected.of : undefined : t);
        const u = unify(t, c.type);
        if (!u) ctx.diagnostics.push(error('RB400', `List items must be of one type; this is ${showType(c.type)} but earlier items are ${showType(t)}.`, it.span));
        else t = u;
        return c.ir;
      });
      return { ir: { op: 'list', items }, type: T.list(t) };
    }
    case 'record': {
      const seen = new Set<string>();
      const fields = e.fields.map((f) => {
        if (seen.has(f.name.text)) ctx.diagnostics.push(error('RB308', `The field \`${f.name.text}\` is given twice.`, f.name.span));
        seen.add(f.name.text);
        const c = checkExpr(ctx, f.value, scope);
        return { name: f.name.text, ir: c.ir, type: c.type };
      });
      return {
        ir: { op: 'record', fields: fields.map((f) => ({ name: f.name, value: f.ir })) },
        type: { k: 'struct', fields: fields.map((f) => ({ name: f.name, type: f.type })) },
      };
    }
    case 'effective': return checkEffective(ctx, e, scope, expected);
  }
}


// ----------------------------------------------------------------------- names

const BUILTIN_VALUES = ['as_of'];

function enumValueOwners(ctx: CheckContext, value: string): string[] {
  const owners: string[] = [];
  for (const [name, s] of ctx.r.symbols) {
    if (s.kind === 'enum' && s.values.includes(value)) owners.push(name);
    if (s.kind === 'reading' && s.options.includes(value)) owners.push(name);
  }
  return owners;
}


function checkName(ctx: CheckContext, n: A.Name, scope: Scope, expected?: Ty): Checked {
  const text = n.text;
  if (!text) return ERR;
  const local = scope.locals.get(text);
  if (local) return { ir: { op: 'local', name: text }, type: narrow(local, text, scope) };
  if (expected?.k === 'enum') {
    const values = enumValues(ctx, expected.name);
    if (values?.includes(text)) return { ir: { op: 'const', type: expected, value: text }, type: expected };
  }
  const sym = ctx.r.symbols.get(text);
  if (sym) {
    switch (sym.kind) {
      case 'input': return { ir: { op: 'input', name: text }, type: narrow(sym.type, text, scope) };
      case 'reading': return { ir: { op: 'reading', name: text }, type: { k: 'enum', name: text } };
      case 'dated':
        return report(ctx, 'RB307', `\`${text}\` is dated reference data: look a row up on a date, ${text}(d${sym.decl.keyField ? `, ${sym.decl.keyField.text}` : ''}).`, n.span);
      case 'history':
        if (sym.params.length) return report(ctx, 'RB307', `The state \`${text}\` is kept per ${sym.params.map((p) => p.name).join(', ')}: write ${text}(${sym.params.map((p) => p.name).join(', ')}).`, n.span);
        scope.deps.add(text);
        return { ir: { op: 'history', name: text, query: 'current' }, type: ctx.typeOfSymbol(text) };
      case 'ledger': scope.deps.add(text); return { ir: { op: 'ref', name: text }, type: ctx.typeOfSymbol(text) };
      case 'value': case 'table': case 'eligible': case 'output': {
        if ((sym.kind !== 'output' && sym.params.length > 0)) {
          return report(ctx, 'RB307', `\`${text}\` takes ${sym.params.length} argument(s): write ${text}(${sym.params.map((p) => p.name).join(', ')}).`, n.span);
        }
        scope.deps.add(text);
        return { ir: { op: 'ref', name: text }, type: narrow(ctx.typeOfSymbol(text), text, scope) };
      }
      case 'enum': case 'record':
        return report(ctx, 'RB400', `\`${text}\` is a type, not a value.`, n.span);
    }
  }
  if (text === 'as_of') return { ir: { op: 'as_of' }, type: T.instant };
  const owners = enumValueOwners(ctx, text);
  if (owners.length === 1) {
    const t: Ty = { k: 'enum', name: owners[0]! };
    return { ir: { op: 'const', type: t, value: text }, type: t };
  }
  if (owners.length > 1) {
    return report(ctx, 'RB304', `\`${text}\` is a value of ${owners.join(' and ')}; compare it with a field of one of them, e.g. \`x is ${text}\`.`, n.span);
  }
  // types are not values: suggesting `Purchase` for `purchase` would only lead to another error
  if (expected?.k === 'enum') {
    // where a value of a known enumeration is expected (a table cell, `x = …`), a stray name is a misspelt value
    const values = enumValues(ctx, expected.name) ?? [];
    const isReading = ctx.r.symbols.get(expected.name)?.kind === 'reading';
    return report(ctx, isReading ? 'RB305' : 'RB304', `\`${text}\` is not ${isReading ? 'an option' : 'a value'} of ${expected.name}.${didYouMean(text, values)} Its values are: ${values.join(', ')}.`, n.span);
  }
  return report(ctx, 'RB300', `\`${text}\` is not defined.${didYouMean(text, nameCandidates(ctx.r, scope.locals.keys(), BUILTIN_VALUES))}`, n.span);
}

function narrow(t: Ty, path: string, scope: Scope): Ty {
  return t.k === 'optional' && scope.present.has(path) ? t.of : t;
}

function checkField(ctx: CheckContext, e: A.Expr & { kind: 'field' }, scope: Scope): Checked {
  const target = checkExpr(ctx, e.target, scope);
  if (isErr(target.type)) return ERR;
  const name = e.field.text;
  const path = pathOf(e);
  let fields: { name: string; type: Ty }[] | undefined;
  const tt = target.type;
  if (tt.k === 'record') {
    const sym = ctx.r.symbols.get(tt.name);
    if (sym?.kind === 'record') fields = [...sym.fields].map(([n, f]) => ({ name: n, type: f.type }));
  } else if (tt.k === 'struct') {
    fields = tt.fields;
  } else if (tt.k === 'eligibility') {
    fields = [{ name: 'eligible', type: T.boolean }];
  } else if (tt.k === 'optional') {
    const hint = pathOf(e.target);
    return report(ctx, 'RB408', `${hint ? `\`${hint}\`` : 'This value'} may be absent, so \`.${name}\` cannot be read directly. Test \`${hint ?? 'it'} is present and …\` first.`, e.field.span);
  } else {
    return report(ctx, 'RB414', `\`.${name}\` needs a record, but this is ${showType(tt)}.`, e.field.span);
  }
  const f = fields?.find((x) => x.name === name);
  if (!f) {
    return report(ctx, 'RB303', `${showType(tt).replace(/^a /, 'A ')} has no field \`${name}\`.${didYouMean(name, (fields ?? []).map((x) => x.name))}`, e.field.span);
  }
  const type = path ? narrow(f.type, path, scope) : f.type;
  if (tt.k === 'eligibility') return { ir: { op: 'elig_ok', value: target.ir }, type };
  return { ir: { op: 'field', target: target.ir, name }, type };
}

function checkCall(ctx: CheckContext, e: A.Expr & { kind: 'call' }, scope: Scope): Checked {
  const name = e.callee.text;
  const sym = ctx.r.symbols.get(name);
  if (sym && (sym.kind === 'value' || sym.kind === 'table' || sym.kind === 'eligible' || sym.kind === 'history')) {
    if (e.args.length !== sym.params.length) {
      return report(ctx, 'RB307', `\`${name}\` takes ${sym.params.length} argument(s) (${sym.params.map((p) => p.name).join(', ')}), not ${e.args.length}.`, e.span);
    }
    const args = e.args.map((a, i) => {
      const p = sym.params[i]!;
      const c = checkExpr(ctx, a, scope, p.type);
      if (!isErr(c.type) && !isErr(p.type) && !assignable(c.type, p.type)) {
        ctx.diagnostics.push(error(c.type.k === 'optional' ? 'RB408' : 'RB400', `Argument \`${p.name}\` of ${name} must be ${showType(p.type)}, but this is ${showType(c.type)}.`, a.span));
      }
      return c.ir;
    });
    scope.deps.add(name);
    if (sym.kind === 'history') return { ir: { op: 'history', name, query: 'current', args }, type: ctx.typeOfSymbol(name) };
    return { ir: { op: 'call', name, args }, type: ctx.typeOfSymbol(name) };
  }
  if (sym?.kind === 'dated') return checkDatedLookup(ctx, e, sym.decl, scope);
  if (sym) return report(ctx, 'RB306', `\`${name}\` cannot be called with arguments.`, e.callee.span);
  if (BUILTIN_FUNCTIONS.includes(name)) return checkBuiltin(ctx, e, scope);
  return report(ctx, 'RB300', `There is no function \`${name}\`.${didYouMean(name, [...BUILTIN_FUNCTIONS, ...ctx.r.symbols.keys()])}`, e.callee.span);
}

