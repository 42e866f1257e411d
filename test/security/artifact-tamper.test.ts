/**
 * Finding 8: artifacts are checked for meaning at load, not only for shape. Each
 * tampering below is refused by `load` with RB-E-ARTIFACT and the path of the problem,
 * quickly, instead of failing (or hanging) during an evaluation.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { load } from '../../runtime/load.js';
import type { Artifact } from '../../runtime/ir.js';
import { artifactOf } from '../runtime/helpers.js';

const sample = artifactOf(readFileSync('test/sample/every-construct.rules', 'utf8'));
const copy = (): Artifact => structuredClone(sample);

/** Finds the first object in the artifact's IR for which `pick` is true. */
function find(a: unknown, pick: (o: Record<string, unknown>) => boolean): Record<string, unknown> {
  const stack = [a];
  while (stack.length) {
    const v = stack.pop();
    if (!v || typeof v !== 'object') continue;
    if (!Array.isArray(v) && pick(v as Record<string, unknown>)) return v as Record<string, unknown>;
    stack.push(...Object.values(v as object));
  }
  throw new Error('nothing to tamper with');
}

const deep = (n: number): unknown => { let e: unknown = { op: 'const', type: { k: 'boolean' }, value: true }; for (let i = 0; i < n; i++) e = { op: 'not', value: e }; return e; };

const TAMPERINGS: [string, (a: Artifact) => void, RegExp][] = [
  ['an unknown zone', (a) => { a.program.zone = 'Mars/Olympus_Mons'; }, /program\.zone/],
  ['an unknown comparison operator', (a) => { find(a, (o) => o.op === 'cmp').cmp = '=~'; }, /\.cmp$/],
  ['an unknown comparison kind', (a) => { find(a, (o) => o.op === 'cmp').kind = 'float'; }, /\.kind$/],
  ['a dangling reference', (a) => { find(a, (o) => o.op === 'ref').name = 'nowhere'; }, /\.name$/],
  ['a call with the wrong number of arguments', (a) => { (find(a, (o) => o.op === 'call').args as unknown[]).push({ op: 'as_of' }); }, /\.name$/],
  ['a cycle', (a) => {
    const d0 = a.definitions.find((d) => d.kind === 'value' && d.params.length === 0)!;
    d0.body = { op: 'ref', name: d0.name };
  }, /definitions/],
  ['an unknown function', (a) => { find(a, (o) => o.op === 'builtin').fn = 'eval'; }, /\.fn$/],
  ['an unknown arithmetic operation', (a) => { find(a, (o) => o.op === 'arith').fn = 'pow'; }, /\.fn$/],
  ['an unknown operation', (a) => { find(a, (o) => o.op === 'if').op = 'exec'; }, /\.op$/],
  ['an unknown input', (a) => { find(a, (o) => o.op === 'input').name = 'ghost'; }, /\.name$/],
  ['an unbound local', (a) => { find(a, (o) => o.op === 'local').name = 'ghost'; }, /\.name$/],
  ['an unknown reading', (a) => { find(a, (o) => o.op === 'reading').name = 'ghost'; }, /\.name$/],
  ['a reading default that is not an option', (a) => { a.readings[0]!.default = 'ghost'; }, /readings\[0\]\.default/],
  ['a type naming no record', (a) => { a.inputs[0]!.type = { k: 'record', name: 'Ghost' }; }, /inputs\[0\]\.type/],
  ['a constant 1e999999999999', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'integer'), { value: '1e999999999999' }); }, /\.value$/],
  ['a constant with a thousand digits', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'money'), { value: '9'.repeat(1000) }); }, /\.value$/],
  ['a rounding unit with a million digits', (a) => { a.program.rounding.unit = `0.${'0'.repeat(1_000_000)}1`; }, /rounding/],
  ['a rounding scale of a million', (a) => { Object.assign(find(a, (o) => o.op === 'arith' && o.scale !== undefined), { scale: 1_000_000 }); }, /\.scale$/],
  ['a date constant out of range', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'date'), { value: 1e12 }); }, /\.value$/],
  ['a duration of 1e20 days', (a) => { Object.assign(find(a, (o) => o.op === 'const' && (o.type as { k: string }).k === 'duration'), { value: { n: 1e20, unit: 'days' } }); }, /\.value$/],
  ['a table row with a missing cell', (a) => { a.definitions.find((d) => d.table)!.table!.rows[0]!.tests.pop(); }, /rows\[0\]/],
  ['an expression nested 10 000 deep', (a) => { a.outputs[0]!.body = deep(10_000) as Artifact['outputs'][number]['body']; }, /outputs\[0\]\.body/],
  ['an output named __proto__', (a) => { a.outputs[0]!.name = '__proto__'; }, /outputs\[0\]\.name/],
  ['a catastrophic pattern in the input schema', (a) => { (a.schemas.input as Record<string, unknown>).pattern = '^(a+)+$'; }, /schemas\.input\.pattern/],
  ['an alternation under a star in the input schema', (a) => { (a.schemas.input as Record<string, unknown>).pattern = '^(a|aa)*$'; }, /schemas\.input\.pattern/],
  ['an unknown schema keyword', (a) => { (a.schemas.input as Record<string, unknown>).if = { const: 1 }; }, /schemas\.input\.if/],
  ['a remote $ref', (a) => { (a.schemas.output as Record<string, unknown>).$ref = 'https://example.com/x.json'; }, /schemas\.output\.\$ref/],
  ['a huge pattern', (a) => { (a.schemas.input as Record<string, unknown>).pattern = 'a'.repeat(10_000); }, /schemas\.input\.pattern/],
];

describe('tampered artifacts are refused at load', () => {
  it.each(TAMPERINGS)('%s', (_what, tamper, path) => {
    const a = copy();
    tamper(a);
    const r = load(JSON.parse(JSON.stringify(a)));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-ARTIFACT');
      expect(r.error.path).toMatch(path);
      expect(r.error.message).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('every compiled program still loads', () => {
  const files = [
    ...readdirSync('programs').filter((f) => f.endsWith('.rules')).map((f) => `programs/${f}`),
    ...readdirSync('test/fixtures/runtime').filter((f) => f.endsWith('.rules')).map((f) => `test/fixtures/runtime/${f}`),
    'test/sample/every-construct.rules',
  ];
  it.each(files)('%s', (file) => {
    const r = load(artifactOf(readFileSync(file, 'utf8')));
    expect(r.ok ? 'ok' : `${r.error.path}: ${r.error.message}`).toBe('ok');
  });
});
