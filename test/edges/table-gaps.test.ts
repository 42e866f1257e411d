import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { checkTables } from '../../analysis/table-gaps.js';

// a table with one uncovered tier and one row hidden by the rows above it
const program = readFileSync('test/fixtures/table-gaps.rules', 'utf8');

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
