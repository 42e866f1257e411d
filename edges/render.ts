/** Plain-text rendering of an edge report for the CLI. */
import type { EdgeReport, Edge } from './find.js';
import { formatDiffRow } from '../runtime/diff.js';

const short = (v: unknown): string => (v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

function renderEdge(e: Edge, withDiff: boolean): string[] {
  const out = [`${e.id}  ${e.clauses.join(' ') || '(no clause)'}  ${e.where}`, `    ${e.expression}`, `    now: ${e.left} ${e.op} ${e.right} → ${e.holds ? 'holds' : 'does not hold'}`];
  for (const c of e.changes) {
    out.push(`    move ${c.field} (now ${short(c.from)}, step ${c.unit}):`);
    for (const n of c.neighbours) {
      const head = `      ${n.id.padEnd(7)} ${short(n.value).padEnd(28)} ${n.position.padEnd(5)} ${n.left} ${e.op} ${n.right} ${n.holds ? 'holds' : 'fails'}`;
      out.push(n.error ? `${head}  error: ${n.error}` : `${head}  ${n.diff.length ? `${n.diff.length} output(s) differ from the scenario` : 'outputs as in the scenario'}`);
    }
    if (!withDiff) continue;
    if (!c.across.length) { out.push('      crossing it changes no output'); continue; }
    out.push('      crossing it changes:');
    for (const d of c.across.slice(0, 12)) out.push(`        ${formatDiffRow(d)}`);
    if (c.across.length > 12) out.push(`        … ${c.across.length - 12} more`);
  }
  return out;
}

/** The report as text: edges with flips first, then boundaries with no effect here. */
export function renderEdges(r: EdgeReport): string {
  const out = [...(r.truncated ? [`note: the search stopped after ${r.evaluations} evaluations; some boundaries may be missing`] : []), `${r.edges.length} edge(s) change the outputs when crossed; ${r.noEffect.length} have no effect here; ${r.fixed.length} test(s) no single input moves (${r.evaluations} evaluations)`, ''];
  for (const e of r.edges) out.push(...renderEdge(e, true), '');
  if (r.noEffect.length) {
    out.push('no effect here (crossing them changes no output):');
    for (const e of r.noEffect) out.push(...renderEdge(e, false));
  }
  return out.join('\n');
}
