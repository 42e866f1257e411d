/**
 * The fields each kind of expression of the IR may have (runtime/ir.ts `Expr`). The
 * artifact schema checks only `op`; a field it does not know would be ignored by the
 * evaluators, so a hand-edited artifact that renamed `where` to `wherex` lost a filter
 * silently (an outside attack found it). validate-artifact.ts refuses any other field.
 */
import { fail } from './common.js';

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

/**
 * The fields of the parts of expressions that are not expressions themselves: a version of
 * an `in force on`, an arm of a `match`, a field of a record literal, and a currency's route
 * of a conversion (a fixed rate, or a rate read from a dated table). A renamed `until`
 * dropped a version's end date silently, as a renamed `where` dropped a filter.
 */
export const PART_FIELDS = {
  version: new Set(['from', 'until', 'value', 'clauses']),
  arm: new Set(['values', 'result']),
  recordField: new Set(['name', 'value']),
  fixedRoute: new Set(['num', 'den', 'clauses']),
  rateRoute: new Set(['rate', 'invert', 'clauses']),
} as const;

/** The first field of the object `o` not in `allowed`, or undefined. */
export function extraField(o: object, allowed: ReadonlySet<string>): string | undefined {
  for (const k of Object.keys(o)) if (!allowed.has(k)) return k;
  return undefined;
}

/** The part of a definition each kind has: a definition carrying another kind's part was read as its own kind, the part ignored. */
const PARTS: Readonly<Record<string, readonly string[]>> = {
  value: ['body'], rules: ['rules', 'otherwise'], table: ['table'], eligibility: ['requirements'], history: ['history'], dated: ['dated'], ledger: ['ledger'],
};
const ALL_PARTS: readonly string[] = Object.values(PARTS).flat();

/** Fails at a part of the definition `d` (at `path`) that its kind does not have. */
export function onlyOwnParts(d: { kind: string }, path: string): void {
  const own = Object.hasOwn(PARTS, d.kind) ? PARTS[d.kind]! : [];
  for (const p of ALL_PARTS) if ((d as Record<string, unknown>)[p] !== undefined && !own.includes(p)) fail(`${path}.${p}`, `is not a part of a ${d.kind} definition`);
}

/** Fails at the first field of the part `o` (at `path`) not in `allowed`; `what` names the part. */
export function onlyPartFields(o: unknown, allowed: ReadonlySet<string>, path: string, what: string): void {
  if (!o || typeof o !== 'object' || Array.isArray(o)) fail(path, `must be ${what}`);
  const extra = extraField(o as object, allowed);
  if (extra !== undefined) fail(`${path}.${extra}`, `is not a field of ${what}`);
}

/** The first field of `e` that an expression of its kind does not have, or undefined. */
export function unknownField(e: { op: string }): string | undefined {
  const allowed = Object.hasOwn(EXPR_FIELDS, e.op) ? EXPR_FIELDS[e.op] : undefined;
  if (!allowed) return undefined; // the artifact schema refuses an unknown op
  return extraField(e, allowed);
}
