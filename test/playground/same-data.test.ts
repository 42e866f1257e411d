import { describe, it, expect } from 'vitest';
import { sameData } from '../../playground/src/engine/same-data.js';

// the page sends the scenarios to the worker only when they differ from a copy of those sent last, and
// the worker sends the metadata only when it differs from what it sent last (playground/src/engine/)
describe('playground: sameData', () => {
  it('compares plain data by value, key order included', () => {
    const a = { name: 'x', input: { list: [1, { amount: '10.00', tags: ['a'] }], none: null }, as_of: '2026-01-01' };
    expect(sameData(a, structuredClone(a))).toBe(true);
    expect(sameData([a, a], [structuredClone(a), structuredClone(a)])).toBe(true);
    expect(sameData({ ...a, input: { ...a.input, list: [1, { amount: '10.01', tags: ['a'] }] } }, a)).toBe(false);
    expect(sameData({ x: 1, y: 2 }, { y: 2, x: 1 })).toBe(false);
    expect(sameData({ x: undefined }, {})).toBe(false);
    expect(sameData([1, 2], [1, 2, 3])).toBe(false);
    expect(sameData([], {})).toBe(false);
    expect(sameData(0, -0)).toBe(false);
    expect(sameData(NaN, NaN)).toBe(true);
    expect(sameData('1', 1)).toBe(false);
    expect(sameData(null, {})).toBe(false);
  });

  it('never finds data that is not plain the same as a copy of it, so such data is sent again', () => {
    const d = new Date(0);
    expect(sameData({ d }, { d: new Date(0) })).toBe(false);
    expect(sameData(new Map(), new Map())).toBe(false);
    expect(sameData({ d }, { d })).toBe(true);
  });
});
