/**
 * `rulebook check --tables` in the playground: the combinations no row of a table
 * covers, and the rows earlier rows cover entirely, as warnings on the table. The
 * compiler already warns that a table may match no row (RB508); the analysis names
 * the cases, so it completes that warning instead of repeating it.
 */
import { checkTables } from '../../../analysis/table-gaps.js';
import type { Artifact } from '../../../runtime/ir.js';
import type { Diag } from './protocol.js';

/** Combinations named in one warning; the rest are counted. */
const NAMED = 3;

/** The diagnostics with the table analysis added. Never throws: an analysis that fails adds nothing. */
export function withTableFindings(artifact: Artifact, diagnostics: Diag[]): Diag[] {
  let findings: ReturnType<typeof checkTables>;
  try { findings = checkTables(artifact); } catch { return diagnostics; }
  const out = diagnostics.slice();
  for (const f of findings) {
    if (f.skipped) continue;
    const [startLine, startColumn, endLine, endColumn] = f.span;
    const span = { startLine, startColumn, endLine, endColumn };
    if (f.gaps.length) {
      const cases = `No row of table ${f.table} covers ${f.gaps.slice(0, NAMED).join('; ')}${f.gaps.length > NAMED ? ` (and ${f.gaps.length - NAMED} more combinations)` : ''}: such an input stops the evaluation with an error. Add a row for it, or a last row with "-" in every column.`;
      // the compiler's own RB508 on this table says the same in general: make it specific
      const i = out.findIndex((d) => d.code === 'RB508' && d.span.startLine >= startLine && d.span.startLine <= endLine);
      if (i >= 0) out[i] = { ...out[i]!, message: cases };
      else out.push({ code: 'RB508', severity: 'warning', message: cases, span });
    }
    const rows = artifact.definitions.find((d) => d.name === f.table)?.table?.rows ?? [];
    for (const row of f.unreachable) {
      // on the row itself when the artifact has its span, else on the table
      const at = rows.find((r) => r.label === row)?.span;
      const rowSpan = at ? { startLine: at[0], startColumn: at[1], endLine: at[2], endColumn: at[3] } : span;
      out.push({ code: 'RB509', severity: 'warning', message: `${row[0]!.toUpperCase()}${row.slice(1)} of table ${f.table} can never match: earlier rows take every case it accepts (the first matching row wins). Remove it, or move it above the rows that hide it.`, span: rowSpan });
    }
  }
  return out;
}
