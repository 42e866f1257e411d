/**
 * `rulebook check --tables`: for each decision table whose cells are enumeration
 * values, booleans, literals or literal intervals, the combinations no row covers
 * and the rows that can never match because earlier rows cover them (hit `first`).
 * Works on the artifact: columns are split into atoms (each enumeration value, each
 * boolean, the pieces of the number line between the literals), and rows are boxes
 * of atoms; what is left of a box after removing earlier boxes is found by splitting.
 */
import type { Artifact, Definition, Expr, Ty } from '../runtime/ir.js';
import { accepts, type Accepts } from '../compiler/table-overlap.js';

type Atom = { label: string; test: (a: Accepts) => boolean };
type Box = Set<number>[];

export interface TableFinding {
  table: string;
  span: [number, number, number, number];
  /** Combinations no row covers, one line each: `order.product = cms, term_months < 12`. */
  gaps: string[];
  /** Rows that can never match (labels: `row 7`). */
  unreachable: string[];
  /** Why the table was not analysed, when it was not. */
  skipped?: string;
}

/** The type of a column expression, as far as the artifact tells. */
function typeOf(a: Artifact, def: Definition, e: Expr): Ty | undefined {
  switch (e.op) {
    case 'input': return a.inputs.find((i) => i.name === e.name)?.type;
    case 'local': return def.params.find((p) => p.name === e.name)?.type;
    case 'ref': case 'call': return a.definitions.find((d) => d.name === e.name)?.type ?? a.outputs.find((o) => o.name === e.name)?.type;
    case 'field': {
      let t = typeOf(a, def, e.target);
      if (t?.k === 'optional') t = t.of;
      if (t?.k === 'record') return a.records[t.name]?.fields.find((f) => f.name === e.name)?.type;
      if (t?.k === 'struct') return t.fields.find((f) => f.name === e.name)?.type;
      if (t?.k === 'eligibility' && e.name === 'eligible') return { k: 'boolean' };
      return undefined;
    }
    case 'cmp': case 'in_set': case 'within': case 'present': case 'and': case 'or': case 'not': case 'elig_ok': return { k: 'boolean' };
    default: return undefined;
  }
}

const inRange = (r: Extract<Accepts, { k: 'range' }>, n: number) => (n > r.lo || (n === r.lo && r.loIncl)) && (n < r.hi || (n === r.hi && r.hiIncl));

/** The atoms of a column: its values when finitely many, else the pieces of the line between its literals. */
function atomsOf(a: Artifact, t: Ty | undefined, cells: Accepts[], label: string): Atom[] | undefined {
  const set = (values: string[]): Atom[] => values.map((v) => ({ label: `${label} = ${v}`, test: (c) => c.k === 'all' || (c.k === 'set' && c.values.has(v) !== c.negated) || (c.k === 'range' && !Number.isNaN(Number(v)) && inRange(c, Number(v))) }));
  if (t?.k === 'boolean') return set(['true', 'false']);
  if (t?.k === 'enum') return set(a.enums[t.name]?.values ?? []);
  if (cells.some((c) => c.k === 'set' && [...c.values].some((v) => Number.isNaN(Number(v))))) return undefined;
  const points = [...new Set(cells.flatMap((c) => (c.k === 'range' ? [c.lo, c.hi] : c.k === 'set' ? [...c.values].map(Number) : [])).filter(Number.isFinite))].sort((x, y) => x - y);
  const whole = t?.k === 'integer' || t?.k === 'date';
  const atoms: Atom[] = [];
  const point = (p: number): Atom => ({ label: `${label} = ${p}`, test: (c) => c.k === 'all' || (c.k === 'range' && inRange(c, p)) || (c.k === 'set' && c.values.has(String(p)) !== c.negated) });
  const gap = (lo: number, hi: number): Atom | undefined => {
    if (whole && Number.isFinite(lo) && Number.isFinite(hi) && hi - lo <= 1) return undefined;
    const mid = !Number.isFinite(lo) ? hi - 1 : !Number.isFinite(hi) ? lo + 1 : (lo + hi) / 2;
    const text = !Number.isFinite(lo) ? `${label} < ${hi}` : !Number.isFinite(hi) ? `${label} > ${lo}` : `${lo} < ${label} < ${hi}`;
    return { label: text, test: (c) => c.k === 'all' || (c.k === 'range' && inRange(c, mid)) || (c.k === 'set' && c.negated && !c.values.has(String(mid))) };
  };
  let prev = -Infinity;
  for (const p of points) { const g = gap(prev, p); if (g) atoms.push(g); atoms.push(point(p)); prev = p; }
  const last = gap(prev, Infinity);
  if (last) atoms.push(last);
  return atoms;
}

/** The parts of `box` that no box of `cover` contains, as disjoint boxes. */
function uncovered(box: Box, cover: Box[]): Box[] {
  const i = cover.findIndex((c) => c.every((s, k) => [...box[k]!].some((x) => s.has(x))));
  if (i < 0) return box.some((s) => !s.size) ? [] : [box];
  const c = cover[i]!, rest = cover.slice(i + 1);
  const k = box.findIndex((s, col) => [...s].some((x) => !c[col]!.has(x)));
  if (k < 0) return [];
  const inside = box.map((s, col) => (col === k ? new Set([...s].filter((x) => c[k]!.has(x))) : s));
  const outside = box.map((s, col) => (col === k ? new Set([...s].filter((x) => !c[k]!.has(x))) : s));
  return [...uncovered(inside, [c, ...rest]), ...uncovered(outside, rest)];
}

/** Gap and reachability findings for every decision table of an artifact. */
export function checkTables(a: Artifact): TableFinding[] {
  const findings: TableFinding[] = [];
  for (const def of a.definitions) {
    const table = def.table;
    if (!table) continue;
    const base = { table: def.name, span: def.span, gaps: [] as string[], unreachable: [] as string[] };
    // `<> 12` is every value but 12: a negated set of one
    const cells = table.rows.map((r) => r.tests.map((t) => (t.t === 'cmp' && t.cmp === '<>' ? accepts({ t: 'in', values: [t.value], negated: true }) : accepts(t))));
    const unknownCol = table.inputs.findIndex((_, i) => cells.some((row) => row[i]?.k === 'unknown'));
    if (unknownCol >= 0) { findings.push({ ...base, skipped: `the column ${table.inputs[unknownCol]!.label} has cells computed from other values` }); continue; }
    const atoms = table.inputs.map((c, i) => atomsOf(a, typeOf(a, def, c.expr), cells.map((r) => r[i]!), c.label));
    const bad = atoms.findIndex((x) => !x);
    if (bad >= 0) { findings.push({ ...base, skipped: `the column ${table.inputs[bad]!.label} is text that is not an enumeration` }); continue; }
    const boxes: Box[] = cells.map((row) => row.map((cell, i) => new Set(atoms[i]!.map((at, j) => (at.test(cell) ? j : -1)).filter((j) => j >= 0))));
    const universe: Box = atoms.map((col) => new Set(col!.map((_, j) => j)));
    const show = (b: Box) => b.map((s, i) => (s.size === atoms[i]!.length ? '' : s.size === 1 ? atoms[i]![[...s][0]!]!.label : `${table.inputs[i]!.label} ∈ {${[...s].map((j) => atoms[i]![j]!.label.replace(`${table.inputs[i]!.label} = `, '')).join(', ')}}`)).filter(Boolean).join(', ') || 'every case';
    if (table.hit !== 'collect') base.gaps = uncovered(universe, boxes).map(show);
    if (table.hit === 'first') {
      boxes.forEach((b, r) => { if (r > 0 && uncovered(b, boxes.slice(0, r)).length === 0) base.unreachable.push(table.rows[r]!.label); });
    }
    findings.push(base);
  }
  return findings;
}
