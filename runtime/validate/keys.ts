/**
 * The fields each kind of expression of the IR may have (runtime/ir.ts `Expr`). The
 * artifact schema checks only `op`; a field it does not know would be ignored by the
 * evaluators, so a hand-edited artifact that renamed `where` to `wherex` lost a filter
 * silently (an outside attack found it). validate-artifact.ts refuses any other field.
 */
const SPAN = 'span';

export const EXPR_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(Object.entries({
  const: ['type', 'value'],
  input: ['name'],
  ref: ['name'],
  local: ['name'],
  reading: ['name'],
  as_of: [],
  call: ['name', 'args'],
  field: ['target', 'name'],
  elig_ok: ['value'],
  arith: ['fn', 'args', 'scale'],
  date_add: ['base', 'duration', 'sign', 'instant'],
  cmp: ['kind', 'cmp', 'left', 'right', SPAN],
  in_set: ['kind', 'value', 'items', 'negated'],
  and: ['args'],
  or: ['args'],
  not: ['value'],
  if: ['cond', 'then', 'else'],
  or_else: ['value', 'fallback'],
  present: ['value', 'negated'],
  interval: ['start', 'end', 'startInclusive', 'endInclusive'],
  within: ['kind', 'value', 'interval', 'negated', SPAN],
  match: ['subject', 'arms', 'otherwise'],
  agg: ['kind', 'variable', 'list', 'where', 'value', 'valueKind', 'tie', 'tieKind'],
  list: ['items'],
  record: ['fields'],
  effective: ['at', 'atKind', 'versions', SPAN],
  builtin: ['fn', 'args', 'scale'],
  duration_of: ['count', 'unit'],
  clock: ['date', 'seconds', 'zone'],
  sequence: ['unit', 'interval'],
  item: ['index', 'list'],
  convert: ['value', 'num', 'den', 'scale', 'from', 'to', 'clauses'],
  convert_money: ['value', 'multi', 'from', 'to', 'scale', 'routes', SPAN],
  ledger_balance: ['name', 'at', SPAN],
  split: ['value', 'count', 'weights', 'step', 'remainder', SPAN],
  dated: ['name', 'at', 'atKind', 'key', SPAN],
  history: ['name', 'args', 'query', 'at', 'atKind', SPAN],
}).map(([op, fields]) => [op, new Set(['op', ...fields])]));

/** The first field of `e` that an expression of its kind does not have, or undefined. */
export function unknownField(e: { op: string }): string | undefined {
  const allowed = Object.hasOwn(EXPR_FIELDS, e.op) ? EXPR_FIELDS[e.op] : undefined;
  if (!allowed) return undefined; // the artifact schema refuses an unknown op
  for (const k of Object.keys(e)) if (!allowed.has(k)) return k;
  return undefined;
}
