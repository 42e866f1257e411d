/**
 * Compiles conversions through a declared rate and proportional splits. Amounts of a unit
 * are plain decimals at run time (the unit lives in the type), so only these two need code.
 */
import type { Expr } from '../ir.js';
import { Dec } from '../values/decimal.js';
import { fault } from '../errors.js';
import { type Fn, type Env, type D } from './common.js';
import { compileExpr } from '../compile-ir.js';

/** The most shares one split may make: a list longer than this is a mistake, not a split. */
export const MAX_SHARES = 100_000;

/** `x as RUB`: x × num / den, rounded as the program rounds money when the result is money. */
export function compileConvert(env: Env, e: Extract<Expr, { op: 'convert' }>): Fn {
  const v = compileExpr(env, e.value);
  const num = new Dec(e.num), den = new Dec(e.den);
  const rm = env.rm;
  const scale = e.scale;
  return (ctx, f) => {
    const x = (v(ctx, f) as D).times(num).div(den);
    return scale === undefined ? x : x.toDecimalPlaces(scale, rm);
  };
}

/** `split x into n shares` / `split x by weights`, in multiples of `step`, adding up to x exactly. */
export function compileSplit(env: Env, e: Extract<Expr, { op: 'split' }>): Fn {
  const v = compileExpr(env, e.value);
  const count = e.count ? compileExpr(env, e.count) : undefined;
  const weights = e.weights ? compileExpr(env, e.weights) : undefined;
  const step = new Dec(e.step);
  return (ctx, f) => {
    const total = v(ctx, f) as D;
    const ws: D[] = count ? equalWeights(count(ctx, f) as D, e) : (weights!(ctx, f) as D[]);
    return splitShares(total, ws, step, e.remainder, e.span);
  };
}

function equalWeights(n: D, e: Extract<Expr, { op: 'split' }>): D[] {
  if (!n.isInteger() || n.lte(0) || n.gt(MAX_SHARES)) fault('RB-E-SPLIT', `A split needs from 1 to ${MAX_SHARES} shares, not ${n.toString()}.`, e.span);
  return Array.from({ length: n.toNumber() }, () => new Dec(1));
}

/**
 * The shares of `total` in proportion to `weights`: each share is rounded down to a whole
 * number of steps, then the steps left over go one each to the shares the rule names
 * (`largest`: the largest fractional parts, earlier shares first on a tie).
 */
export function splitShares(total: D, weights: D[], step: D, remainder: 'first' | 'last' | 'largest', span?: [number, number, number, number]): D[] {
  if (weights.length === 0 || weights.length > MAX_SHARES) fault('RB-E-SPLIT', `A split needs from 1 to ${MAX_SHARES} weights, not ${weights.length}.`, span);
  if (weights.some((w) => w.isNeg())) fault('RB-E-SPLIT', 'A weight of a split is negative; weights are zero or more.', span);
  const sum = weights.reduce((a, b) => a.plus(b), new Dec(0));
  if (sum.isZero()) fault('RB-E-SPLIT', 'The weights of a split add up to zero, so no share can be computed.', span);
  const steps = total.abs().div(step);
  if (!steps.isInteger()) fault('RB-E-SPLIT', `${total.toString()} is not a whole number of steps of ${step.toString()}, so its shares cannot add up to it exactly; give a finer step.`, span);
  const exact = weights.map((w) => steps.times(w).div(sum));
  const base = exact.map((x) => x.floor());
  let left = steps.minus(base.reduce((a, b) => a.plus(b), new Dec(0))).toNumber();
  const order = weights.map((_, i) => i);
  if (remainder === 'last') order.reverse();
  if (remainder === 'largest') order.sort((a, b) => exact[b]!.minus(base[b]!).cmp(exact[a]!.minus(base[a]!)) || a - b);
  // only shares with a weight take a step: a zero weight gets nothing
  for (const i of order) { if (left <= 0) break; if (weights[i]!.isZero()) continue; base[i] = base[i]!.plus(1); left--; }
  const sign = total.isNeg() ? -1 : 1;
  return base.map((b) => b.times(step).times(sign));
}
