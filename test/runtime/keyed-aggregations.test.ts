/**
 * Keyed aggregations (runtime/codegen/collections.ts): an aggregation whose `where` starts
 * with `item.field = key` goes through the items with that value only, once the list is
 * long enough and asked about again. The generated evaluator must answer exactly as the
 * reference interpreter's plain loop, explanations included, on lists long enough to be
 * grouped (with repeated keys, ties and keys that match nothing), and group each
 * evaluation's lists anew.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, loadWith } from '../../runtime/load.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import type { Artifact } from '../../runtime/ir.js';
import type { TraceNode } from '../../runtime/trace.js';
import { renumber } from './helpers.js';

const SOURCE = `program keyed "Keyed aggregations"
  currency RUB
  zone Europe/Moscow

enum Kind: a, b, c

record Order "an order"
  id: text
  client: text
  kind: Kind
  amount: money

record Client "a client"
  client: text
  kind: Kind

input
  orders: list of Order
  clients: list of Client
  wanted: text

define first_of(o: Order): boolean =
  no q in orders where (q.client = o.client and q.id < o.id)
define same_kind(o: Order): integer =
  count q in orders where (o.kind = q.kind and q.amount > o.amount)
define total_of(cl: Client): money =
  sum q.amount for q in orders where (q.client = cl.client and q.kind = cl.kind)
define biggest_of(cl: Client): optional Order =
  latest q in orders where q.client = cl.client by q.amount
define every_big(cl: Client): boolean =
  every q in orders where (q.client = cl.client) satisfies q.amount > 10 RUB
define noted(cl: Client): list of text =
  list q.id for q in orders where (q.kind = cl.kind and q.client <> "x")
define big_first(cl: Client): integer =
  count q in orders where (q.amount > 50 RUB and q.client = cl.client)

output firsts: integer = count o in orders where first_of(o)
output kinds: list of integer = list same_kind(o) for o in orders
output totals: list of money = list total_of(cl) for cl in clients
output biggest: list of optional Order = list biggest_of(cl) for cl in clients
output all_big: list of boolean = list every_big(cl) for cl in clients
output notes: list of list of text = list noted(cl) for cl in clients
output counted: list of integer = list big_first(cl) for cl in clients
output wanted_count: integer = count q in orders where q.client = wanted
output wanted_again: boolean = exists q in orders where q.client = wanted
output as_a: integer = count q in orders where q.kind is a
`;

const artifact = compile(SOURCE).artifact as Artifact;
const fast = loadWith(artifact, { engine: 'fast' });
const traced = load(artifact);
const reference = loadWith(artifact, { engine: 'reference' });
if (!fast.ok || !traced.ok || !reference.ok) throw new Error('the program does not load');

const CLIENTS = ['c1', 'c2', 'c3', 'x', 'nobody'];
const order = fc.record({
  client: fc.constantFrom(...CLIENTS.slice(0, 4)),
  kind: fc.constantFrom('a', 'b', 'c'),
  amount: fc.constantFrom('5.00 RUB', '10.00 RUB', '10.01 RUB', '60.00 RUB', '60.00 RUB'),
});
const input = fc.record({
  orders: fc.array(order, { maxLength: 60, size: 'max' }).map((os) => os.map((o, i) => ({ id: `o${String((i * 7919) % 97).padStart(2, '0')}`, ...o }))),
  clients: fc.array(fc.record({ client: fc.constantFrom(...CLIENTS), kind: fc.constantFrom('a', 'b', 'c') }), { maxLength: 12, size: 'max' }),
  wanted: fc.constantFrom(...CLIENTS),
});

/** The whole result as JSON, identity numbers in call keys renumbered. */
function explained(r: { ok: boolean; trace?: TraceNode[] }): string {
  if (r.ok) renumber(r.trace);
  return JSON.stringify(r);
}

describe('keyed aggregations', () => {
  it('are generated for every aggregation whose where starts with a text or enum field equal to a key', () => {
    let g: Generated | undefined;
    compileFast(artifact, (x) => { g = x; });
    const source = g!.source;
    // every aggregation but the two whose first test is not an equality of the item's field
    expect(source.match(/R\.keyed\(/g)?.length).toBe(9);
  });

  it('give what the plain loop gives, and the same explanation, on long lists', () => {
    let grouped = 0;
    fc.assert(fc.property(input, (i) => {
      const a = fast.ruleset.evaluate(i), b = reference.ruleset.evaluate(i);
      expect(a).toEqual(b);
      expect(explained(traced.ruleset.evaluate(i, { explain: true }))).toBe(explained(reference.ruleset.evaluate(i, { explain: true })));
      if (i.orders.length >= 16 && i.clients.length >= 2) grouped++;
    }), { seed: 20261202, numRuns: 60 });
    expect(grouped).toBeGreaterThan(25);
  });

  it('stop at the same budget as the plain loop', () => {
    const i = fc.sample(input.filter((x) => x.orders.length >= 40 && x.clients.length >= 6), { seed: 7, numRuns: 1 })[0]!;
    for (const maxSteps of [10, 100, 1000, 3000, 10_000]) {
      const a = fast.ruleset.evaluate(i, { maxSteps }), b = reference.ruleset.evaluate(i, { maxSteps });
      expect(a.ok ? 'ok' : a.error.code).toBe(b.ok ? 'ok' : b.error.code);
    }
  });

  it('group the lists of each evaluation anew: an input changed in place is read as it is now', () => {
    const orders = Array.from({ length: 20 }, (_, n) => ({ id: `o${n + 10}`, client: n % 2 ? 'c1' : 'c2', kind: 'a', amount: '60.00 RUB' }));
    const i = { orders, clients: [{ client: 'c1', kind: 'a' }, { client: 'c2', kind: 'a' }], wanted: 'c3' };
    const before = fast.ruleset.evaluate(i);
    orders.push({ id: 'o99', client: 'c3', kind: 'b', amount: '5.00 RUB' });
    orders[0]!.client = 'c1';
    const after = fast.ruleset.evaluate(i);
    expect(after).toEqual(reference.ruleset.evaluate(i));
    expect(before.ok && after.ok).toBe(true);
    if (before.ok && after.ok) {
      expect(before.outputs.counted).toEqual([10, 10]);
      expect(after.outputs.counted).toEqual([11, 9]);
      expect(after.outputs.wanted_count).toBe(1);
    }
  });
});
