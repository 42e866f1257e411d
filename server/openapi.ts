/**
 * GET /openapi.json: an OpenAPI 3.1 document built from the schemas the routes validate
 * with (server/schemas.ts), plus each loaded program's input and output JSON Schemas as
 * components, so a client generator sees the current programs.
 */
import type { ProgramEntry } from './registry.js';
import * as S from './schemas.js';

const json = (schema: unknown) => ({ content: { 'application/json': { schema } } });
const ERROR_RESPONSES = {
  400: { description: 'Bad request: malformed JSON, a wrong type, or input that does not match the program (RB-E-REQUEST, RB-E-INPUT, RB-E-READING, RB-E-NO-ASOF).', ...json({ $ref: '#/components/schemas/Error' }) },
  404: { description: 'No program of that name (RB-E-UNKNOWN-PROGRAM).', ...json({ $ref: '#/components/schemas/Error' }) },
  413: { description: 'The body is over the limit (RB-E-TOO-LARGE).', ...json({ $ref: '#/components/schemas/Error' }) },
};
const NAME = [{ name: 'name', in: 'path', required: true, schema: { type: 'string' }, description: 'Program name: its file name without extension.' }];

/** The OpenAPI document for the programs loaded now. */
export function openApiDocument(programs: ProgramEntry[], version: string): Record<string, unknown> {
  const perProgram: Record<string, unknown> = {};
  for (const p of programs) {
    // an $id makes each copy its own schema resource, so its "#/$defs/…" references still resolve
    perProgram[`${p.name}.input`] = { $id: `urn:rulebook:${p.name}:${p.hash}:input`, ...p.artifact.schemas.input };
    perProgram[`${p.name}.output`] = { $id: `urn:rulebook:${p.name}:${p.hash}:output`, ...p.artifact.schemas.output };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Rulebook evaluation server', version,
      description: 'Evaluates compiled Rulebook programs. Every program response names the artifact version it used (hash, and the x-rulebook-artifact header). Stateless: run as many processes as needed.',
    },
    paths: {
      '/v1/programs': { get: { summary: 'List the programs', responses: { 200: { description: 'The programs', ...json({ type: 'object', properties: { programs: { type: 'array', items: { $ref: '#/components/schemas/ProgramSummary' } } } }) } } } },
      '/v1/programs/{name}': { get: { summary: 'One program: metadata, readings, input and output JSON Schemas', parameters: NAME, responses: { 200: { description: 'The program', ...json({ $ref: '#/components/schemas/ProgramDetail' }) }, 404: ERROR_RESPONSES[404] } } },
      '/v1/programs/{name}/evaluate': {
        post: {
          summary: 'Evaluate the program on one input', parameters: NAME,
          requestBody: { required: true, ...json({ $ref: '#/components/schemas/EvaluateRequest' }) },
          responses: {
            200: { description: 'The outputs', ...json({ $ref: '#/components/schemas/EvaluateResponse' }) },
            ...ERROR_RESPONSES,
            422: { description: 'The input is valid but the rules give no answer for it (RB-E-NO-RULE, RB-E-OVERLAP, RB-E-NO-ROW, RB-E-UNIQUE, RB-E-NO-VERSION, RB-E-DIV-ZERO, RB-E-CALENDAR-*).', ...json({ $ref: '#/components/schemas/Error' }) },
          },
        },
      },
      '/v1/programs/{name}/batch': {
        post: {
          summary: 'Evaluate many inputs: one JSON request per line in, one JSON result per line out, streamed', parameters: NAME,
          requestBody: { required: true, content: { 'application/x-ndjson': { schema: { $ref: '#/components/schemas/BatchLine' } } } },
          responses: { 200: { description: 'One result per line, in order', content: { 'application/x-ndjson': { schema: { $ref: '#/components/schemas/BatchResultLine' } } } }, 404: ERROR_RESPONSES[404], 415: { description: 'Not application/x-ndjson', ...json({ $ref: '#/components/schemas/Error' }) } },
        },
      },
      '/healthz': { get: { summary: 'The process is alive', responses: { 200: { description: 'ok', ...json({ type: 'object', properties: { status: { const: 'ok' } } }) } } } },
      '/readyz': { get: { summary: 'Every program file has a version being served', responses: { 200: { description: 'ready or degraded', ...json({ $ref: '#/components/schemas/Ready' }) }, 503: { description: 'not ready', ...json({ $ref: '#/components/schemas/Ready' }) } } } },
    },
    components: {
      schemas: {
        Error: S.ERROR_SCHEMA, EvaluateRequest: S.EVALUATE_BODY, EvaluateResponse: S.EVALUATE_RESPONSE,
        BatchLine: S.BATCH_LINE, BatchResultLine: S.BATCH_RESULT_LINE,
        ProgramSummary: S.PROGRAM_SUMMARY, ProgramDetail: S.PROGRAM_DETAIL, Ready: S.READY_RESPONSE,
        ...perProgram,
      },
    },
  };
}
