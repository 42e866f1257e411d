/**
 * Hostile names and texts in programs, through every output that embeds them: the
 * TypeScript types (checked by tsc: valid, nothing but type declarations), the JSON
 * Schemas (valid for ajv, texts and names kept exactly), the outputs (texts kept exactly)
 * and the explanations (texts shown as text, line breaks and bidi controls as escapes).
 */
import { describe, it, expect } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { compile } from '../../compiler/compile.js';
import { typeDeclarations } from '../../compiler/ts-types.js';
import { load } from '../../runtime/load.js';
import { renderTrace } from '../../runtime/explain.js';
import { typeErrors, nonTypeStatements, emittedCode, declaredNames } from './ts-check.js';

/**
 * Texts as the language writes them (\" and \\ escaped), as they read back, and as a
 * readable explanation shows them (on one line, without bidi controls: as escapes).
 */
const TEXTS: [string, string, string?][] = [
  ['say \\"hi\\"', 'say "hi"'],
  ['C:\\\\path\\\\', 'C:\\path\\'],
  ['*/ alert(1) /*', '*/ alert(1) /*'],
  ['${process.exit()}', '${process.exit()}'],
  ['</script><script>alert(1)</script>', '</script><script>alert(1)</script>'],
  ['a\u2028b\u2029c', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
  ['<!-- x --> ]]> &amp;', '<!-- x --> ]]> &amp;'],
  ['rtl \u202e gnp.exe', 'rtl \u202e gnp.exe', 'rtl \\u202e gnp.exe'],
  ['two\\nlines', 'two\nlines', 'two\\nlines'],
  ['эмодзи 🎉 и кириллица', 'эмодзи 🎉 и кириллица'],
];

/** Names: TypeScript keywords, generated declaration names, Object.prototype members, Unicode. */
const RECORDS = ['class', 'Input', 'Money', 'Eligibility', 'Запись'];
const FIELDS = ['constructor', 'toString', 'hasOwnProperty', 'count', 'delete', 'имя'];

function program(src: string): string {
  return `program p "${src}"
  source "${src}"
  currency RUB
  zone Europe/Moscow

enum Kind "${src}": constructor "${src}", valueOf "${src}", обычный "${src}"
${RECORDS.map((r) => `record ${r} "${src}"\n${FIELDS.map((f) => `  ${f}: integer "${src}"`).join('\n')}\n  kind: Kind`).join('\n')}

reading toString "${src}"
  default hasOwnProperty "${src}"
  option isPrototypeOf "${src}"

input
  item: class "${src}"
  valueOf: optional integer "${src}"

eligible constructor "${src}"
  require item.count > 100 otherwise "${src}" §1

output propertyIsEnumerable "${src}" = item.constructor + item.count
output ok = constructor
output label = "${src}"
output which = if toString is hasOwnProperty then item.kind else valueOf
`;
}

describe.each(TEXTS)('the text %j', (src, text, shown = text) => {
  const r = compile(program(src));
  const a = r.artifact!;

  it('compiles', () => {
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('gives TypeScript types that tsc accepts and that contain only type declarations', () => {
    const ts = typeDeclarations(a);
    expect(nonTypeStatements(ts)).toEqual([]);
    expect(emittedCode(ts)).toBe('');
    expect(typeErrors(ts)).toEqual([]);
    const names = declaredNames(ts);
    expect(new Set(names).size).toBe(names.length);
  });

  it('gives JSON Schemas that compile and keep names and texts exactly', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    expect(() => ajv.compile(a.schemas.input)).not.toThrow();
    expect(() => new Ajv2020({ strict: true }).compile(a.schemas.output)).not.toThrow();
    const input = a.schemas.input as { properties: Record<string, { description?: string }>; $defs: Record<string, { description?: string; properties: Record<string, { description?: string }> }> };
    expect(Object.keys(input.properties)).toEqual(['item', 'valueOf']);
    // own properties only: `valueOf` and `constructor` must be the program's, not Object's
    const own = (o: object, k: string) => Object.getOwnPropertyDescriptor(o, k)?.value as { description?: string } | undefined;
    expect(own(input.properties, 'valueOf')?.description).toBe(text);
    expect(Object.keys(input.$defs.class!.properties)).toEqual([...FIELDS, 'kind']);
    expect(own(input.$defs.class!.properties, 'constructor')?.description).toBe(text);
    expect(Object.keys((a.schemas.output as { properties: object }).properties)).toEqual(['propertyIsEnumerable', 'ok', 'label', 'which']);
  });

  it('evaluates with the names as plain keys and explains with the texts as text', () => {
    const loaded = load(JSON.parse(JSON.stringify(a)));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const item = Object.fromEntries([...FIELDS.map((f, i) => [f, i + 1]), ['kind', 'constructor']]);
    const r1 = loaded.ruleset.evaluate({ item, valueOf: null }, { explain: true });
    if (!r1.ok) throw new Error(`${r1.error.code} ${r1.error.message}`);
    expect(r1.outputs.propertyIsEnumerable).toBe(1 + 4);
    expect(r1.outputs.label).toBe(text);
    expect(r1.outputs.which).toBe('constructor');
    expect((r1.outputs.ok as { reasons: { reason: string }[] }).reasons[0]!.reason).toBe(text);
    expect(renderTrace(r1.trace!)).toContain(shown);
    expect(r1.readings).toEqual({ toString: 'hasOwnProperty' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
