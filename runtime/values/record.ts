/**
 * Records (input objects and records the rules build) on the fast path. Each record type
 * gets functions of its own, built once with `new Function` from source that holds only
 * generated identifiers and integer indices (field names are values in an array, never
 * source text): every field is read and written at a site of its own, so V8 sees one
 * field name and one object layout per site, where one loop over all fields of every
 * record type makes every access a hash lookup.
 */

/**
 * The prototype of records built on the fast path: empty, frozen, itself without a
 * prototype. A lookup of `toString` or `constructor` on such a record finds nothing, as on
 * `Object.create(null)`, but V8 keeps these objects in its fast property layout (an
 * object without a prototype is kept as a hash table).
 */
export const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);

/**
 * The function (decoder or encoder) of the record type `name`, made once per type: records
 * may contain themselves through lists, so the function is registered before it is built;
 * a reference from inside the type itself calls the built one through a wrapper.
 */
export function perRecordType(seen: Map<string, (v: unknown) => unknown>, name: string, build: () => (v: unknown) => unknown): (v: unknown) => unknown {
  const known = seen.get(name);
  if (known) return built.get(known) ?? known;
  let body: ((v: unknown) => unknown) | undefined;
  const self = (v: unknown): unknown => body!(v);
  seen.set(name, self);
  body = build();
  built.set(self, body);
  // a type not inside itself is called directly: the wrapper is one call more per record read
  return body;
}

/** The built function of each record type's wrapper (the wrapper stays only where a type contains itself). */
const built = new WeakMap<(v: unknown) => unknown, (v: unknown) => unknown>();

const indices = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** `(v0, v1, …) => record` with the fields `names` in order. */
export function recordMaker(names: readonly string[]): (...values: unknown[]) => Record<string, unknown> {
  const params = indices(names.length).map((i) => `v${i}`);
  const body = `return function (${params.join(', ')}) { const o = Object.create(P); ${params.map((p, i) => `o[N[${i}]] = ${p};`).join(' ')} return o; };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated identifiers and indices only
  return new Function('P', 'N', body)(RECORD_PROTO, Object.freeze([...names])) as (...values: unknown[]) => Record<string, unknown>;
}

/** Property names as V8 keeps them (internalised), so the generated `key === N[i]` compares pointers, not texts. */
const internalised = (names: readonly string[]): string[] => names.map((n) => Object.keys({ [n]: 0 })[0]!);

/**
 * A decoder of one object type: BAD unless `v` is an object with no field but `names`, every
 * `required` one present, each field's decoder accepting its value; else the record.
 *
 * One for-in pass finds unknown fields (it also sees inherited enumerable fields, which
 * only turns such an object over to the reporting decoder, never accepts anything the
 * own-keys check would refuse) and, for each known one, whether it is an own property:
 * `key === N[i]` in an unrolled chain, and `hasOwnProperty.call(v, key)` on the for-in's
 * own key, which V8 answers from the for-in's cache without a lookup. A bit per field
 * remembers it. A field without its bit (absent, or own but not enumerable) is asked
 * `Object.hasOwn` as before, so every field reads as the former per-field `hasOwn` check
 * had it, while an object of known, own, enumerable fields costs no Set lookup and no
 * `hasOwn` call (test/runtime/object-reader.test.ts pairs the reader with that check).
 */
export function objectReader(names: readonly string[], required: readonly boolean[], decoders: readonly ((v: unknown) => unknown)[], bad: unknown): (v: unknown) => unknown {
  const masks = Math.ceil(names.length / 30);
  const bit = (i: number) => `m${Math.floor(i / 30)}`, flag = (i: number) => 1 << (i % 30);
  const match = indices(names.length).map((i) => `if (key === N[${i}]) { if (O.call(v, key)) ${bit(i)} |= ${flag(i)}; } else `).join('');
  const fields = indices(names.length).map((i) => {
    // an absent optional field reads as null, as the reference decoder has it
    const absent = required[i] ? 'return B;' : `x${i} = D[${i}](null);`;
    return `let x${i}; if ((${bit(i)} & ${flag(i)}) !== 0 || H(v, N[${i}])) x${i} = D[${i}](v[N[${i}]]); else { ${absent} } if (x${i} === B) return B;`;
  });
  const body = `return function (v) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return B;
    ${indices(masks).map((j) => `let m${j} = 0;`).join(' ')}
    for (const key in v) { ${match}return B; }
    ${fields.join('\n    ')}
    const o = Object.create(P); ${indices(names.length).map((i) => `o[N[${i}]] = x${i};`).join(' ')}
    return o;
  };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated identifiers and indices only
  return new Function('P', 'N', 'D', 'B', 'O', 'H', body)(RECORD_PROTO, Object.freeze(internalised(names)), Object.freeze([...decoders]), bad, Object.prototype.hasOwnProperty, Object.hasOwn) as (v: unknown) => unknown;
}

/**
 * `function (<params>) { <head>const o = {}; o[N[0]] = <value(0)>; … return o; }`: a plain
 * object of the fields `names` in order, each written at a site of its own (no name is
 * `__proto__`). `tables` are the arrays the values read, by the one-letter name the source
 * gives them; only their indices are source text.
 */
function plainWriter(params: string, head: string, names: readonly string[], value: (i: number) => string, tables: Record<string, unknown>): unknown {
  const body = `return function (${params}) { ${head}const o = {}; ${indices(names.length).map((i) => `o[N[${i}]] = ${value(i)};`).join(' ')} return o; };`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated identifiers and indices only
  return new Function('N', ...Object.keys(tables), body)(Object.freeze([...names]), ...Object.values(tables));
}

/** An encoder of one object type: a plain object with each field encoded, in order (no field is named `__proto__`). */
export function objectWriter(names: readonly string[], encoders: readonly ((v: unknown) => unknown)[]): (v: unknown) => unknown {
  return plainWriter('v', 'if (v === null || v === undefined) return null; ', names, (i) => `E[${i}](v[N[${i}]])`, { E: Object.freeze([...encoders]) }) as (v: unknown) => unknown;
}

/**
 * `(ctx, args) => ({name0: E0(ctx, args[0]), …})`: the arguments of a call by parameter name,
 * each encoded (an explanation's `args`); no name is `__proto__`.
 */
export function argsWriter<C>(names: readonly string[], encoders: readonly ((ctx: C, v: unknown) => unknown)[]): (ctx: C, args: readonly unknown[]) => Record<string, unknown> {
  return plainWriter('ctx, a', '', names, (i) => `E[${i}](ctx, a[${i}])`, { E: Object.freeze([...encoders]) }) as (ctx: C, args: readonly unknown[]) => Record<string, unknown>;
}

/**
 * `(from) => ({name0: from[name0] ?? fallback0, …})`: a plain object of these fields in
 * order, each read from `from` or its fallback (the readings in force of an evaluation).
 */
export function fieldsWriter(names: readonly string[], fallbacks: readonly unknown[]): (from: Record<string, unknown>) => Record<string, unknown> {
  return plainWriter('v', '', names, (i) => `v[N[${i}]] ?? F[${i}]`, { F: Object.freeze([...fallbacks]) }) as (from: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * `(part, last) => ({name0: hasOwn(part, name0) ? part[name0] : last[name0], …})`: the outputs
 * an evaluation computed (`part`), the others taken from `last`, in the order of `names`.
 */
export function fieldsMerger(names: readonly string[]): (part: Record<string, unknown>, last: Record<string, unknown>) => Record<string, unknown> {
  return plainWriter('a, b', '', names, (i) => `H(a, N[${i}]) ? a[N[${i}]] : b[N[${i}]]`, { H: Object.hasOwn }) as (part: Record<string, unknown>, last: Record<string, unknown>) => Record<string, unknown>;
}

/** Computes and encodes every output of an evaluation into a plain object, in the program's order. */
export type OutputRunner = (ctx: unknown) => Record<string, unknown>;

/** The output runner of outputs `names`: each computed by its function `(ctx, args)` and encoded, at a site of its own. */
export function outputRunner(names: readonly string[], fns: readonly ((ctx: never, args: unknown[]) => unknown)[], encoders: readonly ((v: unknown) => unknown)[], noArgs: unknown[]): OutputRunner {
  return plainWriter('ctx', '', names, (i) => `E[${i}](C[${i}](ctx, A))`, { C: Object.freeze([...fns]), E: Object.freeze([...encoders]), A: noArgs }) as OutputRunner;
}
