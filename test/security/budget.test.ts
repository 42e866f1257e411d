/**
 * The second outside attack: aggregations nested over long sequences never returned (three
 * counts over five years of days are 6·10⁹ steps), and an evaluation is synchronous, so one
 * program held a server. Every evaluation now has a budget of list items its aggregations go
 * through (MAX_STEPS, or less with `maxSteps`), counted alike by both evaluators.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, loadWith, type Ruleset } from '../../runtime/load.js';
import { MAX_STEPS } from '../../runtime/eval/common.js';

const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n';
const engines = (src: string): [string, Ruleset][] => {
  const c = compile(head + src);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const fast = load(c.artifact!), ref = loadWith(c.artifact!, { engine: 'reference' });
  if (!fast.ok || !ref.ok) throw new Error('does not load');
  return [['fast', fast.ruleset], ['reference', ref.ruleset]];
};

describe('the evaluation budget', () => {
  const cubic = engines(`define days: list of date = each day from 01.01.2020 through 31.12.2024
output n: integer = count d in days where (count e in days where (count f in days where f > e and e > d) > 0) > 0
`);
  it.each(cubic)('stops three counts nested over five years of days with RB-E-BUDGET (%s, explained too)', (_, r) => {
    for (const explain of [false, true]) {
      const got = r.evaluate({}, { maxSteps: 2_000_000, explain });
      expect(got.ok).toBe(false);
      if (!got.ok) {
        expect(got.error.code).toBe('RB-E-BUDGET');
        expect(got.error.message).toMatch(/more than 2,000,000 list items.*Aggregate the inner list once/);
      }
    }
  });

  // ten days: the outer count goes through 10 items, each inner one through 10 more: 110 in all
  const square = engines(`define days: list of date = each day from 01.01.2025 through 10.01.2025
output n: integer = count d in days where (count e in days where e > d) > 0
`);
  it.each(square)('counts every item each aggregation goes through: 110 pass, 109 stop (%s)', (_, r) => {
    expect(r.evaluate({}, { maxSteps: 110 })).toMatchObject({ ok: true, outputs: { n: 9 } });
    expect(r.evaluate({}, { maxSteps: 109, explain: true })).toMatchObject({ ok: false, error: { code: 'RB-E-BUDGET' } });
    expect(r.evaluate({})).toMatchObject({ ok: true, outputs: { n: 9 } });
  });

  it.each([-1, 1.5, MAX_STEPS + 1, '100'])('refuses maxSteps %j with RB-E-INPUT naming the option', (bad) => {
    const got = square[0]![1].evaluate({}, { maxSteps: bad as number });
    expect(got).toMatchObject({ ok: false, error: { code: 'RB-E-INPUT', path: 'maxSteps' } });
  });
});
