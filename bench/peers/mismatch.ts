/**
 * Comparing a peer's outputs with Rulebook's, and naming the cause of every difference. A cause
 * is only named when it is shown on that input: the amount really is beyond what a JSON number
 * holds, the peer really agrees once its instants are written in UTC, the registration really is
 * a 29 February, the exact product really ends in a half. Anything else is counted as
 * "unexplained", which the bench reports rather than hides (an encoding bug, or ours).
 */
import { Decimal } from 'decimal.js';
import { amountText, mapLeaves } from './inputs.js';

type Obj = Record<string, unknown>;

export const REASONS = {
  precision: 'an amount beyond 2^53 units (input or result): a JSON number cannot hold it exactly, so the peer computes on a rounded value',
  zenOffset: 'zen: d() reads an ISO instant\'s clock time as UTC and drops its offset ("…T22:00:00-05:00" is taken as 22:00Z), so instants given with another offset move by it (the peer agrees once they are written in UTC)',
  zenFeb29: "zen: d(…).add(3, 'y') of a 29 February is \"Invalid date\", so no later purchase of a client registered on 29 February is in the 3-year window (Rulebook: the anniversary is 28 February, civil-code month end)",
  zenAlmaty: "zen: d('2024-02-29', 'Asia/Almaty').add(1, 'd') (and .endOf('day')) is \"Invalid date\": Almaty changed its offset from +06:00 to +05:00 at the end of that day, and the evaluation fails on the invalid timestamp",
  zenOverflow: 'zen: a product of large amounts overflows rust_decimal (28 digits); the native engine panics and the evaluation fails ("Hook timed out")',
  jsFeb29: 'json-rules-engine (JavaScript Date): 29 February + 3 years rolls over to 1 March, so a purchase on 1 March is still in the window (Rulebook: the anniversary is 28 February, civil-code month end, so 1 March is after it)',
  floatHalf: 'json-rules-engine: binary floating point, an exact half (x.5 of the rounding unit) is stored just below or above it and Math.round goes the other way (Rulebook: decimal, half up)',
  unexplained: 'unexplained (investigate: an encoding bug, or a Rulebook error)',
} as const;

/** Whether the peer's value equals Rulebook's: amounts as exact decimals, everything else as is. */
export function sameValue(rb: unknown, peer: unknown): boolean {
  const a = amountText(rb);
  if (a !== undefined) return typeof peer === 'number' && Number.isFinite(peer) && new Decimal(a).eq(new Decimal(String(peer)));
  return rb === peer;
}

/** Output names whose values differ. */
export function differing(rb: Obj, peer: Obj, names: string[]): string[] {
  return names.filter((k) => !sameValue(rb[k], peer[k]));
}

/** An amount a JSON number does not hold exactly (beyond 2^53 units or too many digits). */
const inexact = (text: string) => !new Decimal(text).eq(new Decimal(String(Number(text))));

/** Whether any amount of the Rulebook input or outputs is one a JSON number cannot hold. */
export function beyondNumbers(input: unknown, outputs: Obj): boolean {
  const walk = (x: unknown): boolean => {
    if (Array.isArray(x)) return x.some(walk);
    if (x && typeof x === 'object') return Object.values(x).some(walk);
    const a = amountText(x);
    return a !== undefined && inexact(a);
  };
  return walk(input) || walk(outputs);
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** The same input with every instant written in UTC ("…Z"): the same moments, no offsets. */
export const instantsInUtc = (x: unknown): unknown => mapLeaves(x, (v) => (typeof v === 'string' && ISO_INSTANT.test(v) ? new Date(v).toISOString() : v));

/** The Moscow calendar day of an instant (UTC+3 all year since 2014). */
export const moscowDay = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 10);

/** Whether `exact` (a decimal) lies exactly halfway between two multiples of 10^-scale. */
export const exactHalf = (exact: Decimal, scale: number) => exact.times(new Decimal(10).pow(scale)).mod(1).abs().eq(0.5);
