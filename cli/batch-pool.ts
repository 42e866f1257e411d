/**
 * `rulebook eval --batch --workers N` with N ≥ 2: N worker processes (cli/batch-worker.ts),
 * each with its own V8 and ICU. Processes rather than threads: they measured no worse per
 * input, and they isolate a crash (bench/batch-scaling-notes.md).
 *
 * This process only moves bytes: each block of input lines goes to a worker as a frame
 * (cli/batch-frames.ts) over a socket pair on the worker's fd 3, its result lines come
 * back the same way and are written to stdout in input order. (This process taking a
 * share of the blocks itself measured slower on a quiet 2-core machine: 7.6–8.5 s against
 * 6.4–7.5 s per 100 000 referral-ru inputs; its event loop then turns only between
 * slices, and its slices' buffers churn its heap.) At most a few blocks per worker are in
 * flight, and stdout's back-pressure is awaited, so memory stays flat. A worker that stops
 * early is an error naming it, never a hang.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import type { Block } from './batch.js';
import { readFrames, writeFrame } from './batch-frames.js';
import { oversizedLine } from './batch-line.js';
import { CliError } from './io.js';

/** Blocks queued per worker, so a worker never waits for this process between blocks. */
const PER_WORKER = 2;

interface Lane { child: ChildProcess; channel: Duplex; sent: number[]; exited: Promise<unknown> }

/** What the pool needs from runBatch: writing a block of results and ticking the progress bar. */
export interface Sink { write: (bytes: Uint8Array) => Promise<void>; tick: (count: number, bytes: number) => void }

/** Starts a worker process: the built file, or the source through tsx when dist/ is stale (see bin.mjs). */
function startWorker(): ChildProcess {
  const ts = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(ts ? './batch-worker.ts' : './batch-worker.js', import.meta.url));
  // the built worker runs with this process's node flags (a heap limit, GC options given to the CLI)
  const args = ts ? ['--import', import.meta.resolve('tsx/esm'), entry] : [...process.execArgv, entry];
  // stdout and stderr shared, so whatever a dying worker (or a node flag such as
  // --trace-gc) says reaches the user without breaking the frames; the frames go over
  // fd 3, a socket pair, whose kernel buffers hold most of a block (a pipe holds 64 KB)
  return spawn(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit', 'pipe'] });
}

/** Evaluates every block in n worker processes; resolves once every result is written. */
export async function runPool(blocks: AsyncGenerator<Block>, ruleset: Ruleset, options: EvaluateOptions, n: number, sink: Sink): Promise<void> {
  const finished = new Map<number, { out: Uint8Array[]; count: number }>();
  let nextToWrite = 0, nextSeq = 0, count = 0, bytes = 0, ended = false, stopping = false;
  let failure: Error | undefined, wake: (() => void) | undefined;
  let reading: Promise<IteratorResult<Block>> | undefined;
  const poke = () => { const w = wake; wake = undefined; w?.(); };
  const fail = (e: Error) => { failure ??= e; poke(); };
  const setup = Buffer.from(JSON.stringify({ artifact: ruleset.artifact, options }));
  const lanes: Lane[] = Array.from({ length: n }, (_, i) => {
    const child = startWorker();
    const channel = child.stdio[3] as Duplex;
    const lane: Lane = { child, channel, sent: [], exited: new Promise((r) => child.once('exit', r)) };
    const name = `batch worker process ${i + 1} of ${n} (pid ${child.pid})`;
    child.on('error', (e) => fail(new CliError(`${name} could not run: ${e.message}`, 1)));
    channel.on('error', () => { /* a worker that died: its 'exit' says so */ });
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const how = signal ? `was stopped by ${signal}` : `exited with code ${code}`;
      fail(new CliError(`${name} ${how} with ${lane.sent.length} block(s) of input unanswered; the batch stopped after ${count} result line(s)`, 1));
    });
    writeFrame(channel, 0, setup);
    (async () => {
      for await (const f of readFrames(channel)) {
        const seq = lane.sent.shift();
        if (seq === undefined) throw new Error('it answered a block it was not sent');
        finished.set(seq, { out: [f.body], count: f.tag });
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
  /**
   * The next block of input, or undefined when a result or a failure came first, or the
   * line read was too long and is answered already (the caller goes round again). Racing
   * the read against results: a worker that dies while the input is slow to come (a
   * pipe) stops the batch at once.
   */
  const nextBlock = async (): Promise<IteratorResult<Block> | undefined> => {
    reading ??= blocks.next();
    const next = await Promise.race([reading, new Promise<undefined>((r) => { wake = () => r(undefined); })]);
    wake = undefined;
    // the next read starts at once, so it is done by the time a lane has room for it
    if (next) reading = next.done ? undefined : blocks.next();
    if (next?.done) ended = true;
    else if (next) for (const p of next.value.parts) bytes += p.length;
    if (next && !next.done && next.value.oversized !== undefined) {
      // a line too long to read: its error line takes its place in the order, no lane needed
      bytes += next.value.oversized;
      finished.set(nextSeq++, { out: [oversizedLine(next.value.oversized)], count: 1 });
      return undefined;
    }
    return next?.done ? undefined : next;
  };
  let completed = false;
  try {
    for (;;) {
      if (failure) throw failure;
      while (finished.has(nextToWrite)) {
        const r = finished.get(nextToWrite)!;
        finished.delete(nextToWrite++);
        count += r.count;
        for (const part of r.out) await sink.write(part);
        sink.tick(count, bytes);
      }
      if (ended && nextToWrite === nextSeq) { completed = true; break; }
      const room = !ended && nextSeq - nextToWrite < window;
      const lane = room ? lanes.reduce((a, b) => (b.sent.length < a.sent.length ? b : a)) : undefined;
      if (lane && lane.sent.length < PER_WORKER) {
        const next = await nextBlock();
        if (!next) continue;
        lane.sent.push(nextSeq++);
        writeFrame(lane.channel, 0, next.value.parts);
        continue;
      }
      await new Promise<void>((r) => { wake = r; });
    }
  } finally {
    stopping = true;
    // an input read still pending when the batch failed: runBatch closes the input, which
    // may reject it, and nobody is waiting for it any more
    reading?.catch(() => undefined);
    // done: a worker whose input ends exits; failed: stop them all now
    for (const { child, channel } of lanes) if (completed) channel.end(); else child.kill();
    await Promise.all(lanes.map((l) => l.exited));
  }
}
