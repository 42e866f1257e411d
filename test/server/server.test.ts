/**
 * `rulebook serve` as a client sees it: the real server in a child process on a free
 * loopback port, a temporary folder of programs (.rules and a compiled artifact), every
 * endpoint, the error objects for bad requests, batches streamed both ways, and the
 * structured log. Hot reload and shutdown are in their own files.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:net';
import { compile } from '../../compiler/compile.js';
import { EVALUATE_BODY } from '../../server/schemas.js';
import { ROOT } from '../cli/run-cli.js';
import { call, openBatch, serve, type Served } from './harness.js';

const fixture = (f: string) => join(ROOT, 'test/fixtures/runtime', f);
const kyivInput = JSON.parse(readFileSync(fixture('kyiv-orders.input.json'), 'utf8'));
const kyivExpected = JSON.parse(readFileSync(fixture('kyiv-orders.expected.json'), 'utf8')).outputs as Record<string, unknown>;

describe('rulebook serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-serve-'));
  let s: Served;

  beforeAll(async () => {
    copyFileSync(fixture('kyiv-orders.rules'), join(dir, 'kyiv-orders.rules'));
    copyFileSync(fixture('ua-holiday.rules'), join(dir, 'ua-holiday.rules'));
    writeFileSync(join(dir, 'kyiv-compiled.json'), JSON.stringify(compile(readFileSync(fixture('kyiv-orders.rules'), 'utf8')).artifact));
    writeFileSync(join(dir, 'notes.json'), '{"not": "an artifact"}'); // other JSON is ignored
    s = await serve(dir, ['--body-limit', '20000']);
  }, 90_000);
  afterAll(async () => {
    s?.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 unless told otherwise', () => {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await call(s.url, '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await call(s.url, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({ status: 'ready', programs: 3, problems: [] });
  });

  it('lists the programs with title, source, hash and readings', async () => {
    const r = await call(s.url, '/v1/programs');
    expect(r.status).toBe(200);
    expect(r.json.programs.map((p: { name: string }) => p.name)).toEqual(['kyiv-compiled', 'kyiv-orders', 'ua-holiday']);
    const kyiv = r.json.programs[1];
    expect(kyiv.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(kyiv.title).toBeTypeOf('string');
    expect(Array.isArray(kyiv.readings)).toBe(true);
    // the same artifact gives the same hash, compiled here or by the server
    expect(r.json.programs[0].hash).toBe(kyiv.hash);
  });

  it('describes one program with its input and output JSON Schemas', async () => {
    const r = await call(s.url, '/v1/programs/kyiv-orders');
    expect(r.status).toBe(200);
    expect(r.headers.get('x-rulebook-artifact')).toBe(r.json.hash);
    expect(r.json.schemas.input.type).toBe('object');
    expect(r.json.outputs.map((o: { name: string }) => o.name)).toContain('counted_total');
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'nope'])('answers 404 for the unknown program %s', async (name) => {
    for (const r of [await call(s.url, `/v1/programs/${name}`), await call(s.url, `/v1/programs/${name}/evaluate`, { input: {} })]) {
      expect(r.status).toBe(404);
      expect(r.json.error.code).toBe('RB-E-UNKNOWN-PROGRAM');
    }
  });

  it('evaluates a .rules program and a compiled artifact, naming the version used', async () => {
    for (const name of ['kyiv-orders', 'kyiv-compiled']) {
      const r = await call(s.url, `/v1/programs/${name}/evaluate`, { input: kyivInput });
      expect(r.status, r.text).toBe(200);
      expect(r.json.outputs).toEqual(kyivExpected);
      expect(r.json.program).toBe(name);
      expect(r.json.hash).toMatch(/^[0-9a-f]{16}$/);
      expect(r.headers.get('x-rulebook-artifact')).toBe(r.json.hash);
    }
  });

  it('returns only the outputs asked for, and the explanation when asked', async () => {
    const r = await call(s.url, '/v1/programs/kyiv-orders/evaluate', { input: kyivInput, outputs: ['counted_total'], explain: true });
    expect(r.status).toBe(200);
    expect(r.json.outputs).toEqual({ counted_total: kyivExpected.counted_total });
    expect(r.json.explanation.summary).toMatch(/^counted_total = /);
    expect(r.json.explanation.text.length).toBeGreaterThanOrEqual(r.json.explanation.summary.length);
    expect(r.json.explanation.trace.map((n: { name: string }) => n.name)).toEqual(['counted_total']);
  });

  it('takes as_of and the calendar option', async () => {
    const martial = await call(s.url, '/v1/programs/ua-holiday/evaluate', { input: { d: '2025-04-30' }, as_of: '2025-04-30T10:00:00+03:00' });
    const peace = await call(s.url, '/v1/programs/ua-holiday/evaluate', { input: { d: '2025-04-30' }, calendar: { ua: 'peacetime' } });
    expect([martial.json.outputs, peace.json.outputs]).toEqual([{ due: '2025-05-01' }, { due: '2025-05-02' }]);
  });

  const BAD: [string, unknown, number, string, string][] = [
    ['malformed JSON', '{"input": ', 400, 'RB-E-REQUEST', '$'],
    ['an empty body', '', 400, 'RB-E-REQUEST', '$'],
    ['a body that is not an object', '[1, 2]', 400, 'RB-E-REQUEST', '$'],
    ['no input', {}, 400, 'RB-E-REQUEST', '$.input'],
    ['an input that is a number', { input: 5 }, 400, 'RB-E-REQUEST', '$.input'],
    ['explain as text', { input: {}, explain: 'yes' }, 400, 'RB-E-REQUEST', '$.explain'],
    ['as_of as a boolean', { input: {}, as_of: true }, 400, 'RB-E-REQUEST', '$.as_of'],
    ['a reading option that is a number', { input: {}, readings: { x: 1 } }, 400, 'RB-E-REQUEST', '$.readings.x'],
    ['an unknown field', { input: {}, program: 'x' }, 400, 'RB-E-REQUEST', '$.program'],
    ['an unknown calendar option', { input: { d: '2025-04-30' }, calendar: { ua: 'wartime' } }, 400, 'RB-E-REQUEST', '$.calendar.ua'],
    ['an input missing its field', { input: {} }, 400, 'RB-E-INPUT', '$.input.d'],
    ['an impossible date', { input: { d: '2025-02-30' } }, 400, 'RB-E-INPUT', '$.input.d'],
    ['a malformed as_of', { input: { d: '2025-04-30' }, as_of: 'yesterday' }, 400, 'RB-E-INPUT', '$.as_of'],
    ['an unknown output', { input: { d: '2025-04-30' }, outputs: ['due', 'bonus'] }, 400, 'RB-E-REQUEST', '$.outputs[1]'],
    ['a __proto__ key', '{"input": {"d": "2025-04-30"}, "readings": {"__proto__": {"x": "y"}}}', 400, 'RB-E-REQUEST', '$'],
    ['a constructor.prototype key', '{"input": {"d": "2025-04-30", "constructor": {"prototype": {"x": 1}}}}', 400, 'RB-E-REQUEST', '$'],
    ['an unknown reading named constructor', { input: { d: '2025-04-30' }, readings: { constructor: 'x' } }, 400, 'RB-E-READING', '$'],
  ];
  it.each(BAD)('answers %s with an error object (status, code, path)', async (_name, body, status, code, path) => {
    const r = await call(s.url, '/v1/programs/ua-holiday/evaluate', body);
    expect(r.status, r.text).toBe(status);
    expect(r.json.error.code).toBe(code);
    if (path !== '$' || r.json.error.path !== undefined) expect(r.json.error.path).toBe(path);
    expect(r.json.error.message.length).toBeGreaterThan(10);
  });

  it('answers an unknown reading with 400 and a date outside the calendar with 422', async () => {
    const reading = await call(s.url, '/v1/programs/ua-holiday/evaluate', { input: { d: '2025-04-30' }, readings: { selector: 'x' } });
    expect([reading.status, reading.json.error.code]).toEqual([400, 'RB-E-READING']);
    const noData = await call(s.url, '/v1/programs/ua-holiday/evaluate', { input: { d: '1990-01-02' } });
    expect([noData.status, noData.json.error.code, noData.json.hash]).toEqual([422, 'RB-E-CALENDAR-YEAR', expect.stringMatching(/^[0-9a-f]{16}$/)]);
  });

  it('answers a body over the limit with 413, a wrong content type with 415 and an unknown path with 404', async () => {
    const big = await call(s.url, '/v1/programs/kyiv-orders/evaluate', { input: { pad: 'x'.repeat(30_000) } });
    expect([big.status, big.json.error.code]).toEqual([413, 'RB-E-TOO-LARGE']);
    const text = await call(s.url, '/v1/programs/kyiv-orders/evaluate', 'input', { 'content-type': 'text/plain' });
    expect([text.status, text.json.error.code]).toEqual([415, 'RB-E-REQUEST']);
    const nowhere = await call(s.url, '/v2/everything');
    expect([nowhere.status, nowhere.json.error.code]).toEqual([404, 'RB-E-NOT-FOUND']);
  });

  it('has no endpoint that accepts program text', async () => {
    for (const path of ['/v1/programs', '/v1/compile', '/v1/programs/new/source']) {
      expect((await call(s.url, path, { source: 'program x "X"' })).status).toBe(404);
    }
  });

  it('streams a batch: each result line comes back before the next request line is sent', async () => {
    const b = openBatch(s.url, 'ua-holiday');
    const res = await b.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['x-rulebook-artifact']).toMatch(/^[0-9a-f]{16}$/);
    b.send({ id: 'a', input: { d: '2025-04-30' } });
    expect(await b.next()).toEqual({ line: 1, id: 'a', ok: true, status: 200, outputs: { due: '2025-05-01' }, readings: {} });
    b.send('{"input": ');
    expect(await b.next()).toMatchObject({ line: 2, ok: false, status: 400, error: { code: 'RB-E-REQUEST' } });
    b.send({ id: 7, input: { d: 'soon' } });
    expect(await b.next()).toMatchObject({ line: 3, id: 7, ok: false, status: 400, error: { code: 'RB-E-INPUT', path: '$.input.d' } });
    b.send({ input: { d: '2025-04-30' }, explain: 'no' });
    expect(await b.next()).toMatchObject({ line: 4, ok: false, status: 400, error: { code: 'RB-E-REQUEST', path: '$.explain' } });
    await b.end();
  });

  it('ends a batch at a line over the limit, and answers a batch of the wrong type with 415', async () => {
    const b = openBatch(s.url, 'ua-holiday');
    b.send({ input: { d: '2025-04-30' } });
    b.req.write('x'.repeat(25_000));
    expect((await b.next()).ok).toBe(true);
    expect(await b.next()).toMatchObject({ line: 2, ok: false, status: 413, error: { code: 'RB-E-TOO-LARGE' } });
    b.req.destroy();
    const wrong = await call(s.url, '/v1/programs/ua-holiday/batch', { input: {} });
    expect([wrong.status, wrong.json.error.code]).toEqual([415, 'RB-E-REQUEST']);
  });

  it('reads a batch line that arrives a byte at a time, a character split between chunks', async () => {
    const b = openBatch(s.url, 'ua-holiday');
    for (const byte of Buffer.from(`${JSON.stringify({ id: 'дата', input: { d: '2025-04-30' } })}\n`)) b.req.write(Buffer.of(byte));
    expect(await b.next()).toEqual({ line: 1, id: 'дата', ok: true, status: 200, outputs: { due: '2025-05-01' }, readings: {} });
    for (const byte of Buffer.from('x'.repeat(20_001))) b.req.write(Buffer.of(byte));
    expect(await b.next()).toMatchObject({ line: 2, ok: false, status: 413, error: { code: 'RB-E-TOO-LARGE' } });
    b.req.destroy();
  });

  it('answers 408 and closes a request that does not arrive in full within --request-timeout', async () => {
    const slow = await serve(dir, ['--request-timeout', '1', '--no-watch']);
    try {
      const { port } = new URL(slow.url);
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1');
        let got = '';
        socket.on('data', (c) => { got += c.toString('utf8'); });
        socket.on('close', () => resolve(got));
        socket.on('error', reject);
        // the headers and one byte of a 100-byte body, then nothing
        socket.write('POST /v1/programs/ua-holiday/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{');
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'RB-E-REQUEST', message: 'The request did not arrive in full within 1 s.' } });
    } finally {
      slow.child.kill('SIGKILL');
    }
  }, 60_000);

  it('serves an OpenAPI document built from the schemas the routes validate with', async () => {
    const r = await call(s.url, '/openapi.json');
    expect(r.json.openapi).toBe('3.1.0');
    expect(r.json.components.schemas.EvaluateRequest).toEqual(JSON.parse(JSON.stringify(EVALUATE_BODY)));
    expect(Object.keys(r.json.paths)).toEqual(expect.arrayContaining(['/v1/programs', '/v1/programs/{name}', '/v1/programs/{name}/evaluate', '/v1/programs/{name}/batch', '/healthz', '/readyz']));
    expect(r.json.components.schemas['ua-holiday.input'].properties.d).toBeDefined();
  });

  it('logs one JSON line per request with program, hash, status and duration', async () => {
    const marker = `/v1/programs/kyiv-orders/evaluate?marker=${Date.now()}`;
    await call(s.url, marker, { input: kyivInput });
    await new Promise((r) => setTimeout(r, 200));
    const lines = s.logs.filter((l) => l.url === marker);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ method: 'POST', status: 200, program: 'kyiv-orders', hash: expect.stringMatching(/^[0-9a-f]{16}$/), ms: expect.any(Number), time: expect.any(String) });
    expect(s.stderr()).toBe('');
  });
});
