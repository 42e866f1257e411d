/**
 * The Bitrix24 international partner program (programs/partner-intl.rules, seed
 * 001_f9bc1981d51405f9.txt): it compiles without a diagnostic, reads the seed in USD/EUR and
 * UTC (no zone in the seed), declares every ambiguity of inventory D1.6 as a reading with the
 * inventory's reading as default, every scenario of programs/partner-intl.scenarios.yaml runs
 * green and switches every alternative, the input-field table of programs/partner-intl.md is
 * exactly the one derived from the input schema, and properties the seed insists on are checked
 * over many dates and amounts: day 90 is the last day of Bronze's deadline whatever the
 * acceptance day (§3.1.1, A1-8), the "at least" thresholds are inclusive to the cent (§3.1.2,
 * §3.1.3, §3.4), the partner always pays min(net, $10) at least and bonus never exceeds net − 10
 * (§9, §10, A1-11), and active points are exactly the allocations of the year up to today (§4.2, A1-9).
 */
import { describe, it, expect } from 'vitest';
import { renderTrace } from '../../runtime/explain.js';
import { programFixture, diagnosticLines, declaredReadings, scenarioFileChecks, guideChecks } from './program-fixture.js';

const program = programFixture('partner-intl');
const { compiled } = program;

/** The partner P1 of the scenario file, accepted on `accepted`, with the given overrides. */
function partner(accepted: string, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    partner_id: 'P1', is_it_legal_entity: true, application_submitted_at: accepted, accepted_at: accepted, home_country: 'DE',
    website_endorsement: true, social_endorsement: true, first_line_support: true, registered_at: accepted,
    status_grants: [], penalties: [], ...over,
  };
}
function input(p: Record<string, unknown>, lists: Record<string, unknown[]> = {}): Record<string, unknown> {
  return { partner: p, store_orders: [], clients: [], points_ledger: [], bonus_grants: [], nfr_grants: [], info_requests: [], lead_locations: [], fx_rates: [], ...lists };
}
/** A date `n` days after ISO date `d` (UTC). */
const plus = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const cents = (money: unknown) => Math.round(Number(String(money).replace(/ USD$/, '')) * 100);

describe('partner-intl: compilation', () => {
  it('compiles with no errors and no warnings', () => {
    expect(diagnosticLines(program)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('reads the seed in dollars (euros at parity) and UTC: the seed names no zone (D1 profile)', () => {
    const p = compiled.artifact!.program;
    expect(p.currency).toBe('USD');
    expect(p.zone).toBe('UTC');
  });

  it('declares every ambiguity of D1.6 as a reading, with the inventory reading as default', () => {
    const readings = declaredReadings(program);
    const defaults = Object.fromEntries(Object.entries(readings).map(([name, r]) => [name, r.default]));
    expect(defaults).toEqual({
      fx: 'parity', prequal_window: 'trailing', bonus_funded_sales: 'counted', zero_discount_orders: 'not_counted',
      gold_sales_basis: 'as_silver_only', seats_effective: 'b_years_starting_2026', seat_counting: 'sixth_month_year',
      maintenance_tests: 'sales_and_seats', downgrade_target: 'highest_met', bronze_anchor: 'approval_day_90_inclusive',
      points_window: 'one_year_inclusive', kickstart_validity: 'from_acceptance', minimum_payment: 'net_minus_10',
      bonus_stacking: 'earliest_expiring_first', award_expiry: 'end_of_credit_year', nfr_extension: 'six_months',
      deadline_days: 'calendar_days', discount_scope: 'store_products',
    });
    expect(readings.seats_effective!.options).toEqual(['b_years_starting_2026', 'a_reviews_from_2026', 'c_seats_from_2026']);
    expect(readings.fx!.options).toEqual(['parity', 'operator_rates']);
  });
});

describe('partner-intl: the scenario file', () => {
  scenarioFileChecks(program, 30);
});

describe('partner-intl: the guide', () => {
  guideChecks(program);
});

describe('partner-intl: properties from the seed', () => {
  const rs = program.ruleset();
  const run = (i: Record<string, unknown>, asOf: string, readings: Record<string, string> = {}) => {
    const r = rs.evaluate(i, { asOf, readings });
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    return r.outputs;
  };

  it('day 90 after acceptance is still in time and day 91 cancels, for acceptance on any day of 2025 (§3.1.1, §3.4, A1-8)', () => {
    for (let k = 0; k < 365; k += 11) {
      const accepted = plus('2025-01-01', k);
      const i = input(partner(accepted, { nfr_cloud_claimed_at: accepted }));
      const day90 = run(i, `${plus(accepted, 90)}T23:59:59Z`);
      expect(day90.bronze_deadline, accepted).toBe(plus(accepted, 90));
      expect(day90.status_now, accepted).toBe('bronze');
      const day91 = run(i, `${plus(accepted, 91)}T00:00:00Z`);
      expect([day91.status_now, day91.bronze_cancelled_on], accepted).toEqual(['cancelled', plus(accepted, 91)]);
      // the Tutorial on day 90 keeps Bronze
      const done = run(input(partner(accepted, { nfr_cloud_claimed_at: accepted, tutorial_completed_at: plus(accepted, 90) })), `${plus(accepted, 120)}T12:00:00Z`);
      expect(done.status_now, accepted).toBe('bronze');
    }
  });

  it('the "at least" thresholds are inclusive to the cent: $2,500 Silver, $10,000 Gold, $5,000 and $15,000 at the review (§3.1.2, §3.1.3, §3.4)', () => {
    const silverPrequal = (amount: string) => {
      const orders = [
        { order_id: 'O1', paid_at: '2025-03-01', net_amount: '1000.00 USD', partner_discount_pct: '20%', client_id: 'A', product_kind: 'cloud_subscription' },
        { order_id: 'O2', paid_at: '2025-04-01', net_amount: amount, partner_discount_pct: '20%', client_id: 'B', product_kind: 'onprem_key' },
      ];
      const p = partner('2025-01-10', { tutorial_completed_at: '2025-01-20', nfr_cloud_claimed_at: '2025-01-15', sales_course_completed_at: '2025-02-01' });
      return (run(input(p, { store_orders: orders }), '2025-05-01T12:00:00Z').silver_prequalification as { eligible: boolean }).eligible;
    };
    expect([silverPrequal('1499.99 USD'), silverPrequal('1500.00 USD'), silverPrequal('1499.99 EUR'), silverPrequal('1500.00 EUR')]).toEqual([false, true, false, true]);

    const reviewed = (status: 'silver' | 'gold', amount: string) => {
      const p = partner('2023-01-10', { tutorial_completed_at: '2023-01-20', nfr_cloud_claimed_at: '2023-01-15', status_grants: [{ status, granted_on: '2024-05-01' }] });
      const orders = [{ order_id: 'O1', paid_at: '2025-04-30', net_amount: amount, partner_discount_pct: '40%', client_id: 'A', product_kind: 'cloud_subscription' }];
      return run(input(p, { store_orders: orders }), '2025-05-02T12:00:00Z').status_now;
    };
    expect([reviewed('silver', '4999.99 USD'), reviewed('silver', '5000.00 USD')]).toEqual(['bronze', 'silver']);
    expect([reviewed('gold', '14999.99 USD'), reviewed('gold', '15000.00 USD')]).toEqual(['silver', 'gold']);
  });

  it('bonus never leaves the partner paying less than min(net, $10), and takes all it may (§9, §10, A1-11)', () => {
    const nets = ['0.01', '9.50', '9.99', '10.00', '10.01', '10.50', '250.00', '999.99', '1009.99', '1010.00', '1010.01', '4000.00'];
    const orders = nets.map((net, k) => ({
      order_id: `O${k}`, paid_at: plus('2025-02-01', k), net_amount: `${net} USD`, partner_discount_pct: '20%', client_id: `C${k}`,
      product_kind: 'onprem_key', new_client: true, use_bonus: true,
    }));
    // one bonus of $1,000 per order, so each order sees the full balance it may use
    for (const [k, o] of orders.entries()) {
      const grants = [{ grant_id: 'A1', kind: 'award', amount: '1000.00 USD', credited_on: '2025-01-31' }];
      const review = (run(input(partner('2025-01-10'), { store_orders: [o], bonus_grants: grants }), '2025-03-01T12:00:00Z').orders_review as
        { bonus_applied: string; partner_pays: string }[])[0]!;
      const net = cents(`${nets[k]} USD`);
      const expected = Math.max(0, Math.min(100_000, net - 1000));
      expect(cents(review.bonus_applied), nets[k]).toBe(expected);
      expect(cents(review.partner_pays), nets[k]).toBe(net - expected);
      expect(cents(review.partner_pays), nets[k]).toBeGreaterThanOrEqual(Math.min(net, 1000));
    }
  });

  it('active points are exactly the allocations of the year up to today, whatever the day (§4.2, A1-9)', () => {
    const lots = ['2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01', '2025-02-28', '2025-06-15'].map((d, k) => ({ allocated_on: d, points: `${k + 1} point`, activity: 'sale' }));
    for (let k = 0; k < 900; k += 17) {
      const today = plus('2024-02-01', k);
      const outputs = run(input(partner('2024-01-10'), { points_ledger: lots }), `${today}T12:00:00Z`);
      const expected = lots.filter((l) => {
        const [y, m, d] = l.allocated_on.split('-').map(Number) as [number, number, number];
        const through = m === 2 && d === 29 ? `${y + 1}-02-28` : `${y + 1}${l.allocated_on.slice(4)}`;
        return l.allocated_on <= today && today <= through;
      }).reduce((a, l) => a + Number(l.points.split(' ')[0]), 0);
      expect(outputs.active_points, today).toBe(`${expected} point`);
    }
  });

  it('refuses money given as a JSON number, or in a currency other than USD and EUR, naming the path', () => {
    const order = { order_id: 'O1', paid_at: '2025-03-01', net_amount: 1200, partner_discount_pct: '20%', client_id: 'A', product_kind: 'cloud_subscription' };
    for (const net of [1200, '1200.00 GBP']) {
      const r = rs.evaluate(input(partner('2025-01-10'), { store_orders: [{ ...order, net_amount: net }] }), { asOf: '2025-04-01T12:00:00Z' });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('RB-E-INPUT');
        expect(r.error.path).toBe('$.store_orders[0].net_amount');
      }
    }
  });

  it('stops with RB-E-NO-DATED-ROW, naming fx_rates, when an operator rate is missing on an order day', () => {
    const order = { order_id: 'O1', paid_at: '2025-03-01', net_amount: '1200.00 EUR', partner_discount_pct: '20%', client_id: 'A', product_kind: 'cloud_subscription' };
    const r = rs.evaluate(input(partner('2025-01-10'), { store_orders: [order], fx_rates: [{ from: '2025-04-01', currency: 'EUR', usd: '1.1' }] }),
      { asOf: '2025-04-15T12:00:00Z', readings: { fx: 'operator_rates' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('RB-E-NO-DATED-ROW');
  });

  it('explains the status with each transition, its date and its clauses', () => {
    const p = partner('2025-03-03', { nfr_cloud_claimed_at: '2025-03-20', tutorial_completed_at: '2025-06-02' });
    const r = rs.evaluate(input(p), { asOf: '2025-07-01T12:00:00Z', explain: true });
    expect(r.ok).toBe(true);
    const text = r.ok ? renderTrace(r.trace ?? []) : '';
    expect(text).toContain('02.06.2025: bronze → cancelled by rule bronze_cancelled  §3.1.1 §3.4');
    expect(text).toContain('the Bitrix Partner Program Tutorial was completed after day 90 from acceptance');
  });
});
