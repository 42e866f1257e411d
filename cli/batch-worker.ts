/**
 * A worker thread of `rulebook eval --batch --workers N`: loads the artifact once, then
 * evaluates chunks of lines and posts back their result lines, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { load } from '../runtime/load.js';
import type { EvaluateOptions } from '../runtime/load.js';
import { evaluateLine } from './batch-line.js';

const { artifact, options } = workerData as { artifact: unknown; options: EvaluateOptions };
const loaded = load(artifact);
if (!loaded.ok) throw new Error(loaded.error.message); // the main thread loaded it already, so this cannot happen
const ruleset = loaded.ruleset;
parentPort!.on('message', (chunk: { seq: number; lines: string[] }) => {
  parentPort!.postMessage({ seq: chunk.seq, results: chunk.lines.map((l) => evaluateLine(ruleset, l, options)) });
});
