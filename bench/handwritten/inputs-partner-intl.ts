/**
 * Inputs for the partner-intl status, discount and bonus balance, aimed at where they can go
 * wrong: acceptance on 29 February 2024 and around New Year, the Tutorial and the NFR claim
 * on day 90 or 91, Silver and Gold grants whose anniversary reviews fall either side of
 * 01.01.2026 (the seats target), sales in $ and € summing to a cent either side of 5 000 and
 * 15 000, clients whose sixth paid month completes on the review day or the day after with
 * 400 / 1 000 seats, bonuses used on orders of about $10, penalties and EUR rates by day.
 */
import fc from 'fast-check';
import type { Artifact } from '../../runtime/ir.js';
import type { Case } from '../../test/runtime/differential-inputs.js';
import { isoAt, pick, maybe, mostly, compact, readingsOf } from './inputs.js';

const DAY = 86_400_000;
const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const shift = (iso: string, k: number) => new Date(utcDay(iso) + k * DAY).toISOString().slice(0, 10);
const ACCEPTED = ['2024-02-29', '2024-03-01', '2024-12-31', '2025-01-01', '2023-06-15', '2025-02-28', '2024-10-15'];

export function partnerIntlCases(a: Artifact): fc.Arbitrary<Case> {
  return pick(ACCEPTED).chain((accepted) => {
    /** A day some way after acceptance, or exactly on a year, half a year or 90 days from it (± 1). */
    const after = fc.oneof(
      fc.integer({ min: -10, max: 1000 }).map((k) => shift(accepted, k)),
      fc.tuple(pick([90, 91, 365, 366, 182, 730, 731]), fc.constantFrom(-1, 0, 1)).map(([k, e]) => shift(accepted, k + e)),
      fc.tuple(pick(['2025-12-31', '2026-01-01', '2025-01-01']), fc.constantFrom(-1, 0, 1)).map(([d, e]) => shift(d, e)),
    );
    const cash = fc.oneof(
      { arbitrary: pick(['2500.00 USD', '2499.99 USD', '5000.00 USD', '4999.99 EUR', '2500.00 EUR', '10000.00 USD', '0.01 USD', '15000.00 USD', '7500.00 EUR', '10.00 USD', '10.01 USD', '9.99 EUR', '12.50 USD']), weight: 6 },
      { arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')} ${c % 3 ? 'USD' : 'EUR'}`), weight: 3 },
    );
    const order = fc.record({
      order_id: pick(['o1', 'o2', 'o3', 'o4']), paid_at: after, net_amount: cash, partner_discount_pct: pick(['40%', '20%', '50%', '0%', '40%']),
      client_id: pick(['c1', 'c2', 'c3']), product_kind: pick(['cloud_subscription', 'cloud_subscription', 'onprem_key', 'onprem_edition_upgrade', 'archived_cloud_plan', 'other']),
      new_client: maybe(mostly(4), 1.3), client_account_url: maybe(pick(['https://c1.bitrix24.com']), 1.3), for_partner_own_use: maybe(fc.boolean(), 5),
      excluded_as_affiliate: maybe(fc.boolean(), 6), refunded: maybe(fc.boolean(), 6), use_bonus: maybe(mostly(3), 1.5),
    }).map(compact);
    const subscription = fc.record({ start: after, end: maybe(after, 3), included_user_limit: maybe(pick([400, 1000, 399, 999, 50, 600]), 5) }).map(compact);
    const client = fc.record({ client_id: pick(['c1', 'c2', 'c3']), had_paid_before: mostly(4).map((x) => !x), excluded_as_affiliate: maybe(fc.boolean(), 6), subscriptions: fc.array(subscription, { maxLength: 2 }) }).map(compact);
    const bonus = fc.record({
      grant_id: pick(['b1', 'b2', 'b3']), kind: pick(['kickstart', 'award']), amount: fc.oneof(pick(['500.00 USD', '1000.00 USD', '999.99 EUR', '5000.00 USD', '20.00 USD']), cash),
      credited_on: after, cancelled_on: maybe(after, 6),
    }).map(compact);
    const penalty = fc.record({
      penalty_id: pick(['x1', 'x2']), measure: pick(['status_downgrade', 'status_termination', 'profile_block', 'profile_block']), decided_on: after,
      to_status: maybe(pick(['bronze', 'silver', 'cancelled', 'gold']), 2), until: maybe(after, 2),
    }).map(compact);
    /** Mostly in time for the Bronze requirements; day 91 and any later day now and then. */
    const day90 = fc.oneof({ arbitrary: pick([0, 10, 30, 89, 90]).map((k) => shift(accepted, k)), weight: 16 }, { arbitrary: fc.constant(shift(accepted, 91)), weight: 1 }, { arbitrary: after, weight: 1 });
    const grant = fc.record({ status: pick(['silver', 'silver', 'gold']), granted_on: after });
    const partner = fc.record({
      partner_id: fc.constant('Q1'), is_it_legal_entity: mostly(), application_submitted_at: fc.constantFrom(shift(accepted, -10), '2019-12-31', '2020-01-01'), accepted_at: fc.constant(accepted),
      registered_at: maybe(fc.constant(shift(accepted, -20)), 2), home_country: fc.constant('DE'), agreement_terminated_on: maybe(after, 8),
      tutorial_completed_at: maybe(day90, 1.05),
      sales_course_completed_at: maybe(after, 2), marketing_course_completed_at: maybe(after, 2),
      nfr_cloud_claimed_at: maybe(day90, 1.05),
      website_endorsement: maybe(fc.boolean(), 2), social_endorsement: maybe(fc.boolean(), 2), first_line_support: maybe(fc.boolean(), 2),
      status_grants: fc.array(grant, { maxLength: 2 }), penalties: fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(penalty, { maxLength: 2 }), weight: 1 }),
    }).map(compact);
    const fx = fc.oneof(
      { arbitrary: fc.constant([{ from: '2020-01-01', currency: 'EUR', usd: '1.08' }, { from: '2025-06-01', currency: 'EUR', usd: '1.1' }]), weight: 5 },
      { arbitrary: fc.array(fc.record({ from: fc.oneof(after, fc.constant('2020-01-01')), currency: pick(['EUR', 'EUR', 'GBP']), usd: pick(['1.08', 1.1, '0.95', '1', '0']) }), { maxLength: 3 }), weight: 1 },
    );
    const input = fc.record({
      partner, store_orders: fc.array(order, { maxLength: 8 }), clients: fc.array(client, { maxLength: 3 }),
      points_ledger: maybe(fc.constant([{ allocated_on: accepted, points: '10 point', activity: 'sale' }]), 3).map((x) => x ?? []),
      bonus_grants: fc.array(bonus, { maxLength: 3 }), nfr_grants: fc.constant([]),
      info_requests: maybe(fc.constant([{ request_id: 'r1', channel: 'email', dispatched_at: `${accepted}T10:00:00Z` }]), 4).map((x) => x ?? []),
      lead_locations: fc.constant(['DE']), price_change_notice_on: maybe(fc.constant(accepted), 4), fx_rates: fx,
    }).map(compact);
    const asOf = fc.tuple(after, fc.integer({ min: 0, max: 86_399 }), pick(['Z', '+02:00', '-05:00'])).map(([d, s, o]) => isoAt(utcDay(d) + s * 1000, o));
    return fc.record({ input, asOf, readings: readingsOf(a) });
  });
}
