/**
 * The input decoder specialised per program (values/decoder.ts) against the reporting
 * decoder (values/codec.ts): on generated inputs, valid and broken, it gives the same
 * value when the reporting decoder finds no problem, and BAD exactly when it finds one.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { createEnv } from '../../runtime/compile-ir.js';
import { decodeObject, type InputProblem } from '../../runtime/values/codec.js';
import { inputDecoder, BAD } from '../../runtime/values/decoder.js';
import { cases } from './differential-inputs.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FILES = ['programs', 'test/sample'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.rules')).map((f) => `${d}/${f}`));

describe('specialised input decoding', () => {
  it.each(FILES)('%s: same values as the reporting decoder, BAD exactly when it reports a problem', (file) => {
    const artifact = compile(readFileSync(join(ROOT, file), 'utf8')).artifact!;
    const codec = createEnv(artifact).codec;
    const fields = artifact.inputs.map((i) => ({ name: i.name, type: i.type }));
    const fast = inputDecoder(fields, codec);
    let bad = 0;
    fc.assert(fc.property(cases(artifact), (c) => {
      const problems: InputProblem[] = [];
      const reference = decodeObject(c.input, fields, '$', codec, problems);
      const got = fast(c.input);
      if (got === BAD) { bad++; expect(problems.length).toBeGreaterThan(0); } else { expect(problems).toEqual([]); expect(got).toEqual(reference); }
    }), { seed: 20251130, numRuns: 300 });
    expect(bad).toBeGreaterThan(0);
  });
});
