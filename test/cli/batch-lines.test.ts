/**
 * How `rulebook eval --batch` cuts its input (cli/batch.ts lineBlocks): whatever the read
 * pieces, blocks hold whole lines in order, and every line longer than the limit is
 * replaced by a marker with its length, never held whole. Over the CLI, such a line gives
 * an error line in its place with one worker or two.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineBlocks } from '../../cli/batch.js';
import { runCli } from './run-cli.js';

/** The lines of a text as `--batch` reads them: the last may lack its newline. */
const linesOf = (text: string): string[] => (text === '' ? [] : (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n'));

describe('lineBlocks', () => {
  it('gives whole lines in order, a marker for each line over the limit, however the bytes are cut', async () => {
    const line = fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '€', '{', '"'), maxLength: 30 });
    await fc.assert(fc.asyncProperty(
      fc.array(line, { maxLength: 25 }), fc.boolean(), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 40 }),
      async (lines, newlineAtEnd, cuts, size, maxLine) => {
        const text = lines.join('\n') + (newlineAtEnd && lines.length ? '\n' : '');
        const bytes = Buffer.from(text);
        const pieces: Uint8Array[] = [];
        for (let at = 0, i = 0; at < bytes.length; i++) { const n = cuts[i % cuts.length]!; pieces.push(bytes.subarray(at, at + n)); at += n; }
        const got: string[] = [];
        for await (const b of lineBlocks(pieces, size, maxLine)) {
          if (b.oversized !== undefined) { expect(b.parts).toEqual([]); got.push(`<${b.oversized}>`); continue; }
          const block = Buffer.concat(b.parts);
          expect(block.length).toBeGreaterThan(0);
          got.push(...linesOf(block.toString('utf8')));
        }
        const want = linesOf(text).map((l) => (Buffer.byteLength(l) > maxLine ? `<${Buffer.byteLength(l)}>` : l));
        expect(got).toEqual(want);
      }), { numRuns: 3000 });
  });
});

describe('rulebook eval --batch with a line over the limit', () => {
  it.each(['1', '2'])('answers it with an error line in its place (%s worker(s)), and every other line', async (workers) => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-batch-lines-'));
    const file = join(dir, 'in.ndjson');
    const long = `{"a":"${'x'.repeat(5000)}"}`;
    writeFileSync(file, `{"nope":1}\n${long}\n{"nope":2}\n${'y'.repeat(3000)}`);
    const r = await runCli(['eval', 'programs/referral-ru.rules', '--batch', file, '--workers', workers, '--as-of', '2025-10-10T12:00:00+03:00'],
      { RULEBOOK_BATCH_MAX_LINE: '1000', RULEBOOK_BATCH_BLOCK: '256' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { error: { code: string; path: string; message: string } });
    expect(out.map((o) => o.error.path)).toEqual(['$.nope', '$', '$.nope', '$']);
    expect(out[1]!.error).toEqual({ code: 'RB-E-INPUT', path: '$', message: expect.stringContaining(`the line is ${long.length} bytes long, more than the 1000 a line may have`) });
    expect(out[3]!.error.message).toContain('the line is 3000 bytes long');
  }, 120_000);
});
