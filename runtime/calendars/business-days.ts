/**
 * Business-day arithmetic over shipped, versioned national working calendars.
 *
 * Dates are integer day numbers (days since 1970-01-01, see
 * runtime/values/calendar-date.ts). Each calendar covers a contiguous range of
 * years; a date outside it is an error, never a silent Mon–Fri guess, because a
 * wrong deadline is worse than a refused one.
 *
 * At module load every calendar is flattened into one flag per day plus a running
 * count, so a lookup is an array read and counting between two dates is a
 * subtraction: this code sits in the evaluator's hot path.
 */
import { civilFromDay, dottedDate, epochDay, isoWeekday } from '../values/calendar-date.js';
import { KZ_CALENDAR } from './data/kz.js';
import { RU_CALENDAR } from './data/ru.js';
import { UA_BEFORE_MARTIAL_LAW, UA_CALENDAR, UA_MARTIAL_LAW, UA_PEACETIME } from './data/ua.js';

/** Identifier of a shipped working calendar. */
export type CalendarId = 'RU' | 'KZ' | 'UA';

/**
 * Per-call options. `ua` picks the Ukrainian mode. `martial_law` (the default) is the
 * law as in force on each day counted: peacetime rules before 24.03.2022, holidays
 * worked from then while martial law lasts. `peacetime` is a what-if: the Labour
 * Code's holidays applied as if martial law had ended (data from 2024).
 */
export interface CalendarOptions {
  ua?: 'martial_law' | 'peacetime';
}

/**
 * Why a calendar call failed. `RB-E-CALENDAR-YEAR`: a date (or a count) reaches a
 * year the data does not cover. `RB-E-CALENDAR-UNKNOWN`: no calendar with that id.
 * `RB-E-CALENDAR-ARGUMENT`: a day or count that is not a whole number, or an
 * unknown `ua` mode. `message` is a plain sentence for the rule author.
 */
export interface CalendarError {
  code: 'RB-E-CALENDAR-YEAR' | 'RB-E-CALENDAR-UNKNOWN' | 'RB-E-CALENDAR-ARGUMENT';
  message: string;
}

/** Result of a calendar call; the functions never throw. */
export type CalendarResult<T> = { ok: true; value: T } | { ok: false; error: CalendarError };

/**
 * One year of a calendar, as the data files write it: only the differences from
 * a plain Mon–Fri week, as `DD.MM` strings of `year`.
 */
export interface CalendarYearData {
  year: number;
  /** The legal acts the year is taken from. */
  source: string;
  /** Weekdays (Mon–Fri) that are days off: holidays and days off moved onto weekdays. */
  daysOff: readonly string[];
  /** Weekend days (Sat/Sun) that are working days because a day off was moved. */
  workingDays: readonly string[];
}

/** The ids of all shipped calendars. */
export const KNOWN_CALENDARS: readonly CalendarId[] = Object.freeze(['RU', 'KZ', 'UA'] as const);

interface Table {
  id: CalendarId;
  /** How error messages name the calendar, e.g. `UA (peacetime what-if)`. */
  label: string;
  /** What a missing year needs, e.g. `production calendar`. */
  missing: string;
  dataFile: string;
  firstYear: number;
  lastYear: number;
  /** Day number of 1 January of firstYear. */
  start: number;
  /** 1 when the day start + i is a business day. */
  flags: Uint8Array;
  /** prefix[i] = number of business days among start .. start + i - 1; length flags.length + 1. */
  prefix: Int32Array;
  years: readonly { year: number; source: string }[];
}

/** Days [from, until) in which every weekday is worked, whatever the rows list (Ukraine's martial law). */
interface PlainWeek { from: number; until: number }

/** Builds the lookup table; throws on malformed data, which the test suite catches before shipping. */
function buildTable(id: CalendarId, label: string, missing: string, dataFile: string, data: readonly CalendarYearData[], plain?: PlainWeek): Table {
  const years = [...data].sort((a, b) => a.year - b.year);
  const firstYear = years[0]!.year;
  const lastYear = years[years.length - 1]!.year;
  years.forEach((y, i) => {
    // The flat table assumes no gaps; a gap year would otherwise read as a guess.
    if (y.year !== firstYear + i) throw new Error(`${dataFile}: years must be contiguous, ${firstYear + i} is missing`);
  });
  const start = epochDay(firstYear, 1, 1);
  const length = epochDay(lastYear + 1, 1, 1) - start;
  const flags = new Uint8Array(length);
  for (let i = 0; i < length; i++) flags[i] = isoWeekday(start + i) <= 5 ? 1 : 0;
  for (const y of years) {
    for (const text of y.daysOff) flags[parseDayMonth(dataFile, y.year, text) - start] = 0;
    for (const text of y.workingDays) flags[parseDayMonth(dataFile, y.year, text) - start] = 1;
  }
  if (plain) {
    for (let i = Math.max(0, plain.from - start); i < length && start + i < plain.until; i++) flags[i] = isoWeekday(start + i) <= 5 ? 1 : 0;
  }
  const prefix = new Int32Array(length + 1);
  for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + flags[i]!;
  return {
    id, label, missing, dataFile, firstYear, lastYear, start, flags, prefix,
    years: Object.freeze(years.map((y) => Object.freeze({ year: y.year, source: y.source }))),
  };
}

function parseDayMonth(dataFile: string, year: number, text: string): number {
  const m = /^(\d{2})\.(\d{2})$/.exec(text);
  const day = m ? epochDay(year, Number(m[2]), Number(m[1])) : NaN;
  // epochDay rolls 31.04 over to 01.05; round-tripping catches impossible dates.
  if (!m || dottedDate(day) !== `${text}.${year}`) throw new Error(`${dataFile}: bad date "${text}" in ${year}`);
  return day;
}

/** A `DD.MM.YYYY` date of the data files as a day number. */
function parseDotted(dataFile: string, text: string): number {
  const m = /^(\d{2}\.\d{2})\.(\d{4})$/.exec(text);
  if (!m) throw new Error(`${dataFile}: bad date "${text}"`);
  return parseDayMonth(dataFile, Number(m[2]), m[1]!);
}

const UA_FILE = 'runtime/calendars/data/ua.ts';

/**
 * Ukraine as in force: the holiday rows, with every weekday worked from the day the
 * holidays were suspended until martial law ends. Refuses data that would leave a day
 * outside the suspension without its holiday row.
 */
function buildUkraine(): Table {
  const from = parseDotted(UA_FILE, UA_MARTIAL_LAW.holidaysWorkedFrom);
  const until = UA_MARTIAL_LAW.endsOn === null ? Infinity : parseDotted(UA_FILE, UA_MARTIAL_LAW.endsOn);
  if (!(from < until)) throw new Error(`${UA_FILE}: martial law must end after ${UA_MARTIAL_LAW.holidaysWorkedFrom}`);
  const withRows = new Set([...UA_BEFORE_MARTIAL_LAW, ...UA_PEACETIME].map((y) => y.year));
  for (const { year } of UA_CALENDAR) {
    if (!withRows.has(year) && (epochDay(year, 1, 1) < from || epochDay(year + 1, 1, 1) > until)) {
      throw new Error(`${UA_FILE}: ${year} has days outside martial law but no holiday row`);
    }
  }
  for (const y of UA_BEFORE_MARTIAL_LAW) {
    for (const text of [...y.daysOff, ...y.workingDays]) {
      if (parseDayMonth(UA_FILE, y.year, text) >= from) throw new Error(`${UA_FILE}: ${text}.${y.year} falls under martial law`);
    }
  }
  return buildTable('UA', 'UA', 'working calendar', UA_FILE, UA_CALENDAR, { from, until });
}

const RU = buildTable('RU', 'RU', 'production calendar', 'runtime/calendars/data/ru.ts', RU_CALENDAR);
const KZ = buildTable('KZ', 'KZ', 'production calendar', 'runtime/calendars/data/kz.ts', KZ_CALENDAR);
const UA_IN_FORCE = buildUkraine();
const UA_PEACE = buildTable('UA', 'UA (peacetime what-if)', 'peacetime holidays (UA_PEACETIME)', UA_FILE, UA_PEACETIME);

// Shared immutable results, so the hottest call allocates nothing.
const TRUE: CalendarResult<boolean> = Object.freeze({ ok: true, value: true });
const FALSE: CalendarResult<boolean> = Object.freeze({ ok: true, value: false });

type Failure = { ok: false; error: CalendarError };

function fail(code: CalendarError['code'], message: string): Failure {
  return { ok: false, error: { code, message } };
}

function resolve(calendar: string, options: CalendarOptions | undefined): Table | Failure {
  if (calendar === 'RU') return RU;
  if (calendar === 'KZ') return KZ;
  if (calendar === 'UA') {
    const mode = options?.ua ?? 'martial_law';
    if (mode === 'martial_law') return UA_IN_FORCE;
    if (mode === 'peacetime') return UA_PEACE;
    return fail('RB-E-CALENDAR-ARGUMENT',
      `The Ukrainian calendar mode must be "martial_law" or "peacetime", not ${JSON.stringify(mode)}.`);
  }
  return fail('RB-E-CALENDAR-UNKNOWN',
    `There is no business-day calendar ${JSON.stringify(calendar)}; the known calendars are ${KNOWN_CALENDARS.join(', ')}.`);
}

function yearError(t: Table, year: number, context = ''): Failure {
  return fail('RB-E-CALENDAR-YEAR',
    `${context}The business-day calendar ${t.label} has no data for ${year} (it covers ${t.firstYear}–${t.lastYear}); ` +
    `add the ${year} ${t.missing} to ${t.dataFile}.`);
}

/** A count that runs off either end of the data; the message says where the count started. */
function countError(t: Table, day: number, n: number, year: number): Failure {
  const direction = n > 0 ? 'after' : 'back from';
  return yearError(t, year, `Counting ${Math.abs(n)} business days ${direction} ${dottedDate(day)} runs past the calendar data. `);
}

function notWhole(what: string, value: number): Failure {
  return fail('RB-E-CALENDAR-ARGUMENT', `The ${what} must be a whole number, not ${value}.`);
}

/** Index of `day` in the table, or a failure when it is not a whole day inside the data. */
function indexOf(t: Table, day: number): number | Failure {
  if (!Number.isSafeInteger(day)) return notWhole('date (day number)', day);
  const i = day - t.start;
  return i >= 0 && i < t.flags.length ? i : yearError(t, civilFromDay(day).year);
}

/** Smallest k with prefix[k] >= target (prefix is non-decreasing). */
function lowerBound(prefix: Int32Array, target: number): number {
  let lo = 0;
  let hi = prefix.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (prefix[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether `day` is a business (working) day in `calendar`.
 * Fails with RB-E-CALENDAR-YEAR when the day's year is not in the data.
 */
export function isBusinessDay(calendar: string, day: number, options?: CalendarOptions): CalendarResult<boolean> {
  const t = resolve(calendar, options);
  if ('ok' in t) return t;
  const i = indexOf(t, day);
  if (typeof i !== 'number') return i;
  return t.flags[i] === 1 ? TRUE : FALSE;
}

/**
 * The n-th business day strictly after `day` (counting starts with the next
 * business day); n = 0 returns `day`. n < 0 counts backwards symmetrically: the
 * |n|-th business day strictly before `day`. `day` itself need not be a business
 * day, but its year must be in the data, and so must every day the count passes.
 */
export function addBusinessDays(calendar: string, day: number, n: number, options?: CalendarOptions): CalendarResult<number> {
  const t = resolve(calendar, options);
  if ('ok' in t) return t;
  const i = indexOf(t, day);
  if (typeof i !== 'number') return i;
  if (!Number.isSafeInteger(n)) return notWhole('number of business days', n);
  if (n === 0) return { ok: true, value: day };
  const { prefix } = t;
  if (n > 0) {
    const target = prefix[i + 1]! + n;
    if (target > prefix[prefix.length - 1]!) return countError(t, day, n, t.lastYear + 1);
    // The first k whose running count reaches target: day start + k - 1 is the n-th business day.
    return { ok: true, value: t.start + lowerBound(prefix, target) - 1 };
  }
  const target = prefix[i]! + n; // business days before the answer
  if (target < 0) return countError(t, day, n, t.firstYear - 1);
  return { ok: true, value: t.start + lowerBound(prefix, target + 1) - 1 };
}

/**
 * Number of business days in (from, to]: `from` is excluded, `to` included, so
 * the count from an act's date to a deadline is the number of working days the
 * deadline allows. When to < from the result is the negated count over (to, from].
 */
export function businessDaysBetween(calendar: string, from: number, to: number, options?: CalendarOptions): CalendarResult<number> {
  const t = resolve(calendar, options);
  if ('ok' in t) return t;
  if (!Number.isSafeInteger(from)) return notWhole('start date (day number)', from);
  if (!Number.isSafeInteger(to)) return notWhole('end date (day number)', to);
  const sign = to < from ? -1 : 1;
  const lo = Math.min(from, to) - t.start; // excluded, so it may be the day before the data starts
  const hi = Math.max(from, to) - t.start;
  if (lo + 1 < 0) return yearError(t, civilFromDay(lo + 1 + t.start).year);
  if (hi >= t.flags.length) return yearError(t, civilFromDay(hi + t.start).year);
  if (lo === hi) return { ok: true, value: 0 };
  return { ok: true, value: sign * (t.prefix[hi + 1]! - t.prefix[lo + 1]!) };
}

/**
 * The years a calendar covers, each with the legal source it was taken from.
 * Empty for an unknown calendar id. For UA, `options.ua` picks the mode: the default
 * lists 2021 onwards, each year naming the martial-law rule where it applies.
 */
export function calendarYears(calendar: string, options?: CalendarOptions): { year: number; source: string }[] {
  const t = resolve(calendar, options);
  return 'ok' in t ? [] : t.years.map((y) => ({ year: y.year, source: y.source }));
}
