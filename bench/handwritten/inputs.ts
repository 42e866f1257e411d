/**
 * Inputs aimed at where a decision can go wrong, added to the differential generator's
 * cases: instants a minute either side of local midnight in the program's zone (and
 * across Almaty's 1 March 2024 change from UTC+6 to UTC+5), leap days and 3-year
 * anniversaries of them, and amounts around the thresholds (a 35% that ends in half a
 * tenge, an other discount equal to the promotion's value ±1, the Boost's 576 000 KZT).
 */
import fc from 'fast-check';
import type { Artifact } from '../../runtime/ir.js';
import type { Case } from '../../test/runtime/differential-inputs.js';

export const MIN = 60_000, HOUR = 60 * MIN;
export const OFFSETS = ['Z', '+05:00', '+06:00', '+03:00', '-05:00'] as const;

/** An instant as ISO text written in the given offset. */
export function isoAt(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * MIN).toISOString().slice(0, 19)}${offset}`;
}

const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Around local midnight of the given days (zone offset `hours` east of UTC), a minute either side, or anywhere on the day. */
export function nearMidnight(days: string[], hours: (ms: number) => number): fc.Arbitrary<number> {
  return fc.tuple(fc.constantFrom(...days), fc.constantFrom(-1, 0, 1), fc.oneof(fc.constantFrom(-MIN, 0, MIN, -HOUR, 12 * HOUR), fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => m * MIN)))
    .map(([d, shift, within]) => { const local = utcDay(d) + shift * 86_400_000 + within; return local - hours(local) * HOUR; });
}
export const text = (ms: fc.Arbitrary<number>) => fc.tuple(ms, fc.constantFrom(...OFFSETS)).map(([t, o]) => isoAt(t, o));
export const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** Present about once in `every` draws (else left out). */
export const maybe = <T>(a: fc.Arbitrary<T>, every = 3) => fc.oneof({ arbitrary: fc.constant(undefined), weight: Math.round(10 * (every - 1)) }, { arbitrary: a, weight: 10 });
export const mostly = (every = 8) => fc.oneof({ arbitrary: fc.constant(true), weight: every - 1 }, { arbitrary: fc.constant(false), weight: 1 });
/** Leaves out the fields whose value is undefined, as a JSON input would. */
export const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
export function readingsOf(a: Artifact): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(...a.readings.map((r) => fc.oneof(fc.constant(r.default), pick(r.options.map((o) => o.name))))).map((xs) => Object.fromEntries(a.readings.map((r, i) => [r.name, xs[i]!])));
}

// ------------------------------------------------------------------ promo-kz (Asia/Almaty)

/** Almaty: UTC+6 until 2024-03-01 00:00 local (2024-02-29T18:00Z), UTC+5 since. */
const almatyHours = (localMs: number) => (localMs < Date.UTC(2024, 2, 1) ? 6 : 5);
const KZ_DAYS = ['2025-07-28', '2025-08-31', '2025-07-24', '2025-07-25', '2025-01-01', '2025-06-30', '2025-08-15', '2024-03-01', '2024-02-29', '2025-09-01'];
const kzInstantMs = fc.oneof(
  { arbitrary: nearMidnight(KZ_DAYS, almatyHours), weight: 4 },
  { arbitrary: fc.integer({ min: Date.UTC(2025, 6, 1), max: Date.UTC(2025, 9, 1) }), weight: 2 },
  // the hour Almaty lived twice when it moved to UTC+5
  { arbitrary: pick([Date.UTC(2024, 1, 29, 17, 59), Date.UTC(2024, 1, 29, 18, 0), Date.UTC(2024, 1, 29, 18, 59), Date.UTC(2024, 1, 29, 19, 0)]), weight: 1 },
);
const kzInstant = text(kzInstantMs);
/** Mostly inside the promotion (28.07–31.08.2025 Astana time), its first and last minutes included. */
const kzInstantIn = fc.oneof(
  { arbitrary: text(fc.integer({ min: Date.UTC(2025, 6, 27, 19), max: Date.UTC(2025, 7, 31, 18, 59) })), weight: 6 },
  { arbitrary: text(nearMidnight(['2025-07-28', '2025-09-01'], almatyHours)), weight: 1 },
  { arbitrary: kzInstant, weight: 1 },
);
const kzDate = fc.tuple(pick(['2025-08-31', '2025-06-29', '2025-06-30', '2025-07-01', '2025-09-30', '2025-12-31', '2024-02-29', '2025-08-29', '2025-07-28']), fc.constantFrom(-1, 0, 0, 1))
  .map(([d, k]) => new Date(utcDay(d) + k * 86_400_000).toISOString().slice(0, 10));
const kzt = (n: number) => `${n} KZT`;
const SHAPES: [string, string, string[]][] = [
  ['cms', 'new_license', ['start', 'standard', 'small_business', 'business']], ['cms', 'transition', ['standard', 'small_business', 'business', 'online_store_crm']],
  ['b24_box', 'transition', ['online_store_crm', 'corporate_portal']], ['b24_box', 'new_license', ['online_store_crm', 'corporate_portal']],
  ['b24_cloud', 'purchase', ['basic', 'standard', 'professional', 'enterprise']], ['b24_cloud', 'upgrade', ['standard', 'professional', 'enterprise']],
  ['b24_cloud', 'renewal', ['standard', 'professional', 'enterprise']], ['b24_cloud', 'new_license', ['enterprise', 'professional']],
];
const EDITIONS = ['start', 'standard', 'small_business', 'business', 'enterprise', 'online_store_crm', 'corporate_portal', 'basic', 'professional'];
/** Prices whose 15/20/25/35/40% end in half a tenge or are whole, and ordinary ones. */
const listPrice = fc.oneof(pick([0, 1, 2, 10, 30, 50, 70, 90, 99, 100, 101, 110, 1_000_000, 576_000, 1_645_714, 1_440_000]), fc.integer({ min: 0, max: 5_000_000 }), fc.integer({ min: 1, max: 99 }).map((x) => x * 10 + 5));

export function promoCases(a: Artifact): fc.Arbitrary<Case> {
  const participant = fc.record({
    id: fc.constant('BIN-1'), kind: pick(['legal_entity', 'legal_entity', 'individual_entrepreneur', 'natural_person']), is_kazakhstani: mostly(),
    age_years: maybe(pick([17, 18, 19, 45]), 1.5), fully_capable: maybe(mostly(3), 2), business_purpose: mostly(), has_valid_license: fc.boolean(),
    info_received_at: maybe(kzDate, 2), opted_out_at: maybe(kzInstant, 12), excluded_at: maybe(kzInstant, 12),
    other_promotions: maybe(fc.array(fc.record({ promo_id: fc.constant('P-2'), joined_at: kzInstant }), { maxLength: 2 }), 6),
  }).map(compact);
  const history = fc.array(fc.record({ product: pick(['b24_cloud', 'b24_cloud', 'b24_box', 'cms']), paid: mostly(3), term_months: pick([1, 12, 24]), purchased_at: kzInstant }), { maxLength: 4 });
  const cloud = fc.record({ plan: pick(['free', 'free', 'basic', 'standard', 'professional', 'enterprise']), free_since: maybe(kzDate, 1.5), free_reason: maybe(pick(['never_paid', 'commercial_expired', 'commercial_expired', 'voluntary']), 1.5) }).map(compact);
  const order = fc.tuple(listPrice, fc.constantFrom(15, 20, 25, 35, 40), fc.constantFrom(-1, 0, 1, 576_000, 575_999)).chain(([price, rate, delta]) => {
    // another discount worth the promotion's discount (plus the Boost's) to the tenge, ±1
    const near = Math.max(0, Math.round((price * rate) / 100) + delta);
    const discount = fc.record({ source: fc.constant('coupon'), pct: maybe(pick(['35%', '40%', '35.5%', '20%', '100%', '0%']), 2), amount: maybe(fc.oneof(fc.constant(kzt(near)), listPrice.map(kzt)), 2) }).map(compact);
    // the product, transaction and edition of a row of the decision table, or any
    const shape = fc.oneof(
      fc.record({ product: pick(['b24_cloud', 'b24_cloud', 'cms', 'b24_box', 'sip_connector']), transaction: pick(['new_license', 'transition', 'renewal', 'upgrade', 'purchase']), to_edition_or_plan: maybe(pick(EDITIONS), 1.1) }),
      pick(SHAPES).chain(([product, transaction, editions]) => fc.record({ product: fc.constant(product), transaction: fc.constant(transaction), to_edition_or_plan: pick(editions) })),
    );
    return fc.tuple(shape, fc.record({
      order_id: pick(['O-1', 'O-2']), created_at: kzInstantIn, paid_at: kzInstantIn,
      from_product: maybe(pick(['cms', 'cms', 'b24_box', 'b24_cloud']), 1.5), from_edition: maybe(pick(['business', 'business', 'standard', 'start']), 1.5), from_license_purchased_at: maybe(kzInstant, 1.5),
      term_months: maybe(pick([1, 12, 12, 12, 24]), 1.2), list_price: fc.constant(kzt(price)), is_franchise_edition: maybe(fc.constantFrom(false, false, true), 2),
      other_discounts: maybe(fc.array(discount, { minLength: 1, maxLength: 3 }), 2), auto_renewal_enabled: maybe(fc.boolean(), 2),
    })).map(([sh, rest]) => compact({ ...rest, ...sh }));
  });
  const boost = fc.record({
    order_id: pick(['O-1', 'O-2', 'B-9']), linked_enterprise_order_id: maybe(pick(['O-1', 'O-2']), 2), created_at: kzInstantIn, paid_at: kzInstantIn,
    term_months: pick([12, 12, 1]), list_price: fc.oneof(pick([575_999, 576_000, 576_001, 0, 1_000_000]), fc.integer({ min: 0, max: 2_000_000 })).map(kzt),
  }).map(compact);
  const input = fc.record({
    participant, license_history: maybe(history, 4), cloud_state: maybe(cloud, 4), order, boost: maybe(boost, 2),
    period_changes: maybe(fc.array(fc.record({ published_at: kzInstant, new_end: kzDate }), { minLength: 1, maxLength: 3 }), 6),
    stopped_at: maybe(kzInstant, 10), suspensions: maybe(fc.array(fc.record({ starts_at: kzInstant, ends_at: kzInstant }), { minLength: 1, maxLength: 2 }), 6),
    rewards_provided_on: maybe(kzDate, 3),
  }).map(compact);
  // half the cases: a participant that meets §1.2.3 and §5.1, no exclusion, no change of the period, so the
  // decision table, the stacking and the Boost decide (the general cases mostly stop at a requirement)
  const clean = fc.record({
    participant: fc.record({ id: fc.constant('BIN-2'), kind: pick(['legal_entity', 'individual_entrepreneur']), is_kazakhstani: fc.constant(true), business_purpose: fc.constant(true), has_valid_license: mostly(3), info_received_at: maybe(kzDate, 2) }).map(compact),
    license_history: maybe(history, 1.5), cloud_state: maybe(cloud, 1.5), order, boost: maybe(boost, 1.5), rewards_provided_on: maybe(kzDate, 3),
  }).map(compact);
  return fc.record({ input: fc.oneof(input, clean), readings: readingsOf(a) }).map((c) => ({ ...c, asOf: undefined }));
}

// ------------------------------------------------------------------ referral bonus (Europe/Moscow)

const moscowHours = () => 3;
/** Paid around the 2025/2026 cut-off (Moscow and UTC midnights) or around a 3-year anniversary. */
const REG_DAYS = ['2023-02-28', '2023-03-01', '2022-12-31', '2023-01-01', '2024-02-29', '2023-06-15', '2022-11-30'];

export function referralBonusCases(a: Artifact): fc.Arbitrary<Case> {
  const registered = nearMidnight(REG_DAYS, moscowHours);
  // odd kopecks make 50% and 20% end in half a kopeck; the largest amounts keep every digit
  const cents = fc.oneof(pick([0n, 1n, 5n, 199n, 2599n, 2501n, 999_999n, 1_000_000n]), fc.bigInt({ min: 0n, max: 10_000_000n }), fc.bigInt({ min: 0n, max: 10n ** 20n }));
  const rub = cents.map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')} RUB`);
  const input = registered.chain((reg) => {
    const regDay = new Date(reg + 3 * HOUR).toISOString().slice(0, 10);
    const [y, m, d] = regDay.split('-').map(Number) as [number, number, number];
    const anniversary = `${y + 3}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const aDay = Number.isNaN(Date.parse(`${anniversary}T00:00:00Z`)) || new Date(`${anniversary}T00:00:00Z`).getUTCDate() !== d ? `${y + 3}-02-28` : anniversary;
    const paid = fc.oneof(
      nearMidnight([aDay, '2026-01-01', '2025-12-31'], moscowHours),
      pick([Date.UTC(2025, 11, 31, 23, 59), Date.UTC(2026, 0, 1, 0, 0), Date.UTC(2025, 11, 31, 20, 59), Date.UTC(2025, 11, 31, 21, 0)]),
    );
    return fc.record({
      purchase: fc.record({ paid_at: text(paid), amount: rub, vat: maybe(rub, 2), item_type: mostly(6).map((x) => (x ? 'cloud_paid_plan' : 'other_payment')), seller: mostly(6).map((x) => (x ? 'bitrix_direct' : 'other')) }).map(compact),
      client_registered_at: fc.tuple(fc.constant(reg), fc.constantFrom(...OFFSETS)).map(([t, o]) => isoAt(t, o)),
      client_country: maybe(pick(['RU', 'RU', 'KZ', '']), 3), attributed: mostly(4), earlier_attributed_purchase: fc.boolean(),
    }).map(compact);
  });
  return fc.record({ input, readings: readingsOf(a) }).map((c) => ({ ...c, asOf: undefined }));
}

// ------------------------------------------------------------------ referral-ru, the whole program

const moscowInstant = (days: string[]) => text(fc.oneof(nearMidnight(days, moscowHours), fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 5, 30) })));
const ruDate = fc.integer({ min: Date.UTC(2025, 0, 1) / 86_400_000, max: Date.UTC(2026, 11, 20) / 86_400_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));

/**
 * One partner (P1) and a competitor (P2) around two clients: registrations near the
 * 2025/2026 cut-off and month ends (the activity month), binding events of every tool for
 * those clients (the same instant now and then), purchases with odd kopecks, conversions,
 * annulments and acts, and an evaluation instant mostly after all of it.
 */
export function referralCases(a: Artifact): fc.Arbitrary<Case> {
  const clientIds = pick(['c1', 'c1', 'c2', 'c3']);
  const regAt = moscowInstant(['2025-12-31', '2026-01-01', '2025-01-31', '2024-02-29', '2025-11-30', '2025-03-15']);
  const users = fc.array(fc.record({ date: ruDate, intranet_users: pick([2, 3, 4, 5, 10]) }), { maxLength: 3 });
  const client = fc.record({ client_id: clientIds, registered_at: regAt, country: maybe(pick(['RU', 'RU', 'KZ']), 4), had_cloud_portal_before: maybe(fc.boolean(), 3), intranet_users: users, active_use_confirmed: maybe(mostly(3), 1.2) }).map(compact);
  const at = moscowInstant(['2025-12-31', '2026-01-01', '2025-06-01', '2025-02-01']);
  const event = fc.record({
    event_id: pick(['e1', 'e2', 'e3', 'e4']), client_id: clientIds, partner_id: pick(['P1', 'P1', 'P2']),
    tool: pick(['referral_link', 'referral_link', 'promo_code', 'personal_purchase_link', 'invoice_payment', 'nfr_link', 'migrator']),
    at: fc.oneof({ arbitrary: at, weight: 3 }, { arbitrary: regAt, weight: 1 }), plan_change: maybe(pick(['free_to_paid', 'upgrade', 'other']), 1.5), link_id: maybe(pick(['L1', 'L2']), 1.5),
  }).map(compact);
  const cents = fc.oneof(pick([1n, 5n, 2599n, 1_000_001n, 999_999_999n]), fc.bigInt({ min: 0n, max: 100_000_000n }));
  const rub = cents.map((c) => `${c / 100n}.${String(c % 100n).padStart(2, '0')} RUB`);
  const purchase = fc.record({
    purchase_id: pick(['p1', 'p2', 'p3']), client_id: clientIds, paid_at: at, amount: rub, vat: maybe(rub, 3),
    item_type: mostly(6).map((x) => (x ? 'cloud_paid_plan' : 'other_payment')), seller: mostly(6).map((x) => (x ? 'bitrix_direct' : 'other')), refunded_at: maybe(at, 6),
  }).map(compact);
  const bonus = fc.oneof(pick(['5000 bonus', '100 bonus', '4999.99 bonus', '0.5 bonus']), fc.integer({ min: 0, max: 20_000 }).map((n) => `${n} bonus`));
  const act = fc.record({ act_id: pick(['A1', 'A2']), received_on: ruDate, invoice_received_on: maybe(ruDate, 2), signed_on: maybe(ruDate, 1.5), rejected_on: maybe(ruDate, 4) }).map(compact);
  const input = fc.record({
    partner: fc.record({
      partner_id: fc.constant('P1'), legal_form: pick(['legal_entity', 'legal_entity', 'individual_entrepreneur', 'other']), country: pick(['RU', 'RU', 'RU', 'KZ']),
      contract_concluded_on: maybe(ruDate, 1.3), contract_terminated_on: maybe(ruDate, 5), vat_payer: fc.boolean(),
    }).map(compact),
    clients: fc.array(client, { maxLength: 3 }), binding_events: fc.array(event, { maxLength: 5 }), purchases: fc.array(purchase, { maxLength: 4 }),
    conversions: maybe(fc.array(fc.record({ requested_at: at, bonuses: bonus, act_id: maybe(pick(['A1', 'A2']), 1.5) }).map(compact), { maxLength: 2 }), 2),
    annulments: maybe(fc.array(fc.record({ decided_on: ruDate, bonuses: bonus }), { maxLength: 2 }), 4),
    acts: maybe(fc.array(act, { maxLength: 2 }), 2),
  }).map(compact);
  const asOf = fc.oneof({ arbitrary: moscowInstant(['2026-06-30', '2026-01-01', '2025-12-31']), weight: 1 }, { arbitrary: text(fc.integer({ min: Date.UTC(2026, 3, 1), max: Date.UTC(2026, 11, 1) })), weight: 3 });
  return fc.record({ input, asOf, readings: readingsOf(a) });
}

// ------------------------------------------------------------------ atrealt

/**
 * One payment of client k1 to partner P1: pinning requests of P1 and P2 decided before or
 * after the invoice, a payment received around Moscow midnight before the New Year and
 * May holidays (the 3-business-day deadline), a transfer around that deadline, the client
 * charged the list total to the kopeck or a kopeck off, terms of 0.5 to 12 months, and
 * breaches established on the same day, a day apart or after the evaluation day.
 */
export function atrealtCases(a: Artifact): fc.Arbitrary<Case> {
  const received = nearMidnight(['2025-12-30', '2025-12-31', '2025-04-30', '2025-05-08', '2025-06-11', '2025-10-15'], moscowHours);
  return received.chain((recv) => {
    const around = (base: number) => fc.integer({ min: -3 * 86_400, max: 8 * 86_400 }).map((s) => base + s * 1000);
    const instantNear = (base: number) => text(around(base));
    const day = (base: number, k: number) => new Date(base + 3 * HOUR + k * 86_400_000).toISOString().slice(0, 10);
    const pin = fc.record({
      client_id: pick(['k1', 'k1', 'k1', 'k2']), partner_id: pick(['P1', 'P1', 'P1', 'P2']), requested_at: instantNear(recv - 5 * 86_400_000),
      decision: pick(['approved', 'approved', 'approved', 'refused', 'pending']), decided_at: maybe(instantNear(recv - 6 * 86_400_000), 1.2),
      refusal_reason: maybe(pick(['other_partner_negotiation', 'direct_negotiation']), 2), unpinned_at: maybe(instantNear(recv), 5),
    }).map(compact);
    const sale = fc.tuple(fc.integer({ min: 1, max: 20 }), pick(['1', '12', '1.5', '0.5', '3', 6]), fc.integer({ min: 1, max: 500_000 }), fc.constantFrom(-1, 0, 0, 0, 1, 500)).chain(([q, t, price, off]) => {
      const total = BigInt(q) * BigInt(price) * BigInt(Math.round(Number(t) * 10)) / 10n; // kopecks of the list total (prices in whole kopecks)
      const paid = total + BigInt(off);
      const k = (c: bigint) => `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')} RUB`;
      return fc.record({
        sale_id: pick(['S1', 'S2']), client_id: fc.constant('k1'), app: pick(['atrealt_amocrm', 'atrealt_bitrix24', 'atrealt_crm', 'other']), quantity: fc.constant(q),
        term_months: fc.constant(t), list_price_per_unit_month: fc.constant(k(BigInt(price))), client_paid: fc.constant(k(paid)),
        setup_services_included: maybe(pick(['0.00 RUB', '1000.00 RUB']), 4), agreed_price: maybe(fc.constant(k(paid)), 5),
        client_payment_received_at: fc.constant(isoAt(recv, '+03:00')), is_renewal: fc.boolean(),
      }).map(compact);
    });
    const invoice = fc.record({ invoice_id: fc.constant('I1'), generated_at: instantNear(recv), quantity: pick([1, 2, 5]), term_months: pick(['1', '12', 1]), amount: maybe(pick(['100.00 RUB', '0.00 RUB']), 3) }).map(compact);
    const transfer = fc.record({ paid_to_atrealt_at: text(fc.integer({ min: 0, max: 10 }).map((d) => recv + d * 86_400_000)), amount: pick(['0.00 RUB', '100.00 RUB', '5000.00 RUB']) });
    const violation = fc.record({
      violation_id: pick(['v1', 'v2', 'v3']), clause: pick(['clause_1_6', 'clause_3_3', 'clause_1_2']), established_at: fc.integer({ min: -60, max: 30 }).map((k) => day(recv, k)),
      sale_id: maybe(pick(['S1', 'S2']), 3), reduced_to_base_on: maybe(fc.integer({ min: -60, max: 30 }).map((k) => day(recv, k)), 2),
    }).map(compact);
    const input = fc.record({
      partner: fc.record({ partner_id: fc.constant('P1'), registered_in_cabinet: mostly(6), current_discount_pct: maybe(pick(['25%', '30%', '15%', '20%', '22.5%']), 2), reduction_lifted_on: maybe(fc.integer({ min: -30, max: 30 }).map((k) => day(recv, k)), 5) }).map(compact),
      pinning: fc.array(pin, { minLength: 1, maxLength: 2 }), sale, invoice: maybe(invoice, 1.3), transfer: maybe(transfer, 1.5),
      violations: fc.oneof(fc.constant([]), fc.array(violation, { maxLength: 3 })),
    }).map(compact);
    const asOf = text(fc.integer({ min: 0, max: 20 * 86_400 }).map((s) => recv + s * 1000 * 60));
    return fc.record({ input, asOf, readings: readingsOf(a) });
  });
}
