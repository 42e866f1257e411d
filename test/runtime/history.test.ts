/**
 * States over a history: the fold runs once however many questions are asked, the
 * explanation lists each transition with its clauses, and the rules' own sub-explanations
 * are not repeated per item.
 */
import { describe, expect, it } from 'vitest';
import type { TraceNode } from '../../runtime/trace.js';
import { renderTrace } from '../../runtime/explain.js';
import { collectExercised, type Exercised } from '../../runtime/scenario.js';
import { rulesetOf } from './helpers.js';

const PROGRAM = `program h zone UTC
enum Level: basic, silver, gold
record Event
  on: date
  level: Level
input
  start: date
  events: list of Event
define wanted(e: Event): Level §9 = e.level
state level: Level §1
  initially basic from start
  over e in events by e.on
  rule up when wanted(e) is not previous then wanted(e) §2 §3
output a = level
output b = level on 15.03.2025
output c = history of level
output d = (history of level on 20.03.2025).from`;

const input = {
  start: '2025-01-01',
  events: [
    { on: '2025-02-01', level: 'silver' },
    { on: '2025-03-01', level: 'silver' },
    { on: '2025-04-01', level: 'gold' },
  ],
};

function all(nodes: TraceNode[]): TraceNode[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

describe('a state over a history', () => {
  const ruleset = rulesetOf(PROGRAM);

  it('answers every question from one fold', () => {
    const r = ruleset.evaluate(input, { explain: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.outputs).toMatchObject({ a: 'gold', b: 'silver', d: '2025-02-01' });
    const nodes = all(r.trace!);
    // computed once, then "as computed above" for the other three outputs
    expect(nodes.filter((n) => n.kind === 'definition' && n.name === 'level')).toHaveLength(1);
    expect(nodes.filter((n) => n.kind === 'ref' && n.name === 'level')).toHaveLength(3);
  });

  it('explains each transition with its date, values and clauses, and nothing per item', () => {
    const r = ruleset.evaluate(input, { explain: true });
    if (!r.ok) throw new Error(r.error.message);
    const state = all(r.trace!).find((n) => n.kind === 'definition' && n.name === 'level')!;
    expect(state.children.map((n) => [n.kind, n.note, n.clauses])).toEqual([
      ['transition', '01.02.2025: basic → silver by rule up', ['§2', '§3']],
      ['transition', '01.04.2025: silver → gold by rule up', ['§2', '§3']],
    ]);
    expect(renderTrace(r.trace!)).toContain('01.04.2025: silver → gold by rule up  §2 §3');
  });

  it('gives the same outputs with and without an explanation', () => {
    const plain = ruleset.evaluate(input);
    const explained = ruleset.evaluate(input, { explain: true });
    expect(plain.ok && explained.ok && plain.outputs).toEqual(explained.ok && explained.outputs);
  });

  it('records the definitions its rules consulted, so coverage counts them, without listing them per item', () => {
    const r = ruleset.evaluate(input, { explain: true });
    if (!r.ok) throw new Error(r.error.message);
    const state = all(r.trace!).find((n) => n.kind === 'definition' && n.name === 'level')!;
    expect(state.consulted).toEqual(['wanted']);
    expect(all(r.trace!).some((n) => n.name === 'wanted')).toBe(false);
    const seen: Exercised = { rules: new Set(), rows: new Set(), clauses: new Set(), definitions: new Set() };
    collectExercised(r.trace!, seen);
    expect(seen.definitions.has('wanted')).toBe(true);
  });

  it('walks items given out of order by date, explaining each transition once', () => {
    const shuffled = { ...input, events: [input.events[2], input.events[0], input.events[1]] };
    const r = ruleset.evaluate(shuffled, { explain: true });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.outputs).toMatchObject({ a: 'gold', b: 'silver', d: '2025-02-01' });
    const state = all(r.trace!).find((n) => n.kind === 'definition' && n.name === 'level')!;
    expect(state.children.map((n) => n.note)).toEqual(['01.02.2025: basic → silver by rule up', '01.04.2025: silver → gold by rule up']);
  });
});
