/**
 * What must hold for ANY text given to the compiler, however broken: nothing throws,
 * every diagnostic has a catalogued code, a sentence and a span inside the file, and a
 * program that compiles also loads and evaluates to a value (never an exception).
 */
import { compile } from '../../compiler/compile.js';
import { DIAGNOSTIC_CODES } from '../../language/diagnostics.js';
import { splitLines } from '../../language/lines.js';
import { load } from '../../runtime/load.js';

/** The first broken invariant for this source, or undefined when all hold. */
export function brokenInvariant(source: string): string | undefined {
  let result: ReturnType<typeof compile>;
  try {
    result = compile(source);
  } catch (e) {
    return `compile threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`;
  }
  const lines = splitLines(source);
  for (const d of result.diagnostics) {
    if (!Object.hasOwn(DIAGNOSTIC_CODES, d.code)) return `unknown diagnostic code ${d.code}`;
    if (!d.message || /undefined|NaN|\[object/.test(d.message)) return `${d.code} has a broken message: ${d.message}`;
    const s = d.span;
    if (![s.startOffset, s.endOffset, s.startLine, s.startColumn, s.endLine, s.endColumn].every(Number.isInteger)) return `${d.code} has a span with a non-integer: ${JSON.stringify(s)}`;
    if (s.startOffset < 0 || s.endOffset < s.startOffset || s.startOffset > source.length || s.endOffset > source.length + 1) return `${d.code} span offsets ${s.startOffset}-${s.endOffset} outside a file of ${source.length} characters`;
    if (s.startLine < 1 || s.startLine > lines.length || s.endLine < s.startLine || s.endLine > lines.length) return `${d.code} span lines ${s.startLine}-${s.endLine} outside a file of ${lines.length} lines`;
    if (s.startColumn < 1 || s.startColumn > lines[s.startLine - 1]!.length + 2) return `${d.code} span column ${s.startColumn} outside line ${s.startLine} (${lines[s.startLine - 1]!.length} characters)`;
  }
  if (result.artifact) {
    try {
      const loaded = load(JSON.parse(JSON.stringify(result.artifact)));
      if (!loaded.ok) return `a compiled artifact does not load: ${loaded.error.path} ${loaded.error.message}`;
      const r = loaded.ruleset.evaluate({}, { asOf: '2025-09-01T12:00:00+03:00', explain: true });
      if (!r.ok && r.error.code === 'RB-E-INTERNAL') return `evaluation failed internally: ${r.error.message}`;
    } catch (e) {
      return `load or evaluate threw: ${(e as Error)?.message}`;
    }
  }
  return undefined;
}
