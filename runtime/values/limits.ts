/**
 * The ranges inside which values are exact, shared by input decoding, output encoding
 * and the compiler's checks of literals. Outside them a value is refused with a clear
 * error, never rounded or printed in a form that cannot be read back.
 */
import { epochDay } from './calendar-date.js';
import { CURRENCY_MINOR_UNITS } from './currencies.js';

/** Digits (before and after the point together) a number, amount or percentage may have. */
export const MAX_DIGITS = 40;
/**
 * Record types a program declares. Building a program's decoders, encoders and explainers
 * follows records into the records of their fields, depth first: a chain of 1 500 records
 * each holding the next overflowed the stack where the compiler had found nothing wrong.
 * The compiler allows this many (RB102), `load` a quarter more.
 */
export const MAX_RECORD_TYPES = 200;
/** The first and last day numbers of the years 0001–9999. */
export const MIN_DAY = epochDay(1, 1, 1);
export const MAX_DAY = epochDay(9999, 12, 31);
/** The longest durations, per unit: about ten thousand years (hours and minutes too, so every unit has a bound). */
export const MAX_DURATION: Readonly<Record<string, number>> = {
  days: 3_660_000, business_days: 3_660_000, months: 120_000, years: 10_000, hours: 3_660_000 * 24, minutes: 3_660_000 * 24 * 60,
};

/** Digits of a plain decimal text such as "-14400.50". */
export function digitCount(text: string): number {
  return text.replace(/[^0-9]/g, '').length;
}

/** Digits after the point of a plain decimal text. */
export function scaleOf(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The finest money a program may hold in a currency: the currency's minor unit, or the
 * program's rounding unit when that is finer (`rounding half up to 0.0001`).
 */
export function moneyScaleLimit(currency: string, programScale: number): number {
  const minor = Object.hasOwn(CURRENCY_MINOR_UNITS, currency) ? CURRENCY_MINOR_UNITS[currency]! : 2;
  return Math.max(minor, programScale);
}

/** True for a day number within the years 0001–9999. */
export function dayInRange(day: number): boolean {
  return Number.isInteger(day) && day >= MIN_DAY && day <= MAX_DAY;
}
