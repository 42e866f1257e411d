/**
 * What a production engineer writes once and shares between hand-written rule
 * implementations: strict parsing of the JSON input (money as decimal.js, dates as
 * integer day numbers, instants as epoch milliseconds), a zone's UTC offsets computed
 * once, business days from the legal calendars' holiday lists, and the JSON encoding
 * the outputs travel in. It deliberately imports nothing of the Rulebook runtime but
 * the holiday lists (data), so a bug in the runtime's values shows up as a mismatch.
 */
import { Decimal } from 'decimal.js';

/** Exact decimals with room for the largest amounts the inputs carry (40 digits). */
export const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type D = InstanceType<typeof D>;
export const ZERO = new D(0);

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Thrown by the readers on an input the program refuses; caught once per evaluation (no stack: refusals are routine). */
export class Refused {
  constructor(readonly code: string, readonly message: string) {}
}
const refuse = (what: string): never => { throw new Refused('RB-E-INPUT', what); };

/** The result of one evaluation, shaped like Rulebook's so the two compare as JSON. */
export type Result = { ok: true; outputs: Record<string, unknown> } | { ok: false; error: { code: string; message: string } };

/** Runs one evaluation; a refused input or a calendar gap becomes an error result. */
export function guarded(fn: () => Record<string, unknown>): Result {
  try {
    return { ok: true, outputs: fn() };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, error: { code: err.code, message: err.message } };
    throw err;
  }
}

// ------------------------------------------------------------------ input readers

/** The fields of a JSON object, refusing anything else and any field not in `allowed`. */
export function obj(v: unknown, allowed: ReadonlySet<string>): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return refuse('not an object');
  for (const k of Object.keys(v)) if (!allowed.has(k)) refuse(`unknown field ${k}`);
  return v as Record<string, unknown>;
}

/** A set of names (fields of a record, values of an enum). */
export const names = (...xs: string[]): ReadonlySet<string> => new Set(xs);

/** A required field: present, or the input is refused. */
export function req<T>(o: Record<string, unknown>, k: string, read: (v: unknown) => T): T {
  const v = field(o, k);
  if (!present(v)) throw new Refused('RB-E-INPUT', `missing ${k}`);
  return read(v);
}
/** An optional field: null when absent or null. */
export function opt<T>(o: Record<string, unknown>, k: string, read: (v: unknown) => T): T | null {
  const v = field(o, k);
  return present(v) ? read(v) : null;
}

/** The readings named for one evaluation, checked against the program's; `get(name, default)` reads one. */
export function readingsIn(given: Record<string, string> | undefined, known: Record<string, ReadonlySet<string>>): (name: string, fallback: string) => string {
  const g = given ?? {};
  for (const [k, v] of Object.entries(g)) if (!Object.hasOwn(known, k) || !known[k]!.has(v)) throw new Refused('RB-E-READING', `unknown reading ${k}`);
  return (name, fallback) => (Object.hasOwn(g, name) ? g[name]! : fallback);
}

/** An own field or undefined (never one of Object.prototype's). */
export const field = (o: Record<string, unknown>, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
export const present = (v: unknown): boolean => v !== undefined && v !== null;

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : refuse('not a list');
}
export function bool(v: unknown): boolean {
  return typeof v === 'boolean' ? v : refuse('not a boolean');
}
export function text(v: unknown): string {
  return typeof v === 'string' ? v : refuse('not text');
}
export function integer(v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : refuse('not a whole number');
}
export function oneOf<T extends string>(v: unknown, values: ReadonlySet<T>): T {
  return typeof v === 'string' && values.has(v as T) ? (v as T) : refuse('not one of the values');
}
const digits = (s: string) => s.replace(/[^0-9]/g, '').length;

/** Money in one currency, "14400.00 RUB": at most `scale` decimals and 40 digits. */
export function money(v: unknown, currency: string, scale: number): D {
  if (typeof v !== 'string') return refuse('money must be text');
  const m = /^(-?\d+(?:\.(\d+))?) ([A-Z]{3})$/.exec(v.trim());
  if (!m || m[3] !== currency || (m[2]?.length ?? 0) > scale || digits(m[1]!) > 40) return refuse('not money');
  return new D(m[1]!);
}
/** An amount of a declared unit, "120 bonus". */
export function unitAmount(v: unknown, unit: string): D {
  if (typeof v !== 'string') return refuse('an amount must be text');
  const t = v.trim(), sp = t.lastIndexOf(' ');
  const amount = sp < 0 ? '' : t.slice(0, sp).trim();
  if (!/^-?\d+(\.\d+)?$/.test(amount) || t.slice(sp + 1) !== unit || digits(amount) > 40) return refuse('not an amount');
  return new D(amount);
}
/** Money in one of several currencies, "2500.00 EUR": the amount and its currency. */
export function moneyOf(v: unknown, currencies: ReadonlySet<string>, scale: number): { a: D; c: string } {
  const m = typeof v === 'string' ? /^(-?\d+(?:\.(\d+))?) ([A-Z]{3})$/.exec(v.trim()) : null;
  if (!m || !currencies.has(m[3]!)) return refuse('not money in an accepted currency');
  return { a: money(v, m[3]!, scale), c: m[3]! };
}
/** A decimal: a JSON number JSON carries exactly, or text like "12.5". */
export function decimal(v: unknown): D {
  if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER) return new D(String(v));
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim()) && digits(v) <= 40) return new D(v.trim());
  return refuse('not a number');
}
export function percent(v: unknown): D {
  if (typeof v !== 'string' || !/^-?\d+(\.\d+)?%$/.test(v.trim()) || digits(v) > 40) return refuse('not a percentage');
  return new D(v.trim().slice(0, -1));
}

/** Day number of a Gregorian date (days since 1970-01-01), years 0001–9999. */
export function dayOf(y: number, m: number, d: number): number {
  if (y >= 100) return Math.floor(Date.UTC(y, m - 1, d) / DAY_MS);
  const t = new Date(0); // Date.UTC reads years 0–99 as 1900–1999
  t.setUTCFullYear(y, m - 1, d);
  return Math.floor(t.getTime() / DAY_MS);
}
export function date(v: unknown): number {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) : null;
  if (!m) return refuse('not a date');
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return refuse('no such day');
  return dayOf(y, mo, d);
}
const daysIn = (y: number, m: number) => (m === 2 ? (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28) : [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!);

/** An instant with its UTC offset, "2025-08-31T23:30:00+05:00" or "…Z". */
export function instant(v: unknown): number {
  const m = typeof v === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2}))$/.exec(v) : null;
  if (!m) return refuse('not an instant with an offset');
  const y = +m[1]!, mo = +m[2]!, d = +m[3]!, h = +m[4]!, mi = +m[5]!, s = +(m[6] ?? 0);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || s > 59) return refuse('no such time');
  let off = 0;
  if (m[8] !== 'Z') {
    const oh = +m[10]!, om = +m[11]!;
    if (om > 59 || oh * 60 + om > 14 * 60) return refuse('no such offset');
    off = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return dayOf(y, mo, d) * DAY_MS + ((h * 60 + mi - off) * 60 + s) * 1000 + frac;
}

// ------------------------------------------------------------------ calendar arithmetic

/** `day + n months` (or years as 12n months), the day clamped to the month's end. */
export function addMonths(day: number, n: number): number {
  const t = new Date(day * DAY_MS);
  const total = t.getUTCFullYear() * 12 + t.getUTCMonth() + n;
  const y = Math.floor(total / 12), m = total - y * 12 + 1;
  return dayOf(y, m, Math.min(t.getUTCDate(), daysIn(y, m)));
}

/** An instant as Rulebook prints it: local time in the zone with its offset, milliseconds only when not zero. */
export function instantOut(ms: number, zone: Zone): string {
  const off = zone.offset(ms), local = new Date(ms + off).toISOString();
  const a = Math.abs(off) / 60_000;
  const offset = `${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
  return `${local.slice(0, local.endsWith('.000Z') ? 19 : 23)}${offset}`;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A zone's offsets over 2000–2040, found once (a week-by-week scan, then a search for the
 * minute of each change); outside those years the platform's tz database answers.
 */
export class Zone {
  private readonly from: number[] = [];
  private readonly offsets: number[] = [];
  private readonly lo = Date.UTC(2000, 0, 1);
  private readonly hi = Date.UTC(2040, 0, 1);
  private readonly fmt: Intl.DateTimeFormat;
  constructor(readonly name: string) {
    this.fmt = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    let prev = this.slowOffset(this.lo);
    this.from.push(this.lo); this.offsets.push(prev);
    // a week apart: no zone changes its offset twice within a week
    for (let t = this.lo + WEEK_MS; t <= this.hi; t += WEEK_MS) {
      const o = this.slowOffset(t);
      if (o === prev) continue;
      let a = t - WEEK_MS, b = t; // offset(a) = prev, offset(b) = o: the change lies in (a, b]
      while (b - a > 60_000) { const mid = a + Math.floor((b - a) / 120_000) * 60_000; if (this.slowOffset(mid) === prev) a = mid; else b = mid; }
      this.from.push(b); this.offsets.push(o); prev = o;
    }
  }
  private slowOffset(ms: number): number {
    const p: Record<string, number> = {};
    for (const x of this.fmt.formatToParts(new Date(ms))) if (x.type !== 'literal') p[x.type] = +x.value;
    const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
    return Math.round((wall - (ms - (((ms % 1000) + 1000) % 1000))) / 60_000) * 60_000;
  }
  /** Milliseconds east of UTC at an instant. */
  offset(ms: number): number {
    if (ms < this.lo || ms >= this.hi) return this.slowOffset(ms);
    const f = this.from;
    let i = f.length - 1;
    while (f[i]! > ms) i--;
    return this.offsets[i]!;
  }
  /**
   * The instant of a wall-clock time (seconds after midnight) on a day in this zone: the
   * earlier of two when the clocks go back, the first instant after the gap when they skip it.
   */
  at(day: number, seconds: number): number {
    const wall = day * DAY_MS + seconds * 1000;
    const before = this.offset(wall - DAY_MS / 2), after = this.offset(wall + DAY_MS / 2);
    const a = wall - before, b = wall - after;
    const okA = a + this.offset(a) === wall, okB = b + this.offset(b) === wall;
    if (okA || okB) return okA && okB ? Math.min(a, b) : okA ? a : b;
    let lo = Math.min(a, b), hi = Math.max(a, b);
    while (hi - lo > 60_000) { const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000; if (this.offset(mid) === after) hi = mid; else lo = mid; }
    const minute = hi - (((hi % 60_000) + 60_000) % 60_000);
    return this.offset(minute) === after ? minute : hi;
  }
  /** The calendar day of an instant in this zone. */
  day(ms: number): number {
    return Math.floor((ms + this.offset(ms)) / DAY_MS);
  }
}

/** Business days of one country's calendar over the years its holiday list covers. */
export class BusinessDays {
  private readonly start: number;
  private readonly isWorked: Uint8Array;
  constructor(data: readonly { year: number; daysOff: readonly string[]; workingDays: readonly string[] }[]) {
    const years = data.map((y) => y.year);
    const first = Math.min(...years), last = Math.max(...years);
    this.start = dayOf(first, 1, 1);
    this.isWorked = new Uint8Array(dayOf(last + 1, 1, 1) - this.start);
    for (let i = 0; i < this.isWorked.length; i++) { const wd = new Date((this.start + i) * DAY_MS).getUTCDay(); this.isWorked[i] = wd >= 1 && wd <= 5 ? 1 : 0; }
    const at = (y: number, dm: string) => dayOf(y, +dm.slice(3, 5), +dm.slice(0, 2)) - this.start;
    for (const y of data) {
      for (const dm of y.daysOff) this.isWorked[at(y.year, dm)] = 0;
      for (const dm of y.workingDays) this.isWorked[at(y.year, dm)] = 1;
    }
  }
  /** The n-th business day after `day` (n ≥ 0); refused when the count leaves the covered years. */
  add(day: number, n: number): number {
    let i = day - this.start;
    if (i < 0 || i >= this.isWorked.length) throw new Refused('RB-E-CALENDAR-YEAR', 'the day is outside the calendar');
    for (let left = n; left > 0;) {
      i++;
      if (i >= this.isWorked.length) throw new Refused('RB-E-CALENDAR-YEAR', 'the count runs past the calendar');
      left -= this.isWorked[i]!;
    }
    return this.start + i;
  }
}

// ------------------------------------------------------------------ output encoding

/** Money as Rulebook prints it: the program's scale, half up, then the currency. */
export const moneyOut = (x: D, scale: number, currency: string): string => `${x.toFixed(scale, D.ROUND_HALF_UP)} ${currency}`;
export const percentOut = (x: D): string => `${x.toFixed()}%`;

/** One requirement not met: its sentence and the clauses it cites. */
export interface Reason { reason: string; clauses: string[] }
export interface Eligibility { eligible: boolean; reasons: Reason[] }
export const eligibility = (reasons: Reason[]): Eligibility => ({ eligible: reasons.length === 0, reasons });
