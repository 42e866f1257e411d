/**
 * Inputs for the partner-ua status and discount, aimed at where they can go wrong: points
 * credited a minute either side of the 23:00 Kyiv calculation (also in the weeks the clocks
 * change, 30.03 and 26.10.2025), on 29 February 2024 and a year later, ledgers of 0 to 10
 * events whose points add up to 99 / 100 / 499 / 500, anniversaries of a recorded grant,
 * certification lists changing, employees detached, §11 downgrades and blockings.
 */
import fc from 'fast-check';
import type { Artifact } from '../../runtime/ir.js';
import type { Case } from '../../test/runtime/differential-inputs.js';
import { MIN, HOUR, isoAt, pick, maybe, mostly, compact, readingsOf } from './inputs.js';

const DAY = 86_400_000;
const utcDay = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
/** Kyiv's offset in hours at a local wall-clock time: +3 from the last Sunday of March to the last Sunday of October. */
function kyivHours(local: number): number {
  const y = new Date(local).getUTCFullYear();
  const lastSunday = (m: number) => { const end = Date.UTC(y, m + 1, 0); return end - new Date(end).getUTCDay() * DAY; };
  return local >= lastSunday(2) + 3 * HOUR && local < lastSunday(9) + 4 * HOUR ? 3 : 2;
}
const KEY_DAYS = ['2024-02-29', '2025-02-28', '2025-03-01', '2025-03-30', '2025-10-26', '2025-03-29', '2025-09-01', '2025-06-15', '2024-06-15', '2025-12-31', '2026-01-01', '2024-10-27'];
/** A Kyiv wall-clock instant: around 23:00 of a key day (a minute either side), or any time of it, or a day either side. */
const kyivMs = fc.tuple(pick(KEY_DAYS), fc.constantFrom(-1, 0, 0, 1), fc.oneof(fc.constantFrom(23 * HOUR - MIN, 23 * HOUR, 23 * HOUR + MIN, 23 * HOUR - 1000), fc.integer({ min: 0, max: 24 * 60 - 1 }).map((m) => m * MIN)))
  .map(([d, k, within]) => { const local = utcDay(d) + k * DAY + within; return local - kyivHours(local) * HOUR; });
const anyMs = fc.oneof({ arbitrary: kyivMs, weight: 3 }, { arbitrary: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 8, 30) }), weight: 2 });
const instantText = (ms: fc.Arbitrary<number>) => fc.tuple(ms, fc.constantFrom('+02:00', '+03:00', '+02:00', 'Z', '-05:00')).map(([t, o]) => isoAt(t, o));
const day = fc.tuple(pick(KEY_DAYS), fc.integer({ min: -400, max: 400 }), fc.constantFrom(0, 0, 1)).map(([d, k, exact]) => new Date(utcDay(d) + (exact ? 0 : k) * DAY).toISOString().slice(0, 10));
const earlyDay = fc.tuple(pick(['2023-06-01', '2024-01-01', '2024-02-29', '2024-06-01', '2025-01-15']), fc.integer({ min: -60, max: 60 })).map(([d, k]) => new Date(utcDay(d) + k * DAY).toISOString().slice(0, 10));
/** Point values whose sums land on 99, 100, 499 and 500; odd hundredths for the joint split; now and then one finer than 0.01. */
const points = fc.oneof(
  { arbitrary: pick(['100 point', '99 point', '1 point', '50 point', '49.99 point', '0.01 point', '400 point', '399 point', '15.5 point', '30 point', '31 point', '150 point', '350 point', '200 point', '250 point']), weight: 12 },
  { arbitrary: fc.integer({ min: 0, max: 60_000 }).map((c) => `${c / 100} point`), weight: 4 },
  { arbitrary: pick(['0.005 point', '-5 point', '0 point']), weight: 1 },
);
const courses = ['admin', 'dev'];

export function partnerUaCases(a: Artifact): fc.Arbitrary<Case> {
  const certificate = fc.record({ course_id: pick([...courses, 'other']), obtained_on: earlyDay });
  const employee = fc.record({
    user_id: pick(['u1', 'u2', 'u3']), role: pick(['full_rights', 'full_rights', 'certified_specialist', 'limited_rights', 'main_user', 'marketplace']),
    attached_on: earlyDay, detached_on: maybe(day, 5),
    certificates: fc.oneof(fc.constant(courses.map((c) => ({ course_id: c, obtained_on: '2024-02-01' }))), fc.array(certificate, { maxLength: 3 })),
  }).map(compact);
  const requirement = fc.record({
    from: fc.oneof(fc.constant('2024-01-01'), day), status: pick(['certified', 'certified', 'gold', 'gold', 'business']),
    courses: fc.oneof(fc.constant(['admin']), fc.constant(courses), fc.constant([]), fc.constant(['exam'])), min_certified_employees: pick([1, 1, 2, 0, 3]),
  });
  const standardRequirements = fc.constant([
    { from: '2024-01-01', status: 'certified', courses: ['admin'], min_certified_employees: 1 },
    { from: '2024-01-01', status: 'gold', courses, min_certified_employees: 2 },
  ]);
  const project = fc.record({
    project_id: maybe(pick(['pr1', 'pr2']), 1.3), license_key: maybe(pick(['k1', 'k2']), 1.5), edition_site_limit: maybe(pick([1, 2, 0]), 3),
    unique_design: maybe(mostly(6), 1.2), standard_or_marketplace_template: maybe(fc.boolean(), 4), key_activated_registered_to_client: maybe(mostly(6), 1.2),
    is_redesign: maybe(fc.boolean(), 6), is_mirror_or_alias: maybe(fc.boolean(), 6),
  });
  const joint = fc.record({
    joint_with: pick(['P2']), joint_flag_self: maybe(mostly(3), 1.3), joint_flag_other: maybe(mostly(3), 1.3), dispute: maybe(fc.boolean(), 3), contract_holder: maybe(pick(['P1', 'P2']), 1.5),
  });
  const event = fc.tuple(
    fc.record({
      event_id: pick(['E1', 'E2', 'E3', 'E4', 'E5', 'E6']),
      kind: pick(['renewal_or_transition_purchase', 'renewal_or_transition_purchase', 'marketplace_module', 'project_added', 'composite_site_project', 'qm_project', 'mobile_app', 'additional', 'event_participation', 'specialist_certification']),
      base_points: points, accrued_at: instantText(anyMs), refused: maybe(fc.boolean(), 8),
    }),
    maybe(project, 2), maybe(joint, 5),
  ).map(([e, p, j]) => compact({ ...e, ...(e.kind === 'renewal_or_transition_purchase' ? {} : p), ...j }));
  const sanction = fc.record({
    sanction_id: pick(['s1', 's2']), kind: pick(['status_downgrade', 'status_downgrade', 'blocking', 'requests_disconnection', 'delisting']), decided_on: day,
    months: maybe(pick([1, 3, 6, 12, 0]), 1.5), to_status: maybe(pick(['business', 'certified', 'gold']), 1.5),
  }).map(compact);
  const termination = fc.record({ initiator: pick(['partner', 'bitrix', 'mutual']), effective_on: day, notice_sent_on: maybe(day, 2), notice_form: maybe(pick(['letter', 'email_only']), 2) }).map(compact);
  const input = fc.record({
    partner: fc.record({
      partner_id: fc.constant('P1'), legal_form: pick(['legal_entity', 'fop', 'natural_person']), professional_activity: mostly(), approved_at: instantText(fc.oneof(anyMs, fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2024, 5, 1) }))),
      application_sent_on: maybe(earlyDay, 3), accession_application_accepted: fc.boolean(), city: fc.constant('Київ'),
      last_grant: maybe(fc.record({ status: pick(['business', 'certified', 'certified', 'gold']), granted_on: fc.oneof(day, pick(['2024-02-29', '2024-09-01', '2025-03-10'])) }), 1.5),
      qm_participant_since: maybe(fc.oneof(earlyDay, day), 1.4), competencies: fc.constant(['integration_1c']), termination: maybe(termination, 8),
    }).map(compact),
    employees: fc.array(employee, { maxLength: 3 }),
    cert_requirements: fc.oneof({ arbitrary: standardRequirements, weight: 3 }, { arbitrary: fc.array(requirement, { maxLength: 4 }), weight: 2 }),
    points_events: fc.array(event, { maxLength: 10 }),
    extra_point_applications: fc.constant([]), project_submissions: fc.constant([]),
    nfr_grants: maybe(fc.constant([{ kind: 'cloud_nfr', granted_on: '2024-05-01' }]), 4).map((x) => x ?? []),
    sales_for_nfr: maybe(fc.constant([{ sale_id: 'S1', on: '2024-08-01', product_family: 'cms', partner_purchase: '9999.99 UAH' }]), 4).map((x) => x ?? []),
    own_site: maybe(fc.record({ relevant_content: fc.boolean(), migrated_to_cms: fc.boolean(), integration_requirements_met: fc.boolean(), original_design: fc.boolean() }), 4),
    sanctions: fc.oneof(fc.constant([]), fc.array(sanction, { maxLength: 2 })),
    pd_requests: fc.constant([]),
    order: maybe(fc.record({
      product_family: pick(['cms', 'cms', 'mobile_app', 'bitrix24', 'other']), buyer_role: pick(['full_rights', 'full_rights', 'limited_rights', 'main_user']),
      retail_price: fc.oneof(pick(['30000.00 UAH', '0.01 UAH', '0.05 UAH', '12345.67 UAH']), fc.integer({ min: 0, max: 10_000_000 }).map((c) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')} UAH`)),
    }), 1.3),
    competency_request: maybe(fc.record({ competency: pick(['large_corporate', 'qm']), criteria_met: fc.boolean() }), 4),
  }).map(compact);
  const asOf = instantText(fc.oneof({ arbitrary: kyivMs, weight: 3 }, { arbitrary: fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2026, 11, 31) }), weight: 2 }));
  return fc.record({ input, asOf, readings: readingsOf(a) });
}
