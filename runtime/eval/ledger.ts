/**
 * Compiles ledgers: lots consumed by draws. Draws are sorted once by (day, key) and lots
 * once by their first day; one pass then activates lots as the days advance and takes from
 * a heap ordered by the policy (earliest expiry, or first in), dropping a lot lazily when it
 * has expired, been cancelled or run out. O((n + m) log(n + m)) for n lots and m draws.
 */
import type { Definition, Expr, CmpKind } from '../ir.js';
import { Dec } from '../values/decimal.js';
import { dottedDate } from '../values/calendar-date.js';
import { compareBy, enc, type Fn, type Env, type D, type Ctx, type Frame } from './common.js';
import { compileExpr } from '../compile-ir.js';

interface Lot { key: unknown; amount: D; from: number; until: number; cancelled: number | null; remaining: D; index: number; takes: { day: number; amount: D }[] }
interface Draw { key: unknown; on: number; requested: D; cap: D; index: number }

/** Where a ledger's result keeps what `ledger on d` needs (not part of its JSON form). */
const LOTS = Symbol('ledger lots');

/** A binary heap ordered by `before` (a min-heap). */
class Heap<T> {
  private items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}
  get size(): number { return this.items.length; }
  peek(): T | undefined { return this.items[0]; }
  push(x: T): void {
    const a = this.items; a.push(x);
    let i = a.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!this.before(a[i]!, a[p]!)) break; [a[i], a[p]] = [a[p]!, a[i]!]; i = p; }
  }
  pop(): T | undefined {
    const a = this.items; const top = a[0]; const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1; let m = i;
        if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
        if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m]!, a[i]!]; i = m;
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
  const before = L.policy === 'earliest_expiry'
    ? (a: Lot, b: Lot) => (a.until - b.until || a.from - b.from || lotKey(a.key, b.key) || a.index - b.index) < 0
    : (a: Lot, b: Lot) => (a.from - b.from || lotKey(a.key, b.key) || a.index - b.index) < 0;
  const zero = new Dec(0);
  const amountType = def.type.k === 'struct' ? (def.type.fields[1]!.type as { of: { fields: { type: import('../ir.js').Ty }[] } }).of.fields[1]!.type : def.type;
  return (ctx, frame) => {
    // one frame per side, its variable set to each item in turn: the closures read it at once
    const each = <T>(list: unknown[], variable: string, make: (inner: Frame, i: number) => T): T[] => {
      const inner: Frame = Object.create(frame) as Frame;
      const out = new Array<T>(list.length);
      for (let i = 0; i < list.length; i++) { inner[variable] = list[i]; out[i] = make(inner, i); }
      return out;
    };
    const lots = each(lot.source(ctx, frame) as unknown[], L.lots.variable, (fr, i): Lot => {
      const amount = lot.amount(ctx, fr) as D;
      const c = lot.cancelled ? (lot.cancelled(ctx, fr) as number | null) : null;
      return { key: lot.key(ctx, fr), amount, from: lot.from(ctx, fr) as number, until: lot.until(ctx, fr) as number, cancelled: c ?? null, remaining: amount, index: i, takes: [] };
    });
    const draws = each(draw.source(ctx, frame) as unknown[], L.draws.variable, (fr, i): Draw => {
      const requested = draw.amount(ctx, fr) as D;
      const limit = draw.limit ? (draw.limit(ctx, fr) as D) : requested;
      const cap = Dec.max(zero, Dec.min(requested, limit));
      return { key: draw.key(ctx, fr), on: draw.on(ctx, fr) as number, requested, cap, index: i };
    });
    const byFrom = [...lots].sort((a, b) => a.from - b.from || a.index - b.index);
    const order = [...draws].sort((a, b) => a.on - b.on || drawKey(a.key, b.key) || a.index - b.index);
    const heap = new Heap<Lot>(before);
    const results = new Array<Record<string, unknown>>(draws.length);
    let next = 0;
    for (const d of order) {
      while (next < byFrom.length && byFrom[next]!.from <= d.on) heap.push(byFrom[next++]!);
      let want = d.cap;
      const used: Record<string, unknown>[] = [];
      while (want.gt(0) && heap.size) {
        const top = heap.peek()!;
        // gone for good: draws only move forward in time
        if (top.until < d.on || (top.cancelled !== null && top.cancelled <= d.on) || !top.remaining.gt(0)) { heap.pop(); continue; }
        const take = Dec.min(want, top.remaining);
        top.remaining = top.remaining.minus(take);
        top.takes.push({ day: d.on, amount: take });
        want = want.minus(take);
        used.push({ lot: top.key, amount: take });
        if (!top.remaining.gt(0)) heap.pop();
      }
      const taken = d.cap.minus(want);
      results[d.index] = { key: d.key, on: d.on, requested: d.requested, taken, lots: used };
      if (ctx.trace) {
        const from = used.map((u) => `${String(u.lot)} (${String(enc(env, u.amount, amountType))})`).join(', ') || 'no lot';
        ctx.trace.children.push({ kind: 'row', name: `draw ${String(d.key)} on ${dottedDate(d.on)}: took ${String(enc(env, taken, amountType))} of ${String(enc(env, d.requested, amountType))} from ${from}`, clauses: def.clauses, passed: true, children: [] });
      }
    }
    const lotResults = lots.map((l) => ({ key: l.key, amount: l.amount, from: l.from, until: l.until, used: l.amount.minus(l.remaining), unused: l.remaining, cancelled: l.cancelled !== null }));
    return { draws: results, lots: lotResults, [LOTS]: lots };
  };
}

/** `ledger on d`: what the lots available on day d still hold after the draws up to d. */
export function compileLedgerBalance(env: Env, e: Extract<Expr, { op: 'ledger_balance' }>): Fn {
  const at = compileExpr(env, e.at);
  const name = e.name;
  return (ctx: Ctx, f: Frame) => {
    const value = env.callables[name]!(ctx, []) as { [LOTS]: Lot[] };
    const day = at(ctx, f) as number;
    let total = new Dec(0);
    for (const l of value[LOTS]) {
      if (l.from > day || l.until < day || (l.cancelled !== null && l.cancelled <= day)) continue;
      let left = l.amount;
      for (const t of l.takes) if (t.day <= day) left = left.minus(t.amount);
      total = total.plus(left);
    }
    return total;
  };
}
