/**
 * The generated evaluator's memo of definitions with parameters (codegen/index.ts
 * `memoised`): the first call of an evaluation is kept with its arguments as they came,
 * later calls find it when their arguments are the same (identical, or decimals of equal
 * value), and other arguments turn the slot into the full memo (support.ts `memoMore`).
 * Every combination of equal, equal-valued ("1.0 EUR" and "1.00 EUR") and different
 * arguments, for money, text and date parameters (a date last: the DayMemo levels), must
 * give the reference interpreter's outputs.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';

const PROGRAM = `program memo_calls "Definitions called with the same, equal and other arguments"
  currency EUR
  zone UTC

input
  a: money
  b: money
  c: money
  t: text
  u: text
  d: date
  e: date

define tagged(x: money, s: text): money = if s = "x" then x else x + x
define plus_one(x: money): money = x + 1.00 EUR
define on_day(day: date): boolean = day > 01.01.2025
parameter span "one year" = 1 years
# with a date added to, these two keep the plain memo (no interval memo: codegen/intervals.ts), a DayMemo last
define day_of(s: text, day: date): boolean = if s = "x" then day + span > 01.01.2026 else day + span < 01.01.2026
define later(day: date): boolean = day + span > 01.01.2026
define both(x: money, day: date): boolean = if day > 01.01.2025 then x > 1.00 EUR else x < 2.00 EUR

output o1: money = tagged(a, t)
output o2: money = tagged(b, u)
output o3: money = tagged(c, t)
output o4: money = tagged(a, u)
output o5: money = tagged(b, t)
output q1: money = plus_one(a)
output q2: money = plus_one(b)
output q3: money = plus_one(c)
output p1 = on_day(d)
output p2 = on_day(e)
output p3 = day_of(t, d)
output p4 = day_of(u, e)
output p5 = day_of(u, d)
output p6 = day_of(t, e)
output s1 = later(d)
output s2 = later(e)
output s3 = later(d)
output r1 = both(a, d)
output r2 = both(b, e)
output r3 = both(c, d)
`;

const AMOUNTS = ['1.0 EUR', '1.00 EUR', '2.00 EUR', '1.50 EUR'];
const TEXTS = ['x', 'y'];
const DAYS = ['2024-12-31', '2025-01-02', '2025-06-30'];

describe('memo of definitions with parameters', () => {
  it('gives the reference outputs for every mix of same, equal and other arguments', () => {
    const artifact = compile(PROGRAM).artifact;
    if (!artifact) throw new Error('the test program does not compile');
    const [fast, reference] = (['fast', 'reference'] as const).map((engine) => {
      const loaded = loadWith(artifact, { engine });
      if (!loaded.ok) throw new Error(loaded.error.message);
      return loaded.ruleset;
    });
    let compared = 0;
    for (const a of AMOUNTS) for (const b of AMOUNTS) for (const c of AMOUNTS) for (const t of TEXTS) for (const u of TEXTS) for (const d of DAYS) for (const e of DAYS) {
      const input = { a, b, c, t, u, d, e };
      const want = reference!.evaluate(input);
      expect(want.ok).toBe(true);
      expect(fast!.evaluate(input), JSON.stringify(input)).toEqual(want);
      compared++;
    }
    expect(compared).toBe(4 ** 3 * 2 ** 2 * 3 ** 2);
  });
});
