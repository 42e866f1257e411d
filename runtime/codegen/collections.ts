/**
 * Keyed aggregations: `no q in purchases where (q.client_id = p.client_id and …)` asked once
 * per purchase went through every purchase each time, so referral-ru took 1.4 s on a
 * partner with 2 000 purchases. When the first test of an aggregation's `where` is its
 * item's text field equal to a value that does not depend on the item, the generated loop
 * goes through only the items whose field has that value: the list's items grouped by the
 * field's value once per evaluation, on the second such question about the same list (a
 * list asked once is only scanned). Every other item fails that first test, and `and`
 * stops there, so skipping them changes nothing: the loop keeps its whole `where` and
 * visits the remaining items in the list's order. The reference interpreter keeps the
 * plain loop (the differential tests compare the two), and the budget still counts the
 * whole list, so both evaluators stop alike.
 */
import type { Expr } from '../ir.js';
import type { Ctx } from '../eval/common.js';

type Agg = Extract<Expr, { op: 'agg' }>;

/** Lists shorter than this are scanned: grouping them costs more than it saves. */
export const KEYED_MIN_LENGTH = 16;

/**
 * The field and the key of an aggregation whose `where` starts with `item.field = key` on
 * texts (or enum values), key made of constants, inputs and other locals and their fields
 * only (no call: computing it once instead of once per item must change nothing, an
 * explanation's lines included); undefined for any other aggregation.
 */
export function keyTest(e: Agg): { field: string; key: Expr } | undefined {
  const first = e.where?.op === 'and' ? e.where.args[0] : e.where;
  if (!first || first.op !== 'cmp' || first.cmp !== '=' || first.kind !== 'str') return undefined;
  const ofItem = (x: Expr): x is Extract<Expr, { op: 'field' }> => x.op === 'field' && x.target.op === 'local' && x.target.name === e.variable;
  const [field, key] = ofItem(first.left) ? [first.left, first.right] : ofItem(first.right) ? [first.right, first.left] : [undefined, undefined];
  if (!field || !key || !freeOfItem(key, e.variable)) return undefined;
  return { field: field.name, key };
}

function freeOfItem(x: Expr, variable: string): boolean {
  switch (x.op) {
    case 'const': case 'input': return true;
    case 'local': return x.name !== variable;
    case 'field': return freeOfItem(x.target, variable);
    default: return false;
  }
}

/** The items of a list grouped by one field's value. */
export type Groups = Map<string | null, unknown[]>;
/** Per list and field: asked once (ASKED), grouped, or not groupable (NOT_KEYED). */
export type Keyed = Map<readonly unknown[], Map<string, Groups | typeof ASKED | typeof NOT_KEYED>>;
const ASKED = 1, NOT_KEYED = 0;
const EMPTY: readonly unknown[] = Object.freeze([]);

/**
 * The items of `list` whose `field` may equal `key` (in the list's order): the list itself
 * on the first question (or when its items cannot be grouped), the group of `key` after.
 * Only texts and absent (null) are grouped. The groups live in the evaluation's state, so
 * an input changed between two evaluations is never read from stale groups.
 */
function keyed(ctx: Ctx, list: readonly unknown[], field: string, key: unknown): readonly unknown[] {
  if (key !== null && typeof key !== 'string') return list;
  const lists = (ctx.keyed ??= new Map());
  let byField = lists.get(list);
  if (!byField) { byField = new Map(); lists.set(list, byField); }
  let groups = byField.get(field);
  if (groups === undefined) { byField.set(field, ASKED); return list; }
  if (groups === ASKED) { groups = group(list, field); byField.set(field, groups); }
  if (groups === NOT_KEYED) return list;
  return groups.get(key) ?? EMPTY;
}

/** The items grouped by the field's value as the generated code reads it (`item[field] ?? null`), or NOT_KEYED. */
function group(list: readonly unknown[], field: string): Groups | typeof NOT_KEYED {
  const groups: Groups = new Map();
  for (const item of list) {
    if (item === null || typeof item !== 'object') return NOT_KEYED;
    const v = (item as Record<string, unknown>)[field] ?? null;
    if (v !== null && typeof v !== 'string') return NOT_KEYED;
    const g = groups.get(v);
    if (g) g.push(item); else groups.set(v, [item]);
  }
  return groups;
}

export const COLLECTION_HELPERS = { keyed };
