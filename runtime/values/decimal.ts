/**
 * The one decimal configuration for money, percentages and numbers. Precision is
 * far above decimal.js's 20-digit default so large amounts keep every digit.
 */
import { Decimal } from 'decimal.js';
import type { RoundingMode } from '../ir.js';

export const Dec = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Dec = InstanceType<typeof Dec>;

export const ZERO = new Dec(0);
export const HUNDRED = new Dec(100);

const MODES: Record<RoundingMode, Decimal.Rounding> = {
  half_up: Decimal.ROUND_HALF_UP, half_even: Decimal.ROUND_HALF_EVEN, half_down: Decimal.ROUND_HALF_DOWN,
  up: Decimal.ROUND_UP, down: Decimal.ROUND_DOWN, floor: Decimal.ROUND_FLOOR, ceiling: Decimal.ROUND_CEIL,
};

/** decimal.js rounding constant of a declared rounding mode. */
export function roundingOf(mode: RoundingMode): Decimal.Rounding {
  return MODES[mode];
}

/** True when a value is one of our decimals. */
export function isDec(v: unknown): v is Dec {
  return v instanceof Dec;
}

/**
 * Compares two decimals like decimal.js's `cmp` (negative, zero, positive; NaN when either
 * is NaN) without allocating: `cmp` copies its argument into a new Decimal first, which in
 * a loop over thousands of amounts (ledgers) makes most of the garbage.
 */
export function compareDec(x: Dec, y: Dec): number {
  // a plain number or string (never made by the runtime, but cmp takes them): cmp's own way
  if (!(y instanceof Dec)) return x.cmp(y);
  const xd = x.d, yd = y.d, xs = x.s, ys = y.s;
  if (!xd || !yd) return !xs || !ys ? NaN : xs !== ys ? xs : xd === yd ? 0 : (!xd !== xs < 0) ? 1 : -1;
  if (!xd[0] || !yd[0]) return xd[0] ? xs : yd[0] ? -ys : 0;
  if (xs !== ys) return xs;
  if (x.e !== y.e) return (x.e > y.e) !== (xs < 0) ? 1 : -1;
  const n = Math.min(xd.length, yd.length);
  for (let i = 0; i < n; i++) if (xd[i] !== yd[i]) return (xd[i]! > yd[i]!) !== (xs < 0) ? 1 : -1;
  return xd.length === yd.length ? 0 : (xd.length > yd.length) !== (xs < 0) ? 1 : -1;
}

/** True when a decimal is above zero, without allocating (`x.gt(0)` makes two Decimals). */
export function isPositive(x: Dec): boolean {
  return x.s > 0 && (!x.d || x.d[0] !== 0);
}
