/**
 * The artifact's shape check (runtime/artifact-shape.ts) interprets ARTIFACT_SCHEMA itself.
 * It must give ajv's verdict (the schema compiled by ajv with the runtime's options) on
 * every artifact: every program's, copies damaged in known places, and copies damaged at
 * random places (fast-check); and it must know every keyword the schema uses.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compile } from '../../compiler/compile.js';
import { ARTIFACT_SCHEMA } from '../../runtime/artifact-schema.js';
import { AJV_OPTIONS } from '../../runtime/ajv-options.js';
import { shapeProblem, MAX_SHAPE_DEPTH } from '../../runtime/artifact-shape.js';
import { load } from '../../runtime/load.js';

const ajv = new Ajv2020(AJV_OPTIONS).compile(ARTIFACT_SCHEMA);
const programs = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort()
  .map((f) => ({ file: f, artifact: compile(readFileSync(join('programs', f), 'utf8')).artifact! as unknown as Record<string, unknown> }));

type Path = (string | number)[];
/** Every place in a JSON value that holds an object or a list, with its path. */
function containers(v: unknown, path: Path = [], out: { path: Path; at: object }[] = []): { path: Path; at: object }[] {
  if (v !== null && typeof v === 'object') {
    out.push({ path, at: v });
    for (const [k, x] of Object.entries(v)) containers(x, [...path, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}
const at = (root: unknown, path: Path): Record<string | number, unknown> => path.reduce<any>((o, k) => o[k], root);

const JUNK: unknown[] = [null, true, 0, 1.5, -3, 2 ** 60, '', 'x', 'USD', 'money', 'const', [], ['a'], [1, 2, 3, 4], {}, { op: 'const' }, { k: 'money' }, { k: 'list' }];

describe('the artifact shape check', () => {
  it('knows every keyword ARTIFACT_SCHEMA uses', () => {
    const known = new Set(['$schema', '$id', 'title', '$defs', '$ref', 'type', 'const', 'enum', 'pattern', 'required', 'properties', 'additionalProperties', 'items', 'minItems', 'maxItems', 'allOf', 'if', 'then']);
    const used = new Set<string>();
    const walk = (s: unknown, namesOfSchemas: boolean): void => {
      if (s === null || typeof s !== 'object') return;
      if (Array.isArray(s)) { for (const x of s) walk(x, false); return; }
      for (const [k, v] of Object.entries(s)) {
        if (namesOfSchemas) { walk(v, false); continue; }
        used.add(k);
        if (k === 'properties' || k === '$defs') walk(v, true);
        else if (k !== 'enum' && k !== 'const' && k !== 'required') walk(v, false);
      }
    };
    walk(ARTIFACT_SCHEMA, false);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
    expect(used.has('allOf') && used.has('$ref') && used.has('additionalProperties')).toBe(true);
  });

  it('accepts every program, as ajv does', () => {
    for (const p of programs) {
      expect(ajv(p.artifact), p.file).toBe(true);
      expect(shapeProblem(p.artifact), p.file).toBeUndefined();
    }
  });

  it('names the place of known damage, in a sentence', () => {
    const a = programs[0]!.artifact;
    const cases: [string, (x: any) => void, string, string][] = [
      ['no format', (x) => { delete x.format; }, '$.format', 'is missing'],
      ['version as text', (x) => { x.version = '1'; }, '$.version', 'must be a whole number'],
      ['an unknown top-level field', (x) => { x.extra = true; }, '$.extra', 'is not a field of this object'],
      ['a definition kind that is a number', (x) => { x.definitions[0].kind = 42; }, '$.definitions[0].kind', 'must be one of "value", "rules", "table", "eligibility", "history", "dated", "ledger"'],
      ['outputs not a list', (x) => { x.outputs = {}; }, '$.outputs', 'must be a list'],
      ['a zone that is not text', (x) => { x.program.zone = 5; }, '$.program.zone', 'must be text'],
      ['a span of three numbers', (x) => { x.outputs[0].span = [1, 2, 3]; }, '$.outputs[0].span', 'must have at least 4 items'],
      ['a currency in lower case', (x) => { x.program.currency = 'rub'; }, '$.program.currency', 'must match the pattern ^[A-Z]{3}$'],
      ['a value definition without its body', (x) => { const d = x.definitions.find((y: any) => y.kind === 'value'); d.kind = 'value'; delete d.body; }, '', 'is missing'],
      ['a money type without its currency', (x) => { x.outputs[0].type = { k: 'money' }; }, '$.outputs[0].type.cur', 'is missing'],
      ['an own __proto__ field', (x) => { Object.defineProperty(x.program, '__proto__', { value: {}, enumerable: true }); }, '$.program.__proto__', 'is not a field of this object'],
    ];
    for (const [what, damage, path, message] of cases) {
      const copy = structuredClone(a);
      damage(copy);
      expect(ajv(copy), what).toBe(false);
      const problem = shapeProblem(copy);
      expect(problem?.message, what).toBe(message);
      if (path) expect(problem?.path, what).toBe(path);
      else expect(problem?.path, what).toMatch(/^\$\.definitions\[\d+\]\.body$/);
    }
  });

  it('gives ajv verdict on copies damaged at random places', () => {
    for (const p of programs) {
      const places = containers(p.artifact);
      const damage = fc.record({
        place: fc.nat({ max: places.length - 1 }),
        how: fc.constantFrom('set', 'delete', 'add', 'truncate'),
        pick: fc.nat(),
        junk: fc.constantFrom(...JUNK),
      });
      fc.assert(fc.property(damage, ({ place, how, pick, junk }) => {
        const copy = structuredClone(p.artifact);
        const target = at(copy, places[place]!.path);
        const keys = Object.keys(target);
        const key = Array.isArray(target) ? pick % Math.max(1, target.length) : keys[pick % Math.max(1, keys.length)];
        if (how === 'set' && key !== undefined) target[key] = structuredClone(junk);
        else if (how === 'delete' && key !== undefined) { if (Array.isArray(target)) target.splice(key as number, 1); else delete target[key]; }
        else if (how === 'add') { if (Array.isArray(target)) target.push(structuredClone(junk)); else target[`x${pick % 3}`] = structuredClone(junk); }
        else if (how === 'truncate' && Array.isArray(target)) target.length = pick % (target.length + 1);
        const verdict = ajv(copy);
        const problem = shapeProblem(copy);
        expect(problem === undefined, `${p.file} ${JSON.stringify(places[place]!.path)} ${how} ${String(key)} ${JSON.stringify(junk)}: ${JSON.stringify(problem)} vs ajv's ${ajv.errors?.[0]?.keyword} at ${ajv.errors?.[0]?.instancePath}`).toBe(verdict);
      }), { seed: 20261201, numRuns: 150 });
    }
  });

  it('refuses a type nested past its limit with a problem, not a stack overflow', () => {
    const copy = structuredClone(programs[0]!.artifact) as any;
    let t: Record<string, unknown> = { k: 'integer' };
    for (let i = 0; i < 5000; i++) t = { k: 'list', of: t };
    copy.outputs[0].type = t;
    const problem = shapeProblem(copy);
    expect(problem?.message).toBe(`nests more than ${MAX_SHAPE_DEPTH} levels deep`);
    expect(problem?.path.startsWith('$.outputs[0].type.of.of')).toBe(true);
    const r = load(copy);
    expect(r.ok ? undefined : r.error.code).toBe('RB-E-ARTIFACT');
  });
});
