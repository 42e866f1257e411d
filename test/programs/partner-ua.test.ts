/**
 * The Bitrix Ukraine partner program (programs/partner-ua.rules, seed 002_89608c75ac2506ab.txt):
 * it compiles without a diagnostic, reads the seed in hryvnias, Kyiv time and the Ukrainian
 * calendar, declares every ambiguity of inventory D2.6 as a reading with the inventory's
 * reading as default, every scenario of programs/partner-ua.scenarios.yaml runs green and
 * switches every alternative, the input-field table of programs/partner-ua.md is exactly the
 * one derived from the input schema, and properties the seed insists on are checked directly:
 * the calculation is at 23:00 Kyiv wall-clock time every day of a DST year (§5.6, A2-2), the
 * active points are exactly the event points whose window holds the calculation day (§5.6),
 * and the thresholds 100 and 500 are inclusive (§2.1, A2-3).
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../runtime/scenario.js';
import { renderTrace } from '../../runtime/explain.js';
import { programFixture, diagnosticLines, declaredReadings, scenarioFileChecks, guideChecks } from './program-fixture.js';

const program = programFixture('partner-ua');
const { compiled, scenarios } = program;

/** A Business partner approved 10.01.2025 with two fully certified employees, in QM, with the given points events. */
function partner(events: unknown[], over: Record<string, unknown> = {}): Record<string, unknown> {
  const certs = [{ course_id: 'admin', obtained_on: '2024-02-01' }, { course_id: 'dev', obtained_on: '2024-03-01' }];
  return {
    partner: {
      partner_id: 'P1', legal_form: 'fop', professional_activity: true, approved_at: '2025-01-10T12:00:00+02:00',
      accession_application_accepted: true, city: 'Львів', qm_participant_since: '2024-06-01', competencies: [], ...over,
    },
    employees: [
      { user_id: 'u1', role: 'full_rights', attached_on: '2024-01-15', certificates: certs },
      { user_id: 'u2', role: 'limited_rights', attached_on: '2024-01-15', certificates: certs },
    ],
    cert_requirements: [
      { from: '2024-01-01', status: 'certified', courses: ['admin'], min_certified_employees: 1 },
      { from: '2024-01-01', status: 'gold', courses: ['admin', 'dev'], min_certified_employees: 2 },
    ],
    points_events: events,
    extra_point_applications: [], project_submissions: [], nfr_grants: [], sales_for_nfr: [], sanctions: [], pd_requests: [],
  };
}
const event = (id: string, points: string, at: string) => ({ event_id: id, kind: 'marketplace_module', base_points: `${points} point`, accrued_at: at });
/** Tenths of a point of an amount such as "12.5 point" (every amount here has at most one decimal). */
const tenths = (amount: unknown): number => Math.round(Number(String(amount).replace(/ point$/, '')) * 10);

describe('partner-ua: compilation', () => {
  it('compiles with no errors and no warnings', () => {
    expect(diagnosticLines(program)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('reads the seed in hryvnias, Kyiv time and the Ukrainian calendar (D2 profile)', () => {
    const p = compiled.artifact!.program;
    expect(p.currency).toBe('UAH');
    expect(p.zone).toBe('Europe/Kyiv');
    expect(p.calendar).toBe('UA');
  });

  it('declares every ambiguity of D2.6 as a reading, with the inventory reading as default', () => {
    const defaults = Object.fromEntries(Object.entries(declaredReadings(program)).map(([name, r]) => [name, r.default]));
    expect(defaults).toEqual({
      points_window: 'date_based', daylight_saving: 'kyiv_wall_clock', points_rounding: 'exact',
      status_review: 'upgrade_daily_downgrade_at_anniversary', status_loss: 'highest_met', discount_scope: 'excluding_bitrix24',
      cert_requirements_version: 'in_force_at_calculation', joint_single_flag: 'none_until_both', joint_dispute: 'full_to_holder',
      qm_point_value: 'at_survey', nfr_sales_basis: 'partner_purchase', on_request_renewal_basis: 'retail_price',
      nfr_swap: 'certified_too', exit_notice: 'calendar_month_with_original', business_days: 'ua_martial_law',
      downgrade_sanction: 'holds_while_in_force', sanction_effects: 'discount_zero_status_kept',
    });
    expect(declaredReadings(program).points_window!.options).toEqual(['date_based', 'instant_based']);
    expect(declaredReadings(program).points_rounding!.options).toEqual(['exact', 'half_up_int', 'floor_int']);
    expect(declaredReadings(program).joint_dispute!.options).toEqual(['full_to_holder', 'half_to_holder']);
  });
});

describe('partner-ua: the scenario file', () => {
  scenarioFileChecks(program, 30);

  it('reviews every points event once, in input order, in every scenario', () => {
    const rs = program.ruleset();
    for (const s of scenarios) {
      const outcome = runScenario(rs, s);
      if (!outcome.result.ok) continue;
      const given = ((s.input as { points_events: { event_id: string }[] }).points_events).map((e) => e.event_id);
      const reviewed = (outcome.result.outputs.points_review as { event_id: string }[]).map((e) => e.event_id);
      expect(reviewed, s.name).toEqual(given);
    }
  });
});

describe('partner-ua: the guide', () => {
  guideChecks(program);
});

describe('partner-ua: properties from the seed', () => {
  const rs = program.ruleset();

  it('the last calculation is 23:00 Kyiv wall-clock time on every day of 2025, across both DST changes (§5.6, A2-2)', () => {
    for (let t = Date.UTC(2025, 0, 1, 12); t < Date.UTC(2026, 0, 1); t += 86_400_000) {
      const asOf = new Date(t).toISOString();
      const r = rs.evaluate(partner([]), { asOf });
      if (!r.ok) throw new Error(r.error.message);
      const calc = r.outputs.calculation_instant as string;
      // noon UTC is 14:00 or 15:00 in Kyiv, before 23:00: the last calculation is the evening before, at 23:00 local
      expect(calc.slice(11, 19), asOf).toBe('23:00:00');
      const offset = calc.slice(19);
      const previousDay = new Date(t - 86_400_000).toISOString().slice(0, 10);
      expect(calc.slice(0, 10), asOf).toBe(previousDay);
      const summer = previousDay >= '2025-03-30' && previousDay < '2025-10-26';
      expect(offset, previousDay).toBe(summer ? '+03:00' : '+02:00');
    }
  });

  it('active points are the sum of the reviewed points whose window holds the calculation day (§5.6)', () => {
    const events = [
      event('E1', '30', '2024-03-01T10:00:00+02:00'), event('E2', '12.5', '2024-09-15T23:30:00+03:00'),
      event('E3', '40', '2025-02-01T22:00:00+02:00'), event('E4', '7', '2025-06-30T08:00:00+03:00'),
    ];
    for (const asOf of ['2025-01-10T12:00:00+02:00', '2025-03-01T23:30:00+02:00', '2025-03-02T10:00:00+02:00', '2025-09-16T10:00:00+03:00', '2026-02-02T10:00:00+02:00']) {
      const r = rs.evaluate(partner(events, { approved_at: '2024-01-10T12:00:00+02:00' }), { asOf });
      if (!r.ok) throw new Error(r.error.message);
      const day = (r.outputs.calculation_instant as string).slice(0, 10);
      const review = r.outputs.points_review as { points: string; counted_from: string; active_through: string }[];
      expect(String(r.outputs.active_points_now), asOf).toMatch(/ point$/);
      const expected = review.filter((e) => e.counted_from <= day && day <= e.active_through).reduce((a, e) => a + tenths(e.points), 0);
      expect(tenths(r.outputs.active_points_now), asOf).toBe(expected);
    }
  });

  it('100 and 500 active points are enough, 99.5 and 499.5 are not (§2.1 «100 чи більше», «не менше 500»)', () => {
    const at = '2025-02-01T10:00:00+02:00', asOf = '2025-02-02T10:00:00+02:00';
    const status = (points: string) => {
      const r = rs.evaluate(partner([event('E1', points, at)]), { asOf });
      if (!r.ok) throw new Error(r.error.message);
      return r.outputs.status_now;
    };
    expect([status('99.5'), status('100'), status('499.5'), status('500')]).toEqual(['business', 'certified', 'certified', 'gold']);
  });

  it('splits a joint project into two shares that add up exactly to its points (§5.4, A2-3 exact)', () => {
    for (const value of ['30', '31', '0.01', '0.03', '12.34', '999.99']) {
      const joint = { ...event('J1', value, '2025-02-01T10:00:00+02:00'), kind: 'project_added', project_id: 'PR', license_key: 'K',
        unique_design: true, key_activated_registered_to_client: true, joint_with: 'P2', joint_flag_self: true, joint_flag_other: true };
      const r = rs.evaluate(partner([joint]), { asOf: '2025-02-02T10:00:00+02:00' });
      if (!r.ok) throw new Error(r.error.message);
      const mine = Math.round(Number(String((r.outputs.points_review as { points: string }[])[0]!.points).replace(/ point$/, '')) * 100);
      const total = Math.round(Number(value) * 100);
      // this partner's share is the first of the two: half, with the odd hundredth (if any) going to it
      expect(mine, value).toBe(Math.ceil(total / 2));
    }
  });

  it('refuses points given as a bare number, naming the path', () => {
    const r = rs.evaluate(partner([{ ...event('E1', '5', '2025-02-01T10:00:00+02:00'), base_points: 5 }]), { asOf: '2025-02-02T10:00:00+02:00' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-INPUT');
      expect(r.error.path).toBe('$.points_events[0].base_points');
    }
  });

  it('rejects money given as a JSON number, naming the path', () => {
    const input = { ...partner([]), order: { product_family: 'cms', retail_price: 30000, buyer_role: 'full_rights' } };
    const r = rs.evaluate(input, { asOf: '2025-02-02T10:00:00+02:00' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-INPUT');
      expect(r.error.path).toBe('$.order.retail_price');
    }
  });

  it('explains the status with the transition, its date and its clauses', () => {
    const r = rs.evaluate(partner([event('E1', '100', '2025-02-01T10:00:00+02:00')]), { asOf: '2025-02-02T10:00:00+02:00', explain: true });
    expect(r.ok).toBe(true);
    const text = r.ok ? renderTrace(r.trace ?? []) : '';
    expect(text).toContain('01.02.2025: business → certified by rule upgrade  §2.1 §5.1');
    for (const clause of ['§2.1', '§2.2', '§5.6', '§6.1', '§6.2']) expect(text).toContain(clause);
  });
});
