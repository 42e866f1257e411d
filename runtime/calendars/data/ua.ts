/**
 * Ukraine working calendar (five-day week, Sat/Sun off), dated by the law in force
 * on each day counted.
 *
 * Peacetime rules: Labour Code art. 73 lists the public holidays and the religious
 * days off; art. 67 part 3 moves a day off that falls on a holiday to the next
 * working day; the Cabinet of Ministers recommends further transfers each year.
 *
 * Martial law (`UA_MARTIAL_LAW`): in force since 24.02.2022. The law that suspends
 * the holidays, No. 2136-IX, took effect on 24.03.2022: from that day, while martial
 * law lasts, every weekday is a working day and no day off is moved. Between
 * 24.02.2022 and 23.03.2022 art. 73 still applied, so 07–08.03.2022 were days off.
 * When an end of martial law is declared, fill `endsOn`: from that day the
 * `UA_PEACETIME` rows apply again.
 *
 * `UA_PEACETIME` also serves the what-if `ua: 'peacetime'` ("as if martial law had
 * ended"): art. 73 as amended in 2023 (Law No. 3107-IX of 29.05.2023: 8 May; Law
 * No. 3258-IX of 14.07.2023: Christmas on 25 December only, Statehood Day 15 July,
 * Defenders Day 1 October). Easter and Trinity are Sundays, so their day off is the
 * Monday after (Orthodox paschal dates).
 *
 * Only the differences from a plain Mon–Fri week are listed. Dates are `DD.MM`.
 */
import type { CalendarYearData } from '../business-days.js';

/** The dated martial-law rule. Dates are `DD.MM.YYYY`. */
export interface MartialLawRule {
  /** The day martial law was introduced. */
  declaredOn: string;
  declaredBy: string;
  /** The first day on which public holidays are working days: the suspending law's entry into force. */
  holidaysWorkedFrom: string;
  holidaysWorkedBy: string;
  /**
   * The first day after martial law, once its end is declared; null while it lasts.
   * From that day the `UA_PEACETIME` rows apply again.
   */
  endsOn: string | null;
  /** The last extension the data was checked against. */
  checkedAgainst: string;
}

export const UA_MARTIAL_LAW: MartialLawRule = Object.freeze({
  declaredOn: '24.02.2022',
  declaredBy:
    'Decree of the President of Ukraine No. 64/2022 of 24.02.2022 "On the introduction of martial law in Ukraine", ' +
    'approved by Law No. 2102-IX of 24.02.2022, extended every 90 days since',
  holidaysWorkedFrom: '24.03.2022',
  holidaysWorkedBy:
    'Law No. 2136-IX of 15.03.2022 "On the organisation of labour relations under martial law", art. 6 part 6 ' +
    '(in force 24.03.2022): Labour Code arts. 53, 65 part 1, 67 parts 3–5 and 71–73 are not applied while martial law lasts',
  endsOn: null,
  checkedAgainst: 'Decree No. 40/2026 of 12.01.2026, extending martial law to 04.05.2026; no end declared',
});

const MARTIAL_LAW_SOURCE =
  `Martial law since ${UA_MARTIAL_LAW.declaredOn} (${UA_MARTIAL_LAW.declaredBy}); from ${UA_MARTIAL_LAW.holidaysWorkedFrom} ` +
  `public holidays are working days and no day off is moved under ${UA_MARTIAL_LAW.holidaysWorkedBy}.`;

const PEACETIME_SOURCE =
  'Labour Code of Ukraine arts. 67 part 3 and 73 as amended by Laws No. 3107-IX of 29.05.2023 and No. 3258-IX ' +
  'of 14.07.2023 (peacetime rules, suspended while martial law lasts); Orthodox Easter and Trinity dates.';

/**
 * The years before the holidays were suspended, as they were worked. 2022 lists only
 * the days up to 23.03.2022; the rest of that year falls under the suspension.
 */
export const UA_BEFORE_MARTIAL_LAW: readonly CalendarYearData[] = [
  {
    year: 2021,
    source:
      'Labour Code of Ukraine arts. 67 part 3 and 73 as in force in 2021; Cabinet of Ministers order No. 1191-р of ' +
      '30.09.2020 "On the transfer of working days in 2021"; Easter 02.05.2021, Trinity 20.06.2021.',
    daysOff: [
      '01.01', // Fri, New Year
      '07.01', // Thu, Christmas (Julian calendar)
      '08.01', // Fri, working day moved to Sat 16.01
      '08.03', // Mon
      '03.05', // Mon, Labour Day 01.05 is a Saturday
      '04.05', // Tue, Easter 02.05 is a Sunday (two holidays on one weekend: two days moved)
      '10.05', // Mon, Victory Day 09.05 is a Sunday
      '21.06', // Mon, Trinity 20.06
      '28.06', // Mon, Constitution Day
      '23.08', // Mon, working day moved to Sat 28.08
      '24.08', // Tue, Independence Day
      '14.10', // Thu, Defender of Ukraine Day
      '15.10', // Fri, working day moved to Sat 23.10
      '27.12', // Mon, Christmas 25.12 is a Saturday
    ],
    workingDays: ['16.01', '28.08', '23.10'],
  },
  {
    year: 2022,
    source:
      'Labour Code of Ukraine arts. 67 part 3 and 73 as in force until 23.03.2022; Cabinet of Ministers order of ' +
      '26.08.2021 "On the transfer of working days in 2022" (Mon 07.03 worked on Sat 12.03).',
    daysOff: [
      '03.01', // Mon, New Year 01.01 is a Saturday
      '07.01', // Fri, Christmas (Julian calendar)
      '07.03', // Mon, working day moved to Sat 12.03
      '08.03', // Tue, International Women's Day: martial law was in force, the suspension not yet
    ],
    workingDays: ['12.03'],
  },
];

/** Peacetime rules for the years since 2024: the what-if, and the calendar again once martial law ends. */
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

const yearOf = (dotted: string | null): number => (dotted === null ? Infinity : Number(dotted.slice(6)));
const ROWS = [...UA_BEFORE_MARTIAL_LAW, ...UA_PEACETIME];
const FIRST_YEAR = Math.min(...ROWS.map((y) => y.year));
const LAST_YEAR = Math.max(...ROWS.map((y) => y.year));

/**
 * The calendar as in force, one row per year naming every source that applies in it.
 * Read it through `UA_MARTIAL_LAW`: a day inside the suspension is a plain Mon–Fri day
 * whatever its row lists. A year with no holiday row (2023) must lie wholly inside the
 * suspension; business-days.ts refuses the data otherwise.
 */
export const UA_CALENDAR: readonly CalendarYearData[] = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => {
  const year = FIRST_YEAR + i;
  const row = ROWS.find((y) => y.year === year);
  const suspended = year >= yearOf(UA_MARTIAL_LAW.holidaysWorkedFrom) && year <= yearOf(UA_MARTIAL_LAW.endsOn);
  if (!row) return { year, source: MARTIAL_LAW_SOURCE, daysOff: [], workingDays: [] };
  if (!suspended) return row;
  const before = year === yearOf(UA_MARTIAL_LAW.holidaysWorkedFrom);
  return { ...row, source: before ? `${row.source} ${MARTIAL_LAW_SOURCE}` : `${MARTIAL_LAW_SOURCE} Once martial law ends: ${row.source}` };
});
