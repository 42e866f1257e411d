/**
 * Whether two artifacts compiled in this process are the same program for evaluation, so
 * `loadCompiled` (load.ts) can hand back what it prepared for the first: on a keystroke that
 * only adds a comment or moves text, the incremental compiler (compiler/incremental.ts)
 * returns the very same definition and output objects, and only the source hash differs.
 * Definitions and outputs are compared by identity, and the few that are new objects (an
 * edit inside a declaration checks it again) by their JSON text; more than a few new ones
 * count as a different program (comparing them all would cost what it saves). Everything
 * else but the source hash is compared by its JSON text.
 */
import type { Artifact } from './ir.js';
import type { CodecEnv } from './values/codec.js';

/**
 * The artifact's parts other than definitions, outputs and source hash, as one text. Made
 * once per artifact object (its input schema makes it ~0.4 ms on partner-intl, and a
 * keystroke's load and its re-run both ask): like everything compiled in this process that
 * `loadCompiled` and the re-run take, the artifact is never changed once made.
 */
export function shapeOf(a: Artifact): string {
  const known = shapes.get(a);
  if (known !== undefined) return known;
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(a).sort()) if (key !== 'definitions' && key !== 'outputs' && key !== 'sourceHash') rest[key] = (a as unknown as Record<string, unknown>)[key];
  const shape = JSON.stringify(rest);
  shapes.set(a, shape);
  return shape;
}
const shapes = new WeakMap<Artifact, string>();

/** How many shapes keep their codec settings (see sharedCodec). */
const CODECS = 4;
/** The codec settings of the shapes met last, the most recent first. */
const codecs: { shape: string; codec: CodecEnv }[] = [];

/**
 * The codec settings of an artifact (`make` builds them): one object for every artifact of
 * one shape whose shape was asked for (loadCompiled asks, on every keystroke), a new one
 * otherwise. The settings are read from the parts the shape holds (records, enums, the
 * program's zone and rounding), so artifacts of one shape have equal settings; sharing the
 * object lets what is built from it and the artifact's other shape parts (input decoders,
 * output and explanation encoders: new functions each, load.ts and eval/calls.ts) be
 * reused across a value edit instead of being made anew, cold, for each program.
 */
export function sharedCodec(a: Artifact, make: () => CodecEnv): CodecEnv {
  const shape = shapes.get(a);
  if (shape === undefined) return make();
  const at = codecs.findIndex((c) => c.shape === shape);
  if (at >= 0) {
    const hit = codecs[at]!;
    if (at > 0) { codecs.splice(at, 1); codecs.unshift(hit); }
    return hit.codec;
  }
  const codec = make();
  codecs.unshift({ shape, codec });
  if (codecs.length > CODECS) codecs.pop();
  return codec;
}

/** New definition or output objects compared by text before the programs count as different. */
const MAX_COMPARED = 4;

/** True when `b` has the same definitions and outputs as `a`, in the same order. */
export function sameParts(a: Artifact, b: Artifact): boolean {
  if (a.definitions.length !== b.definitions.length || a.outputs.length !== b.outputs.length) return false;
  let compared = 0;
  const same = (x: unknown, y: unknown) => x === y || (++compared <= MAX_COMPARED && JSON.stringify(x) === JSON.stringify(y));
  for (let i = 0; i < a.definitions.length; i++) if (!same(a.definitions[i], b.definitions[i])) return false;
  for (let i = 0; i < a.outputs.length; i++) if (!same(a.outputs[i], b.outputs[i])) return false;
  return true;
}
