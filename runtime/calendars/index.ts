/** Public API of the shipped business-day calendars. */
export {
  KNOWN_CALENDARS,
  addBusinessDays,
  businessDaysBetween,
  calendarYears,
  isBusinessDay,
} from './business-days.js';
export type {
  CalendarError,
  CalendarId,
  CalendarOptions,
  CalendarResult,
  CalendarYearData,
} from './business-days.js';
