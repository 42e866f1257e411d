/**
 * The fast input path (values/decoder.ts with the canonical readers of strict-text.ts and
 * decimal.js values built from their fields by scaled.ts) against the reporting decoder
 * (values/codec.ts), by property, on the boundaries where a hand-rolled reader could part
 * from it: 4,999.99 / 5,000.00, half cents, -0, 2^53 ± 1, 40 and 41 digits, exponents,
 * leap days, 23:59 / 00:00 / 24:00, offsets up to ±14:00, zones in brackets and broken
 * texts. Values must be the same to the digit, exponent and sign of a zero; the fast path
 * may refuse (BAD) only what the reporting decoder refuses; and a whole evaluation gives the
 * same result, error code, path and sentence as the reference engine.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith, type Ruleset } from '../../runtime/load.js';
import { decodeObject, type CodecEnv, type InputProblem } from '../../runtime/values/codec.js';
import { inputDecoder, BAD } from '../../runtime/values/decoder.js';
import { Dec, isDec } from '../../runtime/values/decimal.js';
import type { Ty } from '../../runtime/ir.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Numbers on a boundary or just off one (every one valid money), and numbers written in ways money is not. */
const AMOUNTS = ['4999.99', '5000.00', '5000', '5000.0', '0.01', '0', '-0', '-0.00', '0.00', '-4999.99', '9007199254740991', '9007199254740992',
  '9007199254740993', '90071992547409.91', '90071992547409.93', '-90071992547409.93', '999999999999999.99', '1234567890123456',
  `${'1'.repeat(38)}.00`, `${'9'.repeat(40)}`, '00', '05.00'];
const NOT_AMOUNTS = ['0.005', '4999.995', `${'1'.repeat(39)}.00`, `0.${'0'.repeat(38)}1`, '1e3', '1E3', '1.5e2', '+5', '.5', '5.', '-', '', 'Infinity', 'NaN', '5,000.00', '5 000.00', '٣.00'];
/** Mostly the first, now and then the second (so whole inputs are both accepted and refused). */
const mostly = <T, U>(good: fc.Arbitrary<T>, off: fc.Arbitrary<U>) => fc.oneof({ arbitrary: good, weight: 15 }, { arbitrary: off, weight: 1 });
const amount = mostly(fc.oneof(
  fc.constantFrom(...AMOUNTS),
  fc.tuple(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), fc.integer({ min: 0, max: 2 })).map(([n, k]) => {
    const digits = (n < 0n ? -n : n).toString().padStart(k + 1, '0');
    return `${n < 0n ? '-' : ''}${k ? `${digits.slice(0, -k)}.${digits.slice(-k)}` : digits}`;
  }),
), fc.constantFrom(...NOT_AMOUNTS));
/** The core with the canonical suffix, or with spaces or another suffix around it. */
const around = (core: fc.Arbitrary<string>, suffix: string, others: string[]) => mostly(core.map((c) => c + suffix),
  fc.tuple(fc.constantFrom('', ' ', '\n'), core, fc.constantFrom(...others)).map(([a, b, c]) => a + b + c));
const money = mostly(around(amount, ' RUB', [' USD', 'RUB', '  RUB', ' rub', ' RUB ', '']), fc.oneof(fc.integer(), fc.constant(null)));

const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
const DAYS = ['2024-02-29', '2000-02-29', '2024-02-28', '2024-03-01', '2025-12-31', '2026-01-01', '0001-01-01', '9999-12-31'];
const NOT_DAYS = ['2023-02-29', '2100-02-29', '0000-12-31', '2025-04-31', '2025-13-01', '2025-00-10', '2025-1-01'];
const day = mostly(fc.oneof(fc.constantFrom(...DAYS), fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))),
  fc.oneof(fc.constantFrom(...NOT_DAYS), fc.tuple(fc.integer({ min: 0, max: 9999 }), two(13), two(32)).map(([y, m, d]) => `${String(y).padStart(4, '0')}-${m}-${d}`)));
const CLOCKS = ['23:59', '00:00', '12:00', '23:59:59', '00:00:00', '23:59:59.999', '00:00:00.5', '12:00:00.123456789'];
const clock = mostly(fc.oneof(fc.constantFrom(...CLOCKS), fc.tuple(two(23), two(59)).map(([h, m]) => `${h}:${m}`)),
  fc.oneof(fc.constantFrom('24:00', '23:60', '23:59:60', '12:00:00.1234567890', '12:00:00.', '1:00'), fc.tuple(two(24), two(60)).map(([h, m]) => `${h}:${m}`)));
const OFFSETS = ['Z', '+00:00', '-00:00', '+03:00', '+14:00', '-14:00', '-12:00', '+05:45', '+03:00[Europe/Moscow]', '[Europe/Moscow]'];
const NOT_OFFSETS = ['+14:01', '+05:60', '+0500', 'z', '', '+05:00[Europe/Moscow]', '[Nowhere/City]'];
const instant = mostly(fc.tuple(day, mostly(fc.constant('T'), fc.constantFrom('t', ' ')), clock, mostly(fc.constantFrom(...OFFSETS), fc.constantFrom(...NOT_OFFSETS))).map(([d, t, c, o]) => `${d}${t}${c}${o}`),
  fc.oneof(fc.integer(), fc.constant(null)));

describe('the fast decoder on boundary values', () => {
  const env: CodecEnv = { records: { P: { fields: [{ name: 'amount', type: { k: 'money', cur: 'RUB' } }, { name: 'at', type: { k: 'instant' } }] } } as never, enums: {}, zone: 'Europe/Moscow', moneyScale: 2 };
  const fields: { name: string; type: Ty }[] = [
    { name: 'amount', type: { k: 'money', cur: 'RUB' } },
    { name: 'vat', type: { k: 'optional', of: { k: 'money', cur: 'RUB' } } },
    { name: 'at', type: { k: 'instant' } },
    { name: 'day', type: { k: 'date' } },
    { name: 'rate', type: { k: 'percent' } },
    { name: 'x', type: { k: 'decimal' } },
    { name: 'items', type: { k: 'list', of: { k: 'record', name: 'P' } } },
  ];
  const decode = inputDecoder(fields, env);
  const input = fc.record({
    amount: money, vat: fc.option(money, { nil: undefined }), at: instant, day: fc.oneof(day, fc.constant(null)),
    rate: around(amount, '%', ['', '%%', ' %']), x: fc.oneof(amount, fc.constantFrom(2 ** 53, 2 ** 53 - 1, -(2 ** 53) - 2, 0.1, -0, 1e21)),
    items: fc.array(fc.record({ amount: money, at: instant }), { maxLength: 2 }),
  }, { requiredKeys: ['amount', 'at', 'day', 'rate', 'x', 'items'] });

  it('reads the same value as the reporting decoder, and refuses only what it refuses', () => {
    let accepted = 0, refused = 0;
    fc.assert(fc.property(input, (v) => {
      const problems: InputProblem[] = [];
      const want = decodeObject(v, fields, '$', env, problems);
      const got = decode(v);
      if (got === BAD) { refused++; expect(problems.length, JSON.stringify(v)).toBeGreaterThan(0); return; }
      accepted++;
      expect(problems, JSON.stringify(v)).toEqual([]);
      expect(exact(got)).toEqual(exact(want));
    }), { seed: 20251201, numRuns: 20_000 });
    // both sides of the property are exercised
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
  });
});

describe('whole evaluations on boundary inputs', () => {
  const artifact = compile(readFileSync(join(ROOT, 'bench/programs/referral-bonus.rules'), 'utf8')).artifact!;
  const ruleset = (engine: 'fast' | 'reference'): Ruleset => { const r = loadWith(artifact, { engine }); if (!r.ok) throw new Error(r.error.message); return r.ruleset; };
  const fast = ruleset('fast'), reference = ruleset('reference');
  const purchase = fc.record({ paid_at: instant, amount: money, vat: fc.option(money, { nil: undefined }), item_type: fc.constantFrom('cloud_paid_plan', 'other_payment', 'x'), seller: fc.constantFrom('bitrix_direct', 'other') }, { requiredKeys: ['paid_at', 'amount', 'item_type', 'seller'] });
  const input = fc.record({ purchase, client_registered_at: instant, client_country: fc.option(fc.constantFrom('RU', 'KZ', '__proto__'), { nil: undefined }), attributed: fc.boolean(), earlier_attributed_purchase: fc.oneof(fc.boolean(), fc.constant('yes')) }, { requiredKeys: ['purchase', 'client_registered_at', 'attributed', 'earlier_attributed_purchase'] });

  it('same outputs, or the same error code, path and sentence, as the reference engine', () => {
    let ok = 0, failed = 0;
    fc.assert(fc.property(input, (v) => {
      const got = fast.evaluate(v), want = reference.evaluate(v);
      expect(got, JSON.stringify(v)).toEqual(want);
      if (got.ok) ok++; else { failed++; expect(got.error.code).toBe('RB-E-INPUT'); }
    }), { seed: 20251201, numRuns: 5_000 });
    expect(ok).toBeGreaterThan(100);
    expect(failed).toBeGreaterThan(100);
  });
});

/** A decoded value with every decimal as its fields (digits, exponent, sign) and whether decimal.js owns it. */
function exact(v: unknown): unknown {
  if (isDec(v)) return { s: v.s, e: v.e, d: v.d, own: v.constructor === Dec && Dec.isDecimal(v), text: v.toFixed() };
  if (Array.isArray(v)) return v.map(exact);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).map((k) => [k, exact((v as Record<string, unknown>)[k])]));
  return v;
}
