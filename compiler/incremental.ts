/**
 * The playground's compiler: `compile` with the memory of the last compile, one per editor.
 * It gives exactly what `compile` gives (test/compiler/incremental-check.test.ts), re-parsing
 * only the declarations an edit touched (language/incremental.ts), walking only those for the
 * whole-file checks (compiler/decl-facts.ts) and re-checking only those whose check could give
 * something new (compiler/check-memo.ts).
 */
import { IncrementalParser } from '../language/incremental.js';
import { CheckMemo } from './check-memo.js';
import { DeclFactsCache } from './decl-facts.js';
import { compile, type CompileResult } from './compile.js';

/** `compile` for a text that is edited again and again. */
export class IncrementalCompiler {
  readonly parser = new IncrementalParser();
  readonly memo = new CheckMemo();
  readonly facts = new DeclFactsCache();

  /** The same result as `compile(source, { path })`. */
  compile(source: string, options: { path?: string } = {}): CompileResult {
    return compile(source, { ...options, parser: this.parser, memo: this.memo, facts: this.facts });
  }
}
