/**
 * Republic of Kazakhstan working calendar (five-day week, Sat/Sun off).
 *
 * Holidays: Law "On holidays in the Republic of Kazakhstan" of 13.12.2001
 * No. 267-II and Labour Code of 23.11.2015 No. 414-V arts. 84–85: 1–2 January,
 * 8 March, 21–23 March (Nauryz), 1 May, 7 May, 9 May, 6 July, 30 August
 * (Constitution Day, until 2025), 25 October, 16 December. A holiday on a weekend
 * makes the next working day a day off. The religious days off, 7 January
 * (Orthodox Christmas) and the first day of Kurban Ait, are NOT moved when they
 * fall on a weekend. Extra swaps are made each year by a separate transfer act.
 *
 * Only the differences from a plain Mon–Fri week are listed: `daysOff` are
 * weekdays that are not worked, `workingDays` are weekends that are worked.
 * Dates are `DD.MM` of the row's year.
 *
 * 2027 is not listed: its transfer act and the first-day-of-Kurban-Ait date could not
 * be verified when the data was last checked (30.11.2026), and 2027 is the first year
 * with Constitution Day on 15 March. Until it is added a 2027 date is refused.
 */
import type { CalendarYearData } from '../business-days.js';

const BASE = 'Law of the Republic of Kazakhstan "On holidays" of 13.12.2001 No. 267-II; Labour Code of 23.11.2015 No. 414-V arts. 84–85';

export const KZ_CALENDAR: readonly CalendarYearData[] = [
  {
    year: 2024,
    source:
      `${BASE}; transfer of the day off from Sat 04.05.2024 to Wed 08.05.2024 (adilet.zan.kz G24G0000109). ` +
      'Kurban Ait fell on Sun 16.06.2024 (Spiritual Administration of Muslims of Kazakhstan), so 17.06 was worked.',
    daysOff: [
      '01.01', '02.01', // New Year (07.01 Christmas is a Sunday and is not moved)
      '08.03', // Fri
      '21.03', '22.03', // Nauryz Thu, Fri
      '25.03', // Mon, Nauryz 23.03 is a Saturday
      '01.05', // Wed
      '07.05', // Tue
      '08.05', // Wed, day off moved from Sat 04.05
      '09.05', // Thu
      '08.07', // Mon, Capital Day 06.07 is a Saturday
      '30.08', // Fri, Constitution Day
      '25.10', // Fri, Republic Day
      '16.12', // Mon, Independence Day
    ],
    workingDays: ['04.05'],
  },
  {
    year: 2025,
    source:
      `${BASE}; order of the Minister of Labour and Social Protection moving the day off from Sun 05.01.2025 ` +
      'to Fri 03.01.2025 (adilet.zan.kz G24G0000436). Kurban Ait: Fri 06.06.2025.',
    daysOff: [
      '01.01', '02.01', // New Year
      '03.01', // Fri, day off moved from Sun 05.01
      '07.01', // Tue, Orthodox Christmas
      '10.03', // Mon, 08.03 is a Saturday
      '21.03', // Fri, Nauryz
      '24.03', '25.03', // Mon, Tue: Nauryz 22.03 (Sat) and 23.03 (Sun)
      '01.05', // Thu
      '07.05', // Wed
      '09.05', // Fri
      '06.06', // Fri, Kurban Ait
      '07.07', // Mon, Capital Day 06.07 is a Sunday
      '01.09', // Mon, Constitution Day 30.08 is a Saturday
      '27.10', // Mon, Republic Day 25.10 is a Saturday
      '16.12', // Tue, Independence Day
    ],
    workingDays: ['05.01'], // Sunday worked in exchange for Fri 03.01
  },
  {
    year: 2026,
    source:
      `${BASE}; Ministry of Labour and Social Protection production calendar 2026 (no extra transfers). ` +
      'The Constitution adopted at the referendum of 15.03.2026 moved Constitution Day to 15 March from 2027, ' +
      'so 30.08.2026 is not a holiday. Kurban Ait: Wed 27.05.2026.',
    daysOff: [
      '01.01', '02.01', // New Year
      '07.01', // Wed, Orthodox Christmas
      '09.03', // Mon, 08.03 is a Sunday
      '23.03', // Mon, Nauryz
      '24.03', '25.03', // Tue, Wed: Nauryz 21.03 (Sat) and 22.03 (Sun)
      '01.05', // Fri
      '07.05', // Thu
      '11.05', // Mon, Victory Day 09.05 is a Saturday
      '27.05', // Wed, Kurban Ait
      '06.07', // Mon, Capital Day
      '26.10', // Mon, Republic Day 25.10 is a Sunday
      '16.12', // Wed, Independence Day
    ],
    workingDays: [],
  },
];
