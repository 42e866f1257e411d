/**
 * The fixed-seed fuzzing budget of `npm test` (the long campaign is `npm run fuzz`):
 * grammar-aware generated programs and byte-level mutations of every program in the
 * repository must keep every invariant of test/fuzz/invariants.ts. Failures found by a
 * campaign are kept under test/fuzz/regressions/ and replayed here.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { brokenInvariant } from './invariants.js';
import { program } from './generate.js';
import { mutate, seeded } from './mutate.js';

const PROGRAMS = [
  ...readdirSync('programs').filter((f) => f.endsWith('.rules')).map((f) => `programs/${f}`),
  ...readdirSync('test/sample').filter((f) => f.endsWith('.rules')).map((f) => `test/sample/${f}`),
  ...readdirSync('test/fixtures/runtime').filter((f) => f.endsWith('.rules')).map((f) => `test/fixtures/runtime/${f}`),
];
/** Mutations per program and generated programs per run: about 20 s on the project's machines. */
const MUTATIONS = 40;
const GENERATED = 300;

describe('generated programs', () => {
  it(`${GENERATED} grammar-aware programs keep every invariant`, () => {
    fc.assert(fc.property(program, (src) => { expect(brokenInvariant(src)).toBeUndefined(); }), { seed: 20251130, numRuns: GENERATED });
  });
});

describe('mutated programs', () => {
  it.each(PROGRAMS)(`${MUTATIONS} mutations of %s keep every invariant`, (file) => {
    const source = readFileSync(file, 'utf8');
    const next = seeded(file.length * 7919 + 18);
    for (let i = 0; i < MUTATIONS; i++) {
      const m = mutate(source, next);
      expect(brokenInvariant(m), `mutation ${i} of ${file}`).toBeUndefined();
    }
  });
});

const REGRESSIONS = 'test/fuzz/regressions';
const found = existsSync(REGRESSIONS) ? readdirSync(REGRESSIONS).filter((f) => f.endsWith('.rules')) : [];
describe.skipIf(found.length === 0)('regressions found by fuzz campaigns', () => {
  it.each(found)('%s', (file) => {
    expect(brokenInvariant(readFileSync(`${REGRESSIONS}/${file}`, 'utf8'))).toBeUndefined();
  });
});
