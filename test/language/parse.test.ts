import { describe, it, expect } from 'vitest';
import { parse } from '../../language/parse.js';

const header = 'program p "P"\n  zone Europe/Moscow\n  currency RUB\n';

describe('parser', () => {
  it('gives every declaration and expression a span', () => {
    const { ast, diagnostics } = parse(`${header}define total: money = 20% of 100.00 RUB §4\n`);
    expect(diagnostics).toEqual([]);
    const d = ast.declarations[0]!;
    expect(d.span.startLine).toBe(4);
    expect(d.kind === 'value' && d.body?.span.startColumn).toBe(23);
    expect(d.citations.map((c) => c.text)).toEqual(['§4']);
  });

  it('reports several syntax errors in one file thanks to recovery', () => {
    const { diagnostics } = parse(`${header}define a = (1 +\ndefine b = 2\noutput c = * 3\noutput d = 4\n`);
    expect(diagnostics.length).toBeGreaterThanOrEqual(2);
    expect(diagnostics.every((d) => d.code === 'RB101')).toBe(true);
    expect(new Set(diagnostics.map((d) => d.span.startLine)).size).toBeGreaterThanOrEqual(2);
  });

  it('reads a decision table with a separator line, citations per row and a trailing pipe', () => {
    const { ast, diagnostics } = parse(`${header}table t(x: integer) hit unique §4.1
  | x     || rate |
  |-------||------|
  | < 10  || 10%  | §4.1.1
  | >= 10 || 20%  | §4.1.2
`);
    expect(diagnostics).toEqual([]);
    const t = ast.declarations[0]!;
    expect(t.kind).toBe('table');
    if (t.kind !== 'table') return;
    expect(t.rows).toHaveLength(2);
    expect(t.rows[1]!.citations.map((c) => c.text)).toEqual(['§4.1.2']);
    expect(t.rows[0]!.inputs[0]).toMatchObject({ kind: 'compare', op: '<' });
  });

  it('reads effective-dated versions', () => {
    const { ast, diagnostics } = parse(`${header}define bonus(at: instant): integer = in force on at
  until 31.12.2025 §4: 100
  from 01.01.2026: 0
`);
    expect(diagnostics).toEqual([]);
    const d = ast.declarations[0]!;
    expect(d.kind === 'value' && d.body?.kind).toBe('effective');
  });

  it('never throws on garbage', () => {
    for (const text of ['', '|||', 'program', '§§§', 'define (', 'table t hit', '"unterminated', '\u0000']) {
      expect(() => parse(text)).not.toThrow();
    }
  });
});
