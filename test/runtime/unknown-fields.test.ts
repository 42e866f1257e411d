/**
 * An input field the program does not declare is refused with its JSON path, at every depth,
 * by a loaded artifact's `evaluate` (the generated decoder checks a nested record's keys on
 * its own: runtime/values/record.ts `objectReader`). Includes `__proto__` and `constructor`
 * keys as JSON.parse makes them: own fields, never prototypes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load } from '../../runtime/load.js';

const artifact = compile(readFileSync('programs/referral-ru.rules', 'utf8')).artifact!;
const loaded = load(JSON.parse(JSON.stringify(artifact)));
if (!loaded.ok) throw new Error('referral-ru does not load');
const { ruleset } = loaded;
const scenario = (parseYaml(readFileSync('programs/referral-ru.scenarios.yaml', 'utf8')) as { scenarios: { input: Record<string, unknown> }[] }).scenarios[3]!;
const asOf = '2026-03-01T00:00:00+03:00';

/** The scenario's input with `extra` (JSON text of one field) added to the object at `at`. */
function withExtra(at: (input: Record<string, unknown>) => Record<string, unknown>, extra: string): unknown {
  const input = JSON.parse(JSON.stringify(scenario.input)) as Record<string, unknown>;
  const target = at(input);
  const text = JSON.stringify(target);
  // the same object gets the field first, as JSON.parse would have made it (own, enumerable)
  const added = JSON.parse(`{${extra}, ${text.slice(1)}`) as Record<string, unknown>;
  for (const k of Object.keys(target)) delete target[k];
  for (const k of Object.keys(added)) Object.defineProperty(target, k, { value: added[k], enumerable: true, writable: true, configurable: true });
  return input;
}

describe('fields the program does not declare', () => {
  it('the scenario input itself is accepted', () => {
    expect(ruleset.evaluate(scenario.input, { asOf }).ok).toBe(true);
  });
  const cases: [string, (i: Record<string, unknown>) => Record<string, unknown>, string, string][] = [
    ['top level', (i) => i, '"zzz": 1', '$.zzz'],
    ['a nested record', (i) => i.partner as Record<string, unknown>, '"zzz": 1', '$.partner.zzz'],
    ['a record in a list', (i) => (i.clients as Record<string, unknown>[])[0]!, '"zzz": "x"', '$.clients[0].zzz'],
    ['__proto__ in a nested record', (i) => i.partner as Record<string, unknown>, '"__proto__": {"x": 1}', '$.partner.__proto__'],
    ['constructor in a record in a list', (i) => (i.clients as Record<string, unknown>[])[0]!, '"constructor": {"prototype": {}}', '$.clients[0].constructor'],
  ];
  for (const [name, at, extra, path] of cases) {
    it(`${name}: refused, naming ${path}`, () => {
      const r = ruleset.evaluate(withExtra(at, extra), { asOf });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('RB-E-INPUT');
        expect(r.error.path).toBe(path);
        expect(r.error.problems?.map((p) => p.path)).toEqual([path]);
        expect(r.error.message).toContain('not a field');
      }
    });
  }
});
