/**
 * Stage 3a: type-checks an expression and lowers it to IR in the same walk. Every
 * overloaded operator is resolved here to one monomorphic operation (add_money,
 * pct_of_money, date_add, …), so the runtime never inspects types.
 */
import type * as A from '../language/ast.js';
import { error, didYouMean, type Diagnostic, type DiagnosticCode } from '../language/diagnostics.js';
import type { Span } from '../language/span.js';
import type { Expr, Ty, CmpKind, ArithFn, AggKind, SourceSpan } from '../runtime/ir.js';
import { isCurrency } from '../runtime/values/currencies.js';
import type { Resolved } from './resolve.js';
import { isKnownZone } from '../runtime/values/instant.js';
import { T, sameType, assignable, unify, isNumber, showType, cmpKindOf, isOrdered } from './types.js';
import { parseDateLiteral, parseInstantLiteral } from './literals.js';
import { withLocal, withPresent, pathOf, presenceFacts, type Scope } from './scope.js';

export interface Checked { ir: Expr; type: Ty }

export interface CheckContext {
  r: Resolved;
  diagnostics: Diagnostic[];
  /** The type of a top-level definition, checking it on demand. */
  typeOfSymbol(name: string): Ty;
  /** Money rounding scale (digits after the point) of the program. */
  moneyScale: number;
  /** The source text of a span, whitespace folded (for explanations). */
  textOf(span: Span): string;
}

const ERR: Checked = { ir: { op: 'const', type: T.error, value: null }, type: T.error };

/** Span as the artifact stores it. */
export function sourceSpan(s: Span): SourceSpan {
  return [s.startLine, s.startColumn, s.endLine, s.endColumn];
}

function report(ctx: CheckContext, code: DiagnosticCode, message: string, span: Span): Checked {
  ctx.diagnostics.push(error(code, message, span));
  return ERR;
}

function isErr(t: Ty): boolean { return t.k === 'empty'; }

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

/** Checks an expression; `expected` lets bare enum values resolve against the expected enum. */
export function checkExpr(ctx: CheckContext, e: A.Expr, scope: Scope, expected?: Ty): Checked {
  switch (e.kind) {
    case 'error': return ERR;
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
      const fn: ArithFn | undefined = isNumber(c.type) ? 'neg' : c.type.k === 'money' ? 'neg_money' : c.type.k === 'percent' ? 'neg_pct' : undefined;
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
      const th = checkExpr(ctx, e.then, withPresent(scope, presenceFacts(e.condition, true)), expected);
      const el = checkExpr(ctx, e.else, withPresent(scope, presenceFacts(e.condition, false)), expected ?? th.type);
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
const BUILTIN_FUNCTIONS = ['date', 'min', 'max', 'round', 'abs', 'floor', 'ceil', 'days_between'];

function enumValueOwners(ctx: CheckContext, value: string): string[] {
  const owners: string[] = [];
  for (const [name, s] of ctx.r.symbols) {
    if (s.kind === 'enum' && s.values.includes(value)) owners.push(name);
    if (s.kind === 'reading' && s.options.includes(value)) owners.push(name);
  }
  return owners;
}

function enumValues(ctx: CheckContext, name: string): string[] | undefined {
  const s = ctx.r.symbols.get(name);
  if (s?.kind === 'enum') return s.values;
  if (s?.kind === 'reading') return s.options;
  return undefined;
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
  const candidates = [...scope.locals.keys(), ...[...ctx.r.symbols].filter(([, s]) => s.kind !== 'enum' && s.kind !== 'record').map(([k]) => k), ...BUILTIN_VALUES];
  for (const s of ctx.r.symbols.values()) if (s.kind === 'enum') candidates.push(...s.values);
  return report(ctx, 'RB300', `\`${text}\` is not defined.${didYouMean(text, candidates)}`, n.span);
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
  if (sym && (sym.kind === 'value' || sym.kind === 'table' || sym.kind === 'eligible')) {
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
    return { ir: { op: 'call', name, args }, type: ctx.typeOfSymbol(name) };
  }
  if (sym) return report(ctx, 'RB306', `\`${name}\` cannot be called with arguments.`, e.callee.span);
  if (BUILTIN_FUNCTIONS.includes(name)) return checkBuiltin(ctx, e, scope);
  return report(ctx, 'RB300', `There is no function \`${name}\`.${didYouMean(name, [...BUILTIN_FUNCTIONS, ...ctx.r.symbols.keys()])}`, e.callee.span);
}

function checkBuiltin(ctx: CheckContext, e: A.Expr & { kind: 'call' }, scope: Scope): Checked {
  const name = e.callee.text;
  const args = e.args.map((a) => checkExpr(ctx, a, scope));
  if (args.some((a) => isErr(a.type))) return ERR;
  const absent = args.findIndex((a) => a.type.k === 'optional');
  if (absent >= 0) {
    const what = pathOf(e.args[absent]!);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'This value'} may be absent, so ${name}(…) cannot use it directly. Test it with \`is present\` first, or give a default with \`or else\`.`, e.args[absent]!.span);
  }
  const arity = (n: number) => args.length === n || (report(ctx, 'RB307', `${name}(…) takes ${n} argument(s), not ${args.length}.`, e.span), false);
  switch (name) {
    case 'date':
      if (!arity(1)) return ERR;
      if (args[0]!.type.k !== 'instant') return report(ctx, 'RB400', `date(…) takes an instant and gives its calendar date in the program's zone; this is ${showType(args[0]!.type)}.`, e.span);
      return { ir: { op: 'builtin', fn: 'to_date', args: [args[0]!.ir] }, type: T.date };
    case 'min': case 'max': {
      if (!arity(2)) return ERR;
      const t = unify(args[0]!.type, args[1]!.type);
      if (!t || !isOrdered(t) || t.k === 'optional') return report(ctx, 'RB404', `${name}(…) needs two values of one ordered type, not ${showType(args[0]!.type)} and ${showType(args[1]!.type)}.`, e.span);
      if (args[0]!.type.k === 'money' && args[1]!.type.k === 'money' && args[0]!.type.cur !== args[1]!.type.cur) return report(ctx, 'RB402', 'min/max of amounts in different currencies.', e.span);
      return { ir: { op: 'builtin', fn: name, args: args.map((a) => a.ir) }, type: t };
    }
    case 'round': case 'floor': case 'ceil': case 'abs': {
      if (args.length < 1 || args.length > 2) return report(ctx, 'RB307', `${name}(…) takes a value and optionally a number of decimals.`, e.span);
      const t = args[0]!.type;
      if (!(isNumber(t) || t.k === 'money' || t.k === 'percent')) return report(ctx, 'RB400', `${name}(…) takes a number, money or a percentage, not ${showType(t)}.`, e.span);
      if (args[1] && args[1].type.k !== 'integer') return report(ctx, 'RB400', 'The number of decimals must be a whole number.', e.args[1]!.span);
      const fn = name === 'round' ? (t.k === 'money' && !args[1] ? 'round_money' : 'round_num') : name;
      const scale = args[1] ? Number((args[1].ir as { value: string }).value) : t.k === 'money' ? ctx.moneyScale : 0;
      return { ir: { op: 'builtin', fn: fn as 'round_num', args: [args[0]!.ir], scale }, type: t.k === 'integer' || name === 'abs' ? t : t.k === 'decimal' && scale === 0 && name !== 'round' ? T.integer : t };
    }
    case 'days_between':
      if (!arity(2)) return ERR;
      if (args[0]!.type.k !== 'date' || args[1]!.type.k !== 'date') return report(ctx, 'RB400', 'days_between(a, b) takes two dates.', e.span);
      return { ir: { op: 'builtin', fn: 'days_between', args: args.map((a) => a.ir) }, type: T.integer };
  }
  return ERR;
}

// ------------------------------------------------------------------ operators

function checkBinary(ctx: CheckContext, e: A.Expr & { kind: 'binary' }, scope: Scope): Checked {
  if (e.op === 'and' || e.op === 'or') {
    const l = checkCondition(ctx, e.left, scope);
    const rightScope = withPresent(scope, presenceFacts(e.left, e.op === 'and'));
    const r = checkCondition(ctx, e.right, rightScope);
    const args = [l.ir, r.ir].flatMap((a) => (a.op === e.op ? (a as { args: Expr[] }).args : [a]));
    return { ir: { op: e.op, args }, type: T.boolean };
  }
  if (e.op === 'or_else') {
    const l = checkExpr(ctx, e.left, scope);
    const r = checkExpr(ctx, e.right, scope, l.type.k === 'optional' ? l.type.of : l.type);
    if (isErr(l.type) || isErr(r.type)) return ERR;
    const inner = l.type.k === 'optional' ? l.type.of : l.type;
    const t = unify(inner, r.type);
    if (!t) return report(ctx, 'RB400', `\`or else\` must give ${showType(inner)} like the value before it, not ${showType(r.type)}.`, e.right.span);
    return { ir: { op: 'or_else', value: l.ir, fallback: r.ir }, type: t };
  }
  const l = checkExpr(ctx, e.left, scope);
  const r = checkExpr(ctx, e.right, scope);
  if (isErr(l.type) || isErr(r.type)) return ERR;
  const lt = l.type, rt = r.type;
  if (lt.k === 'optional' || rt.k === 'optional') {
    const side = lt.k === 'optional' ? e.left : e.right;
    const what = pathOf(side);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'A value here'} may be absent; test it with \`is present\` or give a default with \`or else\` before using \`${e.op}\`.`, side.span);
  }
  const arith = (fn: ArithFn, type: Ty, args = [l.ir, r.ir], scale?: number): Checked => ({ ir: { op: 'arith', fn, args, ...(scale !== undefined ? { scale } : {}) }, type });
  const num = isNumber(lt) && isNumber(rt);
  const numType = lt.k === 'integer' && rt.k === 'integer' ? T.integer : T.decimal;
  const sameCurrency = () => lt.k === 'money' && rt.k === 'money' && lt.cur === rt.cur;
  const mixed = () => report(ctx, 'RB402', `This mixes ${(lt as { cur: string }).cur} and ${(rt as { cur: string }).cur}; the rules never convert currencies implicitly.`, e.span);
  const s = ctx.moneyScale;
  switch (e.op) {
    case '+':
    case '-': {
      const add = e.op === '+';
      if (num) return arith(add ? 'add' : 'sub', numType);
      if (lt.k === 'money' && rt.k === 'money') return sameCurrency() ? arith(add ? 'add_money' : 'sub_money', lt) : mixed();
      if (lt.k === 'percent' && rt.k === 'percent') return arith(add ? 'add_pct' : 'sub_pct', lt);
      if ((lt.k === 'date' || lt.k === 'instant') && rt.k === 'duration') {
        if (lt.k === 'instant' && e.right.kind === 'duration' && e.right.unit === 'business_days') {
          return report(ctx, 'RB407', 'Business days are counted on dates: write date(x) + 3 business days.', e.span);
        }
        return { ir: { op: 'date_add', base: l.ir, duration: r.ir, sign: add ? 1 : -1, instant: lt.k === 'instant' }, type: lt };
      }
      if (add && lt.k === 'duration' && (rt.k === 'date' || rt.k === 'instant')) {
        return { ir: { op: 'date_add', base: r.ir, duration: l.ir, sign: 1, instant: rt.k === 'instant' }, type: rt };
      }
      if (!add && lt.k === 'date' && rt.k === 'date') return arith('sub_date_date', T.integer);
      if ((lt.k === 'percent' && isNumber(rt)) || (isNumber(lt) && rt.k === 'percent')) {
        return report(ctx, 'RB403', 'A percentage and a plain number are mixed here. Write percentages with % (20%), never as 0.2.', e.span);
      }
      if ((lt.k === 'money' && isNumber(rt)) || (isNumber(lt) && rt.k === 'money')) {
        return report(ctx, 'RB407', `Money and a plain number cannot be ${add ? 'added' : 'subtracted'}: write the number with its currency, e.g. 100 ${(lt.k === 'money' ? lt : rt as { cur: string }).cur}.`, e.span);
      }
      return report(ctx, 'RB407', `\`${e.op}\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case '*': {
      if (num) return arith('mul', numType);
      if (lt.k === 'money' && rt.k === 'money') return report(ctx, 'RB401', 'Money times money has no meaning. Multiply money by a number or take a percentage of it (20% of amount).', e.span);
      if (lt.k === 'money' && isNumber(rt)) return arith('mul_money_num', lt, [l.ir, r.ir], s);
      if (isNumber(lt) && rt.k === 'money') return arith('mul_money_num', rt, [r.ir, l.ir], s);
      if (lt.k === 'percent' && rt.k === 'money') return arith('pct_of_money', rt, [l.ir, r.ir], s);
      if (lt.k === 'money' && rt.k === 'percent') return arith('pct_of_money', lt, [r.ir, l.ir], s);
      if (lt.k === 'percent' && isNumber(rt)) return arith('mul_pct_num', lt);
      if (isNumber(lt) && rt.k === 'percent') return arith('mul_pct_num', rt, [r.ir, l.ir]);
      return report(ctx, 'RB407', `\`*\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case '/': {
      if (num) return arith('div', T.decimal);
      if (lt.k === 'money' && isNumber(rt)) return arith('div_money_num', lt, [l.ir, r.ir], s);
      if (lt.k === 'money' && rt.k === 'money') return sameCurrency() ? arith('div_money_money', T.decimal) : mixed();
      return report(ctx, 'RB407', `\`/\` does not apply to ${showType(lt)} and ${showType(rt)}.`, e.span);
    }
    case 'of': {
      if (lt.k !== 'percent') {
        if (isNumber(lt)) return report(ctx, 'RB403', `\`of\` takes a percentage on its left: write ${e.left.kind === 'number' ? `${Number(e.left.text) < 1 ? Number((Number(e.left.text) * 100).toFixed(6)) : e.left.text}%` : 'it with %'} rather than a plain number.`, e.left.span);
        return report(ctx, 'RB407', `\`of\` takes a percentage on its left, not ${showType(lt)}.`, e.left.span);
      }
      if (rt.k === 'money') return arith('pct_of_money', rt, [l.ir, r.ir], s);
      if (isNumber(rt)) return arith('pct_of_num', T.decimal);
      return report(ctx, 'RB407', `A percentage is taken of money or a number, not of ${showType(rt)}.`, e.right.span);
    }
  }
  return ERR;
}

/** Makes one side of a date/instant comparison a date when the other side is a date. */
function alignTime(l: Checked, r: Checked): [Checked, Checked] {
  const toDate = (c: Checked): Checked => ({ ir: { op: 'builtin', fn: 'to_date', args: [c.ir] }, type: T.date });
  if (l.type.k === 'instant' && r.type.k === 'date') return [toDate(l), r];
  if (l.type.k === 'date' && r.type.k === 'instant') return [l, toDate(r)];
  return [l, r];
}

function checkCompare(ctx: CheckContext, op: A.CompareOp, le: A.Expr, re: A.Expr, span: Span, scope: Scope): Checked {
  const l = checkExpr(ctx, le, scope);
  const r = checkExpr(ctx, re, scope, l.type);
  if (isErr(l.type) || isErr(r.type)) return ERR;
  return compareChecked(ctx, op, l, r, span, [le, re]);
}

function compareChecked(ctx: CheckContext, op: A.CompareOp, l0: Checked, r0: Checked, span: Span, sides?: [A.Expr, A.Expr]): Checked {
  if (l0.type.k === 'optional' || r0.type.k === 'optional') {
    // point at the side that may be absent, and name it when it is a name or field
    const side = sides?.[l0.type.k === 'optional' ? 0 : 1];
    const what = side && pathOf(side);
    return report(ctx, 'RB408', `${what ? `\`${what}\`` : 'One side of this comparison'} may be absent. Test it with \`is present\` first, or give a default with \`or else\`.`, side?.span ?? span);
  }
  const [l, r] = alignTime(l0, r0);
  const lt = l.type, rt = r.type;
  if (lt.k === 'money' && rt.k === 'money' && lt.cur !== rt.cur) return report(ctx, 'RB402', `This compares ${lt.cur} with ${rt.cur}; the rules never convert currencies implicitly.`, span);
  if ((lt.k === 'percent' && isNumber(rt)) || (isNumber(lt) && rt.k === 'percent')) {
    return report(ctx, 'RB403', 'A percentage is compared with a plain number. Write the number as a percentage (20%, not 0.2).', span);
  }
  const comparable = (isNumber(lt) && isNumber(rt)) || sameType(lt, rt);
  const kind = cmpKindOf(lt);
  if (!comparable || !kind) {
    const hint = (lt.k === 'money' && isNumber(rt)) || (isNumber(lt) && rt.k === 'money') ? ' Write the number with its currency, e.g. 5000 RUB.' : '';
    return report(ctx, 'RB404', `${showType(lt).replace(/^./, (c) => c.toUpperCase())} cannot be compared with ${showType(rt)}.${hint}`, span);
  }
  if (op !== '=' && op !== '<>' && !isOrdered(lt)) {
    return report(ctx, 'RB404', `${showType(lt).replace(/^./, (c) => c.toUpperCase())} has no order; only = and <> apply.`, span);
  }
  return { ir: { op: 'cmp', kind, cmp: op, left: l.ir, right: r.ir, span: sourceSpan(span) }, type: T.boolean };
}

function checkIs(ctx: CheckContext, e: A.Expr & { kind: 'is' }, scope: Scope): Checked {
  const l = checkExpr(ctx, e.left, scope);
  if (isErr(l.type)) return ERR;
  if (l.type.k === 'optional') return report(ctx, 'RB408', 'This value may be absent; test `is present` first or use `or else`.', e.left.span);
  const kind = cmpKindOf(l.type);
  if (!kind || !['enum', 'text', 'boolean', 'integer', 'decimal', 'money', 'percent', 'date'].includes(l.type.k)) {
    return report(ctx, 'RB404', `\`is\` compares a value with named values; ${showType(l.type)} cannot be tested this way.`, e.left.span);
  }
  const items = e.right.map((re) => {
    if (l.type.k === 'enum' && re.kind === 'name') {
      const values = enumValues(ctx, l.type.name) ?? [];
      if (!values.includes(re.name.text) && !scope.locals.has(re.name.text) && !ctx.r.symbols.has(re.name.text)) {
        const isReading = ctx.r.symbols.get(l.type.name)?.kind === 'reading';
        ctx.diagnostics.push(error(isReading ? 'RB305' : 'RB304', `\`${re.name.text}\` is not ${isReading ? 'an option of the reading' : 'a value of'} ${l.type.name}.${didYouMean(re.name.text, values)} Its ${isReading ? 'options' : 'values'} are: ${values.join(', ')}.`, re.span));
        return ERR.ir;
      }
    }
    const c = checkExpr(ctx, re, scope, l.type);
    if (!isErr(c.type) && !sameType(c.type, l.type) && !(isNumber(c.type) && isNumber(l.type))) {
      ctx.diagnostics.push(error('RB404', `${showType(l.type).replace(/^./, (x) => x.toUpperCase())} is compared with ${showType(c.type)}.`, re.span));
    }
    return c.ir;
  });
  if (items.length === 1) return { ir: { op: 'cmp', kind, cmp: e.negated ? '<>' : '=', left: l.ir, right: items[0]!, span: sourceSpan(e.span) }, type: T.boolean };
  return { ir: { op: 'in_set', kind, value: l.ir, items, negated: e.negated }, type: T.boolean };
}

function checkWithin(ctx: CheckContext, operand: A.Expr, intervalExpr: A.Expr, negated: boolean, span: Span, scope: Scope): Checked {
  const v = checkExpr(ctx, operand, scope);
  const iv = checkExpr(ctx, intervalExpr, scope);
  if (isErr(v.type) || isErr(iv.type)) return ERR;
  if (v.type.k === 'optional') return report(ctx, 'RB408', 'This value may be absent; test `is present` first.', operand.span);
  if (iv.type.k !== 'interval') return report(ctx, 'RB400', `\`within\` needs an interval (from … through …), but this is ${showType(iv.type)}.`, intervalExpr.span);
  let value = v;
  const et = iv.type.of;
  if (v.type.k === 'instant' && et.k === 'date') value = { ir: { op: 'builtin', fn: 'to_date', args: [v.ir] }, type: T.date };
  if (v.type.k === 'date' && et.k === 'instant') return report(ctx, 'RB404', 'A date cannot be tested against an interval of instants; the date has no time of day.', span);
  const kind = cmpKindOf(value.type);
  const fits = sameType(value.type, et) || (isNumber(value.type) && isNumber(et));
  if (!fits || !kind) return report(ctx, 'RB404', `${showType(v.type).replace(/^./, (c) => c.toUpperCase())} cannot be tested against ${showType(iv.type)}.`, span);
  return { ir: { op: 'within', kind, value: value.ir, interval: iv.ir, negated, span: sourceSpan(span) }, type: T.boolean };
}

function checkMatch(ctx: CheckContext, e: A.Expr & { kind: 'match' }, scope: Scope, expected?: Ty): Checked {
  const subj = checkExpr(ctx, e.subject, scope);
  if (isErr(subj.type)) return ERR;
  if (subj.type.k !== 'enum' && subj.type.k !== 'text') return report(ctx, 'RB404', `\`match\` works on an enumeration or text, not ${showType(subj.type)}.`, e.subject.span);
  const values = subj.type.k === 'enum' ? enumValues(ctx, subj.type.name) ?? [] : [];
  const covered = new Set<string>();
  let unknownValue = false;
  let resultType: Ty = T.empty;
  const arms = e.arms.map((arm) => {
    const vals: string[] = [];
    for (const v of arm.values) {
      const text = v.kind === 'name' ? v.name.text : v.kind === 'string' ? v.value : undefined;
      if (text === undefined || (subj.type.k === 'enum' && !values.includes(text))) {
        unknownValue = true;
        const isReading = subj.type.k === 'enum' && ctx.r.symbols.get(subj.type.name)?.kind === 'reading';
        ctx.diagnostics.push(error(isReading ? 'RB305' : 'RB304', `\`${text ?? '?'}\` is not ${isReading ? 'an option' : 'a value'} of ${subj.type.k === 'enum' ? subj.type.name : showType(subj.type)}.${didYouMean(text ?? '', values)}`, v.span));
        continue;
      }
      covered.add(text);
      vals.push(text);
    }
    const r = checkExpr(ctx, arm.result, scope, expected ?? (resultType.k === 'empty' ? undefined : resultType));
    const u = unify(resultType, r.type);
    if (!u) ctx.diagnostics.push(error('RB413', `This case gives ${showType(r.type)} but earlier cases give ${showType(resultType)}.`, arm.result.span));
    else resultType = u;
    return { values: vals, result: r.ir };
  });
  let otherwise: Expr | undefined;
  if (e.otherwise) {
    const o = checkExpr(ctx, e.otherwise, scope, expected ?? resultType);
    const u = unify(resultType, o.type);
    if (!u) ctx.diagnostics.push(error('RB413', `\`otherwise\` gives ${showType(o.type)} but the cases give ${showType(resultType)}.`, e.otherwise.span));
    else resultType = u;
    otherwise = o.ir;
  } else {
    const missing = subj.type.k === 'enum' ? values.filter((v) => !covered.has(v)) : ['(other text)'];
    // after a misspelt case the missing value is usually the misspelt one: one error is enough
    if (missing.length && !unknownValue) {
      return report(ctx, 'RB406', `This match does not say what happens for ${missing.join(', ')}. Add \`when ${missing[0]} then …\` or \`otherwise …\`.`, e.span);
    }
  }
  return { ir: { op: 'match', subject: subj.ir, arms, ...(otherwise ? { otherwise } : {}) }, type: resultType };
}

function checkAggregate(ctx: CheckContext, e: A.Expr & { kind: 'aggregate' }, scope: Scope): Checked {
  const coll = checkExpr(ctx, e.collection, scope);
  if (isErr(coll.type)) return ERR;
  if (coll.type.k !== 'list') return report(ctx, 'RB411', `\`${e.variable.text} in …\` needs a list, but this is ${showType(coll.type)}.`, e.collection.span);
  const elem = coll.type.of;
  const inner = withLocal(scope, e.variable.text, elem);
  const where = e.where ? checkCondition(ctx, e.where, inner) : undefined;
  const valueScope = e.where ? withPresent(inner, presenceFacts(e.where, true)) : inner;
  const value = e.value ? checkExpr(ctx, e.value, valueScope) : undefined;
  const vt = value?.type;
  const base = { op: 'agg' as const, kind: e.op as AggKind, variable: e.variable.text, list: coll.ir, ...(where ? { where: where.ir } : {}) };
  if (vt && isErr(vt)) return ERR;
  switch (e.op) {
    case 'count': return { ir: base, type: T.integer };
    case 'exists': case 'none': return { ir: base, type: T.boolean };
    case 'filter': return { ir: base, type: coll.type };
    case 'every': {
      const c = asCondition(ctx, value!, e.value!.span);
      return { ir: { ...base, value: c.ir }, type: T.boolean };
    }
    case 'sum': {
      if (!vt || !(isNumber(vt) || vt.k === 'money' || vt.k === 'percent')) return report(ctx, 'RB400', `Only numbers, money or percentages can be summed, not ${showType(vt ?? T.empty)}.`, e.value!.span);
      return { ir: { ...base, value: value!.ir }, type: vt };
    }
    case 'distinct_count': {
      const kind = vt && cmpKindOf(vt);
      if (!kind) return report(ctx, 'RB404', `Distinct values of ${showType(vt ?? T.empty)} cannot be counted.`, e.value!.span);
      return { ir: { ...base, value: value!.ir, valueKind: kind }, type: T.integer };
    }
    case 'minimum': case 'maximum': case 'earliest': case 'latest': {
      if (!vt || !isOrdered(vt) || vt.k === 'text') return report(ctx, 'RB404', `${e.op} needs values that can be ordered (dates, instants, numbers, money), not ${showType(vt ?? T.empty)}.`, e.value!.span);
      const resultType = e.op === 'earliest' || e.op === 'latest' ? T.optional(elem) : T.optional(vt);
      return { ir: { ...base, value: value!.ir, valueKind: cmpKindOf(vt) }, type: resultType };
    }
    case 'map': return { ir: { ...base, value: value!.ir }, type: T.list(vt!) };
  }
  return ERR;
}

function checkEffective(ctx: CheckContext, e: A.Expr & { kind: 'effective' }, scope: Scope, expected?: Ty): Checked {
  const at = checkExpr(ctx, e.at, scope);
  if (isErr(at.type)) return ERR;
  if (at.type.k !== 'date' && at.type.k !== 'instant') return report(ctx, 'RB400', `\`in force on\` needs the date or instant of the event that selects the version, not ${showType(at.type)}.`, e.at.span);
  let resultType: Ty = T.empty;
  let prevEnd = -Infinity;
  let versionCount = 0;
  const versions = e.versions.map((v) => {
    const from = v.from ? parseDateLiteral((v.from as { text: string }).text) : undefined;
    const until = v.until ? parseDateLiteral((v.until as { text: string }).text) : undefined;
    if (v.from && from === undefined) ctx.diagnostics.push(error('RB204', `${(v.from as { text: string }).text} is not a real calendar date.`, v.from.span));
    if (v.until && until === undefined) ctx.diagnostics.push(error('RB204', `${(v.until as { text: string }).text} is not a real calendar date.`, v.until.span));
    const start = from ?? -Infinity;
    const end = until ?? Infinity;
    if (start > end || (prevEnd !== -Infinity && start <= prevEnd) || (versionCount++ > 0 && start === -Infinity)) {
      ctx.diagnostics.push(error('RB504', 'This period overlaps the one before it or comes before it. List versions in date order with no day in two of them.', v.span));
    }
    prevEnd = end;
    const c = checkExpr(ctx, v.value, scope, expected ?? (resultType.k === 'empty' ? undefined : resultType));
    const u = unify(resultType, c.type);
    if (!u) ctx.diagnostics.push(error('RB413', `This version gives ${showType(c.type)} but earlier versions give ${showType(resultType)}.`, v.value.span));
    else resultType = u;
    return { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}), value: c.ir, clauses: v.citations.map((c2) => c2.text) };
  });
  return {
    ir: { op: 'effective', at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', versions, span: sourceSpan(e.span) },
    type: resultType,
  };
}
