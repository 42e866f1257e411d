/**
 * Business-day invariants, checked against an independent reading of the calendar data:
 * a day is worked when it is Monday–Friday and not a listed day off, or a listed working
 * weekend day. Counting n forward then back gives n; no weekend or listed holiday is
 * ever returned; working Saturdays are counted.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addBusinessDays, businessDaysBetween, isBusinessDay } from '../../runtime/calendars/index.js';
import { RU_CALENDAR } from '../../runtime/calendars/data/ru.js';
import { KZ_CALENDAR } from '../../runtime/calendars/data/kz.js';
import { epochDay, isoWeekday } from '../../runtime/values/calendar-date.js';

type Data = readonly { year: number; daysOff: readonly string[]; workingDays: readonly string[] }[];
const dayOf = (ddmm: string, year: number) => { const [d, m] = ddmm.split('.').map(Number); return epochDay(year, m!, d!); };

function reference(data: Data) {
  const off = new Set(data.flatMap((y) => y.daysOff.map((x) => dayOf(x, y.year))));
  const worked = new Set(data.flatMap((y) => y.workingDays.map((x) => dayOf(x, y.year))));
  const first = epochDay(data[0]!.year, 1, 1), last = epochDay(data[data.length - 1]!.year, 12, 31);
  const works = (d: number) => worked.has(d) || (isoWeekday(d) <= 5 && !off.has(d));
  return { off, worked, first, last, works };
}

describe.each([['RU', RU_CALENDAR], ['KZ', KZ_CALENDAR]] as const)('%s calendar', (id, data) => {
  const ref = reference(data);
  // away from the ends of the data, where counting runs past it (an error, tested elsewhere)
  const start = fc.integer({ min: ref.first + 120, max: ref.last - 120 });

  it('adds n business days exactly as stepping day by day through the data', () => {
    fc.assert(fc.property(start, fc.integer({ min: 1, max: 60 }), (d, n) => {
      let day = d, left = n;
      while (left > 0) { day++; if (ref.works(day)) left--; }
      const r = addBusinessDays(id, d, n);
      expect(r).toEqual({ ok: true, value: day });
    }), { seed: 112, numRuns: 300 });
  });

  it('never returns a weekend or a listed day off, and counting back gives n', () => {
    fc.assert(fc.property(start, fc.integer({ min: 1, max: 60 }), (d, n) => {
      const r = addBusinessDays(id, d, n);
      if (!r.ok) throw new Error(r.error.message);
      expect(ref.off.has(r.value)).toBe(false);
      if (isoWeekday(r.value) > 5) expect(ref.worked.has(r.value)).toBe(true);
      expect(businessDaysBetween(id, d, r.value)).toEqual({ ok: true, value: n });
      const back = addBusinessDays(id, r.value, -n);
      if (!back.ok) throw new Error(back.error.message);
      expect(businessDaysBetween(id, back.value, r.value)).toEqual({ ok: true, value: n });
    }), { seed: 113, numRuns: 300 });
  });

  it('counts every listed working weekend day and no listed day off', () => {
    for (const d of ref.worked) expect(isBusinessDay(id, d)).toEqual({ ok: true, value: true });
    for (const d of ref.off) expect(isBusinessDay(id, d)).toEqual({ ok: true, value: false });
  });
});
