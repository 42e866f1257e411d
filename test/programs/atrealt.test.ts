/**
 * The ATRealt partner program (programs/atrealt.rules, seed 004_481f9f4fd45d6e36.txt):
 * it compiles without a single diagnostic, declares every ambiguity of inventory D4.6 as a
 * reading with the inventory's reading as default, every scenario of
 * programs/atrealt.scenarios.yaml runs green and every alternative reading is switched by
 * one, the input-field table of programs/atrealt.md is exactly the one derived from the
 * input schema, and a few properties the seed insists on are checked directly: the
 * reward is always the list total less the invoice (A4-8), the transfer deadline falls on
 * a Russian business day (§1.6), and a revoked partner earns nothing on a later invoice (§4.1).
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../runtime/scenario.js';
import { renderTrace } from '../../runtime/explain.js';
import { programFixture, diagnosticLines, declaredReadings, scenarioFileChecks, guideChecks } from './program-fixture.js';

const program = programFixture('atrealt');
const { compiled, scenarios } = program;

/** The X4-1 situation of the inventory with some fields replaced. */
function x41(over: { sale?: Record<string, unknown>; partner?: Record<string, unknown>; invoiceAt?: string; violations?: unknown[] } = {}): unknown {
  return {
    partner: { partner_id: 'P1', registered_in_cabinet: true, ...over.partner },
    pinning: [{ client_id: 'C1', partner_id: 'P1', requested_at: '2025-09-30T10:00:00+03:00', decision: 'approved', decided_at: '2025-10-01T10:00:00+03:00' }],
    sale: {
      sale_id: 'S1', client_id: 'C1', app: 'atrealt_amocrm', quantity: 5, term_months: 12, list_price_per_unit_month: '1000.00 RUB',
      client_paid: '60000.00 RUB', client_payment_received_at: '2025-10-06T12:00:00+03:00', is_renewal: false, ...over.sale,
    },
    invoice: { invoice_id: 'I1', generated_at: over.invoiceAt ?? '2025-10-06T15:00:00+03:00', quantity: 5, term_months: 12 },
    violations: over.violations ?? [],
  };
}

const kopecks = (m: unknown): bigint => BigInt(String(m).replace(' RUB', '').replace('.', ''));

describe('atrealt: compilation', () => {
  it('compiles with no errors and no warnings', () => {
    expect(diagnosticLines(program)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('reads the seed in roubles, Moscow time and the Russian calendar, rounding half up to kopecks (D4 profile, A4-8)', () => {
    const p = compiled.artifact!.program;
    expect(p.currency).toBe('RUB');
    expect(p.zone).toBe('Europe/Moscow');
    expect(p.calendar).toBe('RU');
    expect(p.rounding).toEqual({ mode: 'half_up', unit: '0.01' });
  });

  it('declares every ambiguity of D4.6 as a reading, with the inventory reading as default', () => {
    expect(declaredReadings(program)).toEqual({
      deadline_count: { default: 'next_business_day', options: ['next_business_day'] },
      receipt_moment: { default: 'credited_moscow_date', options: ['credited_moscow_date'] },
      unpinned_invoice: { default: 'full_price', options: ['full_price', 'discount_then_clawback'] },
      discount_basis: { default: 'current_at_least_base', options: ['current_at_least_base'] },
      repeat_requires_prior_sanction: { default: 'any_second_breach', options: ['any_second_breach', 'after_sanction'] },
      same_day_breaches: { default: 'one_occasion', options: ['one_occasion', 'each_counts'] },
      reward_definition: { default: 'expected_and_actual', options: ['expected_and_actual'] },
      discount_base: { default: 'list_price_at_payment', options: ['list_price_at_payment'] },
      invoice_rounding: { default: 'invoice_half_up', options: ['invoice_half_up'] },
      term_rule: { default: 'whole_months', options: ['whole_months', 'minimum_only'] },
      unpinning_effect: { default: 'later_invoices', options: ['later_invoices'] },
      late_transfer_effect: { default: 'breach_only', options: ['breach_only'] },
      instalments: { default: 'own_clock', options: ['own_clock'] },
      revocation_effect: { default: 'by_invoice_day', options: ['by_invoice_day'] },
    });
  });
});

describe('atrealt: the scenario file', () => {
  scenarioFileChecks(program, 30);
});

describe('atrealt: the guide', () => {
  guideChecks(program);
});

describe('atrealt: properties from the seed', () => {
  const rs = program.ruleset();

  it('the reward is the list total less the invoice rounded half up, for any price and discount (A4-8, §5.2)', () => {
    for (const price of ['0.01', '0.05', '999.99', '1234.56', '1234.58', '3333.33', '17.17']) {
      for (const pct of [20, 25, 30, 33, 37.5]) {
        for (const [quantity, term] of [[1, 1], [3, 7], [7, 12]] as const) {
          const r = rs.evaluate(x41({ sale: { quantity, term_months: term, list_price_per_unit_month: `${price} RUB` }, partner: { current_discount_pct: `${pct}%` } }), { asOf: '2025-10-07T12:00:00+03:00' });
          if (!r.ok) throw new Error(r.error.message);
          const list = kopecks(r.outputs.list_total), invoice = kopecks(r.outputs.invoice_amount_expected), reward = kopecks(r.outputs.reward_expected);
          expect(list).toBe(BigInt(quantity * term) * kopecks(`${price} RUB`));
          expect(invoice + reward).toBe(list);
          // half up: invoice = floor((list × (100 − pct) × 10 + 500) / 1000) in kopecks, with pct in tenths of a percent
          const tenths = BigInt(Math.round((100 - pct) * 10));
          expect(invoice).toBe((list * tenths + 500n) / 1000n);
        }
      }
    }
  });

  it('the transfer deadline is the third Russian business day after receipt, whatever the weekday (§1.6, A4-1)', () => {
    // 2025 days off on weekdays and worked weekend days, from runtime/calendars/data/ru.ts
    const off = new Set(['2025-11-03', '2025-11-04', '2025-12-31', '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09']);
    const worked = new Set(['2025-11-01']);
    const isBusiness = (d: Date) => {
      const iso = d.toISOString().slice(0, 10);
      if (worked.has(iso)) return true;
      return d.getUTCDay() !== 0 && d.getUTCDay() !== 6 && !off.has(iso);
    };
    for (let day = new Date(Date.UTC(2025, 9, 25)); day < new Date(Date.UTC(2026, 0, 5)); day = new Date(day.getTime() + 86_400_000)) {
      const iso = day.toISOString().slice(0, 10);
      let d = day, left = 3;
      while (left > 0) { d = new Date(d.getTime() + 86_400_000); if (isBusiness(d)) left--; }
      const r = rs.evaluate(x41({ sale: { client_payment_received_at: `${iso}T09:00:00+03:00` }, invoiceAt: `${iso}T10:00:00+03:00` }), { asOf: '2025-10-07T12:00:00+03:00' });
      if (!r.ok) throw new Error(r.error.message);
      expect(r.outputs.transfer_deadline, iso).toBe(d.toISOString().slice(0, 10));
    }
  });

  it('a revoked partner earns nothing on an invoice made on or after the revocation day, and keeps the reward before it (§4.1, A4-13)', () => {
    const violations = [
      { violation_id: 'V1', clause: 'clause_1_6', occurred_at: '2025-09-01', established_at: '2025-09-05' },
      { violation_id: 'V2', clause: 'clause_3_3', occurred_at: '2025-10-01', established_at: '2025-10-06' },
    ];
    const before = rs.evaluate(x41({ violations, invoiceAt: '2025-10-05T23:59:00+03:00' }), { asOf: '2025-10-10T12:00:00+03:00' });
    const sameDay = rs.evaluate(x41({ violations, invoiceAt: '2025-10-06T00:01:00+03:00' }), { asOf: '2025-10-10T12:00:00+03:00' });
    expect(before.ok && before.outputs.reward_expected).toBe('12000.00 RUB');
    expect(sameDay.ok && sameDay.outputs.reward_expected).toBeNull();
    expect(sameDay.ok && sameDay.outputs.partner_status_after).toBe('revoked');
  });

  it('rejects money given as a JSON number, naming the path', () => {
    const r = rs.evaluate(x41({ sale: { client_paid: 60000 } }), { asOf: '2025-10-07T12:00:00+03:00' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-INPUT');
      expect(r.error.path).toBe('$.sale.client_paid');
    }
  });

  it('cites the clauses in its explanation and names the readings it consulted', () => {
    const r = rs.evaluate(x41(), { asOf: '2025-10-07T12:00:00+03:00', explain: true });
    expect(r.ok).toBe(true);
    const text = r.ok ? renderTrace(r.trace ?? []) : '';
    expect(text).toContain('transfer_deadline = 09.10.2025  §1.6');
    expect(text).toContain('reading deadline_count = next_business_day  §1.6');
    for (const clause of ['§Preamble', '§1.2', '§1.6', '§3.3', '§4.1', '§5.1', '§5.2', '§5.3']) expect(text).toContain(clause);
  });
});
