/**
 * Generated histories: the fold of a `state`/`history` definition, the questions asked of
 * it (`status`, `status on d`, `history of status`), and the list operations folds are
 * built from (`each day from A through B`, `item n of L`, `d at 23:00`). The rules of a fold
 * become one generated step function; the walk itself (order, ties, faults) is one helper
 * here with the reference's sentences (eval/history.ts), so both evaluators fault alike.
 * The fast path never explains, so no trace is kept; an explained walk asks it which items
 * to step (stepsOf).
 */
import { isExpr, type Definition, type Expr } from '../ir.js';
import { compareBy, type Interval, type D, type Ctx, type WalkSupport } from '../eval/common.js';
import type { Compiled } from '../compile-ir.js';
import { periodIndex, walkItems, tieFault, itemBeforeFault, askedBeforeFault, currentOf, type Period, type HistoryValue } from '../eval/history.js';
import { sequenceOf, sequenceFault, MAX_SEQUENCE } from '../eval/time.js';
import { localDay, instantAtClock } from '../values/instant.js';
import type { Generator, Scope } from './generate.js';
import { IV, IvSite } from './intervals.js';

/** One step of a fold: the period a rule starts for this item, or null when no rule holds. */
export type Step = (item: unknown, previous: unknown, since: number, key: number) => Period | null;

/**
 * Set while a traced walk asks the plain program which items its fold steps (stepsOf): then
 * each fold also returns the indices of the items it stepped, in walk order.
 */
export const STEPPED = { on: false };

/** The history value of a fold, with its stepped items when they are asked for. */
function valueOf(periods: Period[], stepped: number[] | undefined): HistoryValue {
  return stepped === undefined ? { periods } : { periods, stepped };
}

/** The first period of a history, before any item. */
function initialPeriod(def: Definition, value: unknown, from: number): Period {
  return { value, from, ends: null, rule: 'initially', clauses: def.clauses };
}

/**
 * The walk over items already known to be in strictly increasing key order, each its own
 * key (`over d in each day …`): no key, tie or order test is needed.
 */
function foldOrdered(def: Definition, zone: string, days: readonly number[], startValue: unknown, startKey: number, step: Step): HistoryValue {
  let current = initialPeriod(def, startValue, startKey);
  const periods = [current];
  const stepped = STEPPED.on ? [] as number[] : undefined;
  for (let i = 0; i < days.length; i++) {
    const k = days[i]!;
    if (k < startKey) itemBeforeFault(def, zone, i, k, startKey);
    stepped?.push(i);
    const next = step(k, current.value, current.from, k);
    if (next !== null) { current.ends = k; periods.push(next); current = next; }
  }
  return valueOf(periods, stepped);
}

/**
 * foldOrdered over consecutive days (`dayRange`) whose step tracks the day like an interval
 * memo (intervals.ts): when no rule holds on day k, the step leaves in IV the days over
 * which every comparison it made with the day comes out the same. `previous` and `since`
 * do not change while no rule holds, so on every day of that interval no rule holds
 * either: the walk goes on after it. A replay so costs one step per day on which
 * something it compares the day with changes, as a hand-written replay would.
 */
function foldSkipping(def: Definition, zone: string, days: Interval, startValue: unknown, startKey: number, step: Step): HistoryValue {
  let current = initialPeriod(def, startValue, startKey);
  const periods = [current];
  const sl = IV.lo, sh = IV.hi;
  // the days of dayRange, counted rather than listed (daySpan has checked their number)
  const start = days.start as number, end = days.end as number;
  const first = days.si ? start : start + 1, last = days.ei ? end : end - 1;
  const stepped = STEPPED.on ? [] as number[] : undefined;
  for (let k = first; k <= last; k++) {
    if (k < startKey) itemBeforeFault(def, zone, k - first, k, startKey);
    stepped?.push(k - first);
    IV.lo = -Infinity; IV.hi = Infinity;
    const next = step(k, current.value, current.from, k);
    if (next !== null) { current.ends = k; periods.push(next); current = next; continue; }
    // NaN (a use of the day not tracked) fails this test: the next day is stepped
    const hi = IV.hi;
    if (hi > k) k = Math.min(last, hi);
  }
  IV.lo = sl; IV.hi = sh;
  return valueOf(periods, stepped);
}

/**
 * The walk of eval/history.ts compileHistory, step for step (the same expressions in the
 * same order, so the same fault surfaces first), in the order walkItems gives.
 */
function fold(def: Definition, zone: string, items: unknown[], startValue: unknown, startKey: number,
  key: ((item: unknown) => number) | null, tie: ((item: unknown) => unknown) | null, step: Step): HistoryValue {
  const h = def.history!;
  const n = items.length;
  const keys: number[] = [], ties: unknown[] = [];
  const tieKind = h.tieKind ?? 'num';
  const keyOf = (i: number) => {
    keys[i] = key === null ? (items[i] as number) : key(items[i]);
    if (tie !== null) ties[i] = tie(items[i]);
  };
  const cmp = (a: number, b: number) => keys[a]! - keys[b]! || (tie !== null ? compareBy(tieKind, ties[a], ties[b]) : 0) || (h.tieInListOrder ? a - b : 0);
  let current = initialPeriod(def, startValue, startKey);
  let periods = [current];
  let stepped = STEPPED.on ? [] as number[] : undefined;
  const stepAt = (i: number) => {
    const k = keys[i]!;
    if (k < startKey) itemBeforeFault(def, zone, i, k, startKey);
    stepped?.push(i);
    const next = step(items[i], current.value, current.from, k);
    if (next !== null) { current.ends = k; periods.push(next); current = next; }
  };
  const restart = () => { current = initialPeriod(def, startValue, startKey); periods = [current]; if (stepped) stepped = []; };
  walkItems(n, keyOf, cmp, (a, b) => tieFault(def, zone, keys, a, b), stepAt, restart);
  return valueOf(periods, stepped);
}

/**
 * The items the plain program's fold of a call steps (WalkSupport.stepped), computed in a
 * plain evaluation kept beside the traced one (`ctxOf`), whose memo holds them after.
 */
export function stepsOf(program: Compiled, ctxOf: (traced: Ctx) => Ctx): NonNullable<WalkSupport['stepped']> {
  return (ctx, def, args) => {
    const was = STEPPED.on;
    STEPPED.on = true;
    try {
      return (program.callables[def.name]!(ctxOf(ctx), args) as HistoryValue).stepped;
    } finally {
      STEPPED.on = was;
    }
  };
}

/** The interval of `each day`, its number of days checked against MAX_SEQUENCE as the reference does. */
function daySpan(iv: Interval): Interval {
  const start = iv.start as number, end = iv.end as number;
  const first = iv.si ? start : start + 1, last = iv.ei ? end : end - 1;
  if (last - first + 1 > MAX_SEQUENCE) sequenceFault(start, end);
  return iv;
}

/** The days of `each day` inside an interval (daySpan checks their number). */
function dayRange(iv: Interval): number[] {
  daySpan(iv);
  const start = iv.start as number, end = iv.end as number;
  const first = iv.si ? start : start + 1, last = iv.ei ? end : end - 1;
  const out: number[] = [];
  for (let d = first; d <= last; d++) out.push(d);
  return out;
}

/** What a question of a history needs besides its periods. */
export interface Asked { name: string; keyKind: 'day' | 'ms'; zone: string; toDay: boolean; query: 'value_at' | 'period_at'; span: Extract<Expr, { op: 'history' }>['span'] }

/** `status on d` / the period in force at d: a binary search, or the reference's fault before the start. */
function historyAt(q: Asked, h: HistoryValue, at: number): unknown {
  const t = q.toDay ? localDay(at, q.zone) : at;
  const periods = h.periods;
  const i = periodIndex(periods, t);
  if (i < 0) return askedBeforeFault(q.name, q.keyKind, q.zone, t, periods[0]!.from, q.span);
  return q.query === 'value_at' ? periods[i]!.value : periods[i];
}

/** `item n of L`, counted from 1; absent when the list is shorter. */
function itemAt(index: D, items: unknown[]): unknown {
  const n = index.toNumber();
  return Number.isInteger(n) && n >= 1 && n <= items.length ? items[n - 1] : null;
}

/** Helpers the generated histories call through `R`. */
export const HISTORY_HELPERS = { fold, foldOrdered, foldSkipping, dayRange, daySpan, historyAt, itemAt, currentOf, sequenceOf, instantAtClock };

/** The local names an expression reads (`local`), or, with `op: 'agg'`, the names its collections bind. */
function localsOf(e: unknown, out: Set<string>, op: 'local' | 'agg' = 'local'): Set<string> {
  if (Array.isArray(e)) { for (const x of e) localsOf(x, out, op); return out; }
  if (!e || typeof e !== 'object') return out;
  const x = e as { op?: string; name?: string; variable?: string };
  if (op === 'local' && x.op === 'local' && typeof x.name === 'string') out.add(x.name);
  if (op === 'agg' && x.op === 'agg' && typeof x.variable === 'string') out.add(x.variable);
  for (const v of Object.values(e)) if (v && typeof v === 'object') localsOf(v, out, op);
  return out;
}

/**
 * Date arithmetic in a fold's rules that does not read the item (`d = since + 1 year`,
 * `d = day_90 + 1 day`) is the same on every item of a period: each such expression gets
 * a cell, computed where the rules first need it, and reused while \`previous\` and \`since\`
 * are unchanged. Expressions are pure, so a value reused is the value the reference
 * recomputes, and one that faults ends the evaluation at the same place.
 */
class Cells {
  private readonly sources: string[] = [];
  constructor(private readonly g: Generator, private readonly scope: Map<string, string>, private readonly allowed: ReadonlySet<string>, private readonly prev: string, private readonly since: string) {}

  /**
   * A rule's expression with each item-free `date ± duration` replaced by a reference to its
   * cell. A name a collection inside the rule binds again (`for since in …`) is not fixed
   * for the period, so an expression reading it keeps being computed in place.
   */
  rule(e: Expr): Expr {
    const rebound = localsOf(e, new Set(), 'agg');
    return this.hoist(e, new Set([...this.allowed].filter((n) => !rebound.has(n))));
  }

  private hoist(e: Expr, allowed: ReadonlySet<string>): Expr {
    if (e.op === 'date_add' && [...localsOf(e, new Set())].every((n) => allowed.has(n))) return this.cell(e);
    let changed = false;
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e)) {
      const h = Array.isArray(v) ? v.map((x) => (isExpr(x) ? this.hoist(x, allowed) : x)) : isExpr(v) ? this.hoist(v, allowed) : v;
      if (Array.isArray(v) ? (h as unknown[]).some((x, i) => x !== v[i]) : h !== v) changed = true;
      copy[k] = h;
    }
    return changed ? (copy as Expr) : e;
  }

  /** A cell for one expression: a local name no program can write, its source the cached value. */
  private cell(e: Expr): Expr {
    const n = this.sources.length, v = this.g.fresh('t'), p = this.g.fresh('t'), s = this.g.fresh('t');
    this.sources.push(`let ${v}, ${p} = R.UNSET, ${s} = R.UNSET;`);
    const name = `#cell${n}`;
    this.scope.set(name, `(${p} === ${this.prev} && ${s} === ${this.since} ? ${v} : (${v} = ${this.g.expr(e, this.scope)}, ${p} = ${this.prev}, ${s} = ${this.since}, ${v}))`);
    return { op: 'local', name };
  }

  /** The cells' declarations, fresh for each evaluation of the fold. */
  declarations(): string {
    return this.sources.join(' ');
  }
}

/** Source of a history definition's fold, or undefined when it is not one. */
export function historyBody(g: Generator, def: Definition, s: Scope): string | undefined {
  const h = def.history;
  if (!h) return undefined;
  const zone = g.k(g.zone);
  const item = g.fresh('v'), prev = g.fresh('v'), since = g.fresh('v'), key = g.fresh('t');
  const inner = new Map(s);
  inner.set(h.variable, item);
  const rules = new Map(inner);
  rules.set('previous', prev);
  rules.set('since', since);
  const cells = new Cells(g, rules, new Set([...s.keys(), 'previous', 'since']), prev, since);
  const src = h.source;
  // `over d in each day …`: the days are their own keys, strictly increasing, so no order or tie test
  const daily = !h.key && !h.tie && src.op === 'sequence' && src.unit === 'days';
  // …and, outside a definition already tracking its own day, days on which no rule can hold are skipped
  const skipping = daily && g.ivTracked !== undefined && g.iv === undefined;
  if (skipping) g.iv = new IvSite(item, g.ivTracked!);
  const arms = h.rules.map((r) => `if (${g.expr(cells.rule(r.when), rules)} === true) return { value: ${g.expr(cells.rule(r.then), rules)}, from: ${key}, ends: null, rule: ${g.k(r.name)}, clauses: ${g.k(r.clauses)} };`);
  if (skipping) g.iv = undefined;
  const step = `(() => { ${cells.declarations()} return (${item}, ${prev}, ${since}, ${key}) => { ${skipping ? 'const I = R.IV; ' : ''}${arms.join(' ')} return null; }; })()`;
  if (daily) {
    return `R.${skipping ? 'foldSkipping' : 'foldOrdered'}(${g.k(def)}, ${zone}, R.${skipping ? 'daySpan' : 'dayRange'}(${g.expr(src.interval, s)}), ${g.expr(h.initial, s)}, ${g.expr(h.start, s)}, ${step})`;
  }
  const fn = (e: Expr | undefined) => (e ? `((${item}) => ${g.expr(e, inner)})` : 'null');
  return `R.fold(${g.k(def)}, ${zone}, ${g.expr(src, s)}, ${g.expr(h.initial, s)}, ${g.expr(h.start, s)}, ${fn(h.key)}, ${fn(h.tie)}, ${step})`;
}

/** Source of history questions, sequences, `item` and clock times, or undefined for other operations. */
export function historyExpr(g: Generator, e: Expr, s: Scope): string | undefined {
  switch (e.op) {
    case 'history': {
      const value = g.expr({ op: 'call', name: e.name, args: e.args ?? [] }, s);
      if (e.query === 'current') return `R.currentOf(${value})`;
      if (e.query === 'periods') return `${value}.periods`;
      const def = g.artifact.definitions.find((d) => d.name === e.name);
      const keyKind = def?.history?.keyKind ?? 'day';
      const q: Asked = Object.freeze({ name: e.name, keyKind, zone: g.zone, toDay: keyKind === 'day' && e.atKind === 'ms', query: e.query, span: e.span });
      return `R.historyAt(${g.k(q)}, ${value}, ${g.expr(e.at!, s)})`;
    }
    case 'sequence': return `R.sequenceOf(${g.expr(e.interval, s)}, ${g.k(e.unit)}, ${g.k(g.program.monthEnd)})`;
    case 'item': return `R.itemAt(${g.expr(e.index, s)}, ${g.expr(e.list, s)})`;
    case 'clock': return `R.instantAtClock(${g.expr(e.date, s)}, ${g.k(e.seconds)}, ${g.k(e.zone)})`;
    default: return undefined;
  }
}
