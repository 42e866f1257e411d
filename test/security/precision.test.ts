/**
 * Finding 6: one rule for the precision of values. Money finer than its currency's minor
 * unit is refused (unless the program rounds to a finer unit), whole numbers outside
 * JavaScript's exact range are refused, no output is written in exponent notation, dates
 * outside the years 1–9999 and absurd durations are errors with a code, never garbage.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { rulesetOf, outputsOf, errorOf, header } from '../runtime/helpers.js';

const body = `
input
  amount: money
  n: integer
  x: decimal
  p: percent
  d: date
  span: duration
output amount_out = amount
output is_zero = amount = 0 RUB
output n_squared = n * n
output p_times_x = p * x
output day_before = d - 1 day
output later = d + span
`;
const rs = rulesetOf(`${header()}${body}`);
const ok = { amount: '1.00 RUB', n: 2, x: '1', p: '1%', d: '2025-01-01', span: '1 day' };

describe('money precision', () => {
  it.each(['0.004 RUB', '14400.555 RUB', '1.001 RUB'])('refuses %s, finer than a kopeck', (amount) => {
    const e = errorOf(rs, { ...ok, amount });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('$.amount');
    expect(e.message).toMatch(/RUB/);
  });

  it('accepts amounts at the currency unit or coarser', () => {
    expect(outputsOf(rs, { ...ok, amount: '14400.5 RUB' }).amount_out).toBe('14400.50 RUB');
    expect(outputsOf(rs, { ...ok, amount: '0.00 RUB' }).is_zero).toBe(true);
  });

  it('accepts finer amounts when the program rounds to a finer unit', () => {
    const fine = rulesetOf(`${header({ rounding: 'half up to 0.0001' })}${body}`);
    expect(outputsOf(fine, { ...ok, amount: '0.004 RUB' }).is_zero).toBe(false);
  });

  it('refuses a money literal finer than its currency in the program, with RB212', () => {
    const r = compile(`${header()}\noutput tiny = 0.004 RUB\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RB212']);
    expect(compile(`${header({ rounding: 'half up to 0.001' })}\noutput tiny = 0.004 RUB\n`).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('refuses amounts and numbers with more digits than it keeps exactly', () => {
    expect(errorOf(rs, { ...ok, amount: `${'9'.repeat(61)} RUB` }).path).toBe('$.amount');
    expect(errorOf(rs, { ...ok, x: '1'.repeat(61) }).path).toBe('$.x');
    expect(compile(`${header()}\noutput big = ${'9'.repeat(61)}\n`).diagnostics.map((d) => d.code)).toEqual(['RB211']);
  });
});

describe('whole numbers', () => {
  it('refuses an input integer outside the exact range of JSON numbers', () => {
    expect(errorOf(rs, { ...ok, n: 2 ** 53 }).path).toBe('$.n');
    expect(errorOf(rs, { ...ok, n: -(2 ** 53) }).path).toBe('$.n');
    expect(errorOf(rs, { ...ok, x: 2 ** 60 }).path).toBe('$.x');
  });

  it('stops with RB-E-RANGE instead of printing a rounded integer output', () => {
    expect(outputsOf(rs, { ...ok, n: 94_906_265 }).n_squared).toBe(94_906_265 ** 2);
    expect(errorOf(rs, { ...ok, n: 94_906_266 }).code).toBe('RB-E-RANGE');
  });
});

describe('no exponent notation', () => {
  it('prints a huge percentage with all its digits', () => {
    const out = outputsOf(rs, { ...ok, p: `1${'0'.repeat(39)}%`, x: `1${'0'.repeat(39)}` });
    expect(out.p_times_x).toBe(`1${'0'.repeat(78)}%`);
  });
  it('prints a tiny decimal with all its digits', () => {
    const tiny = rulesetOf(`${header()}\ninput\n  x: decimal\noutput y = x / 1000000000000000000000000\n`);
    expect(outputsOf(tiny, { x: '0.000000000000000000000000000000000000001' }).y).not.toMatch(/e/i);
  });
});

describe('dates and durations out of range', () => {
  it('refuses an input date in year 0', () => {
    expect(errorOf(rs, { ...ok, d: '0000-12-31' }).path).toBe('$.d');
  });
  it('stops with RB-E-RANGE when arithmetic leaves the years 1–9999', () => {
    expect(errorOf(rs, { ...ok, d: '0001-01-01' }).code).toBe('RB-E-RANGE');
    expect(errorOf(rs, { ...ok, d: '9999-12-31', span: '1 day' }).code).toBe('RB-E-RANGE');
  });
  it.each(['99999999999999999999 days', 'P99999999999999999999D', '1000000 years', '200000 months'])('refuses the duration %s', (span) => {
    const e = errorOf(rs, { ...ok, span });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('$.span');
  });
});

describe('rounding scales', () => {
  it('refuses round(x, 1000000) at compile time, since the runtime rounds to at most 20 digits', () => {
    expect(compile(`${header()}\ninput\n  x: decimal\noutput y = round(x, 1000000)\n`).diagnostics.map((d) => d.code)).toEqual(['RB211']);
    expect(compile(`${header()}\ninput\n  x: decimal\noutput y = round(x, 20)\n`).diagnostics.map((d) => d.code)).toEqual([]);
  });
});
