import { describe, expect, it } from 'vitest';
import { diffValues, diffExpectation, formatDiffRow, idField } from '../../runtime/diff.js';

const review = (rates: Record<string, string>) => Object.entries(rates).map(([id, rate]) => ({ purchase_id: id, client_id: 'C1', rate, bonus: '10.00 RUB' }));

describe('structural diff', () => {
  it('names exactly the changed leaf of a list item by its id', () => {
    const rows = diffValues({ purchases_review: review({ B1: '20%', B2: '50%' }), bonus: '1.00 RUB' }, { purchases_review: review({ B1: '20%', B2: '55%' }), bonus: '1.00 RUB' });
    expect(rows.map((r) => formatDiffRow(r))).toEqual(['purchases_review[B2].rate: 50% → 55%']);
  });

  it('matches items by id even when their order changes, and reports added and removed items whole', () => {
    const rows = diffValues(review({ B1: '20%', B2: '50%' }), review({ B3: '5%', B2: '50%' }), 'r');
    expect(rows.map((r) => [r.path, r.change])).toEqual([['r[B1]', 'removed'], ['r[B3]', 'added']]);
  });

  it('falls back to positions when items have no unique id', () => {
    expect(idField([{ id: 'a' }, { id: 'a' }])).toBeUndefined();
    expect(idField([{ x: 1 }])).toBeUndefined();
    expect(idField([{ id: 1, event_id: 'e' }])).toBe('id');
    const rows = diffValues([{ reason: 'x' }, { reason: 'y' }], [{ reason: 'x' }], 'c.reasons');
    expect(rows).toEqual([{ path: 'c.reasons[1]', before: { reason: 'y' }, after: undefined, change: 'removed' }]);
  });

  it('lists unchanged leaves only when asked (the "show all" view)', () => {
    const b = { a: 1, r: { x: 'p', y: 'q' } }, a = { a: 1, r: { x: 'p', y: 'z' } };
    expect(diffValues(b, a)).toHaveLength(1);
    expect(diffValues(b, a, '', { includeSame: true }).map((r) => `${r.path}:${r.change}`)).toEqual(['a:same', 'r.x:same', 'r.y:changed']);
  });

  it('compares an expectation by value, only on the fields it names', () => {
    const outputs = { bonus: '7200.00 RUB', first: { id: 'A1', amount: '10.00 RUB', extra: 'ignored' }, convertible: { eligible: false, reasons: [{ reason: 'below', clauses: [] }] } };
    const ok = diffExpectation({ outputs: { bonus: '7200 RUB', first: { amount: '10 RUB' } }, reasons: { convertible: ['below'] } }, outputs);
    expect(ok).toEqual({ rows: [], missing: [] });
    const bad = diffExpectation({ outputs: { bonus: '7100 RUB', nope: 1 }, reasons: { convertible: ['above'] } }, outputs);
    expect(bad.rows.map((r) => formatDiffRow(r))).toEqual(['bonus: 7 100 RUB → 7 200.00 RUB', 'convertible.reasons[0]: above → below']);
    expect(bad.missing).toEqual(['nope']);
  });

  it('quotes keys and ids that are not plain names', () => {
    const rows = diffValues({ 'odd key': [{ id: 'a b', v: 1 }] }, { 'odd key': [{ id: 'a b', v: 2 }] });
    expect(rows[0]!.path).toBe('["odd key"]["a b"].v');
  });
});
