/**
 * `findEdges`: every boundary one scenario's evaluation touched, with neighbouring
 * inputs on both sides and on it, evaluated, and what changes in the outputs.
 * Pure TypeScript over the runtime: the CLI and the playground both call it.
 */
import type { Ruleset, EvaluateOptions } from '../runtime/load.js';
import { isDec } from '../runtime/values/decimal.js';
import { isoDate } from '../runtime/values/calendar-date.js';
import { formatInstant } from '../runtime/values/instant.js';
import { inputLeaves, instantLeaf, withValue, type Leaf } from './leaves.js';
import { probe, type Probe, type Occurrence } from './probe.js';
import { thresholdsOf, findThreshold, margin, type Threshold } from './thresholds.js';
import { locate, locateByDay, wanted, marginAt, type ProbeAt } from './search.js';
import { diffValues, type DiffRow } from '../runtime/diff.js';

/** One neighbouring input, evaluated. */
export interface Neighbour {
  /** `E3.2`: edge 3, second neighbour (for --pick). */
  id: string;
  /** The field moved and its new value (JSON, as a scenario writes it). */
  field: string;
  /** True when the field moved is the evaluation instant (--as-of), not an input field. */
  asOf: boolean;
  path: (string | number)[];
  value: unknown;
  /** Where the compared value stands against the threshold. */
  position: 'below' | 'on' | 'above';
  /** The compared values in this neighbour, and whether the test holds. */
  left: string;
  right: string;
  holds: boolean;
  /** Output leaves that differ from the scenario's outputs. */
  diff: DiffRow[];
  outputs?: Record<string, unknown>;
  error?: string;
}

/** One boundary and the inputs that reach it. */
export interface Edge {
  id: string;
  /** What kind of test: a comparison, an interval's start or end, a version cut-off, a table cell. */
  test: string;
  /** The operator as the test reads it, e.g. `>=`, with the threshold side. */
  op: string;
  left: string;
  right: string;
  holds: boolean;
  /** Where it sits: the definition, rule, requirement or table, with its arguments. */
  where: string;
  clauses: string[];
  /** The test as written in the program (from its span), or what the trace says of it. */
  expression: string;
  span?: [number, number, number, number];
  /** The input fields that move the compared value, each with its neighbours. */
  changes: { field: string; from: unknown; unit: string; neighbours: Neighbour[]; across: DiffRow[] }[];
}

export interface EdgeReport {
  /** Boundaries whose crossing (by some field) changes an output. */
  edges: Edge[];
  /** Boundaries reached by moving an input, but whose crossing changes no output. */
  noEffect: Edge[];
  /** Tests no single input field moves (constants, or values the search could not reach). */
  fixed: { where: string; expression: string; clauses: string[]; left: string; op: string; right: string }[];
  evaluations: number;
  /** Set when the search stopped at `maxEvaluations`: some boundaries may be missing. */
  truncated?: boolean;
}

export interface EdgeOptions extends Pick<EvaluateOptions, 'asOf' | 'readings' | 'calendar'> {
  /** The program's source text, to quote each test as written. */
  source?: string;
  /** At most this many evaluations (default 20 000), so a huge input ends with a note, not a long wait. */
  maxEvaluations?: number;
  /**
   * At most this many tests observed over all evaluations (default 3 000 000): a state
   * folded over every day of a year makes thousands of tests per evaluation, so the
   * evaluation count alone would let the search run for an hour.
   */
  maxTests?: number;
}

/** Tests kept in the cache of evaluations; beyond it the oldest are dropped (and redone if needed), so memory stays bounded. */
const CACHED_TESTS = 500_000;

/** Text of a span in the source, whitespace folded. */
export function spanText(source: string | undefined, span: [number, number, number, number] | undefined): string | undefined {
  if (!source || !span) return undefined;
  const lines = source.split('\n');
  const [sl, sc, el, ec] = span;
  const part = sl === el ? lines[sl - 1]?.slice(sc - 1, ec - 1) : [lines[sl - 1]?.slice(sc - 1), ...lines.slice(sl, el - 1), lines[el - 1]?.slice(0, ec - 1)].join('\n');
  return part?.replace(/\s+/g, ' ').trim();
}

function show(kind: string, v: unknown, zone: string): string {
  if (v === null || v === undefined) return 'absent';
  if (isDec(v)) return v.toString();
  if (kind === 'day' && typeof v === 'number') return isoDate(v);
  if (kind === 'ms' && typeof v === 'number') return formatInstant(v, zone);
  return String(v);
}

function whereOf(occ: Occurrence): { where: string; clauses: string[] } {
  const n = occ.o.node;
  if (!n) return { where: '(program)', clauses: [] };
  const args = n.args ? `(${Object.entries(n.args).map(([k, v]) => `${k} = ${typeof v === 'object' && v ? (Object.entries(v).find(([f]) => f.endsWith('id'))?.[1] as string ?? '…') : String(v)}`).join(', ')})` : '';
  const label = n.kind === 'requirement' ? `requirement "${n.name}"` : n.kind === 'rule' ? `rule ${n.name}` : `${n.name}${args}`;
  return { where: label, clauses: n.clauses };
}

function expressionOf(t: Threshold, source: string | undefined): string {
  const o = t.occ.o;
  const text = spanText(source, o.span);
  const partNote = t.part === 'start' ? ' (its start)' : t.part === 'end' ? ' (its end)' : t.part.startsWith('cut') ? ' (the cut-off between versions)' : '';
  if (o.kind === 'cell') return `${o.column ?? 'column'} ${t.op} … in ${text ? `the row ${text}` : 'a table row'}${partNote}`;
  return `${text ?? o.node?.note ?? o.node?.name ?? 'a comparison'}${partNote}`;
}

/** Finds the edges of one scenario. */
export function findEdges(ruleset: Ruleset, input: unknown, options: EdgeOptions = {}): EdgeReport | { error: string } {
  const zone = ruleset.artifact.program.zone;
  const evalOptions: EvaluateOptions = { asOf: options.asOf, readings: options.readings, calendar: options.calendar };
  const base = probe(ruleset, input, evalOptions, true);
  if (!base.ok) return { error: base.message };
  const leaves = inputLeaves(ruleset.artifact, input);
  if (typeof options.asOf === 'string') {
    const l = instantLeaf(options.asOf, zone, 'as_of');
    if (l) leaves.push({ ...l, path: ['as_of'], label: '--as-of' });
  }
  let evaluations = 1, truncated = false;
  const budget = options.maxEvaluations ?? 20_000;
  const testBudget = options.maxTests ?? 3_000_000;
  let observed = base.order.length, cached = 0;
  const cache = new Map<string, Probe>();
  const size = (p: Probe) => (p.ok ? p.order.length : 0);
  const inputAt = (leaf: Leaf, k: number) => (leaf.kind === 'as_of' ? input : withValue(input, leaf.path, leaf.write(k)));
  const probeAt: ProbeAt = (leaf, k) => {
    if (k === 0) return base;
    const key = `${leaf.label}@${k}`;
    let p = cache.get(key);
    if (!p) {
      // past the budget every further move reads as "no such case": searches stop
      if (evaluations >= budget || observed >= testBudget) { truncated = true; return { ok: false, message: 'the evaluation budget is spent' }; }
      evaluations++;
      p = probe(ruleset, inputAt(leaf, k), leaf.kind === 'as_of' ? { ...evalOptions, asOf: leaf.write(k) as string } : evalOptions);
      observed += size(p);
      cache.set(key, p);
      cached += size(p);
      // a map iterates in insertion order: the oldest evaluations go first
      for (const [old, q] of cache) {
        if (cached <= CACHED_TESTS || old === key) break;
        cache.delete(old);
        cached -= size(q);
      }
    }
    return p;
  };

  // every distinct threshold test of the scenario; the same test repeated (a shared
  // call, another client with the same dates) is one boundary reached from each place
  const groups = new Map<string, Threshold[]>();
  for (const occ of base.order) {
    for (const t of thresholdsOf(occ)) {
      const key = `${occ.o.site}|${t.part}|${show(t.kind, t.left, zone)}|${show(t.kind, t.right, zone)}`;
      groups.set(key, [...(groups.get(key) ?? []), t]);
    }
  }
  const thresholds = [...groups.values()].flat();

  // which fields move which tests: each field once, by a moderate step
  const stepOf = (leaf: Leaf) => (leaf.kind === 'instant' || leaf.kind === 'as_of' ? 86_400 : leaf.kind === 'money' || leaf.kind === 'decimal' ? 100 : 1);
  const slopes = new Map<string, { leaf: Leaf; slope: number; t: Threshold }[]>();
  for (const leaf of leaves) {
    let step = stepOf(leaf);
    let p = probeAt(leaf, step);
    if (!p.ok) { step = -step; p = probeAt(leaf, step); }
    if (!p.ok) continue;
    // a second step tells a test the field moves (twice as far) from one that merely
    // shifted because the evaluation took another path (a different test in its place)
    const p2 = probeAt(leaf, 2 * step);
    for (const t of thresholds) {
      const x = findThreshold(p.occurrences, t.id);
      if (!x) continue;
      const m0 = margin(t.kind, t.left, t.right)!, m1 = margin(x.kind, x.left, x.right);
      if (m1 === undefined || m1 === m0) continue;
      const x2 = p2.ok ? findThreshold(p2.occurrences, t.id) : undefined;
      const m2 = x2 && margin(x2.kind, x2.left, x2.right);
      const grain = t.kind === 'day' ? 1 : t.kind === 'ms' ? 1000 : 0.01;
      if (m2 !== undefined && Math.abs(m2 - m0 - 2 * (m1 - m0)) > Math.abs(m1 - m0) / 2 + grain) continue;
      const list = slopes.get(t.id) ?? [];
      list.push({ leaf, slope: (m1 - m0) / step, t });
      slopes.set(t.id, list);
    }
  }

  const edges: Edge[] = [], noEffect: Edge[] = [];
  const fixed: EdgeReport['fixed'] = [];
  let n = 0;
  for (const group of groups.values()) {
    const t = group[0]!;
    const { where, clauses } = whereOf(t.occ);
    const expression = expressionOf(t, options.source);
    const left = show(t.kind, t.left, zone), right = show(t.kind, t.right, zone);
    const changes: Edge['changes'] = [];
    const id = `E${n + 1}`;
    const reach = new Map<string, { leaf: Leaf; slope: number; t: Threshold }>();
    for (const m of group) for (const x of slopes.get(m.id) ?? []) if (!reach.has(x.leaf.label)) reach.set(x.leaf.label, x);
    for (const { leaf, slope, t } of reach.values()) {
      const dir = (wanted(t) * Math.sign(slope)) as 1 | -1;
      const c = (leaf.kind === 'instant' || leaf.kind === 'as_of') && t.kind === 'day' ? locateByDay(probeAt, leaf, t, dir, slope, zone) : locate(probeAt, leaf, t, dir, slope);
      if (!c) continue;
      const a = Math.min(c.same, c.flip), b = Math.max(c.same, c.flip);
      const big = (leaf.kind === 'instant' || leaf.kind === 'as_of') && t.kind === 'day' ? 86_400 : 1;
      const ma = marginAt(probeAt, leaf, a, t), mb = marginAt(probeAt, leaf, b, t);
      // a crossing, not a jump: one unit further moves the compared value by about
      // one unit's worth (a jump means another boundary flipped this test)
      const grain = t.kind === 'day' ? 1 : t.kind === 'ms' ? 1000 : 0.01;
      if (ma === undefined || mb === undefined || Math.abs(mb - ma) > 2 * Math.abs(slope) + grain) continue;
      const ks = ma === 0 || mb !== 0 ? [a - big, a, b] : [a, b, b + big];
      const neighbours = ks.map((k, i): Neighbour => {
        const p = probeAt(leaf, k);
        const nb: Neighbour = { id: `${id}.${changes.length * 3 + i + 1}`, field: leaf.label, asOf: leaf.kind === 'as_of', path: leaf.path, value: leaf.write(k), position: 'on', left: '', right: '', holds: false, diff: [] };
        if (!p.ok) return { ...nb, error: p.message };
        const x = findThreshold(p.occurrences, t.id);
        const m = x ? margin(x.kind, x.left, x.right) : undefined;
        return {
          ...nb, position: m === undefined || m === 0 ? 'on' : m < 0 ? 'below' : 'above',
          left: x ? show(x.kind, x.left, zone) : '?', right: x ? show(x.kind, x.right, zone) : '?', holds: x?.outcome ?? false,
          diff: diffValues(base.outputs, p.outputs), outputs: p.outputs,
        };
      });
      // what crossing the boundary itself changes: the two neighbours on either side of it
      const pa = probeAt(leaf, a), pb = probeAt(leaf, b);
      const across = pa.ok && pb.ok ? diffValues(pa.outputs, pb.outputs) : [];
      changes.push({ field: leaf.label, from: leaf.write(0), unit: leaf.unit, neighbours, across });
    }
    const edge: Edge = { id, test: t.occ.o.kind, op: t.op, left, right, holds: t.outcome, where, clauses, expression, ...(t.occ.o.span ? { span: t.occ.o.span } : {}), changes };
    if (!changes.length) { fixed.push({ where, expression, clauses, left, op: t.op, right }); continue; }
    n++;
    (changes.some((c) => c.across.length) ? edges : noEffect).push(edge);
  }
  return { edges, noEffect, fixed, evaluations, ...(truncated ? { truncated } : {}) };
}
