/**
 * Artifact validation of the quantity operations (conversions through a declared rate,
 * proportional splits), called by runtime/validate-artifact.ts: a tampered rate or step is
 * refused at load with its path, never met during an evaluation.
 */
import type { Expr } from './ir.js';
import { MAX_DIGITS, digitCount } from './values/limits.js';
import { isCurrency } from './values/currencies.js';
import { onlyPartFields, PART_FIELDS } from './validate/keys.js';

const POSITIVE = /^\d+(\.\d+)?$/;

/** Names of the quantity operations this module validates. */
export const QUANTITY_OPS = ['convert', 'convert_money', 'split', 'ledger_balance'] as const;

/**
 * Validates one quantity operation: `sub` validates a sub-expression by key, `fail`
 * refuses with a path. Returns false for other operations.
 */
export function validateQuantityExpr(e: Expr, path: string, sub: (x: Expr | undefined, key: string) => void, fail: (path: string, message: string) => never): boolean {
  const positive = (v: unknown, key: string) => {
    if (typeof v !== 'string' || !POSITIVE.test(v) || digitCount(v) > MAX_DIGITS || Number(v) === 0) fail(`${path}.${key}`, 'must be a number more than zero');
  };
  switch (e.op) {
    case 'convert':
      positive(e.num, 'num'); positive(e.den, 'den');
      if (e.scale !== undefined && !(Number.isInteger(e.scale) && e.scale >= 0 && e.scale <= 20)) fail(`${path}.scale`, 'must be a whole number from 0 to 20');
      if (typeof e.from !== 'string' || typeof e.to !== 'string') fail(path, 'must name the units it converts between');
      if (!Array.isArray(e.clauses) || !e.clauses.every((c) => typeof c === 'string')) fail(`${path}.clauses`, 'must be a list of clauses');
      sub(e.value, 'value');
      return true;
    case 'convert_money': {
      if (e.scale === undefined || !(Number.isInteger(e.scale) && e.scale >= 0 && e.scale <= 20)) fail(`${path}.scale`, 'must be a whole number from 0 to 20');
      if (!isCurrency(e.to)) fail(`${path}.to`, 'is not an ISO 4217 currency');
      if (!e.multi && (typeof e.from !== 'string' || !isCurrency(e.from))) fail(`${path}.from`, 'is not an ISO 4217 currency');
      if (!e.routes || typeof e.routes !== 'object') fail(`${path}.routes`, 'must be an object');
      for (const [cur, r] of Object.entries(e.routes)) {
        const rp = `${path}.routes.${cur}`;
        if (!isCurrency(cur)) fail(rp, 'is not an ISO 4217 currency');
        onlyPartFields(r, r && typeof r === 'object' && 'num' in r ? PART_FIELDS.fixedRoute : PART_FIELDS.rateRoute, rp, 'a route of a conversion');
        if ('num' in r) { positive(r.num, `routes.${cur}.num`); positive(r.den, `routes.${cur}.den`); } else { if (typeof r.invert !== 'boolean') fail(`${rp}.invert`, 'must be true or false'); sub(r.rate, `routes.${cur}.rate`); }
      }
      sub(e.value, 'value');
      return true;
    }
    case 'split':
      positive(e.step, 'step');
      if (!['first', 'last', 'largest'].includes(e.remainder)) fail(`${path}.remainder`, 'must be first, last or largest');
      if ((e.count === undefined) === (e.weights === undefined)) fail(path, 'must have either a count or weights');
      sub(e.value, 'value');
      if (e.count) sub(e.count, 'count');
      if (e.weights) sub(e.weights, 'weights');
      return true;
    default:
      return false;
  }
}
