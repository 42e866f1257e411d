/**
 * `npm run bench`: speed of the pipeline on the sample program, as medians of warm
 * runs and ratios measured in this one run (absolute times vary on shared machines).
 * It runs the TypeScript sources through tsx, whose keep-names helper slows the
 * parser's many small closures; the browser build has no such helper.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { parse } from '../language/parse.js';
import { compile } from '../compiler/compile.js';
import { load } from '../runtime/load.js';
import { compileArtifact } from '../runtime/compile-ir.js';
import { decodeObject } from '../runtime/values/codec.js';
import { localDay } from '../runtime/values/instant.js';
import { DateTime } from 'luxon';
import { findEdges } from '../edges/find.js';
import { batched } from './batched.js';

function median(fn: () => void, runs: number, warmup = 20): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const fmt = (ms: number) => (ms >= 1 ? `${ms.toFixed(2)} ms` : ms >= 0.001 ? `${(ms * 1000).toFixed(1)} µs` : `${(ms * 1e6).toFixed(0)} ns`);

const programs = ['test/sample/every-construct.rules', 'programs/referral-ru.rules', 'programs/promo-kz-summer-2025.rules'].filter(existsSync);
for (const path of programs) {
  const source = readFileSync(path, 'utf8');
  const tParse = median(() => parse(source), 50);
  const tCheck = median(() => compile(source), 50);
  const artifact = compile(source).artifact!;
  const tLoad = median(() => load(artifact), 20, 5);
  const ruleset = (load(artifact) as { ok: true; ruleset: import('../runtime/load.js').Ruleset }).ruleset;
  const scenarioPath = path.replace(/\.rules$/, '.scenarios.yaml');
  const scenarios = existsSync(scenarioPath) ? (parseYaml(readFileSync(scenarioPath, 'utf8')) as { scenarios: { input: unknown; as_of?: string; readings?: Record<string, string> }[] }).scenarios : [];
  console.log(`\n${path}: ${source.split('\n').length} lines, ${scenarios.length} scenarios`);
  console.log(`  parse                  ${fmt(tParse)} (warm median)`);
  console.log(`  parse + check (compile) ${fmt(tCheck)} (warm median)`);
  console.log(`  load (ajv + closures)  ${fmt(tLoad)}`);
  if (scenarios.length) {
    const all = () => { for (const s of scenarios) ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings }); };
    const allExplain = () => { for (const s of scenarios) ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain: true }); };
    const tEval = median(all, 30) / scenarios.length;
    const tExplain = median(allExplain, 30) / scenarios.length;
    console.log(`  evaluate one scenario  ${fmt(tEval)} (warm median over the suite)`);
    console.log(`  … with explanation     ${fmt(tExplain)}; explanation costs ×${(tExplain / tEval).toFixed(1)}`);
    console.log(`  compile / evaluate     ×${(tCheck / tEval).toFixed(0)}: one compile costs as much as that many evaluations, so backends load artifacts`);
  }
}

// Why dates are day numbers: luxon with a named zone vs the cached offset path.
const ms = Date.UTC(2025, 7, 31, 18, 30);
const tLuxon = median(() => { for (let i = 0; i < 1000; i++) DateTime.fromMillis(ms + i * 60_000, { zone: 'Asia/Almaty' }).startOf('day'); }, 20);
const tDay = median(() => { for (let i = 0; i < 1000; i++) localDay(ms + i * 60_000, 'Asia/Almaty'); }, 20);
console.log(`\nlocal date of an instant: luxon ${fmt(tLuxon / 1000)}, cached offset ${fmt(tDay / 1000)} (×${(tLuxon / tDay).toFixed(0)} faster)`);

// `rulebook edges` on one scenario of the largest program (target under 2 s): every
// boundary X0-1 touches, each searched along each input field that moves it.
{
  const path = 'programs/referral-ru.rules';
  const source = readFileSync(path, 'utf8');
  const ruleset = (load(compile(source).artifact!) as { ok: true; ruleset: import('../runtime/load.js').Ruleset }).ruleset;
  const s = (parseYaml(readFileSync('programs/referral-ru.scenarios.yaml', 'utf8')) as { scenarios: { name: string; input: unknown; as_of?: string }[] }).scenarios.find((x) => x.name.startsWith('X0-1'))!;
  let evaluations = 0;
  const tEdges = median(() => { const r = findEdges(ruleset, s.input, { asOf: s.as_of, source }); evaluations = 'error' in r ? 0 : r.evaluations; }, 3, 1);
  console.log(`\nedges of referral-ru X0-1  ${fmt(tEdges)} (median of 3; ${evaluations} evaluations; target < 2 s)`);
}

// The backend: the compiled CLI as whole processes, the runtime bundle, the server under load.
{
  const { processMs, runtimeBundle, serverLoad } = await import('./backend.js');
  const { writeFileSync } = await import('node:fs');
  const check = processMs(['check', 'programs/referral-ru.rules'], 5);
  const bundle = await runtimeBundle();
  console.log(`\nrulebook check referral-ru ${check.wall_ms} ms wall, ${check.cpu_ms} ms CPU (whole process, median of 5)`);
  console.log(`runtime bundle             ${(bundle.bytes / 1024).toFixed(0)} KiB minified, ${(bundle.gzip_bytes / 1024).toFixed(0)} KiB gzip (its own code: ${(bundle.own_bytes / 1024).toFixed(0)} KiB, ${(bundle.own_gzip_bytes / 1024).toFixed(0)} KiB gzip)`);
  const server = await serverLoad();
  for (const [k, v] of Object.entries(server)) {
    const r = v as { requests: number; concurrency: number; rps: number; p50_ms: number; p99_ms: number };
    console.log(`serve, ${k.replace('processes_', '')} process(es)       ${r.rps} requests/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms (${r.requests} requests, ${r.concurrency} in flight, loopback)`);
  }
  writeFileSync('bench/results.json', `${JSON.stringify({
    node: process.version, check_ms: check.wall_ms, check_cpu_ms: check.cpu_ms,
    runtime_bundle: bundle, server,
  }, null, 2)}\n`);
  console.log('written to bench/results.json');
}

{
// A state folded over a status history: one pass over the events, so the time grows
// linearly with their number (the ratio 10 000 / 1 000 events must stay under 12). The
// events come on calculation days (dates, as in D2); a second program orders the same
// events by the day of an instant (a zone-offset lookup per event).
const historyProgram = (key: string) => `program bench_history "status history" zone Europe/Kyiv
enum Status: business, certified, gold
record Event
  at: instant
  on: date
  seq: integer
  points: integer
input
  start: date
  events: list of Event
state status: Status
  initially business from start
  over e in events by ${key} ties by e.seq
  rule upgrade when previous is business and e.points >= 100 then certified
  rule gold when previous is certified and e.points >= 500 then gold
  rule review when previous is not business and ${key} >= since + 1 year then business
output now = status
output periods = count p in history of status
output mid = status on start + 200 days`;
// three events a day whatever the size, so every size does the same work per event;
// `partner` shifts the points so that each of a batch's inputs is a different history
const historyInput = (n: number, partner = 0) => ({
  start: '2020-01-01',
  events: Array.from({ length: n }, (_, i) => {
    const at = new Date(Date.UTC(2020, 0, 1, 1) + i * 8 * 3_600_000).toISOString();
    return { at, on: at.slice(0, 10), seq: i, points: (i * 37 + partner) % 700 };
  }),
});
// Two figures per size: the whole `evaluate` (input checked and decoded, then the fold) and
// the fold alone over inputs decoded once. The fastest sample is kept, because on a shared
// machine a median still moves with the other processes' load. Decoding allocates a decimal
// per number and its share grows with the garbage collector's work, so the ratio that must
// stay under 12 is the fold's.
const scaling = (key: string) => {
  const artifact = compile(historyProgram(key)).artifact!;
  const ruleset = (load(artifact) as { ok: true; ruleset: import('../runtime/load.js').Ruleset }).ruleset;
  const compiled = compileArtifact(artifact);
  const fields = artifact.inputs.map((i) => ({ name: i.name, type: i.type }));
  const out: Record<string, { evaluate: number; fold: number }> = {};
  console.log(`\nstate over a status history ordered by ${key} (fastest warm sample, per evaluation):`);
  for (const n of [10, 100, 1_000, 10_000]) {
    const inputs = Array.from({ length: Math.max(1, Math.round(10_000 / n)) }, (_, p) => historyInput(n, p));
    for (const input of inputs) {
      const check = ruleset.evaluate(input);
      if (!check.ok) throw new Error(`history bench: ${check.error.code} ${check.error.message}`);
    }
    const tEval = batched(inputs.map((input) => () => ruleset.evaluate(input)));
    const decoded = inputs.map((input) => decodeObject(input, fields, '$', compiled.codec, []) as Record<string, unknown>);
    const tFold = batched(decoded.map((input) => () => compiled.callables.now!({ input, readings: {}, cache: new Map(), calendar: {}, steps: 0 }, [])));
    out[String(n)] = { evaluate: Number(tEval.toFixed(4)), fold: Number(tFold.toFixed(4)) };
    console.log(`  ${String(n).padStart(6)} events  evaluate ${fmt(tEval)}, fold alone ${fmt(tFold)}`);
  }
  const fold = out['10000']!.fold / out['1000']!.fold, evaluate = out['10000']!.evaluate / out['1000']!.evaluate;
  console.log(`  ratio 10 000 / 1 000 events: fold ×${fold.toFixed(1)}, whole evaluate ×${evaluate.toFixed(1)} (input decoding included)`);
  return { events: out, fold_ratio_10000_1000: Number(fold.toFixed(2)), evaluate_ratio_10000_1000: Number(evaluate.toFixed(2)) };
};
const byDay = scaling('e.on');
const byInstant = scaling('date(e.at)');
console.log(`  the fold's ratio must stay under 12: ×${byDay.fold_ratio_10000_1000} ${byDay.fold_ratio_10000_1000 < 12 ? 'ok' : 'TOO HIGH'} (ordered by the day of an instant: ×${byInstant.fold_ratio_10000_1000})`);
const RESULTS = 'bench/results.json';
if (existsSync(RESULTS)) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  results.history_scaling = { unit: 'ms', by_day: byDay, by_instant_day: byInstant };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}
}

// Ledgers: lots consumed by draws (bench/ledger.ts)
(await import('./ledger.js')).benchLedger(fmt);

/** Adds figures to bench/results.json, keeping what other parts of the run wrote there. */
function mergeResults(figures: Record<string, unknown>): void {
  const file = 'bench/results.json';
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`);
}

// Issue 14: the generated evaluator, cold load and batch (bench/perf.ts).
{
  const { perfFigures } = await import('./perf.js');
  mergeResults(await perfFigures());
}

// Issue 14: the edit loop, cold `rulebook check` and `--help` (bench/latency.ts).
await (await import('./latency.js')).benchLatency();

// Issue 14: Rulebook against hand-written TypeScript twins (bench/handwritten.ts).
await (await import('./handwritten.js')).benchHandwritten();

// Issue 14: Rulebook against zen-engine and json-rules-engine on the same decisions (bench/peers.ts).
await (await import('./peers.js')).benchPeers();

// Issue 14, point 6: an explanation's cost over a plain evaluation, per program, on the
// built runtime (bench/explain-cost.ts runs each program in a process of its own).
{
  const { execFileSync } = await import('node:child_process');
  const text = execFileSync(process.execPath, ['--import', 'tsx', 'bench/explain-cost.ts'], { encoding: 'utf8', env: { ...process.env, BENCH_DIST: '1' } });
  const ratios: Record<string, number> = {};
  for (const m of text.matchAll(/^(\S+)\s+\d+ scenarios:.*explanation ×([\d.]+)/gm)) ratios[m[1]!] = Number(m[2]);
  console.log(`\nexplanation ÷ plain evaluation, every scenario of each program (target ≤ 3):\n${text.trimEnd()}`);
  mergeResults({ explain_vs_plain: ratios });
}
