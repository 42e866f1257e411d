/**
 * The driver: a list of stages (parse -> limits -> resolve -> check -> order -> artifact) that
 * stops after the first stage reporting errors.
 */
import { parse, type ParseResult } from '../language/parse.js';
import { hasErrors, type Diagnostic } from '../language/diagnostics.js';
import type { RulesFile } from '../language/ast.js';
import type { Artifact } from '../runtime/ir.js';
import { FILE_START } from '../language/span.js';
import { resolve } from './resolve.js';
import { checkProgram } from './check-decls.js';
import { orderDefinitions } from './order.js';
import { buildArtifact } from './artifact.js';
import { checkOrder } from './limits.js';
import type { CheckMemo } from './check-memo.js';
import type { DeclFactsCache } from './decl-facts.js';

export interface CompileResult {
  artifact?: Artifact;
  diagnostics: Diagnostic[];
  ast?: RulesFile;
}

export interface CompileOptions {
  /** The file's path, set on every diagnostic. */
  path?: string;
  /** The parser to use instead of `parse`, e.g. an IncrementalParser (language/incremental.ts) kept per editor. */
  parser?: { parse(source: string): ParseResult };
  /** The checker's memory of the last compile (compiler/check-memo.ts), kept per editor with the parser. */
  memo?: CheckMemo;
  /** What the whole-file walks learnt per declaration (compiler/decl-facts.ts), kept per editor with the parser. */
  facts?: DeclFactsCache;
}

/** Compiles .rules source text. Never throws on bad input: problems come back as diagnostics. */
export function compile(source: string, options: CompileOptions = {}): CompileResult {
  const withPath = (ds: Diagnostic[]) => (options.path ? ds.map((d) => ({ ...d, path: options.path })) : ds);
  const parsed = options.parser ? options.parser.parse(source) : parse(source);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: withPath(parsed.diagnostics), ast: parsed.ast };
  const limits = checkOrder(parsed.ast, options.facts);
  if (hasErrors(limits.diagnostics)) return { diagnostics: withPath([...parsed.diagnostics, ...limits.diagnostics]), ast: parsed.ast };
  const resolved = resolve(parsed.ast, options.facts);
  options.memo?.begin(parsed.ast, resolved, source);
  const checked = checkProgram(resolved, source, limits.order, options.memo);
  options.memo?.end();
  const all = [...parsed.diagnostics, ...resolved.diagnostics, ...checked.diagnostics];
  const names = [...checked.deps.keys()];
  const spanOf = (n: string) => {
    const s = resolved.symbols.get(n);
    return s && 'decl' in s && s.decl.name ? s.decl.name.span : FILE_START;
  };
  const ordered = orderDefinitions(names, checked.deps, spanOf);
  all.push(...ordered.diagnostics);
  all.sort((a, b) => a.span.startOffset - b.span.startOffset);
  if (hasErrors(all)) return { diagnostics: withPath(all), ast: parsed.ast };
  const artifact = buildArtifact(source, resolved, checked.definitions, checked.outputs, ordered.order, options.facts);
  return { artifact, diagnostics: withPath(all), ast: parsed.ast };
}
