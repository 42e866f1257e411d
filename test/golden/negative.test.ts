/**
 * Golden negative cases: every `negative/NN-name.rules` is a small bad program and
 * `NN-name.expected.json` lists, in order, every error diagnostic the compiler must
 * report for it: `{code, line, column}` and optionally `messageIncludes`.
 *
 * Warnings are ignored unless the expected file lists at least one entry with
 * `"severity": "warning"`; then errors and warnings are compared together.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { formatDiagnostic, DIAGNOSTIC_CODES, type Diagnostic } from '../../language/diagnostics.js';

interface Expected {
  code: string;
  line: number;
  column: number;
  severity?: 'error' | 'warning';
  messageIncludes?: string;
}

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'negative');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.rules')).sort();

function expectedFor(file: string): Expected[] {
  const path = join(DIR, file.replace(/\.rules$/, '.expected.json'));
  if (!existsSync(path)) throw new Error(`${file} has no expected file ${path}`);
  return JSON.parse(readFileSync(path, 'utf8')) as Expected[];
}

const position = (d: Diagnostic, withSeverity: boolean) => ({
  code: d.code, line: d.span.startLine, column: d.span.startColumn, ...(withSeverity ? { severity: d.severity } : {}),
});

describe('golden negative cases', () => {
  it('has at least 45 cases, each with an expected file', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(45);
    for (const f of FILES) expect(existsSync(join(DIR, f.replace(/\.rules$/, '.expected.json'))), f).toBe(true);
    // every expected file belongs to a program
    const orphans = readdirSync(DIR).filter((f) => f.endsWith('.expected.json') && !FILES.includes(f.replace(/\.expected\.json$/, '.rules')));
    expect(orphans).toEqual([]);
  });

  it('covers the diagnostics the issue asks for', () => {
    const all = FILES.flatMap(expectedFor);
    const codes = new Set(all.map((e) => e.code));
    const required = [
      'RB100', 'RB101', 'RB200', 'RB201', 'RB202', 'RB203', 'RB204', 'RB205', 'RB206', 'RB207', 'RB208', 'RB209', 'RB210',
      'RB300', 'RB301', 'RB302', 'RB303', 'RB304', 'RB305', 'RB306', 'RB307', 'RB308', 'RB309', 'RB310',
      'RB400', 'RB401', 'RB402', 'RB403', 'RB404', 'RB405', 'RB406', 'RB407', 'RB408', 'RB409', 'RB410',
      'RB411', 'RB412', 'RB413', 'RB414', 'RB500', 'RB501', 'RB502', 'RB503', 'RB504', 'RB505',
    ];
    expect(required.filter((c) => !codes.has(c))).toEqual([]);
    for (const c of codes) expect(Object.keys(DIAGNOSTIC_CODES), c).toContain(c);
    // recovery: at least two files report two or more syntax errors
    const multiSyntax = FILES.filter((f) => expectedFor(f).filter((e) => e.code === 'RB101').length >= 2);
    expect(multiSyntax.length).toBeGreaterThanOrEqual(2);
    // at least one unknown name comes with a suggestion
    expect(all.some((e) => e.code === 'RB300' && e.messageIncludes?.includes('Did you mean'))).toBe(true);
    // and at least one program under `hit unique` compiles cleanly
    expect(FILES.some((f) => expectedFor(f).every((e) => e.severity === 'warning'))).toBe(true);
  });

  for (const file of FILES) {
    it(file, () => {
      const source = readFileSync(join(DIR, file), 'utf8');
      const expected = expectedFor(file);
      const path = `test/golden/negative/${file}`;
      const result = compile(source, { path });
      const withWarnings = expected.some((e) => e.severity === 'warning');
      const relevant = result.diagnostics.filter((d) => withWarnings || d.severity === 'error');

      // exactly the expected diagnostics, in order
      expect(relevant.map((d) => position(d, withWarnings))).toEqual(
        expected.map((e) => ({ code: e.code, line: e.line, column: e.column, ...(withWarnings ? { severity: e.severity ?? 'error' } : {}) })),
      );
      expected.forEach((e, i) => {
        if (e.messageIncludes !== undefined) expect(relevant[i]!.message, `${file} diagnostic ${i + 1}`).toContain(e.messageIncludes);
      });

      // an artifact exactly when there are no errors
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(result.artifact === undefined).toBe(errors.length > 0);

      const lines = source.split('\n');
      for (const d of result.diagnostics) {
        expect(d.message.trim().length, `${d.code} has a message`).toBeGreaterThan(0);
        expect(d.span.startLine).toBeGreaterThanOrEqual(1);
        expect(d.span.startColumn).toBeGreaterThanOrEqual(1);
        expect(d.span.startLine).toBeLessThanOrEqual(lines.length);
        expect(d.span.endOffset).toBeGreaterThanOrEqual(d.span.startOffset);
        expect(d.path).toBe(path);
        const text = formatDiagnostic(d, source);
        expect(text.startsWith(`${path}:${d.span.startLine}:${d.span.startColumn}: ${d.severity} ${d.code}: `)).toBe(true);
        // the quoted source line is the one the diagnostic points at
        expect(text.split('\n')[1]).toBe(`  ${lines[d.span.startLine - 1]!.replace(/\t/g, ' ')}`);
      }
    });
  }
});
