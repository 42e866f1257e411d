/**
 * Differential evaluation of histories: the generated folds, history questions, sequences,
 * `item` and clock times (runtime/codegen/history.ts) against the reference interpreter, on
 * inputs drawn to hit what the generic differential inputs rarely do — many events, several
 * on one day or instant (ties broken by a field, by list order, or not at all), events out
 * of order and before the start, questions before the start, day-by-day replays whose rules
 * read the day, instants next to the DST changes of Kyiv and at 23:59/00:00, 29 February.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith } from '../../runtime/load.js';
import { compileFast } from '../../runtime/codegen/index.js';
import type { Artifact } from '../../runtime/ir.js';
import { isoDate, parseIsoDate } from '../../runtime/values/calendar-date.js';

const RUNS = Number(process.env.DIFF_RUNS ?? 300);
const D = (iso: string) => parseIsoDate(iso)!;

/** A day within `span` days of a base, so that events often share a day. */
const dayNear = (base: string, span: number) => fc.integer({ min: -3, max: span }).map((k) => isoDate(D(base) + k));

const BY_FIELD = `program h1 zone UTC
enum Level: basic, silver, gold
record Event
  on: date
  seq: integer
  level: Level
input
  start: date
  events: list of Event
  ask: date
state level: Level §1 "the level"
  initially basic from start
  over e in events by e.on ties by e.seq
  rule renew when e.level = previous and e.on >= since + 1 year then previous §2
  rule set when e.level is not previous then e.level §3
output now = level
output then_ = level on ask
output periods = history of level
output held_days = ask - (history of level on ask).from
output at_midnight = level on (ask at 00:00)
output second = if (item 2 of (history of level)) is present then (item 2 of (history of level)).from else start`;

const byField = fc.record({
  start: fc.constantFrom('2024-02-29', '2024-01-01', '2025-01-01'),
  ask: dayNear('2024-02-20', 500),
  events: fc.array(fc.record({ on: dayNear('2024-02-28', 400), seq: fc.integer({ min: 1, max: 3 }), level: fc.constantFrom('basic', 'silver', 'gold') }), { maxLength: 25 }),
});

const LIST_ORDER = `program h2 zone Europe/Kyiv
record Ping
  at: instant
  up: boolean
input
  since_at: instant
  pings: list of Ping
  day: date
state online: boolean
  initially false from since_at
  over p in pings by p.at ties in list order
  rule change when p.up <> previous then p.up
  rule renew when p.at >= since + 1 day then previous
output now = online
output at_calc = online on day at 23:00
output changes = count x in history of online
output periods = history of online
output next_day = (day at 02:30) + 1 day
output month_later = (day at 03:30) + 1 month
output year_later = (day at 23:59) + 1 year`;

/** Kyiv local times around the DST changes of 2025 and midnight, in offsets either side. */
const kyivInstant = fc.tuple(fc.constantFrom('2025-03-29', '2025-03-30', '2025-03-31', '2025-10-25', '2025-10-26', '2025-10-27', '2024-02-29'),
  fc.constantFrom('00:00', '00:30', '02:59', '03:00', '03:30', '04:00', '10:00', '22:59', '23:00', '23:59'), fc.constantFrom('+02:00', '+03:00', 'Z'))
  .map(([d, t, o]) => `${d}T${t}:00${o}`);
const listOrder = fc.record({
  since_at: fc.constantFrom('2025-03-29T00:00:00+02:00', '2025-10-26T03:30:00+02:00', '2024-02-28T12:00:00Z'),
  day: fc.constantFrom('2025-03-29', '2025-03-30', '2025-03-31', '2025-10-25', '2025-10-26', '2025-10-27', '2024-02-29', '2025-01-31'),
  pings: fc.array(fc.record({ at: kyivInstant, up: fc.boolean() }), { maxLength: 25 }),
});

const DAILY = `program h3 zone Asia/Almaty
enum Tier: none, low, high
record Sale
  on: date
  amount: integer
input
  start: date
  finish: date
  sales: list of Sale
define total(d: date): integer = sum s.amount for s in sales where s.on <= d
define tier_on(d: date): Tier = if total(d) >= 100 then high else if total(d) >= 10 then low else none
state tier: Tier §1
  initially none from start
  over d in each day from start + 1 day through finish
  rule lapse when previous is high and d = since + 1 year then low §2
  rule up when tier_on(d) is not previous then tier_on(d) §3
output now = tier
output periods = history of tier
output mid = tier on finish - 3 days
output months = each month from start through finish
output years = each year from start before finish
output third = item 3 of (each day from start through finish)
output last_month_end = end_of_month(finish)
output months_between_ = months_between(start, finish)`;

const daily = fc.record({
  start: dayNear('2024-01-31', 60),
  finish: dayNear('2024-01-31', 800),
  sales: fc.array(fc.record({ on: dayNear('2024-01-31', 800), amount: fc.constantFrom(0, 1, 9, 10, 50, 90, 100) }), { maxLength: 25 }),
});

const PER_ARGUMENT = `program h4 zone UTC
record Violation
  partner: text
  on: date
input
  partners: list of text
  violations: list of Violation
  ask: date
state breaches(p: text): integer §5
  initially 0 from 01.01.2024
  over v in violations by v.on
  rule forgive when v.partner = p and v.on >= since + 1 year then 1 §5.2
  rule count when v.partner = p then previous + 1 §5.1
output now = list breaches(p) for p in partners
output then_ = list breaches(p) on ask for p in partners
output periods_a = count x in history of breaches("a")`;

const perArgument = fc.record({
  partners: fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }),
  ask: dayNear('2024-01-01', 600),
  violations: fc.array(fc.record({ partner: fc.constantFrom('a', 'b'), on: dayNear('2024-01-01', 600) }), { maxLength: 25 }),
});

/** A collection inside a rule binds a parameter's name again: \`p + 1 day\` there changes with each item of \`days\`. */
const SHADOWED = `program h5 zone UTC
record Violation
  on: date
input
  violations: list of Violation
  days: list of date
state breaches(p: date): integer §5
  initially 0 from 01.01.2024
  over v in violations by v.on ties in list order
  rule near when exists p in days where p + 1 day = v.on then previous + 10 §5.3
  rule count when v.on = p + 1 day then previous + 1 §5.1
output now = breaches(01.02.2024)
output periods = history of breaches(31.01.2024)`;

const shadowed = fc.record({
  days: fc.array(dayNear('2024-01-25', 15), { minLength: 1, maxLength: 6 }),
  violations: fc.array(fc.record({ on: dayNear('2024-01-25', 15) }), { maxLength: 25 }),
});

const PROGRAMS: [string, string, fc.Arbitrary<unknown>][] = [
  ['ties by a field', BY_FIELD, byField],
  ['ties in list order, instants in Kyiv', LIST_ORDER, listOrder],
  ['a day-by-day replay whose rules read the day', DAILY, daily],
  ['one state per argument, no tie-breaker', PER_ARGUMENT, perArgument],
  ['a parameter name bound again inside a rule', SHADOWED, shadowed],
];

function artifactOf(source: string): Artifact {
  const compiled = compile(source, { path: 'history.rules' });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return compiled.artifact as Artifact;
}

describe('generated histories agree with the reference interpreter', () => {
  it.each(PROGRAMS)('%s: nothing of the history family falls back', (_, source) => {
    let fallback: Record<string, number> = {};
    compileFast(artifactOf(source), (g) => { fallback = g.coverage.fallback; });
    expect(fallback).toEqual({});
  });

  it.each(PROGRAMS)('%s: same outputs and errors', (_, source, inputs) => {
    const artifact = artifactOf(source);
    const fast = loadWith(artifact, { engine: 'fast' });
    const reference = loadWith(artifact, { engine: 'reference' });
    if (!fast.ok || !reference.ok) throw new Error('load failed');
    const codes = new Map<string, number>();
    fc.assert(fc.property(inputs, (input) => {
      const a = fast.ruleset.evaluate(input);
      const b = reference.ruleset.evaluate(input);
      expect(a).toEqual(b);
      const code = a.ok ? 'ok' : a.error.code;
      codes.set(code, (codes.get(code) ?? 0) + 1);
    }), { seed: 20251130, numRuns: RUNS });
    // most inputs evaluate; the errors the folds raise are compared too
    expect(codes.get('ok') ?? 0).toBeGreaterThan(RUNS / 3);
  }, 120_000);

  it('the inputs reach the faults of a fold: ties, items and questions before the start', () => {
    const seen = new Set<string>();
    for (const [, source, inputs] of PROGRAMS) {
      const r = loadWith(artifactOf(source), { engine: 'fast' });
      if (!r.ok) throw new Error('load failed');
      for (const input of fc.sample(inputs, { seed: 7, numRuns: 300 })) {
        const out = r.ruleset.evaluate(input);
        if (!out.ok) seen.add(out.error.code);
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining(['RB-E-HISTORY-BEFORE', 'RB-E-HISTORY-TIE']));
  });
});
