/**
 * Readers of the canonical JSON text forms — "14400.00 RUB", "20%", "2025-08-31",
 * "2025-08-31T23:30:00+05:00" — by character codes, with no regular expression and no
 * allocation but the value itself. Each accepts only text that both the reporting
 * decoder (codec.ts) and the compiler's JSON Schema accept, and gives the same value
 * as the reporting decoder; any other text (surrounding spaces, a zone in brackets, an
 * impossible day) answers undefined and the caller takes the reporting path.
 */
import { Dec } from './decimal.js';
import { decOfText } from './scaled.js';
import { epochDay, isValidDate, daysInMonth } from './calendar-date.js';
import { MAX_DIGITS, dayInRange } from './limits.js';
import { MIN_INSTANT, MAX_INSTANT } from './instant.js';

const MS_PER_DAY = 86_400_000;
const ZERO_CODE = 48;

/** True for the character code of 0-9. */
const isDigit = (c: number): boolean => c >= ZERO_CODE && c <= ZERO_CODE + 9;

/**
 * Scans `-?[0-9]+(\.[0-9]+)?` over text[from, to): the count of digits after the point,
 * or -1 when the text is not such a number or has more than MAX_DIGITS digits.
 */
export function plainNumberScale(text: string, from: number, to: number): number {
  let i = from;
  if (i < to && text.charCodeAt(i) === 45) i++; // '-'
  const intStart = i;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  const intDigits = i - intStart;
  if (intDigits === 0) return -1;
  if (i === to) return intDigits > MAX_DIGITS ? -1 : 0;
  if (text.charCodeAt(i) !== 46) return -1; // '.'
  const fracStart = ++i;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  const scale = i - fracStart;
  return scale === 0 || i !== to || intDigits + scale > MAX_DIGITS ? -1 : scale;
}

/** "<number> <suffix>" with at most `maxScale` digits after the point; the amount, or undefined. */
export function amountWithSuffix(v: unknown, suffix: string, maxScale: number): Dec | undefined {
  if (typeof v !== 'string') return undefined;
  const n = v.length - suffix.length - 1;
  if (n < 1 || v.charCodeAt(n) !== 32 || !v.endsWith(suffix)) return undefined;
  const scale = plainNumberScale(v, 0, n);
  return scale < 0 || scale > maxScale ? undefined : decOfText(v, 0, n, scale);
}

/** "20%" or "-2.5%": the percentage, or undefined. */
export function percentText(v: unknown): Dec | undefined {
  if (typeof v !== 'string' || v.charCodeAt(v.length - 1) !== 37) return undefined;
  const scale = plainNumberScale(v, 0, v.length - 1);
  return scale < 0 ? undefined : decOfText(v, 0, v.length - 1, scale);
}

/** A plain number as text ("12.5") or a JSON number within ±2^53: the decimal, or undefined. */
export function decimalValue(v: unknown): Dec | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? new Dec(String(v)) : undefined;
  if (typeof v !== 'string') return undefined;
  const scale = plainNumberScale(v, 0, v.length);
  return scale < 0 ? undefined : decOfText(v, 0, v.length, scale);
}

/** The number written by `n` digits at text[at...], or -1 when one of them is not a digit. */
function digitsAt(text: string, at: number, n: number): number {
  let x = 0;
  for (let i = at; i < at + n; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    x = x * 10 + (c - ZERO_CODE);
  }
  return x;
}

/** The number written by the two digits at text[at], or -1: digitsAt without its loop, for the instant's many pairs. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - ZERO_CODE, b = text.charCodeAt(at + 1) - ZERO_CODE;
  // NaN (past the end) fails both comparisons, as it fails isDigit
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** "YYYY-MM-DD" of a real day within the years 0001–9999: its day number, or undefined. */
export function dateText(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length !== 10 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45) return undefined;
  const y = digitsAt(v, 0, 4), mo = digitsAt(v, 5, 2), d = digitsAt(v, 8, 2);
  if (y < 0 || mo < 0 || d < 0 || !isValidDate(y, mo, d)) return undefined;
  const day = epochDay(y, mo, d);
  return dayInRange(day) ? day : undefined;
}

/**
 * "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by Z or ±HH:MM (no zone in brackets):
 * epoch milliseconds, computed as parseInstant computes them, or undefined.
 */
export function instantText(v: unknown): number | undefined {
  if (typeof v !== 'string' || v.length < 17 || v.charCodeAt(4) !== 45 || v.charCodeAt(7) !== 45 || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58) return undefined;
  const y = digitsAt(v, 0, 4), mo = twoDigits(v, 5), d = twoDigits(v, 8), h = twoDigits(v, 11), mi = twoDigits(v, 14);
  if (y < 1 || mo < 0 || d < 0 || h < 0 || mi < 0) return undefined;
  let i = 16, s = 0, frac = 0;
  if (v.charCodeAt(i) === 58) {
    s = twoDigits(v, i + 1);
    if (s < 0) return undefined;
    i += 3;
    if (v.charCodeAt(i) === 46) {
      const start = ++i;
      while (i < v.length && isDigit(v.charCodeAt(i))) i++;
      if (i === start || i - start > 9) return undefined;
      // the very expression of parseInstant, so the two agree on every fraction
      frac = Math.floor(Number(`0.${v.slice(start, i)}`) * 1000);
    }
  }
  let offset: number;
  const sign = v.charCodeAt(i);
  if (sign === 90 && i + 1 === v.length) offset = 0; // 'Z'
  else if ((sign === 43 || sign === 45) && i + 6 === v.length && v.charCodeAt(i + 3) === 58) {
    const oh = twoDigits(v, i + 1), om = twoDigits(v, i + 4);
    if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 14 * 60) return undefined;
    offset = sign === 45 ? -(oh * 60 + om) : oh * 60 + om;
  } else return undefined;
  // y, mo and d are whole numbers here: the range test of isValidDate without its integer tests
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = epochDay(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offset) * 60 + s) * 1000 + frac;
  // outside the years 0001–9999 in UTC (0001-01-01T00:00+14:00): parseInstant says why
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT ? ms : undefined;
}
