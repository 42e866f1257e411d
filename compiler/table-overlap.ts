/**
 * Finds rows of a `unique` decision table that can match the same case, when the
 * rows' cells are literals or literal intervals. Cells that depend on other values
 * cannot be decided here; the runtime reports those overlaps when they happen.
 */
import type { CellTest, Expr, TableIR, CmpOp } from '../runtime/ir.js';

/** A set of values a cell accepts: a finite set of literals, a numeric range, everything, or unknown. */
export type Accepts =
  | { k: 'all' }
  | { k: 'set'; values: Set<string>; negated: boolean }
  | { k: 'range'; lo: number; loIncl: boolean; hi: number; hiIncl: boolean }
  | { k: 'unknown' };

function literal(e: Expr): { key: string; num?: number } | undefined {
  if (e.op !== 'const') return undefined;
  const v = e.value;
  if (typeof v === 'number') return { key: String(v), num: v };
  if (typeof v === 'string') {
    const isNum = ['money', 'percent', 'decimal', 'integer'].includes(e.type.k);
    return { key: isNum ? String(Number(v)) : v, num: isNum ? Number(v) : undefined };
  }
  if (typeof v === 'boolean') return { key: String(v) };
  return undefined;
}

function rangeOf(cmp: CmpOp, n: number): Accepts {
  switch (cmp) {
    case '<': return { k: 'range', lo: -Infinity, loIncl: false, hi: n, hiIncl: false };
    case '<=': return { k: 'range', lo: -Infinity, loIncl: false, hi: n, hiIncl: true };
    case '>': return { k: 'range', lo: n, loIncl: false, hi: Infinity, hiIncl: false };
    case '>=': return { k: 'range', lo: n, loIncl: true, hi: Infinity, hiIncl: false };
    case '=': return { k: 'range', lo: n, loIncl: true, hi: n, hiIncl: true };
    default: return { k: 'unknown' };
  }
}

/** The values one cell accepts, when its cell is literal enough to tell. */
export function accepts(t: CellTest): Accepts {
  switch (t.t) {
    case 'any': return { k: 'all' };
    case 'cmp': {
      const l = literal(t.value);
      return l?.num !== undefined ? rangeOf(t.cmp, l.num) : { k: 'unknown' };
    }
    case 'in': {
      const lits = t.values.map(literal);
      if (lits.some((l) => !l)) return { k: 'unknown' };
      if (!t.negated && lits.length === 1 && lits[0]!.num !== undefined) return rangeOf('=', lits[0]!.num);
      return { k: 'set', values: new Set(lits.map((l) => l!.key)), negated: t.negated };
    }
    case 'within': {
      const iv = t.interval;
      if (iv.op !== 'interval') return { k: 'unknown' };
      const lo = literal(iv.start), hi = literal(iv.end);
      if (lo?.num === undefined || hi?.num === undefined) return { k: 'unknown' };
      return { k: 'range', lo: lo.num, loIncl: iv.startInclusive, hi: hi.num, hiIncl: iv.endInclusive };
    }
  }
}

/** True when both cells certainly accept at least one common value; false when they certainly do not or cannot be decided. */
function intersect(a: Accepts, b: Accepts): boolean {
  if (a.k === 'unknown' || b.k === 'unknown') return false;
  if (a.k === 'all' || b.k === 'all') return true;
  if (a.k === 'set' && b.k === 'set') {
    if (a.negated && b.negated) return true;
    if (a.negated) return [...b.values].some((v) => !a.values.has(v));
    if (b.negated) return [...a.values].some((v) => !b.values.has(v));
    return [...a.values].some((v) => b.values.has(v));
  }
  if (a.k === 'range' && b.k === 'range') {
    const lo = Math.max(a.lo, b.lo), hi = Math.min(a.hi, b.hi);
    if (lo < hi) return true;
    if (lo > hi) return false;
    const loIncl = (a.lo === lo ? a.loIncl : true) && (b.lo === lo ? b.loIncl : true);
    const hiIncl = (a.hi === hi ? a.hiIncl : true) && (b.hi === hi ? b.hiIncl : true);
    return loIncl && hiIncl;
  }
  // a numeric range against a set of numbers
  const range = a.k === 'range' ? a : (b as Extract<Accepts, { k: 'range' }>);
  const set = a.k === 'set' ? a : (b as Extract<Accepts, { k: 'set' }>);
  if (set.negated) return true;
  return [...set.values].some((v) => {
    const n = Number(v);
    return (n > range.lo || (n === range.lo && range.loIncl)) && (n < range.hi || (n === range.hi && range.hiIncl));
  });
}

/** Pairs of row indexes that certainly overlap. */
export function findOverlappingRows(rows: TableIR['rows']): [number, number][] {
  // In an instant column, date cells (asDate) hold day numbers and instant cells epoch
  // milliseconds: two such cells cannot be compared here, so that pair is left to the runtime.
  const cells = rows.map((r) => r.tests.map((t) => ({ accepts: accepts(t), asDate: t.t !== 'any' && t.asDate === true })));
  const meet = (x: (typeof cells)[number][number], y: (typeof cells)[number][number]) =>
    x.asDate === y.asDate || x.accepts.k === 'all' || y.accepts.k === 'all' ? intersect(x.accepts, y.accepts) : false;
  const pairs: [number, number][] = [];
  for (let i = 0; i < cells.length; i++) {
    for (let j = i + 1; j < cells.length; j++) {
      const a = cells[i]!, b = cells[j]!;
      if (a.length === b.length && a.every((c, k) => meet(c, b[k]!))) pairs.push([i, j]);
    }
  }
  return pairs;
}

type Range = Extract<Accepts, { k: 'range' }>;

/** True when the ranges together accept every number, from minus to plus infinity. */
function coverNumberLine(ranges: Range[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.lo - b.lo || Number(b.loIncl) - Number(a.loIncl));
  let reach = -Infinity, reachIncl = false;
  for (const r of sorted) {
    if (r.lo > reach || (r.lo === reach && reach !== -Infinity && !reachIncl && !r.loIncl)) return false;
    if (r.hi > reach) { reach = r.hi; reachIncl = r.hiIncl; } else if (r.hi === reach) reachIncl ||= r.hiIncl;
  }
  return reach === Infinity;
}

/**
 * True when the rows certainly match every case: in some column, the rows whose other
 * cells are all `-` together accept every value of that column (every value of a
 * finite domain such as an enumeration, or the whole number line for numbers, money,
 * percentages and dates). A `unique` table cannot have a catch-all row (it would
 * overlap every other row), so this is how such a table is known to be complete.
 * `domainOf(i)` gives the values of column i when they are finitely many.
 */
export function coversEveryCase(rows: TableIR['rows'], domainOf: (column: number) => string[] | undefined): boolean {
  const cells = rows.map((r) => r.tests.map(accepts));
  const width = cells[0]?.length ?? 0;
  for (let c = 0; c < width; c++) {
    const column = cells.filter((row) => row.length === width && row.every((x, i) => i === c || x.k === 'all')).map((row) => row[c]!);
    if (column.some((x) => x.k === 'all')) return true;
    const domain = domainOf(c);
    if (domain) {
      if (domain.length && domain.every((v) => column.some((x) => x.k === 'set' && x.values.has(v) !== x.negated))) return true;
    } else if (coverNumberLine(column.filter((x): x is Range => x.k === 'range'))) return true;
  }
  return false;
}
