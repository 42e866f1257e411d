/**
 * The generated evaluator: at load, every definition and output becomes one JavaScript
 * function in a program built with `new Function` from a constants table (see
 * generate.ts for why no program text reaches the source). Definitions are memoised in
 * per-evaluation slots: a value without parameters is a lazy slot, a function a chain
 * of maps keyed by its arguments' identity — no string keys. The reference evaluator
 * (compile-ir.ts) stays for explanations and for the differential test.
 */
import type { Artifact, Definition, Ty } from '../ir.js';
import { createEnv, type Compiled } from '../compile-ir.js';
import { compileBody } from '../eval/definitions.js';
import type { Env, WalkSupport } from '../eval/common.js';
import { Generator, type Coverage, type Scope } from './generate.js';
import { R } from './support.js';
import { definitionBody } from './definitions.js';
import { sameTexts } from '../selection.js';
import { IvSite, chainFunctions, ivMemoised, trackedDefinitions } from './intervals.js';

/** The generated program's source and coverage, kept for tests and the bench report. */
export interface Generated { source: string; constants: unknown[]; coverage: Coverage }

/** Decimals are compared by value (a computed amount is a new object each time); all else by identity. */
const byValue = (t: Ty): boolean => ['money', 'percent', 'decimal', 'integer'].includes(t.k) || (t.k === 'optional' && byValue(t.of));

/**
 * Source of the memoised function `d<i>` with parameters a0..an-1; `numeric` marks the
 * decimal ones, `day` a last parameter that is a date.
 *
 * The first call of an evaluation keeps its arguments as they came, with the value, in one
 * object `{a0, …, an-1, v}`: most definitions are called once per evaluation, or again with
 * the very same values, so no key is computed and no map built for them. A later call finds
 * that value when its arguments are the same: identical, or decimals of equal value
 * (`R.sameDec`, the memo key's equality). A call with other arguments turns the slot into
 * the full memo (support.ts `memoMore`): a chain of maps keyed as the reference keys calls
 * (decimals by value, everything else by identity), a date last in a DayMemo.
 */
function memoised(i: number, arity: number, body: string, numeric: boolean[] = [], day = false): string {
  const params = Array.from({ length: arity }, (_, j) => `a${j}`);
  const keys = params.map((p, j) => (numeric[j] ? `R.decKey(${p})` : p));
  const head = `function d${i}(ctx${params.map((p) => `, ${p}`).join('')}) { const S = ctx.slots; `;
  if (arity === 0) return `${head}const c = S[${i}]; if (c !== R.UNSET) return c; const v = ${body}; S[${i}] = v; return v; }`;
  // the keys of the first call, read from its object `f` when a call with other arguments makes the full memo
  const firstKeys = params.map((p, j) => (numeric[j] ? `R.decKey(f.${p})` : `f.${p}`));
  const same = params.map((p, j) => (numeric[j] ? `R.sameDec(m.${p}, ${p})` : `m.${p} === ${p}`)).join(' && ');
  // the full memo: a DayMemo for one date parameter, else a chain of maps (its last level a
  // DayMemo when the last parameter is a date). A call that finds it walks it inline, making
  // the levels it lacks, and keeps the last level `L` and key `k` to store its value there.
  const full = day && arity === 1 ? 'R.DayMemo' : 'Map';
  let walk = 'L = m; ';
  for (let j = 0; j < arity - 1; j++) {
    const make = day && j === arity - 2 ? 'new R.DayMemo()' : 'new Map()';
    walk += `const k${j} = ${keys[j]}; let n${j} = L.get(k${j}); if (n${j} === undefined) L.set(k${j}, n${j} = ${make}); L = n${j}; `;
  }
  walk += `k = ${keys[arity - 1]}; `;
  // a DayMemo answers UNSET for a day it lacks; a Map is asked first
  const hit = day ? 'const c = L.get(k); if (c !== R.UNSET) return c;' : 'if (L.has(k)) return L.get(k);';
  return `${head}const m = S[${i}]; let L, k; if (m !== R.UNSET) { if (m instanceof ${full}) { ${walk}${hit} } else if (${same}) return m.v; } `
    + `const v = ${body}; if (L !== undefined) L.set(k, v); else if (S[${i}] === R.UNSET) S[${i}] = { ${params.join(', ')}, v }; `
    + `else { const f = S[${i}]; R.memoMore(S, ${i}, f instanceof ${full} ? undefined : [${firstKeys.join(', ')}], [${keys.join(', ')}], v, ${day ? 'true' : 'false'}); } return v; }`;
}

/** Another program generated from the same artifact (the traced one: codegen/trace.ts): its generator, definitions and helpers. */
export interface Variant {
  generator(env: Env, index: ReadonlyMap<string, number>): Generator;
  /** Source of the whole function `d<i>` of a definition, parameters a0..an-1. */
  definition(g: Generator, def: Definition, i: number, scope: Scope): string;
  /** What the program's `R` is. */
  helpers: object;
  /** What the history walks left to the reference's closures get (eval/common.ts WalkSupport), given fresh slots. */
  walks?(slots: () => unknown[]): WalkSupport;
}

/** How many program factories are kept (see factoryOf). */
const FACTORIES = 8;
type Factory = (K: unknown[], R: object) => unknown;
/** The factories made last, the most recent first, each with the parts of its source. */
const factories: { parts: readonly string[]; f: Factory }[] = [];

/**
 * The function that makes a program of this source (`parts`, one per line: the program is
 * their lines) from its constants, made once per source. A value edit in the playground
 * changes a constant, not the source (constants are in K): the program then comes from the
 * same factory, and its functions share the type feedback and optimised code of the last
 * program's (V8 keeps them per closure site), where a factory made anew would run its first
 * evaluations unoptimised. The most recent sources are kept (a server reloading one artifact
 * gets the same benefit).
 *
 * Found by comparing the parts, one function each: the whole text is made only for a new
 * factory. A traced program's source passes 128 KB (partner-intl's is 139 KB), and V8 puts a
 * string that large in its large-object space, where making one cost about 0.6 ms in this
 * session's measures (against 10 µs for 120 KB): joining the text and flattening it to compare
 * were 1.3 ms of the 6.6 ms a traced program took to generate.
 */
function factoryOf(parts: readonly string[]): Factory {
  const at = factories.findIndex((x) => sameTexts(x.parts, parts));
  if (at >= 0) {
    const hit = factories[at]!;
    if (at > 0) { factories.splice(at, 1); factories.unshift(hit); }
    return hit.f;
  }
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is generated text only (see generate.ts)
  const f = new Function('K', 'R', parts.join('\n')) as Factory;
  factories.unshift({ parts, f });
  if (factories.length > FACTORIES) factories.pop();
  return f;
}

/** Compiles an artifact to generated JavaScript; `generated` receives the source for inspection. */
export function compileFast(artifact: Artifact, generated?: (g: Generated) => void, variant?: Variant): Compiled {
  const env = createEnv(artifact);
  const defs = artifact.definitions, outs = artifact.outputs;
  const index = new Map<string, number>();
  defs.forEach((d, i) => index.set(d.name, i));
  outs.forEach((o, j) => index.set(o.name, defs.length + j));
  const g = variant ? variant.generator(env, index) : new Generator(env, index);
  const fns: string[] = [];
  // definitions over a day remembered for the interval of days their value holds on (intervals.ts)
  const tracked = variant ? undefined : trackedDefinitions(artifact);
  g.ivTracked = tracked;
  defs.forEach((def, i) => {
    const scope = new Map(def.params.map((p, j) => [p.name, `a${j}`]));
    if (variant) { fns.push(variant.definition(g, def, i, scope)); return; }
    const arity = def.params.length, numeric = def.params.map((p) => byValue(p.type));
    g.iv = tracked?.has(def.name) ? new IvSite(`a${arity - 1}`, tracked) : undefined;
    // histories, dated tables and ledgers: the reference body, memoised here
    let body = def.kind === 'value' && def.body ? g.expr(def.body, scope) : definitionBody(g, def, scope);
    if (body === undefined) { g.count('fallback', `definition:${def.kind}`); body = g.closure(compileBody(env, def), scope); }
    fns.push(g.iv ? ivMemoised(i, arity, body, numeric) : memoised(i, arity, body, numeric, def.params.at(-1)?.type.k === 'date'));
    g.iv = undefined;
  });
  outs.forEach((o, j) => fns.push(memoised(defs.length + j, 0, g.expr(o.body, new Map()))));
  fns.push(...chainFunctions(g));
  const count = defs.length + outs.length;
  const parts = ['"use strict";', ...fns, `return [${Array.from({ length: count }, (_, i) => `d${i}`).join(', ')}];`];
  const made = factoryOf(parts)(g.K, variant ? variant.helpers : R) as ((...a: unknown[]) => unknown)[];
  // the reference closures that were fallen back to call definitions through env.callables
  defs.forEach((d, i) => { const f = made[i]!; env.callables[d.name] = (ctx, args) => f(ctx, ...args); });
  const outputs = outs.map((o, j) => {
    const f = made[defs.length + j]!;
    env.callables[o.name] = (ctx) => f(ctx);
    return { name: o.name, type: o.type, clauses: o.clauses, fn: (ctx: Parameters<typeof f>[0]) => f(ctx) };
  });
  generated?.({ source: parts.join('\n'), constants: g.K, coverage: g.coverage });
  const inputChecks = defs.filter((d) => d.kind === 'dated' && d.dated?.inputPath).map((d) => d.name);
  // copied from a packed template: `new Array(n).fill` gives a holey array, slower to read
  const template: unknown[] = [];
  for (let i = 0; i < count; i++) template.push(R.UNSET);
  const slots = () => template.slice();
  if (variant?.walks) env.walks = variant.walks(slots);
  const names = [...defs.map((d) => d.name), ...outs.map((o) => o.name)];
  const reached = (s: readonly unknown[]): string[] => {
    const got: string[] = [];
    for (let i = 0; i < names.length; i++) if (s[i] !== R.UNSET) got.push(names[i]!);
    return got;
  };
  return { callables: env.callables, outputs, codec: env.codec, inputChecks, slots, reached };
}
