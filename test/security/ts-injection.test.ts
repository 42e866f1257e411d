/**
 * Finding 1: texts and names of a program end up in `rulebook types` output. None of
 * them may break out of a comment or a string, and record names that are TypeScript
 * keywords or the names of generated declarations must still give valid, separate types.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { typeDeclarations } from '../../compiler/ts-types.js';
import { typeErrors, nonTypeStatements, emittedCode, declaredNames } from './ts-check.js';

function typesOf(source: string): string {
  const r = compile(source);
  if (!r.artifact) throw new Error(r.diagnostics.map((d) => `${d.code} ${d.message}`).join('\n'));
  return typeDeclarations(r.artifact);
}

const head = (title: string, source = 'doc.txt') => `program p "${title}"\n  source "${source}"\n  currency RUB\n  zone Europe/Moscow\n`;

/** Written as .rules string contents (backslash escapes as the language reads them). */
const HOSTILE_TEXTS = [
  '*/ console.log(\\"pwned\\") /*',
  'a\\nconsole.log(1)',
  'line\u2028console.log(2)',
  'para\u2029console.log(3)',
  '${process.exit(1)}',
  '</script><script>alert(1)</script>',
  'back\\\\slash \\" quote',
];

describe('hostile texts in generated TypeScript', () => {
  it.each(HOSTILE_TEXTS)('a record description %j stays inside its comment', (text) => {
    const src = `${head(text, text)}\nrecord Order "${text}"\n  amount: money "${text}"\ninput\n  order: Order "${text}"\noutput total = order.amount\n`;
    const ts = typesOf(src);
    expect(nonTypeStatements(ts)).toEqual([]);
    expect(emittedCode(ts)).toBe('');
    expect(typeErrors(ts)).toEqual([]);
  });
});

describe('hostile texts that the language cannot spell, put into an artifact by hand', () => {
  it.each(['cr\rconsole.log(4)', 'crlf\r\nconsole.log(5)', 'nul\u0000x', 'rtl\u202e/* x */'])('a description %j stays inside its comment', (text) => {
    const r = compile(`${head('T')}\nrecord Order "d"\n  amount: money "d"\ninput\n  order: Order "d"\noutput total = order.amount\n`);
    const a = r.artifact!;
    a.program.title = text;
    a.records.Order!.doc = text;
    a.records.Order!.fields[0]!.doc = text;
    const ts = typeDeclarations(a);
    expect(nonTypeStatements(ts)).toEqual([]);
    expect(emittedCode(ts)).toBe('');
    expect(typeErrors(ts)).toEqual([]);
  });
});

describe('names that collide with TypeScript', () => {
  // м² and x①: letters and digits to the language, but ² and ① (\p{No}) cannot continue a TypeScript identifier
  it.each(['class', 'delete', 'interface', 'type', 'Input', 'Output', 'Money', 'Eligibility', 'Percent', 'IsoDate', 'Program', 'ProgramLoadResult', 'м²', 'x①', 'xⅫ'])('a record named %s gives valid, separate declarations', (name) => {
    const src = `${head('T')}\nrecord ${name}\n  amount: money\ninput\n  order: ${name}\n  extra: integer\noutput total = order.amount\n`;
    const ts = typesOf(src);
    expect(typeErrors(ts)).toEqual([]);
    expect(nonTypeStatements(ts)).toEqual([]);
    const names = declaredNames(ts);
    expect(new Set(names).size).toBe(names.length);
    // the record keeps its own declaration: Input still has both fields, the record only `amount`
    expect(ts).toMatch(/export interface Input \{[^}]*"order"[^}]*"extra"/);
  });
});
