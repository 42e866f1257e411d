/**
 * Structural differences between two output values: one row per changed leaf, named by
 * its path (`purchases_review[B2].rate`), list items matched by their id field when they
 * have one, by position otherwise. Shared by `rulebook test` and the playground (impact
 * of an edit, a failing scenario, a reading switch); the evaluator never needs it.
 */
import { formatValue } from './explain.js';
import { matches } from './scenario.js';

/** One leaf (or whole item) that differs, or, when asked, one that is the same. */
export interface DiffRow {
  /** `bonus`, `purchases_review[B2].rate`, `convertible.reasons[0].reason` */
  path: string;
  before: unknown;
  after: unknown;
  change: 'changed' | 'added' | 'removed' | 'same';
}

/** How to compare. */
export interface DiffOptions {
  /** Leaf equality (default: same JSON). Scenario expectations compare amounts by value. */
  equal?(before: unknown, after: unknown): boolean;
  /** Only the record fields present in `before` count (an expectation names a few fields). */
  partial?: boolean;
  /** Also return the leaves that did not change (the "show all" view). */
  includeSame?: boolean;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A path segment for a record key: `.rate`, or `["odd key"]` when it is not a plain name. */
function keySegment(path: string, key: string): string {
  if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

function idSegment(id: unknown): string {
  const s = String(id);
  return /^[\p{L}\p{N}_.:-]+$/u.test(s) ? `[${s}]` : `[${JSON.stringify(s)}]`;
}

/**
 * The field that identifies list items: `id`, else the first `…_id` field, provided every
 * item of both lists is a record carrying it as a text or number, unique within each list.
 */
export function idField(...lists: unknown[][]): string | undefined {
  const items = lists.flat();
  if (!items.length || !items.every(isObj)) return undefined;
  const first = items[0] as Obj;
  const candidates = ['id', ...Object.keys(first).filter((k) => k.endsWith('_id'))];
  return candidates.find((k) => lists.every((list) => {
    const ids = (list as Obj[]).map((x) => x[k]);
    return ids.every((x) => typeof x === 'string' || typeof x === 'number') && new Set(ids).size === ids.length;
  }));
}

/**
 * Every leaf of `after` that differs from `before`, one row each. Records are compared
 * field by field, lists item by item (by id when the items have one), anything else as
 * a whole. A record that appears or disappears is one row, not one per field.
 */
export function diffValues(before: unknown, after: unknown, path = '', opts: DiffOptions = {}): DiffRow[] {
  const rows: DiffRow[] = [];
  walk(before, after, path, opts, rows);
  return rows;
}

function walk(b: unknown, a: unknown, path: string, o: DiffOptions, rows: DiffRow[]): void {
  if (isObj(b) && isObj(a)) {
    const keys = o.partial ? Object.keys(b) : [...new Set([...Object.keys(b), ...Object.keys(a)])];
    for (const k of keys) {
      const p = keySegment(path, k);
      if (!(k in a)) rows.push({ path: p, before: b[k], after: undefined, change: 'removed' });
      else if (!(k in b)) rows.push({ path: p, before: undefined, after: a[k], change: 'added' });
      else walk(b[k], a[k], p, o, rows);
    }
    return;
  }
  if (Array.isArray(b) && Array.isArray(a)) {
    const id = idField(b, a);
    if (id) {
      const after = new Map((a as Obj[]).map((x) => [x[id], x]));
      const seen = new Set<unknown>();
      for (const item of b as Obj[]) {
        seen.add(item[id]);
        const p = `${path}${idSegment(item[id])}`;
        if (after.has(item[id])) walk(item, after.get(item[id]), p, o, rows);
        else rows.push({ path: p, before: item, after: undefined, change: 'removed' });
      }
      for (const item of a as Obj[]) if (!seen.has(item[id])) rows.push({ path: `${path}${idSegment(item[id])}`, before: undefined, after: item, change: 'added' });
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= a.length) rows.push({ path: p, before: b[i], after: undefined, change: 'removed' });
      else if (i >= b.length) rows.push({ path: p, before: undefined, after: a[i], change: 'added' });
      else walk(b[i], a[i], p, o, rows);
    }
    return;
  }
  const equal = o.equal ?? sameJson;
  if (!equal(b, a)) rows.push({ path, before: b, after: a, change: 'changed' });
  else if (o.includeSame) rows.push({ path, before: b, after: a, change: 'same' });
}

/** What a scenario expected, compared with what the program gave. */
export interface ExpectationDiff {
  /** Expected leaf vs actual leaf; amounts compare by value, as `rulebook test` does. */
  rows: DiffRow[];
  /** Expected outputs the program does not have. */
  missing: string[];
}

/**
 * The expectation of a scenario against the outputs of a successful run: one row per
 * expected leaf that differs (`before` is the expected value, `after` the actual one);
 * reasons of eligibility outputs compare as `name.reasons[i]`.
 */
export function diffExpectation(
  expect: { outputs?: Record<string, unknown>; reasons?: Record<string, string[]> },
  outputs: Record<string, unknown>,
  includeSame = false,
): ExpectationDiff {
  const opts: DiffOptions = { equal: matches, partial: true, includeSame };
  const rows: DiffRow[] = [];
  const missing: string[] = [];
  for (const [name, expected] of Object.entries(expect.outputs ?? {})) {
    if (!(name in outputs)) missing.push(name);
    else rows.push(...diffValues(expected, outputs[name], keySegment('', name), opts));
  }
  for (const [name, reasons] of Object.entries(expect.reasons ?? {})) {
    const got = (outputs[name] as { reasons?: { reason: string }[] } | undefined)?.reasons?.map((r) => r.reason);
    if (!got) missing.push(`${name}.reasons`);
    else rows.push(...diffValues(reasons, got, `${keySegment('', name)}.reasons`, opts));
  }
  return { rows, missing };
}

/** A value in a diff row: "absent" for nothing, records and lists compactly. */
export function formatDiffValue(v: unknown): string {
  return v === undefined ? '(none)' : formatValue(v, true);
}

/** One row as a line: `purchases_review[B2].rate: 50% → 55%`. */
export function formatDiffRow(r: DiffRow, arrow = '→'): string {
  return `${r.path}: ${formatDiffValue(r.before)} ${arrow} ${formatDiffValue(r.after)}`;
}
