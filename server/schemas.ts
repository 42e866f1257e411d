/**
 * The JSON Schemas of the server's requests and responses. The routes validate requests
 * with these very objects and /openapi.json is built from them, so the document cannot
 * drift from what the server accepts.
 */
import { RUNTIME_ERROR_CODES } from '../runtime/index.js';
import { SERVER_ERROR_CODES } from './error-codes.js';

/** An error: a stable code, a plain sentence and, for bad input, the JSON path. */
export const ERROR_SCHEMA = {
  type: 'object', required: ['error'],
  properties: {
    error: {
      type: 'object', required: ['code', 'message'],
      properties: {
        code: { type: 'string', description: `Stable code: one of the server's (${Object.keys(SERVER_ERROR_CODES).join(', ')}) or the runtime's (${Object.keys(RUNTIME_ERROR_CODES).join(', ')}).` },
        message: { type: 'string' },
        path: { type: 'string', description: 'JSON path of the offending value, e.g. $.input.purchases[0].amount.' },
        problems: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
      },
    },
    program: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;

const EVALUATION_FIELDS = {
  input: { type: 'object', description: 'The program\'s input; its JSON Schema is in GET /v1/programs/{name}.' },
  as_of: { type: ['string', 'integer'], description: 'The evaluation instant: ISO 8601 with an offset (2026-01-01T00:00:00+03:00) or epoch milliseconds. The server never reads its own clock.' },
  readings: { type: 'object', additionalProperties: { type: 'string' }, description: 'Reading name -> option; others take their defaults.' },
  explain: { type: 'boolean', description: 'Return the explanation (summary, full text and trace).' },
  outputs: { type: 'array', items: { type: 'string' }, uniqueItems: true, description: 'Return only these outputs (all by default).' },
  calendar: { type: 'object', additionalProperties: false, properties: { ua: { enum: ['martial_law', 'peacetime'] } }, description: 'Business-day calendar options.' },
} as const;

/** POST /v1/programs/{name}/evaluate */
export const EVALUATE_BODY = {
  type: 'object', additionalProperties: false, required: ['input'], properties: EVALUATION_FIELDS,
} as const;

/** One line of POST /v1/programs/{name}/batch: an evaluation plus an optional id echoed back. */
export const BATCH_LINE = {
  type: 'object', additionalProperties: false, required: ['input'],
  properties: { ...EVALUATION_FIELDS, id: { type: ['string', 'integer'], description: 'Echoed in the result line.' } },
} as const;

const EXPLANATION = {
  type: 'object', properties: {
    summary: { type: 'string', description: 'Each output and what it rests on directly.' },
    text: { type: 'string', description: 'The full explanation, one line per step, with clauses.' },
    trace: { type: 'array', items: { type: 'object' } },
  },
} as const;

/** A successful evaluation. */
export const EVALUATE_RESPONSE = {
  type: 'object', required: ['program', 'hash', 'outputs', 'readings'],
  properties: {
    program: { type: 'string' },
    hash: { type: 'string', description: 'The artifact version that was evaluated (also in the x-rulebook-artifact header).' },
    outputs: { type: 'object', description: 'Output name -> value (money as "14400.00 RUB", dates as YYYY-MM-DD).' },
    readings: { type: 'object', additionalProperties: { type: 'string' }, description: 'Every reading and the option in force.' },
    explanation: EXPLANATION,
  },
} as const;

/** One result line of a batch. */
export const BATCH_RESULT_LINE = {
  type: 'object', required: ['line', 'ok'],
  properties: {
    line: { type: 'integer', description: '1-based line number of the request line.' },
    id: { type: ['string', 'integer'] },
    ok: { type: 'boolean' },
    status: { type: 'integer', description: 'The HTTP status the same request would get from /evaluate.' },
    outputs: { type: 'object' }, readings: { type: 'object' }, explanation: EXPLANATION,
    error: ERROR_SCHEMA.properties.error,
  },
} as const;

const READING = {
  type: 'object', properties: {
    name: { type: 'string' }, title: { type: 'string' }, default: { type: 'string' }, clauses: { type: 'array', items: { type: 'string' } },
    options: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, description: { type: 'string' } } } },
  },
} as const;

/** An entry of GET /v1/programs. */
export const PROGRAM_SUMMARY = {
  type: 'object', required: ['name', 'title', 'hash'],
  properties: {
    name: { type: 'string' }, title: { type: 'string' }, source: { type: 'string', description: 'The document the program encodes.' },
    hash: { type: 'string' }, file: { type: 'string' }, loaded_at: { type: 'string' },
    readings: { type: 'array', items: READING },
  },
} as const;

/** GET /v1/programs/{name} */
export const PROGRAM_DETAIL = {
  type: 'object', required: ['name', 'title', 'hash', 'schemas'],
  properties: {
    ...PROGRAM_SUMMARY.properties,
    zone: { type: 'string' }, currency: { type: 'string' },
    inputs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, doc: { type: 'string' }, clauses: { type: 'array', items: { type: 'string' } } } } },
    outputs: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, doc: { type: 'string' }, clauses: { type: 'array', items: { type: 'string' } } } } },
    schemas: { type: 'object', properties: { input: { type: 'object' }, output: { type: 'object' } }, description: 'JSON Schemas (2020-12) of the input and the outputs.' },
  },
} as const;

/** GET /readyz */
export const READY_RESPONSE = {
  type: 'object', properties: {
    status: { enum: ['ready', 'degraded', 'not ready'], description: 'degraded: some file does not load, but every program has a good version being served.' },
    programs: { type: 'integer' },
    problems: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, file: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, since: { type: 'string' }, servingHash: { type: 'string' } } } },
  },
} as const;
