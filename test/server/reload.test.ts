/**
 * Hot reload and shutdown of `rulebook serve`: a changed program is compiled and swapped
 * in; a request in flight finishes on the version it started with; a program that breaks
 * keeps its last good version and is reported by /readyz and the log; SIGTERM lets
 * in-flight requests finish and refuses new ones before the process exits 0.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, openBatch, serve, until, type Served } from './harness.js';

const program = (body: string) => `program bonus "Bonus"\n  zone Europe/Kyiv\ninput\n  n: integer\noutput doubled = ${body}\n`;
const hashOf = async (s: Served, name: string) => (await call(s.url, `/v1/programs/${name}`)).json.hash as string | undefined;

describe('rulebook serve: hot reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-reload-'));
  let s: Served;
  beforeAll(async () => {
    writeFileSync(join(dir, 'bonus.rules'), program('n * 2'));
    s = await serve(dir);
  }, 90_000);
  afterAll(() => { s?.child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

  it('swaps in a changed program while a batch in flight finishes on the version it started with', async () => {
    const h1 = await hashOf(s, 'bonus');
    const batch = openBatch(s.url, 'bonus');
    expect((await batch.response).headers['x-rulebook-artifact']).toBe(h1);
    batch.send({ input: { n: 3 } });
    expect((await batch.next()).outputs).toEqual({ doubled: 6 });

    writeFileSync(join(dir, 'bonus.rules'), program('n * 3'));
    await until(async () => (await hashOf(s, 'bonus')) !== h1);
    const now = await call(s.url, '/v1/programs/bonus/evaluate', { input: { n: 3 } });
    expect(now.json.outputs).toEqual({ doubled: 9 });
    expect(now.json.hash).not.toBe(h1);
    expect(s.logs).toContainEqual(expect.objectContaining({ event: 'program reloaded', program: 'bonus', hash: now.json.hash, previous: h1 }));

    batch.send({ input: { n: 3 } }); // still the first version
    expect((await batch.next()).outputs).toEqual({ doubled: 6 });
    await batch.end();
  });

  it('keeps the last good version of a program that breaks, reports it, and recovers', async () => {
    const good = await hashOf(s, 'bonus');
    writeFileSync(join(dir, 'bonus.rules'), program('n *'));
    await until(async () => (await call(s.url, '/readyz')).json.problems?.length === 1);
    const ready = await call(s.url, '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json.status).toBe('degraded');
    expect(ready.json.problems[0]).toMatchObject({ name: 'bonus', file: 'bonus.rules', servingHash: good });
    expect(ready.json.problems[0].code).toMatch(/^RB\d+$/);
    expect(s.logs).toContainEqual(expect.objectContaining({ level: 'error', program: 'bonus', hash: good }));
    const still = await call(s.url, '/v1/programs/bonus/evaluate', { input: { n: 3 } });
    expect([still.status, still.json.hash, still.json.outputs]).toEqual([200, good, { doubled: 9 }]);

    writeFileSync(join(dir, 'bonus.rules'), program('n * 4'));
    await until(async () => (await call(s.url, '/readyz')).json.status === 'ready');
    expect((await call(s.url, '/v1/programs/bonus/evaluate', { input: { n: 3 } })).json.outputs).toEqual({ doubled: 12 });
  });

  it('adds and removes programs as their files come and go; a new program that never loaded makes /readyz 503', async () => {
    writeFileSync(join(dir, 'late.rules'), program('n +'));
    await until(async () => (await call(s.url, '/readyz')).status === 503);
    expect((await call(s.url, '/readyz')).json).toMatchObject({ status: 'not ready', problems: [{ name: 'late' }] });
    expect((await call(s.url, '/v1/programs/late')).status).toBe(404);
    writeFileSync(join(dir, 'late.rules'), program('n + 1'));
    await until(async () => (await call(s.url, '/v1/programs/late')).status === 200);
    expect((await call(s.url, '/readyz')).json.status).toBe('ready');
    unlinkSync(join(dir, 'late.rules'));
    await until(async () => (await call(s.url, '/v1/programs/late')).status === 404);
    expect((await call(s.url, '/v1/programs')).json.programs.map((p: { name: string }) => p.name)).toEqual(['bonus']);
  });
});

describe('rulebook serve: two files of one name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-dup-'));
  let s: Served;
  beforeAll(async () => {
    writeFileSync(join(dir, 'bonus.rules'), program('n * 2'));
    writeFileSync(join(dir, 'bonus.scenarios.json'), '{"scenarios": []}'); // not a program
    s = await serve(dir);
  }, 90_000);
  afterAll(() => { s?.child.kill('SIGKILL'); rmSync(dir, { recursive: true, force: true }); });

  it('serves the first, reports the second, and lets the second take over when the first goes', async () => {
    const first = await hashOf(s, 'bonus');
    writeFileSync(join(dir, 'bonus.json'), '{"not": "an artifact"}'); // other JSON of the same name is no clash
    writeFileSync(join(dir, 'other.json'), '{"format": "rulebook-artifact", ');
    await until(async () => (await call(s.url, '/readyz')).json.problems?.length === 1);
    expect((await call(s.url, '/readyz')).json.problems).toMatchObject([{ name: 'other', code: 'RB-E-ARTIFACT' }]);
    unlinkSync(join(dir, 'other.json'));
    await until(async () => (await call(s.url, '/readyz')).json.status === 'ready');

    const { compile } = await import('../../compiler/compile.js');
    writeFileSync(join(dir, 'bonus.json'), JSON.stringify(compile(program('n * 5')).artifact));
    await until(async () => (await call(s.url, '/readyz')).json.status === 'degraded');
    expect((await call(s.url, '/readyz')).json.problems).toMatchObject([{ name: 'bonus', file: 'bonus.json', code: 'RB-E-NAME', servingHash: first }]);
    expect((await call(s.url, '/v1/programs/bonus/evaluate', { input: { n: 1 } })).json.outputs).toEqual({ doubled: 2 });

    unlinkSync(join(dir, 'bonus.rules'));
    await until(async () => (await call(s.url, '/v1/programs/bonus')).json.file === 'bonus.json');
    expect((await call(s.url, '/v1/programs/bonus/evaluate', { input: { n: 1 } })).json.outputs).toEqual({ doubled: 5 });
    expect((await call(s.url, '/readyz')).json).toMatchObject({ status: 'ready', problems: [] });
  });
});

describe('rulebook serve: SIGTERM', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-term-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finishes the requests in flight, refuses new ones, and exits 0', async () => {
    writeFileSync(join(dir, 'bonus.rules'), program('n * 2'));
    const s = await serve(dir);
    try {
      const batch = openBatch(s.url, 'bonus');
      batch.send({ input: { n: 1 } });
      expect((await batch.next()).ok).toBe(true);
      s.child.kill('SIGTERM');
      await until(() => s.logs.some((l) => l.event === 'shutting down'));
      // a new connection is refused once the server stops listening
      await until(async () => { try { await fetch(`${s.url}/healthz`); return false; } catch { return true; } }, 5_000);
      batch.send({ input: { n: 5 } });
      expect(await batch.next()).toMatchObject({ line: 2, ok: true, outputs: { doubled: 10 } });
      await batch.end();
      expect(await s.exited).toBe(0);
      expect(s.stderr()).toBe('');
    } finally {
      s.child.kill('SIGKILL');
    }
  }, 60_000);
});
