/**
 * `node --import tsx bench/explain-cost.ts [program…]`: what an explanation costs per
 * program, as medians per scenario: the generated evaluator (plain), the reference
 * interpreter alone, and evaluate with `explain: true` (the reference interpreter with a
 * trace). Ratios are of one run; absolute times vary on shared machines.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compile } from '../compiler/compile.js';
import { load, loadWith, type Ruleset } from '../runtime/load.js';

function median(fn: () => void, runs: number, warmup: number): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) { const t0 = performance.now(); fn(); times.push(performance.now() - t0); }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

const programs = process.argv.slice(2).length ? process.argv.slice(2) : ['referral-ru', 'partner-ua', 'partner-intl', 'promo-kz-summer-2025', 'atrealt'];
for (const p of programs) {
  const artifact = compile(readFileSync(`programs/${p}.rules`, 'utf8')).artifact!;
  const ruleset = (r: { ok: true; ruleset: Ruleset<unknown, unknown> } | { ok: false; error: { message: string } }): Ruleset<unknown, unknown> => (r.ok ? r.ruleset : (() => { throw new Error(r.error.message); })());
  const fast = ruleset(load(artifact)), reference = ruleset(loadWith(artifact, { engine: 'reference' }));
  const scenarios = (parseYaml(readFileSync(`programs/${p}.scenarios.yaml`, 'utf8')) as { scenarios: { name: string; input: unknown; as_of?: string; readings?: Record<string, string> }[] }).scenarios;
  let plain = 0, ref = 0, explained = 0, worst = { ratio: 0, name: '' };
  for (const s of scenarios) {
    const opts = { asOf: s.as_of, readings: s.readings };
    const tp = median(() => fast.evaluate(s.input, opts), 15, 10);
    const tr = median(() => reference.evaluate(s.input, opts), 7, 3);
    const te = median(() => fast.evaluate(s.input, { ...opts, explain: true }), 7, 3);
    plain += tp; ref += tr; explained += te;
    if (te / tp > worst.ratio) worst = { ratio: te / tp, name: s.name.slice(0, 30) };
  }
  const n = scenarios.length;
  console.log(`${p.padEnd(22)} ${n} scenarios: plain ${(plain / n).toFixed(3)} ms, reference ${(ref / n).toFixed(3)} ms, explained ${(explained / n).toFixed(3)} ms; explanation ×${(explained / plain).toFixed(1)} (reference alone ×${(ref / plain).toFixed(1)}); worst scenario ×${worst.ratio.toFixed(1)} (${worst.name})`);
}
