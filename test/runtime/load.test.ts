/**
 * `load(artifact)`: the artifact is plain versioned JSON; load refuses anything else
 * with a clear error value (never a throw), and a compiled artifact is valid against
 * the published artifact schema and survives a JSON round trip.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { load } from '../../runtime/load.js';
import { ARTIFACT_SCHEMA } from '../../runtime/artifact-schema.js';
import { ARTIFACT_VERSION, ARTIFACT_FORMAT, type Artifact } from '../../runtime/ir.js';
import { artifactOf, fixture, outputsOf } from './helpers.js';

const FIXTURES = ['boundary.rules', 'almaty.rules', 'kyiv.rules', 'money.rules', 'host-zone.rules'];
const artifact = artifactOf(readFileSync(fixture('kyiv.rules'), 'utf8'));
const copy = (): Artifact => JSON.parse(JSON.stringify(artifact)) as Artifact;

function loadError(value: unknown) {
  const result = load(value);
  if (result.ok) throw new Error('expected load to fail');
  return result.error;
}

describe('load refuses what is not an artifact', () => {
  it.each([
    ['null', null], ['undefined', undefined], ['a number', 42], ['a string', 'rulebook-artifact'], ['true', true],
  ])('refuses %s with RB-E-ARTIFACT', (_name, value) => {
    const error = loadError(value);
    expect(error.code).toBe('RB-E-ARTIFACT');
    expect(error.message).toContain('JSON object');
  });

  it('refuses an array and an object of another format, saying what the format was', () => {
    expect(loadError([]).code).toBe('RB-E-ARTIFACT');
    const error = loadError({ ...copy(), format: 'json-logic' });
    expect(error.code).toBe('RB-E-ARTIFACT');
    expect(error.message).toContain('"json-logic"');
    expect(error.message).toContain(ARTIFACT_FORMAT);
  });

  it('refuses an unknown version with RB-E-VERSION and says which version it reads', () => {
    for (const version of [ARTIFACT_VERSION + 1, 0, '1', null]) {
      const error = loadError({ ...copy(), version });
      expect(error.code, String(version)).toBe('RB-E-VERSION');
      expect(error.message).toContain(`this runtime reads version ${ARTIFACT_VERSION}`);
      expect(error.message).toContain(JSON.stringify(version));
      expect(error.message).toMatch(/[Rr]ecompile/);
    }
  });

  it('refuses a malformed artifact with RB-E-ARTIFACT naming the path', () => {
    const noBody = copy();
    delete (noBody.outputs[0] as Partial<Artifact['outputs'][number]>).body;
    expect(loadError(noBody)).toMatchObject({ code: 'RB-E-ARTIFACT', path: '$.outputs[0].body' });
    expect(loadError(noBody).message).toBe('The artifact is malformed at $.outputs[0].body: it is missing.');

    const badZone = copy();
    (badZone.program as { zone: unknown }).zone = 3;
    expect(loadError(badZone)).toMatchObject({ code: 'RB-E-ARTIFACT', path: '$.program.zone' });

    const badOp = copy();
    (badOp.outputs[0]!.body as { op: string }).op = 'eval';
    expect(loadError(badOp)).toMatchObject({ code: 'RB-E-ARTIFACT' });
    expect(loadError(badOp).path).toMatch(/^\$\.outputs\[0\]\.body/);

    const badRounding = copy();
    badRounding.program.rounding.unit = '0.05';
    expect(loadError(badRounding)).toMatchObject({ code: 'RB-E-ARTIFACT', path: '$.program.rounding.unit' });

    const extra = { ...copy(), compiledBy: 'someone' };
    expect(loadError(extra)).toMatchObject({ code: 'RB-E-ARTIFACT', path: '$.compiledBy', message: 'The artifact is malformed at $.compiledBy: it is not a field of this object.' });

    const noDefinitions = copy() as Partial<Artifact>;
    delete noDefinitions.definitions;
    expect(loadError(noDefinitions).code).toBe('RB-E-ARTIFACT');
    expect(loadError(noDefinitions).message).toContain('definitions');
  });

  it('refuses an artifact whose IR cannot be prepared, without throwing', () => {
    const broken = copy();
    // passes the artifact schema (expr only requires `op`) but has no arguments to compute with
    broken.outputs[0]!.body = { op: 'arith', fn: 'add' } as never;
    expect(() => load(broken)).not.toThrow();
    expect(loadError(broken).code).toBe('RB-E-ARTIFACT');
  });
});

describe('a compiled artifact', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(ARTIFACT_SCHEMA);

  it.each(FIXTURES)('%s is valid against ARTIFACT_SCHEMA', (name) => {
    const a = artifactOf(readFileSync(fixture(name), 'utf8'));
    const ok = validate(a);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(a.format).toBe(ARTIFACT_FORMAT);
    expect(a.version).toBe(ARTIFACT_VERSION);
  });

  it('survives JSON.stringify / JSON.parse and gives the same outputs', () => {
    const text = JSON.stringify(artifact);
    const parsed = JSON.parse(text) as unknown;
    expect(validate(parsed)).toBe(true);
    expect(JSON.stringify(parsed)).toBe(text); // plain JSON: nothing lost or reordered
    const original = load(artifact), roundTripped = load(parsed);
    if (!original.ok || !roundTripped.ok) throw new Error('load failed');
    const input = { paid_at: '2025-10-26T20:30:00Z', day: '2025-10-26' };
    expect(outputsOf(roundTripped.ruleset, input)).toEqual(outputsOf(original.ruleset, input));
    expect(outputsOf(roundTripped.ruleset, input).counts).toBe(true);
  });

  it('carries the program header and input schema as data', () => {
    expect(artifact.program).toMatchObject({ name: 'kyiv', zone: 'Europe/Kyiv', calendar: 'UA', rounding: { mode: 'half_up', unit: '0.01' }, monthEnd: 'clamp' });
    expect(artifact.schemas.input).toMatchObject({ type: 'object', required: ['paid_at', 'day'] });
  });
});

describe('input problems', () => {
  const ruleset = (() => {
    const r = load(artifactOf(`program cap zone UTC\ninput\n  days: list of integer\noutput n = count d in days\n`));
    if (!r.ok) throw new Error(r.error.message);
    return r.ruleset;
  })();

  it('are listed up to 100, then the list says more follow (a 1 MB list of wrong items was a 100 MB answer)', () => {
    const r = ruleset.evaluate({ days: new Array(500_000).fill('x') });
    if (r.ok) throw new Error('expected an input error');
    expect(r.error.code).toBe('RB-E-INPUT');
    expect(r.error.problems).toHaveLength(101);
    expect(r.error.problems![0]).toEqual({ path: '$.days[0]', message: 'must be a whole number, not the text "x"' });
    expect(r.error.problems![99]!.path).toBe('$.days[99]');
    expect(r.error.problems![100]).toEqual({ path: '$', message: 'has more problems than the first 100 listed; correct these to see the rest' });
  });

  it.each([99, 100])('are all listed, without the note, when there are %i', (n) => {
    const r = ruleset.evaluate({ days: [...new Array(n).fill('x'), 1, 2] });
    if (r.ok) throw new Error('expected an input error');
    expect(r.error.problems).toHaveLength(n);
    expect(r.error.problems!.every((p) => p.path !== '$')).toBe(true);
  });
});

describe('instants at the ends of the years 0001–9999 (UTC)', () => {
  const ruleset = (() => {
    const r = load(artifactOf('program at zone Europe/Moscow\ninput\n  at: instant\noutput read = true\n'));
    if (!r.ok) throw new Error(r.error.message);
    return r.ruleset;
  })();
  it.each([
    ['0001-01-01T00:00:00Z', true], ['0001-01-01T00:00:00+00:01', false], ['0001-01-01T00:00:00+14:00', false],
    ['9999-12-31T23:59:59Z', true], ['9999-12-31T23:59:59-00:01', false], ['9999-12-31T23:59:59-12:00', false],
    ['0001-01-01T02:30:17[Europe/Moscow]', true], ['0001-01-01T02:30:16[Europe/Moscow]', false],
  ] as const)('%s is %s, with or without an explanation', (at, ok) => {
    for (const explain of [false, true]) {
      const r = ruleset.evaluate({ at }, { explain });
      if (ok) expect(r.ok, JSON.stringify(r)).toBe(true);
      else expect(r.ok ? r : r.error).toMatchObject({ code: 'RB-E-INPUT', path: '$.at', message: '$.at falls outside the years 0001–9999 in UTC' });
    }
  });
});

describe('an explanation of a value its type cannot encode', () => {
  it('shows it in words where the plain evaluation passes, never an internal error', () => {
    const r = load(artifactOf('program far zone UTC\ninput\n  d: date\ndefine far = {day: d + 9000 years, n: 1}\noutput n = far.n\n'));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ruleset.evaluate({ d: '2025-01-01' })).toMatchObject({ ok: true, outputs: { n: 1 } });
    const explained = r.ruleset.evaluate({ d: '2025-01-01' }, { explain: true });
    expect(explained.ok && explained.trace![0]!.children[0]).toMatchObject({ name: 'far', value: 'a value beyond what JSON carries' });
  });
});
