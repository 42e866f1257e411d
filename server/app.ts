/**
 * The HTTP API of `rulebook serve` on fastify: programs, evaluate, batch, health, OpenAPI.
 * Every program response names the artifact version it used (body `hash` and the
 * x-rulebook-artifact header); one JSON log line per request; errors are objects with a
 * stable code, a path and a sentence, and user input never causes a 500.
 */
import { Readable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { batchResults } from './batch.js';
import { evaluateRequest, type EvaluationRequest } from './evaluate.js';
import { openApiDocument } from './openapi.js';
import { requestProblem } from './request-errors.js';
import { BATCH_LINE, EVALUATE_BODY } from './schemas.js';
import { errorBody } from './error-codes.js';
import type { ProgramEntry, ProgramRegistry } from './registry.js';

/** Options of `createApp`. */
export interface AppOptions {
  registry: ProgramRegistry;
  /** Largest request body (and batch line) in bytes; default 1 MiB. */
  bodyLimit?: number;
  /**
   * Milliseconds a request may take to arrive in full, a streamed batch included; default
   * 300 000 (5 minutes); 0: no limit. Without one, a client sending a byte now and then held
   * a connection open for ever.
   */
  requestTimeout?: number;
  /** Receives one object per request and per program event; default: JSON lines on stdout. */
  log?: (line: Record<string, unknown>) => void;
  /** The version reported in /openapi.json. */
  version?: string;
}

type NamedRequest = FastifyRequest<{ Params: { name: string } }>;

/** Writes one JSON line to stdout. */
export const jsonLines = (line: Record<string, unknown>) => { process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...line })}\n`); };


/** Builds the server (not yet listening). */
export function createApp(options: AppOptions): FastifyInstance {
  const { registry } = options;
  const log = options.log ?? jsonLines;
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  // one validator for routes and batch lines; no type coercion, no removal of unknown fields
  const ajv = new Ajv2020({ allErrors: false, strict: false, coerceTypes: false, useDefaults: false, removeAdditional: false });
  const validateBatchLine = ajv.compile(BATCH_LINE);
  const requestTimeout = options.requestTimeout ?? 300_000;
  const app = Fastify({ logger: false, bodyLimit, return503OnClosing: true, forceCloseConnections: 'idle' });
  app.setValidatorCompiler(({ schema }) => ajv.compile(schema));

  const internal = (request: FastifyRequest) => (d: { program: string; hash: string; message: string }) => log({ level: 'error', method: request.method, url: request.url, ...d });
  const program = (request: NamedRequest, reply: FastifyReply): ProgramEntry | undefined => {
    const entry = registry.get(request.params.name);
    if (!entry) {
      void reply.code(404).send(errorBody('RB-E-UNKNOWN-PROGRAM', `There is no program ${JSON.stringify(request.params.name)}; GET /v1/programs lists them.`));
      return undefined;
    }
    void reply.header('x-rulebook-artifact', entry.hash);
    return entry;
  };

  // a request must arrive in full within requestTimeout (Node's own requestTimeout stops
  // watching once the headers are in, so a body sent a byte now and then held a connection
  // for ever): then it is answered 408, or cut off when a streamed batch's answer has begun
  if (requestTimeout > 0) {
    app.addHook('onRequest', (request, reply, done) => {
      const raw = request.raw;
      const timer = setTimeout(() => {
        if (raw.complete || raw.socket.destroyed) return;
        if (reply.raw.headersSent) { raw.socket.destroy(); return; }
        const body = JSON.stringify(errorBody('RB-E-REQUEST', `The request did not arrive in full within ${requestTimeout / 1000} s.`));
        raw.socket.end(`HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
        raw.socket.destroySoon();
      }, requestTimeout);
      timer.unref();
      raw.once('close', () => clearTimeout(timer));
      reply.raw.once('finish', () => clearTimeout(timer));
      done();
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    const params = request.params as { name?: string } | undefined;
    const hash = reply.getHeader('x-rulebook-artifact');
    log({
      method: request.method, url: request.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 100) / 100,
      ...(params?.name !== undefined ? { program: params.name } : {}), ...(hash ? { hash } : {}),
    });
  });

  app.setErrorHandler((error: { validation?: unknown; statusCode?: number; code?: string; message: string }, request, reply) => {
    if (error.validation) return reply.code(400).send({ error: requestProblem(error.validation as never) });
    if (error.statusCode === 413) return reply.code(413).send(errorBody('RB-E-TOO-LARGE', `The request body is over the limit of ${bodyLimit} bytes.`));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(errorBody('RB-E-REQUEST', error.message, '$'));
    }
    log({ level: 'error', method: request.method, url: request.url, message: error.message });
    return reply.code(500).send(errorBody('RB-E-INTERNAL', 'Internal error of the server; it is logged.'));
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send(errorBody('RB-E-NOT-FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}. GET /openapi.json describes the API.`)));

  // requests are JSON (or NDJSON for batches); text/plain gets 415, not a string body
  app.removeContentTypeParser('text/plain');
  // the batch body is streamed to its handler, not buffered and parsed
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const problems = registry.problemList();
    const programs = registry.list().length;
    const ready = programs > 0 && problems.every((p) => p.servingHash !== undefined);
    return reply.code(ready ? 200 : 503).send({ status: !ready ? 'not ready' : problems.length ? 'degraded' : 'ready', programs, problems });
  });
  app.get('/openapi.json', async () => openApiDocument(registry.list(), options.version ?? '0'));

  app.get('/v1/programs', async () => ({ programs: registry.list().map(summary) }));
  app.get('/v1/programs/:name', async (request: NamedRequest, reply) => {
    const entry = program(request, reply);
    if (!entry) return reply;
    const a = entry.artifact;
    const fields = (xs: { name: string; doc?: string; clauses: string[] }[]) => xs.map((x) => ({ name: x.name, ...(x.doc ? { doc: x.doc } : {}), clauses: x.clauses }));
    return {
      ...summary(entry), zone: a.program.zone, ...(a.program.currency ? { currency: a.program.currency } : {}),
      inputs: fields(a.inputs), outputs: fields(a.outputs), schemas: a.schemas,
    };
  });
  app.post('/v1/programs/:name/evaluate', { schema: { body: EVALUATE_BODY } }, async (request: FastifyRequest<{ Params: { name: string }; Body: EvaluationRequest }>, reply) => {
    const entry = program(request, reply);
    if (!entry) return reply;
    const r = evaluateRequest(entry, request.body, internal(request));
    return reply.code(r.status).send(r.body);
  });
  app.post('/v1/programs/:name/batch', async (request: NamedRequest, reply) => {
    if (request.headers['content-type']?.split(';')[0]?.trim() !== 'application/x-ndjson') {
      return reply.code(415).send(errorBody('RB-E-REQUEST', 'A batch is sent as application/x-ndjson: one JSON request per line.'));
    }
    const entry = program(request, reply);
    if (!entry) return reply;
    void reply.type('application/x-ndjson').send(Readable.from(batchResults(request.body as AsyncIterable<Buffer>, entry, validateBatchLine, bodyLimit, internal(request)), { objectMode: false }));
    // fastify writes the head with the first result; a client that waits for the response
    // before it sends its lines (to stream both ways) needs it now
    if (!reply.raw.headersSent) reply.raw.flushHeaders();
    return reply;
  });
  return app;
}

function summary(e: ProgramEntry) {
  const p = e.artifact.program;
  return {
    name: e.name, title: p.title, ...(p.source ? { source: p.source } : {}), hash: e.hash, file: e.file, loaded_at: e.loadedAt,
    readings: e.artifact.readings.map((r) => ({ name: r.name, ...(r.title ? { title: r.title } : {}), default: r.default, options: r.options, clauses: r.clauses })),
  };
}
