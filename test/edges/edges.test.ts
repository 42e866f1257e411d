import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { findEdges, type EdgeReport, type Edge } from '../../edges/find.js';
import { appendScenarios, pickNeighbours } from '../../edges/save.js';
import { timelineSvg, xmlEscape } from '../../edges/timeline.js';
import { runScenario, type Scenario } from '../../runtime/scenario.js';

function scenario(program: string, prefix: string) {
  const source = readFileSync(`programs/${program}.rules`, 'utf8');
  const artifact = compile(source, { path: program }).artifact!;
  const loaded = load(artifact);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const doc = parse(readFileSync(`programs/${program}.scenarios.yaml`, 'utf8')) as { scenarios: { name: string; as_of?: string; input: unknown }[] };
  const s = doc.scenarios.find((x) => x.name.startsWith(prefix))!;
  return { source, ruleset: loaded.ruleset as Ruleset, s };
}

/** The neighbours of an edge moved by one field, as [value, position, holds]. */
function around(e: Edge | undefined, field: string): [unknown, string, boolean][] {
  const c = e?.changes.find((x) => x.field === field);
  return c ? c.neighbours.map((n) => [n.value, n.position, n.holds]) : [];
}

const find = (r: EdgeReport, expression: RegExp) => [...r.edges, ...r.noEffect].filter((e) => expression.test(e.expression));

describe('edges of referral-ru X0-1', () => {
  const { source, ruleset, s } = scenario('referral-ru', 'X0-1 happy path');
  const r = findEdges(ruleset, s.input, { asOf: s.as_of, source }) as EdgeReport;

  it('finds the 5 000 conversion threshold through the purchase amount (a derived balance)', () => {
    const e = find(r, /bonus_balance >= conversion_threshold/)[0];
    expect(e?.clauses).toEqual(['§6.1']);
    // 50% of 9 799.98 = 4 899.99 -> balance 4 999.99; of 9 799.99 = 4 899.995 -> 4 900.00 (half up) -> 5 000.00
    expect(around(e, '$.purchases[0].amount')).toEqual([['9799.98 RUB', 'below', false], ['9799.99 RUB', 'on', true], ['9800.00 RUB', 'on', true]]);
    const flip = e!.changes[0]!.neighbours[0]!;
    expect(flip.diff.map((d) => d.path)).toContain('can_convert.eligible');
  });

  it('finds "more than 3 intranet users": 2, 3 and 4 users', () => {
    const e = find(r, /users_on\(c, window_last_day\(c\)\) > users_more_than/)[0];
    expect(around(e, '$.clients[0].intranet_users[0].intranet_users')).toEqual([[2, 'below', false], [3, 'on', false], [4, 'above', true]]);
    expect(r.edges).toContain(e);
  });

  it('finds the 3-year anniversary of registration, inclusive, at 23:59:59 / 00:00:00 Moscow time', () => {
    const e = find(r, /d on or before registered \+ renewal_window/).find((x) => x.left === '2026-04-15');
    expect(e?.right).toBe('2028-03-03');
    expect(around(e, '$.purchases[1].paid_at')).toEqual([
      ['2028-03-02T23:59:59+03:00', 'below', true], ['2028-03-03T23:59:59+03:00', 'on', true], ['2028-03-04T00:00:00+03:00', 'above', false],
    ]);
  });

  it('finds the 31.12.2025 / 01.01.2026 cut-off read in Moscow time', () => {
    const cut = r.edges.filter((e) => e.test === 'version' && e.right === '2025-12-31');
    const registration = around(cut.find((e) => e.changes.some((c) => c.field === '$.clients[0].registered_at')), '$.clients[0].registered_at');
    expect(registration.slice(1)).toEqual([['2025-12-31T23:59:59+03:00', 'on', true], ['2026-01-01T00:00:00+03:00', 'above', false]]);
    const renewal = around(cut.find((e) => e.left === '2026-04-15'), '$.purchases[1].paid_at');
    expect(renewal.slice(1)).toEqual([['2025-12-31T23:59:59+03:00', 'on', true], ['2026-01-01T00:00:00+03:00', 'above', false]]);
  });

  it('saves chosen neighbours as scenarios, keeping the file\'s comments, and they pass', () => {
    const e = find(r, /users_on\(c, window_last_day\(c\)\) > users_more_than/)[0]!;
    const count = e.changes.find((c) => c.field === '$.clients[0].intranet_users[0].intranet_users')!;
    const picked = pickNeighbours(r, count.neighbours[1]!.id);
    expect(picked.ok).toBe(true);
    const text = appendScenarios('# my scenarios\nscenarios:\n  - name: old # keep me\n    input: {}\n    expect: {}\n', { name: 'X0-1', input: s.input, asOf: s.as_of }, picked.ok ? picked.picked : []);
    expect(text).toContain('# keep me');
    expect(text).toMatch(/# generated from X0-1 at E\d+ §Terms .*; review against the clause/);
    const saved = (parse(text) as { scenarios: { input: { clients: { intranet_users: { intranet_users: number }[] }[] }; expect: { outputs: Record<string, unknown> } }[] }).scenarios[1]!;
    expect(saved.input.clients[0]!.intranet_users[0]!.intranet_users).toBe(3);
    expect(saved.expect.outputs.accrued).toBe('7200 bonus');
    expect(runScenario(ruleset, saved as unknown as Scenario).passed).toBe(true);
    expect(pickNeighbours(r, 'E999.9').ok).toBe(false);
  });
});

describe('edges of promo-kz X3-1', () => {
  const { source, ruleset, s } = scenario('promo-kz-summer-2025', 'KZ-01 X3-1');
  const r = findEdges(ruleset, s.input, { source }) as EdgeReport;

  it('finds the period end: 31.08.2025 23:59:59 in, 01.09.2025 00:00:00 Astana out', () => {
    const e = r.edges.find((x) => /^paid within/.test(x.expression) && x.right === '2025-08-31');
    expect(e?.clauses).toEqual(['§5.2', '§2.1', '§2.2']);
    expect(around(e, '$.order.paid_at').slice(1)).toEqual([['2025-08-31T23:59:59+05:00', 'on', true], ['2025-09-01T00:00:00+05:00', 'above', false]]);
    expect(e!.changes[0]!.neighbours[2]!.diff).toContainEqual({ path: 'final_price', before: '650000 KZT', after: '1000000 KZT', change: 'changed' });
  });

  it('finds the 12-month term: 11, 12, 13 months', () => {
    const e = r.edges.find((x) => x.test === 'cell' && x.op === '=' && x.right === '12');
    expect(around(e, '$.order.term_months')).toEqual([[11, 'below', false], [12, 'on', true], [13, 'above', false]]);
  });

  it('draws a timeline with the period, the input instants and the edges, escaped', () => {
    const svg = timelineSvg(ruleset, s.input, {}, r);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<title>$.order.paid_at = 2025-08-10T14:00:00+05:00 (Asia/Almaty)</title>');
    expect(svg).toMatch(/<title>from 2025-07-28 through 2025-08-31 — /);
    expect(svg).toMatch(/class="edge"/);
    // every & is an entity, and no text holds a raw < (the requirement texts carry quotes)
    expect(svg).not.toMatch(/&(?!(lt|gt|amp|quot|apos);)/);
    expect(svg).toContain('&quot;the order was not paid within the promotion period');
    expect(xmlEscape('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
  });
});

describe('edges limits and the evaluation instant', () => {
  const { source, ruleset, s } = scenario('referral-ru', 'X0-1 happy path');

  it('stops at the evaluation budget and says so', () => {
    const r = findEdges(ruleset, s.input, { asOf: s.as_of, source, maxEvaluations: 5 }) as EdgeReport;
    expect(r.truncated).toBe(true);
    expect(r.evaluations).toBe(5);
  });

  it('reports an input the program refuses instead of searching', () => {
    expect(findEdges(ruleset, { partner: 1 }, { asOf: s.as_of })).toMatchObject({ error: expect.stringMatching(/^RB-E-INPUT/) });
  });

  it('moves --as-of too, and a saved neighbour then changes as_of, not the input', () => {
    const r = findEdges(ruleset, s.input, { asOf: s.as_of, source }) as EdgeReport;
    const e = r.edges.find((x) => /today on or after window_last_day\(c\)/.test(x.expression))!;
    const n = e.changes.find((c) => c.field === '--as-of')!.neighbours.find((x) => x.position === 'below')!;
    expect(n.value).toBe('2025-04-02T23:59:59+03:00');
    const picked = pickNeighbours(r, n.id);
    const text = appendScenarios('', { name: 'X0-1', input: s.input, asOf: s.as_of }, picked.ok ? picked.picked : []);
    const saved = (parse(text) as { scenarios: Scenario[] }).scenarios[0]!;
    expect(saved.as_of).toBe('2025-04-02T23:59:59+03:00');
    expect(saved.input).toEqual(s.input);
    expect(runScenario(ruleset, saved).passed).toBe(true);
  });
});

describe('edges inside a state folded day by day (test/sample)', () => {
  const sample = (name: string) => {
    const source = readFileSync(`test/sample/${name}.rules`, 'utf8');
    const loaded = load(compile(source, { path: name }).artifact!);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const doc = parse(readFileSync(`test/sample/${name}.scenarios.yaml`, 'utf8')) as { scenarios: { name: string; as_of?: string; input: unknown; expect: { error?: string } }[] };
    return { source, ruleset: loaded.ruleset as Ruleset, s: doc.scenarios.find((x) => !x.expect.error)! };
  };

  it('finds a rule of the state at the day it fires: approval moved so the bronze deadline falls on the first replayed day', () => {
    const { source, ruleset, s } = sample('annual-review');
    const r = findEdges(ruleset, s.input, { asOf: s.as_of, source }) as EdgeReport;
    const e = find(r, /^d = bronze_deadline \+ 1 day$/).find((x) => x.left === '2025-03-04');
    // 03.12.2024 + 90 days + 1 day is 04.03.2025, the first day the state replays
    expect(around(e, '$.approved_on')).toEqual([['2024-12-02', 'above', false], ['2024-12-03', 'on', true], ['2024-12-04', 'below', false]]);
  });

  it('stops at the budget of observed tests, which a daily fold spends long before the evaluation budget', () => {
    const { source, ruleset, s } = sample('status-ladder-ua');
    const r = findEdges(ruleset, s.input, { asOf: s.as_of, source, maxTests: 40_000 }) as EdgeReport;
    expect(r.truncated).toBe(true);
    expect(r.evaluations).toBeLessThan(10);
  });
});
