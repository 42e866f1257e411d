/**
 * bench/programs/referral-bonus.rules (the bonus rule of referral-ru §4) written by hand
 * for production: the version cut-off, the 3-year window on day numbers, the base and the
 * 50% / 20% in decimal.js, readings as in the program (defaults: cutoff_zone moscow,
 * window_end inclusive_anniversary, base_includes_vat included, bonus_rounding
 * half_up_kopecks).
 */
import { D, ZERO, Zone, guarded, obj, req, names, readingsIn, field, present, bool, text, oneOf, money, instant, addMonths, dayOf, moneyOut, percentOut, eligibility, type Reason, type Result } from './common.js';

const MOSCOW = new Zone('Europe/Moscow');
const LAST_2025_DAY = dayOf(2025, 12, 31);
const CUTOFF_UTC = Date.UTC(2026, 0, 1);
const FIRST = new D(50), RENEWAL = new D(20);
const set = names;
const F_INPUT = set('purchase', 'client_registered_at', 'client_country', 'attributed', 'earlier_attributed_purchase');
const F_PURCHASE = set('paid_at', 'amount', 'vat', 'item_type', 'seller');
const ITEM = set('cloud_paid_plan', 'other_payment');
const SELLER = set('bitrix_direct', 'other');
const READINGS: Record<string, ReadonlySet<string>> = {
  cutoff_zone: set('moscow', 'utc'), window_end: set('inclusive_anniversary', 'exclusive_anniversary'),
  base_includes_vat: set('included', 'excluded'), bonus_rounding: set('half_up_kopecks', 'floor_whole_bonuses'),
};
const NOT_CLOUD: Reason = { reason: 'the purchase is not a paid plan of cloud Bitrix24', clauses: ['§4'] };
const NOT_DIRECT: Reason = { reason: 'the purchase was not bought directly from 1C-Bitrix', clauses: ['§4'] };
const ABROAD: Reason = { reason: 'the client is outside the Russian Federation', clauses: ['§1'] };

const rub = (v: unknown) => money(v, 'RUB', 2);

/** The bonuses of one purchase: whether it qualifies, its kind, rate, version, base and bonuses. */
export function referralBonus(input: unknown, options: { readings?: Record<string, string> } = {}): Result {
  return guarded(() => {
    const reading = readingsIn(options.readings, READINGS);
    const i = obj(input, F_INPUT);
    const p = req(i, 'purchase', (v) => obj(v, F_PURCHASE));
    const paidAt = req(p, 'paid_at', instant), amount = req(p, 'amount', rub);
    const vatRaw = field(p, 'vat');
    const vat = present(vatRaw) ? rub(vatRaw) : ZERO;
    const item = req(p, 'item_type', (v) => oneOf(v, ITEM)), seller = req(p, 'seller', (v) => oneOf(v, SELLER));
    const registeredAt = req(i, 'client_registered_at', instant);
    const countryRaw = field(i, 'client_country');
    const country = present(countryRaw) ? text(countryRaw) : 'RU';
    const attributed = req(i, 'attributed', bool), earlier = req(i, 'earlier_attributed_purchase', bool);

    const reasons: Reason[] = [];
    if (item !== 'cloud_paid_plan') reasons.push(NOT_CLOUD);
    if (seller !== 'bitrix_direct') reasons.push(NOT_DIRECT);
    if (country !== 'RU') reasons.push(ABROAD);
    const v2025 = reading('cutoff_zone', 'moscow') === 'utc' ? paidAt < CUTOFF_UTC : MOSCOW.day(paidAt) <= LAST_2025_DAY;
    let kind: string, rate = ZERO;
    if (reasons.length) kind = 'not_counted';
    else if (!attributed) kind = 'client_unbound';
    else if (!earlier) { kind = 'first_purchase'; rate = FIRST; }
    else {
      const paidDay = MOSCOW.day(paidAt), anniversary = addMonths(MOSCOW.day(registeredAt), 36);
      const inWindow = reading('window_end', 'inclusive_anniversary') === 'exclusive_anniversary' ? paidDay < anniversary : paidDay <= anniversary;
      if (inWindow) { kind = 'renewal'; rate = RENEWAL; } else kind = 'after_window';
    }
    const base = reading('base_includes_vat', 'included') === 'excluded' ? amount.minus(vat) : amount;
    const exact = base.times(rate).div(100);
    const bonuses = reading('bonus_rounding', 'half_up_kopecks') === 'floor_whole_bonuses' ? exact.toDecimalPlaces(0, D.ROUND_FLOOR) : exact.toDecimalPlaces(2, D.ROUND_HALF_UP);
    return {
      qualifies: eligibility(reasons), kind, rate: percentOut(rate), version: v2025 ? 'v2025' : 'v2026',
      base: moneyOut(base, 2, 'RUB'), bonuses: `${bonuses.toFixed()} bonus`,
    };
  });
}
