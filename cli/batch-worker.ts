/**
 * A worker process of `rulebook eval --batch --workers N` (started by cli/batch-pool.ts):
 * reads frames on stdin (first the artifact and options as JSON, then blocks of input
 * lines), loads the artifact once, and answers each block with a frame of result lines
 * on stdout, in the order the blocks came. Its stdin ending (the main process is done,
 * or gone) ends it.
 */
// the runtime's entry (one bundled module in dist/), so each worker starts quickly
import { load, type EvaluateOptions, type Ruleset } from '../runtime/index.js';
import { evaluateBlock } from './batch-line.js';
import { readFrames, writeFrame } from './batch-frames.js';

let ruleset: Ruleset | undefined;
let options: EvaluateOptions = {};
/** Result buffers stdout has taken, for the next blocks (a new one per block is garbage to collect). */
const spares: ArrayBuffer[] = [];
for await (const { body } of readFrames(process.stdin)) {
  if (!ruleset) {
    const setup = JSON.parse(body.toString('utf8')) as { artifact: unknown; options: EvaluateOptions };
    const loaded = load(setup.artifact);
    // the main process loaded this artifact already, so this cannot happen; say so if it does
    if (!loaded.ok) { process.stderr.write(`rulebook batch worker: ${loaded.error.message}\n`); process.exit(1); }
    ruleset = loaded.ruleset;
    options = setup.options;
    continue;
  }
  const { out, count } = evaluateBlock(ruleset, body, options, spares.pop());
  if (!writeFrame(process.stdout, count, out, () => spares.push(out.buffer as ArrayBuffer))) {
    await new Promise((r) => process.stdout.once('drain', r));
  }
}
