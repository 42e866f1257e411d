/** "Did you mean" suggestions of the resolver and the checker. */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from '../../language/diagnostics.js';
import { parse } from '../../language/parse.js';
import { resolve } from '../../compiler/resolve.js';
import { compile } from '../../compiler/compile.js';

const HEADER = `program partner_bonus "Partner bonus"
  currency RUB
  zone Europe/Moscow
  calendar RU

enum Tool: referral_link, promo_code, migrator
record Purchase
  id: text
  amount: money
  tool: Tool
input
  purchases: list of Purchase
  partner_level: integer
parameter threshold: money = 5 000 RUB
`;

function errors(body: string) {
  return compile(HEADER + body).diagnostics.filter((d) => d.severity === 'error');
}

describe('didYouMean', () => {
  it('suggests the closest candidate within a third of the word', () => {
    expect(editDistance('treshold', 'threshold')).toBe(1);
    expect(didYouMean('treshold', ['total', 'threshold', 'purchases'])).toBe(' Did you mean `threshold`?');
    expect(didYouMean('purchse', ['purchases', 'Purchase'])).toBe(' Did you mean `Purchase`?');
  });

  it('says nothing when no candidate is close', () => {
    expect(didYouMean('partner_cut', ['total', 'threshold'])).toBe('');
    expect(didYouMean('x', [])).toBe('');
    // short words allow one edit only
    expect(didYouMean('abc', ['xyz'])).toBe('');
    expect(didYouMean('abc', ['abd'])).toBe(' Did you mean `abd`?');
  });

  it('ignores case when measuring, but shows the candidate as declared', () => {
    expect(didYouMean('rub', ['RUB', 'KZT'])).toBe(' Did you mean `RUB`?');
  });
});

describe('the resolver suggests', () => {
  it('a type for a misspelt type, including declared records', () => {
    const { ast } = parse(`${HEADER}record Bonus\n  amount: mony\ninput\n  bonuses: list of Bonuss\noutput n = 1\n`);
    const r = resolve(ast);
    const ds = r.diagnostics.filter((d) => d.code === 'RB302');
    expect(ds.map((d) => d.message)).toEqual([
      expect.stringContaining('Did you mean `money`?'),
      expect.stringContaining('Did you mean `Bonus`?'),
    ]);
  });

  it('a currency for a misspelt currency', () => {
    const { ast } = parse(HEADER.replace('currency RUB', 'currency RUR') + 'output n = 1\n');
    const d = resolve(ast).diagnostics.find((x) => x.code === 'RB201');
    expect(d?.message).toContain('Did you mean `RUB`?');
    expect(d?.span).toMatchObject({ startLine: 2, startColumn: 12 });
  });
});

describe('the checker suggests', () => {
  it('a value for a misspelt name, never a type', () => {
    const [d] = errors('output total: money = sum p.amount for p in purchase\n');
    expect(d).toMatchObject({ code: 'RB300' });
    // `Purchase` is closer (case aside) but is a type: using it would be another error
    expect(d!.message).toContain('Did you mean `purchases`?');
  });

  it('a parameter, a local or a builtin', () => {
    expect(errors('output ok = partner_level > 1 and threshold > 0 RUB and treshold > 0 RUB\n')[0]!.message).toContain('`threshold`');
    expect(errors('output s: money = sum q.amount for q in purchases where qq.amount > 0 RUB\n')[0]!.message).toContain('Did you mean `q`?');
    expect(errors('output r: money = rond(threshold)\n')[0]!.message).toContain('Did you mean `round`?');
    expect(errors('output a = as_off\n')[0]!.message).toContain('Did you mean `as_of`?');
  });

  it('a field of the record', () => {
    const [d] = errors('output s: money = sum p.amont for p in purchases\n');
    expect(d).toMatchObject({ code: 'RB303' });
    expect(d!.message).toContain('Did you mean `amount`?');
  });

  it('an enumeration value, in `is`, in a match and in a comparison', () => {
    expect(errors('output n = count p in purchases where p.tool is promocode\n')[0]).toMatchObject({ code: 'RB304', message: expect.stringContaining('Did you mean `promo_code`?') });
    expect(errors('output n = count p in purchases where p.tool = promocode\n')[0]).toMatchObject({ code: 'RB304', message: expect.stringContaining('Did you mean `promo_code`?') });
    const m = errors('output r = list (match p.tool when referal_link then 1 otherwise 0) for p in purchases\n');
    expect(m[0]).toMatchObject({ code: 'RB304', message: expect.stringContaining('Did you mean `referral_link`?') });
  });

  it('a rule name in `overrides`', () => {
    const [d] = errors('define rate(p: Purchase): percent\n  rule first when p.amount > 0 RUB then 10% overrides secnd\n  rule second when p.amount > 10 RUB then 5%\n  otherwise 0%\noutput r = list rate(p) for p in purchases\n');
    expect(d).toMatchObject({ code: 'RB309', message: expect.stringContaining('Did you mean `second`?') });
  });

  it('nothing when no name is close', () => {
    const [d] = errors('output x = partner_cut\n');
    expect(d).toMatchObject({ code: 'RB300' });
    expect(d!.message).not.toContain('Did you mean');
  });
});
