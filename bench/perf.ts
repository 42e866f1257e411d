/**
 * The performance figures of issue 14 in `npm run bench`: the generated evaluator against
 * the reference interpreter on generated inputs (fixed seed, outputs compared on every
 * input), a cold process's first result from a loaded artifact, and `eval --batch` with
 * one and two workers (throughput, scaling, peak RSS at two sizes). Sizes come from
 * BENCH_N (default 100 000 inputs per program) and BENCH_BATCH (default 100 000,1 000 000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compile } from '../compiler/compile.js';
import { loadWith, type Ruleset } from '../runtime/load.js';
import type { Artifact } from '../runtime/ir.js';
import { cases, type Case } from '../test/runtime/differential-inputs.js';
import { batchFigures } from './batch-cli.js';

const SEED = 20251130;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const rulesetOf = (a: Artifact, engine: 'fast' | 'reference') => { const r = loadWith(a, { engine }); if (!r.ok) throw new Error(r.error.message); return r.ruleset; };

/** Time per evaluation over all inputs (median of rounds, the engines alternating) and mismatches. */
function compareEngines(a: Artifact, inputs: Case[], rounds = 3): { ratio: number; mismatches: number; n: number; fast_us: number; reference_us: number } {
  const fast = rulesetOf(a, 'fast'), reference = rulesetOf(a, 'reference');
  const run = (r: Ruleset) => { const t0 = performance.now(); for (const c of inputs) r.evaluate(c.input, { asOf: c.asOf, readings: c.readings }); return (performance.now() - t0) / inputs.length; };
  let mismatches = 0;
  for (const c of inputs) {
    const o = { asOf: c.asOf, readings: c.readings };
    if (JSON.stringify(fast.evaluate(c.input, o)) !== JSON.stringify(reference.evaluate(c.input, o))) mismatches++;
  }
  const tf: number[] = [], tr: number[] = [];
  for (let i = 0; i < rounds; i++) { tr.push(run(reference)); tf.push(run(fast)); }
  const med = (xs: number[]) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  const f = med(tf), r = med(tr);
  return { ratio: round(r / f), mismatches, n: inputs.length, fast_us: round(f * 1000, 1), reference_us: round(r * 1000, 1) };
}

/** Runs a command as a new process; its wall time and its own CPU time (all threads, read at exit). */
function timed(args: string[]): { ms: number; cpu_ms: number } {
  const cpu = `data:text/javascript,${encodeURIComponent("process.on('exit', () => { const u = process.cpuUsage(); process.stderr.write('\\ncpu-us ' + (u.user + u.system) + '\\n'); });")}`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', cpu, ...args], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, cpu_ms: Number(/cpu-us (\d+)/.exec(r.stderr)![1]) / 1000 };
}

/** All figures; printed and merged into bench/results.json by run.ts. */
export async function perfFigures(): Promise<Record<string, unknown>> {
  // the batch inputs are 2.5 GB: removed after the run, whatever happens
  const dir = mkdtempSync(join(tmpdir(), 'rb-bench-'));
  try {
    return await figuresIn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function figuresIn(dir: string): Promise<Record<string, unknown>> {
  const n = Number(process.env.BENCH_N ?? 100_000);
  const [small, large] = (process.env.BENCH_BATCH ?? '100000,1000000').split(',').map(Number) as [number, number];
  const programs = { promo_kz: 'programs/promo-kz-summer-2025.rules', referral_ru: 'programs/referral-ru.rules' };
  const results: Record<string, unknown> = {};
  const engines: Record<string, unknown> = {};
  const artifacts: Record<string, string> = {};
  for (const [key, path] of Object.entries(programs)) {
    const a = compile(readFileSync(path, 'utf8')).artifact!;
    artifacts[key] = join(dir, `${key}.json`);
    writeFileSync(artifacts[key], JSON.stringify(a));
    const inputs = fc.sample(cases(a), { seed: SEED, numRuns: n });
    engines[key] = compareEngines(a, inputs);
    console.log(`${key}: generated ÷ reference ×${(engines[key] as { ratio: number }).ratio} faster on ${n} inputs, ${(engines[key] as { mismatches: number }).mismatches} mismatches`, engines[key]);
  }
  results.eval_fast_vs_reference = engines;
  // a fresh process: start, import the built runtime, load the artifact, evaluate one input
  const scenario = JSON.stringify(fc.sample(cases(JSON.parse(readFileSync(artifacts.referral_ru!, 'utf8')) as Artifact), { seed: SEED, numRuns: 1 })[0]!.input);
  const script = `import { load } from ${JSON.stringify(new URL('../dist/runtime/index.js', import.meta.url).href)}; import { readFileSync } from 'node:fs';
const r = load(JSON.parse(readFileSync(${JSON.stringify(artifacts.referral_ru)}, 'utf8'))); if (!r.ok) process.exit(3);
r.ruleset.evaluate(${scenario}, { asOf: '2025-10-10T12:00:00+03:00' });`;
  const coldFile = join(dir, 'cold.mjs');
  writeFileSync(coldFile, script);
  // alternating with an empty node process: the floor no module work can go below, under the same load
  const colds: number[] = [], coldCpu: number[] = [], empty: number[] = [], emptyCpu: number[] = [];
  for (let i = 0; i < 9; i++) {
    const c = timed([coldFile]), e = timed(['-e', '0']);
    colds.push(c.ms); coldCpu.push(c.cpu_ms); empty.push(e.ms); emptyCpu.push(e.cpu_ms);
  }
  const med = (xs: number[]) => round([...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!, 0);
  results.cold_load_ms = med(colds);
  results.cold_load = { wall_ms: med(colds), cpu_ms: med(coldCpu), node_empty_wall_ms: med(empty), node_empty_cpu_ms: med(emptyCpu) };
  console.log('cold load to first result (median of 9 processes, alternating with node -e 0):', results.cold_load);
  // batch: the referral program over generated inputs (bench/batch-cli.ts)
  const lines = fc.sample(cases(JSON.parse(readFileSync(artifacts.referral_ru!, 'utf8')) as Artifact), { seed: SEED, numRuns: 5000 }).map((c) => JSON.stringify(c.input));
  results.batch = await batchFigures(artifacts.referral_ru!, lines, dir, [small, large], Number(process.env.BENCH_BATCH_PAIRS ?? 2));
  const { rss_curve_1m: curve, ...batch } = results.batch as Record<string, unknown>;
  console.log('batch (whole process, referral-ru):', batch, '\nRSS (MB) against the share of the input read:', JSON.stringify(curve));
  return results;
}
