/**
 * POST /v1/programs/{name}/batch: newline-delimited JSON in, newline-delimited JSON out,
 * streamed both ways (a line's result is written as soon as it is evaluated, and the body
 * is read as it arrives), all on the one program version the request started with.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ValidateFunction } from 'ajv';
import { evaluateRequest, type EvaluationRequest } from './evaluate.js';
import { requestProblem } from './request-errors.js';
import { errorBody } from './error-codes.js';
import type { ProgramEntry } from './registry.js';

function resultLine(line: number, id: unknown, status: number, body: Record<string, unknown>): string {
  const { program: _p, hash: _h, ...rest } = body; // the version is in the response header
  return `${JSON.stringify({ line, ...(id !== undefined ? { id } : {}), ok: status === 200, status, ...rest })}\n`;
}

function evaluateLine(text: string, line: number, entry: ProgramEntry, validate: ValidateFunction): string {
  let request: unknown;
  try { request = JSON.parse(text); } catch (e) {
    return resultLine(line, undefined, 400, errorBody('RB-E-REQUEST', `line ${line} is not valid JSON (${(e as Error).message})`, '$'));
  }
  const id = request && typeof request === 'object' ? (request as { id?: unknown }).id : undefined;
  if (!validate(request)) return resultLine(line, typeof id === 'string' || typeof id === 'number' ? id : undefined, 400, { error: requestProblem(validate.errors ?? []) });
  const r = evaluateRequest(entry, request as EvaluationRequest);
  return resultLine(line, id, r.status, r.body);
}

/**
 * The result lines for the request lines of `body`. A line longer than `maxLineBytes`
 * ends the batch with an RB-E-TOO-LARGE line (it would otherwise be buffered whole).
 */
export async function* batchResults(body: AsyncIterable<Buffer | string>, entry: ProgramEntry, validate: ValidateFunction, maxLineBytes: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let line = 0;
  for await (const chunk of body) {
    pending += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let nl: number;
    let out = '';
    while ((nl = pending.indexOf('\n')) >= 0) {
      const text = pending.slice(0, nl).trim();
      pending = pending.slice(nl + 1);
      line++;
      if (text) out += evaluateLine(text, line, entry, validate);
    }
    if (out) yield out;
    if (Buffer.byteLength(pending) > maxLineBytes) {
      yield resultLine(line + 1, undefined, 413, errorBody('RB-E-TOO-LARGE', `line ${line + 1} is longer than the limit of ${maxLineBytes} bytes; the batch stops here`));
      return;
    }
  }
  pending += decoder.end();
  if (pending.trim()) yield evaluateLine(pending.trim(), line + 1, entry, validate);
}
