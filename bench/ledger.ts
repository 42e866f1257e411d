/**
 * Bench of ledgers: n lots and n draws (10 … 10 000). The headline is the ledger alone over
 * inputs decoded once; the ratio 10 000 / 1 000 must stay under 15 (one sort and one pass
 * with a heap is O(n log n)). Each sample evaluates distinct ledgers totalling 10 000 lots
 * and draws (see batched.ts). The other parts of an evaluation are timed apart, so the
 * ratio of each is known: decoding the input, encoding the ledger's value as JSON, the
 * whole `evaluate` (input checked by the schema and decoded, then the output), and the
 * same with its explanation.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { compile } from '../compiler/compile.js';
import { compileArtifact } from '../runtime/compile-ir.js';
import { load, type Ruleset } from '../runtime/load.js';
import { decodeObject, encodeValue } from '../runtime/values/codec.js';
import type { Ty } from '../runtime/ir.js';
import { interleaved, timed } from './batched.js';

const PROGRAM = `program ledger_bench currency USD zone UTC rounding half up to 0.01
record Grant
  id: integer
  amount: money
  from: date
  until: date
record Order
  id: integer
  on: date
  net: money
input
  grants: list of Grant
  orders: list of Order
ledger bonus_use
  lots g in grants amount g.amount from g.from until g.until key g.id
  draws o in orders amount o.net dated o.on key o.id limit max(o.net - 10 USD, 0 USD)
  policy earliest expiring first
output taken = sum d.taken for d in bonus_use.draws`;

const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
// a lot and a draw a day, lots valid 30–90 days, so every size does the same work per item;
// the draws come in shuffled order (the ledger sorts them); `partner` shifts the amounts so
// that each of a batch's inputs is a different ledger
const ledgerInput = (n: number, partner = 0) => ({
  grants: Array.from({ length: n }, (_, i) => ({ id: i, amount: `${100 + (i * 37 + partner) % 900}.00 USD`, from: day(i), until: day(i + 30 + (i * 13) % 60) })),
  orders: Array.from({ length: n }, (_, i) => ({ id: i, on: day((i * 7919) % n), net: `${(i * 53 + partner) % 1500}.50 USD` })),
});

const PARTS = ['fold', 'decode', 'encode', 'evaluate', 'explain'] as const;
type Part = typeof PARTS[number];

/**
 * Measures the ledger at each size, prints the figures and writes `ledger_scaling` to
 * bench/results.json. Every figure is the fastest sample's CPU time per evaluation (see
 * batched.ts); the ledger's wall time is printed and kept too. The ratio is judged on CPU time:
 * on this shared two-core machine a wall-time sample of a few milliseconds is routinely
 * interrupted by other processes, which moved the wall ratio by ±50 % between runs.
 */
export function benchLedger(fmt: (ms: number) => string): void {
  const artifact = compile(PROGRAM).artifact!;
  const compiled = compileArtifact(artifact);
  const ruleset = (load(artifact) as { ok: true; ruleset: Ruleset }).ruleset;
  const fields = artifact.inputs.map((i) => ({ name: i.name, type: i.type }));
  const ledgerType = artifact.definitions.find((d) => d.name === 'bonus_use')!.type as Ty;
  const fold = (input: Record<string, unknown>) => compiled.callables.bonus_use!({ input, readings: {}, cache: new Map(), calendar: {}, steps: 0 }, []);
  const cpu = Object.fromEntries(PARTS.map((p) => [p, {} as Record<string, number>])) as Record<Part, Record<string, number>>;
  const wall: Record<string, number> = {};
  console.log('\nledger of n lots and n draws, earliest expiring first (fastest warm sample per evaluation, CPU time; the ledger\'s wall time in brackets):');
  const SIZES = [10, 100, 1_000, 10_000];
  const raws = SIZES.map((n) => Array.from({ length: Math.max(1, Math.round(10_000 / n)) }, (_, p) => ledgerInput(n, p)));
  for (const input of raws.flat()) {
    const check = ruleset.evaluate(input);
    if (!check.ok) throw new Error(`ledger bench: ${check.error.code} ${check.error.message}`);
  }
  const decodedAll = raws.map((raw) => raw.map((input) => decodeObject(input, fields, '$', compiled.codec, []) as Record<string, unknown>));
  // the headline: the sizes in turns, 30 rounds, so its ratio compares samples of one moment
  const ledgers = interleaved(decodedAll.map((decoded) => decoded.map((input) => () => fold(input))), 30);
  SIZES.forEach((n, k) => {
    const raw = raws[k]!, values = decodedAll[k]!.map(fold);
    // the parts, slower and for information: 7 samples after 2 warm-ups, one size at a time
    const t: Record<Part, number> = {
      fold: ledgers[k]!.cpu,
      decode: timed(raw.map((input) => () => decodeObject(input, fields, '$', compiled.codec, [])), 7, 2).cpu,
      encode: timed(values.map((v) => () => encodeValue(v, ledgerType, compiled.codec)), 7, 2).cpu,
      evaluate: timed(raw.map((input) => () => ruleset.evaluate(input)), 7, 2).cpu,
      explain: timed(raw.map((input) => () => ruleset.evaluate(input, { explain: true })), 7, 2).cpu,
    };
    for (const p of PARTS) cpu[p][String(n)] = Number(t[p].toFixed(4));
    wall[String(n)] = Number(ledgers[k]!.wall.toFixed(4));
    console.log(`  ${String(n).padStart(6)} lots and draws  ledger ${fmt(t.fold)} (${fmt(ledgers[k]!.wall)}); decode ${fmt(t.decode)}, encode its value ${fmt(t.encode)}, whole evaluate ${fmt(t.evaluate)}, with explanation ${fmt(t.explain)}`);
  });
  const ratio = (o: Record<string, number>) => Number((o['10000']! / o['1000']!).toFixed(2));
  const ratios = Object.fromEntries(PARTS.map((p) => [p, ratio(cpu[p])])) as Record<Part, number>;
  console.log(`  ratio 10 000 / 1 000: ledger ×${ratios.fold} (must stay under 15: ${ratios.fold < 15 ? 'ok' : 'TOO HIGH'}; wall time ×${ratio(wall)}); decode ×${ratios.decode}, encode ×${ratios.encode}, whole evaluate ×${ratios.evaluate}, with explanation ×${ratios.explain}`);
  const RESULTS = 'bench/results.json';
  {
    const results = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>) : {};
    results.ledger_scaling = { unit: 'ms', clock: 'cpu', lots_and_draws: cpu.fold, ratio_10000_1000: ratios.fold, wall: { lots_and_draws: wall, ratio_10000_1000: ratio(wall) }, parts: cpu, part_ratios_10000_1000: ratios };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  }
}
