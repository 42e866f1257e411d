/**
 * Interval memos (runtime/codegen/intervals.ts): a definition over a day remembers, with
 * its value, the days over which every comparison with the day comes out the same, and a
 * replay that asks it day after day reuses the value there. These tests compare the
 * generated evaluator with the reference interpreter on replays whose days cross every
 * kind of boundary: a mark starting the day before, of and after, `<>`, `or else d`,
 * absent dates, a definition passed the day unchanged (its interval joins the caller's),
 * uses that must collapse the interval (`weight(d + 1 day)`); monotone chains compared
 * with a value (`d + 3 days`, `d at 03:30`, `calc(d) - 1 year`: runtime/codegen/monotone.ts)
 * in zones whose clocks skip or repeat a time, an hour at midnight or a whole day; then
 * on partner-ua and partner-intl with the bench's generated inputs.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith, type Ruleset } from '../../runtime/load.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import { trackedDefinitions, type IvState } from '../../runtime/codegen/intervals.js';
import { chainOf, MONOTONE_HELPERS } from '../../runtime/codegen/monotone.js';
import { addMonths } from '../../runtime/eval/time.js';
import type { Expr } from '../../runtime/ir.js';
import type { Artifact } from '../../runtime/ir.js';
import { isoDate, parseIsoDate } from '../../runtime/values/calendar-date.js';
import { addToInstant, instantAtClock } from '../../runtime/values/instant.js';
import { partnerUaCases } from '../../bench/handwritten/inputs-partner-ua.js';
import { partnerIntlCases } from '../../bench/handwritten/inputs-partner-intl.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 300);
const BASE = parseIsoDate('2024-02-27')!;
/** Days close together around 29 February 2024, so marks share, touch and straddle days. */
const day = fc.integer({ min: -2, max: 40 }).map((k) => isoDate(BASE + k));

const PROBE = `program iv1 "interval memo probe" zone UTC
enum Level: basic, silver, gold
record Mark
  on: date
  until: optional date
  to: date
  weight: integer
input
  start: date
  last: date
  marks: list of Mark
  cut: optional date
  ask: date
define open(m: Mark, d: date): boolean §1 "the mark is open on d"
  = m.on <= d and (m.until is absent or (m.until or else d) > d)
define weight(d: date): integer §1 "the weight of the marks open on d"
  = sum m.weight for m in marks where open(m, d)
define exact(d: date): boolean §1 "a mark starts on d" = exists m in marks where m.on = d
define other(d: date): boolean §1 "a later mark starts on another day" = exists m in marks where (m.on <> d and m.on >= d)
define after_cut(d: date): boolean §1 "the cut is before d" = (cut or else d) < d
define shifted(d: date): integer §1 "the weight on the next day" = weight(d + 1 day)
define level_on(d: date): Level §1 "the level a day calls for"
  = if exact(d) then gold else if weight(d) >= 10 then silver else if after_cut(d) or other(d) then gold else basic
define soon(d: date): boolean §1 "a mark starts within 3 days after d" = exists m in marks where (m.on > d and m.on < d + 3 days)
define spanning(d: date): integer §1 "marks whose span holds d" = count m in marks where (m.on <= d and d <= m.to)
define apart(d: date): integer §1 "marks starting on another day" = count m in marks where m.on <> d
state level: Level §2 "the level"
  initially basic from start
  over d in each day from start + 1 day through last
  rule up when level_on(d) is not previous and not soon(d) then level_on(d) §2
  rule shift when shifted(d) > 20 and previous is basic then silver §2
state near: boolean §3 "whether a mark is near"
  initially false from start
  over d in each day from start + 1 day through last
  rule flip when soon(d) <> previous then soon(d) §3
state span: integer §4 "the marks spanning the day"
  initially 0 from start
  over d in each day from start + 1 day through last
  rule move when spanning(d) + apart(d) <> previous then spanning(d) + apart(d) §4
output now = level
output near_periods = history of near
output span_periods = history of span
output periods = history of level
output w = weight(ask)
output lv = level_on(ask)`;

const probeInput = fc.record({
  start: fc.integer({ min: -2, max: 3 }).map((k) => isoDate(BASE + k)),
  last: fc.integer({ min: 0, max: 45 }).map((k) => isoDate(BASE + k)),
  marks: fc.array(fc.record({ on: day, until: fc.option(day, { nil: undefined }), to: day, weight: fc.integer({ min: 0, max: 12 }) }, { requiredKeys: ['on', 'to', 'weight'] }), { maxLength: 8 }),
  cut: fc.option(day, { nil: undefined }),
  ask: day,
}, { requiredKeys: ['start', 'last', 'marks', 'ask'] });

function artifactOf(source: string, path: string): Artifact {
  const compiled = compile(source, { path });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.artifact as Artifact;
}

function engines(artifact: Artifact): { fast: Ruleset; reference: Ruleset } {
  const fast = loadWith(artifact, { engine: 'fast' }), reference = loadWith(artifact, { engine: 'reference' });
  if (!fast.ok || !reference.ok) throw new Error('load failed');
  return { fast: fast.ruleset, reference: reference.ruleset };
}

/** A probe of monotone chains over the day, in a zone, with the clock of its calculation. */
const monotoneProbe = (zone: string, clock: string) => `program iv2 "monotone chain probe"
  zone ${zone}
record Mark
  at: instant
  on: date
input
  start: date
  last: date
  marks: list of Mark
  ask: date
define calc(d: date): instant §1 "the calculation of d" = d at ${clock}
define window(d: date): integer §1 "marks in the year before the calculation"
  = count m in marks where (m.at >= calc(d) - 1 year and calc(d) > m.at)
define night(d: date): integer §1 "marks after 02:00 of d through the next midnight"
  = count m in marks where ((d at 00:00) + 2 hours < m.at and m.at <= (d + 1 day) at 00:00)
define onward(d: date): integer §1 "marks dated from 3 days after d to a month after"
  = count m in marks where (m.on >= d + 3 days and d + 1 month > m.on)
define months(d: date): integer §1 "marks from a local month before the calculation to 30 minutes before a month after"
  = count m in marks where (m.at > calc(d) - 1 month and m.at <= calc(d) + 1 month - 30 minutes)
define exact(d: date): integer §1 "marks at the next day's calculation, and marks not at noon in Tokyo"
  = (count m in marks where m.at = calc(d) + 1 day) * 100 + (count m in marks where m.at <> d at 12:00 Asia/Tokyo)
define all(d: date): integer §1 "everything, in one number" = window(d) * 1000000 + night(d) * 10000 + onward(d) * 100 + months(d)
state w: integer §2 "the counts"
  initially 0 from start
  over d in each day from start + 1 day through last
  rule move when all(d) + exact(d) * 100000000 <> previous then all(d) + exact(d) * 100000000 §2
state near: integer §3 "marks from 06:00 to 06:00 two days later, asked by the replay itself"
  initially 0 from start
  over d in each day from start + 1 day through last
  rule move when (count m in marks where (d at 06:00 <= m.at and m.at < (d + 2 days) at 06:00)) <> previous
    then count m in marks where (d at 06:00 <= m.at and m.at < (d + 2 days) at 06:00) §3
output w_periods = history of w
output near_periods = history of near
output e = exact(ask)
output a = all(ask)`;

const DAY_SECONDS = 86_400;
/** Zones whose clocks skip or repeat: Kyiv (03:00/04:00), São Paulo (at midnight, 2018–19), Apia (30.12.2011 skipped), Lord Howe (half an hour). */
const ZONES: [string, string, string[]][] = [
  ['Europe/Kyiv', '03:30', ['2025-03-30', '2025-10-26', '2024-02-29']],
  ['Europe/Kyiv', '23:00', ['2025-03-30', '2025-10-26', '2025-02-28']],
  ['America/Sao_Paulo', '00:00', ['2018-11-04', '2019-02-17', '2019-02-16']],
  ['America/Sao_Paulo', '23:30', ['2019-02-16', '2018-11-03']],
  ['Pacific/Apia', '12:00', ['2011-12-30', '2012-04-01', '2011-09-24']],
  ['Australia/Lord_Howe', '02:15', ['2024-10-06', '2025-04-06']],
  ['UTC', '23:59', ['2024-02-29', '2025-03-01']],
];

/** Inputs whose marks sit on, a minute or a millisecond either side of the instants the chains compute near the zone's transitions. */
function monotoneInput(zone: string, clock: string, days: string[]) {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  const base = fc.constantFrom(...days.map((d) => parseIsoDate(d)!));
  const seconds = fc.constantFrom(h * 3600 + m * 60, 0, 6 * 3600, 12 * 3600, DAY_SECONDS - 60, 2 * 3600, 1800);
  const onClock = fc.tuple(base, fc.integer({ min: -4, max: 4 }), seconds, fc.constantFrom(0, 0, 60_000, -60_000, 1, -1), fc.constantFrom(0, 0, 12, -12, 1, -1))
    .map(([b, k, sec, delta, months]) => {
      const at = instantAtClock(b + k, sec, zone) + delta;
      return months === 0 ? at : addToInstant(at, months, 'months', zone);
    });
  const anyMs = fc.tuple(base, fc.integer({ min: -400 * 86_400_000, max: 40 * 86_400_000 })).map(([b, d]) => b * 86_400_000 + d);
  const mark = fc.record({ at: fc.oneof({ arbitrary: onClock, weight: 4 }, { arbitrary: anyMs, weight: 1 }).map((ms) => new Date(ms).toISOString()), on: fc.tuple(base, fc.integer({ min: -10, max: 45 })).map(([b, k]) => isoDate(b + k)) });
  return fc.record({
    start: fc.tuple(base, fc.integer({ min: -40, max: 2 })).map(([b, k]) => isoDate(b + k)),
    span: fc.integer({ min: 0, max: 80 }),
    marks: fc.array(mark, { maxLength: 8 }),
    ask: fc.tuple(base, fc.integer({ min: -3, max: 3 })).map(([b, k]) => isoDate(b + k)),
  }).map(({ span, ...x }) => ({ ...x, last: isoDate(parseIsoDate(x.start)! + span) }));
}

describe('interval memos agree with the reference interpreter', () => {
  const probe = artifactOf(PROBE, 'iv1.rules');

  it('tracks the definitions that only compare their day, and not those that compute with it', () => {
    const tracked = trackedDefinitions(probe);
    for (const name of ['open', 'weight', 'exact', 'other', 'after_cut', 'level_on', 'soon', 'spanning', 'apart']) expect(tracked.has(name), name).toBe(true);
    // `weight(d + 1 day)` computes with the day on every evaluation: no memo by intervals
    expect(tracked.has('shifted')).toBe(false);
    let generated: Generated | undefined;
    compileFast(probe, (g) => { generated = g; });
    expect(generated!.source).toContain('R.ivCmp(');
    expect(generated!.source).toContain('R.ivJoin(');
  });

  it('gives the same replay, history and answers on days before, of and after every boundary', () => {
    const { fast, reference } = engines(probe);
    let changes = 0;
    fc.assert(fc.property(probeInput, (input) => {
      const a = fast.evaluate(input), b = reference.evaluate(input);
      expect(a).toEqual(b);
      if (a.ok) changes += ((a.outputs as { periods: unknown[] }).periods.length > 2 ? 1 : 0);
    }), { numRuns: RUNS, seed: 20261201 });
    // the inputs must make the level move several times, or the memo is never put to the test
    expect(changes).toBeGreaterThan(RUNS / 4);
  });

  it('tracks comparisons of monotone chains over the day instead of collapsing', () => {
    const artifact = artifactOf(monotoneProbe('Europe/Kyiv', '23:00'), 'iv2.rules');
    const tracked = trackedDefinitions(artifact);
    for (const name of ['window', 'night', 'onward', 'months', 'exact', 'all']) expect(tracked.has(name), name).toBe(true);
    let generated: Generated | undefined;
    compileFast(artifact, (g) => { generated = g; });
    expect(generated!.source).toContain('R.ivMono(');
    expect(generated!.source).not.toContain('R.ivPoint(');
  });

  for (const [zone, clock, days] of ZONES) {
    it(`gives the same replays with monotone chains in ${zone} at ${clock}`, () => {
      const { fast, reference } = engines(artifactOf(monotoneProbe(zone, clock), 'iv2.rules'));
      let moves = 0;
      fc.assert(fc.property(monotoneInput(zone, clock, days), (input) => {
        const a = fast.evaluate(input), b = reference.evaluate(input);
        expect(a).toEqual(b);
        if (a.ok) moves += (a.outputs as { w_periods: unknown[] }).w_periods.length > 3 ? 1 : 0;
      }), { numRuns: Math.ceil(RUNS / 2), seed: 20261203 });
      // the marks must enter and leave the windows, or the bounds are never put to the test
      expect(moves).toBeGreaterThan(RUNS / 8);
    }, 120_000);
  }

  for (const [name, path, arbitrary] of [
    ['partner-ua', 'programs/partner-ua.rules', partnerUaCases],
    ['partner-intl', 'programs/partner-intl.rules', partnerIntlCases],
  ] as const) {
    it(`gives ${name}'s results on generated partners`, () => {
      const artifact = artifactOf(readFileSync(path, 'utf8'), path);
      expect(trackedDefinitions(artifact).size).toBeGreaterThan(3);
      const { fast, reference } = engines(artifact);
      fc.assert(fc.property(arbitrary(artifact), (c) => {
        const options = { asOf: c.asOf, readings: c.readings };
        expect(fast.evaluate(c.input, options)).toEqual(reference.evaluate(c.input, options));
      }), { numRuns: Math.ceil(RUNS / 3), seed: 20261202 });
    }, 120_000);
  }

  it('narrows a monotone comparison to days that all give its outcome, and no fewer', () => {
    // each chain as IR and as the reference computes it, in the program's zone
    for (const [zone, clock, days] of ZONES) {
      const artifact = artifactOf(monotoneProbe(zone, clock), 'iv2.rules');
      const [h, m] = clock.split(':').map(Number) as [number, number];
      const T = h * 3600 + m * 60;
      const d: Expr = { op: 'local', name: 'd' };
      const dur = (n: number, unit: string): Expr => ({ op: 'const', type: { k: 'duration' }, value: { n, unit } } as Expr);
      const at: Expr = { op: 'clock', date: d, seconds: T, zone };
      const add = (base: Expr, n: number, unit: string, instant: boolean, sign: 1 | -1 = 1): Expr => ({ op: 'date_add', base, duration: dur(n, unit), sign, instant });
      const chains: [Expr, (q: number) => number][] = [
        [at, (q) => instantAtClock(q, T, zone)],
        [add(at, 1, 'years', true, -1), (q) => addToInstant(instantAtClock(q, T, zone), -1, 'years', zone)],
        [add(at, 1, 'days', true), (q) => addToInstant(instantAtClock(q, T, zone), 1, 'days', zone)],
        [add(add(at, 1, 'months', true, -1), 30, 'minutes', true), (q) => addToInstant(instantAtClock(q, T, zone), -1, 'months', zone) + 30 * 60_000],
        [{ op: 'clock', date: add(d, 1, 'months', false), seconds: T, zone: 'Asia/Tokyo' }, (q) => instantAtClock(addMonths(q, 1, 'clamp'), T, 'Asia/Tokyo')],
        [add(d, 3, 'days', false), (q) => q + 3],
        [add(d, 1, 'years', false, -1), (q) => addMonths(q, -12, 'clamp')],
      ];
      const base = fc.constantFrom(...days.map((x) => parseIsoDate(x)!));
      for (const [expr, value] of chains) {
        const chain = chainOf(artifact, expr, (x) => x.op === 'local' && x.name === 'd')!;
        expect(chain, JSON.stringify(expr)).toBeDefined();
        const fn = (_: unknown, q: number) => value(q);
        fc.assert(fc.property(base, fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 }), fc.constantFrom(0, 1, -1, 60_000, -60_000, 3_600_000), fc.integer({ min: 0, max: 5 }), fc.boolean(), (b, k, j, delta, op, left) => {
          const p = b + k, x = value(b + j) + (chain.shape.kind === 'day' ? Math.sign(delta) : delta);
          const I: IvState = { lo: -Infinity, hi: Infinity, cl: -Infinity, ch: Infinity };
          const res = MONOTONE_HELPERS.ivMono(I, op, chain.shape, {} as never, fn, p, left, left ? value(p) : x, left ? x : value(p));
          const outcomeAt = (q: number) => { const c = left ? value(q) - x : x - value(q); return [c === 0, c !== 0, c < 0, c <= 0, c > 0, c >= 0][op]; };
          expect(res).toBe(outcomeAt(p));
          expect(I.lo <= p && p <= I.hi).toBe(true);
          for (let q = Math.max(I.lo, p - 80); q <= Math.min(I.hi, p + 80); q++) expect(outcomeAt(q), `day ${q} in [${I.lo}, ${I.hi}]`).toBe(res);
          // exact: the days just outside give the other outcome
          if (I.hi < p + 80) expect(outcomeAt(I.hi + 1)).toBe(!res);
          if (I.lo > p - 80) expect(outcomeAt(I.lo - 1)).toBe(!res);
        }), { numRuns: 150, seed: 20261204 });
      }
    }
  });
});
