/** Records (input objects and records the rules build) on the fast path. */
/**
 * The prototype of records built on the fast path: empty, frozen, itself without a
 * prototype. A lookup of `toString` or `constructor` on such a record finds nothing, as on
 * `Object.create(null)`, but V8 keeps these objects in its fast property layout (an
 * object without a prototype is kept as a hash table).
 */
export const RECORD_PROTO: object = Object.freeze(Object.create(null) as object);
