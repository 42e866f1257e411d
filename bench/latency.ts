/**
 * The latency figures of issue 14 in `npm run bench`:
 * - `edit_latency_ms`: what the playground's worker does on every keystroke in the largest
 *   program (by lines, chosen when the bench runs): parse + check + load, then evaluate every
 *   scenario (the first with its explanation, as the selected one in the page), warm. Each
 *   round adds a comment at the end of another line (a different declaration each time), so
 *   no cache answers; the parse is the worker's incremental one (language/incremental.ts),
 *   which re-parses the edited declaration, and `loadCompiled`, which trusts the artifact it
 *   has just compiled; `full_compile_median` is the same compile without the incremental parse. It runs the built modules in dist/ (what the
 *   CLI runs and close to the playground's bundle): tsx's keep-names helper would slow the
 *   parser's closures and measure the loader, not the code.
 * - `cold_check_s`: `rulebook check` of every program as a whole new process.
 * - `help_ms`: `rulebook --help` as a whole new process.
 */
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Scenario } from '../runtime/scenario.js';
import { processMs } from './backend.js';

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!; };
const dist = (path: string) => new URL(`../dist/${path}`, import.meta.url).href;

/** Every programs/*.rules, and the one with the most lines. */
function programs(): { all: string[]; largest: string } {
  const all = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort().map((f) => join('programs', f));
  const lines = (p: string) => readFileSync(p, 'utf8').split('\n').length;
  const largest = all.reduce((best, p) => (lines(p) > lines(best) ? p : best));
  return { all, largest };
}

/** Median and p95 of one keystroke's work in the playground's worker, with a breakdown of medians. */
export async function editLatency(path: string, rounds = 60, warmup = 10) {
  const { compile } = (await import(dist('compiler/compile.js'))) as typeof import('../compiler/compile.js');
  const { IncrementalParser } = (await import(dist('language/incremental.js'))) as typeof import('../language/incremental.js');
  const { loadCompiled } = (await import(dist('runtime/load.js'))) as typeof import('../runtime/load.js');
  const { runScenario } = (await import(dist('runtime/scenario.js'))) as typeof import('../runtime/scenario.js');
  const source = readFileSync(path, 'utf8');
  const scenarioFile = path.replace(/\.rules$/, '.scenarios.yaml');
  const scenarios = existsSync(scenarioFile) ? ((parseYaml(readFileSync(scenarioFile, 'utf8')) as { scenarios: Scenario[] }).scenarios) : [];
  const total: number[] = [], check: number[] = [], evaluate: number[] = [], full: number[] = [];
  const parser = new IncrementalParser();
  let failed = 0, text = source;
  for (let i = 0; i < warmup + rounds; i++) {
    // the edits accumulate, as typing does: each text differs from the last in one place
    const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index);
    const at = lineEnds[(i * 37) % lineEnds.length]!;
    text = `${text.slice(0, at)} # edit ${i}${text.slice(at)}`;
    const t0 = performance.now();
    const compiled = compile(text, { path, parser });
    const loaded = compiled.artifact ? loadCompiled(compiled.artifact) : undefined;
    if (!loaded?.ok) throw new Error(`${path} does not compile and load`);
    const t1 = performance.now();
    scenarios.forEach((s, k) => { if (!runScenario(loaded.ruleset, { ...s, expect: s.expect ?? {} }, k === 0).passed) failed++; });
    const t2 = performance.now();
    compile(text, { path });
    const t3 = performance.now();
    if (i >= warmup) { total.push(t2 - t0); check.push(t1 - t0); evaluate.push(t2 - t1); full.push(t3 - t2); }
  }
  return {
    median: round(quantile(total, 0.5)), p95: round(quantile(total, 0.95)),
    program: path, lines: source.split('\n').length, scenarios: scenarios.length, failing_scenarios: failed / (warmup + rounds),
    parse_check_load_median: round(quantile(check, 0.5)), evaluate_median: round(quantile(evaluate, 0.5)),
    full_compile_median: round(quantile(full, 0.5)),
  };
}

/** All three figures; printed here, merged into bench/results.json by run.ts. */
export async function latencyFigures(): Promise<Record<string, unknown>> {
  const { all, largest } = programs();
  const edit = await editLatency(largest);
  console.log(`\nedit loop, ${edit.program} (${edit.lines} lines, ${edit.scenarios} scenarios): median ${edit.median} ms, p95 ${edit.p95} ms (target ≤ 16 / ≤ 50)`);
  console.log(`  of which parse + check + load ${edit.parse_check_load_median} ms, evaluating every scenario ${edit.evaluate_median} ms (medians); a compile without the incremental parse: ${edit.full_compile_median} ms`);
  const check = processMs(['check', ...all], 5);
  console.log(`rulebook check of ${all.length} programs: ${check.wall_ms} ms wall, ${check.cpu_ms} ms CPU (whole process, median of 5; target ≤ 1 s)`);
  const help = processMs(['--help'], 9);
  console.log(`rulebook --help: ${help.wall_ms} ms wall, ${help.cpu_ms} ms CPU (whole process, median of 9; target ≤ 300 ms)`);
  return {
    edit_latency_ms: edit,
    cold_check_s: round(check.wall_ms / 1000, 2), cold_check_cpu_s: round(check.cpu_ms / 1000, 2), cold_check_programs: all.length,
    help_ms: help.wall_ms, help_cpu_ms: help.cpu_ms,
  };
}

/** Measures, prints and merges the figures into bench/results.json (run.ts's one call). */
export async function benchLatency(file = 'bench/results.json'): Promise<void> {
  const figures = await latencyFigures();
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`);
}
