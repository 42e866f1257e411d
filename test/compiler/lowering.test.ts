/**
 * The checker resolves every overloaded operator to one monomorphic IR operation, so
 * the runtime never looks at types. These tests pin the lowering of the common forms.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import type { Artifact, Expr } from '../../runtime/ir.js';

const SOURCE = `program lowering "Lowering"
  currency RUB
  zone Europe/Moscow
  calendar RU
  rounding half up to 0.01

enum Tool: referral_link, promo_code, migrator
record Purchase
  id: text
  paid_at: instant
  amount: money
  tool: Tool
input
  purchases: list of Purchase
  total: money
  fee: money
  level: integer
  approved_on: date
  closed_on: date
  registered_at: instant

output pct_money = 20% of total
output money_pct = total * 20%
output pct_num = 20% of level
output add_money = total + fee
output sub_money = total - fee
output mul_money = total * 2
output mul_money_left = 2 * total
output div_money = total / 4
output ratio = total / fee
output add_pct = 10% + 5%
output neg_money = -total
output add_int = level + 1
output div_int = level / 2
output due = approved_on + 3 business days
output due_instant = registered_at + 30 days
output month_back = approved_on - 1 month
output days_open = closed_on - approved_on
output same_day = registered_at on or before approved_on
output big = total > 5 000 RUB
output tool_ok = exists p in purchases where p.tool is one of referral_link, promo_code
output rounded = round(total)
output mixed_list = [1, 2.5]
`;

function compiled(): Artifact {
  const r = compile(SOURCE, { path: 'lowering.rules' });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.artifact!;
}

const artifact = compiled();
function body(name: string): Expr {
  const o = artifact.outputs.find((x) => x.name === name);
  if (!o) throw new Error(`no output ${name}`);
  return o.body;
}

describe('monomorphic lowering', () => {
  it('a percentage of money lowers to pct_of_money with the money scale', () => {
    expect(body('pct_money')).toEqual({
      op: 'arith', fn: 'pct_of_money', scale: 2,
      args: [{ op: 'const', type: { k: 'percent' }, value: '20' }, { op: 'input', name: 'total' }],
    });
    // `money * percent` is the same operation with the percentage first
    expect(body('money_pct')).toMatchObject({ op: 'arith', fn: 'pct_of_money', args: [{ op: 'const', type: { k: 'percent' } }, { op: 'input', name: 'total' }] });
    expect(artifact.outputs.find((o) => o.name === 'pct_money')!.type).toEqual({ k: 'money', cur: 'RUB' });
  });

  it('a percentage of a number lowers to pct_of_num and gives a decimal', () => {
    expect(body('pct_num')).toMatchObject({ op: 'arith', fn: 'pct_of_num' });
    expect(artifact.outputs.find((o) => o.name === 'pct_num')!.type).toEqual({ k: 'decimal' });
  });

  it('money arithmetic picks the money operations', () => {
    expect(body('add_money')).toEqual({ op: 'arith', fn: 'add_money', args: [{ op: 'input', name: 'total' }, { op: 'input', name: 'fee' }] });
    expect(body('sub_money')).toMatchObject({ op: 'arith', fn: 'sub_money' });
    expect(body('mul_money')).toMatchObject({ op: 'arith', fn: 'mul_money_num', args: [{ op: 'input', name: 'total' }, { op: 'const' }] });
    // the money operand always comes first, whichever side it is written on
    expect(body('mul_money_left')).toMatchObject({ op: 'arith', fn: 'mul_money_num', args: [{ op: 'input', name: 'total' }, { op: 'const' }] });
    expect(body('div_money')).toMatchObject({ op: 'arith', fn: 'div_money_num' });
    expect(body('ratio')).toMatchObject({ op: 'arith', fn: 'div_money_money' });
    expect(artifact.outputs.find((o) => o.name === 'ratio')!.type).toEqual({ k: 'decimal' });
    expect(body('neg_money')).toMatchObject({ op: 'arith', fn: 'neg_money' });
  });

  it('percentages and plain numbers keep their own operations', () => {
    expect(body('add_pct')).toMatchObject({ op: 'arith', fn: 'add_pct' });
    expect(body('add_int')).toMatchObject({ op: 'arith', fn: 'add' });
    expect(artifact.outputs.find((o) => o.name === 'add_int')!.type).toEqual({ k: 'integer' });
    // division of whole numbers gives a decimal
    expect(body('div_int')).toMatchObject({ op: 'arith', fn: 'div' });
    expect(artifact.outputs.find((o) => o.name === 'div_int')!.type).toEqual({ k: 'decimal' });
  });

  it('date + 3 business days lowers to date_add on a date', () => {
    expect(body('due')).toEqual({
      op: 'date_add', base: { op: 'input', name: 'approved_on' },
      duration: { op: 'const', type: { k: 'duration' }, value: { n: 3, unit: 'business_days' } }, sign: 1, instant: false,
    });
    expect(body('due_instant')).toMatchObject({ op: 'date_add', instant: true, sign: 1, duration: { value: { n: 30, unit: 'days' } } });
    expect(body('month_back')).toMatchObject({ op: 'date_add', instant: false, sign: -1, duration: { value: { n: 1, unit: 'months' } } });
    expect(body('days_open')).toMatchObject({ op: 'arith', fn: 'sub_date_date' });
  });

  it('comparisons carry the kind of comparison, and an instant is compared with a date by its local date', () => {
    expect(body('same_day')).toEqual({
      op: 'cmp', kind: 'day', cmp: '<=',
      left: { op: 'builtin', fn: 'to_date', args: [{ op: 'input', name: 'registered_at' }] },
      right: { op: 'input', name: 'approved_on' },
      // where the comparison is written, so `rulebook edges` can quote it
      span: [39, 19, 39, 57],
    });
    expect(body('big')).toMatchObject({ op: 'cmp', kind: 'num', cmp: '>' });
    expect(body('tool_ok')).toMatchObject({
      op: 'agg', kind: 'exists',
      where: { op: 'in_set', kind: 'str', negated: false, items: [{ value: 'referral_link' }, { value: 'promo_code' }] },
    });
  });

  it('round(money) rounds to the program unit', () => {
    expect(body('rounded')).toMatchObject({ op: 'builtin', fn: 'round_money', scale: 2 });
  });

  it('a list of whole and decimal numbers is a list of decimals', () => {
    expect(artifact.outputs.find((o) => o.name === 'mixed_list')!.type).toEqual({ k: 'list', of: { k: 'decimal' } });
  });

  it('no IR node is left overloaded', () => {
    const ops = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.op === 'arith') ops.add(String(o.fn));
        Object.values(o).forEach(walk);
      }
    };
    walk(artifact.outputs);
    for (const fn of ops) expect(['+', '-', '*', '/', 'of']).not.toContain(fn);
  });
});
