/**
 * The latency figures of issue 14 in `npm run bench`:
 * - `edit_latency_ms`: what the playground's worker does on every keystroke in the largest
 *   program (by lines, chosen when the bench runs): parse + check + load, then evaluate every
 *   scenario (the first with its explanation, as the selected one in the page), warm. The
 *   rounds alternate the two edits a product manager makes (`edited`): a comment at the end
 *   of a line, and a new figure (one digit of a number in the code changed), each in another
 *   declaration, so no cache answers a whole keystroke. The compile is the worker's
 *   incremental one (compiler/incremental.ts: re-parses and re-checks what the edit can have
 *   changed), then `loadCompiled`, which trusts the artifact it has just compiled;
 *   `full_compile_median` is a compile from scratch; `parse_check_load_by_edit` splits the
 *   first half by kind of edit. Scenarios run through runtime/rerun.ts as in the worker: every
 *   scenario is answered on every keystroke, computing the outputs the edit can have changed
 *   (the first, explained, in full). It runs the built modules in dist/ (what the CLI runs and
 *   close to the playground's bundle): tsx's keep-names helper would slow the parser's
 *   closures and measure the loader, not the code. It runs in a process of its own, as the
 *   worker is one, not on the heap the bench's earlier figures leave behind (100 000-input
 *   engine comparisons, batch inputs).
 * - `cold_check_s`: `rulebook check` of every program as a whole new process.
 * - `help_ms`: `rulebook --help` as a whole new process.
 */
import { readFileSync, readdirSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
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
  const { IncrementalCompiler } = (await import(dist('compiler/incremental.js'))) as typeof import('../compiler/incremental.js');
  const { loadCompiled } = (await import(dist('runtime/load.js'))) as typeof import('../runtime/load.js');
  const { runScenario } = (await import(dist('runtime/scenario.js'))) as typeof import('../runtime/scenario.js');
  const { Rerun } = (await import(dist('runtime/rerun.js'))) as typeof import('../runtime/rerun.js');
  // as the worker does: outputs an edit cannot reach are taken from the last program's results (BENCH_EDIT_RERUN=0: every output computed)
  const rerun = process.env.BENCH_EDIT_RERUN === '0' ? undefined : new Rerun();
  const source = readFileSync(path, 'utf8');
  const scenarioFile = path.replace(/\.rules$/, '.scenarios.yaml');
  const scenarios = existsSync(scenarioFile) ? ((parseYaml(readFileSync(scenarioFile, 'utf8')) as { scenarios: Scenario[] }).scenarios) : [];
  const total: number[] = [], check: number[] = [], evaluate: number[] = [], full: number[] = [];
  const byKind: Record<EditKind, number[]> = { comment: [], value: [] };
  const incremental = new IncrementalCompiler();
  let failed = 0, text = source;
  const texts: string[] = [];
  for (let i = 0; i < warmup + rounds; i++) {
    // the edits accumulate, as typing does: each text differs from the last in one place
    const kind: EditKind = i % 2 ? 'value' : 'comment';
    text = edited(text, i, kind);
    const t0 = performance.now();
    const compiled = incremental.compile(text, { path });
    const loaded = compiled.artifact ? loadCompiled(compiled.artifact) : undefined;
    if (!loaded?.ok) throw new Error(`${path} does not compile and load after edit ${i} (${kind}): ${compiled.diagnostics[0]?.message ?? ''}`);
    const t1 = performance.now();
    scenarios.forEach((s, k) => { if (!runScenario(loaded.ruleset, { ...s, expect: s.expect ?? {} }, k === 0, rerun).passed) failed++; });
    const t2 = performance.now();
    if (i >= warmup) { total.push(t2 - t0); check.push(t1 - t0); evaluate.push(t2 - t1); byKind[kind].push(t1 - t0); texts.push(text); }
  }
  // the whole compile of the same texts, for comparison, after the loop: its garbage (a whole
  // compile makes several times what a keystroke makes) would otherwise be collected inside the keystrokes timed
  for (const t of texts) {
    const t0 = performance.now();
    compile(t, { path });
    full.push(performance.now() - t0);
  }
  return {
    median: round(quantile(total, 0.5)), p95: round(quantile(total, 0.95)),
    program: path, lines: source.split('\n').length, scenarios: scenarios.length, failing_scenarios: failed / (warmup + rounds),
    parse_check_load_median: round(quantile(check, 0.5)), evaluate_median: round(quantile(evaluate, 0.5)),
    full_compile_median: round(quantile(full, 0.5)),
    parse_check_load_by_edit: Object.fromEntries(Object.entries(byKind).map(([k, xs]) => [k, { median: round(quantile(xs, 0.5)), p95: round(quantile(xs, 0.95)) }])),
  };
}

/** What a product manager types: a note at the end of a line, or a new figure in a value (a digit changed). */
type EditKind = 'comment' | 'value';

/**
 * Edit `i` of the text, at a place that moves through the program (a different declaration
 * each time): a comment at the end of a line, or the digit of a number in the code (not in a
 * comment, a quoted description or a citation) changed, which re-checks and regenerates the
 * definition holding it.
 */
function edited(text: string, i: number, kind: EditKind): string {
  if (kind === 'comment') {
    const lineEnds = [...text.matchAll(/\n/g)].map((m) => m.index);
    const at = lineEnds[(i * 37) % lineEnds.length]!;
    return `${text.slice(0, at)} # edit ${i}${text.slice(at)}`;
  }
  const at = codeDigit(text, i);
  const old = text[at]!;
  const next = nextDigit(old);
  return `${text.slice(0, at)}${next}${text.slice(at + 1)}`;
}

/**
 * The offset of the digit edit `i` changes: a digit of a number literal in a code line
 * (after `=`, in a comparison, a row or an amount; not in a comment, a quoted description,
 * a citation, a date or a time), at a place that moves through the program. The browser
 * latency test (test/browser/latency.ts) types its value edits at the same places.
 */
export function codeDigit(text: string, i: number): number {
  const digits = [...text.matchAll(/^[^#"§\n]*?[=<>|+*(,] *(\d)/gm)].map((m) => m.index + m[0].length - 1);
  // not in a date or a time (41.12.2019 is no date): a number with at most one separator
  const isNumber = (at: number) => (/^[\d.:-]*/.exec(text.slice(at))![0].match(/[.:-]/g)?.length ?? 0) <= 1;
  let k = (i * 37) % digits.length;
  while (!isNumber(digits[k]!)) k = (k + 1) % digits.length;
  return digits[k]!;
}

/** The digit that replaces `old` in a value edit: 1 <-> 2 and so on, keeping the number's shape (no leading zero, no new scale), so the program stays valid. */
export const nextDigit = (old: string): string => (old === '0' ? '0' : String.fromCharCode(old === '9' ? 0x38 : old.charCodeAt(0) + 1));

/** `editLatency` of `path` in a new process (see the file's comment), read from its output. */
function editLatencyApart(path: string): Awaited<ReturnType<typeof editLatency>> {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--edit-loop', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as Awaited<ReturnType<typeof editLatency>>;
}

// `node --import tsx bench/latency.ts --edit-loop <program>`: the edit loop alone, as one line of JSON
if (process.argv[2] === '--edit-loop' && process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await editLatency(process.argv[3]!)));
}

/** All three figures; printed here, merged into bench/results.json by run.ts. */
export async function latencyFigures(): Promise<Record<string, unknown>> {
  const { all, largest } = programs();
  const edit = editLatencyApart(largest);
  console.log(`\nedit loop, ${edit.program} (${edit.lines} lines, ${edit.scenarios} scenarios): median ${edit.median} ms, p95 ${edit.p95} ms (target ≤ 16 / ≤ 50)`);
  console.log(`  of which parse + check + load ${edit.parse_check_load_median} ms, evaluating every scenario ${edit.evaluate_median} ms (medians); a compile without the incremental parse: ${edit.full_compile_median} ms`);
  console.log(`  parse + check + load by edit: ${Object.entries(edit.parse_check_load_by_edit).map(([k, v]) => `${k} ${v.median} / ${v.p95} ms`).join(', ')} (median / p95)`);
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
