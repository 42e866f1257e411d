/**
 * Compiles ledgers: lots consumed by draws. Draws are sorted once by (day, key) and lots
 * once by their first day; one pass then activates lots as the days advance and takes from
 * a heap ordered by the policy (earliest expiry, or first in), dropping a lot lazily when it
 * has expired, been cancelled or run out. O((n + m) log(n + m)) for n lots and m draws.
 *
 * Lots, draws and takes are kept as columns (one array per field, indexed by list position;
 * days in typed arrays, outside the collected heap), not as an object each: on ten thousand
 * of them, what the garbage collector copied and the processor fetched from memory was most
 * of the time, and grew faster than the count.
 */
import type { Definition, Expr, CmpKind } from '../ir.js';
import { Dec, ZERO, compareDec, isPositive } from '../values/decimal.js';
import { dottedDate } from '../values/calendar-date.js';
import { compareBy, enc, leafTrace, type Fn, type Env, type D, type Ctx, type Frame } from './common.js';
import { compileExpr } from '../compile-ir.js';
import { formatValue } from '../explain.js';
import { Line, addLine } from '../trace.js';

/** The lots of one evaluation, column by column (days: never cancelled is +∞); `remaining` changes as draws take. */
interface Lots { key: unknown[]; amount: D[]; from: Float64Array; until: Float64Array; cancelled: Float64Array; remaining: D[] }
/** The first `count` takes of one evaluation in time order, as columns: `ledger on d` replays them. */
interface Takes { count: number; lot: Int32Array; day: Float64Array; amount: D[] }

/** Where a ledger's result keeps what `ledger on d` needs (not part of its JSON form). */
const LOTS = Symbol('ledger lots');
interface Kept { lots: Lots; takes: Takes }

/** A binary heap of lot positions ordered by `before` (a min-heap). */
class Heap {
  private items: number[] = [];
  constructor(private readonly before: (a: number, b: number) => boolean) {}
  get size(): number { return this.items.length; }
  peek(): number { return this.items[0]!; }
  push(x: number): void {
    const a = this.items; a.push(x);
    let i = a.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!this.before(a[i]!, a[p]!)) break; const t = a[i]!; a[i] = a[p]!; a[p] = t; i = p; }
  }
  pop(): number | undefined {
    const a = this.items; const top = a[0]; const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1; let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        const t = a[i]!; a[i] = a[m]!; a[m] = t; i = m;
      }
    }
    return top;
  }
}

/** Compiles a `ledger` definition: its value lists each draw with the lots it took from, and each lot's use. */
export function compileLedger(env: Env, def: Definition): Fn {
  const L = def.ledger!;
  const f = (e: Expr) => compileExpr(env, e);
  const lot = { source: f(L.lots.source), amount: f(L.lots.amount), from: f(L.lots.from), until: f(L.lots.until), key: f(L.lots.key), cancelled: L.lots.cancelled ? f(L.lots.cancelled) : undefined };
  const draw = { source: f(L.draws.source), amount: f(L.draws.amount), on: f(L.draws.on), key: f(L.draws.key), limit: L.draws.limit ? f(L.draws.limit) : undefined };
  const byKey = (kind: CmpKind) => (a: unknown, b: unknown) => compareBy(kind, a, b);
  const lotKey = byKey(L.lots.keyKind), drawKey = byKey(L.draws.keyKind);
  const amountType = def.type.k === 'struct' ? (def.type.fields[1]!.type as { of: { fields: { type: import('../ir.js').Ty }[] } }).of.fields[1]!.type : def.type;
  return (ctx, frame) => {
    // one frame per side, its variable set to each item in turn: the closures read it at once
    const lotList = lot.source(ctx, frame) as unknown[], n = lotList.length;
    const lots: Lots = { key: new Array(n), amount: new Array(n), from: new Float64Array(n), until: new Float64Array(n), cancelled: new Float64Array(n), remaining: new Array(n) };
    const lf = ownFrame(frame);
    for (let i = 0; i < n; i++) {
      lf[L.lots.variable] = lotList[i];
      const amount = lot.amount(ctx, lf) as D;
      const c = lot.cancelled ? (lot.cancelled(ctx, lf) as number | null) : null;
      lots.key[i] = lot.key(ctx, lf); lots.amount[i] = amount; lots.remaining[i] = amount; lots.cancelled[i] = c ?? Infinity;
      lots.from[i] = lot.from(ctx, lf) as number; lots.until[i] = lot.until(ctx, lf) as number;
    }
    const drawList = draw.source(ctx, frame) as unknown[], m = drawList.length;
    const dKey = new Array<unknown>(m), dOn = new Float64Array(m), dRequested = new Array<D>(m), dCap = new Array<D>(m);
    const df = ownFrame(frame);
    for (let i = 0; i < m; i++) {
      df[L.draws.variable] = drawList[i];
      const requested = draw.amount(ctx, df) as D;
      const limit = draw.limit ? (draw.limit(ctx, df) as D) : requested;
      // no Dec.min/max: each copies both arguments, and a ledger makes thousands of caps
      const least = compareDec(limit, requested) < 0 ? limit : requested;
      dRequested[i] = requested; dCap[i] = isPositive(least) ? least : ZERO;
      dKey[i] = draw.key(ctx, df); dOn[i] = draw.on(ctx, df) as number;
    }
    const { from, until, cancelled, remaining } = lots;
    const before = L.policy === 'earliest_expiry'
      ? (a: number, b: number) => (until[a]! - until[b]! || from[a]! - from[b]! || lotKey(lots.key[a], lots.key[b]) || a - b) < 0
      : (a: number, b: number) => (from[a]! - from[b]! || lotKey(lots.key[a], lots.key[b]) || a - b) < 0;
    const byFrom = positions(n).sort((a, b) => from[a]! - from[b]! || a - b);
    const order = positions(m).sort((a, b) => dOn[a]! - dOn[b]! || drawKey(dKey[a], dKey[b]) || a - b);
    const heap = new Heap(before);
    const results = new Array<Record<string, unknown>>(m);
    // a take empties a lot or ends a draw: at most n + m of them
    const takes: Takes = { count: 0, lot: new Int32Array(n + m), day: new Float64Array(n + m), amount: new Array<D>(n + m) };
    // the loop allocates as little as it can: a take empties the draw or the lot, whose
    // amount becomes ZERO rather than a subtraction; `used` is copied out at its exact size
    const scratch: Record<string, unknown>[] = [];
    let next = 0;
    for (const d of order) {
      const on = dOn[d]!, cap = dCap[d]!;
      while (next < n && from[byFrom[next]!]! <= on) heap.push(byFrom[next++]!);
      let want = cap;
      scratch.length = 0;
      while (isPositive(want) && heap.size) {
        const top = heap.peek();
        // gone for good: draws only move forward in time
        if (until[top]! < on || cancelled[top]! <= on || !isPositive(remaining[top]!)) { heap.pop(); continue; }
        const all = compareDec(remaining[top]!, want) <= 0;
        const take = all ? remaining[top]! : want;
        remaining[top] = all ? ZERO : remaining[top]!.minus(take);
        want = all ? want.minus(take) : ZERO;
        const t = takes.count++;
        takes.lot[t] = top; takes.day[t] = on; takes.amount[t] = take;
        scratch.push({ lot: lots.key[top], amount: take });
        if (all) heap.pop();
      }
      const taken = want === ZERO ? cap : want === cap ? ZERO : cap.minus(want);
      const used = scratch.slice();
      results[d] = { key: dKey[d], on, requested: dRequested[d], taken, lots: used };
      const lt = leafTrace(ctx);
      if (lt) {
        // a line of its own (not a table's row: no "matched", no row coverage), amounts as the explanation writes them
        const text = (v: unknown) => formatValue(enc(env, v, amountType));
        const took = used.map((u) => `${String(u.lot)} (${text(u.amount)})`).join(', ') || 'no lot';
        const name = `draw ${String(dKey[d])}`;
        addLine(lt, new Line('transition', name, def.clauses, undefined, undefined, undefined, undefined, undefined, `${name} on ${dottedDate(on)}: took ${text(taken)} of ${text(dRequested[d])} from ${took}`));
      }
    }
    const lotResults = new Array<Record<string, unknown>>(n);
    for (let i = 0; i < n; i++) {
      const amount = lots.amount[i]!, left = remaining[i]!;
      const used = left === ZERO ? amount : left === amount ? ZERO : amount.minus(left);
      lotResults[i] = { key: lots.key[i], amount, from: from[i], until: until[i], used, unused: left, cancelled: cancelled[i] !== Infinity };
    }
    const kept: Kept = { lots, takes };
    return { draws: results, lots: lotResults, [LOTS]: kept };
  };
}

/**
 * A copy of a frame for one side's variable. Not `Object.create(frame)`: that makes the
 * caller's frame, a new object on each evaluation, a prototype, which V8 reshapes at a
 * cost, and every property read through it then met a new shape (a fifth of a small
 * ledger's time). The caller's frame does not change while the ledger is computed.
 */
function ownFrame(frame: Frame): Frame {
  const out: Frame = Object.create(null) as Frame;
  for (const k in frame) out[k] = frame[k];
  return out;
}

/** 0, 1, … n - 1: the positions of a list, to sort instead of its items. */
function positions(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** `ledger on d`: what the lots available on day d still hold after the draws up to d. */
export function compileLedgerBalance(env: Env, e: Extract<Expr, { op: 'ledger_balance' }>): Fn {
  const at = compileExpr(env, e.at);
  const name = e.name;
  return (ctx: Ctx, f: Frame) => {
    const { lots, takes } = (env.callables[name]!(ctx, []) as { [LOTS]: Kept })[LOTS];
    const day = at(ctx, f) as number;
    // each lot's takes up to d, subtracted in the order they were made
    const left = lots.amount.slice();
    for (let t = 0; t < takes.count; t++) if (takes.day[t]! <= day) left[takes.lot[t]!] = left[takes.lot[t]!]!.minus(takes.amount[t]!);
    let total = new Dec(0);
    for (let i = 0; i < left.length; i++) {
      if (lots.from[i]! > day || lots.until[i]! < day || lots.cancelled[i]! <= day) continue;
      total = total.plus(left[i]!);
    }
    return total;
  };
}
