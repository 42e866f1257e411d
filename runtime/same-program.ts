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

/** The artifact's parts other than definitions, outputs and source hash, as one text. */
export function shapeOf(a: Artifact): string {
  const rest: Record<string, unknown> = {};
  for (const key of Object.keys(a).sort()) if (key !== 'definitions' && key !== 'outputs' && key !== 'sourceHash') rest[key] = (a as unknown as Record<string, unknown>)[key];
  return JSON.stringify(rest);
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
