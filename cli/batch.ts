/**
 * `rulebook eval --batch in.ndjson [--workers N]`: one result line per input line, in
 * input order, on stdout. The file is read as raw bytes and cut into blocks of whole
 * lines. With one worker this process evaluates them; with N, N worker processes do
 * (cli/batch-pool.ts) and this process never decodes, parses or encodes a line: it pipes
 * each block's bytes to a worker and writes the worker's result bytes back in order.
 * Memory stays flat however long the file: a block is read only when a worker has room
 * and the results written are no more than a few blocks behind, and stdout's
 * back-pressure is awaited.
 * Progress goes to stderr when it is a terminal.
 */
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';
import { BLOCK, MAX_LINE, evaluateBlock, oversizedLine } from './batch-line.js';
import { runPool } from './batch-pool.js';
import { CliError, whyUnreadable } from './io.js';

/** Writes one block to stdout, waiting when its buffer is full. */
function write(bytes: Uint8Array): Promise<void> {
  return new Promise((done) => { if (process.stdout.write(bytes)) done(); else process.stdout.once('drain', done); });
}

/**
 * A block of whole lines, as the read buffers (or views of them) that hold it; or, with
 * `oversized`, a line longer than MAX_LINE that was skipped (its length in bytes), which
 * is answered by an error line in its place.
 */
export interface Block { parts: Uint8Array[]; oversized?: number }

/**
 * Blocks of whole lines (at least `size` bytes, cut after a newline; the last one may
 * lack its newline). UTF-8 never has a newline byte inside a character, so cutting bytes
 * at 0x0A never splits one. Nothing is copied: a read buffer shared by two blocks is
 * split into two views. A line grows past a block until its newline comes, but not past
 * `maxLine` bytes: then the whole lines before it go out, its bytes are dropped as they
 * come until its newline, and an `oversized` block stands in its place, so a file with
 * no newline (or a hostile one) never holds more than `maxLine` bytes in memory.
 */
export async function* lineBlocks(stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, size: number, maxLine = MAX_LINE): AsyncGenerator<Block> {
  let parts: Uint8Array[] = [], length = 0;
  // bytes of the unfinished last line in `parts`; of a line being skipped (0: none)
  let partial = 0, skipping = 0;
  /** Takes one piece; only its first line can pass maxLine (the caller splits pieces where more could). */
  function* take(piece: Uint8Array): Generator<Block> {
    if (skipping) {
      const nl = piece.indexOf(10);
      if (nl < 0) { skipping += piece.length; return; }
      yield { parts: [], oversized: skipping + nl };
      skipping = 0;
      piece = piece.subarray(nl + 1);
      if (!piece.length) return;
    }
    const first = piece.indexOf(10);
    const line = partial + (first < 0 ? piece.length : first);
    if (line > maxLine) {
      // the whole lines before the long one go out; the long one is dropped
      const whole = cutBeforeLine(parts, partial);
      if (whole.length) yield { parts: whole };
      parts = [];
      length = partial = 0;
      if (first < 0) { skipping = line; return; }
      yield { parts: [], oversized: line };
      piece = piece.subarray(first + 1);
      if (!piece.length) return;
    }
    const nl = piece.lastIndexOf(10);
    partial = nl < 0 ? partial + piece.length : piece.length - nl - 1;
    parts.push(piece);
    length += piece.length;
    if (length < size || nl < 0) return; // a line longer than a block grows until its newline comes
    const tail = nl + 1 < piece.length ? piece.subarray(nl + 1) : undefined;
    parts[parts.length - 1] = piece.subarray(0, nl + 1);
    yield { parts };
    parts = tail ? [tail] : [];
    length = tail?.length ?? 0;
  }
  for await (const piece of stream) {
    if (!skipping && partial + piece.length <= maxLine) { yield* take(piece); continue; }
    // a line may pass the limit in this piece: one line at a time
    for (let at = 0; at < piece.length;) {
      const nl = piece.indexOf(10, at);
      const end = nl < 0 ? piece.length : nl + 1;
      yield* take(piece.subarray(at, end));
      at = end;
    }
  }
  if (skipping) yield { parts: [], oversized: skipping };
  else if (length) yield { parts };
}

/** The parts of `parts` without their last `partial` bytes (an unfinished line), as views. */
function cutBeforeLine(parts: Uint8Array[], partial: number): Uint8Array[] {
  const out = [...parts];
  while (partial > 0 && out.length) {
    const last = out.pop()!;
    if (last.length > partial) { out.push(last.subarray(0, last.length - partial)); break; }
    partial -= last.length;
  }
  return out;
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
    if (path !== '-') {
      // a folder or an unreadable file would only fail once reading starts, as an internal error
      if (statSync(path).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      accessSync(path, constants.R_OK);
    }
    stream = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: BLOCK });
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${whyUnreadable(e)}`);
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
      if (block.oversized !== undefined) { count++; await write(oversizedLine(block.oversized)); continue; }
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
