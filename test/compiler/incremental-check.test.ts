/**
 * The incremental compiler (compiler/incremental.ts: the incremental parser and the
 * checker's memo, compiler/check-memo.ts) must give exactly what a full compile gives: the
 * same AST, diagnostics and artifact (its JSON text too), after any sequence of edits,
 * including edits that change a value's type (so the declarations that use it must be
 * checked again), edits that break the program and undo that, and edits that bring a
 * reserved name or an out-of-range number (walks remembered per declaration must see them).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { IncrementalCompiler } from '../../compiler/incremental.js';
import { namesAndDepth, walkNamesAndDepth, clausesOf, citedClauses } from '../../compiler/decl-facts.js';
import { editWithLimits, apply } from '../language/random-edits.js';
import { load, loadCompiled } from '../../runtime/load.js';
import { runScenario, type Scenario } from '../../runtime/scenario.js';
import { parse as parseYaml } from 'yaml';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort();

describe('incremental compiler', () => {
  for (const file of programs) {
    it(`gives exactly a full compile's result over random edits of ${file}`, { timeout: 180_000 }, () => {
      const path = `programs/${file}`;
      const original = readFileSync(path, 'utf8');
      let reused = 0, rechecked = 0, flagged = 0;
      fc.assert(fc.property(fc.array(editWithLimits, { minLength: 1, maxLength: 10 }), (edits) => {
        const compiler = new IncrementalCompiler();
        let src = original;
        const history = [src];
        expect(compiler.compile(src, { path })).toStrictEqual(compile(src, { path }));
        for (const e of edits) {
          src = apply(src, e, history);
          history.push(src);
          const got = compiler.compile(src, { path });
          const full = compile(src, { path });
          expect(got).toStrictEqual(full);
          expect(JSON.stringify(got.artifact)).toBe(JSON.stringify(full.artifact));
          // what the compiler remembers per declaration (compiler/decl-facts.ts) is what a fresh walk finds
          for (const d of got.ast?.declarations ?? []) {
            expect(namesAndDepth(d, compiler.facts)).toStrictEqual(walkNamesAndDepth(d));
            expect(clausesOf(d, compiler.facts)).toStrictEqual([...citedClauses(d)]);
          }
          if (full.diagnostics.some((d) => d.code === 'RB311' || d.code === 'RB211')) flagged++;
          reused += compiler.memo.stats.reused;
          rechecked += compiler.memo.stats.checked;
        }
      }), { numRuns: 6, seed: 14 });
      // the property means nothing unless declarations are reused, and some checked again
      expect(reused).toBeGreaterThan(100);
      expect(rechecked).toBeGreaterThan(0);
      // and the edits do bring reserved names and out-of-range literals, which remembered walks must not miss
      expect(flagged).toBeGreaterThan(0);
    });
  }

  it('checks again the users of a parameter whose inferred type changes, and reuses them when it changes back', () => {
    for (const path of ['programs/partner-intl.rules', 'programs/partner-ua.rules']) {
      const original = readFileSync(path, 'utf8');
      const compiler = new IncrementalCompiler();
      compiler.compile(original, { path });
      const untyped = [...original.matchAll(/^parameter [a-z_0-9]+ = ([^§\n]*)/gm)];
      expect(untyped.length).toBeGreaterThan(3);
      for (const m of untyped) {
        const from = m.index + m[0].length - m[1]!.length;
        for (const value of ['90 ', '"text" ', m[1]!]) {
          const src = `${original.slice(0, from)}${value}${original.slice(from + m[1]!.length)}`;
          expect(compiler.compile(src, { path })).toStrictEqual(compile(src, { path }));
        }
      }
    }
  });

  it('checks again only the edited declaration after a comment or a new number, and its users after a new type', () => {
    const path = 'programs/partner-intl.rules';
    const src = readFileSync(path, 'utf8');
    const compiler = new IncrementalCompiler();
    compiler.compile(src, { path });
    const checkedAll = compiler.memo.stats.checked;
    // a comment at the end of a line in the middle of a definition
    const middle = src.indexOf('\ndefine ', Math.floor(src.length / 2)) + 1;
    const lineEnd = src.indexOf('\n', src.indexOf('\n', middle) + 1);
    const commented = `${src.slice(0, lineEnd)} # why${src.slice(lineEnd)}`;
    expect(compiler.compile(commented, { path })).toStrictEqual(compile(commented, { path }));
    expect(compiler.memo.stats.checked).toBeLessThanOrEqual(1);
    expect(compiler.memo.stats.reused).toBeGreaterThan(checkedAll / 2);
    // a number changes: the declaration holding it is checked again, nothing else
    const digit = commented.slice(middle).search(/\d/) + middle;
    const renumbered = `${commented.slice(0, digit)}${commented[digit] === '7' ? '8' : '7'}${commented.slice(digit + 1)}`;
    expect(compiler.compile(renumbered, { path })).toStrictEqual(compile(renumbered, { path }));
    expect(compiler.memo.stats.checked).toBe(1);
    // a comment in the header: no declaration is checked again
    const headerNote = renumbered.replace('\n', ' # a note\n');
    expect(compiler.compile(headerNote, { path })).toStrictEqual(compile(headerNote, { path }));
    expect(compiler.memo.stats.checked).toBe(0);
    // a comment inside a record: no declaration is checked again (the record's shape is unchanged)
    const inRecord = headerNote.indexOf('\n', headerNote.indexOf('\nrecord ') + 1);
    const recordNote = `${headerNote.slice(0, inRecord)} # a note${headerNote.slice(inRecord)}`;
    expect(compiler.compile(recordNote, { path })).toStrictEqual(compile(recordNote, { path }));
    expect(compiler.memo.stats.checked).toBe(0);
    // a parameter without a declared type becomes a number instead of a duration: its users are checked again
    const retyped = recordNote.replace('parameter bronze_days = 90 days', 'parameter bronze_days = 90');
    expect(retyped).not.toBe(recordNote);
    expect(compiler.compile(retyped, { path })).toStrictEqual(compile(retyped, { path }));
    expect(compiler.memo.stats.checked).toBeGreaterThan(1);
  });

  it('checks again only the state or ledger whose figure changes, as for a definition', () => {
    const path = 'programs/partner-intl.rules';
    let src = readFileSync(path, 'utf8');
    const compiler = new IncrementalCompiler();
    compiler.compile(src, { path });
    const all = compiler.memo.stats.checked;
    // a figure in a state's rule, then in a ledger's limit, then both back
    const edits: [string, string][] = [['d = day_90 + 1 day and not bronze_rule', 'd = day_90 + 2 day and not bronze_rule'], ['minimum_cash, 0.00 USD)', 'minimum_cash, 1.00 USD)']];
    for (const [from, to] of [...edits, ...edits.map(([a, b]): [string, string] => [b, a])]) {
      expect(src).toContain(from);
      src = src.replace(from, to);
      const got = compiler.compile(src, { path }), full = compile(src, { path });
      expect(got).toStrictEqual(full);
      expect(JSON.stringify(got.artifact)).toBe(JSON.stringify(full.artifact));
      expect(compiler.memo.stats.checked, `${from} -> ${to}`).toBe(1);
      expect(compiler.memo.stats.reused).toBe(all - 1);
    }
  });

  it('checks again the versions whose date is a date parameter when that date changes', () => {
    const program = (day: string) => ['program t "T"', '  currency EUR', '  zone Europe/Berlin', '', 'input', '  day: date', '',
      `parameter switch_day: date = ${day}`, '', 'define rate: percent = in force on day', '  until 31.12.2025: 10%', '  from switch_day: 12%', '',
      'output r: percent = rate', ''].join('\n');
    const compiler = new IncrementalCompiler();
    for (const day of ['01.01.2026', '01.02.2026', '01.01.2026']) {
      const got = compiler.compile(program(day));
      expect(got.diagnostics).toStrictEqual([]);
      expect(got).toStrictEqual(compile(program(day)));
    }
  });

  it('loads the last evaluator again when an edit changed no definition, and a new one when it did, with the results of a fresh load', () => {
    const path = 'programs/partner-intl.rules';
    const src = readFileSync(path, 'utf8');
    const scenarios = (parseYaml(readFileSync('programs/partner-intl.scenarios.yaml', 'utf8')) as { scenarios: Scenario[] }).scenarios;
    const compiler = new IncrementalCompiler();
    const results = (ruleset: Parameters<typeof runScenario>[0]) => scenarios.map((s) => runScenario(ruleset, { ...s, expect: s.expect ?? {} }, false));
    const loaded = (text: string) => {
      const got = loadCompiled(compiler.compile(text, { path }).artifact!);
      const fresh = load(compile(text, { path }).artifact);
      if (!got.ok || !fresh.ok) throw new Error('does not load');
      expect(got.ruleset.artifact).toStrictEqual(fresh.ruleset.artifact);
      expect(results(got.ruleset)).toStrictEqual(results(fresh.ruleset));
      return got.ruleset;
    };
    const first = loaded(src);
    const lineEnd = src.indexOf('\n', src.indexOf('\ndefine ', Math.floor(src.length / 2)) + 1);
    const commented = `${src.slice(0, lineEnd)} # why${src.slice(lineEnd)}`;
    const second = loaded(commented);
    expect(second.evaluate).toBe(first.evaluate);
    expect(second.artifact.sourceHash).not.toBe(first.artifact.sourceHash);
    const changed = commented.replace('parameter silver_prequal_orders: integer = 2 ', 'parameter silver_prequal_orders: integer = 3 ');
    expect(changed).not.toBe(commented);
    const third = loaded(changed);
    expect(third.evaluate).not.toBe(second.evaluate);
    expect(results(third)).not.toStrictEqual(results(second));
  });
});
