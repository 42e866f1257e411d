/** Compiles aggregates over lists: one pass per aggregate, the variable bound in the frame. */
import type { Expr } from '../ir.js';
import { Dec, ZERO, isDec } from '../values/decimal.js';
import { compareBy, spend, type Ctx, type Frame, type Fn, type Env, type D } from './common.js';
import { compileExpr } from '../compile-ir.js';

/** Compiles an aggregate: one pass over the list with the variable bound in the frame. */
export function compileAggregate(env: Env, e: Extract<Expr, { op: 'agg' }>): Fn {
  const list = compileExpr(env, e.list);
  const where = e.where ? compileExpr(env, e.where) : undefined;
  const value = e.value ? compileExpr(env, e.value) : undefined;
  const name = e.variable;
  const vk = e.valueKind ?? 'num';
  /** Calls `visit` for each item passing the filter, with the variable bound; stops when visit returns false. */
  const each = (ctx: Ctx, f: Frame, visit: (item: unknown) => boolean | void): void => {
    const items = list(ctx, f) as unknown[];
    spend(ctx, items.length);
    const saved = f[name];
    try {
      for (const item of items) {
        f[name] = item;
        if (where && where(ctx, f) !== true) continue;
        if (visit(item) === false) break;
      }
    } finally {
      f[name] = saved;
    }
  };
  switch (e.kind) {
    case 'count': return (ctx, f) => { let n = 0; each(ctx, f, () => { n++; }); return new Dec(n); };
    case 'exists': return (ctx, f) => { let found = false; each(ctx, f, () => { found = true; return false; }); return found; };
    case 'none': return (ctx, f) => { let found = false; each(ctx, f, () => { found = true; return false; }); return !found; };
    case 'every': return (ctx, f) => { let ok = true; each(ctx, f, () => { if (value!(ctx, f) !== true) { ok = false; return false; } return true; }); return ok; };
    case 'filter': return (ctx, f) => { const out: unknown[] = []; each(ctx, f, (item) => { out.push(item); }); return out; };
    case 'map': return (ctx, f) => { const out: unknown[] = []; each(ctx, f, () => { out.push(value!(ctx, f)); }); return out; };
    case 'sum': return (ctx, f) => { let s: D = ZERO; each(ctx, f, () => { s = s.plus(value!(ctx, f) as D); }); return s; };
    case 'distinct_count': return (ctx, f) => {
      const seen = new Set<string>();
      each(ctx, f, () => { const v = value!(ctx, f); seen.add(isDec(v) ? v.toString() : String(v)); });
      return new Dec(seen.size);
    };
    case 'minimum': case 'maximum': case 'earliest': case 'latest': {
      const sign = e.kind === 'minimum' || e.kind === 'earliest' ? -1 : 1;
      const returnsItem = e.kind === 'earliest' || e.kind === 'latest';
      // a tie-breaker orders items with equal values the same way (earliest: smallest first)
      const tie = e.tie ? compileExpr(env, e.tie) : undefined;
      const tk = e.tieKind ?? 'num';
      return (ctx, f) => {
        let best: unknown = null, bestKey: unknown = null, bestTie: unknown = null;
        each(ctx, f, (item) => {
          const k = value!(ctx, f);
          const c = bestKey === null ? 1 : compareBy(vk, k, bestKey) * sign;
          if (c > 0) { best = item; bestKey = k; bestTie = tie ? tie(ctx, f) : null; return; }
          if (c === 0 && tie) {
            const t = tie(ctx, f);
            if (compareBy(tk, t, bestTie) * sign > 0) { best = item; bestTie = t; }
          }
        });
        return returnsItem ? best : bestKey;
      };
    }
  }
}

/** `item n of L`: counted from 1; absent for a position outside the list. */
export function compileItem(env: Env, e: Extract<Expr, { op: 'item' }>): Fn {
  const index = compileExpr(env, e.index), list = compileExpr(env, e.list);
  return (ctx, f) => {
    const n = (index(ctx, f) as D).toNumber();
    const items = list(ctx, f) as unknown[];
    return Number.isInteger(n) && n >= 1 && n <= items.length ? items[n - 1] : null;
  };
}
