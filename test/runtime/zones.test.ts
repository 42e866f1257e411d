/**
 * Instants are converted to a calendar date in the program's zone, once, at the
 * boundary. These tests pin the day boundaries of the Almaty promotion (UTC+5 since
 * 01.03.2024) and the 23:00 Kyiv cut-off across both DST changes of 2025.
 */
import { describe, it, expect } from 'vitest';
import { outputsOf, rulesetOfFixture } from './helpers.js';

describe('Asia/Almaty: period from 28.07.2025 through 31.08.2025', () => {
  // almaty.rules: zone Asia/Almaty; output inside = paid_at within promotion; local_day = date(paid_at)
  const rules = rulesetOfFixture('almaty.rules');
  const run = (paidAt: string) => outputsOf(rules, { paid_at: paidAt, paid_on: '2025-08-31' });

  it.each([
    ['2025-08-31T23:30[Asia/Almaty]', true, '2025-08-31'],
    ['2025-08-31T23:30+05:00', true, '2025-08-31'],
    ['2025-08-31T23:30:00+05:00', true, '2025-08-31'],
    ['2025-08-31T23:59:59+05:00', true, '2025-08-31'],
    ['2025-08-31T23:59:59.999+05:00', true, '2025-08-31'],
    ['2025-09-01T00:00:00+05:00', false, '2025-09-01'],
    ['2025-09-01T00:10[Asia/Almaty]', false, '2025-09-01'],
    // Astana/Almaty is UTC+5: an instant written with +06:00 is an hour earlier there.
    ['2025-09-01T00:30+06:00', true, '2025-08-31'],
    ['2025-09-01T00:59:59+06:00', true, '2025-08-31'],
    ['2025-09-01T01:00:00+06:00', false, '2025-09-01'],
    ['2025-08-31T18:59:59Z', true, '2025-08-31'],
    ['2025-08-31T19:00:00Z', false, '2025-09-01'],
    // Moscow 21:30 on 31.08 is already 23:30 in Almaty; 22:00 Moscow is 00:00 on 01.09.
    ['2025-08-31T21:30[Europe/Moscow]', true, '2025-08-31'],
    ['2025-08-31T22:00[Europe/Moscow]', false, '2025-09-01'],
    // the opening day
    ['2025-07-27T23:59:59[Asia/Almaty]', false, '2025-07-27'],
    ['2025-07-28T00:00[Asia/Almaty]', true, '2025-07-28'],
    ['2025-07-27T19:00:00Z', true, '2025-07-28'],
    ['2025-07-27T18:59:59Z', false, '2025-07-27'],
  ])('%s is inside: %s (local day %s)', (paidAt, inside, day) => {
    const out = run(paidAt);
    expect(out.inside).toBe(inside);
    expect(out.local_day).toBe(day);
    expect(out.last_minute).toBe(day <= '2025-08-31');
  });

  it('writes instants back in the program zone, whatever offset or zone they came in', () => {
    for (const given of ['2025-08-31T23:30[Asia/Almaty]', '2025-08-31T23:30+05:00', '2025-09-01T00:30+06:00', '2025-08-31T18:30Z', '2025-08-31T21:30[Europe/Moscow]']) {
      expect(run(given).at, given).toBe('2025-08-31T23:30:00+05:00');
    }
  });

  it('compares a date input with the period without any zone', () => {
    const at = '2025-08-31T23:30+05:00';
    expect(outputsOf(rules, { paid_at: at, paid_on: '2025-08-31' }).date_inside).toBe(true);
    expect(outputsOf(rules, { paid_at: at, paid_on: '2025-09-01' }).date_inside).toBe(false);
    expect(outputsOf(rules, { paid_at: at, paid_on: '2025-07-28' }).date_inside).toBe(true);
    expect(outputsOf(rules, { paid_at: at, paid_on: '2025-07-27' }).date_inside).toBe(false);
  });

  it('reads the hour before 01.03.2024 as UTC+6 (Almaty moved to UTC+5 that night)', () => {
    expect(run('2024-02-29T12:00[Asia/Almaty]').at).toBe('2024-02-29T12:00:00+06:00');
    expect(run('2024-03-01T12:00[Asia/Almaty]').at).toBe('2024-03-01T12:00:00+05:00');
    // At 00:00 +06:00 on 01.03.2024 (18:00 UTC) the clocks went back to 23:00 +05:00 on 29.02.
    expect(run('2024-02-29T17:59:59Z').at).toBe('2024-02-29T23:59:59+06:00');
    expect(run('2024-02-29T18:00:00Z').at).toBe('2024-02-29T23:00:00+05:00');
    expect(run('2024-02-29T18:30:00Z').local_day).toBe('2024-02-29'); // a fixed +06:00 would say 01.03
    expect(run('2024-02-29T19:00:00Z').local_day).toBe('2024-03-01');
  });
});

describe('Europe/Kyiv: an order counts for day D if paid before 23:00 Kyiv time on D', () => {
  // kyiv.rules: counts = date(paid_at) = day and paid_at before cutoff(day).at, cut-offs written 23:00 in the program zone
  const rules = rulesetOfFixture('kyiv.rules');
  const run = (paidAt: string, day: string) => outputsOf(rules, { paid_at: paidAt, day });

  it('puts the cut-off at 21:00 UTC in winter time and 20:00 UTC in summer time', () => {
    expect(run('2025-03-29T12:00Z', '2025-03-29').cutoff_at).toBe('2025-03-29T23:00:00+02:00');
    expect(run('2025-03-30T12:00Z', '2025-03-30').cutoff_at).toBe('2025-03-30T23:00:00+03:00');
    expect(run('2025-10-25T12:00Z', '2025-10-25').cutoff_at).toBe('2025-10-25T23:00:00+03:00');
    expect(run('2025-10-26T12:00Z', '2025-10-26').cutoff_at).toBe('2025-10-26T23:00:00+02:00');
  });

  it.each([
    // 29.03.2025, the last winter day (UTC+2): 23:00 Kyiv = 21:00 UTC
    ['2025-03-29T20:59:59Z', '2025-03-29', true, '2025-03-29'],
    ['2025-03-29T21:00:00Z', '2025-03-29', false, '2025-03-29'],
    ['2025-03-29T21:59:59Z', '2025-03-29', false, '2025-03-29'],
    ['2025-03-29T22:00:00Z', '2025-03-29', false, '2025-03-30'], // 00:00 on 30.03 Kyiv
    // 30.03.2025: clocks go 03:00 -> 04:00, so 23:00 Kyiv = 20:00 UTC
    ['2025-03-29T22:30:00Z', '2025-03-30', true, '2025-03-30'], // 00:30 Kyiv, before the change
    ['2025-03-30T00:59:59Z', '2025-03-30', true, '2025-03-30'], // 02:59:59 +02:00
    ['2025-03-30T01:00:00Z', '2025-03-30', true, '2025-03-30'], // 04:00 +03:00
    ['2025-03-30T19:59:59Z', '2025-03-30', true, '2025-03-30'],
    ['2025-03-30T20:00:00Z', '2025-03-30', false, '2025-03-30'],
    ['2025-03-30T20:30:00Z', '2025-03-30', false, '2025-03-30'], // a fixed +02:00 would say 22:30 and count it
    ['2025-03-30T20:59:59Z', '2025-03-30', false, '2025-03-30'],
    ['2025-03-30T21:00:00Z', '2025-03-30', false, '2025-03-31'], // 00:00 on 31.03 Kyiv
    // 25.10.2025, the last summer day (UTC+3): 23:00 Kyiv = 20:00 UTC
    ['2025-10-25T19:59:59Z', '2025-10-25', true, '2025-10-25'],
    ['2025-10-25T20:00:00Z', '2025-10-25', false, '2025-10-25'],
    ['2025-10-25T21:00:00Z', '2025-10-25', false, '2025-10-26'], // 00:00 on 26.10 Kyiv
    // 26.10.2025: clocks go 04:00 -> 03:00, so 23:00 Kyiv = 21:00 UTC
    ['2025-10-25T21:30:00Z', '2025-10-26', true, '2025-10-26'], // 00:30 +03:00
    ['2025-10-26T00:30:00Z', '2025-10-26', true, '2025-10-26'], // 03:30 +03:00, the first of two 03:30s
    ['2025-10-26T01:30:00Z', '2025-10-26', true, '2025-10-26'], // 03:30 +02:00, the second
    ['2025-10-26T20:30:00Z', '2025-10-26', true, '2025-10-26'], // 22:30 +02:00; a fixed +03:00 would say 23:30
    ['2025-10-26T20:59:59Z', '2025-10-26', true, '2025-10-26'],
    ['2025-10-26T21:00:00Z', '2025-10-26', false, '2025-10-26'],
    ['2025-10-26T21:59:59Z', '2025-10-26', false, '2025-10-26'],
    ['2025-10-26T22:00:00Z', '2025-10-26', false, '2025-10-27'], // 00:00 on 27.10 Kyiv
  ])('paid %s counts for %s: %s (local day %s)', (paidAt, day, counts, localDay) => {
    const out = run(paidAt, day);
    expect(out.counts).toBe(counts);
    expect(out.local_day).toBe(localDay);
  });

  it('accepts the same instants written in Kyiv time with a zone', () => {
    expect(run('2025-03-30T22:59:59[Europe/Kyiv]', '2025-03-30').counts).toBe(true);
    expect(run('2025-03-30T23:00[Europe/Kyiv]', '2025-03-30').counts).toBe(false);
    expect(run('2025-10-26T22:59[Europe/Kyiv]', '2025-10-26').counts).toBe(true);
    expect(run('2025-10-26T23:00[Europe/Kyiv]', '2025-10-26').counts).toBe(false);
    expect(run('2025-10-26T22:59[Europe/Kyiv]', '2025-10-26').local_day).toBe('2025-10-26');
    // the legacy name of the same zone reads the same instant
    expect(run('2025-10-26T23:00[Europe/Kiev]', '2025-10-26').counts).toBe(false);
  });

  it('adds a day to an instant keeping the wall-clock time across the DST change', () => {
    expect(run('2025-03-29T12:00Z', '2025-03-29').next_day_cutoff).toBe('2025-03-30T23:00:00+03:00');
    expect(run('2025-10-25T12:00Z', '2025-10-25').next_day_cutoff).toBe('2025-10-26T23:00:00+02:00');
  });
});

describe('offsets from the precomputed transitions', () => {
  it('agree with tzdata to the millisecond on both sides of every transition, in zones with odd offsets and transitions', async () => {
    const { IANAZone } = await import('luxon');
    const { offsetMinutes } = await import('../../runtime/values/instant.js');
    let transitions = 0;
    // Moscow 1917–1919: transitions off the quarter hour; Lord Howe: a 30-minute DST
    const spans: [string, number, number][] = [['Europe/Moscow', 1916, 1922], ['Europe/Kyiv', 2023, 2026], ['Asia/Almaty', 2023, 2025], ['Australia/Lord_Howe', 2024, 2026]];
    for (const [zone, from, to] of spans) {
      const z = IANAZone.create(zone);
      // independent search: hourly steps, then bisection, with luxon alone
      for (let t = Date.UTC(from, 0, 1); t < Date.UTC(to, 0, 1); t += 3_600_000) {
        const a = z.offset(t), b = z.offset(t + 3_600_000);
        if (a === b) continue;
        let lo = t, hi = t + 3_600_000;
        while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (z.offset(mid) === a) lo = mid; else hi = mid; }
        transitions++;
        expect([offsetMinutes(hi - 1, zone), offsetMinutes(hi, zone)], `${zone} at ${new Date(hi).toISOString()}`).toEqual([z.offset(hi - 1), z.offset(hi)]);
      }
    }
    expect(transitions).toBeGreaterThan(15);
  }, 60_000);
});
