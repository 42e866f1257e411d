/**
 * Finding 10: a scenario file that asserts nothing, or misspells a key, fails loudly.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scenarioFileProblems } from '../../runtime/scenario-schema.js';
import { readScenarioFile } from '../../cli/test-command.js';
import { CliError } from '../../cli/io.js';

const good = { scenarios: [{ name: 's', input: {}, expect: { outputs: { a: 1 } } }] };
const withExpect = (expect: unknown, extra: Record<string, unknown> = {}) => ({ scenarios: [{ name: 's', input: {}, expect, ...extra }] });

describe('the scenario file schema', () => {
  it('accepts a scenario that asserts outputs, reasons or an error', () => {
    expect(scenarioFileProblems(good)).toEqual([]);
    expect(scenarioFileProblems(withExpect({ reasons: { e: ['x'] } }))).toEqual([]);
    expect(scenarioFileProblems(withExpect({ error: 'RB-E-NO-ROW' }))).toEqual([]);
  });

  it.each([
    ['expect: {output: …} (singular)', withExpect({ output: { a: 1 } }), /expect\.output is not a known key/],
    ['reading: (singular)', withExpect({ outputs: { a: 1 } }, { reading: { r: 'x' } }), /reading is not a known key/],
    ['an empty expect', withExpect({}), /asserts nothing/],
    ['empty outputs', withExpect({ outputs: {} }), /outputs is empty/],
    ['an error and outputs together', withExpect({ error: 'RB-E-NO-ROW', outputs: { a: 1 } }), /one or the other/],
    ['an unknown top-level key', { ...good, senarios: [] }, /senarios is not a known key/],
    ['a scenario without input', { scenarios: [{ name: 's', expect: { outputs: { a: 1 } } }] }, /needs input/],
    ['an error code that is not one', withExpect({ error: 'no row' }), /error/],
  ])('refuses %s with a sentence naming the path', (_what, doc, message) => {
    const problems = scenarioFileProblems(doc);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(message);
  });

  it('makes `rulebook test` refuse such a file instead of passing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-scenarios-'));
    copyFileSync('test/fixtures/runtime/money.rules', join(dir, 'money.rules'));
    const file = join(dir, 'money.scenarios.yaml');
    writeFileSync(file, 'scenarios:\n  - name: wrong but silent\n    input: {amount: "1 RUB", big: "1 RUB", x: "1"}\n    expect:\n      output: {twenty: "999 RUB"}\n');
    // the first problem is the error's line, the others follow it (CliError.after), one per line
    let thrown: CliError | undefined;
    try { readScenarioFile(file); } catch (e) { thrown = e as CliError; }
    expect(thrown).toBeInstanceOf(CliError);
    expect(`${thrown!.message}\n${thrown!.after ?? ''}`).toMatch(/expect\.output is not a known key/);
  });
});
