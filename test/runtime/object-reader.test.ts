/**
 * The generated object reader (runtime/values/record.ts `objectReader`) against the check it
 * replaces, written plainly here: every enumerable key (own or inherited, as for-in sees
 * them) must be a field, and each field is read when it is an own property (`Object.hasOwn`),
 * else it is absent. Objects are generated with unknown keys, `__proto__` and `constructor`
 * as JSON.parse makes them, inherited fields (enumerable or not), own fields that are not
 * enumerable, fields present with the value undefined, getters, and records of more than
 * 30 fields (the reader keeps one bit per field in 30-bit words). Both must give the same
 * answer and call the field decoders with the same values in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectReader } from '../../runtime/values/record.js';

const BAD = Symbol('bad');
type Decode = (v: unknown) => unknown;

/** The check objectReader replaced: for-in over known names, then `hasOwn` per field, in order. */
function referenceRead(v: unknown, names: string[], required: boolean[], decoders: Decode[]): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return BAD;
  for (const key in v) if (!names.includes(key)) return BAD;
  const out: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const x = Object.hasOwn(v, names[i]!) ? decoders[i]!((v as Record<string, unknown>)[names[i]!]) : required[i] ? BAD : decoders[i]!(null);
    if (x === BAD) return BAD;
    out[names[i]!] = x;
  }
  return out;
}

/** Decoders that log each call (field, value) and refuse the value 'bad'. */
function loggingDecoders(n: number, log: unknown[]): Decode[] {
  return Array.from({ length: n }, (_, i) => (v: unknown) => { log.push([i, v]); return v === 'bad' ? BAD : { field: i, value: v }; });
}

const VALUES = [1, 'x', 'bad', null, undefined, { nested: true }];
/** Keys outside every field list: an unknown name, prototype names, and the JSON.parse `__proto__` key. */
const STRANGERS = ['zzz', '__proto__', 'constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** How one key of the generated object is made. */
const HOW = ['own', 'own', 'own', 'hidden', 'inherited', 'inheritedHidden', 'getter'] as const;
type How = (typeof HOW)[number];

/** An object from its keys: own enumerable fields are made as JSON.parse makes them (`__proto__` an own key). */
function build(entries: [string, unknown, How][], kind: 'plain' | 'nullProto' | 'array'): unknown {
  const proto: object = kind === 'nullProto' ? Object.create(null) : Object.create(Object.prototype);
  const o: Record<string, unknown> = kind === 'array' ? (Object.setPrototypeOf([], proto) as Record<string, unknown>) : Object.create(proto);
  for (const [key, value, how] of entries) {
    if (how === 'own') Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
    else if (how === 'hidden') Object.defineProperty(o, key, { value, enumerable: false, writable: true, configurable: true });
    else if (how === 'getter') Object.defineProperty(o, key, { get: () => value, enumerable: true, configurable: true });
    else Object.defineProperty(proto, key, { value, enumerable: how === 'inherited', writable: true, configurable: true });
  }
  return o;
}

/** A record type (names, required) and an object made partly of its fields. */
const caseArb = fc.integer({ min: 1, max: 40 }).chain((n) => {
  // fields named like Object.prototype's own properties too: a lookup on the prototype must not count as present
  const names = Array.from({ length: n }, (_, i) => (i === 1 ? 'constructor' : i === 2 ? 'toString' : `f${i}`));
  const key = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...STRANGERS.filter((s) => !names.includes(s))) });
  return fc.record({
    names: fc.constant(names),
    required: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    entries: fc.uniqueArray(fc.tuple(key, fc.constantFrom(...VALUES), fc.constantFrom(...HOW)), { selector: (e) => e[0], maxLength: n + 2 }),
    kind: fc.constantFrom('plain', 'plain', 'plain', 'nullProto', 'array') as fc.Arbitrary<'plain' | 'nullProto' | 'array'>,
  });
});

describe('objectReader', () => {
  it('answers as the for-in and hasOwn check on generated objects, calling the decoders alike', () => {
    fc.assert(fc.property(caseArb, ({ names, required, entries, kind }) => {
      const logFast: unknown[] = [], logRef: unknown[] = [];
      const read = objectReader(names, required, loggingDecoders(names.length, logFast), BAD);
      const v = build(entries, kind);
      const got = read(v), want = referenceRead(v, names, required, loggingDecoders(names.length, logRef));
      if (want === BAD) expect(got).toBe(BAD);
      else expect({ ...(got as object) }).toEqual(want);
      expect(logFast).toEqual(logRef);
    }), { seed: 20251201, numRuns: 3000 });
  });

  it('reads the fields of a JSON.parse object, and refuses its __proto__ and constructor keys', () => {
    const read = objectReader(['a', 'b'], [true, false], [(v) => v, (v) => v], BAD);
    expect({ ...(read(JSON.parse('{"b": 2, "a": 1}')) as object) }).toEqual({ a: 1, b: 2 });
    expect({ ...(read(JSON.parse('{"a": 1}')) as object) }).toEqual({ a: 1, b: null });
    expect(read(JSON.parse('{"a": 1, "__proto__": {"b": 2}}'))).toBe(BAD);
    expect(read(JSON.parse('{"a": 1, "constructor": {}}'))).toBe(BAD);
    expect(read(JSON.parse('{"b": 2}'))).toBe(BAD);
  });
});
