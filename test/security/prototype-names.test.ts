/**
 * Finding 2: names that are members of Object.prototype. A reading, input, field, enum
 * value or output so named behaves like any other name; `__proto__`, which JavaScript
 * objects cannot hold as a plain key, is refused at compile time with RB311.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { runScenario } from '../../runtime/scenario.js';
import { rulesetOf, outputsOf, header } from '../runtime/helpers.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../cli/run-cli.js';

const NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'];

describe.each(NAMES)('the name %s', (name) => {
  it('as a reading takes its declared default, and the option given', () => {
    const rs = rulesetOf(`${header()}
reading ${name} "which rate"
  default high "20%"
  option low "10%"
output rate = if ${name} is high then 20% else 10%
`);
    expect(outputsOf(rs, {}).rate).toBe('20%');
    expect(outputsOf(rs, {}, { readings: { [name]: 'low' } }).rate).toBe('10%');
    expect(outputsOf(rs, {}, { explain: true }).rate).toBe('20%');
    expect(rs.evaluate({}, { readings: { [name]: 'medium' } }).ok).toBe(false);
  });

  it('as an optional input is not required, and as a field and an enum value is accepted', () => {
    const rs = rulesetOf(`${header()}
enum Kind: ${name}, plain
record Item
  ${name}: integer
  kind: Kind
input
  ${name}: optional integer
  item: Item
output n = item.${name}
output k = item.kind
output given = ${name} is present
`);
    const out = outputsOf(rs, { item: { [name]: 3, kind: name } });
    expect(out).toEqual({ n: 3, k: name, given: false });
    expect(Object.keys(out)).toEqual(['n', 'k', 'given']);
    expect(outputsOf(rs, { [name]: 7, item: { [name]: 3, kind: 'plain' } }).given).toBe(true);
  });

  it('as an output is listed in the outputs, the schema and a scenario check', () => {
    const rs = rulesetOf(`${header()}\noutput ${name} = 5\n`);
    const out = outputsOf(rs, {});
    expect(Object.hasOwn(out, name)).toBe(true);
    expect(out[name]).toBe(5);
    expect(Object.hasOwn(rs.artifact.schemas.output.properties as object, name)).toBe(true);
    expect(runScenario(rs, { name: 's', input: {}, expect: { outputs: { [name]: 6 } } }).passed).toBe(false);
  });
});

describe('a name a scenario expects but the program lacks', () => {
  it('is reported, even when it is an Object.prototype member', () => {
    const rs = rulesetOf(`${header()}\noutput total = 5\n`);
    const outcome = runScenario(rs, { name: 's', input: {}, expect: { outputs: { toString: 'x' } } });
    expect(outcome.mismatches).toEqual(['the program has no output toString']);
  });
});

describe('__proto__', () => {
  it.each([
    ['an output', 'output __proto__ = 1\n'],
    ['an input', 'input\n  __proto__: integer\noutput x = 1\n'],
    ['a record field', 'record R\n  __proto__: integer\noutput x = 1\n'],
    ['an enum value', 'enum E: __proto__, b\noutput x = 1\n'],
    ['a reading', 'reading __proto__\n  default a\n  option b\noutput x = 1\n'],
    ['a reading option', 'reading r\n  default __proto__\n  option b\noutput x = 1\n'],
  ])('is refused as %s with RB311', (_what, body) => {
    const r = compile(`${header()}\n${body}`);
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['RB311']);
  });

  it('given to the CLI as --reading __proto__=x is refused, not ignored', () => {
    const input = join(mkdtempSync(join(tmpdir(), 'rb-')), 'in.json');
    writeFileSync(input, '{}');
    const r = runCliSync(['eval', 'test/fixtures/runtime/money.rules', '--input', input, '--reading', '__proto__=x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('RB-E-READING');
  });
});
