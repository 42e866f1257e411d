/**
 * `load(artifact)` validates an artifact and prepares it once; `evaluate` then runs
 * it on one input. Neither throws: failures come back as `{ok: false, error}`.
 */
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type Artifact, type Ty } from './ir.js';
import { shapeProblem } from './artifact-shape.js';
import { inputValidator, ajvProblem, jsonPath } from './input-validator.js';
import { compileArtifact, type Compiled, type Ctx } from './compile-ir.js';
import { compileFast } from './codegen/index.js';
import { compileTraced } from './codegen/trace.js';
import { decodeObject, encodeValue, MAX_INPUT_PROBLEMS, type CodecEnv, type InputProblem } from './values/codec.js';
import { readOptions } from './options.js';
import { inputDecoder, BAD, type InputDecoder } from './values/decoder.js';
import { inputSchema } from './values/json-schema.js';
import { encoderOf } from './values/encoder.js';
import { fieldsWriter, outputRunner } from './values/record.js';
import { SelectionRunners } from './selection.js';
import { validateArtifact } from './validate-artifact.js';
import { EvalFault, type EvalError } from './errors.js';
import { sameParts, shapeOf } from './same-program.js';
import { MAX_STEPS } from './eval/common.js';
import { namesShown, Line, NO_LINES, addLine, type TraceNode, type Observer } from './trace.js';
import type { CalendarOptions } from './calendars/index.js';

/** `/purchases/0/amount` -> `$.purchases[0].amount` (kept here: the runtime's index and the server import it from load). */
export { jsonPath };

export interface EvaluateOptions {
  /** The evaluation instant (ISO text or epoch ms); the host clock is never read. */
  asOf?: string | number;
  /** Reading name -> option name; unnamed readings take their defaults. */
  readings?: Record<string, string>;
  /** Build an explanation trace. */
  explain?: boolean;
  /** Business-day calendar options, e.g. `{ua: 'peacetime'}`. */
  calendar?: CalendarOptions;
  /** Compute only these outputs (and what they need); all outputs when absent. */
  outputs?: string[];
  /** Told of every threshold test the evaluation makes (for `rulebook edges`); absent, evaluation pays one check per test. */
  observe?: Observer;
  /**
   * Most list items the evaluation's aggregations may go through before it stops with
   * RB-E-BUDGET: a server can bound what one request costs. At most, and by default, 10⁹.
   */
  maxSteps?: number;
}

/** The result of one evaluation; `Output` is the program's output type when known (see `load`). */
export type EvaluateResult<Output = Record<string, unknown>> =
  | { ok: true; outputs: Output; readings: Record<string, string>; trace?: TraceNode[] }
  | { ok: false; error: EvalError };

/** A loaded program. `Input` and `Output` are `unknown` and a plain record unless given to `load`. */
export interface Ruleset<Input = unknown, Output = Record<string, unknown>> {
  artifact: Artifact;
  evaluate(input: Input, options?: EvaluateOptions): EvaluateResult<Output>;
}

export type LoadResult<Input = unknown, Output = Record<string, unknown>> =
  | { ok: true; ruleset: Ruleset<Input, Output> }
  | { ok: false; error: EvalError };

/**
 * Validates and prepares an artifact. `load<Input, Output>(artifact)`, with the types
 * `rulebook types` generates, types `evaluate`'s input and outputs; the types are the
 * caller's promise about the artifact (the input is still validated at run time).
 */
export function load<Input = unknown, Output = Record<string, unknown>>(artifact: unknown): LoadResult<Input, Output> {
  try {
    if (!artifact || typeof artifact !== 'object') return { ok: false, error: { code: 'RB-E-ARTIFACT', message: 'An artifact must be a JSON object produced by `rulebook compile`.' } };
    const a = artifact as Partial<Artifact>;
    if (a.format !== ARTIFACT_FORMAT) return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `This is not a Rulebook artifact (format is ${JSON.stringify(a.format)}, expected "${ARTIFACT_FORMAT}").` } };
    if (a.version !== ARTIFACT_VERSION) {
      return { ok: false, error: { code: 'RB-E-VERSION', message: `This artifact has format version ${JSON.stringify(a.version)}; this runtime reads version ${ARTIFACT_VERSION}. Recompile the .rules file with the matching compiler.` } };
    }
    const malformed = shapeProblem(artifact);
    if (malformed) return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The artifact is malformed at ${malformed.path}: it ${malformed.message}.`, path: malformed.path } };
    const problem = validateArtifact(artifact as Artifact);
    if (problem) return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The artifact is not valid at ${problem.path}: it ${problem.message}. Recompile the .rules file.`, path: problem.path } };
    return { ok: true, ruleset: prepare(artifact as Artifact) as Ruleset<unknown, unknown> as Ruleset<Input, Output> };
  } catch (err) {
    return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The artifact could not be prepared: ${(err as Error).message}` } };
  }
}

/**
 * `load` for an artifact that `compile` produced in this same process a moment ago (the
 * playground's worker, on every keystroke): skips the checks that guard against a foreign
 * or tampered artifact (the JSON Schema and validateArtifact, about 40% of a load). The
 * compiler's artifacts pass them by construction; every test that loads a compiled
 * program through `load` checks that. Never give it an artifact read from elsewhere.
 * When the artifact is the last one's program again (same-program.ts: an edit that changed
 * no definition), the evaluator prepared for that one is reused.
 */
export function loadCompiled(artifact: Artifact): LoadResult {
  try {
    const last = lastCompiled;
    // the shape first: a program of a shape met before shares its codec settings, and what is built from them (sharedCodec)
    const shape = shapeOf(artifact);
    if (last && shape === last.shape && sameParts(last.artifact, artifact)) return { ok: true, ruleset: { artifact, evaluate: last.ruleset.evaluate } };
    const ruleset = prepare(artifact);
    lastCompiled = { artifact, shape, ruleset };
    return { ok: true, ruleset };
  } catch (err) {
    return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The artifact could not be prepared: ${(err as Error).message}` } };
  }
}

/** The last artifact `loadCompiled` prepared (one editor per worker: one is enough). */
let lastCompiled: { artifact: Artifact; shape: string; ruleset: Ruleset } | undefined;

/** The arguments of an output's call: none (shared, never written). */
const NO_ARGS: unknown[] = Object.freeze([]) as unknown as unknown[];

/**
 * The state of one evaluation. The memo Map is used only by the reference interpreter's
 * closures (the generated evaluator memoises in `slots`), so it is made when one of them
 * first asks: a fully generated evaluation builds none. A class, so every evaluation's
 * state has one shape.
 */
class EvalCtx implements Ctx {
  trace: TraceNode | undefined = undefined;
  encoded: Ctx['encoded'] = undefined;
  json: Ctx['json'] = undefined;
  ids: Ctx['ids'] = undefined;
  listed: Ctx['listed'] = undefined;
  args: Ctx['args'] = undefined;
  plain: Ctx['plain'] = undefined;
  keyed: Ctx['keyed'] = undefined;
  steps = 0;
  budget = MAX_STEPS;
  private memo: Map<string, unknown> | undefined = undefined;

  constructor(
    public input: Record<string, unknown>,
    public readings: Record<string, string>,
    public asOf: number | undefined,
    public calendar: CalendarOptions,
    public slots: unknown[] | undefined,
    public observe: Observer | undefined,
  ) {}

  get cache(): Map<string, unknown> { return (this.memo ??= new Map()); }
  /** A history walk being explained swaps in a memo of its own (eval/history.ts). */
  set cache(m: Map<string, unknown>) { this.memo = m; }
}

/**
 * An evaluation option for the playground's re-run (runtime/rerun.ts), not one of the
 * documented options: a function given the names of the definitions and outputs an
 * evaluation by the generated evaluators computed. A symbol, so no JSON of options sets it.
 */
export const REACHED: unique symbol = Symbol('rulebook.reached');

/** The REACHED hook of the options, if any: never throws (a caller's options may be a proxy whose traps throw). */
function hookOf(options: unknown): ((names: string[]) => void) | undefined {
  try {
    const told = options !== null && typeof options === 'object' ? (options as { [REACHED]?: unknown })[REACHED] : undefined;
    return typeof told === 'function' ? (told as (names: string[]) => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Which evaluator runs: the generated one (default), or the reference interpreter only. */
export interface PrepareOptions { engine?: 'fast' | 'reference' }

/**
 * `load` with a choice of evaluator, for the differential test and the bench. With the
 * reference engine, explanations run on the reference interpreter too.
 */
export function loadWith(artifact: unknown, options: PrepareOptions): LoadResult {
  const r = load(artifact);
  if (!r.ok || !options.engine) return r;
  try {
    return { ok: true, ruleset: prepare(r.ruleset.artifact, options.engine) };
  } catch (err) {
    return { ok: false, error: { code: 'RB-E-ARTIFACT', message: `The artifact could not be prepared: ${(err as Error).message}` } };
  }
}

/** The generated evaluator, or the reference when the program is beyond what JavaScript source can nest. */
function fastOrReference(artifact: Artifact): Compiled {
  try {
    return compileFast(artifact);
  } catch {
    return compileArtifact(artifact);
  }
}

/**
 * SchemaTrust: whether the artifact's input schema is the one the compiler derives from its
 * input types. Then an input the specialised decoder read in canonical forms throughout is
 * one the schema accepts (each canonical reader in strict-text.ts accepts only text its
 * type's pattern matches), and the schema check can be skipped; a tampered or foreign
 * schema is always checked. The reference engine always checks, so the differential test
 * compares the two.
 */
function isCompilersSchema(artifact: Artifact): boolean {
  const derived = inputSchema(artifact.inputs, artifact.records, artifact.enums, artifact.program.title);
  return JSON.stringify(derived) === JSON.stringify(artifact.schemas.input);
}

/** What a load builds from the artifact's shape parts alone (inputs, readings, schemas, codec settings): see sharedOf. */
interface ShapeParts {
  decode: InputDecoder;
  schemaTrusted: boolean;
  inForceOf: (from: Record<string, unknown>) => Record<string, unknown>;
  /** The specialised encoder of an output type. */
  encoder(t: Ty): (v: unknown) => unknown;
}
const shapeParts = new WeakMap<CodecEnv, ShapeParts>();

/**
 * The input decoder, schema trust, readings writer and output encoders of a load, made once
 * per codec settings object. Artifacts share one only when they have one shape
 * (same-program.ts sharedCodec: the same inputs, readings, schemas, records, enums and
 * header), so what is made here from those parts is theirs too; after a value edit the new
 * program's evaluations then run in decoders already warm, not in new functions.
 */
function sharedOf(codec: CodecEnv, artifact: Artifact, inputFields: { name: string; type: Ty }[]): ShapeParts {
  let parts = shapeParts.get(codec);
  if (!parts) {
    const byType = new Map<string, (v: unknown) => unknown>();
    parts = {
      decode: inputDecoder(inputFields, codec),
      schemaTrusted: isCompilersSchema(artifact),
      inForceOf: fieldsWriter(artifact.readings.map((r) => r.name), artifact.readings.map((r) => r.default)),
      encoder(t) {
        const key = JSON.stringify(t);
        let e = byType.get(key);
        if (!e) byType.set(key, (e = encoderOf(t, codec)));
        return e;
      },
    };
    shapeParts.set(codec, parts);
  }
  return parts;
}

/** `auto`: the generated evaluator, or the reference if generation fails; `fast`: generated or an error. */
function prepare(artifact: Artifact, engine: 'auto' | 'fast' | 'reference' = 'auto'): Ruleset {
  const reference = engine === 'reference' ? compileArtifact(artifact) : undefined;
  const fast = engine === 'auto' ? fastOrReference(artifact) : engine === 'fast' ? compileFast(artifact) : undefined;
  let lazyReference = reference;
  // explanations: the traced generated program, built when the first one is asked for
  let lazyTraced: Compiled | undefined;
  const traced = (): Compiled => {
    if (!lazyTraced) {
      // a history's walk steps only the items the plain program's fold stepped, in a plain evaluation beside the traced one
      const plain = fast?.slots ? { program: fast, ctxOf: (t: Ctx) => (t.plain ??= new EvalCtx(t.input, t.readings, t.asOf, t.calendar, fast.slots!(), undefined)) } : undefined;
      try { lazyTraced = compileTraced(artifact, undefined, plain); } catch { lazyTraced = lazyReference ??= compileArtifact(artifact); }
    }
    return lazyTraced;
  };
  const codec = (fast ?? reference)!.codec;
  // compiled on first use: an input read canonically throughout need not be checked against it
  let inputSchemaValidator: ValidateFunction | undefined;
  const validateInput = (v: unknown): ValidateFunction => {
    inputSchemaValidator ??= inputValidator(artifact.schemas.input);
    inputSchemaValidator(v);
    return inputSchemaValidator;
  };
  const inputFields = artifact.inputs.map((i) => ({ name: i.name, type: i.type }));
  const shared = engine === 'reference' ? undefined : sharedOf(codec, artifact, inputFields);
  const fastDecode = shared ? shared.decode : inputDecoder(inputFields, codec);
  // output encoders specialised per type; the reference engine keeps the generic one, so the differential test compares them
  const encoders = new Map(artifact.outputs.map((o) => [o.name, shared ? shared.encoder(o.type as Ty) : (v: unknown) => encodeValue(v, o.type as Ty, codec)]));
  const schemaTrusted = shared ? shared.schemaTrusted : false;
  // a schema not known to be the compiler's is compiled now, so a broken one fails the load as before
  if (!schemaTrusted) validateInput(null);
  const outputNames = artifact.outputs.map((o) => o.name);
  // both evaluators compile the outputs in the artifact's order: the traced output loop takes them by index
  const outputEncoders = artifact.outputs.map((o) => encoders.get(o.name)!);
  const callablesOf = new WeakMap<Compiled, Compiled['callables'][string][]>();
  const outputCallables = (c: Compiled) => {
    let calls = callablesOf.get(c);
    if (!calls) callablesOf.set(c, (calls = c.outputs.map((o) => c.callables[o.name]!)));
    return calls;
  };
  /** The outputs asked for: a list of the program's output names (empty: all). */
  const selectOutputs = (v: unknown): string[] | { ok: false; error: EvalError } => {
    if (v === undefined || v === null) return [];
    const bad = (message: string) => ({ ok: false as const, error: { code: 'RB-E-INPUT' as const, message, path: 'outputs' } });
    if (!Array.isArray(v)) return bad('The outputs option must be a list of output names, e.g. ["discount_amount"].');
    for (const name of v) {
      if (typeof name !== 'string' || !outputNames.includes(name)) return bad(`The program has no output ${JSON.stringify(name)}. Its outputs are: ${outputNames.join(', ')}.`);
    }
    return v as string[];
  };
  // the calendar options when the evaluation names no variant: the header's, one shared object (only read)
  const headerUa = artifact.program.calendarOptions?.ua;
  const programCalendar: CalendarOptions = Object.freeze(headerUa === undefined ? {} : { ua: headerUa });
  const readingOptions = new Map(artifact.readings.map((r) => [r.name, r.options.map((o) => o.name)]));
  // the readings in force and every output, each written at a site of its own (see values/record.ts)
  const inForceOf = shared ? shared.inForceOf : fieldsWriter(artifact.readings.map((r) => r.name), artifact.readings.map((r) => r.default));
  const runners = new SelectionRunners((c, names) => {
    const outs = c.outputs.filter((o) => !names.length || names.includes(o.name));
    return outputRunner(outs.map((o) => o.name), outs.map((o) => c.callables[o.name]!), outs.map((o) => encoders.get(o.name)!), NO_ARGS);
  });

  const evaluate = (input: unknown, options: EvaluateOptions = {}): EvaluateResult => {
    try {
      const read = readOptions(options, readingOptions);
      if (!read.ok) return read;
      const { readings, asOf } = read;
      const selected = selectOutputs((options as { outputs?: unknown } | null | undefined)?.outputs);
      if (!Array.isArray(selected)) return selected;
      // input: the codec first (one plain sentence per problem, e.g. a missing currency),
      // then the schema for anything the codec lets through (ajv reports an anyOf
      // failure as three errors and a pattern as a regular expression)
      let problems: InputProblem[] | undefined;
      let decoded: unknown;
      try {
        decoded = fastDecode(input);
        // every value canonical and the schema the compiler's: the schema accepts this input (see SchemaTrust)
        if (decoded === BAD || fastDecode.loose || !schemaTrusted) {
          problems = [];
          // a problem somewhere: the reporting decoder finds them (the first MAX_INPUT_PROBLEMS), with path and sentence
          if (decoded === BAD) decoded = decodeObject(input, inputFields, '$', codec, problems);
          if (!problems.length) { const v = validateInput(input); if (v.errors?.length) problems.push(...v.errors.slice(0, MAX_INPUT_PROBLEMS + 1).map(ajvProblem)); }
        }
      } catch (err) {
        // a getter or proxy trap of a library caller's input threw while it was read
        (problems ??= []).push({ path: '$', message: `could not be read: ${(err as Error)?.message ?? String(err)}` });
      }
      if (problems?.length) {
        const unique = [...new Map(problems.map((p) => [`${p.path} ${p.message}`, p])).values()].slice(0, MAX_INPUT_PROBLEMS);
        // the reporting decoder stops past MAX_INPUT_PROBLEMS: the list says it is not the whole
        if (problems.length > MAX_INPUT_PROBLEMS) unique.push({ path: '$', message: `has more problems than the first ${MAX_INPUT_PROBLEMS} listed; correct these to see the rest` });
        const first = unique[0]!;
        return { ok: false, error: { code: 'RB-E-INPUT', message: `${first.path} ${first.message}`, path: first.path, problems: unique } };
      }
      // the evaluation option (a what-if for one run) wins over the header's variant
      const ua = read.calendar.ua;
      const calendar: CalendarOptions = ua === undefined || ua === null ? programCalendar : { ua };
      const root: TraceNode | undefined = read.explain ? new Line('output', '(program)', []) : undefined;
      // observers see every test the reference interpreter makes; explanations, the traced generated program
      const compiled = read.observe || !fast ? (lazyReference ??= compileArtifact(artifact)) : root ? traced() : fast;
      const ctx = new EvalCtx(decoded as Record<string, unknown>, readings, asOf, calendar, compiled.slots?.(), read.observe);
      ctx.budget = read.maxSteps;
      // dated tables given as input are checked (one row per key and date) before anything is computed
      for (const name of compiled.inputChecks) compiled.callables[name]!(ctx, []);
      let outputs: Record<string, unknown>;
      // untraced: one call of the runner of the outputs asked for (all when none are named)
      const runner = root ? undefined : runners.of(compiled, selected);
      if (runner) outputs = runner(ctx);
      else {
        outputs = {};
        const calls = outputCallables(compiled);
        for (let j = 0; j < calls.length; j++) {
          const o = compiled.outputs[j]!;
          if (selected.length && !selected.includes(o.name)) continue;
          let node: TraceNode | undefined;
          if (root) { const line = new Line('output', o.name, o.clauses); node = line; addLine(root, line); ctx.trace = node; }
          const v = calls[j]!(ctx, NO_ARGS);
          const json = outputEncoders[j]!(v);
          outputs[o.name] = json;
          if (node) node.value = json;
        }
      }
      // the re-run's hook (REACHED): what this evaluation computed; explained, also what the
      // plain evaluation beside it computed (the items a walk steps) and what the lines show
      // (an explained walk's calls go to slots of their own, and its lines name them)
      const told = compiled.reached ? hookOf(options) : undefined;
      if (told) {
        const names = compiled.reached!(ctx.slots!);
        if (root) {
          const all = namesShown(root.children, new Set(names));
          if (ctx.plain?.slots && fast?.reached) for (const n of fast.reached(ctx.plain.slots)) all.add(n);
          told([...all]);
        } else told(names);
      }
      // plain objects for the caller: names are own properties, and __proto__ is refused at compile time and load
      const inForce = inForceOf(readings) as Record<string, string>;
      const result: EvaluateResult = { ok: true, outputs, readings: inForce };
      // a list of its own even when no output was computed (a line without children shares the frozen NO_LINES)
      if (root) result.trace = root.children === NO_LINES ? [] : root.children;
      return result;
    } catch (err) {
      if (err instanceof EvalFault) return { ok: false, error: err.error };
      return { ok: false, error: { code: 'RB-E-INTERNAL', message: `Internal error of the runtime: ${(err as Error)?.message ?? String(err)}. Please report it with the input.` } };
    }
  };
  return { artifact, evaluate };
}
