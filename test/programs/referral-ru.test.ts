/**
 * The Bitrix24 client-referral program (Russia, seed 000_b2fd277522da8948.txt):
 * it compiles cleanly, every scenario of programs/referral-ru.scenarios.yaml
 * runs green through runScenario (so `npm test` exercises the program), the list
 * outputs hold one item per input item in input order, and the input-field table
 * of programs/referral-ru.md is exactly the one derived from the input schema.
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../runtime/scenario.js';
import { inputFieldTable, documentedInputFields } from './input-fields.js';
import { programFixture, diagnosticLines, declaredReadings } from './program-fixture.js';

const program = programFixture('referral-ru');
const { compiled, scenarios } = program;

type JsonSchema = Record<string, any>;

describe('programs/referral-ru.rules', () => {
  it('compiles with no errors and no warnings', () => {
    expect(diagnosticLines(program)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('declares the readings of inventory D0.6 with the inventory reading as default', () => {
    const readings = Object.fromEntries(Object.entries(declaredReadings(program)).map(([name, r]) => [name, r.default]));
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

  const rs = compiled.artifact ? program.ruleset() : undefined;
  for (const s of scenarios) {
    it(`scenario: ${s.name}`, () => {
      const outcome = runScenario(rs!, s);
      expect(outcome.mismatches).toEqual([]);
      expect(outcome.passed).toBe(true);
    });
  }

  it('lists one item per input item, in input order, in every list output', () => {
    const pairs: [string, string, string][] = [
      ['bindings', 'clients', 'client_id'], ['active_clients', 'clients', 'client_id'],
      ['binding_events_review', 'binding_events', 'event_id'], ['purchases_review', 'purchases', 'purchase_id'],
      ['acts_review', 'acts', 'act_id'], ['conversions_review', 'conversions', 'requested_at'],
    ];
    for (const s of scenarios) {
      const outcome = runScenario(rs!, s);
      if (!outcome.result.ok) continue;
      const input = s.input as Record<string, Record<string, unknown>[] | null | undefined>;
      for (const [out, inp, key] of pairs) {
        const items = (outcome.result.outputs[out] as Record<string, unknown>[]).map((o) => o[key]);
        const given = (input[inp] ?? []).map((o) => o[key]);
        if (key === 'requested_at') expect(items.length, `${s.name}: ${out}`).toBe(given.length);
        else expect(items, `${s.name}: ${out}`).toEqual(given);
      }
    }
  });

  it('documents exactly the input fields of the schema, required and optional', () => {
    const doc = program.guide();
    const documented = documentedInputFields(doc);
    expect(documented, 'the .md has an input-fields block').toBeDefined();
    expect(documented).toBe(inputFieldTable(compiled.artifact!.schemas.input as JsonSchema));
  });

  it('explains an evaluation with the clauses it used', () => {
    const outcome = runScenario(rs!, scenarios[0]!, true);
    expect(outcome.result.ok).toBe(true);
    const trace = JSON.stringify(outcome.result.ok ? outcome.result.trace : []);
    for (const clause of ['§1', '§3', '§4', '§5', '§6.1', '§Terms']) expect(trace).toContain(clause);
  });
});
