/**
 * Compiles histories: one pass over the items in date order, each firing rule starting a
 * new period. The fold runs once per evaluation (definitions are memoised), and every
 * question (`status on d`, `history of status`) is a binary search over its periods.
 */
import type { Definition, Expr } from '../ir.js';
import { dottedDate } from '../values/calendar-date.js';
import { localDay, formatInstant } from '../values/instant.js';
import { fault } from '../errors.js';
import { ScratchNode, Line, addLine, type TraceNode } from '../trace.js';
import { compareBy, enc, type Ctx, type Frame, type Fn, type Env } from './common.js';
import { compileExpr } from '../compile-ir.js';

/** One period of a history: a value, when it started, when the next one took over. */
export interface Period { value: unknown; from: number; ends: number | null; rule: string; clauses: string[] }
/**
 * What a history definition evaluates to: its periods in order (never empty); from the plain
 * generated program while a traced walk asks (codegen/history.ts STEPPED), also the indices
 * of the items its fold stepped, in walk order.
 */
export interface HistoryValue { periods: Period[]; stepped?: number[] }

/** The current (last) value of a history. */
export function currentOf(h: unknown): unknown {
  const ps = (h as HistoryValue).periods;
  return ps[ps.length - 1]!.value;
}

/** How a history's key reads in messages: a date, or an instant in the program's zone. */
export function showKey(keyKind: 'day' | 'ms', zone: string, k: number): string {
  return keyKind === 'day' ? dottedDate(k) : formatInstant(k, zone);
}

/** Two items of a history on one key that nothing orders (both evaluators' sentence). */
export function tieFault(def: Definition, zone: string, keys: number[], a: number, b: number): never {
  return fault('RB-E-HISTORY-TIE', `Items ${Math.min(a, b) + 1} and ${Math.max(a, b) + 1} of ${def.name} both fall on ${showKey(def.history!.keyKind, zone, keys[b]!)}${def.history!.tie ? ' and its tie-breaker does not tell them apart' : ''}. Declare the order: \`ties by …\` or \`ties in list order\`.`, def.span);
}

/** Item i of a history falls before the history starts (both evaluators' sentence). */
export function itemBeforeFault(def: Definition, zone: string, i: number, k: number, startKey: number): never {
  const show = (x: number) => showKey(def.history!.keyKind, zone, x);
  return fault('RB-E-HISTORY-BEFORE', `Item ${i + 1} of ${def.name} falls on ${show(k)}, before the history starts (${show(startKey)}).`, def.span);
}

/** A history asked about a key before its first period (both evaluators' sentence). */
export function askedBeforeFault(name: string, keyKind: 'day' | 'ms', zone: string, t: number, first: number, span: Extract<Expr, { op: 'history' }>['span']): never {
  return fault('RB-E-HISTORY-BEFORE', `${name} is asked about ${showKey(keyKind, zone, t)}, before it starts (${showKey(keyKind, zone, first)}).`, span);
}

/**
 * The order a fold walks its items in (both evaluators): items usually come in order, so
 * one pass reads each item's key and steps; an item out of order ends that pass, and then
 * all are sorted (by `cmp`), checked for ties, and walked again from `restart()`.
 */
export function walkItems(n: number, keyOf: (i: number) => void, cmp: (a: number, b: number) => number,
  onTie: (a: number, b: number) => never, step: (i: number) => void, restart: () => void): void {
  let i = 0;
  for (; i < n; i++) {
    keyOf(i);
    if (i > 0) {
      const c = cmp(i - 1, i);
      if (c > 0) break;
      if (c === 0) onTie(i - 1, i);
    }
    step(i);
  }
  if (i < n) {
    for (let j = i; j < n; j++) keyOf(j);
    const order = Array.from({ length: n }, (_, j) => j).sort(cmp);
    for (let j = 1; j < n; j++) if (cmp(order[j - 1]!, order[j]!) === 0) onTie(order[j - 1]!, order[j]!);
    restart();
    for (const j of order) step(j);
  }
}

/** What an explained walk sets aside while it runs (see apart). */
interface SetAside { cache: Map<string, unknown>; encoded: Ctx['encoded']; ids: Ctx['ids']; slots: Ctx['slots'] }

/** What the walk sets aside (see afresh), given back by restore. */
function apart(ctx: Ctx): SetAside {
  return { cache: ctx.cache, encoded: ctx.encoded, ids: ctx.ids, slots: ctx.slots };
}

/**
 * An explained walk remembers its calls apart from the evaluation: a fresh memo (and, in
 * the traced generated program, fresh slots) and its own identity numbers, all dropped
 * after the walk (and emptied again when it starts over in date order). So what the
 * explanation shows outside the walk never depends on which items the walk evaluated (a
 * call first made inside is written in full when asked outside, not as "as computed
 * above" of a line nobody sees), and the definitions it consulted are all it reached,
 * directly or through others, whatever was computed before.
 */
function afresh(ctx: Ctx, env: Env): void {
  ctx.cache = new Map();
  ctx.encoded = undefined;
  ctx.ids = undefined;
  if (env.walks && ctx.slots) ctx.slots = env.walks.slots();
}

function restore(ctx: Ctx, kept: SetAside): void {
  ctx.cache = kept.cache;
  ctx.encoded = kept.encoded;
  ctx.ids = kept.ids;
  ctx.slots = kept.slots;
}

/**
 * Compiles the fold of a `history` definition. Explained, the walk (keys, ties and rules)
 * runs under a scratch node, read only for the names of the definitions consulted, with a
 * memo of its own (see afresh); only transitions are lines. In the traced generated
 * program, only the items the plain program's fold stepped are walked (WalkSupport), and
 * `given` holds its generated functions of the fold's expressions (read from the frame).
 */
export function compileHistory(env: Env, def: Definition, given?: ReadonlyMap<Expr, Fn>): Fn {
  const h = def.history!;
  const zone = env.artifact.program.zone;
  // the traced generated program gives its own functions of the fold's expressions (codegen/trace.ts): same values, same lines
  const fn = (e: Expr): Fn => given?.get(e) ?? compileExpr(env, e);
  const initial = fn(h.initial), start = fn(h.start), source = fn(h.source);
  const key = h.key ? fn(h.key) : undefined;
  const tie = h.tie ? fn(h.tie) : undefined;
  const rules = h.rules.map((r) => ({ ...r, whenFn: fn(r.when), thenFn: fn(r.then) }));
  const variable = h.variable;
  const params = def.params.map((p) => p.name);
  const cmpTies = (a: unknown, b: unknown) => compareBy(h.tieKind ?? 'num', a, b);
  return (ctx, outer) => {
    const frame: Frame = Object.create(null);
    Object.assign(frame, outer);
    const items = source(ctx, frame) as unknown[];
    const n = items.length;
    // filled in order (never `new Array(n)`, which V8 may keep as a slow, holey array)
    const keys: number[] = [];
    const ties: unknown[] = [];
    // explained, keys and ties have a memo of their own: the rules' memo is then the same
    // whether the walk ran in list order or started over in date order
    let keysMemo: SetAside | undefined;
    const keyOf = (i: number) => {
      frame[variable] = items[i];
      if (!key && !tie) { keys[i] = items[i] as number; return; }
      const rulesMemo = trace ? apart(ctx) : undefined;
      if (rulesMemo) { if (keysMemo) restore(ctx, keysMemo); else afresh(ctx, env); }
      keys[i] = (key ? key(ctx, frame) : items[i]) as number;
      if (tie) ties[i] = tie(ctx, frame);
      if (rulesMemo) { keysMemo = apart(ctx); restore(ctx, rulesMemo); }
    };
    /** Order of items a and b: by date, then the tie-breaker, then (if declared) the list. */
    const cmp = (a: number, b: number) => keys[a]! - keys[b]! || (tie ? cmpTies(ties[a], ties[b]) : 0) || (h.tieInListOrder ? a - b : 0);
    const ties_ = (a: number, b: number): never => tieFault(def, zone, keys, a, b);
    const show = (k: number) => showKey(h.keyKind, zone, k);
    const startValue = initial(ctx, frame), startKey = start(ctx, frame) as number;
    const trace = ctx.trace;
    // the items the plain program stepped (it has checked their order, ties and starts): faults first there, as the walk would
    const only = trace && !ctx.observe ? env.walks?.stepped?.(ctx, def, params.map((p) => outer[p])) : undefined;
    const traced = trace?.children.length ?? 0;
    // the rules' own explanations would repeat for every item: only transitions are shown
    // (an observer reads the nodes its tests belong to, so for it the scratch is recorded in full)
    const scratch: TraceNode | undefined = !trace ? undefined : ctx.observe ? observedScratch() : new ScratchNode('definition', '', []);
    let periods: Period[] = [], current: Period;
    // a walk that starts again in date order forgets the first pass: its transitions, the
    // names it consulted and its memo (the plain fold's stepped items are the second pass's)
    const restart = () => {
      current = { value: startValue, from: startKey, ends: null, rule: 'initially', clauses: def.clauses };
      periods = [current];
      if (trace) { if (trace.children.length !== traced) trace.children.length = traced; consulted.clear(); afresh(ctx, env); }
    };
    // the definitions the rules consult, for coverage: gathered from the scratch trace of each item
    const consulted = new Set<string>();
    const gather = (nodes: TraceNode[]) => {
      for (const c of nodes) {
        if (c.kind === 'definition' || c.kind === 'ref') consulted.add(c.name);
        gather(c.children);
      }
    };
    /** Applies the first rule that holds for item i, starting a new period. */
    const step = (i: number) => {
      const k = keys[i]!;
      if (k < startKey) itemBeforeFault(def, zone, i, k, startKey);
      frame[variable] = items[i];
      frame.previous = current.value;
      frame.since = current.from;
      if (scratch) { scratch.children.length = 0; ctx.trace = scratch; }
      applyRules(k);
      if (scratch) gather(scratch.children);
    };
    const applyRules = (k: number) => {
      for (const r of rules) {
        if (r.whenFn(ctx, frame) !== true) continue;
        const next: Period = { value: r.thenFn(ctx, frame), from: k, ends: null, rule: r.name, clauses: r.clauses };
        current.ends = k;
        if (trace && !(trace instanceof ScratchNode)) {
          const text = (v: unknown) => String(enc(env, v, def.type));
          addLine(trace, new Line('transition', r.name, r.clauses, undefined, undefined, undefined, enc(env, next.value, def.type), undefined, `${show(k)}: ${text(current.value)} → ${text(next.value)} by rule ${r.name}`));
        }
        periods.push(next);
        current = next;
        return;
      }
    };
    const kept = trace ? apart(ctx) : undefined;
    try {
      if (scratch) ctx.trace = scratch;
      restart();
      if (only) for (const i of only) { keyOf(i); step(i); }
      else walkItems(n, keyOf, cmp, ties_, step, restart);
    } finally {
      if (trace) {
        restore(ctx, kept!);
        ctx.trace = trace;
        if (consulted.size) trace.consulted = [...consulted];
      }
    }
    return { periods } satisfies HistoryValue;
  };
}

/** The index of the period in force at `at`, or -1 before the history starts. */
export function periodIndex(periods: Period[], at: number): number {
  let lo = 0, hi = periods.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.from <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** A question asked of a history: current value, value or period at a time, every period. */
export function compileHistoryQuery(env: Env, e: Extract<Expr, { op: 'history' }>): Fn {
  const name = e.name;
  const def = env.artifact.definitions.find((d) => d.name === name);
  const keyKind = def?.history?.keyKind ?? 'day';
  const zone = env.artifact.program.zone;
  const args = (e.args ?? []).map((a) => compileExpr(env, a));
  const get = (ctx: Ctx, f: Frame) => (env.callables[name]!(ctx, args.map((a) => a(ctx, f))) as HistoryValue).periods;
  switch (e.query) {
    case 'current': return (ctx, f) => currentOf({ periods: get(ctx, f) });
    case 'periods': return (ctx, f) => get(ctx, f);
    default: {
      const at = compileExpr(env, e.at!);
      const toKey = keyKind === 'day' && e.atKind === 'ms' ? (v: number) => localDay(v, zone) : (v: number) => v;
      return (ctx, f) => {
        const periods = get(ctx, f);
        const t = toKey(at(ctx, f) as number);
        const i = periodIndex(periods, t);
        if (i < 0) return askedBeforeFault(name, keyKind, zone, t, periods[0]!.from, e.span);
        return e.query === 'value_at' ? periods[i]!.value : periods[i];
      };
    }
  }
}

/** The scratch of a walk an observer watches: recorded in full, so a line of its own with a list of its own (lines are pushed onto it directly). */
function observedScratch(): TraceNode {
  const n = new Line('definition', '', []);
  n.children = [];
  return n;
}
