/**
 * `evaluate(input, {outputs: [...]})` computes only the outputs asked for and what they
 * need: each output alone equals its value in a full evaluation, and an output that does
 * not depend on the evaluation instant is computed without one, where the full program fails.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { artifactOf } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = readFileSync(join(ROOT, 'programs/referral-ru.rules'), 'utf8');
const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/referral-ru.scenarios.yaml'), 'utf8')) as { scenarios: { input: unknown; as_of?: string; readings?: Record<string, string> }[] }).scenarios;
const loaded = load(compile(source).artifact);
const ruleset = (loaded as { ok: true; ruleset: Ruleset }).ruleset;
const names = ruleset.artifact.outputs.map((o) => o.name);

describe('lazy outputs', () => {
  it('each output alone equals its value in the full evaluation', () => {
    const s = scenarios.find((x) => x.as_of)!;
    const full = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings });
    if (!full.ok) throw new Error(JSON.stringify(full.error));
    for (const name of names) {
      const one = ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, outputs: [name] });
      expect(one).toEqual({ ...full, outputs: { [name]: full.outputs[name] } });
    }
  });

  it('an output that needs no evaluation instant is computed without one; the whole program is not', () => {
    const s = scenarios.find((x) => x.as_of)!;
    const full = ruleset.evaluate(s.input, { readings: s.readings });
    expect(full.ok ? 'ok' : full.error.code).toBe('RB-E-NO-ASOF');
    const alone = names.filter((n) => ruleset.evaluate(s.input, { readings: s.readings, outputs: [n] }).ok);
    expect(alone.length).toBeGreaterThan(0);
    expect(alone.length).toBeLessThan(names.length);
  });

  it('an unknown output name is refused with the list of outputs', () => {
    const r = ruleset.evaluate(scenarios[0]!.input, { outputs: ['nope', '__proto__'] });
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'RB-E-INPUT', path: 'outputs', message: expect.stringContaining(names[0]!) });
  });
});

describe('selections of outputs whose names hold a line feed (a hand-made artifact)', () => {
  it('keep ["a", "b"] and ["a\\nb"] apart', () => {
    const a = artifactOf('program p zone UTC\noutput a = 1\noutput b = 2\noutput c = 3\n');
    a.outputs[2]!.name = 'a\nb';
    const schema = a.schemas.output as { properties: Record<string, unknown>; required?: string[] };
    schema.properties['a\nb'] = schema.properties.c;
    delete schema.properties.c;
    schema.required = schema.required?.map((x) => (x === 'c' ? 'a\nb' : x));
    const r = load(a);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.ruleset.evaluate({}, { outputs: ['a', 'b'] })).toMatchObject({ ok: true, outputs: { a: 1, b: 2 } });
    const only = r.ruleset.evaluate({}, { outputs: ['a\nb'] });
    expect(only.ok && only.outputs).toEqual({ 'a\nb': 3 });
    const again = r.ruleset.evaluate({}, { outputs: ['a\nb'] });
    expect(again.ok && again.outputs).toEqual({ 'a\nb': 3 });
  });
});
