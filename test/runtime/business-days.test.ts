import { describe, it, expect } from 'vitest';
import {
  KNOWN_CALENDARS,
  addBusinessDays,
  businessDaysBetween,
  calendarYears,
  isBusinessDay,
  type CalendarOptions,
  type CalendarResult,
  type CalendarYearData,
} from '../../runtime/calendars/index.js';
import { RU_CALENDAR } from '../../runtime/calendars/data/ru.js';
import { KZ_CALENDAR } from '../../runtime/calendars/data/kz.js';
import { UA_BEFORE_MARTIAL_LAW, UA_CALENDAR, UA_MARTIAL_LAW, UA_PEACETIME } from '../../runtime/calendars/data/ua.js';
import { dottedDate, epochDay, isoWeekday } from '../../runtime/values/calendar-date.js';

/** Day number of a `DD.MM.YYYY` date, the way the seeds write dates. */
function d(text: string): number {
  const [day, month, year] = text.split('.').map(Number);
  return epochDay(year!, month!, day!);
}

function value<T>(result: CalendarResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** `addBusinessDays` rendered as a dotted date, so failures read like the documents. */
function plus(calendar: string, from: string, n: number, options?: CalendarOptions): string {
  return dottedDate(value(addBusinessDays(calendar, d(from), n, options)));
}

function business(calendar: string, date: string, options?: CalendarOptions): boolean {
  return value(isBusinessDay(calendar, d(date), options));
}

/** Working days in a whole year: (31.12 of the year before, 31.12 of the year]. */
function workingDaysIn(calendar: string, year: number, options?: CalendarOptions): number {
  return value(businessDaysBetween(calendar, epochDay(year - 1, 12, 31), epochDay(year, 12, 31), options));
}

describe('RU production calendar', () => {
  it('counts 10 business days from an act signed 23.12.2025 to 16.01.2026 (New Year holidays 31.12–11.01)', () => {
    expect(plus('RU', '23.12.2025', 10)).toBe('16.01.2026');
  });

  it('counts over the November 2025 swap: 31.10.2025 + 3 = 06.11.2025', () => {
    expect(plus('RU', '31.10.2025', 3)).toBe('06.11.2025');
  });

  it('counts over the New Year: 26.12.2025 + 3 = 12.01.2026', () => {
    expect(plus('RU', '26.12.2025', 3)).toBe('12.01.2026');
  });

  it('knows the working Saturday 01.11.2025 and the moved days off', () => {
    expect(business('RU', '01.11.2025')).toBe(true);
    expect(business('RU', '03.11.2025')).toBe(false);
    expect(business('RU', '04.11.2025')).toBe(false);
    expect(business('RU', '31.12.2025')).toBe(false);
    expect(business('RU', '02.05.2025')).toBe(false);
    expect(business('RU', '08.05.2025')).toBe(false);
    expect(business('RU', '13.06.2025')).toBe(false);
    expect(business('RU', '24.02.2025')).toBe(true); // 23.02 (Sun) went to 08.05, not to Monday
  });

  it('has 01–11.01.2026 off and 12.01.2026 as the first working day', () => {
    for (let day = 1; day <= 11; day++) expect(business('RU', `${String(day).padStart(2, '0')}.01.2026`)).toBe(false);
    expect(business('RU', '12.01.2026')).toBe(true);
  });

  it('has the 2026 holidays, including those moved off weekends', () => {
    for (const date of ['23.02.2026', '09.03.2026', '01.05.2026', '11.05.2026', '12.06.2026', '04.11.2026', '31.12.2026']) {
      expect(business('RU', date), date).toBe(false);
    }
  });

  it('has the 2024 swaps of Decree No. 1314 of 10.08.2023', () => {
    for (const date of ['27.04.2024', '02.11.2024', '28.12.2024']) expect(business('RU', date), date).toBe(true);
    for (const date of ['29.04.2024', '30.04.2024', '10.05.2024', '04.11.2024', '30.12.2024', '31.12.2024']) {
      expect(business('RU', date), date).toBe(false);
    }
  });
});

describe('KZ calendar', () => {
  it('moves Constitution Day 30.08.2025 (Sat) to Mon 01.09.2025: 29.08.2025 + 1 = 02.09.2025', () => {
    expect(business('KZ', '01.09.2025')).toBe(false);
    expect(plus('KZ', '29.08.2025', 1)).toBe('02.09.2025');
  });

  it('has the 2025 transfer: 03.01.2025 off, Sunday 05.01.2025 worked', () => {
    expect(business('KZ', '03.01.2025')).toBe(false);
    expect(business('KZ', '05.01.2025')).toBe(true);
    expect(business('KZ', '05.07.2025')).toBe(false); // an ordinary Saturday
  });

  it('does not move religious days off that fall on a weekend', () => {
    expect(business('KZ', '08.01.2024')).toBe(true); // Christmas 07.01.2024 was a Sunday
    expect(business('KZ', '17.06.2024')).toBe(true); // Kurban Ait 16.06.2024 was a Sunday
    expect(business('KZ', '06.06.2025')).toBe(false); // Kurban Ait on a Friday is a day off
  });

  it('moves state holidays that fall on a weekend', () => {
    expect(business('KZ', '25.03.2024')).toBe(false); // Nauryz 23.03.2024 (Sat)
    expect(business('KZ', '24.03.2025')).toBe(false); // Nauryz 22.03.2025 (Sat)
    expect(business('KZ', '25.03.2025')).toBe(false); // Nauryz 23.03.2025 (Sun)
    expect(business('KZ', '04.05.2024')).toBe(true); // Saturday worked for 08.05.2024
    expect(business('KZ', '08.05.2024')).toBe(false);
  });
});

describe('UA calendar', () => {
  it('treats holidays as working days under martial law (the default) but not in peacetime', () => {
    expect(business('UA', '01.05.2025')).toBe(true);
    expect(business('UA', '01.05.2025', { ua: 'martial_law' })).toBe(true);
    expect(business('UA', '01.05.2025', { ua: 'peacetime' })).toBe(false);
  });

  it('moves a weekend holiday to Monday in peacetime only', () => {
    // Independence Day 24.08.2025 is a Sunday.
    expect(business('UA', '24.08.2025', { ua: 'peacetime' })).toBe(false);
    expect(business('UA', '25.08.2025', { ua: 'peacetime' })).toBe(false);
    expect(business('UA', '25.08.2025')).toBe(true);
    expect(plus('UA', '22.08.2025', 1, { ua: 'peacetime' })).toBe('26.08.2025');
    expect(plus('UA', '22.08.2025', 1)).toBe('25.08.2025');
  });

  it('follows peacetime rules before martial law: 08.03.2021 off, and the 2021 transfers', () => {
    expect(business('UA', '08.03.2021')).toBe(false);
    expect(business('UA', '08.01.2021')).toBe(false); // Friday moved to Saturday 16.01
    expect(business('UA', '16.01.2021')).toBe(true);
    expect(business('UA', '10.05.2021')).toBe(false); // Victory Day 09.05 was a Sunday
    expect(business('UA', '27.12.2021')).toBe(false); // Christmas 25.12 was a Saturday
    // Labour Day (Sat 01.05) and Easter (Sun 02.05) moved two days off: Friday 30.04 + 1 is Wednesday 05.05
    expect(plus('UA', '30.04.2021', 1)).toBe('05.05.2021');
  });

  it('keeps the holidays between the declaration of martial law (24.02.2022) and the suspension (24.03.2022)', () => {
    expect(business('UA', '03.01.2022')).toBe(false); // before martial law: New Year 01.01 was a Saturday
    expect(business('UA', '24.02.2022')).toBe(true);
    // art. 73 still applied in March 2022: 07.03 (moved to Sat 12.03) and 08.03 were days off
    expect(business('UA', '07.03.2022')).toBe(false);
    expect(business('UA', '08.03.2022')).toBe(false);
    expect(business('UA', '12.03.2022')).toBe(true);
    // a count from before 24.02.2022 runs across it and still skips 07–08.03.2022
    expect(plus('UA', '18.02.2022', 12)).toBe('10.03.2022');
  });

  it('works the public holidays from 24.03.2022 while martial law lasts', () => {
    expect(business('UA', '23.03.2022')).toBe(true);
    expect(business('UA', '25.04.2022')).toBe(true); // Easter 24.04.2022: no Monday off
    expect(business('UA', '09.05.2022')).toBe(true); // Victory Day, a Monday
    expect(business('UA', '08.03.2023')).toBe(true); // a year after 08.03.2022, now a working day
    expect(plus('UA', '22.04.2022', 1)).toBe('25.04.2022');
    // (04.03, 29.04.2022]: 40 weekdays, less 07.03 and 08.03, plus Saturday 12.03; Easter Monday 25.04 is worked
    expect(value(businessDaysBetween('UA', d('04.03.2022'), d('29.04.2022')))).toBe(39);
    expect(plus('UA', '04.03.2022', 39)).toBe('29.04.2022');
  });

  it('keeps the martial-law rule as dated data with its sources and no end yet', () => {
    expect(UA_MARTIAL_LAW.declaredOn).toBe('24.02.2022');
    expect(UA_MARTIAL_LAW.declaredBy).toContain('No. 64/2022');
    expect(UA_MARTIAL_LAW.declaredBy).toContain('No. 2102-IX');
    expect(UA_MARTIAL_LAW.holidaysWorkedFrom).toBe('24.03.2022');
    expect(UA_MARTIAL_LAW.holidaysWorkedBy).toContain('No. 2136-IX');
    expect(UA_MARTIAL_LAW.endsOn).toBeNull();
    // the rows before the suspension stop at its first day
    for (const y of UA_BEFORE_MARTIAL_LAW) {
      for (const text of [...y.daysOff, ...y.workingDays]) expect(d(`${text}.${y.year}`), `${text}.${y.year}`).toBeLessThan(d('24.03.2022'));
    }
  });

  it('refuses the peacetime what-if for a year it has no holiday list for, naming the what-if', () => {
    const result = isBusinessDay('UA', d('08.03.2023'), { ua: 'peacetime' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'RB-E-CALENDAR-YEAR',
        message:
          'The business-day calendar UA (peacetime what-if) has no data for 2023 (it covers 2024–2026); ' +
          'add the 2023 peacetime holidays (UA_PEACETIME) to runtime/calendars/data/ua.ts.',
      },
    });
  });

  it('rejects an unknown mode', () => {
    const result = isBusinessDay('UA', d('01.05.2025'), { ua: 'wartime' } as unknown as CalendarOptions);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('RB-E-CALENDAR-ARGUMENT');
  });
});

describe('errors', () => {
  it('refuses a date in a year outside the data, naming the calendar and year', () => {
    const result = isBusinessDay('RU', d('11.01.2027'));
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'RB-E-CALENDAR-YEAR',
        message:
          'The business-day calendar RU has no data for 2027 (it covers 2024–2026); ' +
          'add the 2027 production calendar to runtime/calendars/data/ru.ts.',
      },
    });
    const before = addBusinessDays('KZ', d('31.12.2023'), 1);
    expect(before.ok).toBe(false);
    if (!before.ok) expect(before.error.message).toContain('KZ has no data for 2023');
  });

  it('refuses a count that runs from 28.12.2026 past the end of 2026', () => {
    const result = addBusinessDays('RU', d('28.12.2026'), 10);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('RB-E-CALENDAR-YEAR');
      expect(result.error.message).toContain('RU has no data for 2027');
      expect(result.error.message).toContain('28.12.2026');
    }
    expect(plus('RU', '28.12.2026', 2)).toBe('30.12.2026'); // still inside the data
  });

  it('refuses a backwards count that runs before 2024', () => {
    // 01–08.01.2024 are off, so the only business day of 2024 before 10.01 is 09.01.
    expect(plus('RU', '10.01.2024', -1)).toBe('09.01.2024');
    const result = addBusinessDays('RU', d('10.01.2024'), -2);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('RU has no data for 2023');
  });

  it('refuses businessDaysBetween over a year outside the data', () => {
    const result = businessDaysBetween('UA', d('01.12.2026'), d('15.01.2027'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('UA has no data for 2027');
  });

  it('refuses an unknown calendar id', () => {
    for (const result of [
      isBusinessDay('XX', d('01.05.2025')),
      addBusinessDays('XX', d('01.05.2025'), 1),
      businessDaysBetween('XX', d('01.05.2025'), d('02.05.2025')),
    ]) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe('RB-E-CALENDAR-UNKNOWN');
        expect(result.error.message).toContain('"XX"');
        expect(result.error.message).toContain('RU, KZ, UA');
      }
    }
    expect(calendarYears('XX')).toEqual([]);
  });

  it('refuses a day or count that is not a whole number instead of throwing', () => {
    for (const result of [
      isBusinessDay('RU', 20000.5),
      isBusinessDay('RU', Number.NaN),
      addBusinessDays('RU', d('01.05.2025'), 1.5),
      addBusinessDays('RU', d('01.05.2025'), Number.POSITIVE_INFINITY),
      businessDaysBetween('RU', d('01.05.2025'), Number.NaN),
    ]) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('RB-E-CALENDAR-ARGUMENT');
    }
  });
});

describe('arithmetic', () => {
  it('returns the day itself for n = 0, even on a day off', () => {
    expect(plus('RU', '03.11.2025', 0)).toBe('03.11.2025');
  });

  it('starts counting with the next business day when starting on a day off', () => {
    expect(plus('RU', '03.11.2025', 1)).toBe('05.11.2025');
    expect(plus('RU', '12.01.2026', -1)).toBe('30.12.2025');
    expect(plus('RU', '03.11.2025', -1)).toBe('01.11.2025'); // the working Saturday
  });

  it('counts (from, to] and negates when reversed', () => {
    expect(value(businessDaysBetween('RU', d('23.12.2025'), d('16.01.2026')))).toBe(10);
    expect(value(businessDaysBetween('RU', d('16.01.2026'), d('23.12.2025')))).toBe(-10);
    expect(value(businessDaysBetween('RU', d('31.12.2025'), d('11.01.2026')))).toBe(0);
    expect(value(businessDaysBetween('RU', d('05.05.2025'), d('05.05.2025')))).toBe(0);
  });

  it('is consistent: addBusinessDays and businessDaysBetween agree, and counting back undoes counting forward', () => {
    const options: (CalendarOptions | undefined)[] = [undefined, { ua: 'peacetime' }];
    const mismatches: string[] = [];
    for (const calendar of KNOWN_CALENDARS) {
      for (const opt of options) {
        const years = calendarYears(calendar, opt).map((y) => y.year);
        for (let day = epochDay(years[0]!, 1, 1); day <= epochDay(years[years.length - 1]!, 12, 31); day++) {
          for (const n of [1, 2, 7, 10, 30]) {
            const ahead = addBusinessDays(calendar, day, n, opt);
            if (!ahead.ok) continue; // ran past the data; covered by the error tests
            const between = value(businessDaysBetween(calendar, day, ahead.value, opt));
            const lands = value(isBusinessDay(calendar, ahead.value, opt));
            const back = value(isBusinessDay(calendar, day, opt)) ? value(addBusinessDays(calendar, ahead.value, -n, opt)) : day;
            if (between !== n || !lands || back !== day) mismatches.push(`${calendar} ${dottedDate(day)} + ${n}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('data', () => {
  it('has the official number of working days per year', () => {
    expect(workingDaysIn('RU', 2024)).toBe(248);
    expect(workingDaysIn('RU', 2025)).toBe(247);
    expect(workingDaysIn('RU', 2026)).toBe(247);
    // KZ 2024: the ministry's published balance said 248 assuming Kurban Ait on Mon 17.06;
    // it fell on Sunday 16.06 and is not moved, so 249 days were worked.
    expect(workingDaysIn('KZ', 2024)).toBe(249);
    expect(workingDaysIn('KZ', 2025)).toBe(246);
    expect(workingDaysIn('KZ', 2026)).toBe(247);
    // UA 2021: 261 weekdays, 14 of them off, 3 Saturdays worked (Cabinet order No. 1191-р).
    expect(workingDaysIn('UA', 2021)).toBe(250);
    // UA 2022: 260 weekdays; 03.01, 07.01, 07.03 and 08.03 off and Saturday 12.03 worked before
    // the holidays were suspended on 24.03.2022, every weekday worked after.
    expect(workingDaysIn('UA', 2022)).toBe(257);
    // Under martial law Ukraine works every weekday.
    expect(workingDaysIn('UA', 2023)).toBe(260);
    expect(workingDaysIn('UA', 2024)).toBe(262);
    expect(workingDaysIn('UA', 2025)).toBe(261);
    expect(workingDaysIn('UA', 2026)).toBe(261);
    expect(workingDaysIn('UA', 2024, { ua: 'peacetime' })).toBe(251);
    expect(workingDaysIn('UA', 2025, { ua: 'peacetime' })).toBe(250);
    expect(workingDaysIn('UA', 2026, { ua: 'peacetime' })).toBe(250);
  });

  it('agrees day by day with isBusinessDay over each whole year', () => {
    for (const calendar of KNOWN_CALENDARS) {
      for (const { year } of calendarYears(calendar)) {
        let count = 0;
        for (let day = epochDay(year, 1, 1); day <= epochDay(year, 12, 31); day++) {
          if (value(isBusinessDay(calendar, day))) count++;
        }
        expect(count, `${calendar} ${year}`).toBe(workingDaysIn(calendar, year));
        expect(count, `${calendar} ${year}`).toBeGreaterThanOrEqual(240);
        expect(count, `${calendar} ${year}`).toBeLessThanOrEqual(262);
      }
    }
  });

  const files: [string, readonly CalendarYearData[]][] = [
    ['RU', RU_CALENDAR],
    ['KZ', KZ_CALENDAR],
    ['UA as in force', UA_CALENDAR],
    ['UA before martial law', UA_BEFORE_MARTIAL_LAW],
    ['UA peacetime', UA_PEACETIME],
  ];

  it.each(files)('%s lists days off only on weekdays and working days only on weekends, once each', (_name, data) => {
    for (const y of data) {
      const all = [...y.daysOff, ...y.workingDays];
      expect(new Set(all).size, `${y.year} has a duplicate`).toBe(all.length);
      for (const text of y.daysOff) expect(isoWeekday(d(`${text}.${y.year}`)), `${text}.${y.year}`).toBeLessThanOrEqual(5);
      for (const text of y.workingDays) expect(isoWeekday(d(`${text}.${y.year}`)), `${text}.${y.year}`).toBeGreaterThan(5);
    }
  });

  it('names a legal source for every year of every calendar', () => {
    expect(calendarYears('RU').map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(calendarYears('RU')[0]!.source).toContain('No. 1314 of 10.08.2023');
    expect(calendarYears('RU')[1]!.source).toContain('No. 1335 of 04.10.2024');
    expect(calendarYears('RU')[2]!.source).toContain('No. 1466 of 24.09.2025');
    const ua = calendarYears('UA');
    expect(ua.map((y) => y.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(ua[0]!.source).toContain('No. 1191-р of 30.09.2020');
    expect(ua[0]!.source).not.toContain('2136-IX'); // 2021 was worked under peacetime rules
    for (const y of ua.slice(1)) {
      expect(y.source, String(y.year)).toContain('No. 64/2022');
      expect(y.source, String(y.year)).toContain('2136-IX');
    }
    expect(ua[1]!.source).toContain('26.08.2021'); // the 2022 transfer order, before the suspension
    expect(ua[3]!.source).toContain('3258-IX'); // the holidays that return once martial law ends
    expect(calendarYears('UA', { ua: 'peacetime' }).map((y) => y.year)).toEqual([2024, 2025, 2026]);
    expect(calendarYears('UA', { ua: 'peacetime' })[0]!.source).toContain('3258-IX');
    for (const calendar of KNOWN_CALENDARS) {
      for (const { source } of calendarYears(calendar)) expect(source.length).toBeGreaterThan(40);
    }
  });
});
