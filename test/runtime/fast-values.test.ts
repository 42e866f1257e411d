/**
 * The fast value paths equal the slow ones they replace, by property: each fast
 * function is checked against the library or reference code it stands in for, on
 * generated values across the whole accepted range (years 0001–9999) and around the
 * awkward places (zone transitions, odd historical offsets, leap days).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { formatInstant, instantSlot, MIN_INSTANT, MAX_INSTANT } from '../../runtime/values/instant.js';
import { isoDate } from '../../runtime/values/calendar-date.js';
import { amountWithSuffix, percentText, decimalValue, dateText, instantText } from '../../runtime/values/strict-text.js';
import { decodeValue, encodeValue, type CodecEnv, type InputProblem } from '../../runtime/values/codec.js';
import { encoderOf } from '../../runtime/values/encoder.js';
import { inputDecoder, BAD } from '../../runtime/values/decoder.js';
import { isDec, Dec } from '../../runtime/values/decimal.js';
import { moneyScaleLimit } from '../../runtime/values/limits.js';
import { schemaOf } from '../../runtime/values/json-schema.js';
import type { Ty } from '../../runtime/ir.js';

const ZONES = ['Asia/Almaty', 'Europe/Moscow', 'Europe/Kyiv', 'Australia/Lord_Howe', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'America/Sao_Paulo', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Africa/Monrovia', 'Europe/Amsterdam'];
/** Instants near now (DST rules of today), in the 1900s (historical offsets) and anywhere in range, whole seconds or not. */
const instants = fc.oneof(
  fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
  fc.integer({ min: Date.UTC(1880, 0, 1), max: Date.UTC(1960, 0, 1) }).map((t) => t - (t % 1000)),
  fc.integer({ min: MIN_INSTANT, max: MAX_INSTANT }),
  fc.constantFrom(MIN_INSTANT, MAX_INSTANT, 0, -1, Date.UTC(2024, 1, 29, 23, 59, 59, 999)),
);

describe('formatInstant', () => {
  it('writes exactly what luxon writes, in every kind of zone', () => {
    fc.assert(fc.property(instants, fc.constantFrom(...ZONES), (ms, zone) => {
      expect(formatInstant(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
    }), { numRuns: 5_000 });
  });

  it('keeps its last texts per slot, never giving one instant or zone the text of another', () => {
    // instants that share a slot (found by search: the slot is a hash of the second); each zone and each instant, asked in turn, still gets its own text
    const base = Date.UTC(2025, 7, 31, 18, 30);
    const sharing = (from: number, step: number) => { let t = from + step; while (instantSlot(t) !== instantSlot(base)) t += step; return t; };
    const far = sharing(base, 1000), early = sharing(base, -1000);
    expect(instantSlot(far)).toBe(instantSlot(base));
    expect(instantSlot(early)).toBe(instantSlot(base));
    for (let round = 0; round < 3; round++) {
      for (const ms of [base, far, early, base + 1, base + 999]) {
        for (const zone of ['Asia/Almaty', 'Europe/Moscow', 'UTC', 'America/St_Johns']) {
          expect(formatInstant(ms, zone)).toBe(DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true }));
        }
      }
    }
  });

  it('spreads the instants rules meet most, whole days and hours, over its slots', () => {
    const midnight = Date.UTC(2025, 0, 1) - 3 * 3_600_000;
    const slots = (step: number, n: number) => new Set(Array.from({ length: n }, (_, i) => instantSlot(midnight + i * step))).size;
    // the second modulo 2 048 put 1 000 midnights in 16 slots and 2 000 hours in 128
    expect(slots(86_400_000, 1000)).toBeGreaterThan(800);
    expect(slots(3_600_000, 2000)).toBeGreaterThan(1000);
  });
});

describe('isoDate', () => {
  it('keeps its last texts per slot, never giving one day the text of another', () => {
    // day numbers 4 096 apart share a slot (negative ones too)
    const days = [20_000, 20_000 + 4096, 20_000 - 4096, -1, 4095, -4097, 0];
    for (let round = 0; round < 3; round++) {
      for (const d of days) expect(isoDate(d)).toBe(DateTime.fromMillis(d * 86_400_000, { zone: 'UTC' }).toISODate());
    }
  });
});

describe('canonical text readers', () => {
  const env: CodecEnv = { records: {}, enums: {}, zone: 'UTC', moneyScale: 2 };
  /** The reader accepts only what the reporting decoder and the compiler's schema accept, and reads the same value. */
  const agrees = (t: Ty, read: (v: unknown) => unknown, texts: fc.Arbitrary<unknown>) => {
    const schema = schemaOf(t, {}, true) as { pattern?: string; type: string | string[] };
    const pattern = schema.pattern === undefined ? undefined : new RegExp(schema.pattern, 'u');
    let accepted = 0;
    fc.assert(fc.property(texts, (v) => {
      const got = read(v);
      if (got === undefined) return;
      accepted++;
      const problems: InputProblem[] = [];
      const want = decodeValue(v, t, '$', env, problems);
      expect(problems).toEqual([]);
      if (typeof v === 'string' && pattern) expect(pattern.test(v), `${JSON.stringify(v)} against ${String(pattern)}`).toBe(true);
      if (isDec(want)) { expect(isDec(got) && got.eq(want) && got.isNeg() === want.isNeg()).toBe(true); expect((got as Dec).toFixed()).toBe(want.toFixed()); } else expect(got).toBe(want);
    }), { numRuns: 20_000 });
    expect(accepted).toBeGreaterThan(1000);
  };
  const num = fc.stringMatching(/^-?[0-9]{1,4}(\.[0-9]{0,4})?$/);
  const noisy = (core: fc.Arbitrary<string>) => fc.oneof(core, core, core, fc.tuple(fc.constantFrom(' ', '', '+', '0', '\n'), core, fc.constantFrom(' ', '', '\n', '.', 'x')).map(([a, b, c]) => a + b + c));
  it('money in one of several currencies, through the specialised decoder', () => {
    const t: Ty = { k: 'money_of', curs: ['USD', 'EUR', 'JPY'] };
    const decode = inputDecoder([{ name: 'm', type: t }], env);
    const pattern = new RegExp((schemaOf(t, {}, true) as { pattern: string }).pattern, 'u');
    let strict = 0;
    fc.assert(fc.property(noisy(fc.tuple(num, fc.constantFrom(' USD', ' EUR', ' JPY', ' KZT', 'USD', ' USDX', '  EUR')).map(([a, b]) => a + b)), (v) => {
      const got = decode({ m: v });
      const problems: InputProblem[] = [];
      const want = decodeValue(v, t, '$', env, problems) as { a: Dec; c: string } | undefined;
      if (problems.length) { expect(got).toBe(BAD); return; }
      const m = (got as { m: { a: Dec; c: string } }).m;
      expect(m.c).toBe(want!.c);
      expect(m.a.toFixed()).toBe(want!.a.toFixed());
      expect(m.a.isNeg()).toBe(want!.a.isNeg());
      // read without the reference converter only when the schema's pattern accepts it too
      if (!decode.loose) { strict++; expect(pattern.test(v as string), String(v)).toBe(true); }
    }), { numRuns: 20_000 });
    expect(strict).toBeGreaterThan(1000);
  });
  it('money', () => agrees({ k: 'money', cur: 'RUB' }, (v) => amountWithSuffix(v, 'RUB', moneyScaleLimit('RUB', 2)), noisy(fc.tuple(num, fc.constantFrom(' RUB', ' KZT', 'RUB', '  RUB', ' RUBX')).map(([a, b]) => a + b))));
  it('amounts of a unit', () => agrees({ k: 'unit', unit: 'bonus' }, (v) => amountWithSuffix(v, 'bonus', Infinity), noisy(fc.tuple(num, fc.constantFrom(' bonus', ' bonuses', 'bonus')).map(([a, b]) => a + b))));
  it('percentages', () => agrees({ k: 'percent' }, percentText, noisy(fc.tuple(num, fc.constantFrom('%', '', '%%')).map(([a, b]) => a + b))));
  it('decimals, as text or JSON numbers', () => agrees({ k: 'decimal' }, decimalValue, fc.oneof(noisy(num), fc.double(), fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53), 1e21, 0.1))));
  it('dates', () => agrees({ k: 'date' }, dateText, noisy(fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), fc.constantFrom('-', '/')).map(([y, m, d, s]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}${s}${String(d).padStart(2, '0')}`))));
  it('instants', () => {
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const offset = fc.oneof(fc.constantFrom('Z', '', 'z', '+05:00', '-00:00', '+14:00', '+14:01', '-03:30', '+05:60', '+0500', '[Asia/Almaty]', '+05:00[Asia/Almaty]'), fc.tuple(fc.constantFrom('+', '-'), two(15), two(60)).map(([s, h, m]) => `${s}${h}:${m}`));
    const seconds = fc.oneof(fc.constant(''), two(60).map((s) => `:${s}`), fc.tuple(two(59), fc.stringMatching(/^[0-9]{0,10}$/)).map(([s, f]) => `:${s}.${f}`));
    const text = fc.tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(31), fc.constantFrom('T', 't', ' '), two(24), two(60), seconds, offset)
      .map(([y, mo, d, t, h, mi, s, o]) => `${String(y).padStart(4, '0')}-${mo}-${d}${t}${h}:${mi}${s}${o}`);
    agrees({ k: 'instant' }, instantText, noisy(text));
  });
});

describe('output encoders specialised per type', () => {
  const env: CodecEnv = { records: {}, enums: {}, zone: 'Europe/Moscow', moneyScale: 2 };
  /** Decimal texts around the places where scaled integers and decimal.js part: half cents, zeros of either sign, beyond 2^53. */
  const decimals = fc.oneof(
    fc.tuple(fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }), fc.integer({ min: 0, max: 5 })),
    fc.tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 12 })),
  ).map(([n, k]) => new Dec(n.toString()).div(new Dec(10).pow(k))).chain((d) => fc.constantFrom(d, d.neg()));
  const same = (t: Ty, values: fc.Arbitrary<unknown>) => {
    const encode = encoderOf(t, env);
    fc.assert(fc.property(values, (v) => {
      let want: unknown, wantErr: unknown, got: unknown, gotErr: unknown;
      try { want = encodeValue(v, t, env); } catch (e) { wantErr = e; }
      try { got = encode(v); } catch (e) { gotErr = e; }
      expect(gotErr === undefined).toBe(wantErr === undefined);
      expect(Object.is(got, want), `${String(got)} vs ${String(want)}`).toBe(true);
    }), { numRuns: 10_000 });
  };
  it('money, amounts of a unit, percentages, decimals', () => {
    for (const t of [{ k: 'money', cur: 'RUB' }, { k: 'unit', unit: 'bonus' }, { k: 'percent' }, { k: 'decimal' }] as Ty[]) same(t, fc.oneof(decimals, fc.constant(null)));
  });
  it('money in a currency of its own', () => same({ k: 'money_of' } as Ty, fc.tuple(decimals, fc.constantFrom('USD', 'KZT')).map(([a, c]) => ({ a, c }))));
  it('whole numbers, -0 and beyond 2^53 included', () => same({ k: 'integer' }, fc.oneof(decimals.map((d) => d.trunc()), fc.constantFrom(new Dec(0).neg(), new Dec(2).pow(53), new Dec(2).pow(53).minus(1)), fc.integer())));
  it('instants, in range or not', () => same({ k: 'instant' }, fc.oneof(instants, fc.constantFrom(MIN_INSTANT - 1, MAX_INSTANT + 1))));
});
