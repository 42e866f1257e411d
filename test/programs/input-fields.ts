/**
 * The exact input-field reference of a program guide (programs/<name>.md), derived from the
 * program's input JSON Schema, so a test can check that the guide still matches the schema.
 * Shared by the program tests; the guide keeps the table between
 * `<!-- input-fields:begin -->` and `<!-- input-fields:end -->`.
 */

type JsonSchema = Record<string, any>;

/** A plain-words description of one input value's JSON schema. */
export function describeValue(s: JsonSchema): string {
  if (s.$ref) return `a \`${String(s.$ref).split('/').pop()}\` object`;
  if (s.anyOf) return describeValue(s.anyOf.find((x: JsonSchema) => x.type !== 'null'));
  if (s.type === 'array') {
    const item = s.items as JsonSchema;
    return item.$ref ? `list of \`${String(item.$ref).split('/').pop()}\` objects` : `list of ${describeValue(item)}`;
  }
  if (Array.isArray(s.type)) return 'decimal (JSON number or text, e.g. `"12.5"`)';
  if (s.enum) return `one of ${s.enum.map((v: string) => `\`${v}\``).join(', ')}`;
  if (s.type === 'string' && typeof s.pattern === 'string') {
    const currency = / ([A-Z]{3})\$$/.exec(s.pattern)?.[1];
    if (currency) return `money, e.g. \`"14400.00 ${currency}"\``;
    const several = / \(([A-Z]{3}(?:\|[A-Z]{3})+)\)\$$/.exec(s.pattern)?.[1]?.split('|');
    if (several) return `money in ${several.join(' or ')}, e.g. \`"2500.00 ${several[0]}"\``;
    const unit = / ([a-z_]\w*)\$$/.exec(s.pattern);
    if (unit) return `amount in ${unit[1]}, e.g. \`"120 ${unit[1]}"\``;
    if (s.pattern.endsWith('%$')) return 'percentage, e.g. `"20%"`';
    if (s.pattern.includes('T[0-9]{2}')) return 'instant with offset or zone, e.g. `"2025-04-15T10:00:00+03:00"`';
    if (s.pattern === '^[0-9]{4}-[0-9]{2}-[0-9]{2}$') return 'date `YYYY-MM-DD`';
  }
  if (s.type === 'string') return 'text';
  return String(s.type);
}

/** The markdown table of every input field, required or optional, derived from the input schema. */
export function inputFieldTable(schema: JsonSchema): string {
  const rows: string[] = ['| object | field | required? | value |', '|---|---|---|---|'];
  const add = (where: string, obj: JsonSchema) => {
    for (const [name, prop] of Object.entries(obj.properties as Record<string, JsonSchema>)) {
      const req = (obj.required as string[]).includes(name);
      const need = req ? (prop.type === 'array' ? 'required (may be `[]`)' : 'required') : 'optional (`null` or left out)';
      rows.push(`| ${where} | \`${name}\` | ${need} | ${describeValue(prop)} |`);
    }
  };
  add('(top level)', schema);
  for (const [name, def] of Object.entries(schema.$defs as Record<string, JsonSchema>)) add(`\`${name}\``, def);
  return rows.join('\n');
}

/** The input-field block of a guide, or undefined when the guide has none. */
export function documentedInputFields(doc: string): string | undefined {
  return /<!-- input-fields:begin -->\n([\s\S]*?)\n<!-- input-fields:end -->/.exec(doc)?.[1];
}
