/**
 * The traced generated program: the generated evaluator writing the explanation trace as
 * it computes, line for line what the reference interpreter writes (the JSON is
 * byte-identical; test/runtime/trace-identity.test.ts compares them). Built only when an
 * explanation is first asked for. Like the plain program, its source is made only of
 * text the generator writes (see generate.ts): every name, clause and label is a
 * constant in `K`.
 *
 * What traces, and how:
 * - a definition call: one function per definition, memoised as the reference's call keys
 *   would, tracing through the reference's own call functions (runtime/trace.ts), so "as
 *   computed above" lines, scratch walks and key numbering match;
 * - rules, requirements, table rows, readings and versions: generated here, with the
 *   reference's line shapes;
 * - histories: the reference's walk, with its expressions (items, keys, rules) generated
 *   here; the walk steps only the items the plain program's fold stepped (compileTraced's
 *   `plain`), since no rule holds on the others;
 * - dated tables and ledgers (definitions), and the operations that write their own lines
 *   (dated lookups, ledger balances, money conversions): the reference's closures, which
 *   trace themselves and call definitions through `env.callables`, here the traced functions.
 */
import type { Artifact, Definition, Expr, Ty } from '../ir.js';
import { createEnv, type Compiled } from '../compile-ir.js';
import { leafTrace, type Ctx, type Env, type Fn } from '../eval/common.js';
import { compileBody } from '../eval/definitions.js';
import { compileHistory } from '../eval/history.js';
import { callInfo, explainer, identify } from '../eval/calls.js';
import { versionLabel } from '../eval/time.js';
import { dottedDate } from '../values/calendar-date.js';
import { ScratchNode, Line, addLine, noteOverrides, traceCall, traceRepeat, traceReturn, traceStep, traceStepEnd, type CallEntry, type CallInfo, type StepInfo, type TraceNode } from '../trace.js';
import { compileFast, type Generated } from './index.js';
import { Generator, type Scope } from './generate.js';
import { R } from './support.js';
import { tableBody } from './tables.js';
import { stepsOf } from './history.js';

/** Operations whose reference closures write their own lines: always left to them here. */
const SELF_TRACING = new Set<Expr['op']>(['dated', 'ledger_balance', 'convert_money']);

/** A reading's line. */
interface ReadingInfo { name: string; clauses: string[]; fallback: string }

function reading(ctx: Ctx, r: ReadingInfo): string {
  const v = ctx.readings[r.name] ?? r.fallback;
  { const lt = leafTrace(ctx); if (lt) addLine(lt, new Line('reading', r.name, r.clauses, undefined, undefined, undefined, v)); }
  return v;
}

/** The line of the version in force on `day`. */
function version(ctx: Ctx, v: { label: string; clauses: string[] }, day: number): void {
  { const lt = leafTrace(ctx); if (lt) addLine(lt, new Line('version', `${v.label} (event on ${dottedDate(day)})`, v.clauses)); }
}

/** Notes which rules apply once all were tried, then picks the winner as the plain program does. */
function tracedPick(ctx: Ctx, parent: TraceNode | undefined, def: Definition, held: boolean[]): number {
  if (parent !== undefined && !(parent instanceof ScratchNode)) noteOverrides(parent, def.rules!.filter((_, i) => held[i]));
  return R.pick(def, held);
}

/** A row's line: the record it yields, made once the row matched (a table's `result`). */
function rowLine(env: Env, row: { label: string; clauses: string[]; text?: string }, struct: Ty): (ctx: Ctx, o: Record<string, unknown>) => Record<string, unknown> {
  const { label: name, clauses } = row;
  const explain = explainer(env, struct);
  const note = row.text ? row.text : undefined;
  return (ctx, o) => {
    const lt = leafTrace(ctx);
    if (lt) {
      const value = explain(ctx, o);
      addLine(lt, new Line('row', name, clauses, undefined, undefined, undefined, value, true, note));
    }
    return o;
  };
}

/**
 * The argument list of a traced call of one parameter, for its line: traceCall and
 * traceRepeat read it at once (its key and JSON) and keep nothing of it, so one list
 * serves every such call (a list per call was some 3 KB of each referral-ru explanation),
 * emptied after each so that it holds on to no value.
 */
const ONE: unknown[] = [undefined];
function traceCall1(ctx: Ctx, info: CallInfo, parent: TraceNode, a0: unknown): TraceNode | undefined {
  ONE[0] = a0;
  const line = traceCall(ctx, info, parent, ONE);
  ONE[0] = undefined;
  return line;
}
function traceRepeat1(ctx: Ctx, info: CallInfo, e: CallEntry, a0: unknown): void {
  ONE[0] = a0;
  traceRepeat(ctx, info, e, ONE);
  ONE[0] = undefined;
}

/** Helpers the traced program calls through `R`. */
const HELPERS = { ...R, identify, ScratchNode, traceCall, traceCall1, traceRepeat, traceRepeat1, traceReturn, traceStep, traceStepEnd, tracedPick, reading, version, NO_ARGS: Object.freeze([]) };

/** Generates expressions as the plain generator does, plus the lines of readings and versions. */
class TracingGenerator extends Generator {
  /** Statements a definition's function needs before it, at the program's top level (a history's walk). */
  readonly hoisted: string[] = [];

  constructor(readonly tenv: Env, index: ReadonlyMap<string, number>) {
    super(tenv, index);
  }

  override expr(e: Expr, s: Scope): string {
    if (SELF_TRACING.has(e.op)) return this.fallback(e, s);
    if (e.op === 'reading') {
      this.count('generated', e.op);
      const r = this.tenv.artifact.readings.find((x) => x.name === e.name);
      const info: ReadingInfo = { name: e.name, clauses: r?.clauses ?? [], fallback: this.tenv.readingDefaults[e.name]! };
      return `R.reading(ctx, ${this.k(info)})`;
    }
    if (e.op === 'effective') {
      this.count('generated', e.op);
      return this.effective(e, s);
    }
    return super.expr(e, s);
  }

  /** The first version whose dates contain the day, its line written before its value is computed. */
  private effective(e: Extract<Expr, { op: 'effective' }>, s: Scope): string {
    const zone = this.k(this.zone);
    const day = this.fresh('t');
    const at = this.expr(e.at, s);
    const labels = e.versions.map((v) => versionLabel(v.from, v.until));
    const arms = e.versions.map((v, i) => {
      const tests = [v.from === undefined ? '' : `${day} >= ${this.k(v.from)}`, v.until === undefined ? '' : `${day} <= ${this.k(v.until)}`].filter(Boolean);
      const line = this.k({ label: labels[i], clauses: v.clauses });
      return `${tests.join(' && ') || 'true'} ? (R.version(ctx, ${line}, ${day}), ${this.expr(v.value, s)}) : `;
    }).join('');
    const dayOf = e.atKind === 'ms' ? `R.localDay(${at}, ${zone})` : at;
    return `((${day}) => ${arms}R.noVersion(${this.k(labels.join(', '))}, ${day}, ${this.k(e.span)}))(${dayOf})`;
  }

  /** Source of a definition's body, traced: rules, eligibilities and tables here, the other kinds by the reference. */
  body(def: Definition, scope: Scope): string {
    if (def.kind === 'value' && def.body) return this.expr(def.body, scope);
    if (def.kind === 'rules' && def.rules) return this.rules(def, scope);
    if (def.kind === 'eligibility' && def.requirements) return this.eligibility(def, scope);
    if (def.kind === 'table' && def.table) {
      const struct: Ty = { k: 'struct', fields: def.table.outputs };
      const src = tableBody(this, def, scope, (n, record) => `${this.k(rowLine(this.tenv, def.table!.rows[n]!, struct))}(ctx, ${record})`);
      if (src !== undefined) return src;
    }
    if (def.kind === 'history' && def.history) return this.history(def, scope);
    this.count('fallback', `definition:${def.kind}`);
    return this.closure(compileBody(this.tenv, def), scope);
  }

  /**
   * A history: the reference's walk (eval/history.ts compileHistory: order, ties, scratch
   * lines, transitions), its expressions generated here as functions of the walk's frame
   * `F` (each local name a constant: `F[K[i]]`), built once when the program is made.
   */
  private history(def: Definition, scope: Scope): string {
    const h = def.history!;
    const frame = new Map<string, string>();
    for (const name of [...def.params.map((p) => p.name), h.variable, 'previous', 'since']) frame.set(name, `F[${this.k(name)}]`);
    const exprs: Expr[] = [h.initial, h.start, h.source, ...(h.key ? [h.key] : []), ...(h.tie ? [h.tie] : []), ...h.rules.flatMap((r) => [r.when, r.then])];
    const fns = exprs.map((e) => `(ctx, F) => ${this.expr(e, frame)}`);
    const tenv = this.tenv;
    const walk = (made: Fn[]): Fn => compileHistory(tenv, def, new Map(exprs.map((e, j) => [e, made[j]!])));
    const name = this.fresh('t');
    this.hoisted.push(`const ${name} = ${this.k(walk)}([${fns.join(', ')}]);`);
    this.count('generated', 'definition:history');
    return `${name}(ctx, R.frame(${this.k(Object.freeze([...scope.keys()]))}, [${[...scope.values()].join(', ')}]))`;
  }

  /** Every rule tried in order, each in its line; then the notes, the winner and its value. */
  private rules(def: Definition, scope: Scope): string {
    const parent = this.fresh('t'), i = this.fresh('t');
    const held = def.rules!.map((r) => {
      const step: StepInfo = { kind: 'rule', name: r.name, clauses: r.clauses };
      return `(R.traceStep(ctx, ${parent}, ${this.k(step)}), R.traceStepEnd(ctx, ${parent}, ${this.expr(r.when, scope)} === true))`;
    });
    const then = def.rules!.map((r, n) => `${i} === ${n} ? ${this.expr(r.then, scope)} : `).join('');
    const otherwise = def.otherwise ? this.expr(def.otherwise, scope) : 'undefined';
    return `((${parent}) => ((${i}) => ${then}${otherwise})(R.tracedPick(ctx, ${parent}, ${this.k(def)}, [${held.join(', ')}])))(ctx.trace)`;
  }

  /** Every requirement checked in order, each in its line; the reasons of those not met collected. */
  private eligibility(def: Definition, scope: Scope): string {
    const parent = this.fresh('t'), reasons = this.fresh('t'), v = this.fresh('t');
    const checks = def.requirements!.map((r) => {
      const step: StepInfo = r.text ? { kind: 'requirement', name: r.reason, clauses: r.clauses, note: r.text } : { kind: 'requirement', name: r.reason, clauses: r.clauses };
      const open = `R.traceStep(ctx, ${parent}, ${this.k(step)});`;
      const test = this.expr(r.when, scope);
      return r.nested
        ? `${open} { const ${v} = ${test}; for (const x of ${v}.reasons) ${reasons}.push(x); R.traceStepEnd(ctx, ${parent}, ${v}.eligible); }`
        : `${open} { const ${v} = ${test} === true; if (!${v}) ${reasons}.push({ reason: ${this.k(r.reason)}, clauses: ${this.k(r.clauses)} }); R.traceStepEnd(ctx, ${parent}, ${v}); }`;
    });
    return `((${parent}) => { const ${reasons} = []; ${checks.join(' ')} return { eligible: ${reasons}.length === 0, reasons: ${reasons} }; })(ctx.trace)`;
  }
}

/** Kinds whose values are decimals: the reference keys them by value (argKey), so the memo does too. */
const NUMERIC = new Set<Ty['k']>(['money', 'unit', 'percent', 'decimal', 'integer']);
/** Kinds whose values are strings or numbers: no identity number to give. */
const PRIMITIVE = new Set<Ty['k']>(['text', 'enum', 'boolean', 'date', 'instant', ...NUMERIC]);
const inner = (t: Ty): Ty => (t.k === 'optional' ? inner(t.of) : t);

/**
 * Source of the traced function `d<i>` of a definition, memoised in its slot as the plain
 * program is, by arguments keyed as the reference's call keys are (decimals by value,
 * absent as one, everything else by identity): so a call is computed, or repeated, exactly
 * when the reference computes or repeats it. Objects get their identity numbers on entry,
 * in the reference's order: under a line, the key the call's own line or its repeat's makes
 * at once numbers them (nothing numbers another object in between); with no line (before
 * the explanation begins, under a scratch node) R.identify does. The key itself is made
 * only for a line that shows it. The memo holds the call's entry: its value and its line
 * (see CallEntry).
 */
function tracedDefinition(g: TracingGenerator, def: Definition, i: number, scope: Scope): string {
  const info = g.k(callInfo(g.tenv, def));
  const params = def.params.map((_, j) => `a${j}`);
  const objects = def.params.flatMap((p, j) => (PRIMITIVE.has(inner(p.type).k) ? [] : [`R.identify(ctx, a${j});`]));
  const identify = objects.length ? `if (ctx.trace === undefined || ctx.trace instanceof R.ScratchNode) { ${objects.join(' ')} } ` : '';
  const keys = def.params.map((p, j) => (NUMERIC.has(inner(p.type).k) ? `R.decKey(a${j} ?? null)` : `(a${j} === undefined ? null : a${j})`));
  const args = params.length ? `[${params.join(', ')}]` : 'R.NO_ARGS';
  // a repeat takes its key and JSON from the call's line when it has one: no arguments to gather then
  const repeat = params.length === 1 ? `R.traceRepeat1(ctx, ${info}, e, a0)`
    : `R.traceRepeat(ctx, ${info}, e, ${params.length ? `e.line === undefined ? ${args} : R.NO_ARGS` : args})`;
  const call = params.length === 1 ? `R.traceCall1(ctx, ${info}, T, a0)` : `R.traceCall(ctx, ${info}, T, ${args})`;
  const hit = (c: string) => `{ const e = ${c}; if (ctx.trace !== undefined) ${repeat}; return e.v; } `;
  let lookup: string, store: string;
  if (params.length === 0) {
    lookup = `if (S[${i}] !== R.UNSET) ${hit(`S[${i}]`)}`;
    store = `S[${i}] = e;`;
  } else {
    // as the plain program (codegen/index.ts memoised): the first call's arguments and entry
    // kept as `{a0, …, v}`, compared as the keys would; a call with other arguments turns
    // the slot into a chain of maps, one level per parameter, keyed as above
    const norm = def.params.map((p, j) => (NUMERIC.has(inner(p.type).k) ? `(a${j} ?? null)` : `(a${j} === undefined ? null : a${j})`));
    const same = def.params.map((p, j) => (NUMERIC.has(inner(p.type).k) ? `R.sameDec(m.a${j}, ${norm[j]})` : `m.a${j} === ${norm[j]}`)).join(' && ');
    const firstKeys = def.params.map((p, j) => (NUMERIC.has(inner(p.type).k) ? `R.decKey(f.a${j})` : `f.a${j}`));
    let walk = 'L = m; ';
    for (let j = 0; j < params.length - 1; j++) walk += `const k${j} = ${keys[j]}; let n${j} = L.get(k${j}); if (n${j} === undefined) L.set(k${j}, n${j} = new Map()); L = n${j}; `;
    walk += `k = ${keys[params.length - 1]}; `;
    lookup = `const m = S[${i}]; let L, k; if (m !== R.UNSET) { if (m instanceof Map) { ${walk}if (L.has(k)) ${hit('L.get(k)')}} else if (${same}) ${hit('m.v')}} `;
    store = `if (L !== undefined) L.set(k, e); else if (S[${i}] === R.UNSET) S[${i}] = { ${params.map((p, j) => `${p}: ${norm[j]}`).join(', ')}, v: e }; `
      + `else { const f = S[${i}]; R.memoMore(S, ${i}, f instanceof Map ? undefined : [${firstKeys.join(', ')}], [${keys.join(', ')}], e, false); }`;
  }
  const body = g.body(def, scope);
  const hoisted = g.hoisted.splice(0).map((x) => `${x}\n`).join('');
  return `${hoisted}function d${i}(ctx${params.map((p) => `, ${p}`).join('')}) { ${identify}const S = ctx.slots; ${lookup}`
    + `const T = ctx.trace; const o = T === undefined ? undefined : ${call}; `
    + `const v = ${body}; if (T !== undefined) R.traceReturn(ctx, T, o, ${info}, v); const e = { v, line: o, key: undefined, ref: undefined }; ${store} return v; }`;
}

/**
 * The plain generated program of the same artifact, and the plain evaluation kept beside a
 * traced one: a history's walk steps only the items the plain fold stepped (eval/history.ts).
 */
export interface PlainBeside { program: Compiled; ctxOf(traced: Ctx): Ctx }

/**
 * Compiles an artifact to the traced generated program; `generated` receives the source for
 * inspection. Without `plain`, history walks step every item (the same explanation, slower).
 */
export function compileTraced(artifact: Artifact, generated?: (g: Generated) => void, plain?: PlainBeside): Compiled {
  return compileFast(artifact, generated, {
    generator: (env, index) => new TracingGenerator(env, index),
    definition: (g, def, i, scope) => tracedDefinition(g as TracingGenerator, def, i, scope),
    helpers: HELPERS,
    walks: (slots) => (plain ? { slots, stepped: stepsOf(plain.program, plain.ctxOf) } : { slots }),
  });
}
