/**
 * Bench of ledgers: n lots and n draws (10 … 10 000), the ledger alone over an input decoded
 * once, fastest of 15 samples that each process about 10 000 lots and draws. The ratio
 * 10 000 / 1 000 must stay under 15: one sort and one pass with a heap is O(n log n).
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { compile } from '../compiler/compile.js';
import { compileArtifact } from '../runtime/compile-ir.js';
import { decodeObject } from '../runtime/values/codec.js';

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
// a lot and a draw a day, lots valid 30–90 days, so every size does the same work per item
const ledgerInput = (n: number) => ({
  grants: Array.from({ length: n }, (_, i) => ({ id: i, amount: `${100 + (i * 37) % 900}.00 USD`, from: day(i), until: day(i + 30 + (i * 13) % 60) })),
  orders: Array.from({ length: n }, (_, i) => ({ id: i, on: day((i * 7919) % n), net: `${(i * 53) % 1500}.50 USD` })),
});

/** Measures the ledger at each size, prints the figures and writes `ledger_scaling` to bench/results.json. */
export function benchLedger(fmt: (ms: number) => string): void {
  const artifact = compile(PROGRAM).artifact!;
  const compiled = compileArtifact(artifact);
  const fields = artifact.inputs.map((i) => ({ name: i.name, type: i.type }));
  const out: Record<string, number> = {};
  console.log('\nledger of n lots and n draws, earliest expiring first (fastest warm sample, per evaluation):');
  for (const n of [10, 100, 1_000, 10_000]) {
    const input = decodeObject(ledgerInput(n), fields, '$', compiled.codec, []) as Record<string, unknown>;
    const run = () => compiled.callables.bonus_use!({ input, readings: {}, cache: new Map(), usedReadings: new Set(), calendar: {} }, []);
    const times = Math.max(1, Math.round(10_000 / n));
    for (let w = 0; w < 3; w++) for (let i = 0; i < times; i++) run();
    let best = Infinity;
    for (let r = 0; r < 15; r++) {
      const t0 = performance.now();
      for (let i = 0; i < times; i++) run();
      best = Math.min(best, performance.now() - t0);
    }
    out[String(n)] = Number((best / times).toFixed(4));
    console.log(`  ${String(n).padStart(6)} lots and draws  ${fmt(best / times)}`);
  }
  const ratio = out['10000']! / out['1000']!;
  console.log(`  ratio 10 000 / 1 000: ×${ratio.toFixed(1)} (must stay under 15: ${ratio < 15 ? 'ok' : 'TOO HIGH'})`);
  const RESULTS = 'bench/results.json';
  if (existsSync(RESULTS)) {
    const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as Record<string, unknown>;
    results.ledger_scaling = { unit: 'ms', lots_and_draws: out, ratio_10000_1000: Number(ratio.toFixed(2)) };
    writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  }
}
