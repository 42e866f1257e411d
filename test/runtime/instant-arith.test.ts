/**
 * Calendar arithmetic on instants without luxon on the hot path: addToInstant (days,
 * months, years keeping the wall-clock time in the zone) computed from the precomputed
 * offsets must equal luxon's `DateTime.plus` to the millisecond — on instants whose result
 * falls into a spring-forward gap or an autumn hour that happens twice, at 23:59 and 00:00,
 * on 29 February and month ends, in zones with 30- and 45-minute offsets and historical ones.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime, IANAZone } from 'luxon';
import { addToInstant, instantAtClock, offsetMinutes, MIN_INSTANT, MAX_INSTANT } from '../../runtime/values/instant.js';

const ZONES = ['Europe/Kyiv', 'Asia/Almaty', 'Europe/Moscow', 'UTC', 'Etc/UTC', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Europe/London'];
const HOUR = 3_600_000, DAY = 24 * HOUR;

/** The instants a zone's offset changes between two years, found with luxon alone (hourly scan, then bisection). */
function transitions(zone: string, from: number, to: number): number[] {
  const z = IANAZone.create(zone), out: number[] = [];
  for (let t = Date.UTC(from, 0, 1); t < Date.UTC(to, 0, 1); t += HOUR) {
    const a = z.offset(t);
    if (a === z.offset(t + HOUR)) continue;
    let lo = t, hi = t + HOUR;
    while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (z.offset(mid) === a) lo = mid; else hi = mid; }
    out.push(hi);
  }
  return out;
}

const changes = ZONES.map((zone) => [zone, transitions(zone, 2015, 2028)] as const).filter(([, ts]) => ts.length > 0);
const historical = ['Europe/Moscow', 'Europe/Kyiv', 'Asia/Almaty'].map((zone) => [zone, transitions(zone, 1916, 1932)] as const);

const luxonPlus = (ms: number, n: number, unit: 'days' | 'months' | 'years', zone: string) => DateTime.fromMillis(ms, { zone }).plus({ [unit]: n }).toMillis();
const unitAndAmount = fc.oneof(
  fc.tuple(fc.constant('days' as const), fc.integer({ min: -800, max: 800 })),
  fc.tuple(fc.constant('months' as const), fc.integer({ min: -40, max: 40 })),
  fc.tuple(fc.constant('years' as const), fc.integer({ min: -5, max: 5 })),
);
/** Whole days or months before a transition, give or take three hours: adding them lands next to it. */
const nearChange = (spans: typeof changes) => fc.constantFrom(...spans).chain(([zone, ts]) => fc.tuple(fc.constant(zone), fc.constantFrom(...ts), fc.integer({ min: 0, max: 400 }), fc.integer({ min: -3 * HOUR, max: 3 * HOUR }), fc.constantFrom(0, 1, -1, 999, 30 * 60_000)))
  .map(([zone, t, days, shift, ms]) => [zone, t - days * DAY + shift + ms] as const);
/** Local 23:59, 00:00 and the last millisecond of the day around 29 February and month ends. */
const edges = fc.tuple(fc.constantFrom(...ZONES), fc.constantFrom('2024-02-29', '2028-02-29', '2025-02-28', '2024-01-31', '2025-03-31', '2024-12-31', '2025-03-30', '2025-10-26'), fc.constantFrom('23:59', '00:00', '23:59:59.999', '03:30', '02:30'))
  .map(([zone, day, time]) => [zone, DateTime.fromISO(`${day}T${time}`, { zone }).toMillis()] as const);

describe('offsetMinutes from the year tables', () => {
  it('equals tzdata on both sides of every transition once each year has its table', () => {
    let checked = 0;
    for (const [zone, ts] of [...changes, ...historical]) {
      const z = IANAZone.create(zone);
      // ask every day of each year first: past the direct lookups, each year gets its table
      for (const t of ts) for (let k = -40; k < 40; k++) offsetMinutes(t + k * 5 * DAY, zone);
      for (const t of ts) {
        for (const at of [t - 1, t, t + 1, t - HOUR, t + HOUR, t - DAY / 2]) {
          expect(offsetMinutes(at, zone), `${zone} at ${new Date(at).toISOString()}`).toBe(z.offset(at));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('addToInstant', () => {
  it('equals luxon next to zone transitions, whatever the unit', () => {
    fc.assert(fc.property(nearChange(changes), unitAndAmount, ([zone, ms], [unit, n]) => {
      expect(addToInstant(ms, n, unit, zone), `${new Date(ms).toISOString()} + ${n} ${unit} in ${zone}`).toBe(luxonPlus(ms, n, unit, zone));
    }), { numRuns: 4_000, seed: 14 });
  });

  it('lands in every gap and every repeated hour the same way luxon does', () => {
    let cases = 0;
    for (const [zone, ts] of changes) {
      for (const t of ts) {
        for (const shift of [-90, -60, -31, -30, -1, 0, 1, 29, 30, 59, 60, 61, 90]) {
          for (const back of [1, 7, 31, 365]) {
            const ms = t - back * DAY + shift * 60_000;
            for (const unit of ['days', 'months', 'years'] as const) {
              const n = unit === 'days' ? back : unit === 'months' ? 1 : 1;
              expect(addToInstant(ms, n, unit, zone), `${zone} ${new Date(ms).toISOString()} + ${n} ${unit}`).toBe(luxonPlus(ms, n, unit, zone));
              cases++;
            }
          }
        }
      }
    }
    expect(cases).toBeGreaterThan(10_000);
  });

  it('equals luxon at 23:59, 00:00, on 29 February and month ends', () => {
    fc.assert(fc.property(edges, unitAndAmount, ([zone, ms], [unit, n]) => {
      expect(addToInstant(ms, n, unit, zone)).toBe(luxonPlus(ms, n, unit, zone));
    }), { numRuns: 3_000, seed: 29 });
  });

  it('equals luxon over historical offsets off the whole minute, and anywhere in range', () => {
    fc.assert(fc.property(nearChange(historical), unitAndAmount, ([zone, ms], [unit, n]) => {
      expect(addToInstant(ms, n, unit, zone)).toBe(luxonPlus(ms, n, unit, zone));
    }), { numRuns: 1_500, seed: 1917 });
    fc.assert(fc.property(fc.integer({ min: MIN_INSTANT + 400 * DAY, max: MAX_INSTANT - 400 * DAY }), fc.constantFrom(...ZONES), unitAndAmount, (ms, zone, [unit, n]) => {
      expect(addToInstant(ms, n, unit, zone)).toBe(luxonPlus(ms, n, unit, zone));
    }), { numRuns: 2_000, seed: 9999 });
  });
});

describe('instantAtClock', () => {
  it('is the wall-clock time luxon reads, where that time exists once', () => {
    fc.assert(fc.property(nearChange(changes), fc.constantFrom(0, 60, 82_800, 86_340, 86_399, 3_600, 7_200, 10_800), ([zone, ms], seconds) => {
      const day = DateTime.fromMillis(ms, { zone });
      const atClock = day.startOf('day').plus({ seconds });
      const wall = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: Math.floor(seconds / 3600), minute: Math.floor(seconds / 60) % 60, second: seconds % 60 }, { zone });
      const local = Math.floor((ms + day.offset * 60_000) / DAY);
      // luxon moves a skipped time; compare only wall times that exist and exist once
      const once = wall.hour === Math.floor(seconds / 3600) && wall.minute === Math.floor(seconds / 60) % 60 && wall.plus({ hours: 1 }).offset === wall.offset && wall.minus({ hours: 1 }).offset === wall.offset;
      fc.pre(once && atClock.isValid);
      expect(instantAtClock(local, seconds, zone)).toBe(wall.toMillis());
    }), { numRuns: 2_000, seed: 2300 });
  });
});
