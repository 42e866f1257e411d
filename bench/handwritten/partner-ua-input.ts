/**
 * The partner-ua input read once into typed fields, refusing what the program's schema
 * refuses (every field, also those the status and discount never read), and the readings
 * in force with the program's defaults.
 */
import { type D, obj, req, opt, names, readingsIn, list, bool, text, integer, oneOf, money, unitAmount, date, instant } from './common.js';

const set = names;
const STATUS = set('business', 'certified', 'gold');
const ROLE = set('main_user', 'full_rights', 'limited_rights', 'certified_specialist', 'marketplace', 'requests');
const COMPETENCY = set('composite_site', 'qm', 'integration_1c', 'php_hosting', 'large_corporate', 'sysadmin');
const KIND = set('renewal_or_transition_purchase', 'project_added', 'qm_project', 'marketplace_module', 'composite_site_project', 'mobile_app', 'additional', 'event_participation', 'specialist_certification');
const FAMILY = set('cms', 'mobile_app', 'bitrix24', 'marketplace', 'other');
const F = {
  input: set('partner', 'employees', 'cert_requirements', 'points_events', 'extra_point_applications', 'project_submissions', 'nfr_grants', 'sales_for_nfr', 'own_site', 'sanctions', 'pd_requests', 'order', 'competency_request'),
  partner: set('partner_id', 'legal_form', 'professional_activity', 'approved_at', 'application_sent_on', 'accession_application_accepted', 'city', 'last_grant', 'qm_participant_since', 'competencies', 'termination'),
  grant: set('status', 'granted_on'), termination: set('initiator', 'effective_on', 'notice_sent_on', 'notice_form'),
  employee: set('user_id', 'role', 'attached_on', 'detached_on', 'certificates'), certificate: set('course_id', 'obtained_on'),
  requirement: set('from', 'status', 'courses', 'min_certified_employees'),
  event: set('event_id', 'kind', 'base_points', 'accrued_at', 'project_id', 'license_key', 'edition_site_limit', 'unique_design', 'standard_or_marketplace_template', 'key_activated_registered_to_client', 'is_redesign', 'is_mirror_or_alias', 'joint_with', 'joint_flag_self', 'joint_flag_other', 'dispute', 'contract_holder', 'refused'),
  application: set('application_id', 'added_on', 'decided_on'), submission: set('project_id', 'submitted_on', 'complete', 'published_on'),
  nfr: set('kind', 'granted_on', 'edition_retail_price'), sale: set('sale_id', 'on', 'product_family', 'partner_purchase', 'end_user_price'),
  site: set('relevant_content', 'migrated_to_cms', 'integration_requirements_met', 'original_design'),
  sanction: set('sanction_id', 'kind', 'decided_on', 'months', 'to_status'), pd: set('request_id', 'duty', 'received_on'),
  order: set('product_family', 'retail_price', 'buyer_role'), competency: set('competency', 'criteria_met'),
};
const E = {
  legal: set('legal_entity', 'fop', 'natural_person'), initiator: set('partner', 'bitrix', 'mutual'), notice: set('letter', 'email_with_posted_original', 'email_only'),
  nfr: set('on_request_nfr', 'cloud_nfr'), sanction: set('delisting', 'blocking', 'requests_disconnection', 'status_downgrade', 'nfr_withdrawal', 'points_refusal'),
  duty: set('confirm_grounds', 'stop_processing', 'notify_request'),
};

const uah = (v: unknown) => money(v, 'UAH', 2);
const points = (v: unknown) => unitAmount(v, 'point');
const flag = (o: Record<string, unknown>, k: string) => opt(o, k, bool);

export type Status = 'business' | 'certified' | 'gold';
export interface Employee { role: string; attachedOn: number; detachedOn: number | null; certificates: { course: string; on: number }[] }
export interface Requirement { from: number; status: string; courses: string[]; min: number }
export interface PointsEvent {
  id: string; kind: string; base: D; at: number; projectId: string | null; key: string | null; siteLimit: number | null;
  unique: boolean | null; template: boolean | null; keyOk: boolean | null; redesign: boolean | null; mirror: boolean | null;
  jointWith: string | null; flagSelf: boolean | null; flagOther: boolean | null; dispute: boolean | null; holder: string | null; refused: boolean | null;
}
export interface Sanction { kind: string; decidedOn: number; months: number | null; toStatus: string | null }
export interface Input {
  partnerId: string; approvedAt: number; lastGrant: { status: Status; on: number } | null; qmSince: number | null; terminationOn: number | null;
  employees: Employee[]; requirements: Requirement[]; events: PointsEvent[]; sanctions: Sanction[];
  order: { family: string; price: D; role: string } | null;
}

/** Reads and checks the whole input; keeps what the status and the discount need. */
export function readPartnerUa(raw: unknown): Input {
  const i = obj(raw, F.input);
  const p = req(i, 'partner', (v) => obj(v, F.partner));
  req(p, 'legal_form', (v) => oneOf(v, E.legal)); req(p, 'professional_activity', bool); opt(p, 'application_sent_on', date);
  req(p, 'accession_application_accepted', bool); req(p, 'city', text); req(p, 'competencies', list).forEach((v) => oneOf(v, COMPETENCY));
  const termination = opt(p, 'termination', (v) => {
    const t = obj(v, F.termination);
    req(t, 'initiator', (x) => oneOf(x, E.initiator)); opt(t, 'notice_sent_on', date); opt(t, 'notice_form', (x) => oneOf(x, E.notice));
    return req(t, 'effective_on', date);
  });
  const input: Input = {
    partnerId: req(p, 'partner_id', text), approvedAt: req(p, 'approved_at', instant),
    lastGrant: opt(p, 'last_grant', (v) => { const g = obj(v, F.grant); return { status: req(g, 'status', (x) => oneOf(x, STATUS)) as Status, on: req(g, 'granted_on', date) }; }),
    qmSince: opt(p, 'qm_participant_since', date), terminationOn: termination,
    employees: req(i, 'employees', list).map((x) => {
      const e = obj(x, F.employee);
      req(e, 'user_id', text);
      return {
        role: req(e, 'role', (v) => oneOf(v, ROLE)), attachedOn: req(e, 'attached_on', date), detachedOn: opt(e, 'detached_on', date),
        certificates: req(e, 'certificates', list).map((y) => { const c = obj(y, F.certificate); return { course: req(c, 'course_id', text), on: req(c, 'obtained_on', date) }; }),
      };
    }),
    requirements: req(i, 'cert_requirements', list).map((x) => {
      const r = obj(x, F.requirement);
      return { from: req(r, 'from', date), status: req(r, 'status', (v) => oneOf(v, STATUS)), courses: req(r, 'courses', list).map(text), min: req(r, 'min_certified_employees', integer) };
    }),
    events: req(i, 'points_events', list).map((x) => {
      const e = obj(x, F.event);
      return {
        id: req(e, 'event_id', text), kind: req(e, 'kind', (v) => oneOf(v, KIND)), base: req(e, 'base_points', points), at: req(e, 'accrued_at', instant),
        projectId: opt(e, 'project_id', text), key: opt(e, 'license_key', text), siteLimit: opt(e, 'edition_site_limit', integer),
        unique: flag(e, 'unique_design'), template: flag(e, 'standard_or_marketplace_template'), keyOk: flag(e, 'key_activated_registered_to_client'),
        redesign: flag(e, 'is_redesign'), mirror: flag(e, 'is_mirror_or_alias'), jointWith: opt(e, 'joint_with', text), flagSelf: flag(e, 'joint_flag_self'),
        flagOther: flag(e, 'joint_flag_other'), dispute: flag(e, 'dispute'), holder: opt(e, 'contract_holder', text), refused: flag(e, 'refused'),
      };
    }),
    sanctions: [],
    order: null,
  };
  for (const x of req(i, 'extra_point_applications', list)) { const a = obj(x, F.application); req(a, 'application_id', text); req(a, 'added_on', date); opt(a, 'decided_on', date); }
  for (const x of req(i, 'project_submissions', list)) { const s = obj(x, F.submission); req(s, 'project_id', text); req(s, 'submitted_on', date); req(s, 'complete', bool); opt(s, 'published_on', date); }
  for (const x of req(i, 'nfr_grants', list)) { const g = obj(x, F.nfr); req(g, 'kind', (v) => oneOf(v, E.nfr)); req(g, 'granted_on', date); opt(g, 'edition_retail_price', uah); }
  for (const x of req(i, 'sales_for_nfr', list)) {
    const s = obj(x, F.sale);
    req(s, 'sale_id', text); req(s, 'on', date); req(s, 'product_family', (v) => oneOf(v, FAMILY)); req(s, 'partner_purchase', uah); opt(s, 'end_user_price', uah);
  }
  opt(i, 'own_site', (v) => { const s = obj(v, F.site); for (const k of F.site) req(s, k, bool); return true; });
  input.sanctions = req(i, 'sanctions', list).map((x) => {
    const s = obj(x, F.sanction);
    req(s, 'sanction_id', text);
    return { kind: req(s, 'kind', (v) => oneOf(v, E.sanction)), decidedOn: req(s, 'decided_on', date), months: opt(s, 'months', integer), toStatus: opt(s, 'to_status', (v) => oneOf(v, STATUS)) };
  });
  for (const x of req(i, 'pd_requests', list)) { const r = obj(x, F.pd); req(r, 'request_id', text); req(r, 'duty', (v) => oneOf(v, E.duty)); req(r, 'received_on', date); }
  input.order = opt(i, 'order', (v) => {
    const o = obj(v, F.order);
    return { family: req(o, 'product_family', (x) => oneOf(x, FAMILY)), price: req(o, 'retail_price', uah), role: req(o, 'buyer_role', (x) => oneOf(x, ROLE)) };
  });
  opt(i, 'competency_request', (v) => { const c = obj(v, F.competency); req(c, 'competency', (x) => oneOf(x, COMPETENCY)); req(c, 'criteria_met', bool); return true; });
  return input;
}

export interface Readings { pointsWindow: string; rounding: string; scope: string; dispute: string; downgrade: string }
const READINGS: Record<string, ReadonlySet<string>> = {
  points_window: set('date_based', 'instant_based'), daylight_saving: set('kyiv_wall_clock'), points_rounding: set('exact', 'half_up_int', 'floor_int'),
  status_review: set('upgrade_daily_downgrade_at_anniversary'), status_loss: set('highest_met'), discount_scope: set('excluding_bitrix24', 'all_software'),
  cert_requirements_version: set('in_force_at_calculation'), joint_single_flag: set('none_until_both'), joint_dispute: set('full_to_holder', 'half_to_holder'),
  qm_point_value: set('at_survey'), nfr_sales_basis: set('partner_purchase', 'end_user_price'), on_request_renewal_basis: set('retail_price', 'partner_price'),
  nfr_swap: set('certified_too'), exit_notice: set('calendar_month_with_original'), business_days: set('ua_martial_law'),
  downgrade_sanction: set('holds_while_in_force', 'next_calculation'), sanction_effects: set('discount_zero_status_kept'),
};

/** The readings in force: the program's defaults unless named. */
export function readReadings(r: Record<string, string> | undefined): Readings {
  const get = readingsIn(r, READINGS);
  return {
    pointsWindow: get('points_window', 'date_based'), rounding: get('points_rounding', 'exact'), scope: get('discount_scope', 'excluding_bitrix24'),
    dispute: get('joint_dispute', 'full_to_holder'), downgrade: get('downgrade_sanction', 'holds_while_in_force'),
  };
}
