/** table-overlap.ts: which rows of a `unique` table certainly overlap, decided from literals. */
import { describe, expect, it } from 'vitest';
import { findOverlappingRows } from '../../compiler/table-overlap.js';
import type { CellTest, CmpOp, Expr, TableIR, Ty } from '../../runtime/ir.js';

const money = (v: string): Expr => ({ op: 'const', type: { k: 'money', cur: 'RUB' }, value: v });
const enumV = (v: string): Expr => ({ op: 'const', type: { k: 'enum', name: 'Tool' }, value: v });
const int = (v: string): Expr => ({ op: 'const', type: { k: 'integer' }, value: v });
const day = (n: number): Expr => ({ op: 'const', type: { k: 'date' } as Ty, value: n });
const ms = (n: number): Expr => ({ op: 'const', type: { k: 'instant' } as Ty, value: n });

const any: CellTest = { t: 'any' };
const cmp = (c: CmpOp, value: Expr, asDate?: boolean): CellTest => ({ t: 'cmp', cmp: c, value, ...(asDate ? { asDate } : {}) });
const oneOf = (...values: Expr[]): CellTest => ({ t: 'in', values, negated: false });
const notOneOf = (...values: Expr[]): CellTest => ({ t: 'in', values, negated: true });
const within = (start: Expr, end: Expr, startInclusive = true, endInclusive = true, asDate?: boolean): CellTest => ({
  t: 'within', interval: { op: 'interval', start, end, startInclusive, endInclusive }, ...(asDate ? { asDate } : {}),
});

function rows(...tests: CellTest[][]): TableIR['rows'] {
  return tests.map((t, i) => ({ tests: t, outputs: [], clauses: [], span: [i + 1, 1, i + 1, 2], label: `row ${i + 1}` }));
}

describe('findOverlappingRows', () => {
  it('finds rows whose literal sets share a value', () => {
    expect(findOverlappingRows(rows(
      [oneOf(enumV('referral_link'), enumV('promo_code'))],
      [oneOf(enumV('promo_code'))],
      [oneOf(enumV('migrator'))],
    ))).toEqual([[0, 1]]);
  });

  it('needs every column to overlap', () => {
    expect(findOverlappingRows(rows(
      [oneOf(enumV('promo_code')), oneOf(int('1'), int('2'))],
      [oneOf(enumV('promo_code')), oneOf(int('3'))],
    ))).toEqual([]);
    expect(findOverlappingRows(rows(
      [oneOf(enumV('promo_code')), oneOf(int('1'), int('2'))],
      [oneOf(enumV('promo_code')), oneOf(int('2'), int('3'))],
    ))).toEqual([[0, 1]]);
  });

  it('a dash overlaps everything', () => {
    expect(findOverlappingRows(rows([any, cmp('>=', money('100'))], [oneOf(enumV('migrator')), any]))).toEqual([[0, 1]]);
  });

  it('`not one of` overlaps a set with any other value, and another `not one of`', () => {
    expect(findOverlappingRows(rows([notOneOf(enumV('migrator'))], [oneOf(enumV('migrator'))]))).toEqual([]);
    expect(findOverlappingRows(rows([notOneOf(enumV('migrator'))], [oneOf(enumV('migrator'), enumV('promo_code'))]))).toEqual([[0, 1]]);
    expect(findOverlappingRows(rows([notOneOf(enumV('migrator'))], [notOneOf(enumV('promo_code'))]))).toEqual([[0, 1]]);
  });

  it('numeric comparisons: >= 10 000 meets through 10 000, but < 1 000 does not meet >= 1 000', () => {
    expect(findOverlappingRows(rows(
      [cmp('<', money('1000.00'))],
      [within(money('1000'), money('10000'))],
      [cmp('>=', money('10000.00'))],
    ))).toEqual([[1, 2]]);
  });

  it('adjacent intervals `from A before B` and `from B …` do not overlap; inclusive ends do', () => {
    expect(findOverlappingRows(rows(
      [within(money('1000'), money('10000'), true, false)],
      [within(money('10000'), money('20000'), true, true)],
      [within(money('20000'), money('30000'), false, true)],
    ))).toEqual([]);
    expect(findOverlappingRows(rows(
      [within(money('1000'), money('10000'), true, true)],
      [within(money('10000'), money('20000'), true, true)],
    ))).toEqual([[0, 1]]);
  });

  it('date intervals: through 31.08 meets from 31.08; before 01.09 does not meet from 01.09', () => {
    const aug31 = 20331, sep1 = 20332;
    expect(findOverlappingRows(rows([within(day(20270), day(aug31))], [within(day(aug31), day(20361))]))).toEqual([[0, 1]]);
    expect(findOverlappingRows(rows([within(day(20270), day(sep1), true, false)], [cmp('>=', day(sep1))]))).toEqual([]);
  });

  it('a single value is a point: it meets a range that contains it', () => {
    expect(findOverlappingRows(rows([oneOf(int('5'))], [cmp('>', int('4'))]))).toEqual([[0, 1]]);
    expect(findOverlappingRows(rows([oneOf(int('5'))], [cmp('>', int('5'))]))).toEqual([]);
    expect(findOverlappingRows(rows([oneOf(int('3'), int('9'))], [within(int('4'), int('8'))]))).toEqual([]);
    expect(findOverlappingRows(rows([oneOf(int('3'), int('6'))], [within(int('4'), int('8'))]))).toEqual([[0, 1]]);
  });

  it('cells that depend on other values are left to the runtime', () => {
    const threshold: Expr = { op: 'input', name: 'gold_threshold' };
    expect(findOverlappingRows(rows([cmp('>=', threshold)], [cmp('>=', money('5000'))]))).toEqual([]);
    expect(findOverlappingRows(rows([oneOf({ op: 'ref', name: 'favourite_tool' })], [any]))).toEqual([]);
    // <> cannot be turned into a range
    expect(findOverlappingRows(rows([cmp('<>', int('1'))], [oneOf(int('2'))]))).toEqual([]);
  });

  it('in an instant column, a date cell and an instant cell are not compared (day numbers vs milliseconds)', () => {
    const sep1Day = 20332, sep1Ms = Date.UTC(2025, 7, 31, 21, 0);
    // `< 01.09.2025 00:00` (Moscow) and `>= 01.09.2025` are disjoint; the units differ, so no verdict here
    expect(findOverlappingRows(rows([cmp('<', ms(sep1Ms))], [cmp('>=', day(sep1Day), true)]))).toEqual([]);
    // two date cells in an instant column are compared as dates
    expect(findOverlappingRows(rows([cmp('<=', day(sep1Day), true)], [cmp('>=', day(sep1Day), true)]))).toEqual([[0, 1]]);
    // a dash still overlaps a date cell
    expect(findOverlappingRows(rows([any], [cmp('>=', day(sep1Day), true)]))).toEqual([[0, 1]]);
  });

  it('lists every overlapping pair, in row order', () => {
    expect(findOverlappingRows(rows([any], [any], [any]))).toEqual([[0, 1], [0, 2], [1, 2]]);
  });
});
