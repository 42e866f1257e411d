/**
 * Checks a ledger: lots and draws of one amount type (money or a unit), dates for
 * availability, expiry and draws, keys that order ties, a per-draw limit, and the
 * consumption policy, which must be written (RB435). `ledger on d` is the balance on a day.
 */
import type * as A from '../../language/ast.js';
import { error } from '../../language/diagnostics.js';
import type { Definition, Ty } from '../../runtime/ir.js';
import { T, sameType, showType, cmpKindOf } from '../types.js';
import { withLocal, type Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

/** The struct a ledger evaluates to: each draw with the lots it used, each lot with its use. */
export function ledgerType(amount: Ty, drawKey: Ty, lotKey: Ty): Ty {
  const struct = (fields: [string, Ty][]): Ty => ({ k: 'struct', fields: fields.map(([name, type]) => ({ name, type })) });
  return struct([
    ['draws', T.list(struct([['key', drawKey], ['on', T.date], ['requested', amount], ['taken', amount], ['lots', T.list(struct([['lot', lotKey], ['amount', amount]]))]]))],
    ['lots', T.list(struct([['key', lotKey], ['amount', amount], ['from', T.date], ['until', T.date], ['used', amount], ['unused', amount], ['cancelled', T.boolean]]))],
  ]);
}

/** Checks a `ledger` declaration and lowers it to a definition of kind `ledger`. */
export function checkLedgerDecl(ctx: CheckContext, d: A.LedgerDecl, scope: Scope): Definition {
  const base = { name: d.name.text, kind: 'ledger' as const, params: [], clauses: d.citations.map((c) => c.text), ...(d.doc ? { doc: d.doc } : {}), span: sourceSpan(d.span) };
  const fail = (message: string, span: A.Node['span']): Definition => { ctx.diagnostics.push(error('RB435', message, span)); return { ...base, type: T.error }; };
  if (!d.lots) return fail(`The ledger ${d.name.text} needs its lots: \`lots g in grants amount g.amount from g.credited_on until g.expires_on key g.id\`.`, d.name.span);
  if (!d.draws) return fail(`The ledger ${d.name.text} needs its draws: \`draws o in orders amount o.net dated o.placed_on key o.id\`.`, d.name.span);
  if (!d.policy) return fail(`The ledger ${d.name.text} needs a consumption policy: \`policy earliest expiring first\` or \`policy first in first out\`.`, d.draws.span);
  const expectWords = (got: A.Name[], want: string[], where: string) => {
    got.forEach((w, i) => { if (want[i] !== undefined && w.text !== want[i]) ctx.diagnostics.push(error('RB435', `Expected \`${want[i]}\` here in the ${where} of a ledger, not \`${w.text}\`.`, w.span)); });
  };
  expectWords(d.lots.words, ['amount', 'key', 'cancelled'], 'lots');
  expectWords(d.draws.words, ['amount', 'key', 'limit'], 'draws');
  const pw = d.policy.words.map((w) => w.text).join(' ');
  if (pw !== 'earliest expiring first' && pw !== 'first out' && !(d.policy.which === 'fifo' && pw.startsWith('first'))) {
    return fail(`\`policy ${pw}\` is not a consumption policy: write \`policy earliest expiring first\` or \`policy first in first out\`.`, d.policy.span);
  }
  if (d.policy.which === 'fifo' && pw !== 'first first out') return fail(`\`policy ${pw}\` is not a consumption policy: write \`policy first in first out\`.`, d.policy.span);

  const side = (variable: A.Name, source: A.Expr) => {
    const c = checkExpr(ctx, source, scope);
    if (isErr(c.type)) return undefined;
    if (c.type.k !== 'list') { report(ctx, 'RB435', `A ledger's ${variable.text} come from a list, not ${showType(c.type)}.`, source.span); return undefined; }
    return { source: c, inner: withLocal(scope, variable.text, c.type.of) };
  };
  const lots = side(d.lots.variable, d.lots.source), draws = side(d.draws.variable, d.draws.source);
  if (!lots || !draws) return { ...base, type: T.error };
  const amount = (e: A.Expr, s: Scope): Checked | undefined => {
    const c = checkExpr(ctx, e, s);
    if (isErr(c.type)) return undefined;
    if (c.type.k !== 'money' && c.type.k !== 'unit') { report(ctx, 'RB435', `A ledger counts money or an amount of a unit, not ${showType(c.type)}.`, e.span); return undefined; }
    return c;
  };
  const date = (e: A.Expr, s: Scope, what: string, optional = false): Checked | undefined => {
    const c = checkExpr(ctx, e, s);
    if (isErr(c.type)) return undefined;
    const t = optional && c.type.k === 'optional' ? c.type.of : c.type;
    if (t.k !== 'date') { report(ctx, c.type.k === 'optional' ? 'RB408' : 'RB435', `The ${what} of a ledger is a date, not ${showType(c.type)}.`, e.span); return undefined; }
    return c;
  };
  const key = (e: A.Expr, s: Scope): Checked | undefined => {
    const c = checkExpr(ctx, e, s);
    if (isErr(c.type)) return undefined;
    if (!['text', 'integer', 'enum'].includes(c.type.k)) { report(ctx, 'RB435', `A ledger orders equal days by a key (text or a whole number), not ${showType(c.type)}.`, e.span); return undefined; }
    return c;
  };
  const la = amount(d.lots.amount, lots.inner), lf = date(d.lots.from, lots.inner, 'first day of a lot'), lu = date(d.lots.until, lots.inner, 'last day of a lot');
  const lk = key(d.lots.key, lots.inner);
  const lc = d.lots.cancelled ? date(d.lots.cancelled, lots.inner, 'cancellation day of a lot', true) : undefined;
  const da = amount(d.draws.amount, draws.inner), dd = date(d.draws.on, draws.inner, 'day of a draw'), dk = key(d.draws.key, draws.inner);
  const dl = d.draws.limit ? amount(d.draws.limit, draws.inner) : undefined;
  if (!la || !lf || !lu || !lk || !da || !dd || !dk || (d.lots.cancelled && !lc) || (d.draws.limit && !dl)) return { ...base, type: T.error };
  if (!sameType(la.type, da.type)) return fail(`Lots are ${showType(la.type)} but draws are ${showType(da.type)}: a ledger counts one kind of amount.`, d.draws.amount.span);
  if (dl && !sameType(dl.type, la.type)) return fail(`The limit of a draw is ${showType(dl.type)}, but the ledger counts ${showType(la.type)}.`, d.draws.limit!.span);
  return {
    ...base, type: ledgerType(la.type, dk.type, lk.type),
    ledger: {
      lots: { variable: d.lots.variable.text, source: lots.source.ir, amount: la.ir, from: lf.ir, until: lu.ir, key: lk.ir, keyKind: cmpKindOf(lk.type)!, ...(lc ? { cancelled: lc.ir } : {}) },
      draws: { variable: d.draws.variable.text, source: draws.source.ir, amount: da.ir, on: dd.ir, key: dk.ir, keyKind: cmpKindOf(dk.type)!, ...(dl ? { limit: dl.ir } : {}) },
      policy: d.policy.which,
    },
  };
}

/** True when `e` names a ledger (so `e on d` asks its balance). */
export function isLedgerName(ctx: CheckContext, e: A.Expr, scope: Scope): boolean {
  return e.kind === 'name' && !scope.locals.has(e.name.text) && ctx.r.symbols.get(e.name.text)?.kind === 'ledger';
}

/** `ledger on d`: the balance on day d, of the ledger's amount type. */
export function checkLedgerBalance(ctx: CheckContext, e: A.Expr & { kind: 'historyAt' }, scope: Scope): Checked {
  const name = (e.target as A.Expr & { kind: 'name' }).name.text;
  const t = ctx.typeOfSymbol(name);
  scope.deps.add(name);
  const at = checkExpr(ctx, e.at, scope);
  if (isErr(t) || isErr(at.type)) return ERR;
  if (at.type.k !== 'date') return report(ctx, 'RB435', `The balance of ${name} is asked on a date, not on ${showType(at.type)}.`, e.at.span);
  const amount = t.k === 'struct' ? (t.fields[1]!.type as { of: { fields: { type: Ty }[] } }).of.fields[1]!.type : T.error;
  return { ir: { op: 'ledger_balance', name, at: at.ir, span: sourceSpan(e.span) }, type: amount };
}
