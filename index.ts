/**
 * Rulebook's library entry point: compile .rules source, load an artifact, evaluate.
 *
 *   const { artifact, diagnostics } = compile(source);
 *   const loaded = load(artifact);
 *   if (loaded.ok) loaded.ruleset.evaluate(input, { asOf, readings, explain: true });
 */
export { compile, type CompileResult } from './compiler/compile.js';
export { formatDiagnostic, DIAGNOSTIC_CODES, type Diagnostic, type DiagnosticCode } from './language/diagnostics.js';
export { typeDeclarations } from './compiler/ts-types.js';
export * from './runtime/index.js';

import { compile as compileSource } from './compiler/compile.js';
import { load as loadArtifact, type EvaluateOptions, type EvaluateResult } from './runtime/load.js';

/** Compiles, loads and evaluates in one call (handy in tests and scripts). */
export function evaluate(source: string, input: unknown, options?: EvaluateOptions): EvaluateResult {
  const compiled = compileSource(source);
  if (!compiled.artifact) {
    const d = compiled.diagnostics.find((x) => x.severity === 'error');
    return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The rules do not compile: ${d ? `${d.code} ${d.message}` : 'unknown error'}` } };
  }
  const loaded = loadArtifact(compiled.artifact);
  return loaded.ok ? loaded.ruleset.evaluate(input, options) : { ok: false, error: loaded.error };
}
