/**
 * Ledgers at run time: the balance on a day counts only the takes up to that day, lots not
 * yet available, expired or cancelled drop out of it, and the explanation lists each draw in
 * the order it was taken with the lots it used and the ledger's clauses.
 */
import { describe, expect, it } from 'vitest';
import type { TraceNode } from '../../runtime/trace.js';
import { renderTrace } from '../../runtime/explain.js';
import { rulesetOf } from './helpers.js';

const PROGRAM = `program l currency USD zone UTC rounding half up to 0.01
record Grant
  id: text
  amount: money
  from: date
  until: date
  cancelled_on: optional date
record Order
  id: text
  on: date
  net: money
input
  grants: list of Grant
  orders: list of Order
ledger bonus_use §9 §10
  lots g in grants amount g.amount from g.from until g.until key g.id cancelled from g.cancelled_on
  draws o in orders amount o.net dated o.on key o.id limit max(o.net - 10 USD, 0 USD)
  policy earliest expiring first
output before_any = bonus_use on 2025-03-01
output after_first = bonus_use on 2025-03-10
output after_second = bonus_use on 2025-03-20
output after_cancel = bonus_use on 2025-04-01
output after_expiry = bonus_use on 2025-05-01
output unused = list l.unused for l in bonus_use.lots`;

const input = {
  grants: [
    { id: 'late', amount: '500.00 USD', from: '2025-03-15', until: '2025-06-30' },
    { id: 'soon', amount: '300.00 USD', from: '2025-03-01', until: '2025-04-30' },
    { id: 'gone', amount: '200.00 USD', from: '2025-03-01', until: '2025-12-31', cancelled_on: '2025-03-25' },
  ],
  orders: [
    { id: 'second', on: '2025-03-20', net: '460.00 USD' },
    { id: 'first', on: '2025-03-10', net: '110.00 USD' },
  ],
};

function all(nodes: TraceNode[]): TraceNode[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

describe('a ledger', () => {
  const ruleset = rulesetOf(PROGRAM);

  it('gives the balance on a day from the takes up to that day', () => {
    const r = ruleset.evaluate(input);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.outputs).toEqual({
      // soon 300 + gone 200 available; late from 15.03
      before_any: '500.00 USD',
      // first took 100 from soon (earliest expiring)
      after_first: '400.00 USD',
      // second took the 200 left in soon, then 250 from late (30.06, before gone's 31.12)
      after_second: '450.00 USD',
      // gone cancelled on 25.03: its 200 leaves the balance
      after_cancel: '250.00 USD',
      // soon expired on 30.04, late still holds 250
      after_expiry: '250.00 USD',
      unused: ['250.00 USD', '0.00 USD', '200.00 USD'],
    });
  });

  it('explains each draw in the order taken, with the lots it used and the clauses', () => {
    const r = ruleset.evaluate(input, { explain: true });
    if (!r.ok) throw new Error(r.error.message);
    const ledger = all(r.trace!).find((n) => n.kind === 'definition' && n.name === 'bonus_use')!;
    expect(ledger.children.map((n) => [n.note, n.clauses])).toEqual([
      ['draw first on 10.03.2025: took 100.00 USD of 110.00 USD from soon (100.00 USD)', ['§9', '§10']],
      ['draw second on 20.03.2025: took 450.00 USD of 460.00 USD from soon (200.00 USD), late (250.00 USD)', ['§9', '§10']],
    ]);
    expect(renderTrace(r.trace!)).toContain('draw second on 20.03.2025: took 450.00 USD of 460.00 USD from soon (200.00 USD), late (250.00 USD)  §9 §10');
  });
});
