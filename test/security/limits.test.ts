/**
 * Finding 3 and 4: inputs that used to overflow the stack or take quadratic time get a
 * diagnostic at a documented limit (language/limits.ts, compiler/limits.ts), and
 * "did you mean" compares names with a bounded edit distance.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compile } from '../../compiler/compile.js';
import { editDistance, didYouMean } from '../../language/diagnostics.js';
import { MAX_NESTING, MAX_EXPRESSION_DEPTH, MAX_SYNTAX_ERRORS } from '../../language/limits.js';
import { MAX_CHAIN_DEPTH } from '../../compiler/limits.js';
import { MAX_RECORD_TYPES } from '../../runtime/values/limits.js';
import { load } from '../../runtime/load.js';
import { rulesetOf, outputsOf } from '../runtime/helpers.js';

const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n';
const codes = (src: string) => {
  let r!: ReturnType<typeof compile>;
  expect(() => { r = compile(src); }).not.toThrow();
  return r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);
};

describe('nesting', () => {
  it.each([
    ['170 nested parentheses', `output x = ${'('.repeat(170)}1${')'.repeat(170)}`],
    ['300 nested lists', `output x = ${'['.repeat(300)}1${']'.repeat(300)}`],
    ['300 nested if/else', `output x = ${'if true then '.repeat(300)}1${' else 2'.repeat(300)}`],
    ['300 chained else-if', `output x = ${'if false then 1 else '.repeat(300)}2`],
    ['3000 nots', `output x = ${'not '.repeat(3000)}true`],
    ['3000 unary minuses', `output x = ${'- '.repeat(3000)}1`],
  ])('%s give RB102, not a stack overflow', (_what, body) => {
    expect(codes(`${head}${body}\noutput y = 2\n`)).toEqual(['RB102']);
  });

  it(`accepts ${MAX_NESTING} levels of nesting`, () => {
    const rs = rulesetOf(`${head}output x = ${'('.repeat(MAX_NESTING)}1${')'.repeat(MAX_NESTING)}\noutput y = ${'if true then '.repeat(MAX_NESTING - 1)}1${' else 2'.repeat(MAX_NESTING - 1)}\n`);
    expect(outputsOf(rs, {})).toEqual({ x: 1, y: 1 });
  });

  it('keeps checking the other declarations of the file', () => {
    expect(codes(`${head}output x = ${'('.repeat(500)}1${')'.repeat(500)}\noutput y = nope\n`)).toEqual(['RB102']);
    const r = compile(`${head}output x = ${'('.repeat(500)}1${')'.repeat(500)}\noutput y = 1 +\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RB102', 'RB101']);
  });
});

describe('long chains', () => {
  it('a sum of 10 000 terms and a chain of 5 000 fields give RB102', () => {
    expect(codes(`${head}output x = ${Array.from({ length: 10_000 }, (_, i) => String(i)).join(' + ')}\n`)).toEqual(['RB102']);
    expect(codes(`${head}input\n  r: integer\noutput x = r${'.a'.repeat(5000)}\n`)).toEqual(['RB102']);
  });

  it(`accepts a sum of ${MAX_EXPRESSION_DEPTH - 5} terms`, () => {
    const n = MAX_EXPRESSION_DEPTH - 5;
    const rs = rulesetOf(`${head}output x = ${Array.from({ length: n }, () => '1').join(' + ')}\n`);
    expect(outputsOf(rs, {}).x).toBe(n);
  });

  it('1 000 definitions each using the next give RB103; 60 evaluate with an explanation', () => {
    const chain = (n: number) => `${head}${Array.from({ length: n }, (_, i) => `define d${i} = d${i + 1} + 1`).join('\n')}\ndefine d${n} = 0\noutput x = d0\n`;
    expect(codes(chain(1000))).toContain('RB103');
    const r = rulesetOf(chain(60)).evaluate({}, { explain: true });
    expect(r.ok && r.outputs.x).toBe(60);
    expect(MAX_CHAIN_DEPTH).toBeGreaterThanOrEqual(4 * 60);
  });

  it('a chain through states and dated tables counts them too: RB103 at compile time, not a refused artifact', () => {
    // d_i uses state s_i, whose start uses the dated table t_i, whose rows use d_(i+1)
    const link = (i: number) => [
      `define d${i}: integer = s${i} + 1`,
      `state s${i}: integer initially t${i}(01.01.2025).n from 01.01.2025 over x in [01.01.2025] rule r when false then previous`,
      `dated t${i}: R effective on\n  | on | n |\n  | 01.01.2025 | d${i + 1} |`,
    ].join('\n');
    const chain = (n: number) => `${head}record R\n  on: date\n  n: integer\n${Array.from({ length: n }, (_, i) => link(i)).join('\n')}\ndefine d${n}: integer = 0\noutput x = d0\n`;
    expect(codes(chain(400))).toContain('RB103');
    const r = rulesetOf(chain(20)).evaluate({}, { explain: true });
    expect(r.ok && r.outputs.x).toBe(20);
  });

  it(`1 500 record types each holding the next give RB102; a chain of ${MAX_RECORD_TYPES} evaluates, a hand-made artifact of 1 500 is refused`, () => {
    const chain = (n: number) => `${head}${Array.from({ length: n }, (_, i) => `record R${i}\n  f: ${i + 1 < n ? `optional R${i + 1}` : 'integer'}`).join('\n')}\ninput\n  r: optional R0\noutput x = 1\n`;
    const diagnostics = compile(chain(1500)).diagnostics;
    expect(diagnostics.map((d) => d.code)).toEqual(['RB102']);
    expect(diagnostics[0]!.message).toContain(`more than the ${MAX_RECORD_TYPES}`);
    const rs = rulesetOf(chain(MAX_RECORD_TYPES));
    expect(rs.evaluate({ r: { f: { f: { f: null } } } }, { explain: true })).toMatchObject({ ok: true, outputs: { x: 1 } });
    // the same chain put into an artifact by hand: refused at load with the path, not a stack overflow
    const small = compile(chain(2)).artifact!;
    for (let i = 2; i < 1500; i++) small.records[`R${i}`] = { fields: [{ name: 'f', type: { k: 'optional', of: { k: 'record', name: `R${i + 1}` } }, clauses: [] }], clauses: [] } as never;
    small.records.R1 = small.records.R2!;
    small.records.R1499 = { fields: [{ name: 'f', type: { k: 'integer' }, clauses: [] }], clauses: [] } as never;
    const loaded = load(small);
    expect(loaded.ok ? undefined : loaded.error).toMatchObject({ code: 'RB-E-ARTIFACT', path: '$.records' });
  });

  it('a date in the year 0 and a number of decimals not written out from 0 to 20 are compile errors, not artifacts load refuses', () => {
    expect(codes(`${head}define d = 01.01.0000\noutput x = d\n`)).toEqual(['RB204']);
    for (const digits of ['n', '-1', '21', '2 + 1']) {
      expect(codes(`${head}input\n  x: decimal\n  n: integer\noutput o = round(x, ${digits})\n`), digits).toEqual(['RB211']);
    }
    expect(codes(`${head}input\n  x: decimal\noutput o = round(x, 20)\noutput f = floor(x, 0)\n`)).toEqual([]);
  });

  it('a circle of 1 000 definitions gives a diagnostic, not a stack overflow', () => {
    const src = `${head}${Array.from({ length: 1000 }, (_, i) => `define d${i} = d${(i + 1) % 1000} + 1`).join('\n')}\noutput x = d0\n`;
    expect(codes(src).length).toBeGreaterThan(0);
  });
});

describe('syntax errors', () => {
  it(`reports at most ${MAX_SYNTAX_ERRORS} of 3 500 syntax errors, then says how many more`, () => {
    const r = compile(`${head}${'output = \n'.repeat(3500)}`);
    expect(r.diagnostics.length).toBe(MAX_SYNTAX_ERRORS + 1);
    expect(r.diagnostics.at(-1)!.code).toBe('RB104');
  });
});

describe('did you mean (finding 4)', () => {
  const naive = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)] as number[]);
    for (let j = 1; j <= b.length; j++) d[0]![j] = j;
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    return d[a.length]![b.length]!;
  };

  it('the bounded edit distance is exact up to its limit and says "more" beyond it', () => {
    fc.assert(fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.nat(6), (a, b, limit) => {
      expect(editDistance(a, b, limit)).toBe(Math.min(naive(a, b), limit + 1));
      expect(editDistance(a, b)).toBe(naive(a, b));
    }), { seed: 18, numRuns: 500 });
  });

  it('still suggests the closest name', () => {
    expect(didYouMean('totl', ['total', 'tot', 'totals'])).toBe(' Did you mean `total`?');
    expect(didYouMean('zzzz', ['total'])).toBe('');
  });

  it('checks 2 000 unknown names with a suggestion each', () => {
    const src = `${head}${Array.from({ length: 2000 }, (_, i) => `define value${i} = valeu${i} + 1`).join('\n')}\noutput x = 1\n`;
    const r = compile(src);
    expect(r.diagnostics.filter((d) => d.code === 'RB300')).toHaveLength(2000);
    expect(r.diagnostics[0]!.message).toContain('Did you mean `value0`?');
  });
});
