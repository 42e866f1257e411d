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

export function inferHistoryQuery(w: TypeWalker, e: Extract<Expr, { op: 'history' }>, path: string, scope: Scope | undefined): Ty {
  const d = w.definition(e.name)!;
  (e.args ?? []).forEach((x, i) => {
    const p = d.params[i];
    const t = w.infer(x, `${path}.args[${i}]`, scope);
    if (p) fitsDeclared(t, p.type, `${path}.args[${i}]`, `the parameter ${p.name} of ${e.name}`);
  });
  const key = d.history?.keyKind === 'ms' ? INSTANT : DATE;
  if (e.query === 'value_at' || e.query === 'period_at') atOn(w, e.at!, e.atKind, path, scope);
  switch (e.query) {
    case 'current': case 'value_at': return d.type;
    case 'period_at': return periodType(d.type, key);
    case 'periods': return listOf(periodType(d.type, key));
    default: return ANY;
  }
}

export function inferDatedLookup(w: TypeWalker, e: Extract<Expr, { op: 'dated' }>, path: string, scope: Scope | undefined): Ty {
  const d = w.definition(e.name)!;
  atOn(w, e.at, e.atKind, path, scope);
  const keyField = d.dated?.keyField;
  if (e.key && keyField !== undefined && d.type.k === 'record') {
    const kt = w.fields(d.type.name).get(keyField) ?? ANY;
    fitsDeclared(w.infer(e.key, `${path}.key`, scope), kt, `${path}.key`, `the key ${keyField} of ${e.name}`);
  }
  return d.type;
}

export function inferLedgerBalance(w: TypeWalker, e: Extract<Expr, { op: 'ledger_balance' }>, path: string, scope: Scope | undefined): Ty {
  want(w, e.at, `${path}.at`, scope, (t) => t.k === 'date', 'a date');
  const t = w.definition(e.name)!.type;
  const lots = t.k === 'struct' ? t.fields.find((f) => f.name === 'lots')?.type : undefined;
  const lot = lots?.k === 'list' && lots.of.k === 'struct' ? lots.of : undefined;
  return lot?.fields.find((f) => f.name === 'amount')?.type ?? ANY;
}

/** A state: its start and items ordered by the clock it is kept by, rules giving its type. */
export function checkHistoryDefinition(w: TypeWalker, d: Definition, path: string, params: Scope | undefined): void {
  const h = d.history!;
  const p = `${path}.history`;
  fitsDeclared(w.infer(h.initial, `${p}.initial`, params), d.type, `${p}.initial`, `the state ${d.name}`);
  const start = want(w, h.start, `${p}.start`, params, (t) => atKindOf(t) !== undefined, 'a date or an instant');
  const source = want(w, h.source, `${p}.source`, params, (t) => t.k === 'list', 'a list');
  const item = source.k === 'list' ? source.of : ANY;
  const inner = bind(params, h.variable, item);
  const keyType = h.key ? want(w, h.key, `${p}.key`, inner, (t) => atKindOf(t) !== undefined, 'a date or an instant') : strip(item);
  if (!h.key && !isAny(keyType) && !atKindOf(keyType)) mismatch(`${p}.source`, `orders ${words(keyType)} by date, which has none`);
  for (const [t, at] of [[keyType, h.key ? 'key' : 'source'], [start, 'start']] as const) {
    if (!isAny(t) && atKindOf(t) !== h.keyKind) mismatch(`${p}.${at}`, `gives ${words(t)} to a state kept by ${h.keyKind === 'day' ? 'day' : 'instant'}`);
  }
  if (h.tie) w.kind(h.tieKind, want(w, h.tie, `${p}.tie`, inner, isOrdered, 'a value with an order'), `${p}.tieKind`);
  const rules = bind(bind(inner, 'previous', d.type), 'since', isAny(start) ? keyType : start);
  h.rules.forEach((r, j) => {
    condition(w, r.when, `${p}.rules[${j}].when`, rules);
    fitsDeclared(w.infer(r.then, `${p}.rules[${j}].then`, rules), d.type, `${p}.rules[${j}].then`, `the state ${d.name}`);
  });
}

/** A dated table: its rows are records of its type (written rows are records with some of its fields). */
export function checkDatedDefinition(w: TypeWalker, d: Definition, path: string): void {
  const p = `${path}.dated.source`;
  const rows = want(w, d.dated!.source, p, undefined, (t) => t.k === 'list', 'a list of rows');
  const row = rows.k === 'list' ? strip(rows.of) : ANY;
  if (isAny(row) || d.type.k !== 'record') return;
  if (row.k === 'struct') {
    const fields = w.fields(d.type.name);
    for (const f of row.fields) {
      const t = fields.get(f.name);
      if (!t) mismatch(p, `gives rows a field ${f.name}, which ${d.type.name} does not have`);
      if (!fits(f.type, t!)) mismatch(p, `gives the field ${f.name} of its rows ${words(strip(f.type))}, but ${d.type.name} declares it as ${words(t!)}`);
    }
  } else if (!fits(row, d.type)) mismatch(p, `gives rows of ${words(row)}, but the table's rows are ${words(d.type)}`);
}

/** A ledger: one kind of amount, dates, keys compared as their `keyKind` says, and the type it evaluates to. */
export function checkLedgerDefinition(w: TypeWalker, d: Definition, path: string, params: Scope | undefined): void {
  const L = d.ledger!;
  const p = `${path}.ledger`;
  const side = (s: typeof L.lots | typeof L.draws, key: string) => {
    const list = want(w, s.source, `${p}.${key}.source`, params, (t) => t.k === 'list', 'a list');
    return bind(params, s.variable, list.k === 'list' ? list.of : ANY);
  };
  const lots = side(L.lots, 'lots'), draws = side(L.draws, 'draws');
  const amount = (e: Expr, at: string, s: Scope | undefined) => want(w, e, `${p}.${at}`, s, (t) => t.k === 'money' || t.k === 'unit', 'money or an amount of a unit');
  const date = (e: Expr, at: string, s: Scope | undefined) => { want(w, e, `${p}.${at}`, s, (t) => t.k === 'date', 'a date'); };
  const key = (e: Expr, kind: unknown, at: string, s: Scope | undefined) => {
    const t = want(w, e, `${p}.${at}.key`, s, (x) => x.k === 'text' || x.k === 'integer' || x.k === 'enum', 'text or a whole number (a key)');
    w.kind(kind as string, t, `${p}.${at}.keyKind`);
    return t;
  };
  const la = amount(L.lots.amount, 'lots.amount', lots);
  date(L.lots.from, 'lots.from', lots); date(L.lots.until, 'lots.until', lots);
  if (L.lots.cancelled) date(L.lots.cancelled, 'lots.cancelled', lots);
  const lk = key(L.lots.key, L.lots.keyKind, 'lots', lots);
  const da = amount(L.draws.amount, 'draws.amount', draws);
  date(L.draws.on, 'draws.on', draws);
  const dk = key(L.draws.key, L.draws.keyKind, 'draws', draws);
  const dl = L.draws.limit ? amount(L.draws.limit, 'draws.limit', draws) : ANY;
  for (const [t, at] of [[da, 'draws.amount'], [dl, 'draws.limit']] as const) {
    if (!isAny(t) && !isAny(la) && !sameShape(t, la)) mismatch(`${p}.${at}`, `counts ${words(t)} in a ledger of ${words(la)}`);
  }
  if (!sameShape(d.type, ledgerType(la, dk, lk))) mismatch(`${path}.type`, `declares the ledger ${d.name} as ${words(d.type)}, not the draws and lots it gives`);
}
