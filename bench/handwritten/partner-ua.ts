/**
 * The status and discount of programs/partner-ua.rules written by hand for production: what
 * a backend asks for on every order of a Ukrainian partner. The points each event earns
 * (§5.1–§5.4, §11) are decided once; their one-year windows become day ranges (§5.6: the
 * 23:00 Kyiv calculation); the status is replayed day by day from the last recorded grant
 * (§2.1 upgrade at the first calculation that meets it, §2.2 review at the anniversary, §11
 * downgrades), recomputing the conditions only on the days one of their inputs changes.
 */
import { D, ZERO, Zone, Refused, guarded, instant, addMonths, isoDate, instantOut, moneyOut, percentOut, type Result } from './common.js';
import { readPartnerUa, readReadings, type Input, type Readings, type PointsEvent, type Status } from './partner-ua-input.js';

const KYIV = new Zone('Europe/Kyiv');
const AT_23 = 23 * 3600;
const CERTIFIED_POINTS = new D(100), GOLD_POINTS = new D(500), HUNDRED = new D(100);
const RANK: Record<Status, number> = { business: 0, certified: 1, gold: 2 };
const DISCOUNT: Record<Status, D> = { business: new D(40), certified: new D(45), gold: new D(50) };
/** The longest replay the rules allow (RB-E-SEQUENCE beyond: about 270 years of days). */
const MAX_DAYS = 100_000;

/** The outputs of the bench's `partner_ua_decision`, in the program's order. */
export const UA_OUTPUTS = ['calculation_instant', 'active_points_now', 'status_now', 'status_since', 'status_valid_until', 'status_conditions_met', 'discount_pct', 'order_discount_pct', 'order_price'] as const;

const isProject = (e: PointsEvent) => e.kind === 'project_added' || e.kind === 'composite_site_project';

/** The points this partner earns for each event (§5.1–§5.5, §11), in input order. */
function awardedPoints(i: Input, r: Readings): D[] {
  const events = i.events;
  const half = (e: PointsEvent): D => {
    if (r.rounding === 'half_up_int') return e.base.div(2).toDecimalPlaces(0, D.ROUND_HALF_UP);
    if (r.rounding === 'floor_int') return e.base.div(2).toDecimalPlaces(0, D.ROUND_FLOOR);
    // exact (A2-3): a half of a decimal is a decimal
    return e.base.div(2);
  };
  return events.map((e) => {
    if (e.refused === true || e.kind === 'specialist_certification') return ZERO;
    const project = isProject(e);
    if (project && (e.template === true || e.unique !== true || e.keyOk !== true || e.redesign === true || e.mirror === true)) return ZERO;
    if ((project || e.kind === 'qm_project') && e.projectId !== null
      && events.some((o) => o.id !== e.id && o.kind === e.kind && o.projectId === e.projectId && o.at < e.at)) return ZERO;
    if (project && e.siteLimit !== null) {
      const earlier = e.key === null ? 0 : events.filter((o) => isProject(o) && o.id !== e.id && o.key === e.key && o.at < e.at).length;
      if (earlier >= e.siteLimit) return ZERO;
    }
    if (e.jointWith === null) return e.base;
    if (e.dispute === true) return e.holder !== null && e.holder === i.partnerId ? (r.dispute === 'full_to_holder' ? e.base : half(e)) : ZERO;
    return e.flagSelf === true && e.flagOther === true ? half(e) : ZERO;
  });
}

/** The days a credited event counts: from its first calculation to the day before `exit`. */
interface Window { points: D; enter: number; exit: number }

/** One evaluation; the status replay runs once, on first use. */
class Evaluation {
  readonly today: number;
  readonly calcDay: number;
  readonly windows: Window[];
  constructor(readonly i: Input, readonly r: Readings, readonly asOf: number) {
    this.today = KYIV.day(asOf);
    this.calcDay = asOf >= KYIV.at(this.today, AT_23) ? this.today : this.today - 1;
    const awarded = awardedPoints(i, r);
    this.windows = [];
    i.events.forEach((e, k) => {
      const p = awarded[k]!;
      if (!p.gt(0)) return;
      const day = KYIV.day(e.at);
      const enter = e.at < KYIV.at(day, AT_23) ? day : day + 1;
      let exit: number;
      if (r.pointsWindow === 'date_based') exit = addMonths(day, 12) + 1;
      else {
        // counted while the credit is at or after the calculation a year before: the first day that is no longer so
        exit = addMonths(enter, 12);
        if (addMonths(exit, -12) < enter) exit++;
      }
      this.windows.push({ points: p, enter, exit });
    });
  }
  activePoints(d: number): D {
    let sum = ZERO;
    for (const w of this.windows) if (w.enter <= d && d < w.exit) sum = sum.plus(w.points);
    return sum;
  }
  /** The certificate condition of a status on day d (§2.1, §4.2): the list then in force, enough attached certified employees. */
  certsOk(s: Status, d: number): boolean {
    let req: Input['requirements'][number] | undefined;
    for (const q of this.i.requirements) if (q.status === s && q.from <= d && (req === undefined || q.from > req.from)) req = q;
    if (req === undefined) return false;
    let count = 0;
    for (const e of this.i.employees) {
      if (e.role !== 'full_rights' && e.role !== 'limited_rights' && e.role !== 'certified_specialist') continue;
      if (e.attachedOn > d || (e.detachedOn !== null && e.detachedOn <= d)) continue;
      if (req.courses.every((c) => e.certificates.some((k) => k.course === c && k.on <= d))) count++;
    }
    return count >= req.min;
  }
  met(d: number): Status {
    const points = this.activePoints(d);
    if (this.certsOk('gold', d) && this.i.qmSince !== null && this.i.qmSince <= d && points.gte(GOLD_POINTS)) return 'gold';
    if (this.certsOk('certified', d) && points.gte(CERTIFIED_POINTS)) return 'certified';
    return 'business';
  }
  /** A §11 status downgrade in force on day d bars the automatic upgrade (reading downgrade_sanction). */
  barred(d: number): boolean {
    return this.r.downgrade === 'holds_while_in_force'
      && this.i.sanctions.some((s) => s.kind === 'status_downgrade' && s.decidedOn <= d && (s.months === null || d < addMonths(s.decidedOn, s.months)));
  }

  private replayed?: { status: Status; since: number };
  /** The status at the last calculation and the day its period began (§2.1, §2.2, §11). */
  get state(): { status: Status; since: number } {
    if (this.replayed) return this.replayed;
    const i = this.i;
    let status: Status = i.lastGrant?.status ?? 'business';
    let since = i.lastGrant?.on ?? KYIV.day(i.approvedAt);
    const first = since + 1, last = this.calcDay;
    if (last - first + 1 > MAX_DAYS) throw new Refused('RB-E-SEQUENCE', 'the replay is longer than the rules allow');
    // the days on which the conditions or the sanctions can change: only there are they recomputed
    const changes = new Set<number>();
    for (const w of this.windows) { changes.add(w.enter); changes.add(w.exit); }
    for (const q of i.requirements) changes.add(q.from);
    for (const e of i.employees) { changes.add(e.attachedOn); if (e.detachedOn !== null) changes.add(e.detachedOn); for (const k of e.certificates) changes.add(k.on); }
    if (i.qmSince !== null) changes.add(i.qmSince);
    const downgrades = new Map<number, Status>();
    for (const s of i.sanctions) {
      if (s.kind !== 'status_downgrade') continue;
      changes.add(s.decidedOn);
      if (s.months !== null) changes.add(addMonths(s.decidedOn, s.months));
      if (!downgrades.has(s.decidedOn)) downgrades.set(s.decidedOn, (s.toStatus ?? 'business') as Status);
    }
    let met: Status = 'business', barred = false, anniversary = addMonths(since, 12);
    for (let d = first; d <= last; d++) {
      if (d === first || changes.has(d)) { met = this.met(d); barred = this.barred(d); }
      let next: Status | undefined;
      const downgrade = downgrades.get(d);
      if (downgrade !== undefined) next = downgrade;
      else if (RANK[met] > RANK[status] && !barred) next = met;
      else if (status !== 'business' && d === anniversary) next = barred && RANK[met] > RANK[status] ? status : met;
      if (next === undefined) continue;
      status = next; since = d; anniversary = addMonths(d, 12);
    }
    return (this.replayed = { status, since });
  }

  discountNow(): D {
    const terminated = this.i.terminationOn !== null && this.i.terminationOn <= this.today;
    const blocked = this.i.sanctions.some((s) => s.kind === 'blocking' && s.decidedOn <= this.today && (s.months === null || this.today < addMonths(s.decidedOn, s.months)));
    return terminated || blocked ? ZERO : DISCOUNT[this.state.status];
  }
}

/** The status, the discount and the figures that decide them (the bench's `partner_ua_decision`). */
export function partnerUaDecision(input: unknown, options: { asOf?: string; readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const r = readReadings(options.readings);
    const asOf = options.asOf === undefined ? undefined : instant(options.asOf);
    const i = readPartnerUa(input);
    if (asOf === undefined) throw new Refused('RB-E-NO-ASOF', 'no evaluation instant');
    const ev = new Evaluation(i, r, asOf);
    const points = ev.activePoints(ev.calcDay);
    const { status, since } = ev.state;
    const now = ev.discountNow();
    const o = i.order;
    const orderPct = o === null ? null : o.role === 'limited_rights' || (o.family === 'bitrix24' && r.scope === 'excluding_bitrix24') ? ZERO : now;
    return {
      calculation_instant: instantOut(KYIV.at(ev.calcDay, AT_23), KYIV),
      active_points_now: `${points.toFixed()} point`,
      status_now: status,
      status_since: isoDate(since),
      status_valid_until: status === 'business' ? null : isoDate(addMonths(since, 12)),
      status_conditions_met: ev.met(ev.calcDay),
      discount_pct: percentOut(now),
      order_discount_pct: orderPct === null ? null : percentOut(orderPct),
      order_price: o === null || orderPct === null ? null : moneyOut(o.price.times(HUNDRED.minus(orderPct)).div(100).toDecimalPlaces(2, D.ROUND_HALF_UP), 2, 'UAH'),
    };
  });
}
