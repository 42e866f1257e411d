/**
 * "Did you mean" on hostile names: long, almost equal names used to cost the square of their
 * length per comparison (a 78 KB file took seconds to check), and thousands of similar names
 * the product of their numbers. The work is counted (closestName), never timed: names longer
 * than MAX_SUGGESTED_NAME are not compared, and one suggestion does at most about
 * SUGGESTION_BUDGET of work, while the suggestions for names people write stay as they were.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compile } from '../../compiler/compile.js';
import { closestName, didYouMean, MAX_SUGGESTED_NAME, SUGGESTION_BUDGET } from '../../language/diagnostics.js';

const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n';

/** The most one comparison of two names of at most MAX_SUGGESTED_NAME characters costs. */
const ONE_COMPARISON = 2 * MAX_SUGGESTED_NAME + 2 + MAX_SUGGESTED_NAME * (2 * Math.floor(MAX_SUGGESTED_NAME / 3) + 1);

/** Reproducible names of `n` letters from `alphabet`, all with the same letters (so the cheap filters pass). */
function shuffled(count: number, n: number, alphabet: string, seed = 7): string[] {
  let s = seed;
  const next = () => (s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
  return Array.from({ length: count }, () => {
    const a = Array.from({ length: n }, (_, i) => alphabet[i % alphabet.length]!);
    for (let i = n - 1; i > 0; i--) { const j = Math.floor(next() * (i + 1)); [a[i], a[j]] = [a[j]!, a[i]!]; }
    return 'n' + a.join('');
  });
}

describe('did you mean on long names', () => {
  it('compares no name longer than MAX_SUGGESTED_NAME, and still suggests for ordinary ones', () => {
    const long = 'a'.repeat(20_000);
    const misspelt = 'a'.repeat(19_999) + 'b';
    expect(closestName(misspelt, [long, 'referral'])).toEqual({ name: undefined, work: 0 });
    expect(didYouMean(misspelt, [long])).toBe('');
    // a short word is not compared with a long candidate either
    expect(didYouMean('a'.repeat(60), ['a'.repeat(MAX_SUGGESTED_NAME + 1)])).toBe('');
    expect(didYouMean('refferal', ['referral', 'refund'])).toBe(' Did you mean `referral`?');
    expect(didYouMean('refferal', [long, 'referral'])).toBe(' Did you mean `referral`?');
    // up to the limit, names are compared as before
    expect(didYouMean('a'.repeat(MAX_SUGGESTED_NAME - 1) + 'b', ['a'.repeat(MAX_SUGGESTED_NAME)])).toBe(` Did you mean \`${'a'.repeat(MAX_SUGGESTED_NAME)}\`?`);
  });

  it('does a bounded amount of work for one suggestion among thousands of similar names', () => {
    const names = shuffled(5000, 60, 'ab');
    const [word] = shuffled(1, 60, 'ab', 99);
    const { work } = closestName(word!, names);
    expect(work).toBeGreaterThan(0);
    expect(work).toBeLessThanOrEqual(SUGGESTION_BUDGET + ONE_COMPARISON);
  });

  it('spends little on a real program\'s misspelling', () => {
    const names = ['purchases', 'partner_level', 'threshold', 'referral', 'referral_link', 'promo_code', 'total', 'bonus', 'as_of', 'round'];
    const r = closestName('refferal', names);
    expect(r.name).toBe('referral');
    expect(r.work).toBeLessThan(1000);
  });

  it('suggests what comparing every candidate fully would, for names people write', () => {
    const naive = (a: string, b: string): number => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length]!;
    };
    const closest = (word: string, candidates: string[]): string | undefined => {
      const limit = Math.max(1, Math.floor(word.length / 3));
      let best: string | undefined, bestDistance = limit + 1;
      for (const c of candidates) {
        const d = naive(word.toLowerCase(), c.toLowerCase());
        if (d < bestDistance) { best = c; bestDistance = d; }
      }
      return best;
    };
    const name = fc.stringMatching(/^[a-dA-D_]{1,14}$/);
    fc.assert(fc.property(name, fc.array(name, { maxLength: 30 }), (word, candidates) => {
      expect(closestName(word, candidates).name).toBe(closest(word, candidates));
    }), { seed: 5, numRuns: 300 });
  });
});

describe('a hostile program', () => {
  it('is checked, with suggestions only for names of ordinary length', () => {
    const long = 'a'.repeat(5000);
    const similar = shuffled(200, 40, 'abc');
    const uses = shuffled(30, 40, 'abc', 3);
    const src = `${head}define ${long}: integer = 1\n`
      + Array.from({ length: 10 }, (_, i) => `output x${i}: integer = ${'a'.repeat(4999)}b\n`).join('')
      + similar.map((n) => `define ${n}: integer = 1\n`).join('')
      + uses.map((n, i) => `output y${i}: integer = ${n}\n`).join('')
      + 'output z: integer = refferal\ndefine referral: integer = 1\n';
    const r = compile(src);
    const unknown = r.diagnostics.filter((d) => d.code === 'RB300');
    expect(unknown).toHaveLength(10 + 30 + 1);
    for (const d of unknown.slice(0, 10)) expect(d.message).not.toContain('Did you mean');
    expect(unknown.at(-1)!.message).toContain('Did you mean `referral`?');
  });
});
