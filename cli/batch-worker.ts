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
parentPort!.on('message', (job: { seq: number; bytes: Uint8Array }) => {
  const { out, count } = evaluateBlock(ruleset, job.bytes, options);
  parentPort!.postMessage({ seq: job.seq, out, count }, [out.buffer as ArrayBuffer]);
});
