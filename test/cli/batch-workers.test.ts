/**
 * `rulebook eval --batch --workers N` evaluates in N worker processes: a worker that dies mid-batch
 * stops the batch with an error naming it (exit code 1), never a hang, even while the
 * input is still open; a block of blank lines (an empty frame) is answered; and the
 * frames between the CLI and its workers survive any cut of the byte stream.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readFrames, writeFrame } from '../../cli/batch-frames.js';
import { ROOT, runCli } from './run-cli.js';

const PROGRAM = 'programs/referral-ru.rules';
const AS_OF = '2025-10-10T12:00:00+03:00';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The process ids of a process's children (Linux). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
}

describe('rulebook eval --batch with worker processes', () => {
  it.skipIf(!existsSync('/proc/self/stat'))('reports a worker that dies, with its exit, and stops while the input is still open', async () => {
    const child = spawn(process.execPath, ['cli/bin.mjs', 'eval', PROGRAM, '--batch', '-', '--workers', '2', '--as-of', AS_OF], {
      cwd: ROOT, env: { ...process.env, RULEBOOK_BATCH_BLOCK: '64' }, stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    const closed = new Promise<number | null>((r) => child.on('close', r));
    // some lines, then the input stays open: the CLI waits for more
    child.stdin.write('{"nope":1}\n'.repeat(50));
    for (let i = 0; i < 600 && stdout.split('\n').length < 51; i++) await sleep(100);
    expect(stdout.trimEnd().split('\n')).toHaveLength(50);
    const workers = childrenOf(child.pid!);
    expect(workers).toHaveLength(2);
    process.kill(workers[1]!, 'SIGKILL');
    const status = await Promise.race([closed, sleep(60_000).then(() => 'hung')]);
    child.stdin.destroy();
    if (status === 'hung') child.kill('SIGKILL');
    expect(status).toBe(1);
    expect(stderr).toMatch(new RegExp(`error: batch worker process 2 of 2 \\(pid ${workers[1]}\\) was stopped by SIGKILL with 0 block\\(s\\) of input unanswered; the batch stopped after 50 result line\\(s\\)`));
    // the other worker was stopped (and reaped) before the CLI ended, not left behind
    expect(existsSync(`/proc/${workers[0]}`)).toBe(false);
  }, 120_000);

  it('answers blocks that hold only blank lines (an empty frame) like one worker does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-batch-workers-'));
    const file = join(dir, 'blank.ndjson');
    writeFileSync(file, `{"nope":1}\n${'\n'.repeat(200)}{"broken\n${' \n'.repeat(100)}{"nope":2}`);
    const [one, two] = await Promise.all(['1', '2'].map((w) => runCli(['eval', PROGRAM, '--batch', file, '--workers', w, '--as-of', AS_OF], { RULEBOOK_BATCH_BLOCK: '16' })));
    expect(two.stderr).toBe('');
    expect(two.status).toBe(0);
    expect(two.stdout.trimEnd().split('\n')).toHaveLength(3);
    expect(two.stdout).toBe(one.stdout);
  }, 120_000);

  it('reads back every frame however the bytes are cut', async () => {
    const bodies = [Buffer.alloc(0), Buffer.from('a'), Buffer.from('x'.repeat(1000)), Buffer.from('{"ü":"€"}\n')];
    const sent = new PassThrough();
    writeFrame(sent, 0, bodies[0]!);
    writeFrame(sent, 7, [bodies[1]!, bodies[2]!]);
    writeFrame(sent, 4294967295, bodies[3]!);
    sent.end();
    const bytes = Buffer.concat(await sent.toArray());
    for (const cut of [1, 3, 8, 9, 500, bytes.length]) {
      const pieces = [];
      for (let at = 0; at < bytes.length; at += cut) pieces.push(bytes.subarray(at, at + cut));
      const got = [];
      for await (const f of readFrames(pieces)) got.push([f.tag, f.body.toString('utf8')]);
      expect(got, `cut every ${cut} bytes`).toEqual([[0, ''], [7, `a${'x'.repeat(1000)}`], [4294967295, '{"ü":"€"}\n']]);
    }
    await expect((async () => { for await (const f of readFrames([bytes.subarray(0, bytes.length - 2)])) void f; })()).rejects.toThrow('inside a frame');
  });
});
