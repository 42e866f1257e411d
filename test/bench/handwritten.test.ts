/**
 * The bench's hand-written twins (bench/handwritten/) must give Rulebook's outputs on
 * every input, or the speed ratios in `npm run bench` compare different work. Not timed:
 * two hundred generated inputs per decision (another seed than the bench's), zero
 * mismatches, and enough of them reaching the discount for the comparison to mean something.
 */
import { describe, expect, it } from 'vitest';
import { DECISIONS, compareAll, rulesetOf } from '../../bench/handwritten.js';

describe('hand-written twins of the bench', () => {
  for (const d of DECISIONS) {
    it(`${d.key}: the same outputs as Rulebook on every generated input`, () => {
      const ruleset = rulesetOf(d.program);
      const inputs = d.inputs(ruleset.artifact, 200, 7);
      const { mismatches, examples } = compareAll(d, ruleset, inputs);
      expect(examples).toEqual([]);
      expect(mismatches).toBe(0);
      // the inputs reach what matters: most evaluate, and some get the discount or earn bonuses
      const outputs = inputs.flatMap((c) => { const r = d.hand(c.input, { asOf: c.asOf, readings: c.readings }); return r.ok ? [r.outputs] : []; });
      expect(outputs.length).toBeGreaterThan(inputs.length / 2);
      const granted = outputs.filter((o) => (o.eligibility as { eligible?: boolean } | undefined)?.eligible === true
        || (o.reward_entitled as { eligible?: boolean } | undefined)?.eligible === true
        || (o.bonuses !== undefined && o.bonuses !== '0 bonus')
        || (o.purchases_review as { counts_for_this_partner: boolean }[] | undefined)?.some((p) => p.counts_for_this_partner));
      expect(granted.length).toBeGreaterThan(inputs.length / 50);
    });
  }
});
