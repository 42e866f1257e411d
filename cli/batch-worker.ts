/**
 * A worker thread of `rulebook eval --batch --workers N`: loads the artifact once, then
 * turns each block of input bytes into a block of result bytes, transferred back (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
// the runtime's entry (one bundled module in dist/), so each worker starts quickly
import { load, type EvaluateOptions } from '../runtime/index.js';
import { evaluateBlock } from './batch-line.js';

const { artifact, options } = workerData as { artifact: unknown; options: EvaluateOptions };
const loaded = load(artifact);
if (!loaded.ok) throw new Error(loaded.error.message); // the main thread loaded it already, so this cannot happen
const ruleset = loaded.ruleset;
/** Result buffers the main thread has written and handed back, for the next blocks. */
const spares: ArrayBuffer[] = [];
parentPort!.on('message', (job: { seq: number; parts: Uint8Array[]; spare?: ArrayBuffer }) => {
  if (job.spare) spares.push(job.spare);
  const bytes = job.parts.length === 1 ? job.parts[0]! : Buffer.concat(job.parts);
  const { out, count } = evaluateBlock(ruleset, bytes, options, spares.pop());
  parentPort!.postMessage({ seq: job.seq, out, count }, [out.buffer as ArrayBuffer]);
});
