/**
 * What a syntax error costs the parser stays bounded, counted in the parser's own work
 * rather than timed (the machines are shared). Both cases were found by `npm run fuzz`
 * (test/fuzz/regressions/4dd6767c6b6b.rules): Chevrotain built a "no viable alternative"
 * message from every alternative's token paths four tokens deep (`output x = item 1 of`
 * at the end of a file: 2.5 s), and tried a recovery inside a repetition, each a scan of
 * the rest of the file, for every token of a long run no rule expects (8 KB: 2.2 s).
 */
import { describe, it, expect, afterEach } from 'vitest';
import { parse } from '../../language/parse.js';
import { rulesParser } from '../../language/parser.js';
import { MAX_REPETITION_RECOVERIES, MAX_SYNTAX_ERRORS } from '../../language/limits.js';

type Spied = Record<string, (...args: unknown[]) => unknown>;
const parser = rulesParser as unknown as Spied & { errorMessageProvider: Spied };
// (`tryInRepetitionRecovery` is Chevrotain's recovery inside a repetition: it scans the rest of the file for a token that may follow)
const restore: (() => void)[] = [];
afterEach(() => { for (const r of restore.splice(0)) r(); });

/** Calls `on(args)` on every call of `target[name]` (an own property shadowing the prototype's, removed after the test). */
function spy(target: Spied, name: string, on: (args: unknown[]) => void): void {
  const had = Object.hasOwn(target, name), own = target[name];
  const original = target[name]!;
  target[name] = function (this: unknown, ...args: unknown[]) { on(args); return original.apply(this, args); };
  restore.push(() => { if (had) target[name] = own!; else delete target[name]; });
}

describe('syntax errors: the parser\'s work', () => {
  it('builds a "no viable alternative" message from one-token paths, and says what a reader needs', () => {
    const depths: number[] = [];
    // Chevrotain's default provider is frozen: the parser's is swapped for a copy that counts
    const provider = parser.errorMessageProvider;
    parser.errorMessageProvider = { ...provider, buildNoViableAltMessage: (o: unknown) => {
      for (const alt of (o as { expectedPathsPerAlt: unknown[][][] }).expectedPathsPerAlt) for (const path of alt) depths.push(path.length);
      return provider.buildNoViableAltMessage!(o);
    } };
    restore.push(() => { parser.errorMessageProvider = provider; });
    const r = parse('output x = item 1 of');
    expect(r.diagnostics.map((d) => d.message)).toEqual(['Expected a value or expression after "of", but the file ends there.']);
    expect(depths.length).toBeGreaterThan(10);
    expect(Math.max(...depths)).toBe(1);
    // the lookahead of the parse itself is restored
    expect((rulesParser as unknown as { maxLookahead: number }).maxLookahead).toBe(4);
  });

  it(`tries at most ${MAX_REPETITION_RECOVERIES} recoveries inside a repetition per parse, each a scan of the rest of the file`, () => {
    let scans = 0;
    spy(parser, 'tryInRepetitionRecovery', () => { scans++; });
    const garbage = 'program p "t"\n  rounding half up ' + '.a'.repeat(4000);
    const r = parse(garbage);
    expect(scans).toBeLessThanOrEqual(MAX_REPETITION_RECOVERIES);
    // still one error per place, up to the limit of reported errors
    expect(r.diagnostics.length).toBeGreaterThan(MAX_REPETITION_RECOVERIES);
    expect(r.diagnostics.length).toBeLessThanOrEqual(MAX_SYNTAX_ERRORS + 1);
    expect(r.diagnostics[0]!.message).toBe('Expected "to" but found ".".');
    // the next parse has its own allowance
    scans = 0;
    expect(parse('program p "t"\n  rounding half up .a .a\noutput x = 1\n').diagnostics.length).toBeGreaterThan(0);
    expect(scans).toBeGreaterThan(0);
  });
});
