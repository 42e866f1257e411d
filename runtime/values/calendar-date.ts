/**
 * Calendar dates (no zone) as integer day numbers: days since 1970-01-01.
 * Integer day numbers are about 100x cheaper than luxon objects and make
 * date comparison and day arithmetic plain integer operations.
 */

/** Day number of a proleptic Gregorian date (month 1-12). */
export function epochDay(year: number, month: number, day: number): number {
  // Algorithm from Howard Hinnant's days_from_civil.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The year, month (1-12) and day of a day number. */
export function civilFromDay(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { year: m <= 2 ? y + 1 : y, month: m, day: d };
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday. */
export function isoWeekday(dayNumber: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((dayNumber + 3) % 7) + 7) % 7) + 1;
}

/** Number of days in a month (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  // by the Gregorian rule rather than two day numbers: every instant read and every
  // `+ N years` asks this, and the property test pairs it with the day-number difference
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when year-month-day names a real Gregorian date. */
export function isValidDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * The texts isoDate wrote last, one slot per day number modulo DATE_SLOTS (a pure function
 * of the day: an explanation writes the same few hundred days on many lines, and a batch
 * the same days for every input).
 */
const DATE_SLOTS = 4096;
const dateDays = new Float64Array(DATE_SLOTS).fill(NaN);
const dateTexts = new Array<string>(DATE_SLOTS).fill('');

/** ISO text `YYYY-MM-DD` of a day number. */
export function isoDate(dayNumber: number): string {
  const i = dayNumber & (DATE_SLOTS - 1);
  if (dateDays[i] === dayNumber) return dateTexts[i]!;
  const { year, month, day } = civilFromDay(dayNumber);
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // only whole day numbers have a slot of their own (`& ` truncates anything else)
  if (Number.isInteger(dayNumber)) { dateDays[i] = dayNumber; dateTexts[i] = text; }
  return text;
}

/** Document-style text `DD.MM.YYYY` of a day number, as the seeds write dates. */
export function dottedDate(dayNumber: number): string {
  const { year, month, day } = civilFromDay(dayNumber);
  return `${String(day).padStart(2, '0')}.${String(month).padStart(2, '0')}.${year}`;
}

/** Parses `YYYY-MM-DD`; undefined when malformed or impossible (2025-02-30). */
export function parseIsoDate(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isValidDate(y, mo, d) ? epochDay(y, mo, d) : undefined;
}
