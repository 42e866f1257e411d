/** Syntax errors: recovery reports several per file, each where a reader would look. */
import { describe, expect, it } from 'vitest';
import { parse } from '../../language/parse.js';

const HEADER = `program partner_bonus "Partner bonus"
  currency RUB
  zone Europe/Moscow

input
  total: money
  level: integer
`;

const at = (src: string) => parse(HEADER + src).diagnostics.map((d) => ({ code: d.code, line: d.span.startLine - 7, column: d.span.startColumn, message: d.message }));

describe('syntax errors', () => {
  it('a value missing at the end of a line is reported right after the last word of that line', () => {
    const ds = at('define bonus: money = 10% of\noutput x = bonus\n');
    expect(ds).toEqual([{ code: 'RB101', line: 1, column: 29, message: 'Expected a value or expression after "of", but the line ends there.' }]);
  });

  it('a missing closing parenthesis is reported at the end of its line', () => {
    const ds = at('output x = (total + 1 RUB\noutput y = level\n');
    expect(ds).toMatchObject([{ code: 'RB101', line: 1, column: 26, message: expect.stringContaining('Expected ")" after "RUB"') }]);
  });

  it('a missing value at the end of the file', () => {
    const ds = at('output x = total +');
    expect(ds).toMatchObject([{ code: 'RB101', line: 1, column: 19, message: expect.stringContaining('the file ends there') }]);
  });

  it('a wrong token inside a line is reported at that token, naming what was expected', () => {
    expect(at('output x = if level > 1 then 1 2\n')).toMatchObject([{ line: 1, column: 32, message: 'Expected "else" but found "2".' }]);
    expect(at('output x = level + + 1\n')).toMatchObject([{ line: 1, column: 20, message: 'Unexpected "+"; expected a value or expression.' }]);
  });

  it('a reserved word used as a name says so', () => {
    expect(at('output count = 1\n')[0]!.message).toContain('reserved word');
  });

  it('recovery goes on after an error and reports the next one', () => {
    const ds = at('define a: money = 10% of\ndefine b: money = (total\noutput c = if level > 1 then 1 2\noutput d = level\n');
    expect(ds.map((d) => [d.line, d.column])).toEqual([[1, 25], [2, 25], [3, 32]]);
  });

  it('a table row without `||` says that `||` is missing', () => {
    const ds = at('table t hit first\n  | level || r |\n  | 1 | 2 |\n  | - || 0 |\noutput x = t.r\n');
    expect(ds).toMatchObject([{ code: 'RB101', line: 3, message: expect.stringContaining('"||" between conditions and results') }]);
  });

  it('a bad character is RB100 at that character', () => {
    expect(at('output x = total * 5$\n')).toMatchObject([{ code: 'RB100', line: 1, column: 21 }]);
  });
});
