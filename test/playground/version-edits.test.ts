/** The text edits behind the editor's quick fixes for dated changes, checked by compiling the result. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { canSplit, closePreviousVersion, dayBefore, splitDefinition, splitRule, splitVersion, type LineEdit } from '../../playground/src/editor/version-edits.js';

const demo = readFileSync('playground/fixtures/demo-referral.rules', 'utf8');
const apply = (text: string, e: LineEdit) => { const ls = text.split('\n'); ls.splice(e.line, 1, ...e.lines); return ls.join('\n'); };
const codes = (text: string) => compile(text, { path: 'demo.rules' }).diagnostics.filter((d) => d.severity === 'error').map((d) => d.code);

describe('dated-change quick fixes', () => {
  it('knows the day before, across months, years and leap days', () => {
    expect(dayBefore('01.03.2026')).toBe('28.02.2026');
    expect(dayBefore('01.03.2024')).toBe('29.02.2024');
    expect(dayBefore('01.01.2026')).toBe('31.12.2025');
    expect(dayBefore('31.02.2026')).toBeUndefined();
  });

  it('RB504: closes the open-ended version before the new one, and the program compiles', () => {
    const text = `${demo}\ndefine promo_rate(p: Purchase): percent §4 = in force on p.paid_at\n  from 01.07.2025 §4: 20%\n  from 01.03.2026 §4: 25%\n`;
    expect(codes(text)).toEqual(['RB504']);
    const lines = text.split('\n');
    const fix = closePreviousVersion(lines, lines.indexOf('  from 01.03.2026 §4: 25%'))!;
    expect(fix.lines).toEqual(['  from 01.07.2025 until 28.02.2026 §4: 20%']);
    expect(codes(apply(text, fix))).toEqual([]);
  });

  it('RB504: shortens a version that runs past the new one', () => {
    const lines = ['define r: percent = in force on x', '  until 31.12.2026: 10%', '', '  from 01.03.2026: 12%'];
    expect(closePreviousVersion(lines, 3)).toEqual({ line: 1, lines: ['  until 28.02.2026: 10%'] });
    expect(closePreviousVersion(lines, 1)).toBeUndefined();
  });

  it('change from a date: splits a version line into until D−1 and from D', () => {
    const lines = ['  from 01.07.2025 §4: 20%'];
    expect(canSplit(lines, 0)).toBe('version');
    expect(splitVersion(lines, 0, '01.03.2026')!.lines).toEqual(['  from 01.07.2025 until 28.02.2026 §4: 20%', '  from 01.03.2026 §4: 20%']);
    expect(splitVersion(lines, 0, '01.01.2025')).toBeUndefined();
  });

  it('change from a date: makes a one-line definition effective-dated, and the program compiles with both versions', () => {
    const lines = demo.split('\n');
    const at = lines.findIndex((l) => l.startsWith('define bonus_of'));
    expect(canSplit(lines, at)).toBe('definition');
    const e = splitDefinition(lines, at, '01.03.2026', 'p.paid_at')!;
    expect(e.lines[0]).toBe('define bonus_of(p: Purchase): money §4 = in force on p.paid_at');
    expect(e.lines[1]).toMatch(/^ {2}until 28\.02\.2026: if counts\(p\)/);
    expect(e.lines[2]).toMatch(/^ {2}from 01\.03\.2026: if counts\(p\)/);
    expect(codes(apply(demo, e))).toEqual([]);
    expect(canSplit(lines, lines.findIndex((l) => l.startsWith('define counts')))).toBeUndefined();
  });

  it('change from a date: makes a rule\'s value effective-dated, keeping its overrides and citation; the program compiles', () => {
    const lines = demo.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  rule first'));
    expect(canSplit(lines, at)).toBe('rule');
    const e = splitRule(lines, at, '01.03.2026', 'p.paid_at')!;
    expect(e.lines).toEqual([
      '  rule first when not p.renewal then (in force on p.paid_at',
      '    until 28.02.2026: 50%',
      '    from 01.03.2026: 50%) overrides renewal §4.1',
    ]);
    expect(codes(apply(demo, e))).toEqual([]);
    const again = apply(demo, e).split('\n');
    expect(canSplit(again, at)).toBeUndefined();
  });
});
