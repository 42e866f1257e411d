/**
 * Checks the time constructs: effective-dated values (`in force on`, versions in date order,
 * one type for all), computed durations, clock times on dates, and sequences of dates.
 */
import type * as A from '../../language/ast.js';
import { error } from '../../language/diagnostics.js';
import type { Ty } from '../../runtime/ir.js';
import { T, unify, showType } from '../types.js';
import { isKnownZone } from '../../runtime/values/instant.js';
import { parseDateLiteral } from '../literals.js';
import { type Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, dateParameterText, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

/** Checks `in force on`: versions in date order, no day in two of them, one type for all. */
export function checkEffective(ctx: CheckContext, e: A.Expr & { kind: 'effective' }, scope: Scope, expected?: Ty): Checked {
  const at = checkExpr(ctx, e.at, scope);
  if (isErr(at.type)) return ERR;
  if (at.type.k !== 'date' && at.type.k !== 'instant') return report(ctx, 'RB400', `\`in force on\` needs the date or instant of the event that selects the version, not ${showType(at.type)}.`, e.at.span);
  let resultType: Ty = T.empty;
  let prevEnd = -Infinity;
  let versionCount = 0;
  const versions = e.versions.map((v) => {
    const from = v.from ? versionDate(ctx, v.from, scope) : undefined;
    const until = v.until ? versionDate(ctx, v.until, scope) : undefined;
    const start = from ?? -Infinity;
    const end = until ?? Infinity;
    if (start > end || (prevEnd !== -Infinity && start <= prevEnd) || (versionCount++ > 0 && start === -Infinity)) {
      ctx.diagnostics.push(error('RB504', 'This period overlaps the one before it or comes before it. List versions in date order with no day in two of them.', v.span));
    }
    prevEnd = end;
    const c = checkExpr(ctx, v.value, scope, expected ?? (resultType.k === 'empty' ? undefined : resultType));
    const u = unify(resultType, c.type);
    if (!u) ctx.diagnostics.push(error('RB413', `This version gives ${showType(c.type)} but earlier versions give ${showType(resultType)}.`, v.value.span));
    else resultType = u;
    return { ...(from !== undefined ? { from } : {}), ...(until !== undefined ? { until } : {}), value: c.ir, clauses: v.citations.map((c2) => c2.text) };
  });
  return {
    ir: { op: 'effective', at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', versions, span: sourceSpan(e.span) },
    type: resultType,
  };
}

/**
 * A version date: a date literal, or a date parameter whose value is written in the program
 * (so the versions' order is still checked when the rules are compiled).
 */
function versionDate(ctx: CheckContext, e: A.Expr, scope: Scope): number | undefined {
  if (e.kind === 'date') {
    const day = parseDateLiteral(e.text);
    if (day === undefined) ctx.diagnostics.push(error('RB204', `${e.text} is not a real calendar date.`, e.span));
    return day;
  }
  const written = e.kind === 'name' ? (ctx.dateParameter ? ctx.dateParameter(e.name.text) : dateParameterText(ctx.r, e.name.text)) : undefined;
  if (e.kind === 'name' && written !== undefined) {
    scope.deps.add(e.name.text);
    return parseDateLiteral(written);
  }
  const what = e.kind === 'name' ? `\`${e.name.text}\`` : 'this';
  ctx.diagnostics.push(error('RB400', `A version date is a date (01.01.2026) or a date parameter (\`parameter switch_day: date = 01.01.2026\`); ${what} is neither.`, e.span));
  return undefined;
}

const CLOCK_RE = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `s.months months`: the count must be a whole number; hours and minutes only on instants (checked where added). */
export function checkDurationOf(ctx: CheckContext, e: A.Expr & { kind: 'durationOf' }, scope: Scope): Checked {
  const c = checkExpr(ctx, e.count, scope);
  if (isErr(c.type)) return ERR;
  if (c.type.k !== 'integer') {
    const hint = c.type.k === 'optional' ? ' It may be absent: give a default with `or else`.' : c.type.k === 'decimal' ? ' Round it first, e.g. round(x).' : '';
    return report(ctx, 'RB416', `The number of ${e.unit.replace('_', ' ')} must be a whole number, but this is ${showType(c.type)}.${hint}`, e.count.span);
  }
  if (e.unit === 'business_days' && !ctx.r.calendarDeclared) {
    return report(ctx, 'RB203', 'Business days need a calendar: add `calendar RU` (or KZ, UA) to the program header.', e.span);
  }
  return { ir: { op: 'duration_of', count: c.ir, unit: e.unit }, type: T.duration };
}

/** `d at 23:00 [zone]`: the instant of that wall-clock time on the day, in the program's zone by default. */
export function checkClock(ctx: CheckContext, e: A.Expr & { kind: 'clock' }, scope: Scope): Checked {
  const d = checkExpr(ctx, e.date, scope);
  if (isErr(d.type)) return ERR;
  if (d.type.k !== 'date') {
    const hint = d.type.k === 'instant' ? ' Take its day first: date(x) at 23:00.' : d.type.k === 'optional' ? ' It may be absent: test it with `is present` first.' : '';
    return report(ctx, d.type.k === 'optional' ? 'RB408' : 'RB417', `\`at ${e.time}\` puts a time of day on a date, but this is ${showType(d.type)}.${hint}`, e.date.span);
  }
  const m = CLOCK_RE.exec(e.time);
  const [h, min, sec] = m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : [99, 0, 0];
  if (h > 23 || min > 59 || sec > 59) return report(ctx, 'RB205', `${e.time} is not a real time of day (00:00 to 23:59:59).`, e.timeSpan);
  if (e.zone && !isKnownZone(e.zone)) return report(ctx, 'RB202', `\`${e.zone}\` is not a known IANA time zone.`, e.zoneSpan ?? e.span);
  return { ir: { op: 'clock', date: d.ir, seconds: h * 3600 + min * 60 + sec, zone: e.zone ?? ctx.r.program.zone }, type: T.instant };
}

/** `each month from A through B`: an interval of dates stepped by days, months or years. */
export function checkSequence(ctx: CheckContext, e: A.Expr & { kind: 'sequence' }, scope: Scope): Checked {
  if (e.interval.kind !== 'interval') return report(ctx, 'RB418', 'A sequence runs over dates: write `each day from A through B`.', e.span);
  const iv = checkExpr(ctx, e.interval, scope);
  if (isErr(iv.type)) return ERR;
  if (iv.type.k !== 'interval' || iv.type.of.k !== 'date') {
    return report(ctx, 'RB418', `\`each ${e.unit.replace(/s$/, '')}\` steps through dates, but this interval runs from ${iv.type.k === 'interval' ? showType(iv.type.of) : showType(iv.type)}.${iv.type.k === 'interval' && iv.type.of.k === 'instant' ? ' Take the days first: from date(a) through date(b).' : ''}`, e.interval.span);
  }
  return { ir: { op: 'sequence', unit: e.unit, interval: iv.ir }, type: T.list(T.date) };
}
