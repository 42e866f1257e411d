/**
 * A generated `hit first` table whose cells cannot fault stops at its first matching row
 * (codegen/tables.ts); it must answer as the reference does: the first row that holds,
 * and, when none holds, the reference's RB-E-NO-ROW sentence.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith, type Ruleset } from '../../runtime/load.js';

const SOURCE = `program tables_first "A first-hit table without a catch-all row"
  currency RUB
  zone Europe/Moscow

enum Tier: gold "gold", silver "silver", bronze "bronze"

input
  tier: Tier
  region: text
  member: boolean

table rate hit first "the rate of a tier and region"
  | tier   | region | member || pct: percent |
  |--------|--------|--------||--------------|
  | gold   | "RU"   | true   || 30%          |
  | gold   | -      | -      || 20%          |
  | silver | "RU"   | -      || 10%          |
  | silver | -      | false  || 5%           |

output pct: percent = rate.pct
`;

function engine(kind: 'fast' | 'reference'): Ruleset {
  const compiled = compile(SOURCE);
  expect(compiled.diagnostics?.filter((d) => d.severity === 'error') ?? []).toEqual([]);
  const r = loadWith(compiled.artifact!, { engine: kind });
  if (!r.ok) throw new Error(r.error.message);
  return r.ruleset;
}

describe('generated first-hit tables', () => {
  const fast = engine('fast'), reference = engine('reference');
  const cases = ['gold', 'silver', 'bronze'].flatMap((tier) => ['RU', 'KZ'].flatMap((region) => [true, false].map((member) => ({ tier, region, member }))));
  it.each(cases)('%o: the same row or the same fault as the reference', (input) => {
    const got = fast.evaluate(input), want = reference.evaluate(input);
    expect(got).toEqual(want);
    if (input.tier === 'bronze') expect(got.ok ? undefined : got.error.code).toBe('RB-E-NO-ROW');
    if (input.tier === 'gold' && input.region === 'KZ') expect(got.ok && got.outputs.pct).toBe('20%');
  });
});
