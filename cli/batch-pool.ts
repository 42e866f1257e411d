/**
 * `rulebook eval --batch --workers N` with N ≥ 2: N worker processes (cli/batch-worker.ts),
 * each with its own V8 and ICU. Worker threads in one process measured 35–50 % more CPU
 * per input with two of them than with one, while two processes slowed each other by
 * 5–15 % (bench/batch-scaling-notes.md), so processes are what scales across cores.
 *
 * This process only moves bytes: each block of input lines goes down a worker's stdin
 * as a frame (cli/batch-frames.ts), its result lines come back on the worker's stdout,
 * and are written to stdout in input order. At most a few blocks per worker are in
 * flight, and stdout's back-pressure is awaited, so memory stays flat. A worker that
 * stops early is an error naming it, never a hang.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import type { Block } from './batch.js';
import { readFrames, writeFrame } from './batch-frames.js';
import { CliError } from './io.js';

/** Blocks queued per worker, so a worker never waits for this process between blocks. */
const PER_WORKER = 2;

interface Lane { child: ChildProcess; sent: number[]; exited: Promise<unknown> }

/** What the pool needs from runBatch: writing a block of results and ticking the progress bar. */
export interface Sink { write: (bytes: Uint8Array) => Promise<void>; tick: (count: number, bytes: number) => void }

/** Starts a worker process: the built file, or the source through tsx when dist/ is stale (see bin.mjs). */
function startWorker(): ChildProcess {
  const ts = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(ts ? './batch-worker.ts' : './batch-worker.js', import.meta.url));
  const args = ts ? ['--import', import.meta.resolve('tsx/esm'), entry] : [entry];
  // stderr shared, so whatever a dying worker says reaches the user
  return spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'inherit'] });
}

/** Evaluates every block in n worker processes; resolves once every result is written. */
export async function runPool(blocks: AsyncGenerator<Block>, ruleset: Ruleset, options: EvaluateOptions, n: number, sink: Sink): Promise<void> {
  const finished = new Map<number, { out: Buffer; count: number }>();
  let nextToWrite = 0, nextSeq = 0, count = 0, bytes = 0, ended = false, stopping = false;
  let failure: Error | undefined, wake: (() => void) | undefined;
  let reading: Promise<IteratorResult<Block>> | undefined;
  const poke = () => { const w = wake; wake = undefined; w?.(); };
  const fail = (e: Error) => { failure ??= e; poke(); };
  const setup = Buffer.from(JSON.stringify({ artifact: ruleset.artifact, options }));
  const lanes: Lane[] = Array.from({ length: n }, (_, i) => {
    const child = startWorker();
    const lane: Lane = { child, sent: [], exited: new Promise((r) => child.once('exit', r)) };
    const name = `batch worker process ${i + 1} of ${n} (pid ${child.pid})`;
    child.on('error', (e) => fail(new CliError(`${name} could not run: ${e.message}`, 1)));
    child.stdin!.on('error', () => { /* a worker that died: its 'exit' says so */ });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      fail(new CliError(`${name} ${how} with ${lane.sent.length} block(s) of input unanswered; the batch stopped after ${count} result line(s)`, 1));
    });
    writeFrame(child.stdin!, 0, setup);
    (async () => {
      for await (const f of readFrames(child.stdout!)) {
        const seq = lane.sent.shift();
        if (seq === undefined) throw new Error('it answered a block it was not sent');
        finished.set(seq, { out: f.body, count: f.tag });
        poke();
      }
    })().catch(async (e: Error) => {
      // a worker that dies mid-frame: its exit (reported first) is the cause to give
      await lane.exited;
      fail(new CliError(`${name} broke the batch protocol: ${e.message}`, 1));
    });
    return lane;
  });
  // the reorder buffer holds at most this many blocks: those queued, plus those finished
  // before an earlier one
  const window = (PER_WORKER + 1) * n;
  let completed = false;
  try {
    for (;;) {
      if (failure) throw failure;
      while (finished.has(nextToWrite)) {
        const r = finished.get(nextToWrite)!;
        finished.delete(nextToWrite++);
        count += r.count;
        await sink.write(r.out);
        sink.tick(count, bytes);
      }
      if (ended && nextToWrite === nextSeq) { completed = true; break; }
      const lane = ended || nextSeq - nextToWrite >= window ? undefined : lanes.reduce((a, b) => (b.sent.length < a.sent.length ? b : a));
      if (lane && lane.sent.length < PER_WORKER) {
        // wait for input, or for a result or a failure, whichever comes first: a worker
        // that dies while the input is slow to come (a pipe) stops the batch at once
        reading ??= blocks.next();
        const next = await Promise.race([reading, new Promise<undefined>((r) => { wake = () => r(undefined); })]);
        if (!next) continue;
        reading = undefined;
        wake = undefined;
        if (next.done) { ended = true; continue; }
        for (const p of next.value.parts) bytes += p.length;
        lane.sent.push(nextSeq++);
        writeFrame(lane.child.stdin!, 0, next.value.parts);
        continue;
      }
      await new Promise<void>((r) => { wake = r; });
    }
  } finally {
    stopping = true;
    // an input read still pending when the batch failed: runBatch closes the input, which
    // may reject it, and nobody is waiting for it any more
    reading?.catch(() => undefined);
    // done: a worker whose stdin ends exits; failed: stop them all now
    for (const { child } of lanes) if (completed) child.stdin!.end(); else child.kill();
    await Promise.all(lanes.map((l) => l.exited));
  }
}
