/**
 * `evaluate` at the library level: it never throws, refuses unknown readings and a
 * missing evaluation instant with stable codes, picks effective-dated versions by
 * the event's date in the program zone, and does date arithmetic by the header.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { load } from '../../runtime/load.js';
import { artifactOf, errorOf, fixture, header, outputsOf, rulesetOf, rulesetOfFixture } from './helpers.js';

describe('effective-dated values choose the version by the date in the program zone', () => {
  const rules = rulesetOf(`${header({ zone: 'Europe/Moscow' })}
input
  event_at: instant
  event_day: date

define bonus_rate(at: instant): decimal = in force on at
  until 31.12.2025: 100
  from 01.01.2026: 0

define fee(d: date): percent = in force on d
  from 01.01.2025 until 30.06.2025: 5%
  from 01.07.2025: 7%

output rate = bonus_rate(event_at)
output fee_rate = fee(event_day)
output local_day = date(event_at)
`);
  const rateAt = (at: string) => outputsOf(rules, { event_at: at, event_day: '2025-07-01' }).rate;

  it('31.12.2025 23:30 MSK is the old version', () => {
    expect(rateAt('2025-12-31T23:30[Europe/Moscow]')).toBe('100');
    expect(rateAt('2025-12-31T23:30:00+03:00')).toBe('100');
    expect(rateAt('2025-12-31T20:59:59Z')).toBe('100');
  });

  it('01.01.2026 00:10 MSK is the new version, though it is still 31.12 in UTC', () => {
    expect(rateAt('2026-01-01T00:10[Europe/Moscow]')).toBe('0');
    expect(rateAt('2026-01-01T00:10:00+03:00')).toBe('0');
    expect(rateAt('2025-12-31T21:10:00Z')).toBe('0');
    expect(rateAt('2025-12-31T21:00:00Z')).toBe('0');
    const out = outputsOf(rules, { event_at: '2025-12-31T21:10:00Z', event_day: '2025-07-01' });
    expect(out.local_day).toBe('2026-01-01');
  });

  it('chooses a date-keyed version by the date itself', () => {
    const fee = (d: string) => outputsOf(rules, { event_at: '2025-07-01T12:00Z', event_day: d }).fee_rate;
    expect(fee('2025-01-01')).toBe('5%');
    expect(fee('2025-06-30')).toBe('5%');
    expect(fee('2025-07-01')).toBe('7%');
    expect(fee('2030-01-01')).toBe('7%');
  });

  it('reports RB-E-NO-VERSION, naming the date, when no version is in force', () => {
    const error = errorOf(rules, { event_at: '2025-07-01T12:00Z', event_day: '2024-12-31' });
    expect(error.code).toBe('RB-E-NO-VERSION');
    expect(error.message).toContain('31.12.2024');
    expect(error.span).toBeDefined();
  });
});

describe('month arithmetic follows the month-end policy of the header', () => {
  const body = `
input
  d: date

output plus_month = d + 1 month
output minus_month = d - 1 month
output plus_year = d + 1 year
output plus_days = d + 30 days
`;
  const clamp = rulesetOf(header({ monthEnd: 'clamp' }) + body);
  const overflow = rulesetOf(header({ monthEnd: 'overflow' }) + body);

  it('clamps 31.01 + 1 month to the end of February', () => {
    expect(outputsOf(clamp, { d: '2025-01-31' }).plus_month).toBe('2025-02-28');
    expect(outputsOf(clamp, { d: '2028-01-31' }).plus_month).toBe('2028-02-29');
    expect(outputsOf(clamp, { d: '2025-03-31' }).minus_month).toBe('2025-02-28');
    expect(outputsOf(clamp, { d: '2025-05-31' }).plus_month).toBe('2025-06-30');
    expect(outputsOf(clamp, { d: '2028-02-29' }).plus_year).toBe('2029-02-28');
    expect(outputsOf(clamp, { d: '2025-12-31' }).plus_month).toBe('2026-01-31');
    expect(outputsOf(clamp, { d: '2026-01-31' }).minus_month).toBe('2025-12-31');
  });

  it('overflows 31.01 + 1 month into March', () => {
    expect(outputsOf(overflow, { d: '2025-01-31' }).plus_month).toBe('2025-03-03');
    expect(outputsOf(overflow, { d: '2028-01-31' }).plus_month).toBe('2028-03-02');
    expect(outputsOf(overflow, { d: '2025-03-31' }).minus_month).toBe('2025-03-03');
    expect(outputsOf(overflow, { d: '2028-02-29' }).plus_year).toBe('2029-03-01');
  });

  it('agrees on days that exist in both months', () => {
    for (const rules of [clamp, overflow]) {
      expect(outputsOf(rules, { d: '2025-01-15' }).plus_month).toBe('2025-02-15');
      expect(outputsOf(rules, { d: '2025-01-31' }).plus_days).toBe('2025-03-02');
    }
  });
});

describe('business days in the language', () => {
  const program = (calendar: string) => rulesetOf(`${header({ calendar })}
input
  d: date

output ten = d + 10 business days
output next_one = d + 1 business day
output back = d - 3 business days
`);
  const ru = program('RU');
  const ua = program('UA');

  it('counts 10 RU business days from 23.12.2025 to 16.01.2026', () => {
    expect(outputsOf(ru, { d: '2025-12-23' }).ten).toBe('2026-01-16');
    expect(outputsOf(ru, { d: '2025-10-31' }).next_one).toBe('2025-11-01'); // the working Saturday
    expect(outputsOf(ru, { d: '2026-01-12' }).back).toBe('2025-12-26');
  });

  it('refuses a year outside the data with RB-E-CALENDAR-YEAR naming the calendar and the year', () => {
    const error = errorOf(ru, { d: '2026-12-28' });
    expect(error.code).toBe('RB-E-CALENDAR-YEAR');
    expect(error.message).toContain('RU');
    expect(error.message).toContain('2027');
    const before = errorOf(ru, { d: '2023-06-01' });
    expect(before.code).toBe('RB-E-CALENDAR-YEAR');
    expect(before.message).toContain('2023');
  });

  it('uses martial-law working days for UA unless the peacetime option is given', () => {
    // Independence Day, Sunday 24.08.2025, moves to Monday 25.08 only in peacetime.
    expect(outputsOf(ua, { d: '2025-08-22' }).next_one).toBe('2025-08-25');
    expect(outputsOf(ua, { d: '2025-08-22' }, { calendar: { ua: 'peacetime' } }).next_one).toBe('2025-08-26');
    expect(outputsOf(ua, { d: '2025-08-22' }, { calendar: { ua: 'martial_law' } }).next_one).toBe('2025-08-25');
    expect(outputsOf(ua, { d: '2025-04-30' }, { calendar: { ua: 'peacetime' } }).next_one).toBe('2025-05-02'); // 01.05 off
    expect(outputsOf(ua, { d: '2025-04-30' }).next_one).toBe('2025-05-01');
  });

  it('counts UA by the law in force on the date: holidays off before 24.03.2022, worked after', () => {
    expect(outputsOf(ua, { d: '2021-03-05' }).next_one).toBe('2021-03-09'); // 08.03.2021, a Monday, off
    expect(outputsOf(ua, { d: '2022-03-04' }).next_one).toBe('2022-03-09'); // 07.03 (moved) and 08.03.2022 off
    expect(outputsOf(ua, { d: '2023-03-07' }).next_one).toBe('2023-03-08'); // 08.03.2023 worked under martial law
    // from Friday 18.02.2022, before martial law, 10 business days run past 24.02 and skip 07–08.03
    expect(outputsOf(ua, { d: '2022-02-18' }).ten).toBe('2022-03-04');
    expect(outputsOf(ua, { d: '2022-02-25' }).ten).toBe('2022-03-14');
  });

  it('reads `calendar UA peacetime` in the header as the what-if, which the evaluation option overrides', () => {
    const source = `${header({ calendar: 'UA peacetime' })}
input
  d: date

output next_one = d + 1 business day
`;
    expect(artifactOf(source).program).toMatchObject({ calendar: 'UA', calendarOptions: { ua: 'peacetime' } });
    expect(artifactOf(`${header({ calendar: 'UA' })}
output x = 1
`).program.calendarOptions).toBeUndefined();
    const peace = rulesetOf(source);
    expect(outputsOf(peace, { d: '2025-08-22' }).next_one).toBe('2025-08-26'); // Independence Day (Sun) moved to Mon 25.08
    expect(outputsOf(peace, { d: '2025-08-22' }, { calendar: { ua: 'martial_law' } }).next_one).toBe('2025-08-25');
    expect(outputsOf(peace, { d: '2025-08-22' }, { calendar: {} }).next_one).toBe('2025-08-26');
  });

  it('refuses UA dates outside the data, naming the calendar (or the what-if) and the year', () => {
    const before = errorOf(ua, { d: '2020-12-30' });
    expect(before.code).toBe('RB-E-CALENDAR-YEAR');
    expect(before.message).toContain('UA has no data for 2020 (it covers 2021–2026)');
    const after = errorOf(ua, { d: '2026-12-28' });
    expect(after.code).toBe('RB-E-CALENDAR-YEAR');
    expect(after.message).toContain('UA has no data for 2027');
    const whatIf = errorOf(ua, { d: '2023-03-07' }, { calendar: { ua: 'peacetime' } });
    expect(whatIf.code).toBe('RB-E-CALENDAR-YEAR');
    expect(whatIf.message).toContain('UA (peacetime what-if) has no data for 2023 (it covers 2024–2026)');
  });

  it('refuses an unknown UA mode without throwing', () => {
    const error = errorOf(ua, { d: '2025-08-22' }, { calendar: { ua: 'wartime' } as never });
    expect(error.code).toBe('RB-E-CALENDAR-ARGUMENT');
  });

  it('refuses business days when the artifact names no calendar (the compiler refuses such a program: RB203)', () => {
    const artifact = artifactOf(`${header({ calendar: 'RU' })}
input
  d: date

output ten = d + 10 business days
`);
    delete artifact.program.calendar;
    const loaded = load(artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(errorOf(loaded.ruleset, { d: '2025-12-23' }).code).toBe('RB-E-NO-CALENDAR');
  });
});

describe('readings and the evaluation instant', () => {
  const rules = rulesetOf(`${header({ zone: 'Europe/Moscow' })}
input
  amount: money

reading version_selector "which event selects the version"
  default trigger_event "the registration instant"
  option accrual_date "the qualification date"

output m = match version_selector when trigger_event then 1 when accrual_date then 2
output today = date(as_of)
`);

  it('takes the default reading, or the one asked for, and reports the readings in force', () => {
    const asOf = '2025-12-31T21:10:00Z';
    const plain = rules.evaluate({ amount: '1.00 RUB' }, { asOf });
    expect(plain).toMatchObject({ ok: true, outputs: { m: 1, today: '2026-01-01' }, readings: { version_selector: 'trigger_event' } });
    const chosen = rules.evaluate({ amount: '1.00 RUB' }, { asOf, readings: { version_selector: 'accrual_date' } });
    expect(chosen).toMatchObject({ ok: true, outputs: { m: 2 }, readings: { version_selector: 'accrual_date' } });
  });

  it('accepts the evaluation instant as epoch milliseconds', () => {
    const ms = Date.UTC(2025, 11, 31, 20, 59, 59);
    expect(outputsOf(rules, { amount: '1.00 RUB' }, { asOf: ms }).today).toBe('2025-12-31');
  });

  it('refuses an unknown reading with RB-E-READING, listing the readings', () => {
    const error = errorOf(rules, { amount: '1.00 RUB' }, { asOf: 0, readings: { selector: 'accrual_date' } });
    expect(error.code).toBe('RB-E-READING');
    expect(error.message).toContain('"selector"');
    expect(error.message).toContain('version_selector');
  });

  it('refuses an unknown option with RB-E-READING, listing the options', () => {
    const error = errorOf(rules, { amount: '1.00 RUB' }, { asOf: 0, readings: { version_selector: 'payment_date' } });
    expect(error.code).toBe('RB-E-READING');
    expect(error.message).toContain('"payment_date"');
    expect(error.message).toContain('trigger_event, accrual_date');
  });

  it('refuses `as_of` without an evaluation instant with RB-E-NO-ASOF', () => {
    const error = errorOf(rules, { amount: '1.00 RUB' });
    expect(error.code).toBe('RB-E-NO-ASOF');
    expect(error.message).toMatch(/as-of|asOf/);
  });

  it('refuses a malformed evaluation instant as input', () => {
    for (const asOf of ['yesterday', '2025-12-31T21:10', '2025-02-30T00:00Z', '2025-01-01T10:00[Mars/Base]']) {
      const error = errorOf(rules, { amount: '1.00 RUB' }, { asOf });
      expect(error.code, asOf).toBe('RB-E-INPUT');
    }
  });
});

describe('input errors at the library level', () => {
  const rules = rulesetOfFixture('boundary.rules');

  it('lists every problem with its JSON path, the first also in path and message', () => {
    const error = errorOf(rules, { amount: 100, qty: 1.5 });
    expect(error.code).toBe('RB-E-INPUT');
    const paths = error.problems!.map((p) => p.path);
    expect(paths).toContain('$.amount');
    expect(paths).toContain('$.qty');
    expect(paths).toContain('$.name');
    expect(paths).toContain('$.purchases');
    expect(paths).not.toContain('$.note'); // optional
    expect(new Set(paths).size).toBe(paths.length); // one problem per path here
    expect(error.path).toBe(error.problems![0]!.path);
    expect(error.message).toBe(`${error.problems![0]!.path} ${error.problems![0]!.message}`);
  });

  it('reports one plain problem per wrong value (an optional of the wrong type is one, not three)', () => {
    const good = JSON.parse(readFileSync(fixture('boundary.input.json'), 'utf8')) as Record<string, unknown>;
    const note = errorOf(rules, { ...good, note: 5 });
    expect(note.problems).toEqual([{ path: '$.note', message: 'must be text, not the number 5' }]);
    const tier = errorOf(rules, { ...good, tier: 5 });
    expect(tier.problems).toHaveLength(1);
    expect(errorOf(rules, { ...good, amount: '100.00' }).message).toBe('$.amount is missing its currency: write "100.00 RUB"');
    expect(errorOf(rules, { ...good, amount: '100.00 USD' }).message).toBe('$.amount is in USD, but RUB is expected here');
    // padded money passes the codec (it trims) but not the schema: still one sentence, no regular expression
    const padded = errorOf(rules, { ...good, amount: ' 100.00 RUB' });
    expect(padded.problems).toHaveLength(1);
    expect(padded.path).toBe('$.amount');
    expect(padded.message).not.toMatch(/\^|\[0-9\]/);
  });

  it('does not let a __proto__ key change the decoded input', () => {
    const text = '{"__proto__": {"name": "Mallory"}, "amount": "1.00 RUB"}';
    const error = errorOf(rules, JSON.parse(text));
    expect(error.problems!.map((p) => p.path)).toContain('$.__proto__');
    expect(error.problems!.map((p) => p.path)).toContain('$.name');
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });
});

/** A tiny deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomJson(next: () => number, depth: number): unknown {
  const pick = Math.floor(next() * (depth > 3 ? 7 : 9));
  const strings = ['', '100.00 RUB', '100.00', '20%', '2025-02-30', '2025-08-31', '2025-08-31T23:30[Asia/Almaty]', '2025-01-01T10:00[Mars/Base]', 'gold', '__proto__', 'constructor', '1e999', '-0', ' 1 RUB', 'NaN'];
  const keys = ['amount', 'rate', 'factor', 'qty', 'active', 'name', 'signed_on', 'paid_at', 'tier', 'purchase', 'purchases', 'note', 'id', '__proto__', 'constructor', 'toString', 'x'];
  switch (pick) {
    case 0: return null;
    case 1: return next() < 0.5;
    case 2: return Math.floor(next() * 2000) - 1000;
    case 3: return (next() - 0.5) * 1e6;
    case 4: return [Number.MAX_SAFE_INTEGER, 1e308, -1e-308, 0.1, 1.5][Math.floor(next() * 5)];
    case 5: case 6: return strings[Math.floor(next() * strings.length)];
    case 7: return Array.from({ length: Math.floor(next() * 4) }, () => randomJson(next, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(next() * 6);
      for (let i = 0; i < n; i++) Object.defineProperty(o, keys[Math.floor(next() * keys.length)]!, { value: randomJson(next, depth + 1), enumerable: true, configurable: true, writable: true });
      return o;
    }
  }
}

describe('evaluate never throws', () => {
  const rules = rulesetOfFixture('boundary.rules');
  const good = {
    amount: '1000.00 RUB', rate: '20%', factor: '1.5', qty: 3, active: true, name: 'Anna', signed_on: '2025-04-15',
    paid_at: '2025-08-31T23:30[Asia/Almaty]', tier: 'gold', purchase: { id: 'p1', paid_at: '2025-08-31T23:30:00+05:00', amount: '10.00 RUB' },
    purchases: [{ id: 'a', paid_at: '2025-01-01T10:00:00+03:00', amount: '1.10 RUB' }],
  };

  it('accepts the good input', () => {
    expect(outputsOf(rules, good).total).toBe('1.10 RUB');
  });

  it('returns {ok: false} for 500 random JSON values', () => {
    const next = random(20250831);
    for (let i = 0; i < 500; i++) {
      const input = randomJson(next, 0);
      let result: ReturnType<typeof rules.evaluate> | undefined;
      expect(() => { result = rules.evaluate(input); }, JSON.stringify(input)).not.toThrow();
      expect(result!.ok, JSON.stringify(input)).toBe(false);
      if (!result!.ok) {
        expect(result!.error.code).toBe('RB-E-INPUT');
        for (const p of result!.error.problems ?? []) expect(p.path.startsWith('$')).toBe(true);
      }
    }
  });

  it('returns a result (never throws) when one field of a good input is replaced by a random value', () => {
    const next = random(7);
    const fields = Object.keys(good);
    for (let i = 0; i < 500; i++) {
      const input: Record<string, unknown> = structuredClone(good);
      const field = fields[Math.floor(next() * fields.length)]!;
      input[field] = randomJson(next, 1);
      let result: ReturnType<typeof rules.evaluate> | undefined;
      expect(() => { result = rules.evaluate(input); }).not.toThrow();
      if (!result!.ok) {
        expect(result!.error.code, JSON.stringify(input[field])).toBe('RB-E-INPUT');
        expect(result!.error.problems!.every((p) => p.path.startsWith(`$.${field}`)), JSON.stringify(result!.error.problems)).toBe(true);
      }
    }
  });

  it('returns {ok: false} for odd options instead of throwing', () => {
    const odd: unknown[] = [
      { asOf: 'not an instant' }, { asOf: {} as never }, { readings: { nope: 'x' } }, { readings: 'text' as never },
      { calendar: { ua: 'wartime' } }, { asOf: Number.NaN },
    ];
    for (const options of odd) expect(() => rules.evaluate(good, options as never)).not.toThrow();
    expect(() => rules.evaluate(undefined)).not.toThrow();
    expect(rules.evaluate(undefined).ok).toBe(false);
  });
});
