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
  // the years 0001–9999, as load checks every date of an artifact (01.01.0000 compiled, then load refused it)
  return y >= 1 && isValidDate(y, mo, d) ? epochDay(y, mo, d) : undefined;
}

/**
 * Epoch milliseconds of a wall-clock time in a zone, or a reason it is not valid
 * ('gap': the clocks skip that time in the zone, the runtime's rule for instants).
 */
export function instantLiteral(date: string, time: string, zone: string): { ms: number } | { error: 'date' | 'time' | 'zone' | 'gap' } {
  const day = parseDateLiteral(date);
  if (day === undefined) return { error: 'date' };
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!t) return { error: 'time' };
  const [h, mi, s] = [Number(t[1]), Number(t[2]), Number(t[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return { error: 'time' };
  const c = civilFromDay(day);
  // the runtime's rule: a time inside a DST gap does not exist; a repeated one is its first occurrence
  const r = zonedToEpoch(c.year, c.month, c.day, h, mi, s, 0, zone);
  return r;
}

/**
 * The same for the checker, which reports date, time and zone problems itself; a time
 * in a DST gap is reported by compiler/literal-limits.ts (RB205, with its own sentence),
 * so here it reads as the instant the clocks jump to, and no second error follows.
 */
export function parseInstantLiteral(date: string, time: string, zone: string): { ms: number } | { error: 'date' | 'time' | 'zone' } {
  const r = instantLiteral(date, time, zone);
  if (!('error' in r) || r.error !== 'gap') return r as { ms: number } | { error: 'date' | 'time' | 'zone' };
  const c = civilFromDay(parseDateLiteral(date)!);
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const later = zonedToEpoch(c.year, c.month, c.day, h + 1, mi, 0, 0, zone);
  return 'ms' in later ? { ms: later.ms } : { error: 'time' };
}
