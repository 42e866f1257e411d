/**
 * `rulebook eval --batch in.ndjson [--workers N]`: one result line per input line, in
 * input order, on stdout. The file is read as raw bytes and cut into blocks of whole
 * lines; with several workers the main thread never decodes, parses or encodes a line:
 * it transfers each block's bytes to a worker and writes the worker's result bytes back
 * in order. On a machine with as many cores as workers the main thread is the share no
 * worker can take, so keeping it to a memcpy per block is what lets throughput scale.
 * Memory stays flat however long the file: a block is read only when a worker has room
 * and the results written are no more than a few blocks behind, and stdout's
 * back-pressure is awaited. Progress goes to stderr when it is a terminal.
 */
import { createReadStream, statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import { evaluateBlock } from './batch-line.js';
import { CliError } from './io.js';

/**
 * Bytes per block (about a hundred referral-ru inputs): big enough that a message per
 * block costs nothing, small enough that the reorder buffer stays small. The variable is
 * for tests (many tiny blocks put the ordering to work) and tuning, not a user option.
 */
const BLOCK = Number(process.env.RULEBOOK_BATCH_BLOCK) || 256 * 1024;
/** Blocks queued per worker, so a worker never waits for the main thread between blocks. */
const PER_WORKER = 2;

/**
 * Writes one block to stdout, waiting when its buffer is full; `written` gets the bytes
 * back once the system has them, when they may be reused.
 */
function write(bytes: Uint8Array, written?: (bytes: Uint8Array) => void): Promise<void> {
  return new Promise((done) => {
    const flushed = written && ((e?: Error | null) => { if (!e) written(bytes); });
    if (process.stdout.write(bytes, flushed)) done(); else process.stdout.once('drain', done);
  });
}

/**
 * A block of whole lines, as parts that each own their ArrayBuffer (`transfer`), so a
 * worker gets them without a copy: the read buffers themselves, and copies only of what
 * a read buffer shares with the next block (less than a line) or of a pool slice.
 */
export interface Block { parts: Uint8Array[]; transfer: ArrayBuffer[] }

const owns = (b: Uint8Array) => b.byteOffset === 0 && b.byteLength === b.buffer.byteLength;
const blockOf = (parts: Uint8Array[]): Block => ({ parts, transfer: [...new Set(parts.map((p) => p.buffer as ArrayBuffer))] });

/**
 * Blocks of whole lines (at least `size` bytes, cut after a newline; the last one may
 * lack its newline). UTF-8 never has a newline byte inside a character, so cutting bytes
 * at 0x0A never splits one. The main thread copies no more than a line per block: the
 * read buffers it drops are freed only when its own rarely-run collector runs, which
 * let the process's RSS creep up by hundreds of megabytes of dead buffers.
 */
export async function* lineBlocks(stream: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Block> {
  let parts: Uint8Array[] = [], length = 0;
  for await (const buf of stream) {
    const piece = owns(buf) ? buf : new Uint8Array(buf);
    parts.push(piece);
    length += piece.length;
    if (length < size) continue;
    const nl = piece.lastIndexOf(10);
    if (nl < 0) continue; // a line longer than a block: it grows until its newline comes
    const tail = nl + 1 < piece.length ? new Uint8Array(piece.subarray(nl + 1)) : undefined;
    parts[parts.length - 1] = piece.subarray(0, nl + 1);
    yield blockOf(parts);
    parts = tail ? [tail] : [];
    length = tail?.length ?? 0;
  }
  if (length) yield blockOf(parts);
}

const joined = (b: Block): Uint8Array => (b.parts.length === 1 ? b.parts[0]! : Buffer.concat(b.parts));

/** Progress on stderr (count, rate, ETA from the bytes read), only on a terminal. */
function progress(path: string): { tick: (n: number, bytes: number) => void; end: () => void } {
  const tty = process.stderr.isTTY === true;
  const size = path === '-' ? 0 : statSync(path).size;
  const t0 = Date.now();
  let last = 0;
  return {
    tick(n, bytes) {
      const now = Date.now();
      if (!tty || now - last < 200) return;
      last = now;
      const rate = n / Math.max((now - t0) / 1000, 0.001);
      const eta = size && bytes ? ((now - t0) / 1000) * (size / bytes - 1) : undefined;
      process.stderr.write(`\r${n} inputs, ${rate.toFixed(0)}/s${eta === undefined ? '' : `, ETA ${eta.toFixed(0)} s`}   `);
    },
    end() { if (tty) process.stderr.write('\n'); },
  };
}

type Bar = ReturnType<typeof progress>;

/** Runs a batch; returns the exit code (0: every line was answered, errors included). */
export async function runBatch(path: string, ruleset: Ruleset, options: EvaluateOptions, workers: number): Promise<number> {
  let stream: AsyncIterable<Buffer>;
  try {
    if (path !== '-') statSync(path);
    stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: BLOCK });
  } catch {
    throw new CliError(`cannot read ${path}: no such file`);
  }
  const bar = progress(path);
  const blocks = lineBlocks(stream, BLOCK);
  if (workers > 1) await runPool(blocks, ruleset, options, workers, bar);
  else {
    // one worker: this thread evaluates, with nothing to hand over
    let count = 0, bytes = 0;
    for await (const block of blocks) {
      const input = joined(block);
      bytes += input.length;
      const r = evaluateBlock(ruleset, input, options);
      count += r.count;
      await write(r.out);
      bar.tick(count, bytes);
    }
  }
  bar.end();
  return 0;
}

interface Done { seq: number; out: Uint8Array; count: number }

/** Starts n workers, each with the artifact loaded (from the sources through tsx when dist/ is stale, see bin.mjs). */
function startWorkers(ruleset: Ruleset, options: EvaluateOptions, n: number): Worker[] {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './batch-worker.ts' : './batch-worker.js', import.meta.url);
  const workerData = { artifact: ruleset.artifact, options };
  const boot = ts ? `(async () => { const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(url.href)}); })();` : undefined;
  return Array.from({ length: n }, () => (boot ? new Worker(boot, { eval: true, workerData }) : new Worker(url, { workerData })));
}

async function runPool(blocks: AsyncGenerator<Block>, ruleset: Ruleset, options: EvaluateOptions, n: number, bar: Bar): Promise<void> {
  const pool = startWorkers(ruleset, options, n).map((worker) => ({ worker, queued: 0 }));
  const finished = new Map<number, Done>();
  // result buffers written to stdout, handed back to a worker with its next block: without
  // this they would be dead weight in this thread (whose collector seldom runs) until a GC
  const spares: ArrayBuffer[] = [];
  const release = (b: Uint8Array) => { spares.push(b.buffer as ArrayBuffer); };
  let nextToWrite = 0, nextSeq = 0, count = 0, bytes = 0, ended = false, stopping = false;
  let failure: Error | undefined, wake: (() => void) | undefined;
  const poke = () => { const w = wake; wake = undefined; w?.(); };
  for (const slot of pool) {
    slot.worker.on('message', (m: Done) => { finished.set(m.seq, m); slot.queued--; poke(); });
    slot.worker.on('error', (e) => { failure = e; poke(); });
    slot.worker.on('exit', (code) => { if (!stopping) { failure ??= new Error(`a batch worker stopped (exit code ${code})`); poke(); } });
  }
  // the reorder buffer holds at most this many blocks: those queued, plus those finished
  // before an earlier one
  const window = (PER_WORKER + 1) * n;
  try {
    for (;;) {
      if (failure) throw failure;
      while (finished.has(nextToWrite)) {
        const r = finished.get(nextToWrite)!;
        finished.delete(nextToWrite++);
        count += r.count;
        await write(r.out, release);
        bar.tick(count, bytes);
      }
      if (ended && nextToWrite === nextSeq) break;
      const slot = ended || nextSeq - nextToWrite >= window ? undefined : pool.reduce((a, b) => (b.queued < a.queued ? b : a));
      if (slot && slot.queued < PER_WORKER) {
        const next = await blocks.next();
        if (next.done) { ended = true; continue; }
        const { parts, transfer } = next.value;
        for (const p of parts) bytes += p.length;
        slot.queued++;
        const spare = spares.pop();
        slot.worker.postMessage({ seq: nextSeq++, parts, spare }, spare ? [...transfer, spare] : transfer);
        continue;
      }
      await new Promise<void>((r) => { wake = r; });
    }
  } finally {
    stopping = true;
    await Promise.all(pool.map((s) => s.worker.terminate()));
  }
}
