/**
 * The promo-kz discount decision (programs/promo-kz-summer-2025.rules, default readings) in
 * json-rules-engine, the way its users write one: the request's parts are runtime facts, the
 * derived columns are computed facts (JavaScript over the almanac, instants as `Date.parse`
 * milliseconds), and the rules are the exclusions of §5.10/§5.2/§1.2.3/§5.1 followed by the
 * program's 27 table rows, one rule per row in priority order; the first rule that succeeds
 * stops the engine (hit policy first). The application turns the event into the outputs.
 */
import { Engine, type Almanac, type TopLevelCondition, type RuleProperties } from 'json-rules-engine';

type Obj = Record<string, any>;
/** Astana time is UTC+05:00 all through 2025: the promotion's day boundaries as instants. */
const AT = (day: string) => Date.parse(`${day}T00:00:00+05:00`);
const START = AT('2025-07-28'), END_NEXT = AT('2025-09-01'), SOURCE_CUTOFF = AT('2025-07-24'), WINDOW_FROM = AT('2025-01-01');
const ms = (x: string) => Date.parse(x);
const nextDay = (day: string) => AT(day) + 86_400_000;

const fact = (almanac: Almanac, name: string) => almanac.factValue<any>(name);

/** Placed and paid within the promotion period, its end being the new end of the latest change published by the payment. */
async function inPeriod(a: Almanac, created: number, paid: number): Promise<boolean> {
  const known = ((await fact(a, 'period_changes')) ?? []).filter((c: Obj) => ms(c.published_at) <= paid);
  const latest = Math.max(...known.map((c: Obj) => ms(c.published_at)));
  const endNext = known.length ? Math.max(...known.filter((c: Obj) => ms(c.published_at) === latest).map((c: Obj) => nextDay(c.new_end))) : END_NEXT;
  const stopped = await fact(a, 'stopped_at');
  const suspended = ((await fact(a, 'suspensions')) ?? []).some((s: Obj) => paid >= ms(s.starts_at) && paid < ms(s.ends_at));
  return paid >= START && paid < endNext && created >= START && created < endNext && !(stopped != null && ms(stopped) <= paid) && !suspended;
}

/** Computed facts: what the program derives before its table. */
const FACTS: Record<string, (a: Almanac) => Promise<unknown>> = {
  paid_ms: async (a) => ms((await fact(a, 'order')).paid_at),
  in_period: async (a) => { const o = await fact(a, 'order'); return inPeriod(a, ms(o.created_at), ms(o.paid_at)); },
  boost_in_period: async (a) => { const b = await fact(a, 'boost'); return b != null && inPeriod(a, ms(b.created_at), ms(b.paid_at)); },
  boost_linked: async (a) => {
    const b = await fact(a, 'boost'), o = await fact(a, 'order');
    return b != null && (b.order_id === o.order_id || (b.linked_enterprise_order_id != null && b.linked_enterprise_order_id === o.order_id));
  },
  excluded: async (a) => { const p = await fact(a, 'participant'); return p.excluded_at != null && ms(p.excluded_at) <= (await fact(a, 'paid_ms') as number); },
  opted_out: async (a) => { const p = await fact(a, 'participant'); return p.opted_out_at != null && ms(p.opted_out_at) <= (await fact(a, 'paid_ms') as number); },
  criteria: async (a) => {
    const p = await fact(a, 'participant');
    return p.is_kazakhstani && (p.kind !== 'natural_person' || ((p.age_years ?? 0) >= 18 && (p.fully_capable ?? false)));
  },
  on_free: async (a) => { const c = await fact(a, 'cloud_state'); return c != null && c.plan === 'free'; },
  order_kind: async (a) => {
    const order = await fact(a, 'order'), cloud = order.product === 'b24_cloud';
    if (cloud && (await fact(a, 'on_free')) && ['purchase', 'new_license', 'upgrade'].includes(order.transaction)) return 'move_from_free';
    if (['new_license', 'purchase'].includes(order.transaction)) return cloud ? 'purchase' : 'new_licence';
    return order.transaction;
  },
  admission: async (a) => {
    const p = await fact(a, 'participant'), order = await fact(a, 'order');
    const kind = await fact(a, 'order_kind');
    return (p.has_valid_license || (order.product === 'b24_cloud' && await fact(a, 'on_free')) || ['new_licence', 'purchase', 'move_from_free'].includes(kind)) && p.business_purpose;
  },
  in_other_promotion: async (a) => {
    const paid = await fact(a, 'paid_ms') as number;
    return ((await fact(a, 'participant')).other_promotions ?? []).some((o: Obj) => ms(o.joined_at) <= paid);
  },
  franchise: async (a) => (await fact(a, 'order')).is_franchise_edition ?? false,
  target: async (a) => (await fact(a, 'order')).to_edition_or_plan ?? 'none',
  transition_source: async (a) => {
    const o = await fact(a, 'order');
    return o.from_product === 'cms' ? (o.from_edition === 'business' ? 'cms_business' : 'cms_other') : o.from_product === 'b24_box' ? 'b24_box' : 'other';
  },
  source_in_time: async (a) => { const o = await fact(a, 'order'); return o.from_license_purchased_at != null && ms(o.from_license_purchased_at) < SOURCE_CUTOFF; },
  paid_b24_before: async (a) => {
    const paid = await fact(a, 'paid_ms') as number;
    return ((await fact(a, 'license_history')) ?? []).some((h: Obj) => h.paid && (h.product === 'b24_box' || h.product === 'b24_cloud') && ms(h.purchased_at) < paid);
  },
  cloud_in_window: async (a) => ((await fact(a, 'license_history')) ?? []).filter((h: Obj) => h.paid && h.product === 'b24_cloud' && ms(h.purchased_at) >= WINDOW_FROM && ms(h.purchased_at) < START),
  meets_5_6: async (a) => {
    const c = await fact(a, 'cloud_state');
    const lapsed = c != null && c.plan === 'free' && c.free_reason === 'commercial_expired' && c.free_since != null && c.free_since < '2025-06-30';
    return !(await fact(a, 'paid_b24_before')) || lapsed;
  },
  meets_5_7: async (a) => {
    const w = await fact(a, 'cloud_in_window') as Obj[];
    return (await fact(a, 'paid_b24_before')) && (!w.some((h) => h.term_months === 1) || w.some((h) => h.term_months === 12));
  },
  meets_5_8: async (a) => {
    const w = await fact(a, 'cloud_in_window') as Obj[];
    return (await fact(a, 'paid_b24_before')) && w.length > 0 && w.every((h) => h.term_months === 1);
  },
  term_months: async (a) => (await fact(a, 'order')).term_months ?? 0,
};

const is = (f: string, value: unknown) => ({ fact: f, operator: 'equal', value });
const oneOf = (f: string, ...value: string[]) => ({ fact: f, operator: 'in', value });
const product = (...value: string[]) => ({ fact: 'order', path: '$.product', operator: 'in', value });
const STD = ['standard', 'small_business', 'business'], IMCP = ['online_store_crm', 'corporate_portal'];
/** The program's table: conditions of each row, then rate, clause, outcome. */
const ROWS: [unknown[], number, string, string][] = [
  [[is('franchise', true)], 0, 'none', 'excluded_5_13'],
  [[product('cms'), is('order_kind', 'renewal')], 0, 'none', 'excluded_5_4'],
  [[product('cms'), is('target', 'enterprise')], 0, 'none', 'excluded_5_4'],
  [[product('b24_box'), is('order_kind', 'renewal')], 0, 'none', 'excluded_5_5'],
  [[product('sip_connector')], 0, 'none', 'excluded_5_5'],
  [[product('b24_box'), is('target', 'enterprise')], 0, 'none', 'excluded_5_5'],
  [[product('cms'), is('order_kind', 'new_licence'), oneOf('target', 'start', ...STD)], 20, '4.1.1-a', 'granted'],
  [[product('cms'), is('order_kind', 'transition'), oneOf('target', ...STD), oneOf('transition_source', 'cms_business', 'cms_other'), is('source_in_time', true)], 25, '4.1.1-b', 'granted'],
  [[product('cms', 'b24_box'), is('order_kind', 'transition'), is('target', 'online_store_crm'), is('transition_source', 'cms_business'), is('source_in_time', true)], 20, '4.1.2-c', 'granted'],
  [[product('b24_box'), is('order_kind', 'new_licence'), oneOf('target', ...IMCP)], 15, '4.1.2-a', 'granted'],
  [[product('b24_box'), is('order_kind', 'transition'), oneOf('target', ...IMCP), is('transition_source', 'b24_box'), is('source_in_time', true)], 20, '4.1.2-b', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'purchase', 'move_from_free'), oneOf('target', 'basic', 'standard', 'professional'), is('meets_5_6', true), is('term_months', 12)], 35, '4.1.3-a', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'purchase', 'move_from_free'), is('target', 'enterprise'), is('meets_5_6', true), is('term_months', 12)], 40, '4.1.3-b', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'upgrade', 'move_from_free'), oneOf('target', 'standard', 'professional'), is('meets_5_7', true), is('term_months', 12)], 35, '4.1.4-a', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'upgrade', 'move_from_free'), is('target', 'enterprise'), is('meets_5_7', true), is('term_months', 12)], 40, '4.1.4-b', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'renewal', 'upgrade', 'move_from_free'), oneOf('target', 'standard', 'professional'), is('meets_5_8', true), is('term_months', 12)], 35, '4.1.5-a', 'granted'],
  [[product('b24_cloud'), oneOf('order_kind', 'renewal', 'upgrade', 'move_from_free'), is('target', 'enterprise'), is('meets_5_8', true), is('term_months', 12)], 40, '4.1.5-b', 'granted'],
  [[product('cms'), is('order_kind', 'transition'), oneOf('target', ...STD), oneOf('transition_source', 'cms_business', 'cms_other'), is('source_in_time', false)], 0, 'none', 'source_not_before_cutoff'],
  [[product('cms', 'b24_box'), is('order_kind', 'transition'), is('target', 'online_store_crm'), is('transition_source', 'cms_business'), is('source_in_time', false)], 0, 'none', 'source_not_before_cutoff'],
  [[product('b24_box'), is('order_kind', 'transition'), oneOf('target', ...IMCP), is('transition_source', 'b24_box'), is('source_in_time', false)], 0, 'none', 'source_not_before_cutoff'],
  [[product('cms'), is('order_kind', 'transition'), oneOf('target', ...STD), oneOf('transition_source', 'b24_box', 'other')], 0, 'none', 'source_not_listed'],
  [[product('cms', 'b24_box'), is('order_kind', 'transition'), oneOf('target', ...IMCP), oneOf('transition_source', 'cms_business', 'cms_other', 'other')], 0, 'none', 'source_not_listed'],
  [[product('b24_cloud'), oneOf('order_kind', 'purchase', 'move_from_free'), is('meets_5_6', false)], 0, 'none', 'fails_5_6'],
  [[product('b24_cloud'), is('order_kind', 'upgrade'), is('meets_5_7', false), is('meets_5_8', false)], 0, 'none', 'fails_5_7_and_5_8'],
  [[product('b24_cloud'), is('order_kind', 'renewal'), is('meets_5_8', false)], 0, 'none', 'fails_5_8'],
  [[product('b24_cloud'), { fact: 'term_months', operator: 'notEqual', value: 12 }], 0, 'none', 'term_not_12_months'],
  [[], 0, 'none', 'not_offered'],
];
/** Checks before the table, in the order the program's `exclusion` output reports them. */
const GATES: [unknown, string][] = [
  [is('excluded', true), 'excluded'], [is('opted_out', true), 'opted_out'], [is('in_period', false), 'out_of_period'],
  [is('criteria', false), '1.2.3'], [is('admission', false), '5.1'],
];
const EXCLUSION_OF: Record<string, string> = {
  excluded_5_13: '5.13', excluded_5_4: '5.4', excluded_5_5: '5.5', source_not_listed: 'source_licence', source_not_before_cutoff: 'source_licence_date',
  fails_5_6: 'eligibility_5.6', fails_5_7_and_5_8: 'eligibility_5.7', fails_5_8: 'eligibility_5.8', term_not_12_months: 'term_12_months', not_offered: 'not_offered',
};

/** An engine holding the decision; `decide` runs it on one request (the peer form: amounts as numbers). */
export function promoKzEngine(): (input: Obj) => Promise<Obj> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, fn] of Object.entries(FACTS)) engine.addFact(name, (_params, almanac) => fn(almanac));
  const stop = () => { engine.stop(); };
  const all = (conditions: unknown[]): TopLevelCondition => (conditions.length ? { all: conditions } : { all: [{ fact: 'order', operator: 'notEqual', value: null }] }) as TopLevelCondition;
  const rules: RuleProperties[] = [
    ...GATES.map(([c, exclusion]) => ({ conditions: all([c]), event: { type: 'gate', params: { exclusion } }, onSuccess: stop })),
    ...ROWS.map(([conditions, rate, clause, outcome]) => ({ conditions: all(conditions), event: { type: 'offer', params: { rate, clause, outcome } }, onSuccess: stop })),
  ];
  rules.forEach((r, i) => engine.addRule({ ...r, priority: rules.length - i }));
  return async (input) => {
    const { events, almanac } = await engine.run(input);
    const order = input.order as Obj, list = order.list_price as number, boost = input.boost as Obj | undefined;
    const best = Math.max(0, ...((order.other_discounts ?? []) as Obj[]).map((d) => Math.min(list, d.pct != null ? Math.round((d.pct * list) / 100) : d.amount ?? 0)));
    const refused = (exclusion: string) => ({
      discount_pct: 0, discount_amount: 0, applied_clause: 'none', exclusion,
      applied_discount: best > 0 ? 'other_discount' : 'no_discount', final_price: list - best,
    });
    const event = events[0]!;
    if (event.type === 'gate') return refused(event.params!.exclusion as string);
    const { rate, clause, outcome } = event.params as { rate: number; clause: string; outcome: string };
    if (outcome !== 'granted') return refused(EXCLUSION_OF[outcome]!);
    if (await almanac.factValue('in_other_promotion')) return refused('5.11');
    const amount = Math.round((list * rate) / 100);
    // §4.1.6: the Boost's fixed discount comes with a 12-month Enterprise cloud plan at the promotional price
    const boostTerms = boost != null && order.product === 'b24_cloud' && (await almanac.factValue('target')) === 'enterprise'
      && (await almanac.factValue('boost_linked')) && boost.term_months === 12 && (await almanac.factValue('boost_in_period'));
    const wins = amount + (boostTerms ? Math.min(576_000, boost!.list_price) : 0) >= best; // §5.11: the larger discount, a tie to the promotion
    return {
      discount_pct: rate, discount_amount: amount, applied_clause: clause, exclusion: best > 0 ? '5.11' : 'none',
      applied_discount: wins ? 'promotion' : best > 0 ? 'other_discount' : 'no_discount', final_price: list - (wins ? amount : best),
    };
  };
}
