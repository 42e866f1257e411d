/**
 * JSON Schema (draft 2020-12) of the artifact format itself. `load` validates every
 * artifact against it, so a malformed or hand-edited artifact is refused up front.
 */
import { QUANTITY_OPS } from './validate-quantities.js';

const str = { type: 'string' };
const strs = { type: 'array', items: str };
const span = { type: 'array', items: { type: 'integer' }, minItems: 4, maxItems: 4 };
const ty = { $ref: '#/$defs/type' };
const expr = { $ref: '#/$defs/expr' };

/**
 * A decision table's cell: every field an evaluator reads is declared with its type, and
 * required for its kind of test (a missing `negated` read as false, and a renamed one was
 * ignored: the fast and the reference engines then disagreed, an outside attack found).
 */
const cell = {
  type: 'object', required: ['t'], additionalProperties: false,
  properties: { t: { enum: ['any', 'cmp', 'in', 'within'] }, cmp: str, value: expr, values: { type: 'array', items: expr }, negated: { type: 'boolean' }, interval: expr, asDate: { type: 'boolean' } },
  allOf: [
    { if: { properties: { t: { const: 'cmp' } } }, then: { required: ['cmp', 'value'] } },
    { if: { properties: { t: { const: 'in' } } }, then: { required: ['values', 'negated'] } },
    { if: { properties: { t: { const: 'within' } } }, then: { required: ['interval'] } },
  ],
};

const EXPR_OPS = ['const', 'input', 'ref', 'local', 'reading', 'as_of', 'call', 'field', 'elig_ok', 'arith', 'date_add', 'cmp', 'in_set',
  'and', 'or', 'not', 'if', 'or_else', 'present', 'interval', 'within', 'match', 'agg', 'list', 'record', 'effective', 'builtin',
  'duration_of', 'clock', 'sequence', 'item', 'history', 'dated', ...QUANTITY_OPS];

export const ARTIFACT_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://rulebook.dev/schemas/artifact-v1.json',
  title: 'Rulebook compiled artifact, version 1',
  type: 'object',
  required: ['format', 'version', 'program', 'enums', 'records', 'readings', 'inputs', 'definitions', 'outputs', 'clauses', 'schemas', 'sourceHash'],
  additionalProperties: false,
  properties: {
    format: { const: 'rulebook-artifact' },
    version: { type: 'integer' },
    program: {
      type: 'object', required: ['name', 'title', 'zone', 'rounding', 'monthEnd'], additionalProperties: false,
      properties: {
        name: str, title: str, source: str, currency: { type: 'string', pattern: '^[A-Z]{3}$' }, zone: str, calendar: { enum: ['RU', 'KZ', 'UA'] },
        calendarOptions: { type: 'object', additionalProperties: false, properties: { ua: { enum: ['martial_law', 'peacetime'] } } },
        rounding: { type: 'object', required: ['mode', 'unit'], additionalProperties: false, properties: { mode: { enum: ['half_up', 'half_even', 'half_down', 'up', 'down', 'floor', 'ceiling'] }, unit: { type: 'string', pattern: '^(1|0\\.0{0,11}1)$' } } },
        monthEnd: { enum: ['clamp', 'overflow'] },
      },
    },
    enums: { type: 'object', additionalProperties: { type: 'object', required: ['values', 'labels', 'clauses'], additionalProperties: false, properties: { values: strs, labels: { type: 'object', additionalProperties: str }, clauses: strs } } },
    records: {
      type: 'object',
      additionalProperties: {
        type: 'object', required: ['fields', 'clauses'], additionalProperties: false,
        properties: { fields: { type: 'array', items: { type: 'object', required: ['name', 'type', 'clauses'], additionalProperties: false, properties: { name: str, type: ty, doc: str, clauses: strs } } }, clauses: strs, doc: str },
      },
    },
    readings: {
      type: 'array',
      items: { type: 'object', required: ['name', 'clauses', 'default', 'options'], additionalProperties: false, properties: { name: str, title: str, clauses: strs, default: str, options: { type: 'array', minItems: 1, items: { type: 'object', required: ['name'], additionalProperties: false, properties: { name: str, description: str } } } } },
    },
    inputs: { type: 'array', items: { type: 'object', required: ['name', 'type', 'clauses'], additionalProperties: false, properties: { name: str, type: ty, doc: str, clauses: strs } } },
    definitions: {
      type: 'array',
      items: {
        type: 'object', required: ['name', 'kind', 'params', 'type', 'clauses', 'span'], additionalProperties: false,
        properties: {
          name: str, kind: { enum: ['value', 'rules', 'table', 'eligibility', 'history', 'dated', 'ledger'] }, type: ty, clauses: strs, doc: str, span,
          params: { type: 'array', items: { type: 'object', required: ['name', 'type'], additionalProperties: false, properties: { name: str, type: ty } } },
          body: expr, otherwise: expr,
          rules: { type: 'array', items: { type: 'object', required: ['name', 'when', 'then', 'overrides', 'clauses', 'span'], additionalProperties: false, properties: { name: str, when: expr, then: expr, overrides: strs, clauses: strs, span } } },
          requirements: { type: 'array', items: { type: 'object', required: ['when', 'reason', 'clauses', 'span', 'nested'], additionalProperties: false, properties: { when: expr, reason: str, clauses: strs, span, nested: { type: 'boolean' }, text: str } } },
          ledger: {
            type: 'object', required: ['lots', 'draws', 'policy'], additionalProperties: false,
            properties: {
              lots: { type: 'object', required: ['variable', 'source', 'amount', 'from', 'until', 'key', 'keyKind'], additionalProperties: false, properties: { variable: str, source: expr, amount: expr, from: expr, until: expr, key: expr, keyKind: str, cancelled: expr } },
              draws: { type: 'object', required: ['variable', 'source', 'amount', 'on', 'key', 'keyKind'], additionalProperties: false, properties: { variable: str, source: expr, amount: expr, on: expr, key: expr, keyKind: str, limit: expr } },
              policy: { enum: ['earliest_expiry', 'fifo'] },
            },
          },
          dated: { type: 'object', required: ['source', 'dateField'], additionalProperties: false, properties: { source: expr, dateField: str, keyField: str, inputPath: str, rowClauses: { type: 'array', items: strs } } },
          history: {
            type: 'object', required: ['initial', 'start', 'variable', 'source', 'keyKind', 'tieInListOrder', 'rules'], additionalProperties: false,
            properties: {
              initial: expr, start: expr, variable: str, source: expr, key: expr, keyKind: { enum: ['day', 'ms'] }, tie: expr, tieKind: str, tieInListOrder: { type: 'boolean' },
              rules: { type: 'array', minItems: 1, items: { type: 'object', required: ['name', 'when', 'then', 'clauses', 'span'], additionalProperties: false, properties: { name: str, when: expr, then: expr, clauses: strs, span } } },
            },
          },
          table: {
            type: 'object', required: ['hit', 'inputs', 'outputs', 'rows'], additionalProperties: false,
            properties: {
              hit: { enum: ['unique', 'first', 'collect'] },
              inputs: { type: 'array', items: { type: 'object', required: ['label', 'expr', 'kind'], additionalProperties: false, properties: { label: str, expr, kind: str } } },
              outputs: { type: 'array', items: { type: 'object', required: ['name', 'type'], additionalProperties: false, properties: { name: str, type: ty } } },
              rows: { type: 'array', items: { type: 'object', required: ['tests', 'outputs', 'clauses', 'span', 'label'], additionalProperties: false, properties: { tests: { type: 'array', items: cell }, outputs: { type: 'array', items: expr }, clauses: strs, span, label: str, text: str } } },
            },
          },
        },
        allOf: [
          { if: { properties: { kind: { const: 'value' } } }, then: { required: ['body'] } },
          { if: { properties: { kind: { const: 'rules' } } }, then: { required: ['rules'] } },
          { if: { properties: { kind: { const: 'table' } } }, then: { required: ['table'] } },
          { if: { properties: { kind: { const: 'eligibility' } } }, then: { required: ['requirements'] } },
          { if: { properties: { kind: { const: 'history' } } }, then: { required: ['history'] } },
          { if: { properties: { kind: { const: 'dated' } } }, then: { required: ['dated'] } },
          { if: { properties: { kind: { const: 'ledger' } } }, then: { required: ['ledger'] } },
        ],
      },
    },
    outputs: { type: 'array', items: { type: 'object', required: ['name', 'type', 'clauses', 'span', 'body'], additionalProperties: false, properties: { name: str, type: ty, clauses: strs, doc: str, span, body: expr } } },
    clauses: strs,
    schemas: { type: 'object', required: ['input', 'output'], additionalProperties: false, properties: { input: { type: 'object' }, output: { type: 'object' } } },
    sourceHash: str,
  },
  $defs: {
    type: {
      type: 'object', required: ['k'], additionalProperties: false,
      properties: {
        k: { enum: ['money', 'unit', 'money_of', 'percent', 'decimal', 'integer', 'boolean', 'text', 'date', 'instant', 'duration', 'enum', 'record', 'struct', 'list', 'optional', 'interval', 'eligibility', 'empty'] },
        cur: { type: 'string', pattern: '^[A-Z]{3}$' }, unit: str, curs: strs, name: str, of: ty,
        fields: { type: 'array', items: { type: 'object', required: ['name', 'type'], additionalProperties: false, properties: { name: str, type: ty } } },
      },
      allOf: [
        { if: { properties: { k: { const: 'money' } } }, then: { required: ['cur'] } },
        { if: { properties: { k: { const: 'unit' } } }, then: { required: ['unit'] } },
        { if: { properties: { k: { const: 'money_of' } } }, then: { required: ['curs'] } },
        { if: { properties: { k: { enum: ['enum', 'record'] } } }, then: { required: ['name'] } },
        { if: { properties: { k: { enum: ['list', 'optional', 'interval'] } } }, then: { required: ['of'] } },
        { if: { properties: { k: { const: 'struct' } } }, then: { required: ['fields'] } },
      ],
    },
    expr: { type: 'object', required: ['op'], properties: { op: { enum: EXPR_OPS } } },
  },
} as const;
