/**
 * Artifact validation of collections: aggregations (their kind, the variable bound over
 * the list, the value each needs, the tie-breaker of the ordering ones) and `item n of L`.
 */
import type { Expr } from '../ir.js';
import { fail, name, cmpKind, type Walker } from './common.js';

const AGG_KINDS: ReadonlySet<string> = new Set(['sum', 'count', 'distinct_count', 'earliest', 'latest', 'exists', 'none', 'every', 'minimum', 'maximum', 'map', 'filter']);
const AGG_NEEDS_VALUE: ReadonlySet<string> = new Set(['sum', 'distinct_count', 'earliest', 'latest', 'every', 'minimum', 'maximum', 'map']);
/** Aggregations that compare their values: the compiler writes how (`valueKind`). */
const AGG_NEEDS_KIND: ReadonlySet<string> = new Set(['distinct_count', 'earliest', 'latest', 'minimum', 'maximum']);
/** Aggregations that pick by order, the only ones a tie-breaker means anything for. */
const AGG_ORDERED: ReadonlySet<string> = new Set(['earliest', 'latest', 'minimum', 'maximum']);

/** Validates an aggregation or an item lookup; `d` is the depth of its operands. */
export function validateCollection(w: Walker, e: Extract<Expr, { op: 'agg' | 'item' }>, path: string, locals: Set<string>, d: number): void {
  if (e.op === 'item') {
    w.expr(e.index, `${path}.index`, locals, d);
    return w.expr(e.list, `${path}.list`, locals, d);
  }
  if (!AGG_KINDS.has(e.kind)) fail(`${path}.kind`, 'is not an aggregation of the runtime');
  // the compiler writes how the values compare for these; without it the evaluator would compare them as numbers
  if (AGG_NEEDS_KIND.has(e.kind) && e.valueKind === undefined) fail(`${path}.valueKind`, `is required for ${e.kind}`);
  if (e.valueKind !== undefined) cmpKind(e.valueKind, `${path}.valueKind`);
  w.expr(e.list, `${path}.list`, locals, d);
  const inner = new Set(locals).add(name(e.variable, `${path}.variable`));
  if (e.where) w.expr(e.where, `${path}.where`, inner, d);
  if (AGG_NEEDS_VALUE.has(e.kind) && !e.value) fail(`${path}.value`, `is required for ${e.kind}`);
  if (e.value) w.expr(e.value, `${path}.value`, inner, d);
  if (e.tie !== undefined || e.tieKind !== undefined) {
    if (!AGG_ORDERED.has(e.kind)) fail(`${path}.tie`, `breaks ties, which ${e.kind} has none of`);
    // without its kind the evaluator would compare the tie-breakers as numbers
    if (e.tie === undefined || e.tieKind === undefined) fail(`${path}.${e.tie === undefined ? 'tie' : 'tieKind'}`, 'is required with a tie-breaker');
    cmpKind(e.tieKind, `${path}.tieKind`);
    w.expr(e.tie, `${path}.tie`, inner, d);
  }
}
