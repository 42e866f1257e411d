/**
 * Money is decimal, never a float: rounding happens once, in the program's declared
 * mode and unit, and large amounts keep every digit.
 */
import { describe, it, expect } from 'vitest';
import { header, outputsOf, rulesetOf, rulesetOfFixture } from './helpers.js';

describe('RUB, rounding half up to 0.01 (money.rules)', () => {
  const rules = rulesetOfFixture('money.rules');
  const input = { amount: '40216.63 RUB', big: '123456789012345678.91 RUB', x: '987.648' };
  const out = outputsOf(rules, input);

  it('rounds 987.648 half up to 987.65', () => {
    expect(out.one_percent).toBe('987.65 RUB'); // 1% of 98 764.80 RUB
    expect(out.rounded).toBe('987.65'); // round(x, 2) of the decimal 987.648
  });

  it('takes 20% and 50% of 40 216.63 RUB to the kopeck', () => {
    expect(out.twenty).toBe('8043.33 RUB'); // 8 043.326
    // 20 108.315 exactly. With floats, 40216.63 * 0.5 is 20108.314999999998…, so
    // Math.round(40216.63 * 0.5 * 100) / 100 === 20108.31 and (40216.63 * 0.5).toFixed(2) === '20108.31'.
    expect(out.fifty).toBe('20108.32 RUB');
  });

  it('keeps every digit of 123 456 789 012 345 678.91 RUB', () => {
    // Floats: 123456789012345678.91 * 3 === 370370367037037060 (the kopecks and the last digits are gone).
    expect(out.big_times_3).toBe('370370367037037036.73 RUB');
    // 24 691 357 802 469 135.782; floats give (123456789012345678.91 * 0.2).toFixed(2) === '24691357802469136.00'.
    expect(out.big_twenty).toBe('24691357802469135.78 RUB');
    expect(out.big_plus).toBe('123456789012345678.92 RUB');
  });

  it('rounds a half kopeck up: 50% of 0.25 RUB = 0.13 RUB', () => {
    expect(out.fifty_of_quarter).toBe('0.13 RUB');
  });

  it('gives the same digits for negative and for 20-digit amounts', () => {
    const o = outputsOf(rules, { amount: '-40216.63 RUB', big: '99999999999999999999.99 RUB', x: '-987.645' });
    expect(o.fifty).toBe('-20108.32 RUB'); // half up rounds away from zero
    expect(o.rounded).toBe('-987.65');
    expect(o.big_times_3).toBe('299999999999999999999.97 RUB');
    expect(o.big_plus).toBe('100000000000000000000.00 RUB');
  });
});

const program = (rounding: string, currency = 'RUB') => `${header({ currency, rounding })}
input
  amount: money
  x: decimal

output fifty = 50% of amount
output twelve = 12% of amount
output whole = round(amount)
output rx = round(x)
output rx2 = round(x, 2)
output third = amount / 3
output tripled = amount * 3
`;

describe('rounding half even', () => {
  const even = rulesetOf(program('half even to 0.01'));
  const up = rulesetOf(program('half up to 0.01'));

  it('rounds 20 108.325 to the even kopeck (.32) where half up gives .33', () => {
    expect(outputsOf(even, { amount: '40216.65 RUB', x: '0' }).fifty).toBe('20108.32 RUB');
    expect(outputsOf(up, { amount: '40216.65 RUB', x: '0' }).fifty).toBe('20108.33 RUB');
  });

  it('rounds 20 108.315 up to the even kopeck (.32) like half up does', () => {
    expect(outputsOf(even, { amount: '40216.63 RUB', x: '0' }).fifty).toBe('20108.32 RUB');
  });

  it('rounds 0.125 to 0.12 and 0.135 to 0.14', () => {
    expect(outputsOf(even, { amount: '0.25 RUB', x: '0' }).fifty).toBe('0.12 RUB');
    expect(outputsOf(even, { amount: '0.27 RUB', x: '0' }).fifty).toBe('0.14 RUB');
    expect(outputsOf(up, { amount: '0.25 RUB', x: '0' }).fifty).toBe('0.13 RUB');
  });

  it('rounds decimals in the program mode too: round(2.5) = 2, round(3.5) = 4', () => {
    expect(outputsOf(even, { amount: '0 RUB', x: '2.5' }).rx).toBe('2');
    expect(outputsOf(even, { amount: '0 RUB', x: '3.5' }).rx).toBe('4');
    expect(outputsOf(up, { amount: '0 RUB', x: '2.5' }).rx).toBe('3');
    expect(outputsOf(even, { amount: '0 RUB', x: '987.645' }).rx2).toBe('987.64');
    expect(outputsOf(up, { amount: '0 RUB', x: '987.645' }).rx2).toBe('987.65');
  });

  it('divides money and rounds once: 100.00 RUB / 3 = 33.33 RUB', () => {
    expect(outputsOf(even, { amount: '100.00 RUB', x: '0' }).third).toBe('33.33 RUB');
    expect(outputsOf(up, { amount: '200.00 RUB', x: '0' }).third).toBe('66.67 RUB');
  });
});

describe('KZT, rounding to 1 tenge', () => {
  const up = rulesetOf(program('half up to 1', 'KZT'));
  const even = rulesetOf(program('half even to 1', 'KZT'));

  it('prints whole tenge and rounds half up', () => {
    const o = outputsOf(up, { amount: '1233 KZT', x: '0' });
    expect(o.fifty).toBe('617 KZT'); // 616.5
    expect(o.twelve).toBe('148 KZT'); // 147.96
    expect(o.whole).toBe('1233 KZT');
    expect(o.third).toBe('411 KZT');
    expect(outputsOf(up, { amount: '1000 KZT', x: '0' }).third).toBe('333 KZT');
    expect(outputsOf(up, { amount: '2000 KZT', x: '0' }).third).toBe('667 KZT');
  });

  it('rounds half even to the even tenge', () => {
    expect(outputsOf(even, { amount: '1233 KZT', x: '0' }).fifty).toBe('616 KZT');
    expect(outputsOf(even, { amount: '1235 KZT', x: '0' }).fifty).toBe('618 KZT');
  });

  it('rounds an amount given with tiyn to whole tenge', () => {
    const o = outputsOf(up, { amount: '1233.50 KZT', x: '0' });
    expect(o.whole).toBe('1234 KZT');
    expect(o.tripled).toBe('3701 KZT'); // 3 700.50
  });

  it('keeps every digit of a large KZT amount', () => {
    expect(outputsOf(up, { amount: '123456789012345678901 KZT', x: '0' }).tripled).toBe('370370367037037036703 KZT');
  });
});

describe('printing money with more digits than the unit', () => {
  // Sums of inputs are not rounded by an operation, so the rounding happens when printed:
  // it must be the program's mode, not decimal.js's default half up.
  const body = `
input
  amount: money

output same = amount
output doubled = amount + amount
`;
  // (inputs finer than a kopeck are refused, so the printing unit here is 0.1 RUB)
  it.each([
    ['half up', '0.25 RUB', '0.3 RUB', '0.5 RUB'],
    ['half even', '0.25 RUB', '0.2 RUB', '0.5 RUB'],
    ['down', '0.29 RUB', '0.2 RUB', '0.5 RUB'],
    ['ceiling', '0.21 RUB', '0.3 RUB', '0.5 RUB'],
  ])('rounding %s prints %s as %s', (mode, amount, same, doubled) => {
    const rules = rulesetOf(header({ rounding: `${mode} to 0.1` }) + body);
    expect(outputsOf(rules, { amount })).toEqual({ same, doubled });
  });
});

describe('the other rounding modes of the header', () => {
  const cases: [string, string, string][] = [
    // mode, 50% of 0.25 RUB (0.125), 50% of -0.25 RUB (-0.125)
    ['half down', '0.12 RUB', '-0.12 RUB'],
    ['up', '0.13 RUB', '-0.13 RUB'],
    ['down', '0.12 RUB', '-0.12 RUB'],
    ['floor', '0.12 RUB', '-0.13 RUB'],
    ['ceiling', '0.13 RUB', '-0.12 RUB'],
  ];
  it.each(cases)('%s', (mode, positive, negative) => {
    const rules = rulesetOf(program(`${mode} to 0.01`));
    expect(outputsOf(rules, { amount: '0.25 RUB', x: '0' }).fifty).toBe(positive);
    expect(outputsOf(rules, { amount: '-0.25 RUB', x: '0' }).fifty).toBe(negative);
  });
});
