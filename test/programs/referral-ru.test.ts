/**
 * The Bitrix24 client-referral program (Russia, seed 000_b2fd277522da8948.txt):
 * it compiles cleanly, and every scenario of programs/referral-ru.scenarios.yaml
 * runs green through runScenario, so `npm test` exercises the program.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { runScenario, type Scenario } from '../../runtime/scenario.js';

const programPath = fileURLToPath(new URL('../../programs/referral-ru.rules', import.meta.url));
const scenariosPath = fileURLToPath(new URL('../../programs/referral-ru.scenarios.yaml', import.meta.url));

const source = readFileSync(programPath, 'utf8');
const compiled = compile(source, { path: 'programs/referral-ru.rules' });
const scenarios = (parseYaml(readFileSync(scenariosPath, 'utf8')) as { scenarios: Scenario[] }).scenarios;

function ruleset(): Ruleset {
  if (!compiled.artifact) throw new Error('the program does not compile');
  const loaded = load(compiled.artifact);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.ruleset;
}

describe('programs/referral-ru.rules', () => {
  it('compiles with no errors and no warnings', () => {
    expect(compiled.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('declares the readings of inventory D0.6 with the inventory reading as default', () => {
    const readings = Object.fromEntries(compiled.artifact!.readings.map((r) => [r.name, r.default]));
    expect(readings).toEqual({
      version_selector: 'trigger_event',
      cutoff_zone: 'moscow',
      active_users_measure: 'end_of_window',
      first_purchase_scope: 'client',
      window_end: 'inclusive_anniversary',
      base_includes_vat: 'included',
      bonus_rounding: 'half_up_kopecks',
      invoice_payment_binding: 'override',
      pre_contract_accrual: 'none',
    });
  });

  it('has at least 35 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(35);
  });

  const rs = compiled.artifact ? ruleset() : undefined;
  for (const s of scenarios) {
    it(`scenario: ${s.name}`, () => {
      const outcome = runScenario(rs!, s);
      expect(outcome.mismatches).toEqual([]);
      expect(outcome.passed).toBe(true);
    });
  }

  it('explains an evaluation with the clauses it used', () => {
    const outcome = runScenario(rs!, scenarios[0]!, true);
    expect(outcome.result.ok).toBe(true);
    const trace = JSON.stringify(outcome.result.ok ? outcome.result.trace : []);
    for (const clause of ['§1', '§3', '§4', '§5', '§6.1', '§Terms']) expect(trace).toContain(clause);
  });
});
