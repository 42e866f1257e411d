/**
 * Compiles calendar arithmetic and effective-dated values: adding durations to dates and
 * instants (month ends under the program's policy, business days by its calendar, hours
 * and minutes as elapsed time), clock times on dates, sequences of dates, and choosing the
 * version in force on the event's date.
 */
import type { Expr } from '../ir.js';
import { civilFromDay, epochDay, daysInMonth, dottedDate } from '../values/calendar-date.js';
import { localDay, addToInstant, instantAtClock } from '../values/instant.js';
import { addBusinessDays } from '../calendars/index.js';
import { fault } from '../errors.js';
import { leafTrace, type Ctx, type Fn, type Env, type Interval, type D } from './common.js';
import { compileExpr } from '../compile-ir.js';
import { Line, addLine } from '../trace.js';

/** Adds months to a day number under the program's end-of-month policy. */
export function addMonths(day: number, months: number, policy: 'clamp' | 'overflow'): number {
  const c = civilFromDay(day);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12), m = (total % 12) + 1;
  const d = policy === 'clamp' ? Math.min(c.day, daysInMonth(y, m)) : c.day;
  return epochDay(y, m, 1) + d - 1;
}

/** `date + duration`, `instant - duration`. */
export function compileDateAdd(env: Env, e: Extract<Expr, { op: 'date_add' }>): Fn {
  const zone = env.artifact.program.zone;
  const base = compileExpr(env, e.base), dur = compileExpr(env, e.duration);
  const sign = e.sign;
  const policy = env.artifact.program.monthEnd;
  const calendar = env.artifact.program.calendar;
  const site = env.sites++;
  return (ctx, f) => {
    const b = base(ctx, f) as number;
    const d = dur(ctx, f) as { n: number; unit: string };
    const r = dateAdd(ctx, b, d.n * sign, d.unit, e.instant, zone, policy, calendar);
    if (ctx.observe) ctx.observe({ site, kind: 'date_add', cmpKind: e.instant ? 'ms' : 'day', left: b, duration: { n: d.n * sign, unit: d.unit }, result: r, frame: f, input: ctx.input, node: ctx.trace });
    return r;
  };
}

/** A date (day number) or instant moved by n days, months, years, business days, hours or minutes (also the generated evaluator's). */
export function dateAdd(ctx: Ctx, b: number, n: number, unit: string, instant: boolean, zone: string, policy: 'clamp' | 'overflow', calendar: string | undefined): number {
  if (unit === 'hours' || unit === 'minutes') {
    if (!instant) return fault('RB-E-DURATION-UNIT', `${Math.abs(n)} ${unit} cannot be added to a date, which has no time of day.`);
    return b + n * (unit === 'hours' ? 3_600_000 : 60_000);
  }
  if (instant) return addToInstant(b, n, unit as 'days', zone);
  switch (unit) {
    case 'days': return b + n;
    case 'months': return addMonths(b, n, policy);
    case 'years': return addMonths(b, 12 * n, policy);
    default: {
      if (!calendar) return fault('RB-E-NO-CALENDAR', 'The rules count business days, but the program header names no calendar (calendar RU, KZ or UA).');
      const r = addBusinessDays(calendar, b, n, ctx.calendar);
      if (!r.ok) return fault(r.error.code as 'RB-E-CALENDAR-YEAR', r.error.message);
      return r.value;
    }
  }
}

/** `in force on D from … : …`: the version whose dates contain the event's day. */
export function compileEffective(env: Env, e: Extract<Expr, { op: 'effective' }>): Fn {
  const zone = env.artifact.program.zone;
  const at = compileExpr(env, e.at);
  const versions = e.versions.map((v) => ({ ...v, fn: compileExpr(env, v.value), label: versionLabel(v.from, v.until) }));
  const site = env.sites++;
  return (ctx, f) => {
    const a = at(ctx, f) as number;
    const day = e.atKind === 'ms' ? localDay(a, zone) : a;
    const v = versions.find((x) => (x.from === undefined || day >= x.from) && (x.until === undefined || day <= x.until));
    if (ctx.observe) ctx.observe({ site, kind: 'version', cmpKind: 'day', left: day, versions: e.versions, chosen: v ? versions.indexOf(v) : -1, result: v ? versions.indexOf(v) : -1, span: e.span, frame: f, input: ctx.input, node: ctx.trace });
    if (!v) {
      return fault('RB-E-NO-VERSION', `No version of this rule is in force on ${dottedDate(day)}; the versions cover ${versions.map((x) => x.label).join(', ')}.`, e.span);
    }
    { const lt = leafTrace(ctx); if (lt) addLine(lt, new Line('version', `${v.label} (event on ${dottedDate(day)})`, v.clauses)); }
    return v.fn(ctx, f);
  };
}

/** How a version's dates read in messages: "from 01.01.2026 until 31.12.2026". */
export function versionLabel(from?: number, until?: number): string {
  if (from !== undefined && until !== undefined) return `from ${dottedDate(from)} until ${dottedDate(until)}`;
  if (from !== undefined) return `from ${dottedDate(from)}`;
  if (until !== undefined) return `until ${dottedDate(until)}`;
  return 'always';
}

/** `s.months months`: the count is a whole number (the checker saw to it). */
export function compileDurationOf(env: Env, e: Extract<Expr, { op: 'duration_of' }>): Fn {
  const count = compileExpr(env, e.count);
  const unit = e.unit;
  return (ctx, f) => ({ n: (count(ctx, f) as D).toNumber(), unit });
}

/** `d at 23:00`: see instantAtClock for days when the clocks change. */
export function compileClock(env: Env, e: Extract<Expr, { op: 'clock' }>): Fn {
  const date = compileExpr(env, e.date);
  const { seconds, zone } = e;
  return (ctx, f) => instantAtClock(date(ctx, f) as number, seconds, zone);
}

/** Longest sequence of dates one expression may build (about 270 years of days). */
export const MAX_SEQUENCE = 100_000;

/**
 * `each month from A through B`: A + k units for k = 0, 1, …, each counted from A (so
 * 31.01 gives 28.02, then 31.03 under `clamp`), kept while inside the interval.
 */
export function compileSequence(env: Env, e: Extract<Expr, { op: 'sequence' }>): Fn {
  const interval = compileExpr(env, e.interval);
  const policy = env.artifact.program.monthEnd;
  return (ctx, f) => sequenceOf(interval(ctx, f) as Interval, e.unit, policy);
}

/** The dates of `each <unit>` inside an interval (also the generated evaluator's). */
export function sequenceOf(iv: Interval, unit: 'days' | 'months' | 'years', policy: 'clamp' | 'overflow'): number[] {
  const start = iv.start as number, end = iv.end as number;
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const d = unit === 'days' ? start + k : addMonths(start, unit === 'months' ? k : 12 * k, policy);
    if (d > end || (d === end && !iv.ei)) break;
    if (d === start && !iv.si) continue;
    if (out.length >= MAX_SEQUENCE) sequenceFault(start, end);
    out.push(d);
  }
  return out;
}

/** A sequence with more dates than MAX_SEQUENCE (both evaluators' sentence). */
export function sequenceFault(start: number, end: number): never {
  return fault('RB-E-SEQUENCE', `The sequence from ${dottedDate(start)} to ${dottedDate(end)} has more than ${MAX_SEQUENCE} dates.`);
}
