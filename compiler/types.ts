/**
 * Type helpers for the checker: equality, display in plain words, and the
 * classification that picks a monomorphic comparison.
 */
import type { Ty } from '../runtime/ir.js';
import { sameType, isNumber } from '../runtime/ty.js';

export { sameType, isNumber, showType, cmpKindOf, isOrdered } from '../runtime/ty.js';

export const T = {
  percent: { k: 'percent' } as Ty,
  decimal: { k: 'decimal' } as Ty,
  integer: { k: 'integer' } as Ty,
  boolean: { k: 'boolean' } as Ty,
  text: { k: 'text' } as Ty,
  date: { k: 'date' } as Ty,
  instant: { k: 'instant' } as Ty,
  duration: { k: 'duration' } as Ty,
  eligibility: { k: 'eligibility' } as Ty,
  empty: { k: 'empty' } as Ty,
  error: { k: 'empty' } as Ty,
  money: (cur: string): Ty => ({ k: 'money', cur }),
  unit: (unit: string): Ty => ({ k: 'unit', unit }),
  list: (of: Ty): Ty => ({ k: 'list', of }),
  optional: (of: Ty): Ty => (of.k === 'optional' ? of : { k: 'optional', of }),
  interval: (of: Ty): Ty => ({ k: 'interval', of }),
};

/** True when a value of type `actual` may be used where `expected` is declared. */
export function assignable(actual: Ty, expected: Ty): boolean {
  if (sameType(actual, expected)) return true;
  if (actual.k === 'integer' && expected.k === 'decimal') return true;
  if (expected.k === 'optional') return assignable(actual, expected.of);
  if (actual.k === 'list' && expected.k === 'list') return assignable(actual.of, expected.of);
  if (actual.k === 'struct' && expected.k === 'struct') {
    return actual.fields.length === expected.fields.length &&
      actual.fields.every((f, i) => f.name === expected.fields[i]!.name && assignable(f.type, expected.fields[i]!.type));
  }
  return false;
}

/** The common type of two branches, or undefined when they do not agree. */
export function unify(a: Ty, b: Ty): Ty | undefined {
  if (a.k === 'empty') return b;
  if (b.k === 'empty') return a;
  if (sameType(a, b)) return a;
  if (isNumber(a) && isNumber(b)) return T.decimal;
  if (a.k === 'optional' && assignable(b, a.of)) return a;
  if (b.k === 'optional' && assignable(a, b.of)) return b;
  if (a.k === 'list' && b.k === 'list') { const u = unify(a.of, b.of); return u ? T.list(u) : undefined; }
  return undefined;
}

