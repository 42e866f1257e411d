/**
 * The engine: compile, load and run scenarios, using only the public entry points of
 * the compiler and the runtime. Pure functions of their inputs (plus a small cache of
 * compiled programs), so the worker and tests can share them.
 */
import { IncrementalCompiler } from '../../../compiler/incremental.js';
import { loadCompiled, type Ruleset } from '../../../runtime/load.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { provideAjv } from '../../../runtime/input-validator.js';
import { runScenario, type Scenario } from '../../../runtime/scenario.js';
import { Rerun } from '../../../runtime/rerun.js';
import type { Artifact } from '../../../runtime/ir.js';
import type { Diag, ImpactRow, Outcome, ProgramMeta, RunSpec } from './protocol.js';
import type { TraceNode } from '../../../runtime/trace.js';
import type { RulesFile } from '../../../language/ast.js';
import { withTableFindings } from './table-findings.js';
import { sameData } from './same-data.js';

// a worker has no `require`: the runtime's input validator (a scenario's input that the
// strict decoder does not vouch for) gets ajv from here
provideAjv(Ajv2020);

/** A compiled program: its diagnostics and, when it compiled and loaded, the ruleset. */
export interface Compiled {
  diagnostics: Diag[];
  meta?: ProgramMeta;
  ruleset?: Ruleset;
  ast?: RulesFile;
  compileMs: number;
}

const cache = new Map<string, Compiled>();
const CACHE_SIZE = 4;
/**
 * The worker serves one editor: consecutive texts differ in one place, so the compiler
 * re-parses and re-checks only what the edit can have changed (compiler/incremental.ts).
 */
const compiler = new IncrementalCompiler();
/** The last results, reused for the outputs an edit cannot reach (runtime/rerun.ts). */
const rerun = new Rerun();

/** Compiles (or takes from the cache) one source text. Never throws. */
export function compileSource(source: string): Compiled {
  const hit = cache.get(source);
  if (hit) { cache.delete(source); cache.set(source, hit); return hit; }
  const t0 = performance.now();
  let compiled: Compiled;
  try {
    const r = compiler.compile(source, { path: 'program.rules' });
    const diagnostics: Diag[] = r.diagnostics.map((d) => ({
      code: d.code, severity: d.severity, message: d.message,
      span: { startLine: d.span.startLine, startColumn: d.span.startColumn, endLine: d.span.endLine, endColumn: d.span.endColumn },
    }));
    compiled = { diagnostics, compileMs: 0, ast: r.ast };
    if (r.artifact) {
      // loadCompiled: the artifact is this worker's compiler's own, so load's checks of foreign artifacts are skipped;
      // the same program as the last one loaded (an edit of a comment or of spacing) gets the same `evaluate` back
      const loaded = loadCompiled(r.artifact);
      if (loaded.ok) {
        compiled.ruleset = loaded.ruleset; compiled.meta = metaOf(r.artifact); compiled.diagnostics = withTableFindings(r.artifact, diagnostics);
      }
      else diagnostics.push({ code: loaded.error.code, severity: 'error', message: loaded.error.message, span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } });
    }
  } catch (err) {
    compiled = { diagnostics: [{ code: 'RB-INTERNAL', severity: 'error', message: `The compiler failed: ${(err as Error).message}`, span: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 } }], compileMs: 0 };
  }
  compiled.compileMs = performance.now() - t0;
  cache.set(source, compiled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return compiled;
}

/** The metadata last sent to the page, and its number (see the `diagnostics` answer in protocol.ts). */
let sentMeta: { id: number; meta: ProgramMeta } | undefined;

/**
 * What the `diagnostics` answer says of `c`'s metadata: its number (the same while its
 * content is), and the metadata itself unless the page holds that number (`held`, from the
 * request). Nothing when `c` did not compile.
 */
export function metaAnswer(c: Compiled, held: number | undefined): { meta?: ProgramMeta; metaId?: number } {
  if (!c.meta) return {};
  // compared as data, not as JSON text: writing out ~95 KB at every keystroke delayed the diagnostics by milliseconds
  if (!sentMeta || !sameData(c.meta, sentMeta.meta)) sentMeta = { id: (sentMeta?.id ?? 0) + 1, meta: c.meta };
  return sentMeta.id === held ? { metaId: sentMeta.id } : { meta: c.meta, metaId: sentMeta.id };
}

/** The artifact's metadata without its IR bodies. */
function metaOf(a: Artifact): ProgramMeta {
  const definitions: ProgramMeta['definitions'] = {};
  for (const d of a.definitions) definitions[d.name] = { kind: d.kind, type: d.type, params: d.params, clauses: d.clauses, ...(d.doc ? { doc: d.doc } : {}) };
  for (const o of a.outputs) definitions[o.name] = { kind: 'output', type: o.type, params: [], clauses: o.clauses, ...(o.doc ? { doc: o.doc } : {}) };
  return {
    program: a.program, enums: a.enums, records: a.records, readings: a.readings, inputs: a.inputs,
    clauses: a.clauses, schemas: a.schemas, definitions, outputs: a.outputs.map((o) => o.name),
  };
}

/** The scenario as run: the page's reading overrides on top of its own readings. */
export function effectiveScenario(s: Scenario, overrides: Record<string, string>, meta?: ProgramMeta): Scenario {
  const known = new Set(meta?.readings.map((r) => r.name) ?? []);
  const readings = { ...(s.readings ?? {}) };
  for (const [k, v] of Object.entries(overrides)) if (known.has(k)) readings[k] = v;
  return { ...s, expect: s.expect ?? {}, readings };
}

/**
 * The last run of runAll: evaluation is deterministic, so the same program (the same
 * `evaluate`, which loadCompiled hands back only for the same program) and run give the same answer.
 */
let lastRun: { program: Ruleset['evaluate']; run: string; result: { outcomes: Outcome[]; trace?: TraceNode[] } } | undefined;

/** What the user sees first: the outcomes of the selected scenario and of the scenario rows in view. */
export interface FirstResults { entries: [number, Outcome][] }

/**
 * Runs every scenario; the selected one with an explanation trace. When the program and the
 * run are those of the last call, its answer is returned as it is: those scenarios cannot
 * have changed. Otherwise each scenario computes only the outputs the edit since the last
 * program can have changed (runtime/rerun.ts).
 *
 * With `onFirst`, the scenarios of `run.first` run before the others, without explanation,
 * and `onFirst` gets their outcomes, so the page can draw what the user sees while the rest
 * run; then the selected scenario runs again with its explanation and `onTrace` gets the
 * trace, then the others run. An explanation costs a program of its own after an edit (the
 * traced program: runtime/codegen/trace.ts) and is the largest part of any answer to copy
 * to the page, so the figures in view do not wait for it. The outcome of the selected
 * scenario is the plain run's: an explanation never changes a value (test/runtime/trace-identity.test.ts).
 */
export function runAll(
  c: Compiled, run: RunSpec, onFirst?: (first: FirstResults) => void, onTrace?: (trace: TraceNode[] | undefined) => void,
): { outcomes: Outcome[]; trace?: TraceNode[] } {
  if (!c.ruleset) return { outcomes: [] };
  // the page numbers its scenarios: writing out ~85 KB of them to compare would delay the first answer
  const runKey = JSON.stringify({ ...run, first: undefined, scenarios: run.scenariosKey ?? run.scenarios, scenariosKey: undefined });
  const program = c.ruleset.evaluate;
  if (lastRun?.program === program && lastRun.run === runKey) return lastRun.result;
  const outcomes: Outcome[] = new Array(run.scenarios.length);
  let trace: TraceNode[] | undefined;
  const one = (i: number, explain = i === run.selected) => {
    const r = evaluateOne(c, run, i, explain);
    outcomes[i] = r.outcome;
    if (explain) trace = r.trace;
  };
  const first = [...new Set([run.selected, ...(run.first ?? [])])].filter((i) => Number.isInteger(i) && i >= 0 && i < run.scenarios.length);
  if (onFirst && first.length < run.scenarios.length) {
    first.forEach((i) => one(i, false));
    onFirst({ entries: first.map((i) => [i, outcomes[i]!]) });
    const selected = run.selected;
    if (first.includes(selected)) trace = evaluateOne(c, run, selected, true).trace;
    onTrace?.(trace);
  }
  for (let i = 0; i < run.scenarios.length; i++) if (!outcomes[i]) one(i);
  const result = { outcomes, trace };
  lastRun = { program, run: runKey, result };
  return result;
}

function evaluateOne(c: Compiled, run: RunSpec, i: number, explain: boolean): { outcome: Outcome; trace?: TraceNode[] } {
  const s = run.scenarios[i]!;
  const eff = effectiveScenario(s, run.overrides, c.meta);
  try {
    const o = runScenario(c.ruleset!, eff, explain, rerun);
    return {
      outcome: {
        name: o.name, passed: o.passed, mismatches: o.mismatches, ok: o.result.ok,
        ...(o.result.ok ? { outputs: o.result.outputs, readings: o.result.readings } : { error: o.result.error }),
      },
      trace: o.result.ok ? o.result.trace : undefined,
    };
  } catch (err) {
    return { outcome: { name: s.name, passed: false, mismatches: [(err as Error).message], ok: false, error: { code: 'RB-E-INTERNAL', message: (err as Error).message } } };
  }
}

/** Every output of every scenario that differs between the saved and the edited program. */
export function impact(saved: string, edited: string, run: RunSpec): { rows: ImpactRow[]; compared: number; problem?: string } {
  const before = compileSource(saved);
  const after = compileSource(edited);
  if (!after.ruleset) return { rows: [], compared: 0, problem: 'The edited rules do not compile; fix the errors to compare.' };
  if (!before.ruleset) return { rows: [], compared: 0, problem: 'The saved rules do not compile.' };
  const spec = { ...run, selected: -1 };
  const b = runAll(before, spec).outcomes;
  const a = runAll(after, spec).outcomes;
  const rows: ImpactRow[] = [];
  a.forEach((o, i) => {
    const p = b[i]!;
    if (!o.ok || !p.ok) {
      const bv = p.ok ? 'ok' : `${p.error?.code}: ${p.error?.message}`;
      const av = o.ok ? 'ok' : `${o.error?.code}: ${o.error?.message}`;
      if (bv !== av) rows.push({ scenario: o.name, output: '(evaluation)', before: bv, after: av });
      return;
    }
    const names = new Set([...Object.keys(p.outputs ?? {}), ...Object.keys(o.outputs ?? {})]);
    for (const n of names) {
      const x = p.outputs?.[n], y = o.outputs?.[n];
      if (JSON.stringify(x) !== JSON.stringify(y)) rows.push({ scenario: o.name, output: n, before: x ?? null, after: y ?? null });
    }
  });
  return { rows, compared: a.length };
}
