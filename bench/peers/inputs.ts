/**
 * Inputs of the peer bench: the differential test's generated cases (fixed seed), steered
 * towards the decision each peer encodes. Left alone, a generated promo-kz order is nearly
 * always outside the promotion period or blocked by an exclusion, so no table row would ever be
 * compared; here most orders fall in or at the edges of the period, with no exclusion, and a
 * referral purchase often falls around the third anniversary of the registration (29 February
 * included). Readings stay at their defaults: the peers encode the inventory's readings only.
 *
 * The peers get the same inputs in their users' usual shape: amounts as JSON numbers
 * (`"1234.5 KZT"` -> 1234.5, `"12.5%"` -> 12.5), converted once before any timing.
 */
import fc from 'fast-check';
import type { Artifact } from '../../runtime/ir.js';
import { cases } from '../../test/runtime/differential-inputs.js';

type Obj = Record<string, unknown>;

/** Around the promotion's edges (28.07.2025 and 31.08.2025) and inside it, Astana or other offsets. */
const PERIOD_DAYS = ['2025-07-27', '2025-07-28', '2025-07-28', '2025-07-29', '2025-08-01', '2025-08-15', '2025-08-20', '2025-08-30', '2025-08-31', '2025-08-31', '2025-09-01'];
const OFFSETS = ['Z', '+05:00', '+03:00', '-05:00', '+05:45'];
const CLOCKS = ['00:00', '00:01', '04:59', '05:00', '12:00', '18:59', '19:00', '23:59'];

const instantAround = (days: string[]) => fc.tuple(fc.constantFrom(...days), fc.constantFrom(...CLOCKS), fc.constantFrom(...OFFSETS)).map(([d, t, o]) => `${d}T${t}:00${o}`);
/** A plain copy: the generated records are built with defineProperty, the steering assigns fields. */
const copy = (x: unknown): Obj => JSON.parse(JSON.stringify(x)) as Obj;

/** Orders shaped like the table's discount rows (product, transaction, edition, licence moved from), so each row is reached. */
const SHAPES = fc.oneof(
  fc.record({ product: fc.constant('cms'), transaction: fc.constant('new_license'), to: fc.constantFrom('start', 'standard', 'small_business', 'business', 'enterprise'), from: fc.constant(null), fromEdition: fc.constant(null) }),
  fc.record({ product: fc.constantFrom('cms', 'b24_box'), transaction: fc.constant('transition'), to: fc.constantFrom('standard', 'business', 'online_store_crm', 'corporate_portal'), from: fc.constantFrom('cms', 'b24_box', 'b24_cloud'), fromEdition: fc.constantFrom('business', 'start', null) }),
  fc.record({ product: fc.constant('b24_box'), transaction: fc.constantFrom('new_license', 'renewal'), to: fc.constantFrom('online_store_crm', 'corporate_portal', 'enterprise'), from: fc.constant(null), fromEdition: fc.constant(null) }),
  fc.record({ product: fc.constant('b24_cloud'), transaction: fc.constantFrom('purchase', 'new_license', 'upgrade', 'renewal'), to: fc.constantFrom('basic', 'standard', 'professional', 'enterprise'), from: fc.constant(null), fromEdition: fc.constant(null) }),
);

/** promo-kz: generated inputs, five in six steered into the period with no exclusion (half of those shaped like a discount row). */
export function promoCases(a: Artifact): fc.Arbitrary<Obj> {
  const steer = fc.record({
    on: fc.integer({ min: 0, max: 5 }), adult: fc.boolean(),
    created: instantAround(PERIOD_DAYS), paid: instantAround(PERIOD_DAYS),
    term: fc.constantFrom(1, 12, 12, 24), price: fc.integer({ min: 1, max: 5_000_000 }),
    source: instantAround(['2025-07-22', '2025-07-23', '2025-07-24', '2025-07-25']),
    freeSince: fc.constantFrom('2025-06-28', '2025-06-29', '2025-06-30', '2025-07-01'),
    plan: fc.constantFrom('free', 'free', 'standard', 'basic'),
    keepChanges: fc.constantFrom(true, false, false, false), keepHistory: fc.boolean(), shape: fc.option(SHAPES, { freq: 2 }),
  });
  return fc.tuple(cases(a), steer).map(([c, s]) => {
    const input = copy(c.input);
    if (s.on === 0 || typeof input.order !== 'object' || !input.order || typeof input.participant !== 'object' || !input.participant) return input;
    const order = input.order as Obj, participant = input.participant as Obj;
    order.created_at = s.created; order.paid_at = s.paid; order.term_months = s.term; order.list_price = `${s.price} KZT`;
    order.is_franchise_edition = false;
    if (s.on > 1) order.from_license_purchased_at = s.source;
    if (s.shape) {
      Object.assign(order, { product: s.shape.product, transaction: s.shape.transaction, to_edition_or_plan: s.shape.to });
      if (s.shape.from) Object.assign(order, { from_product: s.shape.from, from_edition: s.shape.fromEdition });
    }
    for (const k of ['excluded_at', 'opted_out_at', 'other_promotions']) delete participant[k];
    participant.is_kazakhstani = true; participant.business_purpose = true;
    if (s.adult) Object.assign(participant, { age_years: 30, fully_capable: true });
    delete input.stopped_at; delete input.suspensions;
    if (!s.keepChanges) delete input.period_changes;
    if (!s.keepHistory) delete input.license_history;
    if (typeof input.cloud_state === 'object' && input.cloud_state) Object.assign(input.cloud_state, { plan: s.plan, free_since: s.freeSince });
    return input;
  });
}

/** referral bonus: generated inputs, one in two with a purchase around the registration's third anniversary. */
export function referralCases(a: Artifact): fc.Arbitrary<Obj> {
  const steer = fc.record({
    on: fc.boolean(),
    registered: fc.constantFrom('2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2024-12-31'),
    shift: fc.constantFrom(-1, 0, 0, 1), clock: fc.constantFrom(...CLOCKS), clock2: fc.constantFrom(...CLOCKS),
    offset: fc.constantFrom(...OFFSETS), offset2: fc.constantFrom(...OFFSETS),
  });
  return fc.tuple(cases(a), steer).map(([c, s]) => {
    const input = copy(c.input);
    if (!s.on || typeof input.purchase !== 'object' || !input.purchase) return input;
    const [y, m, d] = s.registered.split('-').map(Number) as [number, number, number];
    // the anniversary as a careful reader of the rules counts it: 29 February + 3 years = 28 February
    const anniversary = new Date(Date.UTC(y + 3, m - 1, Math.min(d, new Date(Date.UTC(y + 3, m, 0)).getUTCDate())) + s.shift * 86_400_000);
    input.client_registered_at = `${s.registered}T${s.clock}:00${s.offset}`;
    (input.purchase as Obj).paid_at = `${anniversary.toISOString().slice(0, 10)}T${s.clock2}:00${s.offset2}`;
    return input;
  });
}

/** The number inside a Rulebook amount ("12.5 KZT", "20%", "120 bonus"), or undefined for other values. */
export const amountText = (v: unknown): string | undefined => (typeof v === 'string' && /^-?\d+(\.\d+)?(%| [A-Za-z]+)$/.test(v) ? v.replace(/%$| [A-Za-z]+$/, '') : undefined);

/** A JSON value with every leaf (not list, not object) replaced by `f` of it. */
export function mapLeaves(x: unknown, f: (leaf: unknown) => unknown): unknown {
  if (Array.isArray(x)) return x.map((v) => mapLeaves(v, f));
  if (x && typeof x === 'object') {
    const out: Obj = {};
    for (const [k, v] of Object.entries(x)) Object.defineProperty(out, k, { value: mapLeaves(v, f), enumerable: true, writable: true });
    return out;
  }
  return f(x);
}

/** The peers' form of an input: every amount the JSON number a peer's user would send, everything else as it is. */
export const peerInput = (x: unknown): unknown => mapLeaves(x, (v) => { const a = amountText(v); return a === undefined ? v : Number(a); });

/** Samples n inputs Rulebook accepts (a generated input of the wrong type has no decision to compare). */
export function sampleValid(arb: fc.Arbitrary<Obj>, accept: (input: Obj) => boolean, n: number, seed: number): { inputs: Obj[]; rejected: number } {
  const inputs: Obj[] = [];
  let rejected = 0, round = 0;
  while (inputs.length < n) {
    for (const input of fc.sample(arb, { seed: seed + round++, numRuns: Math.max(100, Math.ceil((n - inputs.length) * 1.15)) })) {
      if (inputs.length >= n) break;
      if (accept(input)) inputs.push(input); else rejected++;
    }
  }
  return { inputs, rejected };
}
