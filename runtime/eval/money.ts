/**
 * Compiles conversions of money between currencies (`x as USD`, `x as USD on d`): each
 * source currency has its declared route, a fixed rate or a rate read from a dated table
 * (a missing row stops the evaluation with RB-E-NO-DATED-ROW and the input's path).
 */
import type { Expr } from '../ir.js';
import { Dec } from '../values/decimal.js';
import { fault } from '../errors.js';
import { enc, leafTrace, type Fn, type Env, type D } from './common.js';
import { compileExpr } from '../compile-ir.js';
import { Line, addLine } from '../trace.js';

/** A compiled route: the amount in the target currency, before rounding. */
type Route = (amount: D, ctx: Parameters<Fn>[0], f: Parameters<Fn>[1]) => D;

/** `x as USD [on d]`: the amount converted by the route of its currency, rounded as the program rounds money. */
export function compileConvertMoney(env: Env, e: Extract<Expr, { op: 'convert_money' }>): Fn {
  const v = compileExpr(env, e.value);
  const routes = new Map<string, { run: Route; clauses: string[] }>();
  for (const [cur, r] of Object.entries(e.routes)) {
    if ('num' in r) {
      const num = new Dec(r.num), den = new Dec(r.den);
      routes.set(cur, { run: (a) => a.times(num).div(den), clauses: r.clauses });
    } else {
      const rate = compileExpr(env, r.rate);
      const invert = r.invert;
      routes.set(cur, {
        run: (a, ctx, f) => {
          const x = rate(ctx, f) as D;
          if (!x.gt(0)) fault('RB-E-NO-RATE', `The rate of ${cur} in ${e.to} is ${x.toString()}; a rate must be more than zero.`, e.span);
          return invert ? a.div(x) : a.times(x);
        },
        clauses: r.clauses,
      });
    }
  }
  const scale = e.scale, rm = env.rm, to = e.to;
  return (ctx, f) => {
    const x = v(ctx, f);
    const amount = e.multi ? (x as { a: D }).a : (x as D);
    const cur = e.multi ? (x as { c: string }).c : e.from!;
    if (cur === to) return amount;
    const route = routes.get(cur) ?? fault('RB-E-NO-RATE', `No rate converts ${cur} to ${to}.`, e.span);
    const out = route.run(amount, ctx, f).toDecimalPlaces(scale, rm);
    { const lt = leafTrace(ctx); if (lt) addLine(lt, new Line('row', `${cur} converted to ${to}`, route.clauses, undefined, undefined, undefined, enc(env, out, { k: 'money', cur: to }), true)); }
    return out;
  };
}
