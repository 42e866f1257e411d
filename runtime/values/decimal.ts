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
