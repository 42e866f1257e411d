/**
 * Finding 9: one line-break rule (language/lines.ts). LF, CRLF and a lone CR end a line
 * for the lexer, the parser's positions and the printed caret alike; U+2028/U+2029 are
 * not line breaks and are refused outside quoted text, so no editor shows a line the
 * language does not see.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { formatDiagnostic } from '../../language/diagnostics.js';

const lines = ['program p "P"', '  currency RUB', '  zone Europe/Moscow', '# a comment', 'output a = 1 +', 'output b = 2', ''];

describe.each([['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']])('%s line endings', (_name, eol) => {
  const source = lines.join(eol);

  it('give the same diagnostics at the same lines and columns', () => {
    const lf = compile(lines.join('\n')).diagnostics.map((d) => [d.code, d.span.startLine, d.span.startColumn]);
    expect(lf.length).toBeGreaterThan(0);
    expect(compile(source).diagnostics.map((d) => [d.code, d.span.startLine, d.span.startColumn])).toEqual(lf);
  });

  it('print the offending line and a caret under the error', () => {
    const d = compile(source).diagnostics[0]!;
    const printed = formatDiagnostic(d, source, 'p.rules').split('\n');
    expect(printed[1]).toBe('  output a = 1 +');
    expect(printed[2]!.indexOf('^')).toBe(2 + d.span.startColumn - 1);
  });

  it('end a comment, so the declaration after it is read', () => {
    const ok = ['program p "P"', '  zone Europe/Moscow', '# comment', 'output b = 2', ''].join(eol);
    const r = compile(ok);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.artifact?.outputs.map((o) => o.name)).toEqual(['b']);
  });

  it('start a table row with | at the beginning of a line', () => {
    const table = ['program p "P"', '  zone Europe/Moscow', 'table t hit first', '  | 1 = 1 || v: integer |', '  | true || 1 |', '  | false || 2 |', 'output o = t.v', ''].join(eol);
    expect(compile(table).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(compile(table.replaceAll(eol, '\n')).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code));
  });

  it('end a quoted text: a string cannot run over a line break', () => {
    const r = compile(['program p "P', '"', '  zone Europe/Moscow', 'output b = 2', ''].join(eol));
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.span.startLine === 1)).toBe(true);
  });
});

describe('Unicode line and paragraph separators', () => {
  it.each(['\u2028', '\u2029'])('are refused between declarations with RB100 naming the code point (%j)', (sep) => {
    const r = compile(`program p "P"\n  zone Europe/Moscow\noutput a = 1${sep}output b = 2\n`);
    const d = r.diagnostics.find((x) => x.code === 'RB100');
    expect(d?.message).toMatch(/U\+202[89]/);
  });

  it('end a comment (the text after one is not silently commented out)', () => {
    const r = compile('program p "P"\n  zone Europe/Moscow\n# note\u2028output hidden = 1\noutput b = 2\n');
    expect(r.diagnostics.map((d) => d.code)).toContain('RB100');
  });

  it('are kept inside quoted text', () => {
    const r = compile('program p "P\u2028Q"\n  zone Europe/Moscow\noutput b = 2\n');
    expect(r.artifact?.program.title).toBe('P\u2028Q');
  });
});
