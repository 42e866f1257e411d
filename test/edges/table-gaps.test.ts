import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { checkTables } from '../../analysis/table-gaps.js';

const program = `program gaps "tables with a known gap"
  currency RUB
  zone Europe/Moscow
  rounding half up to 0.01
  month end clamp

enum Tier: bronze, silver, gold

input
  tier: Tier
  vip: boolean
  months: integer

table rate hit first "gold and silver only; months 12 exactly for the long rate"
  | tier         | vip   | months || pct: percent |
  |---|---|---||---|
  | gold         | -     | 12     || 30% |
  | gold         | -     | <> 12  || 20% |
  | silver       | true  | -      || 10% |
  | gold, silver | true  | >= 1   || 5%  |
  | silver       | false | -      || 0%  |

output r = rate.pct
`;

describe('check --tables', () => {
  const compiled = compile(program, { path: 'gaps.rules' });
  it('compiles the test program', () => expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));
  const [f] = checkTables(compiled.artifact!);

  it('reports the combination no row covers (bronze, any vip, any months)', () => {
    expect(f?.table).toBe('rate');
    expect(f?.gaps).toEqual(['tier = bronze']);
  });

  it('reports a row earlier rows cover entirely under hit first', () => {
    // row 4 takes gold or silver with vip: gold is taken by rows 1-2, silver+vip by row 3
    expect(f?.unreachable).toEqual(['row 4']);
  });

  it('finds nothing to report in promo-kz\'s offer table (its last row catches every case)', () => {
    const kz = compile(readFileSync('programs/promo-kz-summer-2025.rules', 'utf8'), { path: 'promo-kz' }).artifact!;
    expect(checkTables(kz).find((x) => x.table === 'offer')).toMatchObject({ gaps: [], unreachable: [] });
  });
});
