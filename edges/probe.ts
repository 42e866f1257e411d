/**
 * One observed evaluation: the outputs, and every threshold test it made, each
 * named so the same test can be found again in an evaluation of a changed input
 * (by its place in the program, the input records in scope, and its rank).
 */
import type { Ruleset, EvaluateOptions } from '../runtime/load.js';
import type { Observation } from '../runtime/trace.js';
import { isDec } from '../runtime/values/decimal.js';

/** What the evaluation reported about one test, with the trace node it belongs to. */
export interface Occurrence {
  /** site|records in scope|rank: stable across evaluations of inputs that differ in one value. */
  id: string;
  o: Omit<Observation, 'frame' | 'input'>;
  /** The input records in scope, as JSON paths: `c=$.clients[0]`. */
  scope: string;
  /** site|records in scope: the id without its rank. */
  key: string;
}

export type Probe =
  | { ok: true; outputs: Record<string, unknown>; occurrences: Map<string, Occurrence>; order: Occurrence[] }
  | { ok: false; message: string };

/** Maps every object of a decoded input to its JSON path. */
function pathsOf(input: Record<string, unknown>): WeakMap<object, string> {
  const m = new WeakMap<object, string>();
  const walk = (v: unknown, path: string): void => {
    if (!v || typeof v !== 'object' || isDec(v)) return;
    m.set(v, path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else for (const k of Object.keys(v)) walk((v as Record<string, unknown>)[k], `${path}.${k}`);
  };
  walk(input, '$');
  return m;
}

/**
 * Evaluates `input` with an observer and names each test it made. A call computed
 * once and then reused (definitions are memoised) counts its tests at every use, so
 * the ranks do not depend on which call happened to compute it first; a reused test
 * itself is not listed again (it compared the same values).
 */
export function probe(ruleset: Ruleset, input: unknown, options: EvaluateOptions, explain = false): Probe {
  const order: Occurrence[] = [];
  const occurrences = new Map<string, Occurrence>();
  const ranks = new Map<string, number>();
  let paths: WeakMap<object, string> | undefined;
  // per call computed: how many tests of each key it made (nested calls included), so a
  // reuse of the call advances the ranks as a new computation would, without copies
  const byCall = new Map<string, Map<string, number>>();
  const open: Map<string, number>[] = [];
  // with an explanation (the scenario itself, once), reused tests are listed too, so a
  // test first met through a shared call is known under each of its places
  const listed = new Map<string, Occurrence[]>();
  const openLists: Occurrence[][] = [];
  const count = (key: string, n: number) => {
    ranks.set(key, (ranks.get(key) ?? 0) + n);
    for (const m of open) m.set(key, (m.get(key) ?? 0) + n);
  };
  const list = (key: string, o: Occurrence['o'], scope: string) => {
    const occ: Occurrence = { id: `${key}|${ranks.get(key) ?? 0}`, o, scope, key };
    count(key, 1);
    order.push(occ);
    occurrences.set(occ.id, occ);
    for (const l of openLists) l.push(occ);
  };
  const observe = (ob: Observation) => {
    if (ob.kind === 'call') {
      if (explain) { const l: Occurrence[] = []; listed.set(ob.key!, l); openLists.push(l); return; }
      const m = new Map<string, number>(); byCall.set(ob.key!, m); open.push(m); return;
    }
    if (ob.kind === 'done') { if (explain) openLists.pop(); else open.pop(); return; }
    if (ob.kind === 'ref') {
      if (explain) for (const x of listed.get(ob.key!) ?? []) list(x.key, x.o, x.scope);
      else for (const [key, n] of byCall.get(ob.key!) ?? []) count(key, n);
      return;
    }
    // only ordered tests can be edges (dates moved by a duration only matter to the timeline)
    if (ob.cmpKind !== 'num' && ob.cmpKind !== 'day' && ob.cmpKind !== 'ms') return;
    if (ob.kind === 'date_add' && !explain) return;
    paths ??= pathsOf(ob.input);
    const scope: string[] = [];
    for (const k of Object.keys(ob.frame)) {
      const v = ob.frame[k];
      if (v && typeof v === 'object' && !isDec(v)) scope.push(`${k}=${paths.get(v) ?? '?'}`);
    }
    const { frame: _f, input: _i, ...o } = ob;
    list(`${ob.site}|${scope.join(',')}`, o, scope.join(', '));
  };
  const r = ruleset.evaluate(input, { ...options, explain, observe });
  if (!r.ok) return { ok: false, message: `${r.error.code}: ${r.error.message}` };
  return { ok: true, outputs: r.outputs, occurrences, order };
}
