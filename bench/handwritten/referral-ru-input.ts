/**
 * The referral-ru input read once into typed fields, refusing what the program's schema
 * refuses; the readings in force with the program's defaults.
 */
import { type D, obj, req, opt, names, readingsIn, list, bool, text, integer, oneOf, money, unitAmount, date, instant } from './common.js';

const set = names;
const F_INPUT = set('partner', 'clients', 'binding_events', 'purchases', 'conversions', 'annulments', 'acts');
const F_PARTNER = set('partner_id', 'legal_form', 'country', 'contract_concluded_on', 'contract_terminated_on', 'vat_payer');
const F_USERS = set('date', 'intranet_users');
const F_CLIENT = set('client_id', 'registered_at', 'country', 'had_cloud_portal_before', 'intranet_users', 'active_use_confirmed');
const F_EVENT = set('event_id', 'client_id', 'partner_id', 'tool', 'at', 'plan_change', 'link_id');
const F_PURCHASE = set('purchase_id', 'client_id', 'paid_at', 'amount', 'vat', 'item_type', 'seller', 'refunded_at');
const F_CONVERSION = set('requested_at', 'bonuses', 'act_id');
const F_ANNULMENT = set('decided_on', 'bonuses');
const F_ACT = set('act_id', 'received_on', 'invoice_received_on', 'signed_on', 'rejected_on');
const LEGAL_FORM = set('legal_entity', 'individual_entrepreneur', 'other');
const TOOL = set('referral_link', 'promo_code', 'personal_purchase_link', 'invoice_payment', 'nfr_link', 'migrator');
const PLAN_CHANGE = set('free_to_paid', 'upgrade', 'other');
const ITEM = set('cloud_paid_plan', 'other_payment');
const SELLER = set('bitrix_direct', 'other');

const rub = (v: unknown) => money(v, 'RUB', 2);
const bonuses = (v: unknown) => unitAmount(v, 'bonus');

export interface Event { eventId: string; clientId: string; partnerId: string; tool: string; at: number; planChange: string | null; linkId: string | null }
export interface Client { clientId: string; registeredAt: number; country: string | null; hadPortal: boolean | null; users: { date: number; users: number }[]; confirmed: boolean | null }
export interface Purchase { purchaseId: string; clientId: string; paidAt: number; amount: D; vat: D | null; itemType: string; seller: string; refundedAt: number | null }
export interface Act { actId: string; receivedOn: number; invoiceOn: number | null; signedOn: number | null; rejectedOn: number | null }
export interface Input {
  partner: { partnerId: string; legalForm: string; country: string; concludedOn: number | null; terminatedOn: number | null; vatPayer: boolean };
  clients: Client[];
  events: Event[];
  purchases: Purchase[];
  conversions: { requestedAt: number; bonuses: D; actId: string | null }[];
  annulments: { decidedOn: number; bonuses: D }[];
  acts: Act[];
}

/** Reads and checks the whole input. */
export function readReferral(raw: unknown): Input {
  const i = obj(raw, F_INPUT);
  const p = req(i, 'partner', (v) => obj(v, F_PARTNER));
  return {
    partner: {
      partnerId: req(p, 'partner_id', text), legalForm: req(p, 'legal_form', (v) => oneOf(v, LEGAL_FORM)), country: req(p, 'country', text),
      concludedOn: opt(p, 'contract_concluded_on', date), terminatedOn: opt(p, 'contract_terminated_on', date), vatPayer: req(p, 'vat_payer', bool),
    },
    clients: req(i, 'clients', list).map((x) => {
      const c = obj(x, F_CLIENT);
      return {
        clientId: req(c, 'client_id', text), registeredAt: req(c, 'registered_at', instant), country: opt(c, 'country', text), hadPortal: opt(c, 'had_cloud_portal_before', bool),
        users: req(c, 'intranet_users', list).map((y) => { const u = obj(y, F_USERS); return { date: req(u, 'date', date), users: req(u, 'intranet_users', integer) }; }),
        confirmed: opt(c, 'active_use_confirmed', bool),
      };
    }),
    events: req(i, 'binding_events', list).map((x) => {
      const e = obj(x, F_EVENT);
      return {
        eventId: req(e, 'event_id', text), clientId: req(e, 'client_id', text), partnerId: req(e, 'partner_id', text), tool: req(e, 'tool', (v) => oneOf(v, TOOL)),
        at: req(e, 'at', instant), planChange: opt(e, 'plan_change', (v) => oneOf(v, PLAN_CHANGE)), linkId: opt(e, 'link_id', text),
      };
    }),
    purchases: req(i, 'purchases', list).map((x) => {
      const q = obj(x, F_PURCHASE);
      return {
        purchaseId: req(q, 'purchase_id', text), clientId: req(q, 'client_id', text), paidAt: req(q, 'paid_at', instant), amount: req(q, 'amount', rub),
        vat: opt(q, 'vat', rub), itemType: req(q, 'item_type', (v) => oneOf(v, ITEM)), seller: req(q, 'seller', (v) => oneOf(v, SELLER)), refundedAt: opt(q, 'refunded_at', instant),
      };
    }),
    conversions: (opt(i, 'conversions', list) ?? []).map((x) => { const r = obj(x, F_CONVERSION); return { requestedAt: req(r, 'requested_at', instant), bonuses: req(r, 'bonuses', bonuses), actId: opt(r, 'act_id', text) }; }),
    annulments: (opt(i, 'annulments', list) ?? []).map((x) => { const a = obj(x, F_ANNULMENT); return { decidedOn: req(a, 'decided_on', date), bonuses: req(a, 'bonuses', bonuses) }; }),
    acts: (opt(i, 'acts', list) ?? []).map((x) => {
      const a = obj(x, F_ACT);
      return { actId: req(a, 'act_id', text), receivedOn: req(a, 'received_on', date), invoiceOn: opt(a, 'invoice_received_on', date), signedOn: opt(a, 'signed_on', date), rejectedOn: opt(a, 'rejected_on', date) };
    }),
  };
}

export interface Readings { versionSelector: string; cutoffZone: string; usersMeasure: string; firstScope: string; windowEnd: string; baseVat: string; rounding: string; invoiceBinding: string; preContract: string }
const READINGS: Record<string, ReadonlySet<string>> = {
  version_selector: set('trigger_event', 'accrual_date'), cutoff_zone: set('moscow', 'utc'), active_users_measure: set('end_of_window', 'every_day', 'max_in_window'),
  first_purchase_scope: set('client', 'client_partner'), window_end: set('inclusive_anniversary', 'exclusive_anniversary'), base_includes_vat: set('included', 'excluded'),
  bonus_rounding: set('half_up_kopecks', 'floor_whole_bonuses'), invoice_payment_binding: set('override', 'only_if_unbound'), pre_contract_accrual: set('none', 'accrue_locked'),
};

/** The readings in force: the program's defaults unless named. */
export function readReadings(r: Record<string, string> | undefined): Readings {
  const get = readingsIn(r, READINGS);
  return {
    versionSelector: get('version_selector', 'trigger_event'), cutoffZone: get('cutoff_zone', 'moscow'), usersMeasure: get('active_users_measure', 'end_of_window'),
    firstScope: get('first_purchase_scope', 'client'), windowEnd: get('window_end', 'inclusive_anniversary'), baseVat: get('base_includes_vat', 'included'),
    rounding: get('bonus_rounding', 'half_up_kopecks'), invoiceBinding: get('invoice_payment_binding', 'override'), preContract: get('pre_contract_accrual', 'none'),
  };
}
