/**
 * The byte frames between `rulebook eval --batch --workers N` and its worker processes,
 * over the workers' stdin and stdout pipes: an 8-byte head (body length, then a number:
 * the count of result lines from a worker, 0 from the main process) and the body. Blocks
 * of input lines go one way, blocks of result lines come back, in the order sent.
 */
import type { Writable } from 'node:stream';

/** One frame read back: its number and its body. */
export interface Frame { tag: number; body: Buffer }

/**
 * Writes one frame (the body may come in parts); `written` runs once the stream has
 * taken the body, when its bytes may be reused. Returns false when the stream's buffer
 * is full (wait for 'drain').
 */
export function writeFrame(to: Writable, tag: number, body: Uint8Array | Uint8Array[], written?: () => void): boolean {
  const parts = Array.isArray(body) ? body : [body];
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32LE(parts.reduce((n, p) => n + p.length, 0), 0);
  head.writeUInt32LE(tag, 4);
  to.write(head);
  let room = true;
  parts.forEach((p, i) => { room = to.write(p, i === parts.length - 1 && written ? (e?: Error | null) => { if (!e) written(); } : undefined); });
  if (!parts.length && written) written();
  return room;
}

/**
 * The frames of a byte stream, as they complete. A body inside one read chunk is a view
 * of it (no copy); one spread over several chunks is copied once. A stream that ends
 * inside a frame is an error: the writer died mid-frame.
 */
export async function* readFrames(from: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Frame> {
  const chunks: Buffer[] = [];
  let have = 0, need = -1, tag = 0;
  const take = (n: number): Buffer => {
    if (n === 0) return Buffer.alloc(0); // an empty body (a block of blank lines) may follow the last chunk
    have -= n;
    const first = chunks[0]!;
    if (first.length > n) { chunks[0] = first.subarray(n); return first.subarray(0, n); }
    if (first.length === n) { chunks.shift(); return first; }
    const out = Buffer.allocUnsafeSlow(n);
    for (let at = 0; at < n;) {
      const c = chunks[0]!, k = Math.min(c.length, n - at);
      c.copy(out, at, 0, k);
      at += k;
      if (k === c.length) chunks.shift(); else chunks[0] = c.subarray(k);
    }
    return out;
  };
  for await (const chunk of from) {
    chunks.push(chunk);
    have += chunk.length;
    for (;;) {
      if (need < 0) {
        if (have < 8) break;
        const head = take(8);
        need = head.readUInt32LE(0);
        tag = head.readUInt32LE(4);
      }
      if (have < need) break;
      const body = take(need);
      need = -1;
      yield { tag, body };
    }
  }
  if (have || need >= 0) throw new Error('the stream ended inside a frame');
}
