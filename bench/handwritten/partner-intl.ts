/**
 * The status, discount and bonus balance of programs/partner-intl.rules written by hand for
 * production: what a backend asks for on every store order of an international partner.
 * The status is replayed from acceptance by jumping between the days something can happen
 * (the end of the agreement, penalties, upgrades, the Bronze deadline, the anniversary
 * reviews of §3.4 with their sales and seats); kickstart and award bonuses are consumed by
 * the orders that may use them, the earliest-expiring first, keeping $/€10 paid per order.
 * Money in decimal.js, days as integers, UTC.
 */
import { D, ZERO, Refused, guarded, instant, dayOf, addMonths, isoDate, moneyOut, percentOut, type Result } from './common.js';
import { readPartnerIntl, readReadings, type Input, type Readings, type Money, type Order, type Status } from './partner-intl-input.js';

const DAY_MS = 86_400_000;
const RANK: Record<Status, number> = { cancelled: 0, bronze: 1, silver: 2, gold: 3 };
const SALES_TARGET: Record<Status, D> = { cancelled: ZERO, bronze: ZERO, silver: new D(5000), gold: new D(15000) };
const SEATS_TARGET: Record<Status, D> = { cancelled: ZERO, bronze: ZERO, silver: new D(400), gold: new D(1000) };
const SEATS_FROM = dayOf(2026, 1, 1), MINIMUM_CASH = new D(10);
const MAX_DAYS = 100_000;
const usdOut = (x: D) => moneyOut(x, 2, 'USD');
const earlier = (a: number | null, b: number | null) => (a !== null && b !== null ? Math.min(a, b) : a ?? b);

/** The outputs of the bench's `partner_intl_decision`, in the program's order. */
export const INTL_OUTPUTS = ['status_now', 'status_since', 'next_review_on', 'store_discount_pct', 'review_year_so_far', 'bonus_balance'] as const;

/** One evaluation; the exchange-rate index, the bonus ledger and the replay are built on first use. */
class Evaluation {
  readonly today: number;
  readonly day90: number;
  constructor(readonly i: Input, readonly r: Readings, asOf: number) {
    this.today = Math.floor(asOf / DAY_MS);
    this.day90 = i.accepted + 90;
  }

  private rates?: Map<string, { from: number; usd: D }[]>;
  /** An amount in USD on a day (A1-1): at parity, or at the operator's EUR rate in force that day. */
  usd(m: Money, d: number): D {
    if (m.c === 'USD') return m.a;
    if (this.r.fx === 'parity') return m.a.toDecimalPlaces(2, D.ROUND_HALF_UP);
    if (!this.rates) {
      const rates = new Map<string, { from: number; usd: D }[]>();
      for (const x of this.i.fx) { let g = rates.get(x.currency); if (!g) rates.set(x.currency, (g = [])); g.push(x); }
      for (const g of rates.values()) g.sort((a, b) => a.from - b.from);
      this.rates = rates;
    }
    let row: { usd: D } | undefined;
    for (const x of this.rates.get('EUR') ?? []) if (x.from <= d) row = x; else break;
    if (!row) throw new Refused('RB-E-NO-DATED-ROW', 'no EUR rate in force on the day');
    if (!row.usd.gt(0)) throw new Refused('RB-E-NO-RATE', 'a rate must be more than zero');
    return m.a.times(row.usd).toDecimalPlaces(2, D.ROUND_HALF_UP);
  }

  counted(o: Order): boolean {
    return o.refunded !== true && o.affiliate !== true && !(o.discount.isZero() && this.r.zeroDiscount === 'not_counted');
  }
  /** Counted sales paid between the two days, both included (§3.2, def (q), A1-3). */
  sales(first: number, last: number): D {
    let sum = ZERO;
    for (const o of this.i.orders) {
      if (!this.counted(o) || o.paidOn < first || o.paidOn > last) continue;
      const net = this.usd(o.net, o.paidOn);
      sum = sum.plus(this.r.bonusFunded === 'counted' ? net : net.minus(this.ledger.taken.get(o.id) ?? ZERO));
    }
    return sum;
  }
  /** Seats of the new clients whose sixth paid month completes between the two days (def (g), A1-5, A1-6). */
  seats(first: number, last: number): D {
    let sum = ZERO;
    for (const c of this.i.clients) {
      if (c.hadPaid || c.affiliate === true) continue;
      let q: Input['clients'][number]['subscriptions'][number] | undefined;
      for (const s of c.subscriptions) if ((q === undefined || s.start < q.start) && (s.end === null || s.end >= addMonths(s.start, 6) - 1)) q = s;
      if (q === undefined || q.limit === null) continue;
      const on = addMonths(q.start, 6) - 1;
      if (on < first || on > last || (this.r.seatsEffective === 'c_seats_from_2026' && q.start < SEATS_FROM)) continue;
      sum = sum.plus(q.limit);
    }
    return sum;
  }
  seatsApply(first: number, review: number): boolean {
    return this.r.seatsEffective === 'b_years_starting_2026' ? first >= SEATS_FROM : review >= SEATS_FROM;
  }
  testsMet(s: Status, first: number, review: number): boolean {
    return this.sales(first, review - 1).gte(SALES_TARGET[s])
      && (this.r.tests === 'sales_only' || !this.seatsApply(first, review) || this.seats(first, review - 1).gte(SEATS_TARGET[s]));
  }
  /** The status after an annual review (§3.4, A1-7). */
  reviewed(s: Status, first: number, review: number): Status {
    const met: Status = this.testsMet('gold', first, review) ? 'gold' : this.testsMet('silver', first, review) ? 'silver' : 'bronze';
    if (RANK[met] >= RANK[s]) return s;
    return this.r.downgrade === 'highest_met' ? met : s === 'gold' ? 'silver' : 'bronze';
  }
  get bronzeMet(): boolean {
    const { tutorial, nfrClaimed } = this.i;
    return tutorial !== null && tutorial <= this.day90 && nfrClaimed !== null && nfrClaimed <= this.day90;
  }

  private replayed?: { status: Status; since: number };
  /** Today's status and the day its period began, replayed from acceptance (§1.5, §3.1, §3.4, §14.1). */
  get state(): { status: Status; since: number } {
    if (this.replayed) return this.replayed;
    const i = this.i, first = i.accepted + 1, last = this.today;
    if (last - first + 1 > MAX_DAYS) throw new Refused('RB-E-SEQUENCE', 'the replay is longer than the rules allow');
    const ends = new Set<number>(), downgrades = new Map<number, Status>(), upgrades = new Map<number, Status>();
    if (i.terminated !== null) ends.add(i.terminated);
    for (const p of i.penalties) {
      if (p.measure === 'status_termination') ends.add(p.on);
      else if (p.measure === 'status_downgrade' && !downgrades.has(p.on)) downgrades.set(p.on, p.to ?? 'bronze');
    }
    for (const g of i.grants) { const had = upgrades.get(g.on); if (had === undefined || RANK[g.status] > RANK[had]) upgrades.set(g.on, g.status); }
    const lapse = this.day90 + 1;
    const days = [...new Set([...ends, ...downgrades.keys(), ...upgrades.keys(), lapse])].filter((d) => d >= first && d <= last).sort((a, b) => a - b);
    let status: Status = 'bronze', since = i.accepted, k = 0;
    for (;;) {
      const review = status === 'silver' || status === 'gold' ? addMonths(since, 12) : Infinity;
      const d = Math.min(k < days.length ? days[k]! : Infinity, review);
      if (d > last) break;
      if (k < days.length && days[k] === d) k++;
      let next: Status | undefined;
      if (status !== 'cancelled' && ends.has(d)) next = 'cancelled';
      else if (status !== 'cancelled' && downgrades.has(d)) next = downgrades.get(d)!;
      else if (status === 'bronze' && d === lapse && !this.bronzeMet) next = 'cancelled';
      else if (status !== 'cancelled' && upgrades.has(d) && RANK[upgrades.get(d)!] > RANK[status]) next = upgrades.get(d)!;
      else if (d === review) next = this.reviewed(status, since, d);
      if (next !== undefined) { status = next; since = d; }
    }
    return (this.replayed = { status, since });
  }

  discountToday(s: Status): D {
    const d = this.today;
    if (this.i.penalties.some((p) => p.measure === 'profile_block' && p.on <= d && d <= (p.until === null ? addMonths(p.on, 12) : Math.min(p.until, addMonths(p.on, 12))))) return ZERO;
    if (s === 'bronze') return this.i.tutorial !== null && this.i.tutorial <= d ? new D(20) : ZERO;
    return s === 'silver' ? new D(40) : s === 'gold' ? new D(50) : ZERO;
  }

  usable(o: Order): boolean {
    if (o.useBonus !== true || (o.kind !== 'cloud_subscription' && o.kind !== 'onprem_key')) return false;
    return o.ownUse !== true && o.newClient === true && !(o.kind === 'cloud_subscription' && o.url === null);
  }

  private kept?: { taken: Map<string, D>; balance: (d: number) => D };
  /** Kickstart and award bonuses taken by the orders (§9, §10, A1-10–A1-13): what each order took, and the balance on a day. */
  get ledger(): { taken: Map<string, D>; balance: (d: number) => D } {
    if (this.kept) return this.kept;
    const i = this.i;
    const decided = i.penalties.filter((p) => p.measure === 'status_termination' || (p.measure === 'status_downgrade' && (p.to ?? 'bronze') === 'cancelled')).map((p) => p.on);
    const firstEnd = earlier(earlier(i.terminated, decided.length ? Math.min(...decided) : null), this.bronzeMet ? null : this.day90 + 1);
    const lots = i.bonuses.map((g, k) => {
      const amount = this.usd(g.amount, g.credited);
      const until = g.kind === 'kickstart' ? this.day90 : dayOf(new Date(g.credited * DAY_MS).getUTCFullYear(), 12, 31);
      return { k, key: g.id, amount, left: amount, from: g.credited, until, stops: earlier(g.cancelled, firstEnd) ?? Infinity };
    });
    type Lot = (typeof lots)[number];
    const draws = i.orders.map((o, k) => ({ o, k })).filter(({ o }) => this.usable(o)).map(({ o, k }) => {
      const net = this.usd(o.net, o.paidOn), limit = net.minus(MINIMUM_CASH);
      const least = limit.lt(net) ? limit : net;
      return { k, key: o.id, on: o.paidOn, cap: least.gt(0) ? least : ZERO };
    });
    const text = (a: string, b: string) => (a === b ? 0 : a < b ? -1 : 1);
    draws.sort((a, b) => a.on - b.on || text(a.key, b.key) || a.k - b.k);
    const byFrom = lots.slice().sort((a, b) => a.from - b.from || a.k - b.k);
    const before = (a: Lot, b: Lot) => a.until - b.until || a.from - b.from || text(a.key, b.key) || a.k - b.k;
    const open: Lot[] = [], takes: { lot: Lot; on: number; amount: D }[] = [], taken = new Map<string, D>();
    let next = 0;
    for (const d of draws) {
      while (next < byFrom.length && byFrom[next]!.from <= d.on) open.push(byFrom[next++]!);
      open.sort(before);
      let want = d.cap;
      for (const lot of open) {
        if (!want.gt(0)) break;
        if (lot.until < d.on || lot.stops <= d.on || !lot.left.gt(0)) continue;
        const take = lot.left.lte(want) ? lot.left : want;
        lot.left = lot.left.minus(take); want = want.minus(take);
        takes.push({ lot, on: d.on, amount: take });
      }
      taken.set(d.key, (taken.get(d.key) ?? ZERO).plus(d.cap.minus(want)));
    }
    const balance = (day: number) => {
      const left = new Map<Lot, D>(lots.map((l) => [l, l.amount]));
      for (const t of takes) if (t.on <= day) left.set(t.lot, left.get(t.lot)!.minus(t.amount));
      let sum = ZERO;
      for (const l of lots) if (l.from <= day && day <= l.until && l.stops > day) sum = sum.plus(left.get(l)!);
      return sum;
    };
    return (this.kept = { taken, balance });
  }
}

/** The status, the store discount, the review year running and the bonus balance (the bench's `partner_intl_decision`). */
export function partnerIntlDecision(input: unknown, options: { asOf?: string; readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const r = readReadings(options.readings);
    const asOf = options.asOf === undefined ? undefined : instant(options.asOf);
    const i = readPartnerIntl(input);
    if (asOf === undefined) throw new Refused('RB-E-NO-ASOF', 'no evaluation instant');
    const ev = new Evaluation(i, r, asOf);
    const { status, since } = ev.state;
    const reviewed = status === 'silver' || status === 'gold';
    const reviewOn = addMonths(since, 12);
    const out: Record<string, unknown> = {
      status_now: status, status_since: isoDate(since), next_review_on: reviewed ? isoDate(reviewOn) : null, store_discount_pct: percentOut(ev.discountToday(status)),
    };
    out.review_year_so_far = !reviewed ? null : {
      year_from: isoDate(since), review_on: isoDate(reviewOn), sales: usdOut(ev.sales(since, ev.today)), sales_target: usdOut(SALES_TARGET[status]),
      seats: `${ev.seats(since, ev.today).toFixed()} seat`, seats_target: `${SEATS_TARGET[status].toFixed()} seat`,
      seats_target_applies: r.tests === 'sales_and_seats' && ev.seatsApply(since, reviewOn),
    };
    out.bonus_balance = usdOut(ev.ledger.balance(ev.today));
    return out;
  });
}
