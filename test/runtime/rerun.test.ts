/**
 * Rerun (runtime/rerun.ts) reuses the outputs an edit cannot reach: over a series of edits
 * of each program (new figures, comments, as the playground's editor and bench/latency.ts
 * make them), every scenario's result through Rerun equals a full evaluation of the edited
 * program, and some outputs were indeed taken from the last program (the test is not vacuous).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { IncrementalCompiler } from '../../compiler/incremental.js';
import { loadCompiled, type Ruleset } from '../../runtime/load.js';
import { Rerun, affectedOutputs } from '../../runtime/rerun.js';
import type { Scenario } from '../../runtime/scenario.js';
import type { TraceNode } from '../../runtime/trace.js';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules') && existsSync(`programs/${f.replace(/\.rules$/, '.scenarios.yaml')}`)).sort();

/** A digit of a number in the code (not in a comment, a quoted text or a date or time). */
const FIGURE = /^[^#"§\n]*?[=<>|+*(,] *([1-8])(?![\d.:-]*[.:-][\d.:-]*[.:-])/gm;

/** Edit `i`: a digit of a number in the code changed (odd i), or a comment added at the end of a line. */
function edited(text: string, i: number): string {
  if (i % 2 === 0) {
    const ends = [...text.matchAll(/\n/g)].map((m) => m.index);
    const at = ends[(i * 37) % ends.length]!;
    return `${text.slice(0, at)} # note ${i}${text.slice(at)}`;
  }
  const digits = [...text.matchAll(FIGURE)].map((m) => m.index + m[0].length - 1);
  const at = digits[(i * 37) % digits.length]!;
  return `${text.slice(0, at)}${String.fromCharCode(text.charCodeAt(at) + 1)}${text.slice(at + 1)}`;
}

describe('Rerun', () => {
  for (const file of programs) {
    it(`${file}: results after each edit equal a full evaluation`, () => {
      const path = `programs/${file}`;
      const { scenarios } = parseYaml(readFileSync(path.replace(/\.rules$/, '.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] };
      const compiler = new IncrementalCompiler(), rerun = new Rerun();
      let text = readFileSync(path, 'utf8'), partial = 0, compiledEdits = 0;
      for (let i = 0; i < 12; i++) {
        if (i > 0) text = edited(text, i);
        const artifact = compiler.compile(text, { path }).artifact;
        if (!artifact) continue; // a figure the checker refuses (e.g. a share over 100%): the editor shows the error
        const loaded = loadCompiled(artifact);
        if (!loaded.ok) throw new Error(loaded.error.message);
        compiledEdits++;
        scenarios.forEach((s, k) => {
          // an explanation is compared without its trace here (the tests below compare it line for line)
          const explain = k === 0 && i % 3 === 0;
          const got = rerun.evaluate(loaded.ruleset, s, explain);
          const full = loaded.ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, calendar: s.calendar });
          if (explain && got.ok) expect(got.trace).toBeDefined();
          expect(explain && got.ok ? { ...got, trace: undefined } : got, `${s.name} after edit ${i}`).toStrictEqual(explain && got.ok ? { ...full, trace: undefined } : full);
        });
        partial += (rerun as unknown as { current: { affected?: string[] } }).current.affected?.length !== artifact.outputs.length ? 1 : 0;
      }
      expect(compiledEdits).toBeGreaterThan(6);
      expect(partial).toBeGreaterThan(0);
    });
  }

  it('an edit of a definition affects exactly the outputs that reach it, and a header change all', () => {
    const compiler = new IncrementalCompiler();
    const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n\ninput\n  n: decimal\n\n';
    const a = compiler.compile(`${head}define factor = 2\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    const b = compiler.compile(`${head}define factor = 3\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    expect(affectedOutputs(a, b)).toEqual(['doubled']);
    expect(affectedOutputs(a, a)).toEqual([]);
    const c = compiler.compile(`${head.replace('Moscow', 'Kaliningrad')}define factor = 3\ndefine base = n * factor\noutput doubled = base\noutput plain = n\n`).artifact!;
    expect(affectedOutputs(b, c)).toBeUndefined();
  });

  it('a scenario that computed nothing an edit changed is not evaluated again, and keeps the full evaluation\'s result', () => {
    const compiler = new IncrementalCompiler(), rerun = new Rerun();
    const head = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n\ninput\n  n: decimal\n\n';
    const text = (a: string, b: string, cut: string) => `${head}define big = n * ${a}\ndefine small = n * ${b}\noutput o = if n > ${cut} then big else small\noutput twice = n * 2\n`;
    const scenarios: Scenario[] = [
      { name: 'above', input: { n: '5' }, expect: {} },
      { name: 'below', input: { n: '-5' }, expect: {} },
    ];
    let evaluations = 0;
    const step = (src: string, expected: Record<string, string>[], evaluated: number) => {
      const artifact = compiler.compile(src).artifact!;
      const loaded = loadCompiled(artifact);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const counted: Ruleset = { artifact, evaluate: (i, o) => { evaluations++; return loaded.ruleset.evaluate(i, o); } };
      evaluations = 0;
      scenarios.forEach((s, k) => {
        const got = rerun.evaluate(counted, s);
        expect(got.ok && got.outputs, `${s.name} of ${src}`).toEqual(expected[k]);
      });
      expect(evaluations, src).toBe(evaluated);
    };
    step(text('10', '3', '0'), [{ o: '50', twice: '10' }, { o: '-15', twice: '-10' }], 2);
    // "below" never computed big: only "above" is evaluated again
    step(text('11', '3', '0'), [{ o: '55', twice: '10' }, { o: '-15', twice: '-10' }], 1);
    // and the other way round
    step(text('11', '4', '0'), [{ o: '55', twice: '10' }, { o: '-20', twice: '-10' }], 1);
    // the output itself changed: both computed it
    step(text('11', '4', '-10'), [{ o: '55', twice: '10' }, { o: '-55', twice: '-10' }], 2);
  });

  it('keys a scenario by its input, instant, readings and calendar: the same input object with other readings, or another object, is evaluated anew', () => {
    const text = 'program p "P"\n  currency RUB\n  zone Europe/Moscow\n\ninput\n  n: decimal\n\nreading r "R"\n  default low "low"\n  option high "high"\n\noutput scaled = n * match r when low then 2 when high then 3\n';
    const compiled = new IncrementalCompiler().compile(text);
    const artifact = compiled.artifact;
    if (!artifact) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
    const loaded = loadCompiled(artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const rerun = new Rerun(), input = { n: '5' };
    const got = (s: Scenario) => { const r = rerun.evaluate(loaded.ruleset, s); return r.ok ? r.outputs : r.error; };
    expect(got({ name: 'a', input, expect: {} })).toEqual({ scaled: '10' });
    expect(got({ name: 'a', input, readings: { r: 'high' }, expect: {} })).toEqual({ scaled: '15' });
    expect(got({ name: 'a', input, readings: { r: 'low' }, expect: {} })).toEqual({ scaled: '10' });
    expect(got({ name: 'a', input, as_of: '2025-01-01T00:00:00Z', readings: { r: 'high' }, expect: {} })).toEqual({ scaled: '15' });
    expect(got({ name: 'b', input: { n: '7' }, readings: { r: 'high' }, expect: {} })).toEqual({ scaled: '21' });
    expect(got({ name: 'c', input: { n: '5' }, readings: { r: 'high' }, expect: {} })).toEqual({ scaled: '15' });
  });

  it('reads its evaluation hook safely: options whose traps throw on a symbol evaluate as before', () => {
    const artifact = new IncrementalCompiler().compile('program p "P"\n  currency RUB\n  zone Europe/Moscow\n\ninput\n  n: decimal\n\noutput twice = n * 2\n').artifact!;
    const loaded = loadCompiled(artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const throwingOnSymbols = (o: Record<string, unknown>) => new Proxy(o, {
      get(t, k) { if (typeof k === 'symbol') throw new Error('no symbols here'); return t[k]; },
    });
    for (const explain of [false, true]) {
      const got = loaded.ruleset.evaluate({ n: '2.5' }, throwingOnSymbols({ asOf: '2025-01-01T00:00:00Z', explain }));
      expect(got.ok && got.outputs).toEqual({ twice: '5' });
    }
  });

  it('an explanation whose walk consults the edited definition is explained again', () => {
    const compiler = new IncrementalCompiler(), rerun = new Rerun();
    // level_for and reached are asked only inside the walk of the state `level`
    const text = (days: string) => `program w\n  zone UTC\n\nenum Level: basic, gold\ninput\n  start: date\n  upgrade_on: date\n  today: date\n
define reached(d: date): boolean §4 = d >= upgrade_on + ${days} days
define level_for(d: date): Level §5 = if reached(d) then gold else basic
define other: date §6 = upgrade_on
state level: Level §1
  initially basic from start
  over d in each day from start + 1 day through today
  rule up when level_for(d) is not previous then level_for(d) §2
output now = level
output later = other
`;
    const s: Scenario = { name: 'walk', input: { start: '2024-01-01', upgrade_on: '2024-06-15', today: '2024-12-31' }, as_of: '2024-12-31T12:00:00Z', expect: {} };
    const notes = (days: string): string[] => {
      const artifact = compiler.compile(text(days)).artifact!;
      const loaded = loadCompiled(artifact);
      if (!loaded.ok) throw new Error(loaded.error.message);
      const got = rerun.evaluate(loaded.ruleset, s, true);
      expect(got).toStrictEqual(loaded.ruleset.evaluate(s.input, { asOf: s.as_of, explain: true }));
      if (!got.ok) throw new Error(got.error.message);
      const all = (ns: TraceNode[]): TraceNode[] => ns.flatMap((n) => [n, ...all(n.children)]);
      return all(got.trace!).filter((n) => n.kind === 'transition').map((n) => n.note!);
    };
    expect(notes('10')).toEqual(['25.06.2024: basic → gold by rule up']);
    expect(notes('20')).toEqual(['05.07.2024: basic → gold by rule up']);
    expect(notes('30')).toEqual(['15.07.2024: basic → gold by rule up']);
  });

  // over every program (atrealt's figures sit in two definitions every scenario computes)
  const totals = { evaluations: 0, asked: 0, explanations: 0, explained: 0 };
  for (const file of programs) {
    it(`${file}: new figures spread over the program: each scenario equals a full evaluation, explained or not`, () => {
      const path = `programs/${file}`;
      const { scenarios } = parseYaml(readFileSync(path.replace(/\.rules$/, '.scenarios.yaml'), 'utf8')) as { scenarios: Scenario[] };
      const compiler = new IncrementalCompiler(), rerun = new Rerun();
      const original = readFileSync(path, 'utf8');
      const sites = [...original.matchAll(FIGURE)].map((m) => m.index + m[0].length - 1);
      let evaluations = 0, asked = 0, explanations = 0, explained = 0;
      // the original and one new figure in turn, the figures at 16 places spread over the text
      for (let k = 0; k < 33; k++) {
        const at = sites[Math.floor(((k >> 1) * sites.length) / 16)]!;
        const text = k % 2 ? `${original.slice(0, at)}${String.fromCharCode(original.charCodeAt(at) + 1)}${original.slice(at + 1)}` : original;
        const artifact = compiler.compile(text, { path }).artifact;
        if (!artifact) continue;
        const loaded = loadCompiled(artifact);
        if (!loaded.ok) throw new Error(loaded.error.message);
        const counted: Ruleset = { artifact, evaluate: (input, o) => { if (o?.explain) explanations++; else evaluations++; return loaded.ruleset.evaluate(input, o); } };
        scenarios.forEach((s, j) => {
          const got = rerun.evaluate(counted, s);
          asked++;
          const options = { asOf: s.as_of, readings: s.readings, calendar: s.calendar };
          expect(got, `${s.name} after edit ${k}`).toStrictEqual(loaded.ruleset.evaluate(s.input, options));
          // every fourth scenario explained too, as the selected one is: the explanation line for line
          if (j % 4 === 0) {
            explained++;
            expect(rerun.evaluate(counted, s, true), `${s.name} explained after edit ${k}`).toStrictEqual(loaded.ruleset.evaluate(s.input, { ...options, explain: true }));
          }
        });
      }
      expect(evaluations).toBeLessThanOrEqual(asked);
      totals.evaluations += evaluations;
      totals.asked += asked;
      totals.explanations += explanations;
      totals.explained += explained;
    });
  }
  it('some scenarios were not evaluated again after those edits (the tests above are not vacuous)', () => {
    expect(totals.asked).toBeGreaterThan(0);
    expect(totals.evaluations).toBeLessThan(totals.asked * 0.9);
    expect(totals.explained).toBeGreaterThan(0);
    expect(totals.explanations).toBeLessThan(totals.explained * 0.9);
  });
});
