/** One NDJSON line of `rulebook eval --batch`: its input evaluated, the result as one JSON line. */
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';

/**
 * Evaluates one line. A line that is not JSON, or an input the program refuses, gives an
 * error line with its code and path — never an exception — so one bad record never stops a batch.
 */
export function evaluateLine(ruleset: Ruleset, line: string, options: EvaluateOptions): string {
  let input: unknown;
  try {
    input = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ error: { code: 'RB-E-INPUT', message: `$: the line is not valid JSON (${(e as Error).message})`, path: '$' } });
  }
  const r = ruleset.evaluate(input, options);
  if (r.ok) return JSON.stringify({ outputs: r.outputs });
  const { code, message, path } = r.error;
  return JSON.stringify({ error: { code, message, ...(path ? { path } : {}) } });
}
