/**
 * The cheap readings on the instant-reading and date-arithmetic paths agree with their
 * definitions: month lengths with the difference of day numbers, instants read by
 * character codes with luxon, in and around 29 February, month ends and Moscow midnight.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { daysInMonth, epochDay, civilFromDay } from '../../runtime/values/calendar-date.js';
import { instantText } from '../../runtime/values/strict-text.js';
import { localDay, parseInstant, MIN_INSTANT, MAX_INSTANT } from '../../runtime/values/instant.js';
import { addMonths } from '../../runtime/eval/time.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

describe('daysInMonth', () => {
  it('is the difference of the day numbers of two first days', () => {
    fc.assert(fc.property(fc.integer({ min: -1000, max: 10000 }), fc.integer({ min: 1, max: 12 }), (y, m) => {
      const next = m === 12 ? epochDay(y + 1, 1, 1) : epochDay(y, m + 1, 1);
      expect(daysInMonth(y, m)).toBe(next - epochDay(y, m, 1));
    }), { numRuns: 5000 });
  });
  it('knows the leap years of the Gregorian rule', () => {
    expect([1900, 2000, 2024, 2025, 2100, 2400].map((y) => daysInMonth(y, 2))).toEqual([28, 29, 29, 28, 28, 29]);
  });
});

describe('instants read by character codes', () => {
  const edgeDay = fc.oneof(
    fc.integer({ min: 1, max: 9999 }).map((y) => [y, 2, 29] as const),
    fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => [y, m, daysInMonth(y, m)] as const),
    fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 })).map(([y, m, d]) => [y, m, d] as const),
  );
  const clock = fc.constantFrom('23:59', '00:00', '00:01', '12:30', '23:59:59');
  const offset = fc.constantFrom('Z', '+03:00', '-05:30', '+14:00', '+04:00');
  it('agrees with luxon on real days and refuses impossible ones', () => {
    fc.assert(fc.property(edgeDay, clock, offset, ([y, m, d], c, o) => {
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${c}${c.length === 5 ? ':00' : ''}${o}`;
      const ms = instantText(text);
      const real = d <= daysInMonth(y, m);
      if (!real) { expect(ms).toBeUndefined(); return; }
      const lux = DateTime.fromISO(text, { setZone: true }).toMillis();
      // an instant outside the years 0001–9999 UTC (9999-12-31T23:59-05:30) is refused, as every instant reader refuses it
      expect(ms).toBe(lux >= MIN_INSTANT && lux <= MAX_INSTANT ? lux : undefined);
    }), { numRuns: 3000 });
  });
  it('reads a damaged instant as the reporting parser does, or leaves it to it', () => {
    const ch = fc.constantFrom(...'0123456789-T:+Z.x'.split(''));
    const base = fc.constantFrom('2024-02-29T23:59:00+03:00', '2025-12-31T00:00Z', '2023-02-28T24:00:00-05:30', '2025-04-31T12:00:00.5Z');
    fc.assert(fc.property(base, fc.array(fc.tuple(fc.nat(25), ch), { maxLength: 3 }), fc.nat(4), (b, edits, cut) => {
      const chars = b.split('');
      for (const [at, c] of edits) if (at < chars.length) chars[at] = c;
      const text = chars.join('').slice(0, chars.length - cut);
      const fast = instantText(text);
      if (fast === undefined) return;
      const r = parseInstant(text);
      expect('ms' in r ? r.ms : r).toBe(fast);
    }), { numRuns: 5000 });
  });
  it('gives the Moscow day of 23:59 and 00:00 around month ends and 29 February', () => {
    fc.assert(fc.property(edgeDay.filter(([y]) => y >= 1900 && y <= 2100), clock, offset, ([y, m, d], c, o) => {
      if (d > daysInMonth(y, m)) return;
      const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}T${c}${c.length === 5 ? ':00' : ''}${o}`;
      const ms = instantText(text)!;
      const moscow = DateTime.fromMillis(ms, { zone: 'Europe/Moscow' });
      expect(localDay(ms, 'Europe/Moscow')).toBe(epochDay(moscow.year, moscow.month, moscow.day));
    }), { numRuns: 2000 });
  });
});

describe('N years after a day (month end clamped)', () => {
  it('agrees with luxon, 29 February going to 28 February', () => {
    fc.assert(fc.property(fc.integer({ min: epochDay(1900, 1, 1), max: epochDay(2100, 12, 31) }), fc.integer({ min: -5, max: 5 }), (day, years) => {
      const c = civilFromDay(day);
      const lux = DateTime.utc(c.year, c.month, c.day).plus({ years });
      expect(addMonths(day, 12 * years, 'clamp')).toBe(epochDay(lux.year, lux.month, lux.day));
    }), { numRuns: 3000 });
    expect(addMonths(epochDay(2024, 2, 29), 36, 'clamp')).toBe(epochDay(2027, 2, 28));
  });
});
