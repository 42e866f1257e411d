/**
 * JSON Schemas (draft 2020-12) of a program's input and output, derived from types.
 * Money, percentages, dates and instants travel as strings, never as JSON numbers.
 */
import type { Ty, Artifact } from '../ir.js';

export const DRAFT = 'https://json-schema.org/draft/2020-12/schema';

type Schema = Record<string, unknown>;
type Records = Artifact['records'];
type Enums = Artifact['enums'];

/** The schema of one value type; records are referenced through `$defs`. */
export function schemaOf(t: Ty, enums: Enums, forInput: boolean): Schema {
  switch (t.k) {
    case 'money': return { type: 'string', pattern: `^-?[0-9]+(\\.[0-9]+)? ${t.cur}$`, description: `money in ${t.cur}, e.g. "14400.00 ${t.cur}"` };
    case 'money_of': return { type: 'string', pattern: `^-?[0-9]+(\\.[0-9]+)? (${t.curs.join('|')})$`, description: `money in ${t.curs.join(' or ')}, e.g. "2500.00 ${t.curs[0]}"` };
    case 'unit': return { type: 'string', pattern: `^-?[0-9]+(\\.[0-9]+)? ${t.unit}$`, description: `an amount in ${t.unit}, e.g. "120 ${t.unit}"` };
    case 'percent': return { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?%$', description: 'a percentage, e.g. "20%"' };
    case 'decimal': return forInput ? { type: ['string', 'number'], pattern: '^-?[0-9]+(\\.[0-9]+)?$', description: 'a decimal number, e.g. "12.5" (text keeps every digit)' } : { type: 'string', pattern: '^-?[0-9]+(\\.[0-9]+)?$' };
    case 'integer': return { type: 'integer' };
    case 'boolean': return { type: 'boolean' };
    case 'text': return { type: 'string' };
    case 'date': return { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a calendar date, YYYY-MM-DD' };
    case 'instant': return forInput
      ? { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})?(\\[[A-Za-z0-9_+\\-/]+\\])?$', description: 'an instant with an offset or an IANA zone, e.g. "2025-08-31T23:30:00+05:00" or "2025-08-31T23:30[Asia/Almaty]"' }
      : { type: 'string', description: 'an instant in the program\'s zone, ISO 8601 with offset' };
    case 'duration': return { type: 'string', pattern: '^(P[0-9]+[DMY]|[0-9]+ (days?|months?|years?|business days?))$', description: 'a duration, e.g. "30 days", "1 month", "10 business days" or "P30D"' };
    case 'enum': return { type: 'string', enum: enums[t.name]?.values ?? [] };
    case 'record': return { $ref: `#/$defs/${t.name}` };
    case 'struct': return objectSchema(t.fields.map((f) => ({ name: f.name, type: f.type })), enums, forInput);
    case 'list': return { type: 'array', items: schemaOf(t.of, enums, forInput) };
    case 'optional': return { anyOf: [schemaOf(t.of, enums, forInput), { type: 'null' }] };
    case 'interval': {
      // both ends are inclusive unless the input says otherwise
      const flag: Ty = forInput ? { k: 'optional', of: { k: 'boolean' } } : { k: 'boolean' };
      return objectSchema([{ name: 'start', type: t.of }, { name: 'end', type: t.of }, { name: 'startInclusive', type: flag }, { name: 'endInclusive', type: flag }], enums, forInput);
    }
    case 'eligibility': return {
      type: 'object', additionalProperties: false, required: ['eligible', 'reasons'],
      properties: {
        eligible: { type: 'boolean' },
        reasons: { type: 'array', items: { type: 'object', required: ['reason', 'clauses'], properties: { reason: { type: 'string' }, clauses: { type: 'array', items: { type: 'string' } } } } },
      },
    };
    case 'empty': return {};
  }
}

function objectSchema(fields: { name: string; type: Ty; doc?: string }[], enums: Enums, forInput: boolean): Schema {
  const properties: Schema = {};
  for (const f of fields) {
    const s = schemaOf(f.type, enums, forInput);
    properties[f.name] = f.doc ? { ...s, description: f.doc } : s;
  }
  return {
    type: 'object', additionalProperties: false, properties,
    required: fields.filter((f) => !forInput || f.type.k !== 'optional').map((f) => f.name),
  };
}

function defsOf(records: Records, enums: Enums, forInput: boolean): Schema {
  const defs: Schema = {};
  for (const [name, r] of Object.entries(records)) defs[name] = objectSchema(r.fields, enums, forInput);
  return defs;
}

/** The input schema: one object with a property per declared input. */
export function inputSchema(inputs: Artifact['inputs'], records: Records, enums: Enums, title: string): Schema {
  return { $schema: DRAFT, title: `${title}: input`, ...objectSchema(inputs, enums, true), $defs: defsOf(records, enums, true) };
}

/** The output schema: one object with a property per output. */
export function outputSchema(outputs: Artifact['outputs'], records: Records, enums: Enums, title: string): Schema {
  return { $schema: DRAFT, title: `${title}: output`, ...objectSchema(outputs, enums, false), $defs: defsOf(records, enums, false) };
}
