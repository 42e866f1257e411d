/**
 * Bad input through `rulebook eval`: exit code 2, nothing on stdout, one stderr line
 * per problem, each naming its JSON path, and never a stack trace.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT, lines, pool, runCli, runCliInProcess, type CliRun } from './run-cli.js';

const PROGRAM = 'test/fixtures/runtime/boundary.rules';
const GOOD_TEXT = readFileSync(join(ROOT, 'test/fixtures/runtime/boundary.input.json'), 'utf8');
const GOOD = JSON.parse(GOOD_TEXT) as Record<string, unknown>;

/** The good input with some fields replaced (undefined removes a field). */
function withFields(changes: Record<string, unknown>): string {
  const input: Record<string, unknown> = structuredClone(GOOD);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) delete input[k];
    else input[k] = v;
  }
  return JSON.stringify(input, null, 2);
}

const purchases = GOOD.purchases as Record<string, unknown>[];
const purchase = GOOD.purchase as Record<string, unknown>;

interface BadCase {
  name: string;
  /** The raw text of the input file. */
  text: string;
  /** The JSON paths the stderr lines name, one line each, in order. */
  paths: string[];
  /** Words the (first) line must contain. */
  says?: string[];
}

const CASES: BadCase[] = [
  { name: 'malformed JSON', text: '{"amount": "1.00 RUB", ', paths: ['$'], says: ['not valid JSON'] },
  { name: 'an empty file', text: '', paths: ['$'], says: ['not valid JSON'] },
  { name: 'a trailing comma', text: GOOD_TEXT.replace(/\n}\s*$/, ',\n}\n'), paths: ['$'], says: ['not valid JSON'] },
  { name: 'a number where money is expected', text: withFields({ amount: 100 }), paths: ['$.amount'], says: ['currency', '"100 RUB"'] },
  { name: 'money without its currency', text: withFields({ amount: '100.00' }), paths: ['$.amount'], says: ['missing its currency', '"100.00 RUB"'] },
  { name: 'money in the wrong currency', text: withFields({ amount: '100.00 USD' }), paths: ['$.amount'], says: ['USD', 'RUB'] },
  { name: 'money with a decimal comma', text: withFields({ amount: '100,00 RUB' }), paths: ['$.amount'] },
  { name: 'an impossible date 2025-02-30', text: withFields({ signed_on: '2025-02-30' }), paths: ['$.signed_on'], says: ['2025-02-30', 'does not exist'] },
  { name: 'a date written DD.MM.YYYY', text: withFields({ signed_on: '15.04.2025' }), paths: ['$.signed_on'], says: ['YYYY-MM-DD'] },
  { name: 'an unknown zone in an instant', text: withFields({ paid_at: '2025-01-01T10:00[Mars/Base]' }), paths: ['$.paid_at'], says: ['Mars/Base'] },
  { name: 'an instant without offset or zone', text: withFields({ paid_at: '2025-01-01T10:00' }), paths: ['$.paid_at'], says: ['offset'] },
  { name: 'an instant at 25:00', text: withFields({ paid_at: '2025-01-01T25:00+03:00' }), paths: ['$.paid_at'] },
  { name: 'an instant as epoch milliseconds', text: withFields({ paid_at: 1735714800000 }), paths: ['$.paid_at'] },
  { name: 'an unknown enum value', text: withFields({ tier: 'diamond' }), paths: ['$.tier'], says: ['"basic", "gold", "platinum"', 'diamond'] },
  { name: 'a missing field', text: withFields({ name: undefined }), paths: ['$.name'], says: ['missing'] },
  { name: 'a missing nested field', text: withFields({ purchase: { ...purchase, id: undefined } }), paths: ['$.purchase.id'], says: ['missing'] },
  { name: 'an extra field', text: withFields({ extra: 1 }), paths: ['$.extra'], says: ['not a field'] },
  { name: 'a __proto__ key', text: `{"__proto__": {"x": 1}, ${GOOD_TEXT.trim().slice(1)}`, paths: ['$.__proto__'], says: ['not a field'] },
  { name: 'a constructor key', text: `{"constructor": {"prototype": {"x": 1}}, ${GOOD_TEXT.trim().slice(1)}`, paths: ['$.constructor'], says: ['not a field'] },
  { name: 'null for a required field', text: withFields({ name: null }), paths: ['$.name'], says: ['null'] },
  { name: 'a string for an integer', text: withFields({ qty: '3' }), paths: ['$.qty'], says: ['whole number'] },
  { name: '1.5 for an integer', text: withFields({ qty: 1.5 }), paths: ['$.qty'], says: ['whole number', '1.5'] },
  { name: '"20" for a percent', text: withFields({ rate: '20' }), paths: ['$.rate'], says: ['"20%"'] },
  { name: 'a number for a percent', text: withFields({ rate: 20 }), paths: ['$.rate'] },
  { name: '"1,5" for a decimal', text: withFields({ factor: '1,5' }), paths: ['$.factor'] },
  { name: '"true" for a boolean', text: withFields({ active: 'true' }), paths: ['$.active'], says: ['true or false'] },
  { name: 'a number for a text', text: withFields({ name: 42 }), paths: ['$.name'] },
  { name: 'a list where an object is expected', text: withFields({ purchase: [purchase] }), paths: ['$.purchase'], says: ['object', 'list'] },
  { name: 'an object where a list is expected', text: withFields({ purchases: { 0: purchases[0] } }), paths: ['$.purchases'], says: ['list'] },
  { name: 'a bad nested field inside a list item', text: withFields({ purchases: [purchases[0], { ...purchases[1], amount: 2.2 }] }), paths: ['$.purchases[1].amount'] },
  { name: 'an extra field inside a list item', text: withFields({ purchases: [{ ...purchases[0], coupon: 'X' }] }), paths: ['$.purchases[0].coupon'] },
  { name: 'a list item that is not an object', text: withFields({ purchases: [purchases[0], 'b'] }), paths: ['$.purchases[1]'] },
  { name: 'an optional field of the wrong type', text: withFields({ note: 5 }), paths: ['$.note'], says: ['text'] },
  { name: 'a top-level list', text: '[]', paths: ['$'], says: ['object'] },
  { name: 'a top-level null', text: 'null', paths: ['$'], says: ['object'] },
  { name: 'two problems at once', text: withFields({ qty: 'x', tier: 'y' }), paths: ['$.qty', '$.tier'] },
  { name: 'three problems in a list', text: withFields({ purchases: [{ id: 1, paid_at: '2025-13-01T00:00Z' }] }), paths: ['$.purchases[0].id', '$.purchases[0].paid_at', '$.purchases[0].amount'] },
];

/** The JSON path a stderr line names: the token after "error CODE:" or "error:". */
function pathOf(line: string): string | undefined {
  return /^error(?: RB-E-[A-Z-]+)?: (\$[^\s:]*)/.exec(line)?.[1];
}

/** The cases also run through the real binary (a child process each): one of every kind. */
const THROUGH_THE_BINARY = ['malformed JSON', 'an empty file', 'a __proto__ key', 'an optional field of the wrong type', 'three problems in a list'];

function expectRejected(c: BadCase, r: CliRun): void {
  const errLines = lines(r.stderr);
  expect(r.stdout, r.stderr).toBe('');
  expect(r.status, r.stderr).toBe(2);
  expect(errLines.map(pathOf), r.stderr).toEqual(c.paths);
  for (const line of errLines) {
    expect(line).not.toMatch(/^\s+at /);
    expect(line).not.toMatch(/\.ts:\d+|node:internal|Error:/);
    expect(line.length).toBeLessThan(400);
  }
  for (const word of c.says ?? []) expect(errLines[0], r.stderr).toContain(word);
}

describe('rulebook eval with bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-bad-input-'));
  const files = CASES.map((c, i) => {
    const file = join(dir, `case-${i}.json`);
    writeFileSync(file, c.text);
    return relative(ROOT, file);
  });
  const argsOf = (i: number) => ['eval', PROGRAM, '--input', files[i]!];
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has at least 25 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(25);
  });

  it('accepts the good input the cases are made from', async () => {
    const good = await runCliInProcess(['eval', PROGRAM, '--input', 'test/fixtures/runtime/boundary.input.json']);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout).outputs).toMatchObject({ total: '3.30 RUB', share: '200.00 RUB', memo: 'first order' });
  });

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    expectRejected(CASES[i]!, await runCliInProcess(argsOf(i)));
  });

  it('reports input problems with the RB-E-INPUT code and JSON problems plainly', async () => {
    const byName = (name: string) => runCliInProcess(argsOf(CASES.findIndex((c) => c.name === name)));
    expect((await byName('money without its currency')).stderr).toMatch(/^error RB-E-INPUT: \$\.amount /);
    expect((await byName('malformed JSON')).stderr).toMatch(/^error: \$: the input is not valid JSON/);
  });

  describe('through the binary (node cli/bin.mjs)', () => {
    let results: CliRun[] = [];
    const picked = THROUGH_THE_BINARY.map((name) => CASES.findIndex((c) => c.name === name));
    beforeAll(async () => {
      results = await pool(picked.map((i) => () => runCli(argsOf(i))), Math.max(2, Math.min(4, availableParallelism())));
    }, 600_000);

    it.each(THROUGH_THE_BINARY.map((name, k) => [name, k] as const))('%s', (_name, k) => {
      expect(picked[k]).toBeGreaterThanOrEqual(0);
      expectRejected(CASES[picked[k]!]!, results[k]!);
    });
  });
});
