/**
 * The incremental parser (language/incremental.ts) must give exactly what a full parse
 * gives: the same AST (spans included) and the same diagnostics, after any sequence of
 * edits. Random edit sequences over every program; each step is also compiled through the
 * incremental parser, so a later stage that wrote into a reused AST would show up as a
 * difference at a later step.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { parse } from '../../language/parse.js';
import { IncrementalParser } from '../../language/incremental.js';
import { compile } from '../../compiler/compile.js';

const programs = readdirSync('programs').filter((f) => f.endsWith('.rules')).sort();

/** One edit: mostly ones that keep the program valid (comments, spacing, digits, a copied line), some that break it. */
const edit = fc.record({
  // unbiased: fast-check's default bias toward small numbers would put most edits in the header
  at: fc.noBias(fc.integer({ min: 0, max: 999_999 })).map((n) => n / 1_000_000),
  kind: fc.constantFrom('comment', 'comment', 'comment', 'space', 'space', 'newline', 'digit', 'digit', 'digit', 'copyLine', 'deleteLine', 'deleteChars', 'typo', 'undo', 'undo', 'undo'),
  size: fc.integer({ min: 1, max: 12 }),
  digit: fc.integer({ min: 0, max: 9 }),
});
type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(src: string, e: Edit, history: string[]): string {
  const at = Math.floor(e.at * (src.length + 1));
  const lineStart = src.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = src.indexOf('\n', at) < 0 ? src.length : src.indexOf('\n', at);
  switch (e.kind) {
    case 'comment': return `${src.slice(0, lineEnd)} # note ${e.size}${src.slice(lineEnd)}`;
    case 'space': return `${src.slice(0, lineStart)}${' '.repeat(e.size)}${src.slice(lineStart)}`;
    case 'newline': return `${src.slice(0, lineEnd)}${'\n'.repeat(e.size)}${src.slice(lineEnd)}`;
    case 'digit': {
      const i = src.slice(at).search(/\d/);
      return i < 0 ? src : `${src.slice(0, at + i)}${e.digit}${src.slice(at + i + 1)}`;
    }
    case 'copyLine': return `${src.slice(0, lineStart)}${src.slice(lineStart, lineEnd)}\n${src.slice(lineStart)}`;
    case 'deleteLine': return `${src.slice(0, lineStart)}${src.slice(Math.min(src.length, lineEnd + 1))}`;
    case 'deleteChars': return `${src.slice(0, at)}${src.slice(at + e.size)}`;
    case 'typo': return `${src.slice(0, at)}${'x)( "§'[e.size % 6]}${src.slice(at)}`;
    // back to the text before the last edit (or the one before that), as Ctrl+Z does
    case 'undo': return history.length > 1 ? history[history.length - 2 - (e.size % Math.min(2, history.length - 1))]! : src;
  }
}

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

  it('reparses one declaration for an edit inside it, and compiles as a full compile does', () => {
    const src = readFileSync('programs/partner-intl.rules', 'utf8');
    const parser = new IncrementalParser();
    parser.parse(src);
    const middle = src.indexOf('\ndefine ', Math.floor(src.length / 2)) + 1;
    const lineEnd = src.indexOf('\n', middle);
    const edited = `${src.slice(0, lineEnd)} # why${src.slice(lineEnd)}`;
    const got = compile(edited, { parser });
    expect(parser.stats).toEqual({ full: false, reparsed: 1, reused: expect.any(Number) as number });
    expect(parser.stats.reused).toBeGreaterThan(20);
    expect(got).toStrictEqual(compile(edited));
    expect(JSON.stringify(got)).toBe(JSON.stringify(compile(edited)));
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
});
