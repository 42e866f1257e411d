/**
 * Share links: the program id, the edit as a difference against the shipped program
 * (see share-diff.ts), the selected scenario and the readings, as deflate-compressed
 * JSON in the URL hash (`#s=…`, base64url). Decoding never guesses: a damaged link, an
 * unknown program or a link made for another version of the program is an error that
 * changes nothing.
 */
import type { ProgramEntry } from './programs.js';
import { savedState, type ProgramState } from './state.js';
import { applyLines, applyScenarios, diffLines, diffScenarios, fingerprint, type LineEdit, type ScenarioRef } from './share-diff.js';

/** What a link holds (version 2). */
interface Wire {
  v: 2;
  program: string;
  /** Fingerprint of the shipped source the edit applies to. */
  base: string;
  src?: LineEdit;
  sc?: ScenarioRef[];
  selected: number;
  overrides: Record<string, string>;
}

/** A decoded link: the state to open, or why it cannot be opened. */
export type ShareResult = { ok: true; entry: ProgramEntry; state: ProgramState } | { ok: false; message: string };

const KEY = 's=';

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

/** The hash (without `#`) that restores `state` of `entry`. */
export async function encodeShare(entry: ProgramEntry, state: ProgramState): Promise<string> {
  const wire: Wire = { v: 2, program: entry.id, base: fingerprint(entry.source), selected: state.selected, overrides: state.overrides };
  if (state.source !== entry.source) wire.src = diffLines(entry.source, state.source);
  if (JSON.stringify(state.scenarios) !== JSON.stringify(entry.scenarios)) wire.sc = diffScenarios(entry.scenarios, state.scenarios);
  const json = new TextEncoder().encode(JSON.stringify(wire));
  return KEY + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

const DAMAGED = 'This share link is damaged (perhaps cut off when it was copied), so nothing was opened and your draft is unchanged. Ask for the link again.';

/**
 * The state a hash describes; undefined when the hash is not a share link at all.
 * `find` looks a program up by id.
 */
export async function decodeShare(hash: string, find: (id: string) => ProgramEntry | undefined): Promise<ShareResult | undefined> {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(KEY)) return undefined;
  let w: Partial<Wire> & { source?: unknown; scenarios?: unknown };
  try {
    const bytes = await pipe(fromBase64Url(h.slice(KEY.length)), new DecompressionStream('deflate-raw'));
    w = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, message: DAMAGED };
  }
  if (!w || typeof w !== 'object' || typeof w.program !== 'string') return { ok: false, message: DAMAGED };
  const entry = find(w.program);
  if (!entry) return { ok: false, message: `This share link is for the program “${w.program}”, which this playground does not have; nothing was opened.` };
  const base = savedState(entry);
  let source: string | undefined = base.source, scenarios: ProgramState['scenarios'] | undefined = base.scenarios;
  if (w.v === 2) {
    if (w.base !== fingerprint(entry.source) && (w.src || w.sc)) {
      return { ok: false, message: `This share link was made for another version of “${entry.id}”, so its edit cannot be applied; nothing was opened and your draft is unchanged.` };
    }
    if (w.src) source = applyLines(entry.source, w.src);
    if (w.sc) scenarios = applyScenarios(entry.scenarios, w.sc);
  } else {
    // version 1 links carried the whole source and scenarios
    if (w.source !== undefined) source = typeof w.source === 'string' ? w.source : undefined;
    if (w.scenarios !== undefined) scenarios = Array.isArray(w.scenarios) ? w.scenarios as ProgramState['scenarios'] : undefined;
  }
  if (source === undefined || scenarios === undefined) return { ok: false, message: DAMAGED };
  const overrides = w.overrides && typeof w.overrides === 'object' ? Object.fromEntries(Object.entries(w.overrides).filter(([, x]) => typeof x === 'string')) : {};
  const selected = Number.isInteger(w.selected) ? Math.min(Math.max(w.selected!, scenarios.length ? 0 : -1), scenarios.length - 1) : 0;
  return { ok: true, entry, state: { source, scenarios, overrides, selected } };
}
