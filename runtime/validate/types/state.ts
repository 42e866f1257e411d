/**
 * The load-time type check of states, dated tables and ledgers (compiler/check/history.ts,
 * dated.ts, ledger.ts): a state's rules give its declared type, ordered by the clock it is
 * kept by, and each question asked of it gives the value, a period or every period; a
 * dated table's rows are its record type, looked up by date and key; a ledger's lots and
 * draws count one kind of amount, on dates, ordered by keys of the kind their `keyKind` says.
 */
import type { Definition, Expr, Ty } from '../../ir.js';
import { isOrdered } from '../../ty.js';
import {
  ANY, BOOL, TEXT, DATE, INSTANT, listOf, optional, strip, isAny, fits, sameShape, mismatch, want, words, condition, fitsDeclared, bind,
  type Scope, type TypeWalker,
} from './common.js';
import { atOn, atKindOf } from './time.js';
import { given } from './presence.js';

/** The record type of one period of a state whose values are `value`, kept by `key`. */
function periodType(value: Ty, key: Ty): Ty {
  return { k: 'struct', fields: [
    { name: 'value', type: value }, { name: 'from', type: key }, { name: 'ends', type: optional(key) },
    { name: 'rule', type: TEXT }, { name: 'clauses', type: listOf(TEXT) },
  ] };
}

/** The struct a ledger evaluates to (compiler/check/ledger.ts's ledgerType). */
function ledgerType(amount: Ty, drawKey: Ty, lotKey: Ty): Ty {
  const struct = (fields: [string, Ty][]): Ty => ({ k: 'struct', fields: fields.map(([name, type]) => ({ name, type })) });
  return struct([
    ['draws', listOf(struct([['key', drawKey], ['on', DATE], ['requested', amount], ['taken', amount], ['lots', listOf(struct([['lot', lotKey], ['amount', amount]]))]]))],
    ['lots', listOf(struct([['key', lotKey], ['amount', amount], ['from', DATE], ['until', DATE], ['used', amount], ['unused', amount], ['cancelled', BOOL]]))],
  ]);
}

export function inferHistoryQuery(w: TypeWalker, e: Extract<Expr, { op: 'history' }>, scope: Scope | undefined): Ty {
  const d = w.definition(e.name)!;
  (e.args ?? []).forEach((x, i) => {
    const p = d.params[i];
    if (p) fitsDeclared(w, x, scope, p.type, `the parameter ${p.name} of ${e.name}`);
    else w.infer(x, scope);
  });
  const key = d.history?.keyKind === 'ms' ? INSTANT : DATE;
  if (e.query === 'value_at' || e.query === 'period_at') atOn(w, e, scope);
  switch (e.query) {
    case 'current': case 'value_at': return d.type;
    case 'period_at': return periodType(d.type, key);
    case 'periods': return listOf(periodType(d.type, key));
    default: return ANY;
  }
}

export function inferDatedLookup(w: TypeWalker, e: Extract<Expr, { op: 'dated' }>, scope: Scope | undefined): Ty {
  const d = w.definition(e.name)!;
  atOn(w, e, scope);
  const keyField = d.dated?.keyField;
  if (e.key && keyField !== undefined && d.type.k === 'record') fitsDeclared(w, e.key, scope, w.fields(d.type.name).get(keyField) ?? ANY, `the key ${keyField} of ${e.name}`);
  return d.type;
}

export function inferLedgerBalance(w: TypeWalker, e: Extract<Expr, { op: 'ledger_balance' }>, scope: Scope | undefined): Ty {
  want(w, e.at, scope, isDate, 'a date');
  const t = w.definition(e.name)!.type;
  const lots = t.k === 'struct' ? t.fields.find((f) => f.name === 'lots')?.type : undefined;
  const lot = lots?.k === 'list' && lots.of.k === 'struct' ? lots.of : undefined;
  return lot?.fields.find((f) => f.name === 'amount')?.type ?? ANY;
}

const isDate = (t: Ty): boolean => t.k === 'date';
const isList = (t: Ty): boolean => t.k === 'list';
const isClock = (t: Ty): boolean => atKindOf(t) !== undefined;

/** A state: its start and items ordered by the clock it is kept by, rules giving its type. */
export function checkHistoryDefinition(w: TypeWalker, d: Definition, params: Scope | undefined): void {
  const h = d.history!;
  const what = `the state ${d.name}`;
  fitsDeclared(w, h.initial, params, d.type, what);
  const start = want(w, h.start, params, isClock, 'a date or an instant');
  const source = want(w, h.source, params, isList, 'a list');
  const item = source.k === 'list' ? source.of : ANY;
  const inner = bind(params, h.variable, item);
  const keyType = h.key ? want(w, h.key, inner, isClock, 'a date or an instant') : strip(item);
  if (!h.key && !isAny(keyType) && !atKindOf(keyType)) mismatch(h.source, `orders ${words(keyType)} by date, which has none`);
  for (const [t, at] of [[keyType, h.key ?? h.source], [start, h.start]] as const) {
    if (!isAny(t) && atKindOf(t) !== h.keyKind) mismatch(at, `gives ${words(t)} to a state kept by ${h.keyKind === 'day' ? 'day' : 'instant'}`);
  }
  if (h.tie) w.kind(h, 'tieKind', want(w, h.tie, inner, isOrdered, 'a value with an order'));
  const rules = bind(bind(inner, 'previous', d.type), 'since', isAny(start) ? keyType : start);
  for (const r of h.rules) {
    condition(w, r.when, rules);
    fitsDeclared(w, r.then, given(rules, r.when, true), d.type, what);
  }
}

/** A dated table: its rows are records of its type (written rows are records with some of its fields). */
export function checkDatedDefinition(w: TypeWalker, d: Definition): void {
  const source = d.dated!.source;
  const rows = want(w, source, undefined, isList, 'a list of rows');
  const row = rows.k === 'list' ? strip(rows.of) : ANY;
  if (isAny(row) || d.type.k !== 'record') return;
  if (row.k === 'struct') {
    const fields = w.fields(d.type.name);
    for (const f of row.fields) {
      const t = fields.get(f.name);
      if (!t) mismatch(source, `gives rows a field ${f.name}, which ${d.type.name} does not have`);
      if (!fits(f.type, t!)) mismatch(source, `gives the field ${f.name} of its rows ${words(strip(f.type))}, but ${d.type.name} declares it as ${words(t!)}`);
    }
  } else if (!fits(row, d.type)) mismatch(source, `gives rows of ${words(row)}, but the table's rows are ${words(d.type)}`);
}

/** A ledger: one kind of amount, dates, keys compared as their `keyKind` says, and the type it evaluates to. */
export function checkLedgerDefinition(w: TypeWalker, d: Definition, params: Scope | undefined): void {
  const L = d.ledger!;
  const side = (s: typeof L.lots | typeof L.draws) => {
    const list = want(w, s.source, params, isList, 'a list');
    return bind(params, s.variable, list.k === 'list' ? list.of : ANY);
  };
  const lots = side(L.lots), draws = side(L.draws);
  const amount = (e: Expr, s: Scope | undefined) => want(w, e, s, (t) => t.k === 'money' || t.k === 'unit', 'money or an amount of a unit');
  const date = (e: Expr, s: Scope | undefined) => { want(w, e, s, isDate, 'a date'); };
  const key = (part: typeof L.lots | typeof L.draws, s: Scope | undefined) => {
    const t = want(w, part.key, s, (x) => x.k === 'text' || x.k === 'integer' || x.k === 'enum', 'text or a whole number (a key)');
    w.kind(part, 'keyKind', t);
    return t;
  };
  const la = amount(L.lots.amount, lots);
  date(L.lots.from, lots); date(L.lots.until, lots);
  if (L.lots.cancelled) date(L.lots.cancelled, lots);
  const lk = key(L.lots, lots);
  const da = amount(L.draws.amount, draws);
  date(L.draws.on, draws);
  const dk = key(L.draws, draws);
  for (const e of L.draws.limit ? [L.draws.amount, L.draws.limit] : [L.draws.amount]) {
    const t = e === L.draws.amount ? da : amount(e, draws);
    if (!isAny(t) && !isAny(la) && !sameShape(t, la)) mismatch(e, `counts ${words(t)} in a ledger of ${words(la)}`);
  }
  if (!sameShape(d.type, ledgerType(la, dk, lk))) mismatch(d, `declares the ledger ${d.name} as ${words(d.type)}, not the draws and lots it gives`, 'type');
}
