/**
 * Ukraine working calendar (five-day week, Sat/Sun off), in two modes.
 *
 * `martial_law` (the default): martial law has been in force since 24.02.2022.
 * Law No. 2136-IX of 15.03.2022, art. 12 part 6 (as amended by Law No. 2352-IX of
 * 01.07.2022) suspends Labour Code arts. 53, 67 part 3 and 73 while it lasts, so
 * public holidays are ordinary working days and no day off is moved: a plain
 * Mon–Fri week.
 *
 * `peacetime`: the holidays of Labour Code art. 73 as amended in 2023 (Law
 * No. 3107-IX of 29.05.2023: 8 May; Law No. 3258-IX of 14.07.2023: Christmas
 * 25 December only, Statehood Day 15 July, Defenders Day 1 October), with
 * art. 67 part 3: a holiday on a weekend makes the next working day a day off.
 * Easter and Trinity are Sundays, so their day off is always the Monday after
 * (Orthodox paschal dates). For planning "what if martial law ended".
 *
 * Only the differences from a plain Mon–Fri week are listed. Dates are `DD.MM`.
 */
import type { CalendarYearData } from '../business-days.js';

const MARTIAL_LAW_SOURCE =
  'Martial law (Presidential Decree No. 64/2022 of 24.02.2022, extended since): Labour Code arts. 53, 67 part 3 ' +
  'and 73 are not applied under Law No. 2136-IX of 15.03.2022 art. 12 part 6 (as amended by Law No. 2352-IX of ' +
  '01.07.2022); public holidays are working days.';

const PEACETIME_SOURCE =
  'Labour Code of Ukraine arts. 67 part 3 and 73 as amended by Laws No. 3107-IX of 29.05.2023 and No. 3258-IX ' +
  'of 14.07.2023 (peacetime rules, suspended while martial law lasts); Orthodox Easter and Trinity dates.';

export const UA_MARTIAL_LAW: readonly CalendarYearData[] = [2024, 2025, 2026].map((year) => ({
  year,
  source: MARTIAL_LAW_SOURCE,
  daysOff: [],
  workingDays: [],
}));

export const UA_PEACETIME: readonly CalendarYearData[] = [
  {
    year: 2024,
    source: `${PEACETIME_SOURCE} Easter 05.05.2024, Trinity 23.06.2024.`,
    daysOff: [
      '01.01', // Mon, New Year
      '08.03', // Fri
      '01.05', // Wed, Labour Day
      '06.05', // Mon, Easter 05.05
      '08.05', // Wed, Day of Remembrance and Victory
      '24.06', // Mon, Trinity 23.06
      '28.06', // Fri, Constitution Day
      '15.07', // Mon, Statehood Day
      '26.08', // Mon, Independence Day 24.08 is a Saturday
      '01.10', // Tue, Defenders Day
      '25.12', // Wed, Christmas
    ],
    workingDays: [],
  },
  {
    year: 2025,
    source: `${PEACETIME_SOURCE} Easter 20.04.2025, Trinity 08.06.2025.`,
    daysOff: [
      '01.01', // Wed, New Year
      '10.03', // Mon, 08.03 is a Saturday
      '21.04', // Mon, Easter 20.04
      '01.05', // Thu, Labour Day
      '08.05', // Thu, Day of Remembrance and Victory
      '09.06', // Mon, Trinity 08.06
      '30.06', // Mon, Constitution Day 28.06 is a Saturday
      '15.07', // Tue, Statehood Day
      '25.08', // Mon, Independence Day 24.08 is a Sunday
      '01.10', // Wed, Defenders Day
      '25.12', // Thu, Christmas
    ],
    workingDays: [],
  },
  {
    year: 2026,
    source: `${PEACETIME_SOURCE} Easter 12.04.2026, Trinity 31.05.2026.`,
    daysOff: [
      '01.01', // Thu, New Year
      '09.03', // Mon, 08.03 is a Sunday
      '13.04', // Mon, Easter 12.04
      '01.05', // Fri, Labour Day
      '08.05', // Fri, Day of Remembrance and Victory
      '01.06', // Mon, Trinity 31.05
      '29.06', // Mon, Constitution Day 28.06 is a Sunday
      '15.07', // Wed, Statehood Day
      '24.08', // Mon, Independence Day
      '01.10', // Thu, Defenders Day
      '25.12', // Fri, Christmas
    ],
    workingDays: [],
  },
];
