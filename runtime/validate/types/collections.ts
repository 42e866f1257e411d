/**
 * The load-time type check of collections: an aggregation goes over a list, binds its
 * item to the list's item type, and needs values of the kind it sums, counts or orders,
 * compared by the kind the values' type needs (compiler/check/collections.ts); `item n of
 * L` takes a whole number and a list.
 */
import type { Expr, Ty } from '../../ir.js';
import { isOrdered } from '../../ty.js';
import { given } from './presence.js';
import { ANY, BOOL, INT, listOf, optional, isAny, isAmount, want, condition, bind, mismatch, type Scope, type TypeWalker } from './common.js';

type Collection = Extract<Expr, { op: 'agg' | 'item' }>;

const READS_VALUE: ReadonlySet<string> = new Set(['sum', 'distinct_count', 'earliest', 'latest', 'every', 'minimum', 'maximum', 'map']);
const COMPARES_VALUES: ReadonlySet<string> = new Set(['distinct_count', 'earliest', 'latest', 'minimum', 'maximum']);

/** The item type of a list (unknown for an unknown). */
const itemOf = (t: Ty): Ty => (t.k === 'list' ? t.of : ANY);

export function inferCollection(w: TypeWalker, e: Collection, scope: Scope | undefined): Ty {
  if (e.op === 'item') {
    want(w, e.index, scope, (t) => t.k === 'integer', 'a whole number (the position)');
    return optional(itemOf(want(w, e.list, scope, (t) => t.k === 'list', 'a list')));
  }
  const list = want(w, e.list, scope, (t) => t.k === 'list', 'a list');
  const item = itemOf(list);
  const bound = bind(scope, e.variable, item);
  if (e.where) condition(w, e.where, bound);
  // the value and the tie-breaker are read where the filter held
  const inner = e.where ? given(bound, e.where, true) : bound;
  const value = (ok: (t: Ty) => boolean, what: string): Ty => (e.value ? want(w, e.value, inner, ok, what) : ANY);
  // the compiler writes a value only for the aggregations that read one, and a kind only for those that compare them
  if (e.value !== undefined && !READS_VALUE.has(e.kind)) mismatch(e, `gives a value to ${e.kind}, which reads none`, 'value');
  if (e.valueKind !== undefined && !COMPARES_VALUES.has(e.kind)) mismatch(e, `compares the values of ${e.kind}, which compares none`, 'valueKind');
  switch (e.kind) {
    case 'count': case 'distinct_count': {
      if (e.kind === 'distinct_count') w.kind(e, 'valueKind', value(() => true, 'a value'));
      return INT;
    }
    case 'exists': case 'none': return BOOL;
    case 'every': if (e.value) condition(w, e.value, inner); return BOOL;
    case 'filter': return list.k === 'list' ? list : listOf(ANY);
    case 'map': return listOf(e.value ? w.infer(e.value, inner) : ANY);
    case 'sum': return value(isAmount, 'a number, money, an amount of a unit or a percentage');
    case 'minimum': case 'maximum': case 'earliest': case 'latest': {
      const v = value((t) => isOrdered(t) && t.k !== 'text', 'a date, an instant, a number or money');
      w.kind(e, 'valueKind', v);
      if (e.tie) w.kind(e, 'tieKind', want(w, e.tie, inner, isOrdered, 'a value with an order'));
      return e.kind === 'earliest' || e.kind === 'latest' ? optional(item) : isAny(v) ? ANY : optional(v);
    }
    default: return ANY;
  }
}
