/**
 * Overlaps the compiler cannot prove: rows of a `unique` table (and rule cases) whose
 * conditions depend on input values. They compile; evaluation reports the overlap
 * when an input actually matches two rows (RB-E-UNIQUE) or two rules (RB-E-OVERLAP).
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';

const HEADER = `program partner_tiers "Partner tiers"
  currency RUB
  zone Europe/Moscow
  calendar RU

enum Tool: referral_link, promo_code, migrator
`;

function build(source: string): Ruleset {
  const compiled = compile(source, { path: 'runtime-overlap.rules' });
  const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map((d) => `${d.code} ${d.message}`)).toEqual([]);
  expect(compiled.artifact).toBeDefined();
  const loaded = load(compiled.artifact);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.ruleset;
}

// rows 1 and 2 overlap whenever the amount reaches both thresholds
const TABLE = `${HEADER}input
  amount: money
  gold_threshold: money
  silver_threshold: money

table tier hit unique §3
  | amount              || name     |
  |---------------------||----------|
  | >= gold_threshold   || "gold"   | §3.1
  | >= silver_threshold || "silver" | §3.2
  | < silver_threshold  || "none"   |

output tier_name = tier.name
`;

describe('unique table whose rows depend on inputs', () => {
  const ruleset = build(TABLE);
  const thresholds = { gold_threshold: '10000.00 RUB', silver_threshold: '5000.00 RUB' };

  it('compiles without RB502: the compiler cannot know the thresholds', () => {
    const compiled = compile(TABLE);
    expect(compiled.diagnostics.filter((d) => d.code === 'RB502')).toEqual([]);
  });

  it('an input matching exactly one row succeeds', () => {
    const r = ruleset.evaluate({ amount: '6000.00 RUB', ...thresholds });
    expect(r).toMatchObject({ ok: true, outputs: { tier_name: 'silver' } });
    const low = ruleset.evaluate({ amount: '100.00 RUB', ...thresholds });
    expect(low).toMatchObject({ ok: true, outputs: { tier_name: 'none' } });
  });

  it('an input matching two rows fails with RB-E-UNIQUE naming both rows', () => {
    const r = ruleset.evaluate({ amount: '12000.00 RUB', ...thresholds });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('RB-E-UNIQUE');
    expect(r.error.message).toContain('row 1');
    expect(r.error.message).toContain('row 2');
    expect(r.error.message).toContain('§3.1');
    // the error points at the second matching row
    const row2Line = TABLE.split('\n').findIndex((l) => l.includes('>= silver_threshold')) + 1;
    expect(r.error.span?.[0]).toBe(row2Line);
  });

  it('which rows overlap depends on the input: inverted thresholds make rows 1 and 3 overlap', () => {
    const r = ruleset.evaluate({ amount: '25000.00 RUB', gold_threshold: '20000.00 RUB', silver_threshold: '30000.00 RUB' });
    expect(r).toMatchObject({ ok: false, error: { code: 'RB-E-UNIQUE' } });
    if (!r.ok) expect(r.error.message).toMatch(/row 1.*row 3/);
    // the same thresholds, an amount matching one row only
    const ok = ruleset.evaluate({ amount: '10000.00 RUB', gold_threshold: '20000.00 RUB', silver_threshold: '30000.00 RUB' });
    expect(ok).toMatchObject({ ok: true, outputs: { tier_name: 'none' } });
  });
});

const rulesProgram = (overrides: string) => `${HEADER}input
  amount: money
  gold_threshold: money
  tool: Tool

define rate: percent §4
  rule big when amount >= gold_threshold then 20% ${overrides} §4.1
  rule promo when tool is promo_code then 10% §4.2
  otherwise 0%

output bonus_rate = rate
`;

describe('rule cases that both apply', () => {
  const input = { amount: '12000.00 RUB', gold_threshold: '10000.00 RUB', tool: 'promo_code' };

  it('without `overrides`: RB-E-OVERLAP naming both rules', () => {
    const ruleset = build(rulesProgram(''));
    const r = ruleset.evaluate(input);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('RB-E-OVERLAP');
    expect(r.error.message).toContain('big');
    expect(r.error.message).toContain('promo');
    // only one rule applies: no overlap
    expect(ruleset.evaluate({ ...input, tool: 'migrator' })).toMatchObject({ ok: true, outputs: { bonus_rate: '20%' } });
    expect(ruleset.evaluate({ ...input, amount: '100.00 RUB' })).toMatchObject({ ok: true, outputs: { bonus_rate: '10%' } });
    expect(ruleset.evaluate({ ...input, amount: '100.00 RUB', tool: 'migrator' })).toMatchObject({ ok: true, outputs: { bonus_rate: '0%' } });
  });

  it('with `overrides`: the overriding rule wins', () => {
    const ruleset = build(rulesProgram('overrides promo'));
    expect(ruleset.evaluate(input)).toMatchObject({ ok: true, outputs: { bonus_rate: '20%' } });
    expect(ruleset.evaluate({ ...input, amount: '100.00 RUB' })).toMatchObject({ ok: true, outputs: { bonus_rate: '10%' } });
  });
});
