/**
 * A loop to profile one side of a decision of bench/handwritten.ts:
 *   node --import tsx --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-handwritten.ts promo_kz_decision rulebook
 * (side `rulebook` or `hand`; PROFILE_N inputs, PROFILE_ROUNDS passes over them).
 */
import { DECISIONS, rulesetOf } from './handwritten.js';

const [key = 'promo_kz_decision', side = 'rulebook'] = process.argv.slice(2);
const d = DECISIONS.find((x) => x.key === key);
if (!d) throw new Error(`no decision ${key}; the decisions are ${DECISIONS.map((x) => x.key).join(', ')}`);
const ruleset = rulesetOf(d.program);
const inputs = d.inputs(ruleset.artifact, Number(process.env.PROFILE_N ?? 20_000), 20251130);
const options = inputs.map((c) => ({ asOf: c.asOf, readings: c.readings, ...(d.outputs ? { outputs: [...d.outputs] } : {}) }));
const t0 = performance.now();
let ok = 0;
for (let r = 0; r < Number(process.env.PROFILE_ROUNDS ?? 10); r++) {
  for (let i = 0; i < inputs.length; i++) {
    const res = side === 'hand' ? d.hand(inputs[i]!.input, options[i]!) : ruleset.evaluate(inputs[i]!.input, options[i]);
    if (res.ok) ok++;
  }
}
console.log(`${key} ${side}: ${((performance.now() - t0) * 1000 / (inputs.length * Number(process.env.PROFILE_ROUNDS ?? 10))).toFixed(2)} µs per evaluation (${ok} ok)`);
