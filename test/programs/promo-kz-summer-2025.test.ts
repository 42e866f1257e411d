/**
 * The 1C-Bitrix Kazakhstan summer 2025 promotion (programs/promo-kz-summer-2025.rules):
 * it compiles without a single diagnostic, its scenario file runs green through
 * runScenario, every reading is switched by some scenario, and a few properties the
 * seed insists on (Astana time is UTC+05:00, whole tenge, clauses in explanations)
 * are checked directly, as are two properties the review asked for: a CMS -> box transition gets
 * the same answer whichever product it is entered under, and the Boost discount comes only
 * with the promotion, which is chosen counting the Boost (§5.11, §4.1.6).
 */
import { describe, it, expect } from 'vitest';
import { runScenario } from '../../runtime/scenario.js';
import { renderTrace } from '../../runtime/explain.js';
import { programFixture, diagnosticLines, declaredReadings, readingsNeverSwitched } from './program-fixture.js';

const program = programFixture('promo-kz-summer-2025');
const { compiled, scenarios } = program;
const ruleset = () => program.ruleset();

/** The X3-1 situation of the inventory, with the order's instants replaced. */
function x31(createdAt: string, paidAt: string): unknown {
  return {
    participant: { id: 'P', kind: 'legal_entity', is_kazakhstani: true, business_purpose: true, has_valid_license: false },
    license_history: [],
    cloud_state: { plan: 'free', free_reason: 'never_paid' },
    order: {
      order_id: 'O', created_at: createdAt, paid_at: paidAt, product: 'b24_cloud', transaction: 'purchase',
      to_edition_or_plan: 'professional', term_months: 12, list_price: '1000000 KZT', is_franchise_edition: false,
    },
  };
}

describe('promo-kz-summer-2025: compilation', () => {
  it('compiles with no errors and no warnings', () => {
    expect(diagnosticLines(program)).toEqual([]);
    expect(compiled.artifact).toBeDefined();
  });

  it('declares the header of the seed: KZT, Asia/Almaty, calendar KZ, whole tenge', () => {
    const p = compiled.artifact!.program;
    expect(p.currency).toBe('KZT');
    expect(p.zone).toBe('Asia/Almaty');
    expect(p.calendar).toBe('KZ');
    expect(p.rounding).toEqual({ mode: 'half_up', unit: '1' });
  });

  it('declares the readings of D3.6 with the inventory reading as default', () => {
    expect(declaredReadings(program)).toEqual({
      period_test: { default: 'both', options: ['both', 'paid_only'] },
      source_cutoff: { default: 'before_24_07', options: ['before_24_07', 'through_24_07'] },
      lapse_cutoff: { default: 'before_30_06', options: ['before_30_06', 'through_30_06'] },
      valid_licence: { default: 'free_or_planned', options: ['free_or_planned', 'licence_required'] },
      free_to_paid_upgrade: { default: 'counts_as_upgrade', options: ['counts_as_upgrade', 'purchase_only'] },
      boost_link: { default: 'same_or_linked', options: ['same_or_linked', 'same_order_only'] },
      stacking: { default: 'best_for_participant', options: ['best_for_participant', 'promo_only'] },
    });
  });
});

describe('promo-kz-summer-2025: the scenario file', () => {
  it('has at least 35 scenarios', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(35);
  });

  it('switches every non-default option of every reading in some scenario', () => {
    expect(readingsNeverSwitched(program)).toEqual([]);
  });

  const rs = ruleset();
  it.each(scenarios.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const outcome = runScenario(rs, s);
    expect(outcome.mismatches).toEqual([]);
    expect(outcome.passed).toBe(true);
  });
});

describe('promo-kz-summer-2025: properties from the seed', () => {
  const rs = ruleset();

  it('reads Astana time as UTC+05:00 (A3-1): 31.08.2025 18:30 UTC is in, 19:10 UTC is out', () => {
    const inside = rs.evaluate(x31('2025-08-31T18:00:00Z', '2025-08-31T18:30:00Z'));
    const outside = rs.evaluate(x31('2025-08-31T18:50:00Z', '2025-08-31T19:10:00Z'));
    expect(inside.ok && inside.outputs.in_period).toBe(true);
    expect(outside.ok && outside.outputs.in_period).toBe(false);
  });

  it('accepts an instant written with a named zone', () => {
    const r = rs.evaluate(x31('2025-08-31T23:59[Asia/Almaty]', '2025-08-31T23:59[Asia/Almaty]'));
    expect(r.ok && r.outputs.discount_amount).toBe('350000 KZT');
  });

  it('rejects money given as a JSON number, with the path', () => {
    const input = x31('2025-08-10T14:00:00+05:00', '2025-08-10T14:00:00+05:00') as { order: Record<string, unknown> };
    input.order.list_price = 1000000;
    const r = rs.evaluate(input);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('RB-E-INPUT');
      expect(r.error.path).toBe('$.order.list_price');
    }
  });

  it('reports the readings in force', () => {
    const r = rs.evaluate(x31('2025-08-10T14:00:00+05:00', '2025-08-10T14:00:00+05:00'), { readings: { period_test: 'paid_only' } });
    expect(r.ok && r.readings.period_test).toBe('paid_only');
    expect(r.ok && r.readings.stacking).toBe('best_for_participant');
  });

  it('cites the clauses in its explanation', () => {
    const r = rs.evaluate(x31('2025-08-10T14:00:00+05:00', '2025-08-10T14:00:00+05:00'), { explain: true });
    expect(r.ok).toBe(true);
    const text = r.ok ? renderTrace(r.trace ?? []) : '';
    expect(text).toContain('row 12 matched: | - | b24_cloud | purchase, move_from_free | basic, standard, professional | - | - | true | - | - | 12 || 35% | "4.1.3-a" | granted | → {rate: 35%, clause: 4.1.3-a, outcome: granted}  §4.1.3 §5.6');
    expect(text).toContain('discount_amount = 350 000 KZT  §4.1 §4.2');
    expect(text).toContain('reading period_test = both  §5.2');
  });
});

describe('promo-kz-summer-2025: properties from the review', () => {
  const rs = ruleset();
  const company = { id: 'P', kind: 'legal_entity', is_kazakhstani: true, business_purpose: true, has_valid_license: true };
  const kzt = (m: unknown): number => Number(String(m).replace(' KZT', ''));

  const fromEditions = ['start', 'standard', 'small_business', 'business', null] as const;
  const targets = ['online_store_crm', 'corporate_portal'] as const;
  it.each(fromEditions.flatMap((e) => targets.map((t) => [e, t] as const)))(
    'a CMS «%s» -> %s transition gets the same answer entered as product cms or b24_box (§4.1.1 b3, §4.1.2 b3)',
    (fromEdition, target) => {
      const answer = (product: string) => {
        const r = rs.evaluate({
          participant: company,
          order: {
            order_id: 'O', created_at: '2025-08-10T12:00:00+05:00', paid_at: '2025-08-10T12:00:00+05:00', product,
            transaction: 'transition', to_edition_or_plan: target, from_product: 'cms', from_edition: fromEdition,
            from_license_purchased_at: '2025-03-01T10:00:00+05:00', list_price: '300000 KZT',
          },
        });
        if (!r.ok) throw new Error(r.error.message);
        return { pct: r.outputs.discount_pct, clause: r.outputs.applied_clause, exclusion: r.outputs.exclusion };
      };
      const box = answer('b24_box');
      expect(answer('cms')).toEqual(box);
      const granted = fromEdition === 'business' && target === 'online_store_crm';
      expect(box).toEqual(granted ? { pct: '20%', clause: '4.1.2-c', exclusion: 'none' } : { pct: '0%', clause: 'none', exclusion: 'source_licence' });
    },
  );

  const partnerPcts = [0, 10, 30, 40, 45, 50, 60, 68, 69, 70, 90];
  const boostPrices = ['100000 KZT', '1000000 KZT'];
  const stackings = ['best_for_participant', 'promo_only'] as const;
  it.each(stackings.flatMap((st) => boostPrices.flatMap((b) => partnerPcts.map((p) => [st, b, p] as const))))(
    'stacking=%s, Boost %s, partner %i%%: the Boost discount only with the promotion, and the better alternative counting the Boost',
    (stacking, boostPrice, pct) => {
      const r = rs.evaluate({
        participant: company,
        license_history: [],
        order: {
          order_id: 'O', created_at: '2025-08-05T10:00:00+05:00', paid_at: '2025-08-05T10:00:00+05:00', product: 'b24_cloud',
          transaction: 'purchase', to_edition_or_plan: 'enterprise', term_months: 12, list_price: '2000000 KZT',
          other_discounts: pct > 0 ? [{ source: 'partner', pct: `${pct}%` }] : [],
        },
        boost: { order_id: 'O', created_at: '2025-08-05T10:00:00+05:00', paid_at: '2025-08-05T10:00:00+05:00', term_months: 12, list_price: boostPrice },
      }, { readings: { stacking } });
      if (!r.ok) throw new Error(r.error.message);
      const o = r.outputs;
      if (kzt(o.boost_discount) > 0) expect(o.applied_discount).toBe('promotion');
      const promotionTotal = 800000 + Math.min(576000, kzt(boostPrice));   // 40% of 2 000 000 + the Boost
      const otherTotal = (2000000 * pct) / 100;
      const expected = stacking === 'promo_only' || promotionTotal >= otherTotal ? 'promotion' : 'other_discount';
      expect(o.applied_discount).toBe(expected);
      const paid = kzt(o.final_price) + kzt(o.boost_price_after);
      expect(paid).toBe(expected === 'promotion' ? 2000000 + kzt(boostPrice) - promotionTotal : 2000000 - otherTotal + kzt(boostPrice));
    },
  );
});
