/**
 * programs/atrealt.rules written by hand for production: one payment of one client, the
 * partner's pinning and standing at the invoice, the amounts in decimal.js, the §1.6
 * deadline on the Russian production calendar, every output in the program's order.
 * Readings as in the program (defaults: unpinned_invoice full_price,
 * repeat_requires_prior_sanction any_second_breach, same_day_breaches one_occasion,
 * term_rule whole_months; the others have one option).
 */
import { RU_CALENDAR } from '../../runtime/calendars/data/ru.js';
import { D, ZERO, Zone, BusinessDays, Refused, guarded, obj, req, opt, names, readingsIn, list, bool, text, integer, oneOf, money, percent, decimal, date, instant, isoDate, moneyOut, percentOut, eligibility, type Reason, type Result } from './common.js';
import { WHY, NOTE, GROUND } from './atrealt-text.js';

const MOSCOW = new Zone('Europe/Moscow');
const RU = new BusinessDays(RU_CALENDAR);
const BASE = new D(20), ONE = new D(1), HUNDRED = new D(100);
const set = names;
const rub = (v: unknown) => money(v, 'RUB', 2);
const rubOut = (x: D) => moneyOut(x, 2, 'RUB');
const F = {
  input: set('partner', 'pinning', 'sale', 'invoice', 'transfer', 'violations'), partner: set('partner_id', 'registered_in_cabinet', 'current_discount_pct', 'reduction_lifted_on'),
  pin: set('client_id', 'partner_id', 'requested_at', 'decision', 'decided_at', 'refusal_reason', 'unpinned_at'),
  sale: set('sale_id', 'client_id', 'app', 'quantity', 'term_months', 'list_price_per_unit_month', 'client_paid', 'setup_services_included', 'agreed_price', 'client_payment_received_at', 'is_renewal'),
  invoice: set('invoice_id', 'generated_at', 'quantity', 'term_months', 'amount'), transfer: set('paid_to_atrealt_at', 'amount'),
  violation: set('violation_id', 'clause', 'occurred_at', 'established_at', 'sale_id', 'reduced_to_base_on'),
};
const APP = set('atrealt_amocrm', 'atrealt_bitrix24', 'atrealt_crm', 'other');
const DECISION = set('approved', 'refused', 'pending');
const REFUSAL = set('other_partner_negotiation', 'direct_negotiation');
const CLAUSE = set('clause_1_1', 'clause_1_2', 'presentation', 'clause_1_3', 'clause_1_4', 'clause_1_5', 'clause_1_6', 'clause_1_7', 'clause_3_1', 'clause_3_2', 'clause_3_3', 'clause_3_4');
const READINGS: Record<string, ReadonlySet<string>> = {
  deadline_count: set('next_business_day'), receipt_moment: set('credited_moscow_date'), unpinned_invoice: set('full_price', 'discount_then_clawback'),
  discount_basis: set('current_at_least_base'), repeat_requires_prior_sanction: set('any_second_breach', 'after_sanction'), same_day_breaches: set('one_occasion', 'each_counts'),
  reward_definition: set('expected_and_actual'), discount_base: set('list_price_at_payment'), invoice_rounding: set('invoice_half_up'), term_rule: set('whole_months', 'minimum_only'),
  unpinning_effect: set('later_invoices'), late_transfer_effect: set('breach_only'), instalments: set('own_clock'), revocation_effect: set('by_invoice_day'),
};

type Pin = { clientId: string; partnerId: string; requestedAt: number; decision: string; decidedAt: number | null; reason: string | null; unpinnedAt: number | null };
type Violation = { id: string; establishedAt: number; saleId: string | null; reducedOn: number | null };

function read(raw: unknown) {
  const i = obj(raw, F.input);
  const p = req(i, 'partner', (v) => obj(v, F.partner));
  const s = req(i, 'sale', (v) => obj(v, F.sale));
  const partner = { id: req(p, 'partner_id', text), registered: req(p, 'registered_in_cabinet', bool), current: opt(p, 'current_discount_pct', percent), liftedOn: opt(p, 'reduction_lifted_on', date) };
  const pinning: Pin[] = req(i, 'pinning', list).map((x) => {
    const q = obj(x, F.pin);
    return {
      clientId: req(q, 'client_id', text), partnerId: req(q, 'partner_id', text), requestedAt: req(q, 'requested_at', instant), decision: req(q, 'decision', (v) => oneOf(v, DECISION)),
      decidedAt: opt(q, 'decided_at', instant), reason: opt(q, 'refusal_reason', (v) => oneOf(v, REFUSAL)), unpinnedAt: opt(q, 'unpinned_at', instant),
    };
  });
  const sale = {
    id: req(s, 'sale_id', text), clientId: req(s, 'client_id', text), app: req(s, 'app', (v) => oneOf(v, APP)), quantity: req(s, 'quantity', integer), term: req(s, 'term_months', decimal),
    unitPrice: req(s, 'list_price_per_unit_month', rub), paid: req(s, 'client_paid', rub), setup: opt(s, 'setup_services_included', rub), agreed: opt(s, 'agreed_price', rub),
    receivedAt: req(s, 'client_payment_received_at', instant), renewal: req(s, 'is_renewal', bool),
  };
  const invoice = opt(i, 'invoice', (v) => { const q = obj(v, F.invoice); req(q, 'invoice_id', text); return { generatedAt: req(q, 'generated_at', instant), quantity: req(q, 'quantity', integer), term: req(q, 'term_months', decimal), amount: opt(q, 'amount', rub) }; });
  const transfer = opt(i, 'transfer', (v) => { const q = obj(v, F.transfer); return { paidAt: req(q, 'paid_to_atrealt_at', instant), amount: req(q, 'amount', rub) }; });
  const violations: Violation[] = req(i, 'violations', list).map((x) => {
    const q = obj(x, F.violation);
    req(q, 'clause', (v) => oneOf(v, CLAUSE)); opt(q, 'occurred_at', date);
    return { id: req(q, 'violation_id', text), establishedAt: req(q, 'established_at', date), saleId: opt(q, 'sale_id', text), reducedOn: opt(q, 'reduced_to_base_on', date) };
  });
  return { partner, pinning, sale, invoice, transfer, violations };
}

/** Every output of atrealt, in the program's order; the evaluation day is read only where the rules read it. */
export function atrealtProgram(input: unknown, options: { asOf?: string; readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const reading = readingsIn(options.readings, READINGS);
    const asOfMs = options.asOf === undefined ? undefined : instant(options.asOf);
    const { partner, pinning, sale, invoice, transfer, violations } = read(input);
    const asOf = () => { if (asOfMs === undefined) throw new Refused('RB-E-NO-ASOF', 'no evaluation instant'); return asOfMs; };
    let todayDay: number | undefined;
    const today = () => (todayDay ??= MOSCOW.day(asOf()));
    const inScope = sale.app !== 'other';

    // §4.1: the partner's standing
    let countedList: Violation[] | undefined;
    const counted = () => (countedList ??= violations.filter((v) => v.establishedAt <= today()));
    let repeated: number | null | undefined;
    const repeatedDay = (): number | null => {
      if (repeated !== undefined) return repeated;
      const c = counted();
      let min: number | null = null;
      const consider = (d: number) => { if (min === null || d < min) min = d; };
      if (reading('repeat_requires_prior_sanction', 'any_second_breach') === 'after_sanction') {
        for (const w of c) if (c.some((v) => v.id !== w.id && v.reducedOn !== null && w.establishedAt > v.reducedOn)) consider(w.establishedAt);
      } else if (reading('same_day_breaches', 'one_occasion') === 'each_counts') {
        for (const w of c) if (c.filter((v) => v.establishedAt <= w.establishedAt).length >= 2) consider(w.establishedAt);
      } else {
        for (const w of c) if (c.some((v) => v.establishedAt < w.establishedAt)) consider(w.establishedAt);
      }
      return (repeated = min);
    };
    const reducedOn = (d: number) => counted().some((v) => v.reducedOn !== null && v.reducedOn <= d
      && !(partner.liftedOn !== null && partner.liftedOn >= v.reducedOn && partner.liftedOn <= d));
    const statusOn = (d: number) => { const r = repeatedDay(); const reduced = reducedOn(d); return r !== null && r <= d ? 'revoked' : reduced ? 'reduced_to_base' : 'active'; };

    // §1.2, §4.5: pinning at the check moment
    const checkMoment = invoice !== null ? invoice.generatedAt : asOf();
    const statusAtInvoice = statusOn(MOSCOW.day(checkMoment));
    const own = pinning.filter((p) => p.clientId === sale.clientId && p.partnerId === partner.id);
    const approvedBy = (p: Pin, t: number) => p.decision === 'approved' && p.decidedAt !== null && p.decidedAt <= t;
    const unpinnedBy = (p: Pin, t: number) => p.unpinnedAt !== null && p.unpinnedAt <= t;
    const inForce = (p: Pin, t: number) => approvedBy(p, t) && !unpinnedBy(p, t);
    const refusedFor = (p: Pin, why: string) => p.decision === 'refused' && (p.decidedAt ?? checkMoment) <= checkMoment && p.reason !== null && p.reason === why;
    const cm = checkMoment;
    const pinInForce = own.some((p) => inForce(p, cm));
    const pinReasons: Reason[] = [];
    if (!pinInForce) {
      if (own.length === 0) pinReasons.push(WHY.neverRequested);
      if (own.length > 0 && !own.some((p) => p.requestedAt <= cm)) pinReasons.push(WHY.requestedLate);
      if (own.some((p) => refusedFor(p, 'other_partner_negotiation'))) pinReasons.push(WHY.refusedOther);
      if (own.some((p) => refusedFor(p, 'direct_negotiation'))) pinReasons.push(WHY.refusedDirect);
      if (own.some((p) => p.decision === 'refused' && p.reason === null && (p.decidedAt ?? cm) <= cm)) pinReasons.push(WHY.refusedNoReason);
      if (own.some((p) => p.requestedAt <= cm && (p.decision === 'pending' || (p.decision === 'refused' && p.decidedAt !== null && p.decidedAt > cm)))) pinReasons.push(WHY.undecided);
      if (own.some((p) => p.decision === 'approved' && p.decidedAt !== null && p.decidedAt > cm)) pinReasons.push(WHY.approvedLate);
      if (own.some((p) => p.decision === 'approved' && p.decidedAt === null)) pinReasons.push(WHY.undated);
      if (own.some((p) => approvedBy(p, cm) && unpinnedBy(p, cm))) pinReasons.push(WHY.unpinned);
    }
    if (pinning.some((q) => q.clientId === sale.clientId && q.partnerId !== partner.id && inForce(q, cm))) pinReasons.push(WHY.elsewhere);
    const pinned = pinReasons.length === 0;
    const entitlementReasons: Reason[] = [];
    if (!inScope) entitlementReasons.push(WHY.outOfScope);
    if (!partner.registered) entitlementReasons.push(WHY.unregistered);
    if (statusAtInvoice === 'revoked') entitlementReasons.push(WHY.revoked);
    const entitlement = eligibility([...entitlementReasons, ...pinReasons]);

    // §5.1, §5.2, §2: amounts
    const basis = !inScope ? 'not_determined_other_app' : !partner.registered ? 'none_not_registered' : statusAtInvoice === 'revoked' ? 'none_revoked'
      : pinned ? 'at_discount' : reading('unpinned_invoice', 'full_price') === 'full_price' ? 'full_price_no_pin' : 'discount_then_clawback';
    const invoiced = basis === 'at_discount' || basis === 'full_price_no_pin' || basis === 'discount_then_clawback';
    const rate = statusAtInvoice === 'reduced_to_base' ? BASE : D.max(BASE, partner.current ?? BASE);
    const listTotal = sale.unitPrice.times(new D(sale.quantity).times(sale.term)).toDecimalPlaces(2, D.ROUND_HALF_UP);
    const subPaid = sale.paid.minus(sale.setup ?? ZERO);
    const discount = basis === 'at_discount' || basis === 'discount_then_clawback' ? rate : ZERO;
    const invoiceAmount = listTotal.times(HUNDRED.minus(discount)).div(100).toDecimalPlaces(2, D.ROUND_HALF_UP);
    const permitted = sale.agreed ?? listTotal;
    const price: Reason[] = [];
    if (!(sale.agreed !== null || subPaid.lte(listTotal))) price.push(WHY.over);
    if (!(sale.agreed !== null || subPaid.gte(listTotal))) price.push(WHY.under);
    if (!(sale.agreed === null || subPaid.lte(permitted))) price.push(WHY.overAgreed);
    if (!(sale.agreed === null || subPaid.gte(permitted))) price.push(WHY.underAgreed);
    const term: Reason[] = [];
    if (sale.term.lt(ONE)) term.push(WHY.short);
    if (!(sale.term.lt(ONE) || reading('term_rule', 'whole_months') === 'minimum_only' || sale.term.eq(sale.term.floor()))) term.push(WHY.fraction);
    const match: Reason[] = [];
    if (invoice !== null && invoice.quantity !== sale.quantity) match.push(WHY.quantity);
    if (invoice !== null && !invoice.term.eq(sale.term)) match.push(WHY.term);

    // §1.6: the transfer
    let deadlineDay: number | undefined;
    const deadline = () => (deadlineDay ??= RU.add(MOSCOW.day(sale.receivedAt), 3));
    const transferMade = () => transfer !== null && transfer.paidAt <= asOf();
    // §1.6 «по счету», §5.1: less than the expected invoice amount is not the payment transferred
    const transferShort = () => transfer !== null && transferMade() && invoiced && transfer.amount.lt(invoiceAmount);
    let statusValue: string | undefined;
    const transferStatus = () => (statusValue ??= !inScope ? 'not_determined_other_app'
      : transfer !== null && transferMade() && !transferShort() ? (MOSCOW.day(transfer.paidAt) <= deadline() ? 'on_time' : 'late')
        : today() > deadline() ? 'overdue' : 'not_yet_due');

    const out: Record<string, unknown> = {
      coverage: inScope ? 'covered' : 'not_covered_other_app', reward_entitled: entitlement, invoice_basis: basis, partner_status_at_invoice: statusAtInvoice,
      applicable_discount_pct: percentOut(discount), list_total: rubOut(listTotal), invoice_amount_expected: invoiced ? rubOut(invoiceAmount) : null,
      reward_expected: invoiced ? rubOut(basis === 'at_discount' ? listTotal.minus(invoiceAmount) : ZERO) : null,
      clawback_expected: rubOut(basis === 'discount_then_clawback' ? listTotal.minus(invoiceAmount) : ZERO),
    };
    out.reward_actual = transfer !== null && transferMade() && inScope ? rubOut(subPaid.minus(transfer.amount)) : null;
    out.transfer_deadline = inScope ? isoDate(deadline()) : null;
    out.transfer_state = transferStatus();
    out.transfer_late = transferStatus() === 'late' || transferStatus() === 'overdue';
    out.price_compliant = eligibility(price);
    out.term_valid = eligibility(term);
    out.quantity_term_match = eligibility(match);
    const st = transferStatus();
    const findings = [
      inScope && price.length > 0 && sale.agreed === null, inScope && price.length > 0 && sale.agreed !== null, inScope && match.length > 0, st === 'late' || st === 'overdue',
    ].flatMap((hit, k) => (hit ? [GROUND[k]!] : []));
    out.sale_breaches = findings.map((b) => ({ clause: b.clause, ground: b.ground }));
    out.violation_count = counted().length;
    out.revoked_on = repeatedDay() === null ? null : isoDate(repeatedDay()!);
    out.partner_status_after = statusOn(today());
    out.support_until_end_of_term = entitlement.eligible && sale.renewal;
    const unrecorded = findings.length > 0 && !violations.some((v) => v.saleId !== null && v.saleId === sale.id);
    const shows = [
      invoice === null, !transferMade(), transfer !== null && !transferMade(), transferShort(),
      partner.current === null && discount.gt(0) && statusAtInvoice === 'active', partner.current !== null && partner.current.lt(BASE),
      unrecorded, violations.some((v) => v.establishedAt > today()),
      invoice !== null && invoice.amount !== null && invoiced && !invoice.amount.eq(invoiceAmount), !inScope,
    ];
    out.notes = NOTE.filter((_, k) => shows[k]);
    return out;
  });
}
