/**
 * Finds, for one threshold test and one input field, where the test's outcome flips:
 * a first guess from the margin's slope, then doubling to bracket the flip, then
 * bisection to the exact unit (one second, one day, one minor unit, one).
 */
import type { Leaf } from './leaves.js';
import type { Probe } from './probe.js';
import { findThreshold, margin, type Threshold } from './thresholds.js';
import { localDay, offsetMinutes } from '../runtime/values/instant.js';

const DAY = 86_400;

/** Evaluates the input with one field moved by k units (cached by the caller). */
export type ProbeAt = (leaf: Leaf, k: number) => Probe;

type Q = 'same' | 'flip' | 'lost';

/** The two adjacent positions (in units from the field's value) on either side of the flip. */
export interface Crossing { same: number; flip: number }

const LIMIT: Record<string, number> = { date: 80_000, instant: 80_000 * 86_400, as_of: 80_000 * 86_400, integer: 1 << 20, money: 2 ** 45, decimal: 2 ** 45, percent: 2 ** 30 };

/** The margin of `t` in the evaluation at k, if that evaluation made the test. */
export function marginAt(probeAt: ProbeAt, leaf: Leaf, k: number, t: Threshold): number | undefined {
  const p = probeAt(leaf, k);
  if (!p.ok) return undefined;
  const x = findThreshold(p.occurrences, t.id);
  return x && margin(x.kind, x.left, x.right);
}

/**
 * For an instant field against a test on days: the flip is at a local midnight. Finds
 * the day first (in steps of one day), then checks the two seconds around the
 * midnight in between (23:59:59 and 00:00:00 in the program's zone); bisects the
 * seconds of that day only if the rules flip elsewhere.
 */
export function locateByDay(probeAt: ProbeAt, leaf: Leaf, t: Threshold, dir: 1 | -1, slope: number, zone: string): Crossing | undefined {
  const day: Leaf = { ...leaf, kind: 'date', label: `${leaf.label}#day`, write: (k) => leaf.write(k * DAY) };
  const byDay = locate((l, k) => probeAt(leaf, k * DAY), day, t, dir, slope * DAY);
  if (!byDay) return undefined;
  const q = (k: number): 'same' | 'flip' | 'lost' => {
    const p = probeAt(leaf, k);
    if (!p.ok) return 'lost';
    const x = findThreshold(p.occurrences, t.id);
    return !x ? 'lost' : x.outcome === t.outcome ? 'same' : 'flip';
  };
  // the local midnight after the earlier of the two instants, in seconds from the field's value
  const early = leaf.origin + Math.min(byDay.same, byDay.flip) * DAY;
  const nextDay = localDay(early * 1000, zone) + 1;
  const approx = nextDay * DAY;
  const midnight = approx - offsetMinutes(approx * 1000 - offsetMinutes(approx * 1000, zone) * 60_000, zone) * 60;
  const before = midnight - 1 - leaf.origin, at = midnight - leaf.origin;
  const [sameK, flipK] = dir > 0 ? [before, at] : [at, before];
  if (q(sameK) === 'same' && q(flipK) === 'flip') return { same: sameK, flip: flipK };
  // not at midnight: bisect the seconds between the two days
  let lo = Math.abs(byDay.same) * DAY, hi = Math.abs(byDay.flip) * DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = q(dir * mid);
    if (r === 'lost') return undefined;
    if (r === 'same') lo = mid; else hi = mid;
  }
  return { same: dir * lo, flip: dir * hi };
}

/**
 * Searches along `dir` (+1 or −1 units) for the flip of `t`. `slope` is the margin's
 * change per unit measured near the start; it gives the first guess.
 */
export function locate(probeAt: ProbeAt, leaf: Leaf, t: Threshold, dir: 1 | -1, slope: number): Crossing | undefined {
  const q = (k: number): Q => {
    const p = probeAt(leaf, dir * k);
    if (!p.ok) return 'lost';
    const x = findThreshold(p.occurrences, t.id);
    if (!x) return 'lost';
    return x.outcome === t.outcome ? 'same' : 'flip';
  };
  const limit = LIMIT[leaf.kind] ?? 2 ** 30;
  const m0 = margin(t.kind, t.left, t.right) ?? 0;
  let guess = slope ? Math.max(1, Math.round(Math.abs(m0 / slope))) : 1;
  if (!Number.isFinite(guess) || guess > limit) guess = 1;
  let lo = 0, hi: number | undefined;
  const g = q(guess);
  if (g === 'lost') return undefined;
  if (g === 'flip') {
    hi = guess;
    // step back from the guess until the outcome is the original one
    for (let s = 1; hi - s > 0; s *= 2) {
      const r = q(hi - s);
      if (r === 'lost') return undefined;
      if (r === 'same') { lo = hi - s; break; }
      hi = hi - s;
    }
  } else {
    lo = guess;
    for (let s = 1; ; s *= 2) {
      if (lo + s > limit) return undefined;
      const r = q(lo + s);
      if (r === 'lost') return undefined;
      if (r === 'flip') { hi = lo + s; break; }
      lo = lo + s;
    }
  }
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    const r = q(mid);
    if (r === 'lost') return undefined;
    if (r === 'same') lo = mid; else hi = mid;
  }
  return { same: dir * lo, flip: dir * hi };
}

/** Which way the margin must move to flip the test: +1 up, −1 down. */
export function wanted(t: Threshold): 1 | -1 {
  const m = margin(t.kind, t.left, t.right) ?? 0;
  if (m > 0) return -1;
  if (m < 0) return 1;
  return t.op === '>=' || t.op === '<' ? -1 : 1;
}
