/**
 * The performance figures of issue 14 in `npm run bench`: the generated evaluator against
 * the reference interpreter on generated inputs (fixed seed, outputs compared on every
 * input), a cold process's first result from a loaded artifact, and `eval --batch` with
 * one and two workers (throughput, scaling, peak RSS at two sizes). Sizes come from
 * BENCH_N (default 100 000 inputs per program) and BENCH_BATCH (default 100 000,1 000 000).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { compile } from '../compiler/compile.js';
import { loadWith, type Ruleset } from '../runtime/load.js';
import type { Artifact } from '../runtime/ir.js';
import { cases, type Case } from '../test/runtime/differential-inputs.js';

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

/** Runs a command as a new process; its wall time and peak RSS (read at exit). */
function timed(args: string[], stdout?: string): { ms: number; rss_mb: number } {
  const rss = `data:text/javascript,${encodeURIComponent("process.on('exit', () => process.stderr.write('\\nmaxrss-kb ' + process.resourceUsage().maxRSS + '\\n'));")}`;
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', rss, ...args], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', stdout ? 'ignore' : 'pipe', 'pipe'] });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return { ms, rss_mb: round(Number(/maxrss-kb (\d+)/.exec(r.stderr)![1]) / 1024, 1) };
}

async function writeLines(path: string, n: number, lines: string[]): Promise<void> {
  const out = createWriteStream(path);
  for (let i = 0; i < n; i++) if (!out.write(`${lines[i % lines.length]}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

/** All figures; printed and merged into bench/results.json by run.ts. */
export async function perfFigures(): Promise<Record<string, unknown>> {
  const n = Number(process.env.BENCH_N ?? 100_000);
  const [small, large] = (process.env.BENCH_BATCH ?? '100000,1000000').split(',').map(Number) as [number, number];
  const programs = { promo_kz: 'programs/promo-kz-summer-2025.rules', referral_ru: 'programs/referral-ru.rules' };
  const dir = mkdtempSync(join(tmpdir(), 'rb-bench-'));
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
  const colds = Array.from({ length: 7 }, () => timed([coldFile]).ms).sort((x, y) => x - y);
  results.cold_load_ms = round(colds[3]!, 0);
  console.log(`cold load to first result: ${results.cold_load_ms} ms (median of 7 processes)`);
  // batch: the referral program over generated inputs
  const lines = fc.sample(cases(JSON.parse(readFileSync(artifacts.referral_ru!, 'utf8')) as Artifact), { seed: SEED, numRuns: 5000 }).map((c) => JSON.stringify(c.input));
  const batch = (size: number, workers: number) => {
    const file = join(dir, `in-${size}.ndjson`);
    const t = timed(['cli/bin.mjs', 'eval', artifacts.referral_ru!, '--batch', file, '--workers', String(workers), '--as-of', '2025-10-10T12:00:00+03:00'], 'ignore');
    return { throughput: round(size / (t.ms / 1000), 0), rss_mb: t.rss_mb };
  };
  await writeLines(join(dir, `in-${small}.ndjson`), small, lines);
  await writeLines(join(dir, `in-${large}.ndjson`), large, lines);
  const one = batch(small, 1), two = batch(small, 2), big = batch(large, 2);
  results.batch = { throughput_1: one.throughput, throughput_2: two.throughput, scaling: round(two.throughput / one.throughput), peak_rss_mb_100k: two.rss_mb, peak_rss_mb_1m: big.rss_mb, sizes: [small, large] };
  console.log('batch (inputs per second, whole process, referral-ru):', results.batch);
  return results;
}
