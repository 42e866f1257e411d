/**
 * The third attack: a one-field change of type loaded, then answered RB-E-INTERNAL, a
 * silently different result, or different results from the fast and reference engines.
 * The load-time type check (runtime/validate/types/) refuses each such artifact with
 * RB-E-ARTIFACT and the path of the first expression whose types no longer agree; every
 * artifact the compiler writes still loads.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { load } from '../../runtime/load.js';
import { compile } from '../../compiler/compile.js';
import type { Artifact, Definition, Expr } from '../../runtime/ir.js';
import { artifactOf, findObject } from '../runtime/helpers.js';

const every = artifactOf(readFileSync('test/sample/every-construct.rules', 'utf8'));
const intl = artifactOf(readFileSync('programs/partner-intl.rules', 'utf8'));
const atrealt = artifactOf(readFileSync('programs/atrealt.rules', 'utf8'));

/** Finds the first object in `a` (depth first, in order) for which `pick` is true. */
const find = (a: unknown, pick: (o: Record<string, unknown>) => boolean) => findObject(a, pick);

const def = (a: Artifact, name: string): Definition => a.definitions.find((d) => d.name === name)!;
/** The path of a definition by name, as a pattern. */
const at = (a: Artifact, name: string, rest = ''): RegExp => new RegExp(`^\\$\\.definitions\\[${a.definitions.findIndex((d) => d.name === name)}\\]${rest}`);
const out = (a: Artifact, name: string, rest = ''): RegExp => new RegExp(`^\\$\\.outputs\\[${a.outputs.findIndex((o) => o.name === name)}\\]${rest}`);
const field = (a: Artifact, record: string, name: string) => a.records[record]!.fields.find((f) => f.name === name)!;

const CASES: [string, Artifact, (a: Artifact) => void, (a: Artifact) => RegExp][] = [
  // the outside tester's cases A–J (r1-type-confusion)
  ['A: a money constant replaced by a text constant', every, (a) => { def(a, 'min_turnover').body = { op: 'const', type: { k: 'text' }, value: 'x' }; }, (a) => at(a, 'min_turnover', '\\.body$')],
  ['B: dates compared as numbers', every, (a) => { find(def(a, 'good_standing'), (o) => o.op === 'cmp' && o.kind === 'day').kind = 'num'; }, (a) => at(a, 'good_standing', '\\.requirements\\[\\d+\\]\\..*\\.kind$')],
  ['C: money added by multiplying money by a number', every, (a) => { find(a, (o) => o.op === 'arith' && o.fn === 'add_money').fn = 'mul_money_num'; }, () => /\.args\[1\]$/],
  ['D: a record field retyped from money to text', every, (a) => { field(a, 'Payment', 'amount').type = { k: 'text' }; }, () => /^\$\.definitions\[\d+\]\.body\..*args\[0\]$/],
  ['E: an aggregation over a money amount', every, (a) => { (def(a, 'deal_count').body as Extract<Expr, { op: 'agg' }>).list = { op: 'ref', name: 'min_turnover' }; }, (a) => at(a, 'deal_count', '\\.body\\.list$')],
  ['F: an output retyped from money to a list of whole numbers', every, (a) => { a.outputs.find((o) => o.name === 'bonus')!.type = { k: 'list', of: { k: 'integer' } }; }, (a) => out(a, 'bonus', '\\.body$')],
  ['G: a collecting table made to hit the first row', every, (a) => { def(a, 'perks').table!.hit = 'first'; }, (a) => at(a, 'perks', '\\.type$')],
  ['H: every period of a state asked as its current value', intl, (a) => { (find(a.outputs, (o) => o.op === 'history' && o.query === 'periods')).query = 'current'; }, () => /^\$\.outputs\[\d+\]\.body$/],
  ['I: a field name the record lacks', every, (a) => { find(def(a, 'good_standing'), (o) => o.op === 'field' && o.name === 'certified_until').name = 'certified_untill'; }, (a) => at(a, 'good_standing', '\\..*\\.name$')],
  ['J: .length of a list', every, (a) => { a.outputs.push({ name: 'probe', type: { k: 'integer' }, clauses: [], span: [1, 1, 1, 1], body: { op: 'field', target: { op: 'input', name: 'payments' }, name: 'length' } }); }, (a) => new RegExp(`^\\$\\.outputs\\[${a.outputs.length - 1}\\]\\.body\\.name$`)],
  // declarations retyped with the schema left as compiled (r4-input-types)
  ['an input retyped from date to text', every, (a) => { a.inputs.find((i) => i.name === 'report_day')!.type = { k: 'text' }; }, () => /^\$\.(definitions|outputs)\[\d+\]\./],
  ['an input retyped from date to a whole number', every, (a) => { a.inputs.find((i) => i.name === 'report_day')!.type = { k: 'integer' }; }, () => /^\$\.(definitions|outputs)\[\d+\]\./],
  ['a record field retyped from instant to date', every, (a) => { field(a, 'Payment', 'paid_at').type = { k: 'date' }; }, () => /^\$\.definitions\[\d+\]\./],
  ['a record field moved from RUB to USD', every, (a) => { field(a, 'Payment', 'amount').type = { k: 'money', cur: 'USD' }; }, () => /^\$\.definitions\[\d+\]\.body/],
  // a comparison of numbers made one of yes/no values or of text (r6): the engines disagreed
  ...(['bool', 'str'] as const).map((kind): [string, Artifact, (a: Artifact) => void, (a: Artifact) => RegExp] => [
    `numbers compared as ${kind === 'bool' ? 'yes/no values' : 'text'}`, atrealt,
    (a) => { find(a.definitions, (o) => o.op === 'cmp' && o.kind === 'num' && o.cmp === '=').kind = kind; }, () => /\.kind$/]),
  // more of the same family
  ['a comparison of numbers against a date', every, (a) => { const c = find(a.definitions, (o) => o.op === 'cmp' && o.kind === 'num'); c.right = { op: 'const', type: { k: 'date' }, value: 1 }; }, () => /\.right$/],
  ['a percentage of a date', every, (a) => { find(a, (o) => o.op === 'arith' && o.fn === 'pct_of_money').args = [{ op: 'const', type: { k: 'percent' }, value: '5' }, { op: 'as_of' }]; }, () => /\.args\[1\]$/],
  ['a table column of numbers compared as text', every, (a) => { a.definitions.find((d) => d.table?.inputs.some((c) => c.kind === 'num'))!.table!.inputs.find((c) => c.kind === 'num')!.kind = 'str'; }, () => /\.table\.inputs\[\d+\]\.kind$/],
  ['a match on a value its enumeration lacks', every, (a) => { (find(a, (o) => o.op === 'match').arms as { values: string[] }[])[0]!.values = ['ghost']; }, () => /\.arms\[0\]\.values\[0\]$/],
  // a presence test made to test a count: the branch it guards read a field of nothing (RB-E-INTERNAL)
  ['an aggregation made to count, keeping the value it no longer reads', intl, (a) => { find(a.outputs, (o) => o.op === 'agg' && o.kind === 'earliest').kind = 'count'; }, () => /^\$\.outputs\[\d+\]\.body\..*\.value$/],
  // the test guarding a field read made to test another value: the evaluators read a field of nothing
  ['a presence test made to test another list', intl, (a) => { const g = find(a.outputs, (o) => o.op === 'present').value as Record<string, unknown>; g.kind = 'map'; delete g.valueKind; }, () => /^\$\.outputs\[\d+\]\.body\.then\.name$/],
  ['a presence test removed from a field read', intl, (a) => { const e = find(a.outputs, (o) => o.op === 'if' && (o.cond as Expr).op === 'present'); e.cond = { op: 'const', type: { k: 'boolean' }, value: true }; }, () => /^\$\.outputs\[\d+\]\.body\.then\.name$/],
  ['a definition read as a record', every, (a) => { def(a, 'min_turnover').body = { op: 'field', target: { op: 'ref', name: 'deal_count' }, name: 'x' }; }, (a) => at(a, 'min_turnover', '\\.body\\.name$')],
];

describe('type-confused artifacts are refused at load', () => {
  it.each(CASES)('%s', (_what, base, tamper, path) => {
    const a = structuredClone(base);
    tamper(a);
    const r = load(JSON.parse(JSON.stringify(a)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-ARTIFACT');
      expect(r.error.path).toMatch(path(a));
      expect(r.error.message).toMatch(/changed after it was compiled/);
      expect(r.error.message).not.toMatch(/undefined|\[object|nothing/);
    }
  });
});

/** Every program written out in the repository: shipped programs, samples, fixtures, benchmarks, fuzz regressions, and the examples of the docs that compile. */
function programs(): [string, string][] {
  const dir = (d: string) => readdirSync(d).filter((f) => f.endsWith('.rules')).map((f): [string, string] => [`${d}/${f}`, readFileSync(`${d}/${f}`, 'utf8')]);
  const docs = [...readFileSync('docs/language.md', 'utf8').matchAll(/```rules\n([\s\S]*?)```/g)].map((m, i): [string, string] => [`docs/language.md example ${i + 1}`, m[1]!]);
  return [...['programs', 'test/sample', 'test/fixtures', 'test/fixtures/runtime', 'test/fuzz/regressions', 'bench/programs', 'playground/fixtures'].flatMap(dir), ...docs];
}

describe('every artifact the compiler writes still loads', () => {
  const compiled = programs().flatMap(([name, source]) => { const r = compile(source); return r.artifact ? [[name, r.artifact] as const] : []; });
  it('compiles the shipped programs and the samples', () => {
    for (const n of ['programs/partner-intl.rules', 'programs/atrealt.rules', 'test/sample/every-construct.rules']) expect(compiled.map(([x]) => x)).toContain(n);
  });
  it.each(compiled)('%s', (_name, artifact) => {
    const r = load(JSON.parse(JSON.stringify(artifact)));
    expect(r.ok ? 'ok' : `${r.error.path}: ${r.error.message}`).toBe('ok');
  });
});
