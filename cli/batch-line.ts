/** NDJSON lines of `rulebook eval --batch`: each input evaluated, each result as one JSON line. */
import type { EvaluateOptions, Ruleset } from '../runtime/load.js';

/**
 * Bytes per block of input lines (about a hundred referral-ru inputs): big enough that a
 * message per block costs nothing, small enough that the reorder buffer stays small. The
 * variable is for tests (many tiny blocks put the ordering to work) and tuning, not a
 * user option.
 */
export const BLOCK = Number(process.env.RULEBOOK_BATCH_BLOCK) || 256 * 1024;

/**
 * The longest input line read, in bytes (64 MiB: a partner's history of a hundred
 * thousand events fits many times over). A longer line is answered by an error line
 * (oversizedLine) and never held in memory whole. The variable is for tests.
 */
export const MAX_LINE = Number(process.env.RULEBOOK_BATCH_MAX_LINE) || 64 * 1024 * 1024;

/** The result line (with its newline, as bytes) of a line longer than MAX_LINE, skipped unread. */
export function oversizedLine(bytes: number): Uint8Array {
  const message = `$: the line is ${bytes} bytes long, more than the ${MAX_LINE} a line may have; it was skipped (split the input, or check that the file is NDJSON: one JSON value per line)`;
  return Buffer.from(`${JSON.stringify({ error: { code: 'RB-E-INPUT', message, path: '$' } })}\n`);
}

/**
 * Bytes of input a process evaluates before it lets its event loop run (an eighth of a
 * block: a dozen referral-ru inputs, about a millisecond). Blocks and their results
 * cross the pipes between processes 64 KB at a time, and only while both event loops
 * turn, so a process that evaluated a whole block at once would keep the others waiting.
 */
const SLICE = Math.max(1, Math.floor(BLOCK / 8));

/** Where the slice of `bytes` from `at` ends: a line's end at least SLICE bytes on, or the end. */
export function sliceEnd(bytes: Uint8Array, at: number): number {
  if (bytes.length - at <= SLICE) return bytes.length;
  const nl = bytes.indexOf(10, at + SLICE);
  return nl < 0 ? bytes.length : nl + 1;
}

/** Lets the event loop run once (pending reads and writes of pipes), then goes on. */
export const letIoThrough = (): Promise<void> => new Promise((r) => setImmediate(r));

/**
 * Evaluates one line. A line that is not JSON, or an input the program refuses, gives an
 * error line with its code and path — never an exception — so one bad record never stops a batch.
 */
export function evaluateLine(ruleset: Ruleset, line: string, options: EvaluateOptions): string {
  let input: unknown;
  try {
    // a file saved with a byte order mark starts its first line with U+FEFF, which JSON.parse refuses
    input = JSON.parse(line.charCodeAt(0) === 0xfeff ? line.slice(1) : line);
  } catch (e) {
    return JSON.stringify({ error: { code: 'RB-E-INPUT', message: `$: the line is not valid JSON (${(e as Error).message})`, path: '$' } });
  }
  const r = ruleset.evaluate(input, options);
  if (r.ok) return JSON.stringify({ outputs: r.outputs });
  const { code, message, path } = r.error;
  return JSON.stringify({ error: { code, message, ...(path ? { path } : {}) } });
}

/**
 * Evaluates a block of whole lines (UTF-8 bytes, as read from the file) and returns the
 * result lines as UTF-8 bytes, one per non-blank input line, each ending in a newline.
 * Decoding and encoding happen here (in a worker when there are several), so the thread
 * that reads the file and writes stdout never touches the text.
 *
 * Each line is decoded on its own and each result written straight into a byte buffer:
 * a whole block decoded as one string (or its results joined into one) would exceed
 * V8's regular object size, go to the large-object space and live until the next full
 * collection, so old space would swell by the block size for every block between full
 * collections. Line-sized strings die young in the scavenger. The result owns its
 * ArrayBuffer (never a pool slice), so a worker can transfer it instead of copying it;
 * `reuse` is such a buffer come back after being written.
 */
export function evaluateBlock(ruleset: Ruleset, bytes: Uint8Array, options: EvaluateOptions, reuse?: ArrayBuffer): { out: Uint8Array; count: number } {
  const input = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // a result buffer the main thread has written and handed back, else a new one (results run ~2× the input)
  let out = reuse && reuse.byteLength >= bytes.length ? Buffer.from(reuse) : Buffer.allocUnsafeSlow(Math.max(4096, bytes.length * 2));
  let at = 0, count = 0, start = 0;
  while (start < input.length) {
    let end = input.indexOf(10, start);
    if (end < 0) end = input.length;
    // a CRLF file's lines end in \r; blank lines give no result
    const line = input.toString('utf8', start, end > start && input[end - 1] === 13 ? end - 1 : end);
    start = end + 1;
    if (!line.trim()) continue;
    const result = evaluateLine(ruleset, line, options);
    const need = at + result.length * 3 + 1; // UTF-8 takes at most 3 bytes per UTF-16 unit
    if (need > out.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(need, out.length * 2));
      out.copy(bigger, 0, 0, at);
      out = bigger;
    }
    at += out.write(result, at);
    out[at++] = 10;
    count++;
  }
  return { out: out.subarray(0, at), count };
}
