/**
 * programs/referral-ru.rules written by hand for production: every output of the program
 * for one partner as of the evaluation instant, each fact about an event, client or
 * purchase computed once per evaluation (caches keyed by the object), day numbers in
 * Moscow time, decimal.js for money and bonuses. Readings as in the program.
 */
import { RU_CALENDAR } from '../../runtime/calendars/data/ru.js';
import { D, ZERO, Zone, BusinessDays, Refused, guarded, instant, dayOf, addMonths, isoDate, instantOut, moneyOut, percentOut, eligibility, type Reason, type Eligibility, type Result } from './common.js';
import { readReferral, readReadings, type Input, type Readings, type Event, type Client, type Purchase, type Act } from './referral-ru-input.js';

const MOSCOW = new Zone('Europe/Moscow');
const RU = new BusinessDays(RU_CALENDAR);
const LAST_2025 = dayOf(2025, 12, 31), CUTOFF_UTC = Date.UTC(2026, 0, 1);
const HUNDRED = new D(100), FIFTY = new D(50), TWENTY = new D(20), THRESHOLD = new D(5000);
const why = (reason: string, ...clauses: string[]): Reason => ({ reason, clauses });
const W = {
  form: why('only legal entities and individual entrepreneurs may take part', '§1'), country: why('the program runs only in the Russian Federation', '§1'),
  users: why('the portal does not have more than 3 intranet users', '§Terms'), confirmed: why('active use during the month after registration is not confirmed', '§Terms'),
  month: why('the month after registration has not ended yet', '§Terms'), link: why("the client did not register through this partner's referral link", '§4'),
  abroad: why('the client is outside the Russian Federation', '§1'), v2026: why('the 100-bonus rule exists only in the version until 31.12.2025', '§4'),
  accrual: why('the partner could not earn bonuses on the qualification day (not a participant, no contract yet, or it had ended)', '§2', '§5'),
  notCloud: why('the purchase is not a paid plan of cloud Bitrix24', '§4'), notDirect: why('the purchase was not bought directly from 1C-Bitrix', '§4'),
  noContract: why('there is no contract concluded by accession', '§2', '§6.3'), ended: why('the partnership has ended; the bonuses are annulled', '§5'),
  below: why('the balance is below 5 000 bonuses', '§6.1'), unsigned: why('the act has not been signed by 1C-Bitrix', '§6.2', '§6.3'),
  noAccession: why('the accession application has not been completed', '§6.3'), lateSign: why('the act was not signed before the partnership ended', '§5'),
};
const EFFECT = {
  future: { binds: false, why: 'the event is after as_of: it has not happened yet' }, notInForce: { binds: false, why: 'this tool does not bind under the version of §3 in force at the event' },
  condition: { binds: false, why: "the tool's own condition in §3 is not met" }, first: { binds: true, why: 'the client was not bound to any partner before' },
  overriding: { binds: true, why: 'this tool binds even a client that is already bound' }, taken: { binds: false, why: 'the client was already bound, and this tool binds only clients not bound to another partner' },
};
const RULE = {
  not_counted: 'only paid cloud plans bought directly from 1C-Bitrix earn bonuses', client_unbound: 'the client was not bound to a partner when it paid',
  first_purchase: "50% of the client's first purchase, once", renewal: "20% of a later purchase within 3 years of the client's registration",
  after_window: 'a later purchase after the 3-year window earns nothing',
};
const bonusOut = (x: D) => `${x.toFixed()} bonus`;
const memo = <K extends object, V>(f: (k: K) => V) => { const m = new Map<K, V>(); return (k: K): V => { let v = m.get(k); if (v === undefined && !m.has(k)) { v = f(k); m.set(k, v); } return v as V; }; };

/** One evaluation: the input, the readings, the evaluation instant; every fact computed on first use. */
class Evaluation {
  constructor(readonly i: Input, readonly r: Readings, private readonly asOfMs: number | undefined) {}
  get asOf(): number { if (this.asOfMs === undefined) throw new Refused('RB-E-NO-ASOF', 'no evaluation instant'); return this.asOfMs; }
  private _today?: number;
  get today(): number { return (this._today ??= MOSCOW.day(this.asOf)); }

  v2025At(at: number): boolean { return this.r.cutoffZone === 'utc' ? at < CUTOFF_UTC : MOSCOW.day(at) <= LAST_2025; }
  mayTakePart = (): Eligibility => {
    const p = this.i.partner, out: Reason[] = [];
    if (p.legalForm !== 'legal_entity' && p.legalForm !== 'individual_entrepreneur') out.push(W.form);
    if (p.country !== 'RU') out.push(W.country);
    return eligibility(out);
  };
  inRussia(clientId: string): boolean { return !this.i.clients.some((c) => c.clientId === clientId && (c.country ?? 'RU') !== 'RU'); }
  concludedBy(d: number): boolean { const c = this.i.partner.concludedOn; return c !== null && c <= d; }
  terminatedBy(d: number): boolean { const t = this.i.partner.terminatedOn; return t !== null && t <= d; }
  /** terminated_by(today) and concluded_by(today): the evaluation day is read only when the contract date is given. */
  terminatedToday(): boolean { const t = this.i.partner.terminatedOn; return t !== null && t <= this.today; }
  concludedToday(): boolean { const c = this.i.partner.concludedOn; return c !== null && c <= this.today; }
  accrualAllowed(d: number): boolean { return this.mayTakePart().eligible && !this.terminatedBy(d) && (this.r.preContract === 'accrue_locked' || this.concludedBy(d)); }

  // ---------------------------------------------------------------- binding (§3)
  power = memo((e: Event): string => {
    if (e.tool === 'migrator') return 'only_unbound';
    if (!this.v2025At(e.at)) return 'not_in_force';
    if (e.tool === 'promo_code' || e.tool === 'personal_purchase_link') return 'overriding';
    if (e.tool === 'invoice_payment') return this.r.invoiceBinding === 'override' ? 'overriding' : 'only_unbound';
    return 'only_unbound';
  });
  precedes(a: Event, b: Event): boolean { return a.at < b.at || (a.at === b.at && a.eventId < b.eventId); }
  portalBefore(e: Event): boolean { const d = MOSCOW.day(e.at); return this.i.clients.some((c) => c.clientId === e.clientId && MOSCOW.day(c.registeredAt) < d); }
  private upgrades(e: Event): boolean { return e.planChange === 'free_to_paid' || e.planChange === 'upgrade'; }
  ownCondition = memo((e: Event): boolean => {
    switch (e.tool) {
      case 'referral_link': return !this.portalBefore(e);
      case 'personal_purchase_link':
        return this.upgrades(e) && !this.i.events.some((o) => o.tool === 'personal_purchase_link' && o.linkId !== null && e.linkId !== null && o.linkId === e.linkId
          && this.precedes(o, e) && this.power(o) !== 'not_in_force' && this.upgrades(o));
      case 'nfr_link': return !this.i.clients.some((c) => c.clientId === e.clientId && (c.hadPortal ?? false)) && !this.portalBefore(e);
      default: return true;
    }
  });
  happened(e: Event): boolean { return e.at <= this.asOf; }
  private _known?: Event[]; private _valid?: Event[]; private _binds?: Event[];
  get known(): Event[] { return (this._known ??= this.i.events.filter((e) => this.happened(e))); }
  get valid(): Event[] { return (this._valid ??= this.known.filter((e) => this.power(e) !== 'not_in_force' && this.ownCondition(e))); }
  effect = memo((e: Event) => {
    if (!this.happened(e)) return EFFECT.future;
    const power = this.power(e);
    if (power === 'not_in_force') return EFFECT.notInForce;
    if (!this.ownCondition(e)) return EFFECT.condition;
    if (!this.valid.some((o) => o.clientId === e.clientId && this.precedes(o, e))) return EFFECT.first;
    return power === 'overriding' ? EFFECT.overriding : EFFECT.taken;
  });
  get binds(): Event[] { return (this._binds ??= this.known.filter((e) => this.effect(e).binds)); }
  /** The binding in force at t: the last binding event by then (the first of equals, as `latest` takes it). */
  bindingAt(clientId: string, t: number): Event | null {
    let best: Event | null = null;
    for (const e of this.binds) {
      if (e.clientId !== clientId || e.at > t) continue;
      if (this.binds.some((o) => o.clientId === clientId && o.at <= t && this.precedes(e, o))) continue;
      if (best === null || e.at > best.at) best = e;
    }
    return best;
  }
  storageAddOn(e: Event): boolean {
    return e.tool === 'promo_code' && this.happened(e) && this.power(e) !== 'not_in_force'
      && !this.i.events.some((o) => o.clientId === e.clientId && o.tool === 'promo_code' && this.precedes(o, e) && this.power(o) !== 'not_in_force');
  }
  eventOut(e: Event | null) {
    return e && { event_id: e.eventId, client_id: e.clientId, partner_id: e.partnerId, tool: e.tool, at: instantOut(e.at, MOSCOW), plan_change: e.planChange, link_id: e.linkId };
  }

  // ---------------------------------------------------------------- active clients (§Terms, §4)
  regDay(c: Client): number { return MOSCOW.day(c.registeredAt); }
  lastDay(c: Client): number { return addMonths(this.regDay(c), 1); }
  usersOn(c: Client, d: number): number {
    let latest = -Infinity, max = 0;
    for (const u of c.users) if (u.date <= d && (u.date > latest || (u.date === latest && u.users > max))) { latest = u.date; max = u.users; }
    return latest === -Infinity ? 0 : max;
  }
  enoughUsers(c: Client): boolean {
    const first = this.regDay(c) + 1, last = this.lastDay(c);
    switch (this.r.usersMeasure) {
      case 'end_of_window': return this.usersOn(c, last) > 3;
      case 'every_day': return this.usersOn(c, first) > 3 && c.users.every((u) => !(u.date >= first && u.date <= last) || u.users > 3);
      default: return this.usersOn(c, first) > 3 || c.users.some((u) => u.date >= first && u.date <= last && u.users > 3);
    }
  }
  active = memo((c: Client): Eligibility => {
    const out: Reason[] = [];
    if (!this.enoughUsers(c)) out.push(W.users);
    if (!(c.confirmed ?? false)) out.push(W.confirmed);
    if (!(this.today >= this.lastDay(c))) out.push(W.month);
    return eligibility(out);
  });
  version(c: Client): string {
    if (this.r.versionSelector === 'trigger_event') return this.v2025At(c.registeredAt) ? 'v2025' : 'v2026';
    return this.lastDay(c) <= LAST_2025 ? 'v2025' : 'v2026';
  }
  clientBonus = memo((c: Client): Eligibility => {
    const out: Reason[] = [];
    const pid = this.i.partner.partnerId;
    if (!this.binds.some((e) => e.clientId === c.clientId && e.partnerId === pid && (e.tool === 'referral_link' || e.tool === 'nfr_link'))) out.push(W.link);
    if (!this.inRussia(c.clientId)) out.push(W.abroad);
    out.push(...this.active(c).reasons);
    if (this.version(c) !== 'v2025') out.push(W.v2026);
    if (!this.accrualAllowed(this.lastDay(c))) out.push(W.accrual);
    return eligibility(out);
  });
  clientBonusAmount(c: Client): D {
    return this.i.clients.some((x) => x.clientId === c.clientId && this.clientBonus(x).eligible) && this.version(c) === 'v2025' ? HUNDRED : ZERO;
  }

  // ---------------------------------------------------------------- purchases (§4)
  counts = memo((p: Purchase): Eligibility => {
    const out: Reason[] = [];
    if (p.itemType !== 'cloud_paid_plan') out.push(W.notCloud);
    if (p.seller !== 'bitrix_direct') out.push(W.notDirect);
    if (!this.inRussia(p.clientId)) out.push(W.abroad);
    return eligibility(out);
  });
  attribution = memo((p: Purchase): Event | null => {
    const at = this.bindingAt(p.clientId, p.paidAt);
    if (at) return at;
    const paidDay = MOSCOW.day(p.paidAt);
    let best: Event | null = null;
    for (const m of this.binds) {
      if (m.clientId === p.clientId && m.tool === 'migrator' && p.paidAt < m.at && paidDay >= MOSCOW.day(m.at) - 30 && (best === null || m.at < best.at)) best = m;
    }
    return best;
  });
  earlier(q: Purchase, p: Purchase): boolean { return q.paidAt < p.paidAt || (q.paidAt === p.paidAt && q.purchaseId < p.purchaseId); }
  isFirst(p: Purchase): boolean {
    const attributed = this.i.purchases.filter((q) => this.counts(q).eligible && this.attribution(q) !== null);
    const mine = this.attribution(p);
    return !attributed.some((q) => q.clientId === p.clientId && this.earlier(q, p)
      && (this.r.firstScope === 'client' || (this.attribution(q) !== null && mine !== null && this.attribution(q)!.partnerId === mine.partnerId)));
  }
  registrationDay(clientId: string): number | null {
    let min: number | null = null;
    for (const c of this.i.clients) if (c.clientId === clientId) { const d = this.regDay(c); if (min === null || d < min) min = d; }
    return min;
  }
  rule = memo((p: Purchase): { kind: string; rate: D } => {
    if (!this.counts(p).eligible) return { kind: 'not_counted', rate: ZERO };
    if (this.attribution(p) === null) return { kind: 'client_unbound', rate: ZERO };
    if (this.isFirst(p)) return { kind: 'first_purchase', rate: FIFTY };
    const reg = this.registrationDay(p.clientId);
    if (reg !== null) {
      const end = addMonths(reg, 36), d = MOSCOW.day(p.paidAt);
      if (this.r.windowEnd === 'inclusive_anniversary' ? d <= end : d < end) return { kind: 'renewal', rate: TWENTY };
    }
    return { kind: 'after_window', rate: ZERO };
  });
  base(p: Purchase): D { return this.r.baseVat === 'excluded' ? p.amount.minus(p.vat ?? ZERO) : p.amount; }
  bonuses = memo((p: Purchase): D => {
    const exact = this.base(p).times(this.rule(p).rate).div(100);
    return this.r.rounding === 'floor_whole_bonuses' ? exact.toDecimalPlaces(0, D.ROUND_FLOOR) : exact.toDecimalPlaces(2, D.ROUND_HALF_UP);
  });
  refundReversed(p: Purchase): boolean {
    const r = p.refundedAt;
    return r !== null && r <= this.asOf && !this.i.conversions.some((c) => c.requestedAt >= p.paidAt && c.requestedAt < r);
  }
  accrualInstant(p: Purchase): number { const b = this.attribution(p); return b !== null && b.at > p.paidAt ? b.at : p.paidAt; }
  countsForPartner = memo((p: Purchase): boolean => {
    const b = this.attribution(p);
    return b !== null && b.partnerId === this.i.partner.partnerId && p.paidAt <= this.asOf && this.accrualAllowed(MOSCOW.day(this.accrualInstant(p))) && !this.refundReversed(p);
  });

  // ---------------------------------------------------------------- balance, conversion, acts (§5, §6)
  private _balance?: D;
  get accrued(): D {
    let sum = ZERO;
    for (const c of this.i.clients) sum = sum.plus(this.clientBonusAmount(c));
    for (const p of this.i.purchases) if (this.countsForPartner(p)) sum = sum.plus(this.bonuses(p));
    return sum;
  }
  counted(r: { requestedAt: number }): boolean { return r.requestedAt <= this.asOf; }
  get converted(): D { let s = ZERO; for (const r of this.i.conversions) if (this.counted(r)) s = s.plus(r.bonuses); return s; }
  get annulledByOperator(): D { let s = ZERO; for (const a of this.i.annulments) if (a.decidedOn <= this.today) s = s.plus(a.bonuses); return s; }
  documented(r: { actId: string | null }): boolean {
    return r.actId !== null && this.i.acts.some((a) => a.actId === r.actId && a.signedOn !== null && a.signedOn <= this.today && !this.terminatedBy(a.signedOn));
  }
  annulled(r: { requestedAt: number; actId: string | null }): boolean { return this.terminatedToday() && this.counted(r) && !this.documented(r); }
  get balanceBefore(): D { return (this._balance ??= D.max(this.accrued.minus(this.converted).minus(this.annulledByOperator), ZERO)); }
  get balance(): D { return this.terminatedToday() ? ZERO : this.balanceBefore; }
  get conversion(): Eligibility {
    const out: Reason[] = [...this.mayTakePart().reasons];
    if (!this.concludedToday()) out.push(W.noContract);
    if (this.terminatedToday()) out.push(W.ended);
    if (this.balance.lt(THRESHOLD)) out.push(W.below);
    return eligibility(out);
  }
  actOut(a: Act) {
    const vat = this.i.partner.vatPayer;
    const clock = !vat ? a.receivedOn : a.invoiceOn !== null ? Math.max(a.receivedOn, a.invoiceOn) : null;
    const decided = a.signedOn !== null && a.rejectedOn !== null ? Math.min(a.signedOn, a.rejectedOn) : a.signedOn ?? a.rejectedOn;
    const due = clock !== null ? RU.add(clock, 3) : null;
    const overdue = due !== null && this.today > due && (decided === null || decided > due);
    const payout = a.signedOn !== null ? RU.add(a.signedOn, 10) : null;
    const payable: Reason[] = [];
    if (a.signedOn === null) payable.push(W.unsigned);
    if (!this.concludedToday()) payable.push(W.noAccession);
    if (a.signedOn !== null && this.terminatedBy(a.signedOn)) payable.push(W.lateSign);
    return { act_id: a.actId, decision_due: due === null ? null : isoDate(due), decision_overdue: overdue, payout_due: payout === null ? null : isoDate(payout), payable: eligibility(payable) };
  }
}

/** Every output of referral-ru, in the program's order. */
export function referralProgram(input: unknown, options: { asOf?: string; readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const readings = readReadings(options.readings);
    const asOf = options.asOf === undefined ? undefined : instant(options.asOf);
    const x = new Evaluation(readReferral(input), readings, asOf);
    const i = x.i, pid = i.partner.partnerId;
    const out: Record<string, unknown> = {};
    out.partner_may_take_part = x.mayTakePart();
    out.bindings = i.clients.map((c) => { const b = x.bindingAt(c.clientId, x.asOf); return { client_id: c.clientId, binding: x.eventOut(b), bound_to_this_partner: b !== null && b.partnerId === pid }; });
    out.binding_events_review = i.events.map((e) => ({
      event_id: e.eventId, client_id: e.clientId, partner_id: e.partnerId, tool: e.tool, version: x.v2025At(e.at) ? 'v2025' : 'v2026', effect: x.effect(e), storage_add_on: x.storageAddOn(e),
    }));
    out.same_instant_events = i.events.filter((e) => i.events.some((o) => o.eventId !== e.eventId && o.clientId === e.clientId && o.at === e.at)).map((e) => e.eventId);
    out.active_clients = i.clients.map((c) => ({
      client_id: c.clientId, activity_month: { start: isoDate(x.regDay(c) + 1), end: isoDate(x.lastDay(c)), startInclusive: true, endInclusive: true },
      active: x.active(c), version: x.version(c), bonus: x.clientBonus(c), bonuses: bonusOut(x.clientBonusAmount(c)), qualified_on: isoDate(x.lastDay(c)),
    }));
    out.purchases_review = i.purchases.map((p) => {
      const rule = x.rule(p);
      return {
        purchase_id: p.purchaseId, client_id: p.clientId, attributed_to: x.eventOut(x.attribution(p)), qualifies: x.counts(p),
        rule: { kind: rule.kind, rate: percentOut(rule.rate), note: RULE[rule.kind as keyof typeof RULE] }, version: x.v2025At(p.paidAt) ? 'v2025' : 'v2026',
        base: moneyOut(x.base(p), 2, 'RUB'), bonuses: bonusOut(x.bonuses(p)), accrues_at: instantOut(x.accrualInstant(p), MOSCOW), counts_for_this_partner: x.countsForPartner(p),
      };
    });
    out.accrued = bonusOut(x.accrued);
    out.converted = bonusOut(x.converted);
    out.annulled_for_breach = bonusOut(x.annulledByOperator);
    out.bonus_balance = bonusOut(x.balance);
    out.annulled_on_termination = bonusOut(x.terminatedToday() ? x.balanceBefore.plus(i.conversions.filter((r) => x.annulled(r)).reduce((s, r) => s.plus(r.bonuses), ZERO)) : ZERO);
    out.conversions_review = i.conversions.map((r) => ({
      requested_at: instantOut(r.requestedAt, MOSCOW), bonuses: bonusOut(r.bonuses), act_id: r.actId, counted: x.counted(r), documented: x.documented(r), annulled_on_termination: x.annulled(r),
    }));
    const conversion = x.conversion;
    out.can_convert = conversion;
    out.conversion_amount = moneyOut(conversion.eligible ? x.balance : ZERO, 2, 'RUB');
    out.acts_review = i.acts.map((a) => x.actOut(a));
    return out;
  });
}
