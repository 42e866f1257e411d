/**
 * The hostile input catalogue: for every program, at least 40 bad inputs (wrong types,
 * floats for money, missing currencies, impossible dates and offsets, unknown zones and
 * enum values, prototype keys, deep nesting, long strings) are refused with RB-E-INPUT,
 * a JSON path and a plain sentence, no exception, and the next evaluation unaffected.
 * In-process for speed; test/cli/... and the last block here run a few through the CLI.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Ty, Artifact } from '../../runtime/ir.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { artifactOf } from '../runtime/helpers.js';
import { runCliSync } from '../cli/run-cli.js';

/** Every program with a scenario file (its first successful scenario is the good input). */
const PROGRAMS: [string, string][] = [
  ...readdirSync('programs').filter((f) => f.endsWith('.rules') && existsSync(`programs/${f.replace(/\.rules$/, '.scenarios.yaml')}`))
    .map((f): [string, string] => [`programs/${f}`, `programs/${f.replace(/\.rules$/, '.scenarios.yaml')}`]),
  ...readdirSync('test/sample').filter((f) => f.endsWith('.rules') && existsSync(`test/sample/${f.replace(/\.rules$/, '.scenarios.yaml')}`))
    .map((f): [string, string] => [`test/sample/${f}`, `test/sample/${f.replace(/\.rules$/, '.scenarios.yaml')}`]),
];

type Json = unknown;
type Site = { path: (string | number)[]; type: Ty; nullable?: boolean };

/** Every place in a good input where a value of some type sits, with its type. */
function sites(a: Artifact, value: Json, t: Ty, path: (string | number)[], out: Site[], nullable = false): void {
  out.push({ path, type: t, nullable });
  if (t.k === 'optional') { if (value !== null && value !== undefined) sites(a, value, t.of, path, out, true); return; }
  if (t.k === 'list' && Array.isArray(value)) { if (value.length) sites(a, value[0], t.of, [...path, 0], out); return; }
  if ((t.k === 'record' || t.k === 'struct') && value && typeof value === 'object') {
    const fields = t.k === 'record' ? a.records[t.name]!.fields : t.fields;
    for (const f of fields) if (Object.hasOwn(value, f.name)) sites(a, (value as Record<string, Json>)[f.name], f.type, [...path, f.name], out);
  }
}

function replaced(input: Json, path: (string | number)[], v: Json): Json {
  const copy = structuredClone(input) as Record<string | number, Json>;
  let o = copy;
  for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, Json>;
  o[path[path.length - 1]!] = v;
  return copy;
}

const deep = (n: number): Json => { let v: Json = 1; for (let i = 0; i < n; i++) v = [v]; return v; };

/** Bad values for a value of type `t`, each with what it tests. */
function badValues(t: Ty, a: Artifact): [string, Json][] {
  const common: [string, Json][] = [['an object', { x: 1 }], ['a list nested 10 000 deep', deep(10_000)], ['a prototype-polluting object', JSON.parse('{"__proto__": {"polluted": true}}')]];
  switch (t.k) {
    case 'money': {
      const c = t.cur;
      return [['a float', 14400.5], ['no currency', '14400.00'], ['another currency', `1.00 ${c === 'USD' ? 'EUR' : 'USD'}`], ['finer than the unit', `0.004 ${c}`],
        ['61 digits', `${'9'.repeat(61)} ${c}`], ['exponent notation', `1e5 ${c}`], ['a lowercase currency', `1.00 ${c.toLowerCase()}`], ['NaN', `NaN ${c}`], ...common];
    }
    case 'date': return [['30 February', '2025-02-30'], ['month 13', '2025-13-01'], ['year 0', '0000-01-01'], ['dotted', '31.12.2025'], ['a number', 20251231], ...common];
    case 'instant': return [['offset +99:99', '2025-08-31T23:30:00+99:99'], ['offset +24:00', '2025-08-31T23:30:00+24:00'], ['no offset', '2025-08-31T23:30:00'],
      ['an unknown zone', '2025-08-31T23:30[Mars/Olympus]'], ['a DST gap', '2025-03-30T03:30[Europe/Kyiv]'], ['a disagreeing offset', '2025-08-31T23:30+01:00[Asia/Almaty]'], ['epoch ms', 1756668600000], ...common];
    case 'enum': return [['an unknown value', 'definitely_not_a_value'], ['__proto__', '__proto__'], ['constructor', 'constructor'], ['a long string', 'x'.repeat(1_000_000)], ['a number', 1], ...common];
    case 'integer': return [['a fraction', 1.5], ['2^53', 2 ** 53], ['text', '12'], ...common];
    case 'decimal': return [['text that is not a number', '12,5'], ['2^60 as a number', 2 ** 60], ['61 digits', '9'.repeat(61)], ...common];
    case 'percent': return [['a fraction', 0.2], ['no %', '20'], ...common];
    case 'boolean': return [['the text "true"', 'true'], ['1', 1], ...common];
    case 'text': return [['a number', 5], ['null', null], ['a list', ['a']]];
    case 'duration': return [['1e20 days', '99999999999999999999 days'], ['a negative', '-3 days'], ['a number', 30], ...common];
    case 'list': return [['an object', { 0: 1 }], ['a string', 'abc'], ['a list nested 10 000 deep', deep(10_000)]];
    case 'record': case 'struct': return [['a list', []], ['a string', 'x'], ['null', null], ['an object with an extra field', { ...Object.fromEntries((t.k === 'record' ? a.records[t.name]!.fields : t.fields).map((f) => [f.name, null])), extra_field: 1 }]];
    default: return [];
  }
}

describe.each(PROGRAMS)('%s', (file, scenarios) => {
  const artifact = artifactOf(readFileSync(file, 'utf8'));
  const loaded = load(artifact);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const rs: Ruleset = loaded.ruleset;
  const first = (parseYaml(readFileSync(scenarios, 'utf8')) as { scenarios: { input: Json; as_of?: string; expect: { error?: string } }[] }).scenarios.find((s) => !s.expect.error)!;
  const options = { asOf: first.as_of };
  const baseline = rs.evaluate(first.input, options);

  const cases: [string, Json][] = [
    ['null', null], ['a number', 42], ['a string', 'input'], ['a list', []], ['true', true], ['an empty object', {}],
    ['an unknown field', { ...(first.input as object), not_a_field: 1 }],
    ['a __proto__ key', { ...(first.input as object), ...JSON.parse('{"__proto__": {"x": 1}}') }],
    ['a constructor key', { ...(first.input as object), constructor: 'x' }],
  ];
  for (const f of artifact.inputs) if (f.type.k !== 'optional') {
    const { [f.name]: _gone, ...rest } = first.input as Record<string, Json>;
    cases.push([`missing ${f.name}`, rest]);
  }
  const found: Site[] = [];
  for (const f of artifact.inputs) if (Object.hasOwn(first.input as object, f.name)) sites(artifact, (first.input as Record<string, Json>)[f.name], f.type, [f.name], found);
  const seenKinds = new Map<string, number>();
  for (const s of found) {
    const kind = s.type.k === 'money' ? `money ${s.type.cur}` : s.type.k;
    if ((seenKinds.get(kind) ?? 0) >= 2) continue; // two places per type are enough
    seenKinds.set(kind, (seenKinds.get(kind) ?? 0) + 1);
    for (const [what, v] of badValues(s.type, artifact)) {
      if (s.type.k === 'optional' || (v === null && (s.nullable || s.type.k === 'text'))) continue;
      cases.push([`${s.path.join('.')}: ${what}`, replaced(first.input, s.path, v)]);
    }
  }

  it('has a baseline that evaluates', () => {
    expect(baseline.ok).toBe(true);
  });

  it(`has at least 40 hostile inputs (${cases.length})`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('refuses %s with RB-E-INPUT, a path and a sentence', (_what, input) => {
    let r!: ReturnType<Ruleset['evaluate']>;
    expect(() => { r = rs.evaluate(input, options); }).not.toThrow();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('RB-E-INPUT');
    expect(r.error.path).toMatch(/^\$/);
    expect(r.error.message.length).toBeGreaterThan(10);
    expect(r.error.message.length).toBeLessThan(2000);
    expect(r.error.message).not.toMatch(/undefined|\[object|\n\s+at /);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // the next evaluation is unaffected
    expect(rs.evaluate(first.input, options)).toEqual(baseline);
  });
});

describe('a 50 MB input', () => {
  it('is refused with a path, without exhausting the runtime, and the next evaluation is unaffected', () => {
    const artifact = artifactOf(readFileSync('test/sample/every-construct.rules', 'utf8'));
    const rs = (load(artifact) as { ruleset: Ruleset }).ruleset;
    const s = (parseYaml(readFileSync('test/sample/every-construct.scenarios.yaml', 'utf8')) as { scenarios: { input: Record<string, Json>; as_of?: string; expect: { error?: string } }[] }).scenarios.find((x) => !x.expect.error)!;
    const payments = s.input.payments as Record<string, Json>[];
    const item = { ...payments[0]!, amount: 14400.5 }; // a float for money in every item
    const big = { ...s.input, payments: Array.from({ length: 400_000 }, () => item) };
    expect(JSON.stringify(big).length).toBeGreaterThan(50_000_000);
    const r = rs.evaluate(big, { asOf: s.as_of });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.path).toBe('$.payments[0].amount');
    expect(rs.evaluate(s.input, { asOf: s.as_of }).ok).toBe(true);
  });
});

describe('dated rows given as input', () => {
  const rs = (load(artifactOf(`program d "D"\n  zone UTC\nrecord Rate\n  on: date\n  rate: percent\ninput\n  day: date\n  rates: list of Rate\ndated rate_table: Rate effective on = rates\noutput rate = rate_table(day).rate\n`)) as { ruleset: Ruleset }).ruleset;
  const good = { day: '2025-06-30', rates: [{ on: '2025-01-01', rate: '10%' }, { on: '2025-06-01', rate: '12%' }] };
  it.each([
    ['a row for a date already given', { ...good, rates: [...good.rates, { on: '2025-01-01', rate: '11%' }] }, '$.rates[2]'],
    ['a row dated 30 February', { ...good, rates: [{ on: '2025-02-30', rate: '10%' }] }, '$.rates[0].on'],
    ['a row without its date', { ...good, rates: [{ rate: '10%' }] }, '$.rates[0].on'],
    ['a row with a prototype key', { ...good, rates: [JSON.parse('{"on": "2025-01-01", "rate": "10%", "__proto__": {"x": 1}}')] }, '$.rates[0]'],
    ['rows that are not a list', { ...good, rates: { on: '2025-01-01', rate: '10%' } }, '$.rates'],
  ])('%s is refused with RB-E-INPUT at its path', (_what, input, path) => {
    const r = rs.evaluate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-INPUT');
      expect(r.error.path?.startsWith(path)).toBe(true);
    }
    const again = rs.evaluate(good);
    expect(again.ok && again.outputs.rate).toBe('12%');
  });
});

describe('through the real CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rb-hostile-'));
  const write = (name: string, text: string) => { const p = join(dir, name); writeFileSync(p, text); return p; };
  const good = (parseYaml(readFileSync('programs/referral-ru.scenarios.yaml', 'utf8')) as { scenarios: { input: Record<string, Json> }[] }).scenarios[0]!.input;
  it.each([
    ['malformed JSON', '{"partner": '],
    ['a __proto__ key', JSON.stringify({ ...good }).replace(/^\{/, '{"__proto__": {"x": 1}, ')],
    ['a list nested 10 000 deep', JSON.stringify({ ...good, partner: deep(10_000) })],
    ['a money float in a deep place', JSON.stringify({ ...good, not_a_field: 14400.5 })],
  ])('%s: exit 2, a path and a sentence, no stack trace', (_what, text) => {
    const r = runCliSync(['eval', 'programs/referral-ru.rules', '--input', write(`${_what.replace(/\W+/g, '-')}.json`, text), '--as-of', '2026-01-15T10:00:00+03:00']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\$/);
    expect(r.stderr).not.toMatch(/\n\s+at |internal error/);
  });
});
