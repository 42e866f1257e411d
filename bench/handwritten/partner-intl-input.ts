/**
 * The partner-intl input read once into typed fields, refusing what the program's schema
 * refuses (every field, also those the status and discount never read), and the readings
 * in force with the program's defaults.
 */
import { type D, Refused, obj, req, opt, names, readingsIn, list, bool, text, integer, oneOf, moneyOf, unitAmount, percent, decimal, date, instant } from './common.js';

const set = names;
const F = {
  input: set('partner', 'store_orders', 'clients', 'points_ledger', 'bonus_grants', 'nfr_grants', 'info_requests', 'lead_locations', 'price_change_notice_on', 'fx_rates'),
  partner: set('partner_id', 'is_it_legal_entity', 'application_submitted_at', 'accepted_at', 'registered_at', 'home_country', 'agreement_terminated_on', 'tutorial_completed_at',
    'sales_course_completed_at', 'marketing_course_completed_at', 'nfr_cloud_claimed_at', 'website_endorsement', 'social_endorsement', 'first_line_support',
    'marketing_plan_1_2y', 'case_study', 'webinar_or_video_30_40min', 'status_grants', 'penalties'),
  grant: set('status', 'granted_on'), penalty: set('penalty_id', 'measure', 'decided_on', 'to_status', 'until'),
  order: set('order_id', 'paid_at', 'net_amount', 'partner_discount_pct', 'client_id', 'product_kind', 'new_client', 'client_account_url', 'for_partner_own_use', 'excluded_as_affiliate', 'refunded', 'use_bonus'),
  subscription: set('start', 'end', 'included_user_limit'), client: set('client_id', 'had_paid_before', 'excluded_as_affiliate', 'subscriptions'),
  lot: set('allocated_on', 'points', 'activity', 'cancelled'), bonus: set('grant_id', 'kind', 'amount', 'credited_on', 'cancelled_on'),
  nfr: set('grant_id', 'kind', 'granted_on'), request: set('request_id', 'channel', 'dispatched_at', 'received_at', 'answered_at'), fx: set('from', 'currency', 'usd'),
};
const E = {
  granted: set('silver', 'gold'), status: set('bronze', 'silver', 'gold', 'cancelled'), measure: set('status_downgrade', 'status_termination', 'profile_block'),
  product: set('cloud_subscription', 'onprem_key', 'onprem_edition_upgrade', 'onprem_maintenance_renewal', 'archived_cloud_plan', 'other'),
  activity: set('sale', 'project', 'marketplace_app', 'training_support', 'marketing'), bonus: set('kickstart', 'award'), nfr: set('cloud', 'onprem_key'),
  channel: set('dashboard', 'email', 'phone'),
};
const CURRENCIES = set('USD', 'EUR');
const cash = (v: unknown) => moneyOf(v, CURRENCIES, 2);

export type Status = 'bronze' | 'silver' | 'gold' | 'cancelled';
export interface Money { a: D; c: string }
export interface Order { id: string; paidOn: number; net: Money; discount: D; kind: string; newClient: boolean | null; url: string | null; ownUse: boolean | null; affiliate: boolean | null; refunded: boolean | null; useBonus: boolean | null }
export interface Client { hadPaid: boolean; affiliate: boolean | null; subscriptions: { start: number; end: number | null; limit: number | null }[] }
export interface Bonus { id: string; kind: string; amount: Money; credited: number; cancelled: number | null }
export interface Penalty { measure: string; on: number; to: Status | null; until: number | null }
export interface Input {
  accepted: number; terminated: number | null; tutorial: number | null; nfrClaimed: number | null;
  grants: { status: Status; on: number }[]; penalties: Penalty[];
  orders: Order[]; clients: Client[]; bonuses: Bonus[]; fx: { from: number; currency: string; usd: D }[];
}

/** Reads and checks the whole input; keeps what the status, the discount and the bonus balance need. */
export function readPartnerIntl(raw: unknown): Input {
  const i = obj(raw, F.input);
  const p = req(i, 'partner', (v) => obj(v, F.partner));
  req(p, 'partner_id', text); req(p, 'is_it_legal_entity', bool); req(p, 'application_submitted_at', date); opt(p, 'registered_at', date); req(p, 'home_country', text);
  for (const k of ['sales_course_completed_at', 'marketing_course_completed_at']) opt(p, k, date);
  for (const k of ['website_endorsement', 'social_endorsement', 'first_line_support', 'marketing_plan_1_2y', 'case_study', 'webinar_or_video_30_40min']) opt(p, k, bool);
  const input: Input = {
    accepted: req(p, 'accepted_at', date), terminated: opt(p, 'agreement_terminated_on', date), tutorial: opt(p, 'tutorial_completed_at', date), nfrClaimed: opt(p, 'nfr_cloud_claimed_at', date),
    grants: req(p, 'status_grants', list).map((x) => { const g = obj(x, F.grant); return { status: req(g, 'status', (v) => oneOf(v, E.granted)) as Status, on: req(g, 'granted_on', date) }; }),
    penalties: req(p, 'penalties', list).map((x) => {
      const q = obj(x, F.penalty);
      req(q, 'penalty_id', text);
      return { measure: req(q, 'measure', (v) => oneOf(v, E.measure)), on: req(q, 'decided_on', date), to: opt(q, 'to_status', (v) => oneOf(v, E.status)) as Status | null, until: opt(q, 'until', date) };
    }),
    orders: req(i, 'store_orders', list).map((x) => {
      const o = obj(x, F.order);
      req(o, 'client_id', text);
      return {
        id: req(o, 'order_id', text), paidOn: req(o, 'paid_at', date), net: req(o, 'net_amount', cash), discount: req(o, 'partner_discount_pct', percent), kind: req(o, 'product_kind', (v) => oneOf(v, E.product)),
        newClient: opt(o, 'new_client', bool), url: opt(o, 'client_account_url', text), ownUse: opt(o, 'for_partner_own_use', bool), affiliate: opt(o, 'excluded_as_affiliate', bool),
        refunded: opt(o, 'refunded', bool), useBonus: opt(o, 'use_bonus', bool),
      };
    }),
    clients: req(i, 'clients', list).map((x) => {
      const c = obj(x, F.client);
      req(c, 'client_id', text);
      return {
        hadPaid: req(c, 'had_paid_before', bool), affiliate: opt(c, 'excluded_as_affiliate', bool),
        subscriptions: req(c, 'subscriptions', list).map((y) => { const s = obj(y, F.subscription); return { start: req(s, 'start', date), end: opt(s, 'end', date), limit: opt(s, 'included_user_limit', integer) }; }),
      };
    }),
    bonuses: [], fx: [],
  };
  for (const x of req(i, 'points_ledger', list)) { const l = obj(x, F.lot); req(l, 'allocated_on', date); req(l, 'points', (v) => unitAmount(v, 'point')); req(l, 'activity', (v) => oneOf(v, E.activity)); opt(l, 'cancelled', bool); }
  input.bonuses = req(i, 'bonus_grants', list).map((x) => {
    const g = obj(x, F.bonus);
    return { id: req(g, 'grant_id', text), kind: req(g, 'kind', (v) => oneOf(v, E.bonus)), amount: req(g, 'amount', cash), credited: req(g, 'credited_on', date), cancelled: opt(g, 'cancelled_on', date) };
  });
  for (const x of req(i, 'nfr_grants', list)) { const g = obj(x, F.nfr); req(g, 'grant_id', text); req(g, 'kind', (v) => oneOf(v, E.nfr)); req(g, 'granted_on', date); }
  for (const x of req(i, 'info_requests', list)) {
    const r = obj(x, F.request);
    req(r, 'request_id', text); req(r, 'channel', (v) => oneOf(v, E.channel)); req(r, 'dispatched_at', instant); opt(r, 'received_at', instant); opt(r, 'answered_at', instant);
  }
  req(i, 'lead_locations', list).forEach(text);
  opt(i, 'price_change_notice_on', date);
  input.fx = req(i, 'fx_rates', list).map((x) => { const r = obj(x, F.fx); return { from: req(r, 'from', date), currency: req(r, 'currency', text), usd: req(r, 'usd', decimal) }; });
  // one rate per currency and day: a second one is a contradiction in the input
  const seen = new Set<string>();
  for (const x of input.fx) { const k = `${x.from} ${x.currency}`; if (seen.has(k)) throw new Refused('RB-E-INPUT', 'two rates of one currency in force from one day'); seen.add(k); }
  return input;
}

export interface Readings { fx: string; bonusFunded: string; zeroDiscount: string; seatsEffective: string; tests: string; downgrade: string }
const READINGS: Record<string, ReadonlySet<string>> = {
  fx: set('parity', 'operator_rates'), prequal_window: set('trailing', 'any'), bonus_funded_sales: set('counted', 'not_counted'), zero_discount_orders: set('not_counted', 'counted'),
  gold_sales_basis: set('as_silver_only'), seats_effective: set('b_years_starting_2026', 'a_reviews_from_2026', 'c_seats_from_2026'), seat_counting: set('sixth_month_year'),
  maintenance_tests: set('sales_and_seats', 'sales_only'), downgrade_target: set('highest_met', 'one_step'), bronze_anchor: set('approval_day_90_inclusive'),
  points_window: set('one_year_inclusive'), kickstart_validity: set('from_acceptance'), minimum_payment: set('net_minus_10'), bonus_stacking: set('earliest_expiring_first'),
  award_expiry: set('end_of_credit_year'), nfr_extension: set('six_months'), deadline_days: set('calendar_days'), discount_scope: set('store_products'),
};

/** The readings in force: the program's defaults unless named. */
export function readReadings(r: Record<string, string> | undefined): Readings {
  const get = readingsIn(r, READINGS);
  return {
    fx: get('fx', 'parity'), bonusFunded: get('bonus_funded_sales', 'counted'), zeroDiscount: get('zero_discount_orders', 'not_counted'),
    seatsEffective: get('seats_effective', 'b_years_starting_2026'), tests: get('maintenance_tests', 'sales_and_seats'), downgrade: get('downgrade_target', 'highest_met'),
  };
}
