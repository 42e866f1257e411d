/**
 * POST /v1/programs/{name}/batch: newline-delimited JSON in, newline-delimited JSON out,
 * streamed both ways (a line's result is written as soon as it is evaluated, and the body
 * is read as it arrives), all on the one program version the request started with.
 */
import { StringDecoder } from 'node:string_decoder';
import type { ValidateFunction } from 'ajv';
import { evaluateRequest, type EvaluationRequest, type InternalReport } from './evaluate.js';
import { requestProblem } from './request-errors.js';
import { errorBody } from './error-codes.js';
import type { ProgramEntry } from './registry.js';

function resultLine(line: number, id: unknown, status: number, body: Record<string, unknown>): string {
  const { program: _p, hash: _h, ...rest } = body; // the version is in the response header
  return `${JSON.stringify({ line, ...(id !== undefined ? { id } : {}), ok: status === 200, status, ...rest })}\n`;
}

function evaluateLine(text: string, line: number, entry: ProgramEntry, validate: ValidateFunction, report?: InternalReport): string {
  let request: unknown;
  try { request = JSON.parse(text); } catch (e) {
    return resultLine(line, undefined, 400, errorBody('RB-E-REQUEST', `line ${line} is not valid JSON (${(e as Error).message})`, '$'));
  }
  const id = request && typeof request === 'object' ? (request as { id?: unknown }).id : undefined;
  if (!validate(request)) return resultLine(line, typeof id === 'string' || typeof id === 'number' ? id : undefined, 400, { error: requestProblem(validate.errors ?? []) });
  const r = evaluateRequest(entry, request as EvaluationRequest, report);
  return resultLine(line, id, r.status, r.body);
}

/**
 * The result lines for the request lines of `body`. A line longer than `maxLineBytes`
 * ends the batch with an RB-E-TOO-LARGE line (it would otherwise be buffered whole).
 */
export async function* batchResults(body: AsyncIterable<Buffer | string>, entry: ProgramEntry, validate: ValidateFunction, maxLineBytes: number, report?: InternalReport): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  // the line being read, as the pieces that came and their size in bytes: each chunk is
  // searched and measured once (appending to one string and searching it whole on every
  // chunk made a long line sent in small chunks quadratic: 1 MB in 64-byte chunks took 33 s)
  let pieces: string[] = [];
  let pendingBytes = 0;
  let line = 0;
  for await (const chunk of body) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let from = 0, nl: number;
    let out = '';
    while ((nl = text.indexOf('\n', from)) >= 0) {
      pieces.push(text.slice(from, nl));
      const request = pieces.join('').trim();
      pieces = [];
      pendingBytes = 0;
      from = nl + 1;
      line++;
      if (request) out += evaluateLine(request, line, entry, validate, report);
    }
    if (from < text.length) {
      const rest = from === 0 ? text : text.slice(from);
      pieces.push(rest);
      pendingBytes += Buffer.byteLength(rest);
    }
    if (out) yield out;
    if (pendingBytes > maxLineBytes) {
      yield resultLine(line + 1, undefined, 413, errorBody('RB-E-TOO-LARGE', `line ${line + 1} is longer than the limit of ${maxLineBytes} bytes; the batch stops here`));
      return;
    }
  }
  const last = (pieces.join('') + decoder.end()).trim();
  if (last) yield evaluateLine(last, line + 1, entry, validate, report);
}
