/**
 * Appends chosen neighbours to a scenario file as new scenarios, the observed outputs
 * as expectations and a comment asking for review. The `yaml` Document API keeps the
 * file's comments, anchors and layout.
 */
import { parseDocument, isSeq, YAMLSeq } from 'yaml';
import type { EdgeReport, Edge, Neighbour } from './find.js';
import { withValue } from './leaves.js';

export interface Picked { edge: Edge; neighbour: Neighbour }

/** The neighbours named by `E5.1,E21.2`, or every neighbour that changes an output (`flips`). */
export function pickNeighbours(r: EdgeReport, pick: string): { ok: true; picked: Picked[] } | { ok: false; error: string } {
  const all: Picked[] = [];
  for (const edge of [...r.edges, ...r.noEffect]) for (const c of edge.changes) for (const neighbour of c.neighbours) all.push({ edge, neighbour });
  if (pick === 'flips') return { ok: true, picked: all.filter((p) => p.neighbour.diff.length && !p.neighbour.error) };
  const ids = pick.split(',').map((s) => s.trim()).filter(Boolean);
  const picked: Picked[] = [];
  for (const id of ids) {
    const p = all.find((x) => x.neighbour.id === id);
    if (!p) return { ok: false, error: `--pick: there is no neighbour ${id}; the ids are listed in the report (E5.1, E5.2 …)` };
    if (p.neighbour.error) return { ok: false, error: `--pick: neighbour ${id} does not evaluate (${p.neighbour.error})` };
    picked.push(p);
  }
  return { ok: true, picked };
}

export interface BaseScenario { name: string; input: unknown; asOf?: string; readings?: Record<string, string>; calendar?: { ua?: 'martial_law' | 'peacetime' } }

/** The scenario file's text with one scenario appended per picked neighbour. */
export function appendScenarios(text: string, base: BaseScenario, picked: Picked[]): string {
  const doc = parseDocument(text.trim() ? text : 'scenarios: []\n');
  let seq = doc.get('scenarios', true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    doc.set('scenarios', seq);
  }
  for (const { edge, neighbour: n } of picked) {
    const movesAsOf = n.asOf;
    const scenario: Record<string, unknown> = {
      name: `${base.name}: ${n.field} = ${typeof n.value === 'string' ? n.value : JSON.stringify(n.value)} (${edge.id}, ${n.position} ${edge.expression.slice(0, 60)})`,
      ...(movesAsOf ? { as_of: n.value } : base.asOf ? { as_of: base.asOf } : {}),
      ...(base.readings && Object.keys(base.readings).length ? { readings: base.readings } : {}),
      ...(base.calendar ? { calendar: base.calendar } : {}),
      input: movesAsOf ? base.input : withValue(base.input, n.path, n.value),
      expect: { outputs: n.outputs ?? {} },
    };
    const node = doc.createNode(scenario);
    node.commentBefore = ` generated from ${base.name} at ${edge.id} ${edge.clauses.join(' ')} ${edge.expression.replace(/\s+/g, ' ')}; review against the clause`;
    (seq as YAMLSeq).items.push(node);
  }
  return String(doc);
}
