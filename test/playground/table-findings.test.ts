import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSource } from '../../playground/src/engine/engine.js';

// the table of test/edges/table-gaps.test.ts: tier bronze uncovered, row 4 hidden
const program = readFileSync('test/fixtures/table-gaps.rules', 'utf8');

describe('playground diagnostics: check --tables findings', () => {
  const c = compileSource(program);
  const table = (d: { span: { startLine: number } }) => d.span.startLine >= 14 && d.span.startLine <= 21;

  it('names the uncovered combination in the table\'s RB508 warning (one warning, not two)', () => {
    const gaps = c.diagnostics.filter((d) => d.code === 'RB508');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ severity: 'warning' });
    expect(table(gaps[0]!)).toBe(true);
    expect(gaps[0]!.message).toContain('No row of table rate covers tier = bronze');
  });

  it('warns that row 4 can never match (RB509) on the table', () => {
    const rows = c.diagnostics.filter((d) => d.code === 'RB509');
    expect(rows.map((d) => d.message)).toEqual([expect.stringMatching(/^Row 4 of table rate can never match/)]);
    // on row 4 itself: the table starts on line 14, its header and rule take two lines
    expect(rows[0]!.span.startLine).toBe(20);
  });

  it('adds nothing to the shipped programs, whose tables are complete', () => {
    for (const p of ['promo-kz-summer-2025', 'referral-ru', 'atrealt']) {
      const d = compileSource(readFileSync(`programs/${p}.rules`, 'utf8')).diagnostics;
      expect(d.filter((x) => x.code === 'RB509' || (x.code === 'RB508' && x.message.startsWith('No row of table')))).toEqual([]);
    }
  });
});
