import { describe, it, expect } from 'vitest';
import { matches } from '../../runtime/scenario.js';

describe('scenario expectations', () => {
  it('compare amounts by value, in the same currency only', () => {
    expect(matches('350000.00 KZT', '350000 KZT')).toBe(true);
    expect(matches('7200', '7200.00')).toBe(true);
    expect(matches(7200, '7200')).toBe(true);
    expect(matches('20%', '20.0%')).toBe(true);
    expect(matches('350000.01 KZT', '350000 KZT')).toBe(false);
    expect(matches('350000 RUB', '350000 KZT')).toBe(false);
    expect(matches('20%', '20')).toBe(false);
    expect(matches('20', '20%')).toBe(false);
  });
  it('compare objects field by field and lists item by item', () => {
    expect(matches({ a: '1.0 RUB' }, { a: '1 RUB', b: 2 })).toBe(true);
    expect(matches([{ a: 1 }], [{ a: '1' }, { a: '2' }])).toBe(false);
    expect(matches({ a: 'x' }, { a: 'y' })).toBe(false);
    expect(matches(true, 'true')).toBe(false);
  });
});
