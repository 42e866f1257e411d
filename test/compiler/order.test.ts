/** order.ts: definitions come after what they use; circles become one RB500 each. */
import { describe, expect, it } from 'vitest';
import { orderDefinitions } from '../../compiler/order.js';
import type { Span } from '../../language/span.js';

/** Spans that put each name on its own line, in the order given (the "file order"). */
function spans(fileOrder: string[]): (name: string) => Span {
  return (name) => {
    const i = fileOrder.indexOf(name);
    return { startOffset: i * 100, endOffset: i * 100 + name.length, startLine: i + 1, startColumn: 8, endLine: i + 1, endColumn: 8 + name.length };
  };
}

const deps = (o: Record<string, string[]>) => new Map(Object.entries(o).map(([k, v]) => [k, new Set(v)]));

describe('orderDefinitions', () => {
  it('puts every definition after the definitions it uses', () => {
    const d = deps({ bonus: ['total', 'rate'], total: ['purchases_sum'], rate: [], purchases_sum: [] });
    const names = ['bonus', 'total', 'rate', 'purchases_sum'];
    const { order, diagnostics } = orderDefinitions(names, d, spans(names));
    expect(diagnostics).toEqual([]);
    expect([...order].sort()).toEqual([...names].sort());
    for (const [n, uses] of d) for (const u of uses) expect(order.indexOf(u), `${u} before ${n}`).toBeLessThan(order.indexOf(n));
  });

  it('ignores names that are not definitions (inputs, readings)', () => {
    const d = deps({ total: ['purchases', 'version_selector'] });
    expect(orderDefinitions(['total'], d, spans(['total']))).toEqual({ order: ['total'], diagnostics: [] });
  });

  it('reports a circle of two once, starting at the member written first', () => {
    const d = deps({ total: [], bonus: ['total', 'partner_share'], partner_share: ['bonus'], payout: ['bonus'] });
    const fileOrder = ['total', 'bonus', 'partner_share', 'payout'];
    const { diagnostics, order } = orderDefinitions(['payout', 'partner_share', 'bonus', 'total'], d, spans(fileOrder));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RB500', severity: 'error', span: { startLine: 2 } });
    expect(diagnostics[0]!.message).toContain('bonus → partner_share → bonus');
    // every name is still ordered, so later stages can go on
    expect([...order].sort()).toEqual([...fileOrder].sort());
    expect(order.indexOf('total')).toBeLessThan(order.indexOf('bonus'));
  });

  it('reports a circle of three with the whole path', () => {
    const d = deps({ gross: [], net: ['gross', 'fee'], fee: ['payout'], payout: ['net'] });
    const fileOrder = ['gross', 'net', 'fee', 'payout'];
    const { diagnostics } = orderDefinitions(fileOrder, d, spans(fileOrder));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toContain('net → fee → payout → net');
    expect(diagnostics[0]!.span.startLine).toBe(2);
  });

  it('reports a self-reference', () => {
    const d = deps({ level_bonus: ['level_bonus'], bonus: ['level_bonus'] });
    const { diagnostics } = orderDefinitions(['bonus', 'level_bonus'], d, spans(['level_bonus', 'bonus']));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'RB500', span: { startLine: 1 } });
    expect(diagnostics[0]!.message).toContain('`level_bonus` is defined in terms of itself');
  });

  it('reports two separate circles separately', () => {
    const d = deps({ a: ['b'], b: ['a'], c: ['d'], d: ['c'], e: ['a', 'c'] });
    const fileOrder = ['a', 'b', 'c', 'd', 'e'];
    const { diagnostics } = orderDefinitions(fileOrder, d, spans(fileOrder));
    expect(diagnostics.map((x) => x.span.startLine).sort()).toEqual([1, 3]);
  });

  it('is deterministic whatever order the names come in', () => {
    const d = deps({ gross: [], net: ['gross', 'fee'], fee: ['payout'], payout: ['net'] });
    const fileOrder = ['gross', 'net', 'fee', 'payout'];
    const m1 = orderDefinitions(['payout', 'fee', 'net', 'gross'], d, spans(fileOrder)).diagnostics[0]!.message;
    const m2 = orderDefinitions(['fee', 'gross', 'payout', 'net'], d, spans(fileOrder)).diagnostics[0]!.message;
    expect(m1).toBe(m2);
  });
});
