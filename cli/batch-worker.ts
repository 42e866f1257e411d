/**
 * A worker process of `rulebook eval --batch --workers N` (started by cli/batch-pool.ts):
 * reads frames on fd 3, a socket pair with the main process (first the artifact and
 * options as JSON, then blocks of input lines), loads the artifact once, and answers each
 * block with a frame of result lines on the same socket, in the order the blocks came.
 * The socket's end (the main process is done, or gone) ends it.
 *
 * Frames are read as they come, apart from the evaluating, and each block is evaluated
 * in slices with the event loop let through between them: a block crosses the socket a
 * kernel buffer at a time, and only while this process's event loop turns, so the next
 * block arrives while this one is evaluated, and this one's results leave while the next is.
 */
// the runtime's entry (one bundled module in dist/), so each worker starts quickly
import { load, type EvaluateOptions, type Ruleset } from '../runtime/index.js';
import { evaluateBlock, letIoThrough, sliceEnd } from './batch-line.js';
import { readFrames, writeFrame } from './batch-frames.js';
import { Socket } from 'node:net';

/** The socket pair to the main process (cli/batch-pool.ts starts this process with it on fd 3). */
const channel = new Socket({ fd: 3, readable: true, writable: true });
// the main process is gone (its reader closed stdout, or it was stopped): nobody is left
// to answer, so end quietly; the main process reports a worker that ends early itself
channel.on('error', () => process.exit(0));

let ruleset: Ruleset | undefined;
let options: EvaluateOptions = {};
/** Result buffers the socket has taken, for the next slices (a new one per slice is garbage to collect). */
const spares: ArrayBuffer[] = [];
/** Blocks read and not yet evaluated (the main process sends only a few ahead), and the end of input. */
const queue: Buffer[] = [];
let ended = false, wake: (() => void) | undefined;

(async () => {
  for await (const { body } of readFrames(channel)) { queue.push(body); wake?.(); }
  ended = true;
  wake?.();
})().catch((e: Error) => { process.stderr.write(`rulebook batch worker: ${e.message}\n`); process.exit(1); });

for (;;) {
  if (!queue.length) {
    if (ended) break;
    await new Promise<void>((r) => { wake = r; });
    wake = undefined;
    continue;
  }
  const body = queue.shift()!;
  if (!ruleset) {
    const setup = JSON.parse(body.toString('utf8')) as { artifact: unknown; options: EvaluateOptions };
    const loaded = load(setup.artifact);
    // the main process loaded this artifact already, so this cannot happen; say so if it does
    if (!loaded.ok) { process.stderr.write(`rulebook batch worker: ${loaded.error.message}\n`); process.exit(1); }
    ruleset = loaded.ruleset;
    options = setup.options;
    continue;
  }
  const parts: Uint8Array[] = [];
  let count = 0;
  for (let at = 0; at < body.length || !parts.length;) {
    const end = sliceEnd(body, at);
    const r = evaluateBlock(ruleset, body.subarray(at, end), options, spares.pop());
    parts.push(r.out);
    count += r.count;
    at = end;
    if (at < body.length) await letIoThrough();
  }
  if (!writeFrame(channel, count, parts, () => { for (const p of parts) spares.push(p.buffer as ArrayBuffer); })) {
    await new Promise((r) => channel.once('drain', r));
  }
  await letIoThrough();
}
// every answer written: close our side, so the process can end
channel.end();
