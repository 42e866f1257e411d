/**
 * Generated calendar arithmetic, effective-dated versions, conversions and computed
 * durations. The arithmetic itself is the reference's (eval/time.ts `dateAdd`), called
 * directly rather than through a closure and a frame built per call.
 */
import type { Expr } from '../ir.js';
import { Dec } from '../values/decimal.js';
import { dottedDate } from '../values/calendar-date.js';
import { fault } from '../errors.js';
import { dateAdd, versionLabel } from '../eval/time.js';
import { wholeMonthsBetween } from '../eval/arith.js';
import { civilFromDay, epochDay, daysInMonth } from '../values/calendar-date.js';
import type { Ctx } from '../eval/common.js';
import type { Generator, Scope } from './generate.js';
import { historyExpr, HISTORY_HELPERS } from './history.js';

/** The settings of one `date ± duration`, prepared at load. */
export interface AddSite { sign: 1 | -1; instant: boolean; zone: string; policy: 'clamp' | 'overflow'; calendar: string | undefined }

function addDuration(ctx: Ctx, b: number, d: { n: number; unit: string }, s: AddSite): number {
  return dateAdd(ctx, b, d.n * s.sign, d.unit, s.instant, s.zone, s.policy, s.calendar);
}

/** The reference's sentence when no version is in force on the day. */
function noVersion(labels: string, day: number, span: Extract<Expr, { op: 'effective' }>['span']): never {
  return fault('RB-E-NO-VERSION', `No version of this rule is in force on ${dottedDate(day)}; the versions cover ${labels}.`, span);
}

/** The calendar builtins on a day number, as eval/arith.ts computes them. */
const CALENDAR: Readonly<Record<string, (day: number) => number>> = Object.freeze({
  start_of_month: (d: number) => { const c = civilFromDay(d); return epochDay(c.year, c.month, 1); },
  end_of_month: (d: number) => { const c = civilFromDay(d); return epochDay(c.year, c.month, daysInMonth(c.year, c.month)); },
  start_of_year: (d: number) => epochDay(civilFromDay(d).year, 1, 1),
  end_of_year: (d: number) => epochDay(civilFromDay(d).year, 12, 31),
  year_of: (d: number) => civilFromDay(d).year,
  month_of: (d: number) => civilFromDay(d).month,
  day_of: (d: number) => civilFromDay(d).day,
});

/** Helpers the generated time operations call through `R`. */
export const TIME_HELPERS = { addDuration, noVersion, wholeMonthsBetween, ...HISTORY_HELPERS };

/** Source of the calendar builtins (month and year ends, parts of a date, whole months between), or undefined for others. */
export function calendarBuiltin(g: Generator, e: Extract<Expr, { op: 'builtin' }>, s: Scope): string | undefined {
  const arg = (i: number) => g.expr(e.args[i]!, s);
  const policy = g.k(g.program.monthEnd);
  switch (e.fn) {
    case 'start_of_month': case 'end_of_month': case 'start_of_year': case 'end_of_year': return `${g.k(CALENDAR[e.fn])}(${arg(0)})`;
    // parts of a date and counts of months are integers, decimals like every number of the language
    case 'year_of': case 'month_of': case 'day_of': return `new R.Dec(${g.k(CALENDAR[e.fn])}(${arg(0)}))`;
    case 'months_between': return `new R.Dec(R.wholeMonthsBetween(${arg(0)}, ${arg(1)}, ${policy}))`;
    case 'years_between': return `new R.Dec(Math.trunc(R.wholeMonthsBetween(${arg(0)}, ${arg(1)}, ${policy}) / 12))`;
    default: return undefined;
  }
}

/** Source of the time, version and conversion operations, or undefined for others. */
export function timeExpr(g: Generator, e: Expr, s: Scope): string | undefined {
  const program = g.program;
  switch (e.op) {
    case 'date_add': {
      const site: AddSite = Object.freeze({ sign: e.sign, instant: e.instant, zone: program.zone, policy: program.monthEnd, calendar: program.calendar });
      return `R.addDuration(ctx, ${g.expr(e.base, s)}, ${g.expr(e.duration, s)}, ${g.k(site)})`;
    }
    case 'duration_of': return `{ n: ${g.expr(e.count, s)}.toNumber(), unit: ${g.k(e.unit)} }`;
    case 'effective': {
      const day = g.fresh('t');
      const at = g.expr(e.at, s);
      const labels = e.versions.map((v) => versionLabel(v.from, v.until)).join(', ');
      // the first version whose dates contain the day, as the reference's find
      const arms = e.versions.map((v) => {
        const tests = [v.from === undefined ? '' : `${day} >= ${g.k(v.from)}`, v.until === undefined ? '' : `${day} <= ${g.k(v.until)}`].filter(Boolean);
        return `${tests.join(' && ') || 'true'} ? ${g.expr(v.value, s)} : `;
      }).join('');
      const dayOf = e.atKind === 'ms' ? `R.localDay(${at}, ${g.k(program.zone)})` : at;
      return `((${day}) => ${arms}R.noVersion(${g.k(labels)}, ${day}, ${g.k(e.span)}))(${dayOf})`;
    }
    case 'convert': {
      // on scaled integers where they fit (values/scaled.ts); scale -1: not rounded
      return `R.convertDec(${g.expr(e.value, s)}, ${g.k(new Dec(e.num))}, ${g.k(new Dec(e.den))}, ${g.k(e.scale ?? -1)}, ${g.k(g.rounding)})`;
    }
    default: return historyExpr(g, e, s);
  }
}
