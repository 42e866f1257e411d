/**
 * Russian Federation production calendar (five-day week, Sat/Sun off).
 *
 * Base rule, Labour Code art. 112: non-working holidays are 1–6 and 8 January
 * (New Year holidays), 7 January (Christmas), 23 February, 8 March, 1 May,
 * 9 May, 12 June and 4 November. A holiday on a weekend moves the day off to the
 * next working day, except the January ones: those are moved each year by a
 * Government decree, which also swaps other days to make long weekends.
 *
 * Only the differences from a plain Mon–Fri week are listed: `daysOff` are
 * weekdays that are not worked, `workingDays` are weekends that are worked.
 * Dates are `DD.MM` of the row's year.
 *
 * 2027 is not listed: no Government decree on the transfer of days off in 2027 could
 * be verified when the data was last checked (30.11.2026). Add it with its number and
 * date once published; until then a 2027 date is refused (RB-E-CALENDAR-YEAR).
 */
import type { CalendarYearData } from '../business-days.js';

export const RU_CALENDAR: readonly CalendarYearData[] = [
  {
    year: 2024,
    source:
      'Labour Code of the Russian Federation art. 112; Government Decree No. 1314 of 10.08.2023 ' +
      '"On the transfer of days off in 2024" (Постановление Правительства РФ от 10.08.2023 № 1314).',
    daysOff: [
      '01.01', '02.01', '03.01', '04.01', '05.01', '08.01', // New Year holidays (06.01 Sat and 07.01 Sun moved, see below)
      '23.02', // Fri
      '08.03', // Fri
      '29.04', // Mon, day off moved from Sat 27.04
      '30.04', // Tue, day off moved from Sat 02.11
      '01.05', // Wed
      '09.05', // Thu
      '10.05', // Fri, day off moved from Sat 06.01
      '12.06', // Wed
      '04.11', // Mon
      '30.12', // Mon, day off moved from Sat 28.12
      '31.12', // Tue, day off moved from Sun 07.01
    ],
    workingDays: ['27.04', '02.11', '28.12'], // Saturdays worked in exchange for 29.04, 30.04, 30.12
  },
  {
    year: 2025,
    source:
      'Labour Code of the Russian Federation art. 112; Government Decree No. 1335 of 04.10.2024 ' +
      '"On the transfer of days off in 2025" (Постановление Правительства РФ от 04.10.2024 № 1335).',
    daysOff: [
      '01.01', '02.01', '03.01', '06.01', '07.01', '08.01', // New Year holidays (04.01 Sat and 05.01 Sun moved)
      '01.05', // Thu
      '02.05', // Fri, day off moved from Sat 04.01
      '08.05', // Thu, day off moved from Sun 23.02
      '09.05', // Fri
      '12.06', // Thu
      '13.06', // Fri, day off moved from Sat 08.03
      '03.11', // Mon, day off moved from Sat 01.11
      '04.11', // Tue
      '31.12', // Wed, day off moved from Sun 05.01
    ],
    workingDays: ['01.11'], // Saturday worked in exchange for Mon 03.11
  },
  {
    year: 2026,
    source:
      'Labour Code of the Russian Federation art. 112; Government Decree No. 1466 of 24.09.2025 ' +
      '"On the transfer of days off in 2026" (Постановление Правительства РФ от 24.09.2025 № 1466).',
    daysOff: [
      '01.01', '02.01', '05.01', '06.01', '07.01', '08.01', // New Year holidays (03.01 Sat and 04.01 Sun moved)
      '09.01', // Fri, day off moved from Sat 03.01, so 01.01–11.01 are all off
      '23.02', // Mon
      '09.03', // Mon, 08.03 is a Sunday (art. 112 moves it)
      '01.05', // Fri
      '11.05', // Mon, 09.05 is a Saturday (art. 112 moves it)
      '12.06', // Fri
      '04.11', // Wed
      '31.12', // Thu, day off moved from Sun 04.01
    ],
    workingDays: [], // no working Saturdays in 2026
  },
];
