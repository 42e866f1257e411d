/**
 * Issue 14's `vs_zen_engine` and `vs_json_rules_engine`: the same two decisions encoded in
 * GoRules zen (bench/peers/zen-*.ts, JDM graphs) and json-rules-engine (bench/peers/jre-*.ts),
 * evaluated on the same generated inputs (fixed seed, BENCH_N per decision, default 100 000) as
 * Rulebook evaluating only the outputs compared (`evaluate(input, { outputs })`). Every input's
 * outputs are compared and every difference is given its cause (bench/peers/mismatch.ts).
 *
 * Both peers are asynchronous: their time is one awaited evaluation after another, as a
 * request handler sees it. Rulebook and the peer are timed block by block in turn
 * (bench/in-turn.ts); the ratio is the median of three rounds' ratios. For zen, whose
 * evaluations run on native threads, the time per evaluation with 1 000 promises in
 * flight is reported too (`peer_batch_us`).
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { Decimal } from 'decimal.js';
import { ZenEngine } from '@gorules/zen-engine';
import { compile } from '../compiler/compile.js';
import { load as loadSource, type Ruleset, type LoadResult } from '../runtime/load.js';
import { distIsFresh } from '../cli/dist-fresh.mjs';
import { promoCases, referralCases, peerInput, sampleValid } from './peers/inputs.js';
import { REASONS, differing, beyondNumbers, instantsInUtc, moscowDay, exactHalf } from './peers/mismatch.js';
import { PROMO_KZ_JDM } from './peers/zen-promo.js';
import { REFERRAL_BONUS_JDM } from './peers/zen-referral.js';
import { promoKzEngine } from './peers/jre-promo.js';
import { referralBonusEngine } from './peers/jre-referral.js';
import { timeInTurn } from './in-turn.js';

type Obj = Record<string, any>;
type Peer = (input: Obj) => Promise<Obj>;
/** What a classifier sees of one differing input. */
interface Difference { input: Obj; peerIn: Obj; rb: Obj; peer: Obj; names: string[]; rerun: Peer }

const SEED = 20251130;
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The two decisions: program, outputs compared, generated inputs, and each peer's known differences. */
export const DECISIONS = {
  promo_kz_decision: {
    program: 'programs/promo-kz-summer-2025.rules',
    outputs: ['discount_pct', 'discount_amount', 'applied_clause', 'applied_discount', 'final_price', 'exclusion'],
    cases: promoCases,
    zen: () => zenPeer(PROMO_KZ_JDM),
    jre: promoKzEngine,
    halfOf: (d: Difference) => ({ exact: new Decimal(String(d.peerIn.order.list_price)).times(d.peer.discount_pct ?? 0).div(100), scale: 0 }),
  },
  referral_bonus_rule: {
    program: 'bench/programs/referral-bonus.rules',
    outputs: ['kind', 'rate', 'bonuses'],
    cases: referralCases,
    zen: () => zenPeer(REFERRAL_BONUS_JDM),
    jre: referralBonusEngine,
    halfOf: (d: Difference) => ({ exact: new Decimal(String(d.peerIn.purchase.amount)).times(d.peer.rate ?? 0).div(100), scale: 2 }),
  },
} as const;
type DecisionKey = keyof typeof DECISIONS;

let zen: ZenEngine | undefined;
/** A zen decision from its JDM content; the engine is shared, as a service keeps one. */
function zenPeer(jdm: object): Peer {
  zen ??= new ZenEngine();
  const decision = zen.createDecision(jdm);
  return async (input) => (await decision.evaluate(input)).result as Obj;
}

/** The cause of one difference, from the checks that apply to this peer and decision. */
async function classify(peer: 'zen' | 'jre', key: DecisionKey, d: Difference): Promise<string> {
  if (beyondNumbers(d.input, d.rb)) return REASONS.precision;
  const outputs = DECISIONS[key].outputs as readonly string[];
  if (peer === 'zen') {
    const error = typeof d.peer.error === 'string' ? d.peer.error : '';
    if (error.includes('Hook timed out')) return REASONS.zenOverflow;
    if (error.includes('d(#.new_end') && JSON.stringify(d.input.period_changes ?? []).includes('"new_end":"2024-02-29"')) return REASONS.zenAlmaty;
    if (differing(d.rb, await d.rerun(instantsInUtc(d.peerIn) as Obj), [...outputs]).length === 0) return REASONS.zenOffset;
    if (key === 'referral_bonus_rule' && moscowDay(d.input.client_registered_at).endsWith('-02-29')) return REASONS.zenFeb29;
    return REASONS.unexplained;
  }
  if (key === 'referral_bonus_rule') {
    const registered = moscowDay(d.input.client_registered_at);
    if (registered.endsWith('-02-29') && moscowDay(d.input.purchase.paid_at) === `${Number(registered.slice(0, 4)) + 3}-03-01`) return REASONS.jsFeb29;
  }
  const amounts = ['discount_amount', 'final_price', 'bonuses'];
  const { exact, scale } = DECISIONS[key].halfOf(d);
  if (d.names.every((n) => amounts.includes(n)) && exactHalf(exact, scale)) return REASONS.floatHalf;
  return REASONS.unexplained;
}

/**
 * The runtime a backend runs: the build in dist/ (`npm run bench` builds first) when it is
 * current, else the sources through the TypeScript loader, whose helpers slow the evaluator.
 */
async function runtimeLoad(): Promise<{ load: (a: unknown) => LoadResult; from: string }> {
  const root = new URL('..', import.meta.url);
  if (!distIsFresh(root.pathname)) return { load: loadSource as (a: unknown) => LoadResult, from: 'sources (dist/ missing or stale)' };
  const built = (await import(new URL('dist/runtime/index.js', root).href)) as { load: (a: unknown) => LoadResult };
  return { load: built.load, from: 'dist/' };
}

/**
 * One decision against both peers on `n` generated inputs: mismatches by cause, and unless
 * `timed` is false (the unit test's check of the encodings) the time per evaluation.
 */
export async function compareDecision(key: DecisionKey, n: number, load: (a: unknown) => LoadResult, timed = true): Promise<Record<'zen' | 'jre', Obj>> {
  const spec = DECISIONS[key];
  const artifact = compile(readFileSync(spec.program, 'utf8')).artifact!;
  const ruleset = rulesetOf(artifact, load);
  const { inputs, rejected } = sampleValid(spec.cases(artifact), (input) => ruleset.evaluate(input, { outputs: [...spec.outputs] }).ok, n, SEED);
  return compareOn(key, ruleset, inputs, timed, rejected);
}

/** Loads an artifact, or throws: the bench's programs always load. */
export function rulesetOf(artifact: unknown, load: (a: unknown) => LoadResult): Ruleset {
  const loaded = load(artifact);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.ruleset;
}

/** Both peers against Rulebook on the given inputs (each one Rulebook accepts). */
export async function compareOn(key: DecisionKey, ruleset: Ruleset, inputs: Obj[], timed = true, rejected = 0): Promise<Record<'zen' | 'jre', Obj>> {
  const spec = DECISIONS[key];
  const options = { outputs: [...spec.outputs] };
  const peerInputs = inputs.map((x) => peerInput(x) as Obj);
  const rbOut = inputs.map((x) => (ruleset.evaluate(x, options) as { outputs: Obj }).outputs);
  const out = {} as Record<'zen' | 'jre', Obj>;
  for (const peerName of ['zen', 'jre'] as const) {
    const unsafe: Peer = spec[peerName]();
    // a peer that fails on an input answers with its error, which then counts as a difference
    const peer: Peer = (input) => unsafe(input).catch((e: unknown) => ({ error: String(e).split('\n')[0]!.slice(0, 300) }));
    const reasons: Record<string, number> = {};
    let mismatches = 0;
    for (let i = 0; i < inputs.length; i++) {
      const result = await peer(peerInputs[i]!);
      const names = differing(rbOut[i]!, result, [...spec.outputs]);
      if (!names.length) continue;
      mismatches++;
      const reason = await classify(peerName, key, { input: inputs[i]!, peerIn: peerInputs[i]!, rb: rbOut[i]!, peer: result, names, rerun: peer });
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      if (reason === REASONS.unexplained && reasons[reason] <= 3) console.log(`  ${peerName} ${key}: unexplained difference in ${names.join(', ')}`, JSON.stringify({ input: inputs[i], rulebook: rbOut[i], peer: result }));
    }
    if (!timed) { out[peerName] = { mismatches, mismatch_reasons: reasons, n: inputs.length }; continue; }
    // the two timed block by block in turn, three rounds (bench/in-turn.ts)
    const rb = (from: number, to: number) => { const t0 = performance.now(); for (let i = from; i < to; i++) ruleset.evaluate(inputs[i]!, options); return performance.now() - t0; };
    const pe = async (from: number, to: number) => { const t0 = performance.now(); for (let i = from; i < to; i++) await peer(peerInputs[i]!); return performance.now() - t0; };
    const t = await timeInTurn(inputs.length, rb, pe, 3);
    const figures: Obj = { ratio: round(t.ratio), mismatches, mismatch_reasons: reasons, n: inputs.length, rejected_inputs: rejected, peer_us: round(t.b * 1000, 1), rulebook_us: round(t.a * 1000, 1) };
    if (peerName === 'zen') {
      const t0 = performance.now();
      for (let i = 0; i < peerInputs.length; i += 1000) await Promise.all(peerInputs.slice(i, i + 1000).map(peer));
      figures.peer_batch_us = round(((performance.now() - t0) * 1000) / peerInputs.length, 1);
    }
    out[peerName] = figures;
  }
  return out;
}

/** Both decisions against both peers: `{vs_zen_engine: {decision: figures}, vs_json_rules_engine: {…}}`. */
export async function peerFigures(n = Number(process.env.BENCH_N ?? 100_000)): Promise<{ vs_zen_engine: Obj; vs_json_rules_engine: Obj }> {
  const result = { vs_zen_engine: {} as Obj, vs_json_rules_engine: {} as Obj };
  const runtime = await runtimeLoad();
  console.log(`peers: Rulebook's runtime from ${runtime.from}, ${n} inputs per decision`);
  // BENCH_DECISIONS=referral_bonus_rule (comma-separated) measures only those decisions: a quick run
  const only = process.env.BENCH_DECISIONS?.split(',').map((k) => k.trim()).filter(Boolean);
  for (const key of Object.keys(DECISIONS) as DecisionKey[]) {
    if (only?.length && !only.includes(key)) continue;
    const both = await compareDecision(key, n, runtime.load);
    result.vs_zen_engine[key] = both.zen;
    result.vs_json_rules_engine[key] = both.jre;
  }
  disposePeers();
  return result;
}

/** Frees zen's native engine (the next comparison makes a new one). */
export function disposePeers(): void {
  zen?.dispose();
  zen = undefined;
}

/**
 * `npm run bench`: measures in a child process, prints the table and merges the keys into
 * bench/results.json. The child's stderr is filtered because zen's native engine prints a Rust
 * panic message for every overflow (counted in the table) straight to file descriptor 2.
 */
export async function benchPeers(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', panics = 0;
  child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (!line.trim() || /panicked at|Multiplication overflowed|stack backtrace:|^note: Some details/.test(line)) { if (line.includes('panicked at')) panics++; } else console.error(line);
  });
  const code = await new Promise<number | null>((r) => child.on('close', r));
  const lines = out.trimEnd().split('\n');
  if (code !== 0) throw new Error(`bench/peers.ts failed (exit ${code}):\n${out}`);
  for (const line of lines.slice(0, -1)) console.log(line);
  const figures = JSON.parse(lines.at(-1)!) as Obj;
  console.log('\nRulebook against zen-engine and json-rules-engine (peer time ÷ Rulebook time per evaluation; > 1: Rulebook faster):');
  console.log('  peer                 decision              ratio   peer µs  Rulebook µs  inputs   mismatches');
  for (const [peer, decisions] of Object.entries(figures)) {
    for (const [key, f] of Object.entries(decisions as Obj)) {
      const batch = f.peer_batch_us !== undefined ? ` (1 000 in flight: ${f.peer_batch_us} µs)` : '';
      console.log(`  ${peer.padEnd(20)} ${key.padEnd(21)} ×${String(f.ratio).padEnd(6)} ${String(f.peer_us).padStart(7)}  ${String(f.rulebook_us).padStart(11)}  ${String(f.n).padStart(6)}   ${f.mismatches}${batch}`);
      for (const [reason, count] of Object.entries(f.mismatch_reasons as Obj)) console.log(`      ${String(count).padStart(6)}  ${reason}`);
    }
  }
  if (panics) console.log(`  (zen's native engine panicked ${panics} times over all passes, on the inputs counted above under overflow or beyond 2^53; its messages are not shown)`);
  const file = 'bench/results.json';
  const results = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Obj) : {};
  writeFileSync(file, `${JSON.stringify({ ...results, ...figures }, null, 2)}\n`);
}

if (process.argv.includes('--child')) console.log(JSON.stringify(await peerFigures()));
