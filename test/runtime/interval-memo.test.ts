/**
 * Interval memos (runtime/codegen/intervals.ts): a definition over a day remembers, with
 * its value, the days over which every comparison with the day comes out the same, and a
 * replay that asks it day after day reuses the value there. These tests compare the
 * generated evaluator with the reference interpreter on replays whose days cross every
 * kind of boundary: a mark starting the day before, of and after, `<>`, `or else d`,
 * absent dates, a definition passed the day unchanged (its interval joins the caller's),
 * and uses that must collapse the interval (`d + 1 day`, `d + 3 days` in a filter); then
 * on partner-ua and partner-intl with the bench's generated inputs.
 */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { loadWith, type Ruleset } from '../../runtime/load.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import { trackedDefinitions } from '../../runtime/codegen/intervals.js';
import type { Artifact } from '../../runtime/ir.js';
import { isoDate, parseIsoDate } from '../../runtime/values/calendar-date.js';
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
});
