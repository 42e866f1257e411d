/**
 * Share links: the program id, the edited source and scenarios (only when they differ
 * from the shipped ones), the selected scenario and the readings, as deflate-compressed
 * JSON in the URL hash (`#s=…`, base64url).
 */
import type { Scenario } from '../../runtime/scenario.js';

/** What a share link restores. */
export interface SharedState {
  program: string;
  source?: string;
  scenarios?: Scenario[];
  selected: number;
  overrides: Record<string, string>;
}

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

/** The hash (without `#`) that restores `state`. */
export async function encodeShare(state: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(state));
  return KEY + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** The state in a hash, or undefined when the hash is not a share link or is damaged. */
export async function decodeShare(hash: string): Promise<SharedState | undefined> {
  const h = hash.replace(/^#/, '');
  if (!h.startsWith(KEY)) return undefined;
  try {
    const bytes = await pipe(fromBase64Url(h.slice(KEY.length)), new DecompressionStream('deflate-raw'));
    const s = JSON.parse(new TextDecoder().decode(bytes)) as SharedState;
    if (typeof s.program !== 'string') return undefined;
    return { program: s.program, source: s.source, scenarios: s.scenarios, selected: s.selected ?? 0, overrides: s.overrides ?? {} };
  } catch {
    return undefined;
  }
}
