/**
 * `rulebook eval --batch in.ndjson [--workers N]`: one result line per input line, in
 * input order, on stdout. The file is read as raw bytes and cut into blocks of whole
 * lines. With one worker this process evaluates them; with N, this process and N − 1
 * worker processes do (cli/batch-pool.ts): it pipes blocks' bytes to the workers, takes
 * a block itself only while every worker is busy, and writes the results back in order.
 * Memory stays flat however long the file: a block is read only when a lane has room
 * and the results written are no more than a few blocks behind, and stdout's
 * back-pressure is awaited.
 * Progress goes to stderr when it is a terminal.
 */
import { createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import { BLOCK, evaluateBlock } from './batch-line.js';
import { runPool } from './batch-pool.js';
import { CliError } from './io.js';

/** Writes one block to stdout, waiting when its buffer is full. */
function write(bytes: Uint8Array): Promise<void> {
  return new Promise((done) => { if (process.stdout.write(bytes)) done(); else process.stdout.once('drain', done); });
}

/** A block of whole lines, as the read buffers (or views of them) that hold it. */
export interface Block { parts: Uint8Array[] }

/**
 * Blocks of whole lines (at least `size` bytes, cut after a newline; the last one may
 * lack its newline). UTF-8 never has a newline byte inside a character, so cutting bytes
 * at 0x0A never splits one. Nothing is copied: a read buffer shared by two blocks is
 * split into two views.
 */
export async function* lineBlocks(stream: AsyncIterable<Uint8Array>, size: number): AsyncGenerator<Block> {
  let parts: Uint8Array[] = [], length = 0;
  for await (const piece of stream) {
    parts.push(piece);
    length += piece.length;
    if (length < size) continue;
    const nl = piece.lastIndexOf(10);
    if (nl < 0) continue; // a line longer than a block: it grows until its newline comes
    const tail = nl + 1 < piece.length ? piece.subarray(nl + 1) : undefined;
    parts[parts.length - 1] = piece.subarray(0, nl + 1);
    yield { parts };
    parts = tail ? [tail] : [];
    length = tail?.length ?? 0;
  }
  if (length) yield { parts };
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

/** Runs a batch; returns the exit code (0: every line was answered, errors included). */
export async function runBatch(path: string, ruleset: Ruleset, options: EvaluateOptions, workers: number): Promise<number> {
  let stream: Readable;
  try {
    if (path !== '-') statSync(path);
    stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: BLOCK });
  } catch {
    throw new CliError(`cannot read ${path}: no such file`);
  }
  const bar = progress(path);
  const blocks = lineBlocks(stream, BLOCK);
  if (workers > 1) {
    try {
      await runPool(blocks, ruleset, options, workers, { write, tick: bar.tick });
    } finally {
      // a batch that failed leaves the input half read: close it, so the process can end
      stream.destroy();
    }
  } else {
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
