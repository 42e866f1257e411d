/**
 * `eval_vs_handwritten` of `npm run bench` (issue 14): each decision evaluated by Rulebook
 * and by its hand-written TypeScript twin (bench/handwritten/) on the same generated
 * inputs (fixed seed), outputs compared on every input, the two timed block by block in
 * turn (see timeBoth). ratio = hand-written time ÷ Rulebook time (1.0: as fast). BENCH_N
 * inputs per decision (default 100 000; 5 000 for a quick run), BENCH_ROUNDS timed rounds
 * over every input (default 3, after the comparison pass that warms both up).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compile } from '../compiler/compile.js';
import { load, type Ruleset } from '../runtime/load.js';
import type { Artifact } from '../runtime/ir.js';
import { cases, type Case } from '../test/runtime/differential-inputs.js';
import type { Result } from './handwritten/common.js';
import { timeInTurn } from './in-turn.js';
import { promoDecision, promoProgram, DECISION_OUTPUTS } from './handwritten/promo-kz.js';
import { referralBonus } from './handwritten/referral-bonus.js';
import { referralProgram } from './handwritten/referral-ru.js';
import { atrealtProgram } from './handwritten/atrealt.js';
import { promoCases, referralBonusCases, referralCases, atrealtCases } from './handwritten/inputs.js';
import { partnerUaDecision, UA_OUTPUTS } from './handwritten/partner-ua.js';
import { partnerUaCases } from './handwritten/inputs-partner-ua.js';
import { partnerIntlDecision, INTL_OUTPUTS } from './handwritten/partner-intl.js';
import { partnerIntlCases } from './handwritten/inputs-partner-intl.js';

const SEED = 20251130;

/** One decision: a program, the outputs Rulebook is asked for, its twin and its inputs. */
export interface Decision {
  key: string;
  program: string;
  outputs?: readonly string[];
  hand: (input: unknown, options: { asOf?: string; readings?: Record<string, string> }) => Result;
  /** Inputs: the differential generator's cases mixed with the decision's own boundary cases. */
  inputs: (a: Artifact, n: number, seed: number) => Case[];
}

/** The differential generator's cases (a tenth with a wrong value), half of them replaced by the decision's own. */
const mixed = (own: (a: Artifact) => fc.Arbitrary<Case>) => (a: Artifact, n: number, seed: number): Case[] =>
  fc.sample(fc.oneof(cases(a), own(a)), { seed, numRuns: n });

export const DECISIONS: Decision[] = [
  { key: 'promo_kz_decision', program: 'programs/promo-kz-summer-2025.rules', outputs: DECISION_OUTPUTS, hand: promoDecision, inputs: mixed(promoCases) },
  { key: 'referral_bonus_rule', program: 'bench/programs/referral-bonus.rules', hand: referralBonus, inputs: mixed(referralBonusCases) },
  { key: 'promo_kz_program', program: 'programs/promo-kz-summer-2025.rules', hand: promoProgram, inputs: mixed(promoCases) },
  { key: 'referral_ru_program', program: 'programs/referral-ru.rules', hand: referralProgram, inputs: mixed(referralCases) },
  { key: 'atrealt_program', program: 'programs/atrealt.rules', hand: atrealtProgram, inputs: mixed(atrealtCases) },
  { key: 'partner_ua_decision', program: 'programs/partner-ua.rules', outputs: UA_OUTPUTS, hand: partnerUaDecision, inputs: mixed(partnerUaCases) },
  { key: 'partner_intl_decision', program: 'programs/partner-intl.rules', outputs: INTL_OUTPUTS, hand: partnerIntlDecision, inputs: mixed(partnerIntlCases) },
];

export function rulesetOf(path: string): Ruleset {
  const compiled = compile(readFileSync(path, 'utf8'));
  if (!compiled.artifact) throw new Error(`${path} does not compile`);
  const r = load(compiled.artifact);
  if (!r.ok) throw new Error(`${path}: ${r.error.message}`);
  return r.ruleset;
}

/** Why two results differ, in a few words: the outputs that differ, or which side refused. */
function difference(rb: ReturnType<Ruleset['evaluate']>, hand: Result): string | undefined {
  if (rb.ok && hand.ok) {
    const names = Object.keys(rb.outputs).filter((k) => JSON.stringify(rb.outputs[k]) !== JSON.stringify(hand.outputs[k]));
    if (Object.keys(hand.outputs).join() !== Object.keys(rb.outputs).join()) names.push('(output names)');
    return names.length ? `outputs differ: ${names.join(', ')}` : undefined;
  }
  if (!rb.ok && !hand.ok) return rb.error.code === hand.error.code ? undefined : `errors differ: ${rb.error.code} / ${hand.error.code}`;
  return rb.ok ? `hand-written refused (${(hand as { error: { code: string } }).error.code})` : `Rulebook refused (${rb.error.code})`;
}

/** Compares every input; the count of mismatches, their reasons and the first few examples. */
export function compareAll(d: Decision, ruleset: Ruleset, inputs: Case[]): { mismatches: number; reasons: Record<string, number>; examples: unknown[] } {
  const reasons: Record<string, number> = {};
  const examples: unknown[] = [];
  let mismatches = 0;
  for (const c of inputs) {
    const rb = ruleset.evaluate(c.input, { asOf: c.asOf, readings: c.readings, ...(d.outputs ? { outputs: [...d.outputs] } : {}) });
    const hand = d.hand(c.input, { asOf: c.asOf, readings: c.readings });
    const why = difference(rb, hand);
    if (!why) continue;
    mismatches++;
    reasons[why] = (reasons[why] ?? 0) + 1;
    if (examples.length < 3) examples.push({ case: c, rulebook: rb, handwritten: hand });
  }
  return { mismatches, reasons, examples };
}

export interface Figure { ratio: number; mismatches: number; n: number; rulebook_us: number; handwritten_us: number; mismatch_reasons?: Record<string, number> }

/**
 * Time per evaluation of both sides, and their ratio (hand-written ÷ Rulebook), the sides
 * timed block by block in turn (bench/in-turn.ts says why).
 */
async function timeBoth(d: Decision, ruleset: Ruleset, inputs: Case[], rounds: number): Promise<{ rulebook: number; hand: number; ratio: number }> {
  const options = inputs.map((c) => ({ asOf: c.asOf, readings: c.readings, ...(d.outputs ? { outputs: [...d.outputs] } : {}) }));
  const handOptions = inputs.map((c) => ({ asOf: c.asOf, readings: c.readings }));
  let sink = 0;
  const rb = (from: number, to: number) => { const t0 = performance.now(); for (let i = from; i < to; i++) sink ^= ruleset.evaluate(inputs[i]!.input, options[i]).ok ? 1 : 2; return performance.now() - t0; };
  const hw = (from: number, to: number) => { const t0 = performance.now(); for (let i = from; i < to; i++) sink ^= d.hand(inputs[i]!.input, handOptions[i]!).ok ? 1 : 2; return performance.now() - t0; };
  // no separate warm-up: the comparison pass over every input has just run both sides
  const t = await timeInTurn(inputs.length, rb, hw, rounds);
  if (sink === -1) console.log('');
  return { rulebook: t.a, hand: t.b, ratio: t.ratio };
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Every decision's figure; printed as a table by `printTable`. */
export async function handwrittenFigures(n = Number(process.env.BENCH_N ?? 100_000), rounds = Number(process.env.BENCH_ROUNDS ?? 3)): Promise<{ eval_vs_handwritten: Record<string, Figure> }> {
  const out: Record<string, Figure> = {};
  // BENCH_DECISIONS=a,b measures only those decisions (a quick run while working on one)
  const only = process.env.BENCH_DECISIONS?.split(',');
  for (const d of DECISIONS) {
    if (only && !only.includes(d.key)) continue;
    const ruleset = rulesetOf(d.program);
    const inputs = d.inputs(ruleset.artifact, n, SEED);
    const cmp = compareAll(d, ruleset, inputs);
    const t = await timeBoth(d, ruleset, inputs, rounds);
    out[d.key] = {
      ratio: round(t.ratio, 3), mismatches: cmp.mismatches, n: inputs.length,
      rulebook_us: round(t.rulebook * 1000, 2), handwritten_us: round(t.hand * 1000, 2),
      ...(cmp.mismatches ? { mismatch_reasons: cmp.reasons } : {}),
    };
    if (cmp.mismatches) console.log(`${d.key}: first mismatches`, JSON.stringify(cmp.examples, null, 1).slice(0, 4000));
    process.stderr.write(`  ${d.key}: ${inputs.length} inputs, ratio ${out[d.key]!.ratio}, ${cmp.mismatches} mismatches\n`);
  }
  return { eval_vs_handwritten: out };
}

/** The table `npm run bench` prints. */
export function printTable(figures: Record<string, Figure>): void {
  console.log('\neval_vs_handwritten (hand-written time ÷ Rulebook time; 1.0 = as fast, target ≥ 0.8)');
  console.log(`  ${'decision'.padEnd(22)} ${'ratio'.padStart(7)} ${'Rulebook'.padStart(10)} ${'by hand'.padStart(10)} ${'inputs'.padStart(8)}  mismatches`);
  for (const [k, f] of Object.entries(figures)) {
    const why = f.mismatch_reasons ? ` (${Object.entries(f.mismatch_reasons).map(([r, c]) => `${c}× ${r}`).join('; ')})` : '';
    console.log(`  ${k.padEnd(22)} ${f.ratio.toFixed(3).padStart(7)} ${`${f.rulebook_us} µs`.padStart(10)} ${`${f.handwritten_us} µs`.padStart(10)} ${String(f.n).padStart(8)}  ${f.mismatches}${why}`);
  }
}

/**
 * Both sides as the shipped JavaScript runs them: this module bundled by esbuild (no
 * keep-names helper, which tsx wraps around every named closure and which costs the
 * evaluator a quarter of its time) and measured in a fresh process.
 */
async function bundledFigures(): Promise<{ eval_vs_handwritten: Record<string, Figure> }> {
  const { build } = await import('esbuild');
  const out = join(mkdtempSync(join(tmpdir(), 'rb-hand-')), 'handwritten.mjs');
  await build({ entryPoints: [fileURLToPath(import.meta.url)], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', external: ['esbuild'], logLevel: 'warning',
    // a CommonJS dependency (yaml) asks for `require`, which an ES module bundle lacks
    banner: { js: "import { createRequire as __rbRequire } from 'node:module'; const require = __rbRequire(import.meta.url);" } });
  const r = spawnSync(process.execPath, [out, CHILD], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`the bundled bench failed (status ${r.status})`);
  const lines = r.stdout.trim().split('\n');
  process.stdout.write(lines.slice(0, -1).map((l) => `${l}\n`).join(''));
  return JSON.parse(lines[lines.length - 1]!) as { eval_vs_handwritten: Record<string, Figure> };
}

const CHILD = '--handwritten-child';

/**
 * The one call of bench/run.ts: measure, print the table, merge the key into bench/results.json.
 * BENCH_LOADER=tsx measures in this process instead (TypeScript through tsx, keep-names helper included).
 */
export async function benchHandwritten(): Promise<{ eval_vs_handwritten: Record<string, Figure> }> {
  const figures = process.env.BENCH_LOADER === 'tsx' ? await handwrittenFigures() : await bundledFigures();
  printTable(figures.eval_vs_handwritten);
  const file = 'bench/results.json';
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`);
  return figures;
}

// the bundled child prints its figures as the last line; `node --import tsx bench/handwritten.ts` runs this module alone
if (process.argv.includes(CHILD)) console.log(JSON.stringify(await handwrittenFigures()));
else if (/bench[\\/]handwritten\.ts$/.test(process.argv[1] ?? '')) await benchHandwritten();
