/**
 * `rulebook eval --batch in.ndjson [--workers N]`: one result line per input line, in
 * input order, on stdout. Lines are read as a stream and sent to worker threads in chunks;
 * at most a few chunks per worker are in flight and stdout's back-pressure is awaited,
 * so memory stays flat however long the file. Progress goes to stderr when it is a terminal.
 */
import { createReadStream, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import { evaluateLine } from './batch-line.js';
import { CliError } from './io.js';

const CHUNK = 256;

/** Writes one block to stdout, waiting when its buffer is full. */
function write(text: string): Promise<void> {
  return new Promise((done) => { if (process.stdout.write(text)) done(); else process.stdout.once('drain', done); });
}

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

/** Runs a batch; returns the exit code (0: every line was answered, errors included). */
export async function runBatch(path: string, ruleset: Ruleset, options: EvaluateOptions, workers: number): Promise<number> {
  let stream;
  try {
    stream = path === '-' ? process.stdin : createReadStream(path);
    if (path !== '-') statSync(path);
  } catch {
    throw new CliError(`cannot read ${path}: no such file`);
  }
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  const bar = progress(path);
  let count = 0, bytes = 0;
  if (workers <= 1) {
    let block: string[] = [];
    for await (const line of lines) {
      bytes += line.length + 1;
      if (!line.trim()) continue;
      block.push(evaluateLine(ruleset, line, options));
      count++;
      if (block.length >= CHUNK) { await write(`${block.join('\n')}\n`); block = []; bar.tick(count, bytes); }
    }
    if (block.length) await write(`${block.join('\n')}\n`);
    bar.end();
    return 0;
  }
  return runPool(lines, ruleset, options, workers, bar);
}

async function runPool(lines: AsyncIterable<string>, ruleset: Ruleset, options: EvaluateOptions, n: number, bar: ReturnType<typeof progress>): Promise<number> {
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './batch-worker.ts' : './batch-worker.js', import.meta.url);
  const workerData = { artifact: ruleset.artifact, options };
  // from the sources (dist/ stale, see bin.mjs) a worker registers tsx before loading the worker module
  const boot = ts ? `(async () => { const { register } = await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}); register(); await import(${JSON.stringify(url.href)}); })();` : undefined;
  const pool = Array.from({ length: n }, () => (boot ? new Worker(boot, { eval: true, workerData }) : new Worker(url, { workerData })));
  const done = new Map<number, string[]>();
  let nextToWrite = 0, nextSeq = 0, inFlight = 0, count = 0, bytes = 0, failure: Error | undefined;
  let wake: (() => void) | undefined;
  const idle: Worker[] = [...pool];
  for (const w of pool) {
    w.on('message', (m: { seq: number; results: string[] }) => { done.set(m.seq, m.results); idle.push(w); inFlight--; wake?.(); });
    w.on('error', (e) => { failure = e; wake?.(); });
  }
  const waitForWorker = () => new Promise<void>((r) => { wake = r; });
  /** Writes every finished chunk that is next in input order. */
  const flush = async () => {
    while (done.has(nextToWrite)) {
      const results = done.get(nextToWrite)!;
      done.delete(nextToWrite++);
      count += results.length;
      await write(`${results.join('\n')}\n`);
      bar.tick(count, bytes);
    }
  };
  const send = async (chunk: string[]) => {
    // back-pressure: no more chunks in flight than twice the workers, and the written ones out first
    while (!idle.length || inFlight >= 2 * n) { if (failure) throw failure; await waitForWorker(); await flush(); }
    inFlight++;
    idle.shift()!.postMessage({ seq: nextSeq++, lines: chunk });
    await flush();
  };
  try {
    let chunk: string[] = [];
    for await (const line of lines) {
      bytes += line.length + 1;
      if (!line.trim()) continue;
      chunk.push(line);
      if (chunk.length >= CHUNK) { await send(chunk); chunk = []; }
    }
    if (chunk.length) await send(chunk);
    while (nextToWrite < nextSeq) { if (failure) throw failure; if (!done.has(nextToWrite)) await waitForWorker(); await flush(); }
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
  bar.end();
  return 0;
}
