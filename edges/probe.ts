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
 * the ranks do not depend on which call happened to compute it first.
 */
export function probe(ruleset: Ruleset, input: unknown, options: EvaluateOptions, explain = false): Probe {
  const order: Occurrence[] = [];
  const occurrences = new Map<string, Occurrence>();
  const ranks = new Map<string, number>();
  let paths: WeakMap<object, string> | undefined;
  type Rec = { key: string; scope: string; o: Occurrence['o'] };
  const byCall = new Map<string, Rec[]>();
  const open: Rec[][] = [];
  const record = (r: Rec) => {
    const rank = ranks.get(r.key) ?? 0;
    ranks.set(r.key, rank + 1);
    const occ: Occurrence = { id: `${r.key}|${rank}`, o: r.o, scope: r.scope };
    order.push(occ);
    occurrences.set(occ.id, occ);
    for (const list of open) list.push(r);
  };
  const observe = (ob: Observation) => {
    if (ob.kind === 'call') { const list: Rec[] = []; byCall.set(ob.key!, list); open.push(list); return; }
    if (ob.kind === 'done') { open.pop(); return; }
    if (ob.kind === 'ref') { for (const r of byCall.get(ob.key!) ?? []) record(r); return; }
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
    record({ key: `${ob.site}|${scope.join(',')}`, scope: scope.join(', '), o });
  };
  const r = ruleset.evaluate(input, { ...options, explain, observe });
  if (!r.ok) return { ok: false, message: `${r.error.code}: ${r.error.message}` };
  return { ok: true, outputs: r.outputs, occurrences, order };
}
