/**
 * An explained history walk (eval/history.ts): it remembers its calls apart from the
 * evaluation, so what the explanation shows outside the walk and the definitions it says
 * the rules consulted do not depend on what was computed before or inside it; and in the
 * traced generated program it steps only the items the plain program's fold stepped
 * (codegen/history.ts stepsOf), with the reference interpreter's explanation, byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { loadWith } from '../../runtime/load.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import { stepsOf } from '../../runtime/codegen/history.js';
import { compileTraced } from '../../runtime/codegen/trace.js';
import { inputDecoder } from '../../runtime/values/decoder.js';
import type { Ctx } from '../../runtime/eval/common.js';
import type { TraceNode } from '../../runtime/trace.js';
import { artifactOf, rulesetOf } from './helpers.js';

// `first` asks for `cutoff` (and through it `shift`) before the walk; `asked` asks outside
// the walk for a call the reference's walk makes on its last day
const PROGRAM = `program w zone UTC
enum Level: basic, gold
input
  start: date
  upgrade_on: date
  today: date
define shift(x: date): date §7 = x
define cutoff: date §6 = shift(upgrade_on)
define reached(d: date): boolean §4 = d >= cutoff
define level_for(d: date): Level §5 = if reached(d) then gold else basic
state level: Level §1
  initially basic from start
  over d in each day from start + 1 day through today
  rule up when level_for(d) is not previous then level_for(d) §2
output first = cutoff
output now = level
output asked = level_for(today)`;

const input = { start: '2023-01-01', upgrade_on: '2024-06-15', today: '2025-12-31' };
const artifact = artifactOf(PROGRAM);

function all(nodes: TraceNode[]): TraceNode[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}

function explain(engine: 'fast' | 'reference'): { json: string; trace: TraceNode[] } {
  const loaded = loadWith(artifact, { engine });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = loaded.ruleset.evaluate(input, { explain: true });
  if (!r.ok) throw new Error(r.error.message);
  return { json: JSON.stringify(r), trace: r.trace! };
}

describe('an explained history walk', () => {
  it('writes the same explanation in the traced generated program as in the reference', () => {
    const fast = explain('fast'), reference = explain('reference');
    expect(fast.json).toBe(reference.json);
    const state = all(fast.trace).find((n) => n.kind === 'definition' && n.name === 'level')!;
    expect(state.children.map((n) => n.note)).toEqual(['15.06.2024: basic → gold by rule up']);
  });

  it('runs the walk\'s expressions as generated code in the traced program, not the reference\'s closures', () => {
    let traced: Generated | undefined;
    compileTraced(artifact, (g) => { traced = g; });
    expect(traced!.coverage.generated['definition:history']).toBe(1);
    expect(traced!.coverage.fallback['definition:history']).toBeUndefined();
    // the rule's test and value, the days and the start, each a function of the walk's frame
    expect(traced!.source.match(/\(ctx, F\) => /g)?.length).toBe(5);
    // (that no name reaches this source, the frame being read by index into K: codegen.test.ts, with hostile names)
  });

  it('writes a call first made inside the walk in full when it is asked outside, with its own steps', () => {
    for (const engine of ['fast', 'reference'] as const) {
      const asked = explain(engine).trace.find((n) => n.name === 'asked')!;
      expect(asked.children.map((n) => [n.kind, n.name])).toEqual([['definition', 'level_for']]);
      expect(all(asked.children).map((n) => n.name)).toContain('reached');
    }
  });

  it('names every definition the rules reached, even one computed before the walk', () => {
    for (const engine of ['fast', 'reference'] as const) {
      const state = all(explain(engine).trace).find((n) => n.kind === 'definition' && n.name === 'level')!;
      expect([...state.consulted!].sort()).toEqual(['cutoff', 'level_for', 'reached', 'shift']);
    }
  });

  it('steps only the days on which something the rules compare the day with changes', () => {
    const program = compileFast(artifact);
    const decoded = inputDecoder(artifact.inputs.map((i) => ({ name: i.name, type: i.type })), program.codec)(input) as Record<string, unknown>;
    const ctx = { input: decoded, readings: {}, cache: new Map(), calendar: {}, slots: program.slots!(), steps: 0 } as Ctx;
    const def = artifact.definitions.find((d) => d.name === 'level')!;
    const stepped = stepsOf(program, () => ctx)(ctx, def, [])!;
    // 1 095 days from 02.01.2023 to 31.12.2025; the day compared with 15.06.2024 changes the outcome once
    expect(stepped.length).toBeGreaterThan(0);
    expect(stepped.length).toBeLessThan(10);
    expect(stepped[0]).toBe(0);
    // the day of the transition (index 530: 15.06.2024) is among them, in walk order
    expect(stepped).toContain(530);
    expect([...stepped].sort((a, b) => a - b)).toEqual(stepped);
  });

  it('gives the same outputs explained and plain', () => {
    const ruleset = rulesetOf(PROGRAM);
    const plain = ruleset.evaluate(input), explained = ruleset.evaluate(input, { explain: true });
    expect(plain.ok && explained.ok && explained.outputs).toEqual(plain.ok && plain.outputs);
    expect(plain.ok && plain.outputs).toMatchObject({ now: 'gold', asked: 'gold', first: '2024-06-15' });
  });

  it('explains a state whose rules ask another state as the reference does', () => {
    const nested = artifactOf(`program n zone UTC
enum Level: basic, gold
input
  start: date
  upgrade_on: date
  today: date
define reached(d: date): boolean §4 = d >= upgrade_on
state inner: Level §1
  initially basic from start
  over d in each day from start + 1 day through today
  rule up when reached(d) and previous is basic then gold §2
state outer: integer §3
  initially 0 from start
  over d in each day from start + 1 day through today
  rule count when (inner on d) is gold and previous = 0 then 1 §5
output o = outer
output i = inner
output h = history of inner`);
    const json = (engine: 'fast' | 'reference') => {
      const loaded = loadWith(nested, { engine });
      if (!loaded.ok) throw new Error(loaded.error.message);
      return JSON.stringify(loaded.ruleset.evaluate(input, { explain: true }));
    };
    const fast = json('fast');
    expect(fast).toBe(json('reference'));
    expect(JSON.parse(fast)).toMatchObject({ ok: true, outputs: { o: 1, i: 'gold' } });
  });

  it('names only what the walk in date order reached when its items came out of order, as the reference does', () => {
    // in list order the gold event comes first and reaches goldcheck (previous is basic);
    // in date order the silver one comes first, so rule g is never tried past its first test
    const unordered = artifactOf(`program u zone UTC
enum Level: basic, silver, gold
record Event
  on: date
  level: Level
input
  start: date
  events: list of Event
define shift(x: date): date §9 = x
define day_of(e: Event): date §8 = shift(e.on)
define goldcheck(e: Event): boolean §7 = e.level is gold
state level: Level §1
  initially basic from start
  over e in events by day_of(e)
  rule s when previous is basic and e.level is silver and day_of(e) >= start then silver §2
  rule g when previous is basic and e.level is gold and goldcheck(e) then gold §3
  rule g2 when previous is silver and e.level is gold then gold §4
output now = level`);
    const events = { start: '2025-01-01', events: [{ on: '2025-03-01', level: 'gold' }, { on: '2025-02-01', level: 'silver' }] };
    const run = (engine: 'fast' | 'reference') => {
      const loaded = loadWith(unordered, { engine });
      if (!loaded.ok) throw new Error(loaded.error.message);
      const r = loaded.ruleset.evaluate(events, { explain: true });
      if (!r.ok) throw new Error(r.error.message);
      return { json: JSON.stringify(r), r };
    };
    const fast = run('fast'), reference = run('reference');
    expect(fast.json).toBe(reference.json);
    expect(fast.r.outputs).toEqual({ now: 'gold' });
    const state = all(fast.r.trace!).find((n) => n.kind === 'definition' && n.name === 'level')!;
    expect(state.children.map((n) => n.note)).toEqual(['01.02.2025: basic → silver by rule s', '01.03.2025: silver → gold by rule g2']);
    // day_of is reached by rule s, and through it shift, though the keys computed day_of first
    expect([...state.consulted!].sort()).toEqual(['day_of', 'shift']);
  });
});
