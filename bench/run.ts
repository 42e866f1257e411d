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
import { localDay } from '../runtime/values/instant.js';
import { DateTime } from 'luxon';

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

// A state folded over a status history: one pass over the events, so the time grows
// linearly with their number (the ratio 10 000 / 1 000 events must stay under 12).
const HISTORY_PROGRAM = `program bench_history "status history" zone Europe/Kyiv
enum Status: business, certified, gold
record Event
  at: instant
  seq: integer
  points: integer
input
  start: date
  events: list of Event
state status: Status
  initially business from start
  over e in events by date(e.at) ties by e.seq
  rule upgrade when previous is business and e.points >= 100 then certified
  rule gold when previous is certified and e.points >= 500 then gold
  rule review when previous is not business and date(e.at) >= since + 1 year then business
output now = status
output periods = count p in history of status
output mid = status on start + 200 days`;
const historyArtifact = compile(HISTORY_PROGRAM).artifact!;
const historyRuleset = (load(historyArtifact) as { ok: true; ruleset: import('../runtime/load.js').Ruleset }).ruleset;
const historyInput = (n: number) => ({
  start: '2020-01-01',
  events: Array.from({ length: n }, (_, i) => ({
    at: new Date(Date.UTC(2020, 0, 1, 12) + Math.floor((i * 3 * 365 * 86_400_000) / n)).toISOString(),
    seq: i, points: (i * 37) % 700,
  })),
});
const historyScaling: Record<string, number> = {};
console.log('\nstate over a status history (evaluate, warm median):');
for (const n of [10, 100, 1_000, 10_000]) {
  const input = historyInput(n);
  const check = historyRuleset.evaluate(input);
  if (!check.ok) throw new Error(`history bench: ${check.error.code} ${check.error.message}`);
  const t = median(() => historyRuleset.evaluate(input), n >= 10_000 ? 9 : 21, n >= 10_000 ? 3 : 10);
  historyScaling[String(n)] = Number(t.toFixed(3));
  console.log(`  ${String(n).padStart(6)} events  ${fmt(t)}`);
}
const historyRatio = historyScaling['10000']! / historyScaling['1000']!;
console.log(`  ratio 10 000 / 1 000 events: ×${historyRatio.toFixed(1)} (must stay under 12)`);
const RESULTS = 'bench/results.json';
if (existsSync(RESULTS)) {
  const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
  results.history_scaling = { unit: 'ms', events: historyScaling, ratio_10000_1000: Number(historyRatio.toFixed(2)) };
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
}
