/**
 * Instants are epoch milliseconds. They are tied to a zone only at the boundary:
 * parsing input, projecting to a calendar date in the program's zone, formatting
 * output. The host's zone and clock are never read.
 */
import { DateTime, IANAZone } from 'luxon';
import { isValidDate, epochDay, civilFromDay, daysInMonth } from './calendar-date.js';

const MS_PER_DAY = 86_400_000;
/** Offsets are sampled this often; a change between two samples is bisected to the millisecond. */
const SAMPLE = 6 * 60 * 60_000;
/** Instants the runtime accepts: 0001-01-01T00:00Z through 9999-12-31T23:59:59.999Z. */
export const MIN_INSTANT = epochDay(1, 1, 1) * MS_PER_DAY;
export const MAX_INSTANT = epochDay(10000, 1, 1) * MS_PER_DAY - 1;
/** The largest UTC offset in use anywhere (Kiribati, +14:00), in minutes. */
const MAX_OFFSET_MINUTES = 14 * 60;

const zones = new Map<string, IANAZone>();

/** True when the IANA zone name is known to this runtime (tzdata of the JS engine). */
export function isKnownZone(zone: string): boolean {
  return zone === 'UTC' || IANAZone.isValidZone(zone);
}

function zoneOf(name: string): IANAZone {
  let z = zones.get(name);
  if (!z) { z = IANAZone.create(name); zones.set(name, z); }
  return z;
}

/** Offsets of a zone over one period: segment starts (epoch ms) and their offsets. */
interface Segments { starts: number[]; offsets: number[] }
/** A year of 366 days: the zone's transitions are computed a year at a time. */
const PERIOD = 366 * MS_PER_DAY;
/** Per zone, per year: the offsets in force and the exact instants they change (or, before that, how often it was asked). */
const periods = new Map<string, Map<number, Segments | number>>();
/**
 * Direct lookups a year answers before it gets its table: a table costs some 1 500 lookups,
 * so a fresh process evaluating one input (a handful of instants per year) asks tzdata
 * directly, and a year evaluated over and over gets its table after a few.
 */
const DIRECT_LOOKUPS = 16;

/**
 * The zone's transitions inside one year, found once: the offset is sampled every six
 * hours and each change is narrowed down to the millisecond by bisection, so a transition
 * off the quarter hour is placed exactly. (Two transitions within six hours that cancel
 * out would not be seen; tzdata has none: no offset lasts less than days.) A program
 * walking every day of ten years pays ten tables, about 15 000 lookups in all.
 */
function segmentsOf(z: IANAZone, p: number): Segments {
  const t0 = p * PERIOD;
  const starts = [t0], offsets = [z.offset(t0)];
  for (let t = t0 + SAMPLE; t < t0 + PERIOD + SAMPLE; t += SAMPLE) {
    const at = Math.min(t, t0 + PERIOD - 1);
    const off = z.offset(at);
    const prev = offsets[offsets.length - 1]!;
    if (off === prev) continue;
    let lo = Math.max(at - SAMPLE, starts[starts.length - 1]!), hi = at;
    while (hi - lo > 1) { const mid = Math.floor((lo + hi) / 2); if (z.offset(mid) === prev) lo = mid; else hi = mid; }
    starts.push(hi);
    offsets.push(off);
  }
  return { starts, offsets };
}

/**
 * UTC offset of a zone at an instant, in minutes, exactly as tzdata says. luxon's lookup
 * costs microseconds and this runs in the evaluator's hot path, so each zone's transitions
 * are computed once per year and looked up from then on (no luxon on the hot path). The
 * answer never depends on which instants were evaluated before.
 */
export function offsetMinutes(ms: number, zone: string): number {
  // the last answer again: a rule reads the day of the same instant several times
  if (ms === last.ms && zone === last.zone) return last.offset;
  const offset = lookUpOffset(ms, zone);
  last.ms = ms; last.zone = zone; last.offset = offset;
  return offset;
}

const last = { ms: NaN, zone: '', offset: 0 };

/** offsetMinutes without its last answer: the year tables of each zone. */
function lookUpOffset(ms: number, zone: string): number {
  let cache = periods.get(zone);
  if (!cache) { cache = new Map(); periods.set(zone, cache); }
  const p = Math.floor(ms / PERIOD);
  let seg = cache.get(p);
  if (seg === undefined || typeof seg === 'number') {
    // the first instants of a year ask tzdata directly; a year touched again and again
    // gets its table, so instants scattered over centuries cost one lookup each
    const asked = seg ?? 0;
    if (asked < DIRECT_LOOKUPS) {
      if (seg === undefined && cache.size > 20_000) cache.clear();
      cache.set(p, asked + 1);
      return zoneOf(zone).offset(ms);
    }
    seg = segmentsOf(zoneOf(zone), p);
    cache.set(p, seg);
  }
  const { starts, offsets } = seg;
  let i = starts.length - 1;
  while (i > 0 && starts[i]! > ms) i--;
  return offsets[i]!;
}

/** The calendar day (day number) of an instant in a zone. */
export function localDay(ms: number, zone: string): number {
  return Math.floor((ms + offsetMinutes(ms, zone) * 60_000) / MS_PER_DAY);
}

const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?(?:\[([^\]]+)\])?$/;

/**
 * Epoch milliseconds of a wall-clock time in a zone. A time the clocks skip (inside a
 * DST gap) does not exist and is refused rather than moved; a time that happens twice
 * (the repeated hour in autumn) is read as its first occurrence, the earlier instant.
 */
export function zonedToEpoch(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, zone: string): { ms: number } | { error: 'zone' | 'gap' } {
  if (!isKnownZone(zone)) return { error: 'zone' };
  const z = zoneOf(zone);
  // the wall time read as if it were UTC; the instant is that minus the offset in force
  const wall = epochDay(y, mo, d) * MS_PER_DAY + ((h * 60 + mi) * 60 + s) * 1000 + ms;
  let best: number | undefined;
  // offsets in force a day either side cover every transition (none lasts less than a day)
  for (const off of new Set([z.offset(wall - MS_PER_DAY), z.offset(wall), z.offset(wall + MS_PER_DAY)])) {
    const candidate = wall - Math.round(off * 60_000);
    if (z.offset(candidate) === off && (best === undefined || candidate < best)) best = candidate;
  }
  return best === undefined ? { error: 'gap' } : { ms: best };
}

/** Minutes east of UTC of `+05:00`, `-03:30` or `Z`; undefined for an offset no zone uses. */
function offsetOf(text: string): number | undefined {
  if (text === 'Z') return 0;
  const hours = Number(text.slice(1, 3)), minutes = Number(text.slice(4, 6));
  if (minutes > 59) return undefined;
  const total = hours * 60 + minutes;
  if (total > MAX_OFFSET_MINUTES) return undefined;
  return text[0] === '-' ? -total : total;
}

/**
 * Parses an instant: ISO 8601 with an offset (`2025-08-31T23:30:00+05:00`, `…Z`) or
 * a local time with an IANA zone in brackets (`2025-08-31T23:30[Asia/Almaty]`), or both
 * when they agree. Returns a reason in plain words when it is not valid.
 */
export function parseInstant(text: string): { ms: number } | { error: string } {
  const m = INSTANT_RE.exec(text);
  if (!m) return { error: 'is not an instant; write it like 2025-08-31T23:30:00+05:00 or 2025-08-31T23:30[Asia/Almaty]' };
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  if (y < 1) return { error: 'is before the year 1; years run from 0001 to 9999' };
  if (!isValidDate(y, mo, d)) return { error: `names a day that does not exist (${m[1]}-${m[2]}-${m[3]})` };
  if (h > 23 || mi > 59 || s > 59) return { error: 'has a time of day that does not exist' };
  const offset = m[8];
  const zone = m[9];
  if (zone !== undefined && !isKnownZone(zone)) return { error: `names an unknown time zone "${zone}"` };
  let offMin: number | undefined;
  if (offset !== undefined) {
    offMin = offsetOf(offset);
    if (offMin === undefined) return { error: `has the UTC offset ${offset}, which no time zone uses (offsets run from -14:00 to +14:00 with minutes 00–59)` };
  }
  if (zone === undefined) {
    if (offMin === undefined) return { error: 'needs a UTC offset (+05:00) or a time zone ([Asia/Almaty])' };
    return inRange(epochDay(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offMin) * 60 + s) * 1000 + frac);
  }
  if (offMin !== undefined) {
    // both given: the offset pins the instant, the zone must agree with it
    const ms = epochDay(y, mo, d) * MS_PER_DAY + ((h * 60 + mi - offMin) * 60 + s) * 1000 + frac;
    const inside = inRange(ms);
    if ('error' in inside) return inside;
    const actual = zoneOf(zone).offset(ms);
    if (actual !== offMin) return { error: `has the offset ${offset}, but ${zone} is at ${formatOffset(actual)} at that time; give the offset or the zone, or make them agree` };
    return { ms };
  }
  const r = zonedToEpoch(y, mo, d, h, mi, s, frac, zone);
  if ('ms' in r) return inRange(r.ms);
  return { error: r.error === 'gap' ? `names a local time that does not exist in ${zone}: the clocks jump forward over it` : `is not a valid time in ${zone}` };
}

/**
 * Instants run from 0001-01-01T00:00Z to 9999-12-31T23:59:59.999Z, as the evaluation instant
 * does: 0001-01-01T00:00+14:00 is in the year 0 in UTC, and its explanation failed where the
 * plain evaluation passed (an outside attack found it).
 */
function inRange(ms: number): { ms: number } | { error: string } {
  return ms >= MIN_INSTANT && ms <= MAX_INSTANT ? { ms } : { error: 'falls outside the years 0001–9999 in UTC' };
}

function formatOffset(minutes: number): string {
  const a = Math.abs(Math.round(minutes));
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Zone names luxon reads as a fixed offset or the host's zone rather than an IANA zone (see its normalizeZone). */
const NOT_IANA = /^(?:default|local|system|gmt|utc(?:[+-]\d{1,2}(?::\d{2})?)?)$/i;
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * ISO 8601 text of an instant in a zone, with the zone's offset. For an IANA zone and a
 * whole-minute offset it is written here from the precomputed offsets (luxon costs tens
 * of microseconds per call); otherwise luxon writes it. The text is luxon's either way:
 * `toISO({suppressMilliseconds: true})`, which the property tests check.
 */
export function formatInstant(ms: number, zone: string): string {
  // a pure function of (ms, zone): the last text of each slot is kept (see instantSlot)
  if (!Number.isInteger(ms)) return writeInstant(ms, zone);
  const i = instantSlot(ms);
  if (instantMs[i] === ms && instantZones[i] === zone) return instantTexts[i]!;
  const text = writeInstant(ms, zone);
  instantMs[i] = ms; instantZones[i] = zone; instantTexts[i] = text;
  return text;
}

/**
 * The texts formatInstant wrote last, one slot per instant by a hash of its whole second,
 * with the zone: an explanation shows the same instants on many lines, a batch the same
 * cut-offs and deadlines for every input. The second is multiplied by 2^32 / φ and its top
 * bits taken (Fibonacci hashing): the instants rules meet are mostly whole hours or days,
 * and the second modulo 2 048 (the slot before) put every midnight in one of 16 slots.
 */
const SLOT_BITS = 11;
const INSTANT_SLOTS = 1 << SLOT_BITS;
const instantMs = new Float64Array(INSTANT_SLOTS).fill(NaN);
const instantZones = new Array<string | undefined>(INSTANT_SLOTS).fill(undefined);
const instantTexts = new Array<string>(INSTANT_SLOTS).fill('');
export const instantSlot = (ms: number): number => Math.imul(Math.floor(ms / 1000) | 0, 0x9e3779b1) >>> (32 - SLOT_BITS);

function writeInstant(ms: number, zone: string): string {
  const off = NOT_IANA.test(zone) ? NaN : offsetMinutes(ms, zone);
  if (Number.isInteger(off) && Number.isInteger(ms)) {
    const local = ms + off * 60_000;
    const day = Math.floor(local / MS_PER_DAY), t = local - day * MS_PER_DAY;
    const { year, month, day: d } = civilFromDay(day);
    if (year >= 1 && year <= 9999) {
      const h = Math.floor(t / 3_600_000), mi = Math.floor(t / 60_000) % 60, s = Math.floor(t / 1000) % 60, milli = t % 1000;
      const a = Math.abs(off);
      const frac = milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`;
      return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(d)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}${off < 0 ? '-' : '+'}${pad2(Math.trunc(a / 60))}:${pad2(a % 60)}`;
    }
  }
  return DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }) ?? new Date(ms).toISOString();
}

/** Per zone: whether its offsets come from offsetMinutes exactly as luxon reads them (IANA zones, UTC, GMT). */
const tabled = new Map<string, boolean>();

function isTabled(zone: string): boolean {
  let t = tabled.get(zone);
  if (t === undefined) {
    t = /^(?:utc|gmt)$/i.test(zone) || (!NOT_IANA.test(zone) && IANAZone.isValidZone(zone));
    if (tabled.size < 1000) tabled.set(zone, t);
  }
  return t;
}

/**
 * Adds calendar days, months or years to an instant, keeping its wall-clock time in the
 * zone: luxon's `DateTime.plus` (its adjustTime and fixOffset), computed here from the
 * precomputed offsets, so luxon is not on the evaluator's hot path. The wall time is moved
 * by whole days, or by months with the day clamped to the month's end; a wall time that
 * happens twice keeps the offset it had, one the clocks skip moves forward by the gap.
 * Fractional historical offsets, fixed-offset zones and years outside 1–9999 are left to
 * luxon itself. The property tests compare the two over DST changes in several zones.
 */
export function addToInstant(ms: number, amount: number, unit: 'days' | 'months' | 'years', zone: string): number {
  const before = isTabled(zone) && Number.isInteger(ms) && Number.isInteger(amount) ? offsetMinutes(ms, zone) : NaN;
  if (Number.isInteger(before)) {
    const local = ms + before * 60_000;
    const day = Math.floor(local / MS_PER_DAY), time = local - day * MS_PER_DAY;
    let target = day + amount;
    if (unit !== 'days') {
      const c = civilFromDay(day);
      const total = c.year * 12 + (c.month - 1) + (unit === 'months' ? amount : 12 * amount);
      const y = Math.floor(total / 12), m = (total % 12) + 1;
      target = y >= 1 && y <= 9999 ? epochDay(y, m, 1) + Math.min(c.day, daysInMonth(y, m)) - 1 : NaN;
    }
    const localTS = target * MS_PER_DAY + time;
    if (localTS >= MIN_INSTANT && localTS <= MAX_INSTANT) {
      // luxon's fixOffset: the offset before as the guess, corrected once; in a gap, the later offset
      let guess = localTS - before * 60_000;
      const o2 = offsetMinutes(guess, zone);
      if (o2 === before) return guess;
      guess -= (o2 - before) * 60_000;
      const o3 = offsetMinutes(guess, zone);
      if (Number.isInteger(o2) && Number.isInteger(o3)) return o2 === o3 ? guess : localTS - Math.min(o2, o3) * 60_000;
    }
  }
  return DateTime.fromMillis(ms, { zone }).plus({ [unit]: amount }).toMillis();
}

/**
 * The instant at a wall-clock time (seconds after midnight) on a calendar day in a zone.
 * A time the clocks skip (a spring-forward gap) gives the first instant after the gap,
 * when the clocks jump; a time that happens twice (autumn) gives the earlier one.
 */
export function instantAtClock(day: number, seconds: number, zone: string): number {
  const wall = day * MS_PER_DAY + seconds * 1000;
  // the offsets half a day before and after bracket any one transition of that day
  const before = offsetMinutes(wall - MS_PER_DAY / 2, zone);
  const after = offsetMinutes(wall + MS_PER_DAY / 2, zone);
  const valid = [wall - before * 60_000, wall - after * 60_000].filter((ms) => ms + offsetMinutes(ms, zone) * 60_000 === wall);
  if (valid.length) return Math.min(...valid);
  // skipped: find the first minute at which the later offset is in force
  let lo = wall - after * 60_000, hi = wall - before * 60_000;
  if (lo > hi) [lo, hi] = [hi, lo];
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (offsetMinutes(mid, zone) === after) hi = mid; else lo = mid;
  }
  // clocks change on whole minutes: with seconds in the wall time, step back to that minute
  const minute = hi - (((hi % 60_000) + 60_000) % 60_000);
  return offsetMinutes(minute, zone) === after ? minute : hi;
}
