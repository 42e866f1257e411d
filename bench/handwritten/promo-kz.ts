/**
 * programs/promo-kz-summer-2025.rules written by hand for production: the input read
 * and checked once into plain typed fields (decimal.js money, day numbers, epoch ms),
 * every constant prepared at module load, each fact computed at most once per order,
 * and nothing computed that the asked outputs do not need. Readings as in the program
 * (defaults: period_test both, source_cutoff before_24_07, lapse_cutoff before_30_06,
 * valid_licence free_or_planned, free_to_paid_upgrade counts_as_upgrade, boost_link
 * same_or_linked, stacking best_for_participant).
 */
import { KZ_CALENDAR } from '../../runtime/calendars/data/kz.js';
import { D, ZERO, Zone, BusinessDays, guarded, dayOf, isoDate, moneyOut, percentOut, eligibility, type Reason, type Eligibility, type Result } from './common.js';
import { WHY } from './promo-kz-reasons.js';
import { readOrder, type Input, type Readings, readReadings } from './promo-kz-input.js';

const ALMATY = new Zone('Asia/Almaty');
const KZ = new BusinessDays(KZ_CALENDAR);
const START = dayOf(2025, 7, 28), END = dayOf(2025, 8, 31);
const SOURCE_CUTOFF = dayOf(2025, 7, 24), LAPSE_CUTOFF = dayOf(2025, 6, 30);
const WINDOW_FROM = dayOf(2025, 1, 1), WINDOW_UNTIL = dayOf(2025, 7, 28);
const BOOST_FIXED = new D(576_000);
const money0 = (x: D) => moneyOut(x, 0, 'KZT');

type Row = { rate: D; clause: string; outcome: string };
const row = (rate: number, clause: string, outcome: string): Row => ({ rate: new D(rate), clause, outcome });
const EXCLUDED_5_13 = row(0, 'none', 'excluded_5_13'), EXCLUDED_5_4 = row(0, 'none', 'excluded_5_4'), EXCLUDED_5_5 = row(0, 'none', 'excluded_5_5');
const R411A = row(20, '4.1.1-a', 'granted'), R411B = row(25, '4.1.1-b', 'granted'), R412C = row(20, '4.1.2-c', 'granted');
const R412A = row(15, '4.1.2-a', 'granted'), R412B = row(20, '4.1.2-b', 'granted');
const R413A = row(35, '4.1.3-a', 'granted'), R413B = row(40, '4.1.3-b', 'granted'), R414A = row(35, '4.1.4-a', 'granted');
const R414B = row(40, '4.1.4-b', 'granted'), R415A = row(35, '4.1.5-a', 'granted'), R415B = row(40, '4.1.5-b', 'granted');
const LATE = row(0, 'none', 'source_not_before_cutoff'), NOT_LISTED = row(0, 'none', 'source_not_listed');
const FAILS_5_6 = row(0, 'none', 'fails_5_6'), FAILS_5_7_8 = row(0, 'none', 'fails_5_7_and_5_8'), FAILS_5_8 = row(0, 'none', 'fails_5_8');
const TERM = row(0, 'none', 'term_not_12_months'), NOT_OFFERED = row(0, 'none', 'not_offered');
const CMS_EDITIONS = new Set(['start', 'standard', 'small_business', 'business']);
const CMS_TRANSITION = new Set(['standard', 'small_business', 'business']);
const BOX_EDITIONS = new Set(['online_store_crm', 'corporate_portal']);
const CLOUD_PURCHASE = new Set(['basic', 'standard', 'professional']);
const CLOUD_UPGRADE = new Set(['standard', 'professional']);
const EXCLUSION: Record<string, string> = {
  excluded_5_13: '5.13', excluded_5_4: '5.4', excluded_5_5: '5.5', source_not_listed: 'source_licence', source_not_before_cutoff: 'source_licence_date',
  fails_5_6: 'eligibility_5.6', fails_5_7_and_5_8: 'eligibility_5.7', fails_5_8: 'eligibility_5.8', term_not_12_months: 'term_12_months', not_offered: 'not_offered',
};

/** The facts of one order, each computed on first use. */
class Order {
  private _offer?: Row; private _price?: Eligibility; private _history?: { ever: boolean; monthly: boolean; annual: boolean; onlyMonthly: boolean };
  private _best?: D; private _boostTerms?: Eligibility; private _promoDiscount?: D;
  constructor(readonly i: Input, readonly r: Readings) {}

  /** The promotion's last day under the changes published by `at` (A3-15). */
  endInForce(at: number): number {
    let latest = -Infinity, end = -Infinity;
    for (const c of this.i.periodChanges) {
      if (c.publishedAt > at) continue;
      if (c.publishedAt > latest) { latest = c.publishedAt; end = c.newEnd; } else if (c.publishedAt === latest && c.newEnd > end) end = c.newEnd;
    }
    return latest === -Infinity ? END : end;
  }
  /** Placed and paid within the period, Astana time: the reasons it is not. */
  inPeriod(created: number, paid: number): Reason[] {
    const out: Reason[] = [];
    const last = this.endInForce(paid);
    const paidDay = ALMATY.day(paid);
    if (paidDay < START || paidDay > last) out.push(WHY.notPaidInPeriod);
    if (this.r.periodTest === 'both') { const d = ALMATY.day(created); if (d < START || d > last) out.push(WHY.notPlacedInPeriod); }
    if (this.i.stoppedAt !== null && this.i.stoppedAt <= paid) out.push(WHY.stopped);
    for (const s of this.i.suspensions) if (paid >= s.startsAt && paid < s.endsAt) { out.push(WHY.suspended); break; }
    return out;
  }
  get excluded(): boolean { const x = this.i.participant.excludedAt; return x !== null && x <= this.i.order.paidAt; }
  get optedOut(): boolean { const x = this.i.participant.optedOutAt; return x !== null && x <= this.i.order.paidAt; }
  get inOtherPromotion(): boolean { const paid = this.i.order.paidAt; return this.i.participant.otherPromotions.some((p) => p.joinedAt <= paid); }
  get criteria(): Reason[] {
    const p = this.i.participant, out: Reason[] = [];
    if (!p.isKazakhstani) out.push(WHY.notKazakhstani);
    if (p.kind === 'natural_person' && (p.ageYears ?? 0) < 18) out.push(WHY.under18);
    if (p.kind === 'natural_person' && !(p.fullyCapable ?? false)) out.push(WHY.notCapable);
    return out;
  }
  get isCloud(): boolean { return this.i.order.product === 'b24_cloud'; }
  get onFree(): boolean { return this.i.cloudState !== null && this.i.cloudState.plan === 'free'; }
  get kind(): string {
    const o = this.i.order, t = o.transaction;
    if (this.isCloud && this.onFree && (t === 'purchase' || t === 'new_license' || t === 'upgrade')) return this.r.freeToPaid === 'counts_as_upgrade' ? 'move_from_free' : 'purchase';
    if (t === 'new_license' || t === 'purchase') return this.isCloud ? 'purchase' : 'new_licence';
    return t;
  }
  get admission(): Reason[] {
    const out: Reason[] = [];
    const p = this.i.participant;
    let holds = p.hasValidLicense;
    if (!holds && this.r.validLicence === 'free_or_planned') { const k = this.kind; holds = (this.isCloud && this.onFree) || k === 'new_licence' || k === 'purchase' || k === 'move_from_free'; }
    if (!holds) out.push(WHY.noLicence);
    if (!p.businessPurpose) out.push(WHY.notBusiness);
    return out;
  }
  get history() {
    if (this._history) return this._history;
    const paid = this.i.order.paidAt;
    let ever = false, monthly = false, annual = false, inWindow = 0, allMonthly = true;
    for (const h of this.i.history) {
      if (!h.paid) continue;
      if ((h.product === 'b24_box' || h.product === 'b24_cloud') && h.purchasedAt < paid) ever = true;
      if (h.product !== 'b24_cloud') continue;
      const d = ALMATY.day(h.purchasedAt);
      if (d < WINDOW_FROM || d >= WINDOW_UNTIL) continue;
      inWindow++;
      if (h.termMonths === 1) monthly = true; else allMonthly = false;
      if (h.termMonths === 12) annual = true;
    }
    return (this._history = { ever, monthly, annual, onlyMonthly: inWindow > 0 && allMonthly });
  }
  get meets56(): boolean {
    if (!this.history.ever) return true;
    const c = this.i.cloudState;
    return c !== null && c.plan === 'free' && c.freeReason === 'commercial_expired' && c.freeSince !== null
      && (this.r.lapseCutoff === 'before_30_06' ? c.freeSince < LAPSE_CUTOFF : c.freeSince <= LAPSE_CUTOFF);
  }
  get meets57(): boolean { const h = this.history; return h.ever && (!h.monthly || h.annual); }
  get meets58(): boolean { const h = this.history; return h.ever && h.onlyMonthly; }
  get sourceInTime(): boolean {
    const at = this.i.order.fromLicensePurchasedAt;
    if (at === null) return false;
    const d = ALMATY.day(at);
    return this.r.sourceCutoff === 'before_24_07' ? d < SOURCE_CUTOFF : d <= SOURCE_CUTOFF;
  }
  get source(): string {
    const o = this.i.order;
    if (o.fromProduct === 'cms') return o.fromEdition === 'business' ? 'cms_business' : 'cms_other';
    return o.fromProduct === 'b24_box' ? 'b24_box' : 'other';
  }
  /** The decision table D3.4, first matching row. */
  get offer(): Row {
    if (this._offer) return this._offer;
    const o = this.i.order, p = o.product, k = this.kind, t = o.toEdition ?? 'none', term = o.termMonths ?? 0;
    const pick = (): Row => {
      if (o.isFranchise) return EXCLUDED_5_13;
      if (p === 'cms' && (k === 'renewal' || t === 'enterprise')) return EXCLUDED_5_4;
      if (p === 'b24_box' && (k === 'renewal' || t === 'enterprise')) return EXCLUDED_5_5;
      if (p === 'sip_connector') return EXCLUDED_5_5;
      if (p === 'cms' && k === 'new_licence' && CMS_EDITIONS.has(t)) return R411A;
      const src = k === 'transition' ? this.source : '';
      if (k === 'transition') {
        if (p === 'cms' && CMS_TRANSITION.has(t) && (src === 'cms_business' || src === 'cms_other') && this.sourceInTime) return R411B;
        if ((p === 'cms' || p === 'b24_box') && t === 'online_store_crm' && src === 'cms_business' && this.sourceInTime) return R412C;
      }
      if (p === 'b24_box' && k === 'new_licence' && BOX_EDITIONS.has(t)) return R412A;
      if (p === 'b24_box' && k === 'transition' && BOX_EDITIONS.has(t) && src === 'b24_box' && this.sourceInTime) return R412B;
      if (p === 'b24_cloud') {
        const fromFree = k === 'move_from_free';
        if ((k === 'purchase' || fromFree) && term === 12 && this.meets56) { if (CLOUD_PURCHASE.has(t)) return R413A; if (t === 'enterprise') return R413B; }
        if ((k === 'upgrade' || fromFree) && term === 12 && this.meets57) { if (CLOUD_UPGRADE.has(t)) return R414A; if (t === 'enterprise') return R414B; }
        if ((k === 'renewal' || k === 'upgrade' || fromFree) && term === 12 && this.meets58) { if (CLOUD_UPGRADE.has(t)) return R415A; if (t === 'enterprise') return R415B; }
      }
      if (k === 'transition') {
        // the cut-off rows (the source was listed but bought too late), then the unlisted sources
        if (p === 'cms' && CMS_TRANSITION.has(t) && (src === 'cms_business' || src === 'cms_other') && !this.sourceInTime) return LATE;
        if ((p === 'cms' || p === 'b24_box') && t === 'online_store_crm' && src === 'cms_business' && !this.sourceInTime) return LATE;
        if (p === 'b24_box' && BOX_EDITIONS.has(t) && src === 'b24_box' && !this.sourceInTime) return LATE;
        if (p === 'cms' && CMS_TRANSITION.has(t) && (src === 'b24_box' || src === 'other')) return NOT_LISTED;
        if ((p === 'cms' || p === 'b24_box') && BOX_EDITIONS.has(t) && src !== 'b24_box') return NOT_LISTED;
      }
      if (p === 'b24_cloud') {
        if ((k === 'purchase' || k === 'move_from_free') && !this.meets56) return FAILS_5_6;
        if (k === 'upgrade' && !this.meets57 && !this.meets58) return FAILS_5_7_8;
        if (k === 'renewal' && !this.meets58) return FAILS_5_8;
        if (term !== 12) return TERM;
      }
      return NOT_OFFERED;
    };
    return (this._offer = pick());
  }
  /** §5.3: the promotional price, with every reason it is refused. */
  get price(): Eligibility {
    if (this._price) return this._price;
    const out: Reason[] = [];
    if (this.excluded) out.push(WHY.excludedByOrganizer);
    if (this.optedOut) out.push(WHY.optedOut);
    out.push(...this.inPeriod(this.i.order.createdAt, this.i.order.paidAt), ...this.criteria, ...this.admission);
    if (this.inOtherPromotion) out.push(WHY.otherPromotion);
    const outcome = this.offer.outcome;
    if (outcome !== 'granted') out.push(WHY[outcome as keyof typeof WHY]);
    return (this._price = eligibility(out));
  }
  get rate(): D { return this.price.eligible ? this.offer.rate : ZERO; }
  get promoDiscount(): D { return (this._promoDiscount ??= this.i.order.listPrice.times(this.rate).div(100).toDecimalPlaces(0, D.ROUND_HALF_UP)); }
  get bestOther(): D {
    if (this._best) return this._best;
    const list = this.i.order.listPrice;
    let best: D | undefined;
    for (const d of this.i.order.otherDiscounts) {
      const v0 = d.pct !== null ? list.times(d.pct).div(100).toDecimalPlaces(0, D.ROUND_HALF_UP) : d.amount ?? ZERO;
      const v = D.min(list, v0);
      if (best === undefined || v.gt(best)) best = v;
    }
    return (this._best = best ?? ZERO);
  }
  get boostTerms(): Eligibility {
    if (this._boostTerms) return this._boostTerms;
    const b = this.i.boost, o = this.i.order;
    if (b === null) return (this._boostTerms = eligibility([WHY.noBoost]));
    const out: Reason[] = [];
    if (!(this.price.eligible && this.isCloud && (o.toEdition ?? 'none') === 'enterprise' && this.offer.outcome === 'granted')) out.push(WHY.notEnterpriseGranted);
    if (!(b.orderId === o.orderId || (this.r.boostLink === 'same_or_linked' && b.linkedOrderId !== null && b.linkedOrderId === o.orderId))) out.push(WHY.boostNotLinked);
    if (b.termMonths !== 12) out.push(WHY.boostTerm);
    if (this.inPeriod(b.createdAt, b.paidAt).length) out.push(WHY.boostPeriod);
    return (this._boostTerms = eligibility(out));
  }
  get boostPrice(): D { return this.i.boost?.listPrice ?? ZERO; }
  get boostTermsDiscount(): D { return this.boostTerms.eligible ? D.min(BOOST_FIXED, this.boostPrice) : ZERO; }
  get promotionWins(): boolean {
    return this.price.eligible && (this.r.stacking === 'promo_only' || this.promoDiscount.plus(this.boostTermsDiscount).gte(this.bestOther));
  }
  get applied(): string { return this.promotionWins ? 'promotion' : this.bestOther.gt(0) ? 'other_discount' : 'no_discount'; }
  get finalPrice(): D {
    const a = this.applied, list = this.i.order.listPrice;
    return a === 'promotion' ? list.minus(this.promoDiscount) : a === 'other_discount' ? list.minus(this.bestOther) : list;
  }
  get boostOffer(): Eligibility {
    const terms = this.boostTerms;
    if (!terms.eligible) return terms;
    return this.promotionWins ? terms : eligibility([WHY.otherWins]);
  }
  get exclusion(): string {
    if (this.excluded) return 'excluded';
    if (this.optedOut) return 'opted_out';
    if (this.inPeriod(this.i.order.createdAt, this.i.order.paidAt).length) return 'out_of_period';
    if (this.criteria.length) return '1.2.3';
    if (this.admission.length) return '5.1';
    const outcome = this.offer.outcome;
    if (outcome !== 'granted') return EXCLUSION[outcome]!;
    if (this.inOtherPromotion) return '5.11';
    return this.bestOther.gt(0) ? '5.11' : 'none';
  }
  /** §5.10, §7.6, §8.9, §8.11: each deadline's last day. */
  get deadlines(): Record<string, string | null> {
    const i = this.i, p = i.participant;
    let latest = -Infinity, latestEnd = -Infinity;
    for (const c of i.periodChanges) {
      if (c.publishedAt > latest) { latest = c.publishedAt; latestEnd = c.newEnd; } else if (c.publishedAt === latest && c.newEnd > latestEnd) latestEnd = c.newEnd;
    }
    const changedEnd = latest === -Infinity ? END : latestEnd;
    const finalEnd = i.stoppedAt !== null ? Math.min(changedEnd, ALMATY.day(i.stoppedAt)) : changedEnd;
    const optOut = p.infoReceivedAt !== null ? isoDate(KZ.add(p.infoReceivedAt, 5)) : null;
    const unclaimed = isoDate(KZ.add(finalEnd, 10));
    const claims = isoDate(Math.max(finalEnd, i.rewardsProvidedOn ?? finalEnd) + 5);
    const event = Math.min(finalEnd, p.excludedAt !== null ? ALMATY.day(p.excludedAt) : finalEnd, p.optedOutAt !== null ? ALMATY.day(p.optedOutAt) : finalEnd);
    return { opt_out_until: optOut, unclaimed_after: unclaimed, claims_until: claims, pd_processing_stop_by: isoDate(KZ.add(event, 10)) };
  }
}

/** The six outputs that decide the licence discount (the bench's `promo_kz_decision`). */
export const DECISION_OUTPUTS = ['eligibility', 'applied_clause', 'discount_pct', 'discount_amount', 'applied_discount', 'final_price'] as const;

/** The discount decision alone: whether, which clause, how much, which discount applies, the price to pay. */
export function promoDecision(input: unknown, options: { readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const o = new Order(readOrder(input), readReadings(options.readings));
    const price = o.price;
    return {
      eligibility: price, applied_clause: price.eligible ? o.offer.clause : 'none', discount_pct: percentOut(o.rate),
      discount_amount: money0(o.promoDiscount), applied_discount: o.applied, final_price: money0(o.finalPrice),
    };
  });
}

/** Every output of the program, in its order. */
export function promoProgram(input: unknown, options: { readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const o = new Order(readOrder(input), readReadings(options.readings));
    const price = o.price;
    const list = o.i.order.listPrice;
    const boost = o.boostOffer;
    const boostDiscount = boost.eligible ? o.boostTermsDiscount : ZERO;
    return {
      in_period: o.inPeriod(o.i.order.createdAt, o.i.order.paidAt).length === 0,
      history_conditions: { meets_5_6: o.meets56, meets_5_7: o.meets57, meets_5_8: o.meets58 },
      eligibility: price,
      applied_clause: price.eligible ? o.offer.clause : 'none',
      exclusion: o.exclusion,
      discount_pct: percentOut(o.rate),
      discount_amount: money0(o.promoDiscount),
      price_after_discount: money0(list.minus(o.promoDiscount)),
      applied_discount: o.applied,
      final_price: money0(o.finalPrice),
      boost_eligibility: boost,
      boost_discount: money0(boostDiscount),
      boost_price_after: money0(o.boostPrice.minus(boostDiscount)),
      renewal_price_rule: 'regular_price',
      deadlines: o.deadlines,
    };
  });
}
