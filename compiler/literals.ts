/**
 * Literal values: dates, instants, money and durations, validated at compile time
 * (31.02.2025 is an error here, not a surprise at run time).
 */
import { zonedToEpoch } from '../runtime/values/instant.js';
import { civilFromDay, epochDay, isValidDate } from '../runtime/values/calendar-date.js';

/** Day number of `DD.MM.YYYY` or `YYYY-MM-DD`, or undefined when the date does not exist. */
export function parseDateLiteral(text: string): number | undefined {
  let m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) { d = Number(m[1]); mo = Number(m[2]); y = Number(m[3]); } else {
    m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return undefined;
    y = Number(m[1]); mo = Number(m[2]); d = Number(m[3]);
  }
  return isValidDate(y, mo, d) ? epochDay(y, mo, d) : undefined;
}

/** Epoch milliseconds of a wall-clock time in a zone, or a reason it is not valid. */
export function parseInstantLiteral(date: string, time: string, zone: string): { ms: number } | { error: 'date' | 'time' | 'zone' } {
  const day = parseDateLiteral(date);
  if (day === undefined) return { error: 'date' };
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!t) return { error: 'time' };
  const [h, mi, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return { error: 'time' };
  const c = civilFromDay(day);
  // the runtime's rule: a time inside a DST gap does not exist; a repeated one is its first occurrence
  const r = zonedToEpoch(c.year, c.month, c.day, h, mi, s, 0, zone);
  return 'ms' in r ? r : { error: r.error === 'gap' ? 'time' : 'zone' };
}
