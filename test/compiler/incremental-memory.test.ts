/**
 * The playground's compiler keeps, from one keystroke to the next, the ASTs of the
 * declarations an edit did not touch and the checker's results per declaration. A string
 * cut from a text (a name, a label, a declaration's text) can share that whole text's
 * memory in V8, so whatever it keeps must not hold on to the text of the keystroke it came
 * from: typing through a long program would keep one whole text per edited declaration
 * (partner-intl: 114 KB each). Measured as the heap after full collections, typing 30
 * figures into 30 different places against typing 5.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { setFlagsFromString, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { IncrementalCompiler } from '../../compiler/incremental.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
setFlagsFromString('--no-expose-gc');

/** Used heap after full collections (a few: weak maps and finalizers may free more on a second). */
function heapAfterGc(): number {
  for (let i = 0; i < 3; i++) gc();
  return getHeapStatistics().used_heap_size;
}

/** The offsets of figures in the code: a number's first digit after `=`, a comparison, a row or an amount (as bench/latency.ts types them), no date or time. */
function figures(text: string): number[] {
  const isNumber = (at: number) => (/^[\d.:-]*/.exec(text.slice(at))![0].match(/[.:-]/g)?.length ?? 0) <= 1;
  return [...text.matchAll(/^[^#"§\n]*?[=<>|+*(,] *(\d)/gm)].map((m) => m.index + m[0].length - 1).filter(isNumber);
}

describe('incremental compiler memory', () => {
  it('keeps no earlier keystroke\'s text alive through what it reuses (30 edits in 30 places of partner-intl)', () => {
    const path = 'programs/partner-intl.rules';
    const original = readFileSync(path, 'utf8');
    const places = figures(original);
    expect(places.length).toBeGreaterThanOrEqual(35);
    /** Types a figure at `places[from…to-1]` in turn, each a digit changed (1 -> 2 … 9 -> 8: the same length, so the other places do not move). */
    const typing = (compiler: IncrementalCompiler, text: string, from: number, to: number): string => {
      for (let k = from; k < to; k++) {
        const at = places[k]!, d = text[at]!;
        text = `${text.slice(0, at)}${d === '9' ? '8' : String.fromCharCode(d.charCodeAt(0) + 1)}${text.slice(at + 1)}`;
        const r = compiler.compile(text, { path });
        expect(r.artifact, r.diagnostics[0]?.message).toBeDefined();
      }
      return text;
    };
    // the same typing once in another editor first: compiled code and caches of the compiler's modules grow once, not per edit
    typing(new IncrementalCompiler(), original, 0, 35);
    const compiler = new IncrementalCompiler();
    const text = typing(compiler, original, 0, 5);
    const before = heapAfterGc();
    typing(compiler, text, 5, 35);
    const grown = heapAfterGc() - before;
    // one kept text per edited declaration would be up to 30 × 114 KB ≈ 3.4 MB; what is kept per declaration is a few KB
    expect(grown).toBeLessThan(1_200_000);
  });
});
