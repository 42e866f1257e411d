/**
 * Helpers on the types of values (ir.ts's `Ty`) that the compiler's checker and the
 * runtime's artifact type check share: equality, display in plain words, and the
 * classification that picks a monomorphic comparison. Only the runtime's own modules are
 * imported, so the runtime stays independent of the compiler.
 */
import type { Ty, CmpKind } from './ir.js';

/** Structural equality of types. `empty` (an empty list, an error) fits anything. */
export function sameType(a: Ty, b: Ty): boolean {
  if (a.k === 'empty' || b.k === 'empty') return true;
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'money': return a.cur === (b as typeof a).cur;
    case 'unit': return a.unit === (b as typeof a).unit;
    case 'money_of': return a.curs.join() === (b as typeof a).curs.join();
    case 'enum': case 'record': return a.name === (b as typeof a).name;
    case 'list': case 'optional': case 'interval': return sameType(a.of, (b as typeof a).of);
    case 'struct': {
      const bf = (b as typeof a).fields;
      return a.fields.length === bf.length && a.fields.every((f, i) => f.name === bf[i]!.name && sameType(f.type, bf[i]!.type));
    }
    default: return true;
  }
}

export function isNumber(t: Ty): boolean { return t.k === 'integer' || t.k === 'decimal'; }

/** Plain-words name of a type for messages: "money in RUB", "a list of Purchase". */
export function showType(t: Ty): string {
  switch (t.k) {
    case 'money': return `money in ${t.cur}`;
    case 'unit': return `an amount in ${t.unit}`;
    case 'money_of': return `money in ${t.curs.join(' or ')}`;
    case 'percent': return 'a percentage';
    case 'decimal': return 'a number';
    case 'integer': return 'a whole number';
    case 'boolean': return 'yes/no';
    case 'text': return 'text';
    case 'date': return 'a date';
    case 'instant': return 'an instant (date and time)';
    case 'duration': return 'a duration';
    case 'enum': return `a ${t.name}`;
    case 'record': return `a ${t.name}`;
    case 'struct': return `a record {${t.fields.map((f) => f.name).join(', ')}}`;
    case 'list': return `a list of ${showType(t.of).replace(/^an? /, '')}`;
    case 'optional': return `an optional ${showType(t.of).replace(/^an? /, '')}`;
    case 'interval': return `an interval of ${showType(t.of).replace(/^an? /, '')}s`;
    case 'eligibility': return 'an eligibility result';
    case 'empty': return 'nothing';
  }
}

/** The comparison a type uses at run time, or undefined when values of it cannot be ordered. */
export function cmpKindOf(t: Ty): CmpKind | undefined {
  switch (t.k) {
    case 'money': case 'unit': case 'percent': case 'decimal': case 'integer': return 'num';
    case 'date': return 'day';
    case 'instant': return 'ms';
    case 'text': case 'enum': return 'str';
    case 'boolean': return 'bool';
    default: return undefined;
  }
}

/** True for types whose values can be put in order (<, >, before, after). */
export function isOrdered(t: Ty): boolean {
  return ['money', 'unit', 'percent', 'decimal', 'integer', 'date', 'instant', 'text'].includes(t.k);
}
