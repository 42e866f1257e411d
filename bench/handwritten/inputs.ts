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

const MIN = 60_000, HOUR = 60 * MIN;
const OFFSETS = ['Z', '+05:00', '+06:00', '+03:00', '-05:00'] as const;

/** An instant as ISO text written in the given offset. */
export function isoAt(ms: number, offset: string): string {
  const minutes = offset === 'Z' ? 0 : (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return `${new Date(ms + minutes * MIN).toISOString().slice(0, 19)}${offset}`;
}

const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Around local midnight of the given days (zone offset `hours` east of UTC), a minute either side, or anywhere on the day. */
function nearMidnight(days: string[], hours: (ms: number) => number): fc.Arbitrary<number> {
  return fc.tuple(fc.constantFrom(...days), fc.constantFrom(-1, 0, 1), fc.oneof(fc.constantFrom(-MIN, 0, MIN, -HOUR, 12 * HOUR), fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => m * MIN)))
    .map(([d, shift, within]) => { const local = utcDay(d) + shift * 86_400_000 + within; return local - hours(local) * HOUR; });
}
const text = (ms: fc.Arbitrary<number>) => fc.tuple(ms, fc.constantFrom(...OFFSETS)).map(([t, o]) => isoAt(t, o));
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
/** Present about once in `every` draws (else left out). */
const maybe = <T>(a: fc.Arbitrary<T>, every = 3) => fc.oneof({ arbitrary: fc.constant(undefined), weight: Math.round(10 * (every - 1)) }, { arbitrary: a, weight: 10 });
const mostly = (every = 8) => fc.oneof({ arbitrary: fc.constant(true), weight: every - 1 }, { arbitrary: fc.constant(false), weight: 1 });
/** Leaves out the fields whose value is undefined, as a JSON input would. */
const compact = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
function readingsOf(a: Artifact): fc.Arbitrary<Record<string, string>> {
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
const PRODUCTS = ['cms', 'b24_box', 'b24_cloud', 'sip_connector'];
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
