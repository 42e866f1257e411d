/**
 * The incremental parser (language/incremental.ts) must give exactly what a full parse
 * gives: the same AST (spans included) and the same diagnostics, after any sequence of
 * edits. Random edit sequences over every program; each step is also compiled through the
 * incremental parser, so a later stage that wrote into a reused AST would show up as a
 * difference at a later step.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { edit, apply } from './random-edits.js';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from '../../language/parse.js';
import { IncrementalParser } from '../../language/incremental.js';
import { compile } from '../../compiler/compile.js';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort();

describe('incremental parser', () => {
  for (const file of programs) {
    it(`gives exactly a full parse's result over random edits of ${file}`, { timeout: 120_000 }, () => {
      const original = readFileSync(`programs/${file}`, 'utf8');
      let incremental = 0;
      fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 10 }), (edits) => {
        const parser = new IncrementalParser();
        let src = original;
        const history = [src];
        expect(parser.parse(src)).toStrictEqual(parse(src));
        for (const e of edits) {
          src = apply(src, e, history);
          history.push(src);
          const got = compile(src, { parser });
          if (!parser.stats.full) incremental++;
          const full = parse(src);
          expect(got.ast).toStrictEqual(full.ast);
          // the artifact's JSON text too (the playground keys its caches by it); diagnostics when there are some
          if (!parser.stats.full || full.diagnostics.length) {
            const reference = compile(src);
            expect(got.diagnostics).toStrictEqual(reference.diagnostics);
            expect(JSON.stringify(got.artifact)).toBe(JSON.stringify(reference.artifact));
          }
        }
      }), { numRuns: 8, seed: 14 });
      // the property means nothing unless the edits do take the incremental path
      expect(incremental).toBeGreaterThan(15);
    });
  }

  it('lexes and reparses one declaration for an edit inside it, and compiles as a full compile does', () => {
    const src = readFileSync('programs/partner-intl.rules', 'utf8');
    const parser = new IncrementalParser();
    parser.parse(src);
    const middle = src.indexOf('\ndefine ', Math.floor(src.length / 2)) + 1;
    const lineEnd = src.indexOf('\n', middle);
    const edited = `${src.slice(0, lineEnd)} # why${src.slice(lineEnd)}`;
    const got = compile(edited, { parser });
    expect(parser.stats).toEqual({ full: false, reparsed: 1, reused: expect.any(Number) as number, lexed: expect.any(Number) as number });
    expect(parser.stats.reused).toBeGreaterThan(20);
    // lexed from the edited declaration to a few past it, not the whole file
    expect(parser.stats.lexed).toBeLessThan(src.length / 10);
    expect(got).toStrictEqual(compile(edited));
    expect(JSON.stringify(got)).toBe(JSON.stringify(compile(edited)));
  });

  it('places the tokens of a declaration that starts further right on its line at their true columns, and moves the ones below by lines', () => {
    const src = readFileSync('programs/partner-intl.rules', 'utf8');
    const at = src.indexOf('\ndefine ', Math.floor(src.length / 2)) + 1;
    const indented = `${src.slice(0, at)}   ${src.slice(at)}`;
    const parser = new IncrementalParser();
    expect(parser.parse(indented)).toStrictEqual(parse(indented));
    const lineEnd = indented.indexOf('\n', at);
    const edited = `${indented.slice(0, lineEnd)} # why${indented.slice(lineEnd)}`;
    expect(parser.parse(edited)).toStrictEqual(parse(edited));
    expect(parser.stats.full).toBe(false);
    // and a new line in it moves every declaration below by a line
    const longer = `${edited.slice(0, lineEnd)}\n${edited.slice(lineEnd)}`;
    expect(parser.parse(longer)).toStrictEqual(parse(longer));
    expect(parser.stats).toMatchObject({ full: false, reused: expect.any(Number) as number });
    expect(parser.stats.reused).toBeGreaterThan(20);
  });

  it('falls back to the full parse, with its diagnostics, when the edit breaks the syntax', () => {
    const src = readFileSync('programs/referral-ru.rules', 'utf8');
    const parser = new IncrementalParser();
    parser.parse(src);
    const broken = src.replace(/\ndefine ([a-z_]+)/, '\ndefine $1 = = ');
    expect(parser.parse(broken)).toStrictEqual(parse(broken));
    expect(parser.stats.full).toBe(true);
    expect(parse(broken).diagnostics.map((d) => d.code)).toContain('RB101');
  });

  it('falls back to the full parse when an edit writes an unknown escape in a text', () => {
    const src = readFileSync('programs/referral-ru.rules', 'utf8');
    const parser = new IncrementalParser();
    parser.parse(src);
    const at = src.indexOf('"', src.indexOf('\ndefine ')) + 1;
    const edited = `${src.slice(0, at)}\\u0041${src.slice(at)}`;
    expect(parser.parse(edited)).toStrictEqual(parse(edited));
    expect(parser.stats.full).toBe(true);
    expect(parse(edited).diagnostics.map((d) => d.code)).toEqual(['RB101']);
  });
});
