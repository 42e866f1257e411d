/**
 * `rulebook eval --batch` as a stream: with many workers and blocks of a line or two the
 * results still come in input order; CRLF line ends, blank lines and a last line without
 * its newline are read as lines; a consumer that stops reading stdout stops the CLI
 * from reading its input (back-pressure), so memory stays flat, then gets every line;
 * and a reader that goes away (`| head`) ends the CLI at once, quietly.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from './run-cli.js';

const PROGRAM = 'programs/referral-ru.rules';
const AS_OF = '2025-10-10T12:00:00+03:00';
const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/referral-ru.scenarios.yaml'), 'utf8')) as { scenarios: { input: unknown }[] }).scenarios;
const dir = mkdtempSync(join(tmpdir(), 'rb-batch-stream-'));

describe('rulebook eval --batch, streaming', () => {
  it('keeps input order with 4 workers and blocks of one line, with errors mid-stream', async () => {
    // each input line its own block (RULEBOOK_BATCH_BLOCK is in bytes), so blocks finish out of order
    const lines = Array.from({ length: 400 }, (_, i) => (i % 37 === 5 ? '{"broken' : JSON.stringify(scenarios[i % scenarios.length]!.input)));
    const file = join(dir, 'order.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const [one, many] = await Promise.all([
      runCli(['eval', PROGRAM, '--batch', file, '--workers', '1', '--as-of', AS_OF]),
      runCli(['eval', PROGRAM, '--batch', file, '--workers', '4', '--as-of', AS_OF], { RULEBOOK_BATCH_BLOCK: '64' }),
    ]);
    expect(many.stderr).toBe('');
    expect(many.status).toBe(0);
    const got = many.stdout.trimEnd().split('\n');
    expect(got).toHaveLength(lines.length);
    expect(many.stdout).toBe(one.stdout); // the same lines in the same order as one thread gives
    got.forEach((g, i) => expect(JSON.parse(g).error?.code === 'RB-E-INPUT' && JSON.parse(g).error.path === '$', `line ${i + 1}`).toBe(i % 37 === 5));
  }, 120_000);

  it('keeps input order when workers evaluate blocks of several lines slice by slice', async () => {
    // blocks of several lines, cut into slices of a line or two: each worker's slices must
    // come out whole and in order
    const lines = Array.from({ length: 300 }, (_, i) => (i % 23 === 4 ? '{"nope":1}' : JSON.stringify(scenarios[(i * 7) % scenarios.length]!.input)));
    const file = join(dir, 'slices.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const [one, two] = await Promise.all(['1', '2'].map((w) => runCli(['eval', PROGRAM, '--batch', file, '--workers', w, '--as-of', AS_OF], { RULEBOOK_BATCH_BLOCK: '8192' })));
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout.trimEnd().split('\n')).toHaveLength(lines.length);
    expect(two.stdout).toBe(one.stdout);
  }, 120_000);

  it('reads CRLF line ends, skips blank lines and answers a last line without its newline', async () => {
    const a = JSON.stringify(scenarios[0]!.input), b = JSON.stringify(scenarios[1 % scenarios.length]!.input);
    const crlf = join(dir, 'crlf.ndjson'), lf = join(dir, 'lf.ndjson');
    writeFileSync(crlf, `${a}\r\n\r\n  \r\n{"nope":1}\r\n${b}`);
    writeFileSync(lf, `${a}\n{"nope":1}\n${b}\n`);
    for (const workers of ['1', '2']) {
      const [x, y] = await Promise.all([crlf, lf].map((f) => runCli(['eval', PROGRAM, '--batch', f, '--workers', workers, '--as-of', AS_OF], { RULEBOOK_BATCH_BLOCK: '16' })));
      expect(x.status).toBe(0);
      expect(x.stdout.split('\n')).toHaveLength(4); // three results, each ending in a newline
      expect(x.stdout).toBe(y.stdout);
    }
  }, 120_000);

  it('stops reading its input while stdout is not read, then answers every line', async () => {
    const line = '{"nope":1}\n';
    const total = 200_000; // 2.2 MB of input
    const child = spawn(process.execPath, ['cli/bin.mjs', 'eval', PROGRAM, '--batch', '-', '--workers', '2', '--as-of', AS_OF], {
      cwd: ROOT, env: { ...process.env, RULEBOOK_BATCH_BLOCK: '4096' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.stdout.pause(); // a consumer that does not read
    const input = Buffer.from(line.repeat(total));
    // in small writes: the stream counts a write as pending until all of it is taken
    for (let at = 0; at < input.length; at += 4096) child.stdin.write(input.subarray(at, at + 4096));
    child.stdin.end();
    const taken = () => input.length - child.stdin.writableLength;
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // the first results (the program compiled, the workers started), then wait until the
    // CLI has taken all it will take: the amount left unsent the same for 4 s (a loaded
    // machine can pause a process that long; a CLI without back-pressure takes it all)
    for (let i = 0; i < 600 && child.stdout.readableLength === 0 && child.exitCode === null; i++) await sleep(100);
    let last = -1;
    for (let still = 0, i = 0; still < 14 && i < 400; i++) { still = taken() === last ? still + 1 : 0; last = taken(); await sleep(300); }
    // pipe buffers (64 KB each way), a block being read and a few in flight: far from all 2.2 MB
    expect(taken()).toBeLessThan(600_000);
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { out += s; });
    child.stdout.resume();
    const status = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const results = out.trimEnd().split('\n');
    expect(results).toHaveLength(total);
    expect(new Set(results).size).toBe(1);
    expect(JSON.parse(results[0]!).error).toMatchObject({ code: 'RB-E-INPUT', path: '$.nope' });
  }, 180_000);

  it.each(['1', '2'])('stops at once and quietly when its reader goes away (`| head`), with %s worker(s)', async (workers) => {
    const file = join(dir, 'head.ndjson');
    writeFileSync(file, `${Array.from({ length: 3000 }, (_, i) => JSON.stringify(scenarios[i % scenarios.length]!.input)).join('\n')}\n`);
    const child = spawn(process.execPath, ['cli/bin.mjs', 'eval', PROGRAM, '--batch', file, '--workers', workers, '--as-of', AS_OF], {
      cwd: ROOT, env: { ...process.env, RULEBOOK_BATCH_BLOCK: '8192' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const closed = new Promise<number | null>((r) => child.on('close', r));
    // the first result line, then the reader closes its end, as `head -1` does
    await new Promise<void>((r) => child.stdout.once('data', () => r()));
    child.stdout.destroy();
    const status = await Promise.race([closed, new Promise((r) => setTimeout(() => r('hung'), 60_000))]);
    if (status === 'hung') child.kill('SIGKILL');
    expect(stderr).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});
