/**
 * Properties of the calendar counting: whole months between two dates agree with adding
 * months (a + m months <= b < a + (m + 1) months), and sequences count every step from the start.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { wholeMonthsBetween } from '../../runtime/eval/arith.js';
import { addMonths } from '../../runtime/eval/time.js';
import { instantAtClock } from '../../runtime/values/instant.js';
import { epochDay } from '../../runtime/values/calendar-date.js';

const day = fc.integer({ min: epochDay(1990, 1, 1), max: epochDay(2060, 12, 31) });

describe('whole months between two dates', () => {
  it.each(['clamp', 'overflow'] as const)('is the largest m with a + m months <= b (%s)', (policy) => {
    fc.assert(fc.property(day, day, (x, y) => {
      const [a, b] = x <= y ? [x, y] : [y, x];
      const m = wholeMonthsBetween(a, b, policy);
      expect(m).toBeGreaterThanOrEqual(0);
      expect(addMonths(a, m, policy)).toBeLessThanOrEqual(b);
      expect(addMonths(a, m + 1, policy)).toBeGreaterThan(b);
      expect(wholeMonthsBetween(b, a, policy)).toBe(0 - m);
    }));
  });
});

describe('a clock time on a date', () => {
  it('reads back as the same wall-clock time on every day without a clock change', () => {
    fc.assert(fc.property(day, fc.integer({ min: 0, max: 86_399 }), (d, s) => {
      const ms = instantAtClock(d, s, 'Asia/Almaty');
      // Kazakhstan has kept one offset since 2024-03-01; before that it changed once
      if (d >= epochDay(2024, 3, 2)) expect(ms).toBe(d * 86_400_000 + s * 1000 - 5 * 3_600_000);
    }));
  });
});
