/**
 * Two sides timed block by block in turn: the way the bench compares Rulebook with another
 * implementation of the same decision (bench/handwritten.ts, bench/peers.ts).
 *
 * These hosts are shared and change speed for seconds at a time. Timed as whole passes over
 * 100 000 inputs, one side after the other, a slow stretch can fall on one side only (in one
 * run, partner-ua's Rulebook side took 82 µs an evaluation against ~40 in every other run;
 * in another, the json-rules-engine comparison of the referral rule gave ×4.79 where runs of
 * that decision alone gave ×5.9–6.5). So each round goes over every input in blocks; each
 * block is timed on one side and at once on the other, the side going first alternating from
 * block to block, and two blocks timed back to back meet the same host.
 */

/** Inputs per block: some 10–200 ms of work at these speeds. */
export const BLOCK = 2000;

/** One side: evaluates inputs [from, to) and answers the milliseconds it took (awaited when a promise). */
export type Side = (from: number, to: number) => number | Promise<number>;

/**
 * Milliseconds per input of each side and the ratio `b ÷ a`. A round's ratio is its two
 * totals' ratio (every block counted, the collections each side paid for included); the
 * ratio is the median of the rounds' ratios, the times the medians of the rounds' totals.
 */
export async function timeInTurn(n: number, a: Side, b: Side, rounds: number): Promise<{ a: number; b: number; ratio: number }> {
  const ta: number[] = [], tb: number[] = [], ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let sumA = 0, sumB = 0;
    for (let from = 0, k = 0; from < n; from += BLOCK, k++) {
      const to = Math.min(n, from + BLOCK);
      if ((k + r) % 2) { sumB += await b(from, to); sumA += await a(from, to); } else { sumA += await a(from, to); sumB += await b(from, to); }
    }
    ratios.push(sumB / sumA);
    ta.push(sumA / n); tb.push(sumB / n);
  }
  const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return { a: med(ta), b: med(tb), ratio: med(ratios) };
}
