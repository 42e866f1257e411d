/**
 * What the evaluator's modules share: the per-evaluation state, compiled closures, the
 * comparison of runtime values, and the explanation helpers.
 */
import type { Artifact, CmpKind, CmpOp, Definition, Ty } from '../ir.js';
import { Dec, isDec, compareDec, type roundingOf } from '../values/decimal.js';
import { encodeValue, type CodecEnv } from '../values/codec.js';
import type { CalendarOptions } from '../calendars/index.js';
import { ScratchNode, Line, addLine, type TraceNode, type Observer, type ListIndex } from '../trace.js';
import { fault } from '../errors.js';
import type { Keyed } from '../codegen/collections.js';

/** Per-evaluation state. */
export interface Ctx {
  input: Record<string, unknown>;
  readings: Record<string, string>;
  asOf?: number;
  cache: Map<string, unknown>;
  /** The trace node being filled, when an explanation was asked for. */
  trace?: TraceNode;
  calendar: CalendarOptions;
  /** Memo slots of the generated evaluator, one per definition and output. */
  slots?: unknown[];
  /** Told of every threshold test (explanations only; see Observation). */
  observe?: Observer;
  /**
   * Explanations: each call's own line, by call key, so a call listed again ("as computed
   * above") reuses the JSON of its arguments and value (its `value` is set once computed).
   */
  encoded?: Map<string, TraceNode>;
  /** Explanations: the JSON of each value (record, list, number) already encoded, with its encoder. */
  json?: Map<unknown, { e: unknown; j: unknown }>;
  /** Identity numbers of the records and lists calls met in this evaluation (see argKey in calls.ts). */
  ids?: Map<object, number>;
  /** Explanations: the `args` of the lines showing one record or list, with their writer (see argsOf in calls.ts). */
  args?: Map<unknown, { w: unknown; o: Record<string, unknown> }>;
  /** Explanations: the key index of each parent with many lines (see isListed in trace.ts). */
  listed?: Map<TraceNode, ListIndex>;
  /** Explanations: the plain generated program's state for this evaluation, when a traced walk asks it which items to step (WalkSupport). */
  plain?: Ctx;
  /** The generated evaluator's lists grouped by a field, for keyed aggregations (codegen/collections.ts). */
  keyed?: Keyed;
  /** Items the aggregations of this evaluation have gone through (see spend). */
  steps: number;
  /** Most items they may go through (the maxSteps option; MAX_STEPS when absent). */
  budget?: number;
}

/**
 * Most list items one evaluation's aggregations may go through: aggregations nested over
 * long lists or sequences multiply (three counts over five years of days are 6·10⁹ steps),
 * and an evaluation is synchronous, so without a bound one program held a server for ever.
 * Both evaluators count alike, so they fail alike. The shipped programs' scenarios take at
 * most 251; referral-ru, which looks through a partner's purchases for each purchase, takes
 * 26 million with 2 000 items in each list (it took 1.4 s before the generated evaluator
 * went through keyed aggregations' matching items only; the budget still counts every
 * item, codegen/collections.ts), so the bound leaves room for inputs twenty times larger
 * and still stops a runaway nesting within seconds.
 */
export const MAX_STEPS = 1_000_000_000;

/** Counts `n` items an aggregation is about to go through; past MAX_STEPS, the evaluation stops. */
export function spend(ctx: Ctx, n: number): void {
  if ((ctx.steps += n) > (ctx.budget ?? MAX_STEPS)) {
    fault('RB-E-BUDGET', `The evaluation went through more than ${(ctx.budget ?? MAX_STEPS).toLocaleString('en-US')} list items: aggregations nested over long lists or sequences multiply. Aggregate the inner list once, outside the outer one, or shorten the lists.`);
  }
}

/** Local names of one call: parameters and collection variables. */
export type Frame = Record<string, unknown>;
/** A compiled expression. */
export type Fn = (ctx: Ctx, frame: Frame) => unknown;
/** A compiled definition: called with its arguments. */
export type Callable = (ctx: Ctx, args: unknown[]) => unknown;

/** What compiling one artifact needs: the artifact, the codec, the compiled definitions. */
export interface Env {
  artifact: Artifact;
  codec: CodecEnv;
  callables: Record<string, Callable>;
  rm: ReturnType<typeof roundingOf>;
  readingDefaults: Record<string, string>;
  /** Numbers the threshold tests for observers. */
  sites: number;
  /** Given by the traced generated program to the history walks it leaves to the reference's closures. */
  walks?: WalkSupport;
}

/**
 * What the traced generated program gives a history's walk (eval/history.ts): fresh memo
 * slots, since an explained walk remembers its calls apart from the evaluation's, and the
 * items the plain generated program stepped for the same call, so only those are walked:
 * on the others no rule holds (the plain fold skipped them by its interval memos,
 * codegen/intervals.ts), and the rules consult nothing the stepped items did not.
 */
export interface WalkSupport {
  slots(): unknown[];
  /** The indices of the items stepped, in walk order; undefined: walk them all. */
  stepped?(ctx: Ctx, def: Definition, args: unknown[]): readonly number[] | undefined;
}

/** An interval value at run time. */
export type Interval = { start: unknown; end: unknown; si: boolean; ei: boolean };
/** An eligibility result at run time. */
export type Eligibility = { eligible: boolean; reasons: { reason: string; clauses: string[] }[] };

/** Compares two runtime values of one comparison kind (negative, zero, positive). */
export function compareBy(kind: CmpKind, a: unknown, b: unknown): number {
  if (kind === 'num') return compareDec(a as Dec, b as Dec);
  if (kind === 'day' || kind === 'ms') return (a as number) - (b as number);
  if (kind === 'bool') return a === b ? 0 : 1;
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

/** Applies a comparison operator to the result of compareBy. */
export function test(op: CmpOp, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

/** True when a value lies in an interval, ends included as declared. */
export function inInterval(kind: CmpKind, v: unknown, iv: Interval): boolean {
  const lo = compareBy(kind, v, iv.start);
  const hi = compareBy(kind, v, iv.end);
  return (iv.si ? lo >= 0 : lo > 0) && (iv.ei ? hi <= 0 : hi < 0);
}

/** Decodes an IR constant into its runtime form. */
export function constant(type: Ty, value: unknown): unknown {
  switch (type.k) {
    case 'money': case 'unit': case 'percent': case 'decimal': case 'integer': return new Dec(value as string);
    default: return value;
  }
}

/** A value in its JSON form for the explanation; never throws. */
export function enc(env: Env, v: unknown, t: Ty): unknown {
  try { return encodeValue(v, t, env.codec); } catch { return asText(v); }
}

/**
 * What an explanation shows of a value its type cannot encode (out of range): its text, or
 * words when even that throws (String() of a record, a prototype-less object, threw, and an
 * explanation failed where the plain evaluation passed).
 */
export function asText(v: unknown): string {
  try { return String(v); } catch { return 'a value beyond what JSON carries'; }
}

/** Runs `body` inside a new trace node when explaining; plain call otherwise. */
export function traced(ctx: Ctx, node: Omit<TraceNode, 'children'>, body: () => unknown, valueOf?: (v: unknown) => unknown): unknown {
  const parent = ctx.trace;
  if (!parent) return body();
  // under a scratch node only the names of what was called are read: no values encoded
  const n: TraceNode = parent instanceof ScratchNode ? new ScratchNode(node.kind, node.name, node.clauses) : new Line(node.kind, node.name, node.clauses, node.key, node.doc, node.args, node.value, node.passed, node.note);
  addLine(parent, n);
  ctx.trace = n;
  try {
    const v = body();
    if (valueOf && !(n instanceof ScratchNode)) n.value = valueOf(v);
    return v;
  } finally {
    ctx.trace = parent;
  }
}

/**
 * The node to record a leaf step (row, reading, version, transition) in, or undefined when
 * not explaining or when the node is scratch (its leaf steps are never read).
 */
export function leafTrace(ctx: Ctx): TraceNode | undefined {
  const t = ctx.trace;
  return t && !(t instanceof ScratchNode) ? t : undefined;
}

/** A best-effort JSON form of a value whose type is not at hand (for messages). */
export function encodeLoose(v: unknown): unknown {
  if (isDec(v)) return v.toString();
  return v;
}

/** A decimal.js number. */
export type D = InstanceType<typeof Dec>;
