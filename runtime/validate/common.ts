/**
 * What the artifact validator's construct families share: the problem it throws, the
 * checks of names and small enumerations, and the walker interface through which a
 * family validates the expressions and types nested in its own constructs.
 */
import type { Artifact, Definition, Expr, Ty } from '../ir.js';

/** A semantic problem of an artifact, at a JSON path. */
export class Problem { constructor(readonly path: string, readonly message: string) {} }

/** Stops validation at the first problem. */
export const fail = (path: string, message: string): never => { throw new Problem(path, message); };

/** How two values compare, as the evaluator's `compareBy` knows them. */
export const CMP_KINDS: ReadonlySet<string> = new Set(['num', 'day', 'ms', 'str', 'bool']);
/** Units a duration may count (hours and minutes only on instants, decided when added). */
export const DURATION_UNITS: ReadonlySet<string> = new Set(['days', 'months', 'years', 'business_days', 'hours', 'minutes']);
/** The two clocks a date-keyed construct reads: day numbers or epoch milliseconds. */
export const AT_KINDS: ReadonlySet<string> = new Set(['day', 'ms']);

/** A name the runtime can store as a key: non-empty text, never `__proto__`. */
export function name(v: unknown, path: string): string {
  // any length: the compiler accepts names of any length, and a long one costs only memory
  if (typeof v !== 'string' || v.length === 0 || v === '__proto__') fail(path, 'is not a valid name');
  return v as string;
}

/** A boolean flag. */
export function flag(v: unknown, path: string): void {
  if (typeof v !== 'boolean') fail(path, 'must be true or false');
}

/** One of a fixed set of words. */
export function oneOf(set: ReadonlySet<string>, v: unknown, path: string, what: string): void {
  if (typeof v !== 'string' || !set.has(v)) fail(path, what);
}

/** A comparison kind. */
export function cmpKind(v: unknown, path: string): void {
  oneOf(CMP_KINDS, v, path, 'is not a comparison kind');
}

/** The validator as its construct families see it. */
export interface Walker {
  readonly a: Artifact;
  /** Validates a nested expression (depth counts toward the nesting limits). */
  expr(e: Expr | undefined, path: string, locals: Set<string>, depth: number): void;
  /** Validates a list of expressions. */
  list(items: unknown, path: string, locals: Set<string>, depth: number): void;
  /** Validates a type. */
  type(t: Ty, path: string, depth: number): void;
  /** A use of a definition or output with `args` arguments; records the dependency. */
  ref(n: unknown, path: string, args: number): void;
  /** The definition of that name, if the artifact has one. */
  definition(n: string): Definition | undefined;
  /** True when the artifact declares that input. */
  hasInput(n: string): boolean;
}
