import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSource, runAll, type FirstResults } from '../../playground/src/engine/engine.js';
import type { TraceNode } from '../../runtime/trace.js';
import { readScenarios } from '../../playground/src/scenario-file.js';

// the playground's worker answers the scenarios in view first (playground/src/engine/engine.ts runAll)
const source = readFileSync('programs/partner-intl.rules', 'utf8');
const { scenarios } = readScenarios(readFileSync('programs/partner-intl.scenarios.yaml', 'utf8'));

describe('playground engine: the scenarios in view are answered first', () => {
  it('answers the selected and visible scenarios first, then the selected one\'s trace, with the same outcomes and trace as the whole run', () => {
    expect(scenarios.length).toBeGreaterThan(10);
    // a program of its own (a new output), so no cached run of another test answers
    const c = compileSource(`${source}\noutput run_first_probe = 1\n`);
    const answers: string[] = [];
    const firsts: FirstResults[] = [];
    const traces: (TraceNode[] | undefined)[] = [];
    const all = runAll(c, { scenarios, overrides: {}, selected: 5, first: [2, 3, 5, 999, -1] }, (f) => { answers.push('first'); firsts.push(f); }, (t) => { answers.push('trace'); traces.push(t); });
    expect(answers).toEqual(['first', 'trace']);
    expect(firsts[0]!.entries.map(([i]) => i)).toEqual([5, 2, 3]);
    for (const [i, o] of firsts[0]!.entries) expect(o).toEqual(all.outcomes[i]);
    expect(traces[0]).toBeDefined();
    expect(traces[0]).toBe(all.trace);
    // the selected scenario's explanation, as an evaluation of it alone gives it
    const s = scenarios[5]!;
    const alone = c.ruleset!.evaluate(s.input, { explain: true, asOf: s.as_of, readings: s.readings ?? {}, calendar: s.calendar });
    expect(alone.ok && alone.trace).toEqual(all.trace);
    expect(all.outcomes).toHaveLength(scenarios.length);
    expect(all.outcomes.every((o) => o && typeof o.passed === 'boolean')).toBe(true);

    // the same outcomes as a run that answers all at once (another selected scenario, so the last run is not reused)
    const plain = runAll(c, { scenarios, overrides: {}, selected: 6 });
    expect(plain).not.toBe(all);
    expect(plain.outcomes).toEqual(all.outcomes);
  });

  it('does not answer first when the answer is the last run\'s (an edit of a comment)', () => {
    const run = { scenarios, overrides: {}, selected: 0, first: [1] };
    runAll(compileSource(`${source}\noutput run_first_probe = 2\n`), run);
    const firsts: FirstResults[] = [];
    runAll(compileSource(`${source}\noutput run_first_probe = 2\n# a comment\n`), { ...run, first: [4] }, (f) => firsts.push(f));
    expect(firsts).toEqual([]);
  });
});

describe('playground engine: scenarios named by the page\'s number', () => {
  it('reuses the last run for the same number and runs again for another', () => {
    const c = compileSource(`${source}\noutput run_first_probe = 3\n`);
    const run = { scenarios, overrides: {}, selected: 0, scenariosKey: 7 };
    const first = runAll(c, run);
    expect(runAll(c, { ...run, scenarios: scenarios.slice() })).toBe(first);
    const other = runAll(c, { ...run, scenarios: scenarios.slice(0, 3), scenariosKey: 8 });
    expect(other.outcomes).toHaveLength(3);
    expect(other.outcomes).toEqual(first.outcomes.slice(0, 3));
  });
});
