/**
 * `node --import tsx bench/explain-cost.ts [program…]`: what an explanation costs per
 * program: evaluate with `explain: true` (the traced generated program) ÷ plain evaluate
 * (the generated program), and the reference interpreter with a trace (what explained
 * before the traced program) for comparison, over every scenario of the program, the sides
 * timed in turn (see measure). `BENCH_DIST=1` measures the shipped build (dist/, after
 * `npm run build`; `BENCH_DIST=<folder>`: another build, for an A/B of two commits);
 * `BENCH_RUNS` sets the rounds; each program runs in a process of its own
 * (`BENCH_ONE_PROCESS=1`: all in this one). Times are CPU times; the ratios are of one run.
 */
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compile } from '../compiler/compile.js';
import type { Ruleset, LoadResult, PrepareOptions } from '../runtime/load.js';

// BENCH_DIST=1: dist/; a folder: that build (another commit's dist/, for an A/B of two builds)
const dist = process.env.BENCH_DIST;
const loader = (dist ? await import(dist === '1' ? '../dist/runtime/load.js' : pathToFileURL(`${dist}/runtime/load.js`).href) : await import('../runtime/load.js')) as {
  load(a: unknown): LoadResult;
  loadWith(a: unknown, o: PrepareOptions): LoadResult;
};
const ROUNDS = Number(process.env.BENCH_RUNS ?? 15);
/** CPU milliseconds each side runs before it is timed (tier-up of both programs), and the least one timed block lasts. */
const WARM_MS = 1500, BLOCK_MS = 60;

const medianOf = (xs: number[]): number => xs.sort((a, b) => a - b)[xs.length >> 1]!;
const ruleset = (r: LoadResult): Ruleset => (r.ok ? r.ruleset : (() => { throw new Error(r.error.message); })());

type Scenario = { name: string; input: unknown; as_of?: string; readings?: Record<string, string> };

/** CPU time of this process in ms (all its threads: the collector's too): unlike wall time, not inflated by other processes. */
const cpu = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

/**
 * CPU milliseconds per evaluation of each side, median over rounds. Each side first runs
 * for WARM_MS of CPU (a plain pass over the suite is a few milliseconds: timed from the
 * start, it would be timed before V8 has optimised it, and the ratio would flatter the
 * explanation); then a round times each side on a block of passes lasting at least
 * BLOCK_MS, the sides in turn, so each pays for its own garbage (a side timed right after
 * the other would collect the other's). The rounds' times are returned too: a ratio is the
 * median of the rounds' ratios, each of two blocks timed back to back, so a host that slows
 * down or speeds up for a while (these are shared machines) moves both sides of it alike.
 */
function measure(sides: Record<string, () => void>, evaluations: number): { median: Record<string, number>; rounds: Record<string, number[]> } {
  const passes: Record<string, number> = {};
  for (const [name, pass] of Object.entries(sides)) {
    let n = 0;
    const t0 = cpu();
    while (cpu() - t0 < WARM_MS) { pass(); n++; }
    passes[name] = Math.max(1, Math.ceil(BLOCK_MS / ((cpu() - t0) / n)));
  }
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, pass] of Object.entries(sides)) {
      const t0 = cpu(), k = passes[name]!;
      for (let i = 0; i < k; i++) pass();
      times[name]!.push((cpu() - t0) / k / evaluations);
    }
  }
  return { median: Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, medianOf([...xs])])), rounds: times };
}

const programs = process.argv.slice(2).length ? process.argv.slice(2) : ['referral-ru', 'partner-ua', 'partner-intl', 'promo-kz-summer-2025', 'atrealt'];
// one process per program: in one process the programs run before make the shared tracing and
// encoding functions polymorphic for the next (promo-kz measured ×1.9 alone, up to ×3.3 fourth)
if (programs.length > 1 && !process.env.BENCH_ONE_PROCESS) {
  for (const p of programs) execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), p], { stdio: 'inherit' });
  process.exit(0);
}
for (const p of programs) {
  const artifact = compile(readFileSync(`programs/${p}.rules`, 'utf8')).artifact!;
  const fast = ruleset(loader.load(artifact)), reference = ruleset(loader.loadWith(artifact, { engine: 'reference' }));
  const scenarios = (parseYaml(readFileSync(`programs/${p}.scenarios.yaml`, 'utf8')) as { scenarios: Scenario[] }).scenarios;
  const opts = scenarios.map((s) => ({ asOf: s.as_of, readings: s.readings }));
  const explain = opts.map((o) => ({ ...o, explain: true }));
  const { median: m, rounds } = measure({
    plain: () => { for (let i = 0; i < scenarios.length; i++) fast.evaluate(scenarios[i]!.input, opts[i]); },
    explained: () => { for (let i = 0; i < scenarios.length; i++) fast.evaluate(scenarios[i]!.input, explain[i]); },
  }, scenarios.length);
  // the reference after, on its own: both share the tracing functions, and a process explains with one of them
  m.reference = measure({ reference: () => { for (let i = 0; i < scenarios.length; i++) reference.evaluate(scenarios[i]!.input, explain[i]); } }, scenarios.length).median.reference!;
  const ratio = medianOf(rounds.explained!.map((x, i) => x / rounds.plain![i]!));
  console.log(`${p.padEnd(22)} ${scenarios.length} scenarios: plain ${m.plain!.toFixed(3)} ms, explained ${m.explained!.toFixed(3)} ms, reference explained ${m.reference!.toFixed(3)} ms; explanation ×${ratio.toFixed(2)} (the reference's ×${(m.reference! / m.plain!).toFixed(2)})`);
}
