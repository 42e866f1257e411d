/**
 * The promo-kz input read once into typed fields, refusing what the program's schema
 * refuses (a wrong type, an unknown field, a missing required one, money in another
 * currency or finer than the tenge's two decimals).
 */
import { type D, obj, req, opt, names, readingsIn, field, list, bool, text, integer, oneOf, money, percent, date, instant } from './common.js';

const set = names;
const PRODUCT = set('cms', 'b24_box', 'b24_cloud', 'sip_connector');
const KIND = set('legal_entity', 'individual_entrepreneur', 'natural_person');
const TRANSACTION = set('new_license', 'transition', 'renewal', 'upgrade', 'purchase');
const EDITION = set('start', 'standard', 'small_business', 'business', 'enterprise', 'online_store_crm', 'corporate_portal', 'basic', 'professional');
const PLAN = set('free', 'basic', 'standard', 'professional', 'enterprise');
const FREE_REASON = set('never_paid', 'commercial_expired', 'voluntary');

const F_INPUT = set('participant', 'license_history', 'cloud_state', 'order', 'boost', 'period_changes', 'stopped_at', 'suspensions', 'rewards_provided_on');
const F_PARTICIPANT = set('id', 'kind', 'is_kazakhstani', 'age_years', 'fully_capable', 'business_purpose', 'has_valid_license', 'info_received_at', 'opted_out_at', 'excluded_at', 'other_promotions');
const F_OTHER_PROMO = set('promo_id', 'joined_at');
const F_LICENCE = set('product', 'paid', 'term_months', 'purchased_at');
const F_CLOUD = set('plan', 'free_since', 'free_reason');
const F_DISCOUNT = set('source', 'pct', 'amount');
const F_ORDER = set('order_id', 'created_at', 'paid_at', 'product', 'transaction', 'to_edition_or_plan', 'from_product', 'from_edition', 'from_license_purchased_at', 'term_months', 'list_price', 'is_franchise_edition', 'other_discounts', 'auto_renewal_enabled');
const F_BOOST = set('order_id', 'linked_enterprise_order_id', 'created_at', 'paid_at', 'term_months', 'list_price');
const F_CHANGE = set('published_at', 'new_end');
const F_SUSPENSION = set('starts_at', 'ends_at');

const kzt = (v: unknown) => money(v, 'KZT', 2);

export interface Input {
  participant: {
    kind: string; isKazakhstani: boolean; ageYears: number | null; fullyCapable: boolean | null; businessPurpose: boolean; hasValidLicense: boolean;
    infoReceivedAt: number | null; optedOutAt: number | null; excludedAt: number | null; otherPromotions: { joinedAt: number }[];
  };
  history: { product: string; paid: boolean; termMonths: number; purchasedAt: number }[];
  cloudState: { plan: string; freeSince: number | null; freeReason: string | null } | null;
  order: {
    orderId: string; createdAt: number; paidAt: number; product: string; transaction: string; toEdition: string | null; fromProduct: string | null;
    fromEdition: string | null; fromLicensePurchasedAt: number | null; termMonths: number | null; listPrice: D; isFranchise: boolean;
    otherDiscounts: { pct: D | null; amount: D | null }[];
  };
  boost: { orderId: string; linkedOrderId: string | null; createdAt: number; paidAt: number; termMonths: number; listPrice: D } | null;
  periodChanges: { publishedAt: number; newEnd: number }[];
  stoppedAt: number | null;
  suspensions: { startsAt: number; endsAt: number }[];
  rewardsProvidedOn: number | null;
}

/** Reads and checks the whole input (every field, as the program's schema does). */
export function readOrder(raw: unknown): Input {
  const i = obj(raw, F_INPUT);
  const p = req(i, 'participant', (v) => obj(v, F_PARTICIPANT));
  const o = req(i, 'order', (v) => obj(v, F_ORDER));
  req(p, 'id', text);
  req(o, 'order_id', text);
  opt(o, 'auto_renewal_enabled', bool);
  return {
    participant: {
      kind: req(p, 'kind', (v) => oneOf(v, KIND)), isKazakhstani: req(p, 'is_kazakhstani', bool), ageYears: opt(p, 'age_years', integer),
      fullyCapable: opt(p, 'fully_capable', bool), businessPurpose: req(p, 'business_purpose', bool), hasValidLicense: req(p, 'has_valid_license', bool),
      infoReceivedAt: opt(p, 'info_received_at', date), optedOutAt: opt(p, 'opted_out_at', instant), excludedAt: opt(p, 'excluded_at', instant),
      otherPromotions: (opt(p, 'other_promotions', list) ?? []).map((x) => { const q = obj(x, F_OTHER_PROMO); req(q, 'promo_id', text); return { joinedAt: req(q, 'joined_at', instant) }; }),
    },
    history: (opt(i, 'license_history', list) ?? []).map((x) => {
      const h = obj(x, F_LICENCE);
      return { product: req(h, 'product', (v) => oneOf(v, PRODUCT)), paid: req(h, 'paid', bool), termMonths: req(h, 'term_months', integer), purchasedAt: req(h, 'purchased_at', instant) };
    }),
    cloudState: opt(i, 'cloud_state', (v) => {
      const c = obj(v, F_CLOUD);
      return { plan: req(c, 'plan', (x) => oneOf(x, PLAN)), freeSince: opt(c, 'free_since', date), freeReason: opt(c, 'free_reason', (x) => oneOf(x, FREE_REASON)) };
    }),
    order: {
      orderId: text(field(o, 'order_id')), createdAt: req(o, 'created_at', instant), paidAt: req(o, 'paid_at', instant), product: req(o, 'product', (v) => oneOf(v, PRODUCT)),
      transaction: req(o, 'transaction', (v) => oneOf(v, TRANSACTION)), toEdition: opt(o, 'to_edition_or_plan', (v) => oneOf(v, EDITION)),
      fromProduct: opt(o, 'from_product', (v) => oneOf(v, PRODUCT)), fromEdition: opt(o, 'from_edition', (v) => oneOf(v, EDITION)),
      fromLicensePurchasedAt: opt(o, 'from_license_purchased_at', instant), termMonths: opt(o, 'term_months', integer), listPrice: req(o, 'list_price', kzt),
      isFranchise: opt(o, 'is_franchise_edition', bool) ?? false,
      otherDiscounts: (opt(o, 'other_discounts', list) ?? []).map((x) => { const d = obj(x, F_DISCOUNT); req(d, 'source', text); return { pct: opt(d, 'pct', percent), amount: opt(d, 'amount', kzt) }; }),
    },
    boost: opt(i, 'boost', (v) => {
      const b = obj(v, F_BOOST);
      return {
        orderId: req(b, 'order_id', text), linkedOrderId: opt(b, 'linked_enterprise_order_id', text), createdAt: req(b, 'created_at', instant),
        paidAt: req(b, 'paid_at', instant), termMonths: req(b, 'term_months', integer), listPrice: req(b, 'list_price', kzt),
      };
    }),
    periodChanges: (opt(i, 'period_changes', list) ?? []).map((x) => { const c = obj(x, F_CHANGE); return { publishedAt: req(c, 'published_at', instant), newEnd: req(c, 'new_end', date) }; }),
    stoppedAt: opt(i, 'stopped_at', instant),
    suspensions: (opt(i, 'suspensions', list) ?? []).map((x) => { const s = obj(x, F_SUSPENSION); return { startsAt: req(s, 'starts_at', instant), endsAt: req(s, 'ends_at', instant) }; }),
    rewardsProvidedOn: opt(i, 'rewards_provided_on', date),
  };
}

export interface Readings { periodTest: string; sourceCutoff: string; lapseCutoff: string; validLicence: string; freeToPaid: string; boostLink: string; stacking: string }

const READINGS: Record<string, ReadonlySet<string>> = {
  period_test: set('both', 'paid_only'), source_cutoff: set('before_24_07', 'through_24_07'), lapse_cutoff: set('before_30_06', 'through_30_06'),
  valid_licence: set('free_or_planned', 'licence_required'), free_to_paid_upgrade: set('counts_as_upgrade', 'purchase_only'),
  boost_link: set('same_or_linked', 'same_order_only'), stacking: set('best_for_participant', 'promo_only'),
};

/** The readings in force: the program's defaults unless named. */
export function readReadings(r: Record<string, string> | undefined): Readings {
  const get = readingsIn(r, READINGS);
  return {
    periodTest: get('period_test', 'both'), sourceCutoff: get('source_cutoff', 'before_24_07'), lapseCutoff: get('lapse_cutoff', 'before_30_06'),
    validLicence: get('valid_licence', 'free_or_planned'), freeToPaid: get('free_to_paid_upgrade', 'counts_as_upgrade'),
    boostLink: get('boost_link', 'same_or_linked'), stacking: get('stacking', 'best_for_participant'),
  };
}
