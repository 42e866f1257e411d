/** Compiles one .rules file for the CLI, printing its diagnostics to stderr. */
import { compile } from '../compiler/compile.js';
import { formatDiagnostic, hasErrors } from '../language/diagnostics.js';
import type { Artifact } from '../runtime/ir.js';
import { readText, errText } from './io.js';

/** Compiles a .rules file, printing diagnostics; returns the artifact or undefined. */
export function compileFile(path: string, quiet = false): Artifact | undefined {
  const source = readText(path);
  const result = compile(source, { path });
  for (const d of result.diagnostics) if (!quiet || d.severity === 'error') errText(formatDiagnostic(d, source, path));
  return hasErrors(result.diagnostics) ? undefined : result.artifact;
}

