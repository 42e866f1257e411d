/**
 * The referral-ru bonus rule (bench/programs/referral-bonus.rules) in json-rules-engine, as its
 * users write one: the request's parts are runtime facts, "within three years of the
 * registration" is a computed fact over Moscow days with JavaScript's Date (Moscow is UTC+3 all
 * year), the five rows are rules in priority order stopped at the first success, and the
 * application rounds the bonus to the kopeck.
 */
import { Engine, type Almanac, type TopLevelCondition, type RuleProperties } from 'json-rules-engine';

type Obj = Record<string, any>;
/** The Moscow calendar day of an instant, as YYYY-MM-DD. */
const moscowDay = (iso: string) => new Date(Date.parse(iso) + 3 * 3_600_000).toISOString().slice(0, 10);

const FACTS: Record<string, (a: Almanac) => Promise<unknown>> = {
  counts: async (a) => {
    const p = await a.factValue<Obj>('purchase');
    return p.item_type === 'cloud_paid_plan' && p.seller === 'bitrix_direct' && ((await a.factValue<string>('client_country')) ?? 'RU') === 'RU';
  },
  in_window: async (a) => {
    const anniversary = new Date(`${moscowDay(await a.factValue<string>('client_registered_at'))}T00:00:00Z`);
    anniversary.setUTCFullYear(anniversary.getUTCFullYear() + 3);
    return moscowDay((await a.factValue<Obj>('purchase')).paid_at) <= anniversary.toISOString().slice(0, 10);
  },
};

const is = (fact: string, value: unknown) => ({ fact, operator: 'equal', value });
const ROWS: [unknown[], string, number][] = [
  [[is('counts', false)], 'not_counted', 0],
  [[is('attributed', false)], 'client_unbound', 0],
  [[is('earlier_attributed_purchase', false)], 'first_purchase', 50],
  [[is('earlier_attributed_purchase', true), is('in_window', true)], 'renewal', 20],
  [[], 'after_window', 0],
];

/** An engine holding the rule; the function runs it on one request (amounts as numbers). */
export function referralBonusEngine(): (input: Obj) => Promise<Obj> {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const [name, fn] of Object.entries(FACTS)) engine.addFact(name, (_params, almanac) => fn(almanac));
  const stop = () => { engine.stop(); };
  const rules: RuleProperties[] = ROWS.map(([conditions, kind, rate]) => ({
    conditions: (conditions.length ? { all: conditions } : { all: [is('attributed', true)] }) as TopLevelCondition,
    event: { type: kind, params: { rate } }, onSuccess: stop,
  }));
  rules.forEach((r, i) => engine.addRule({ ...r, priority: rules.length - i }));
  return async (input) => {
    const { events } = await engine.run(input);
    const rate = events[0]!.params!.rate as number;
    return { kind: events[0]!.type, rate, bonuses: Math.round((input.purchase as Obj).amount * rate) / 100 };
  };
}
