/**
 * `npm run fuzz`: a long fuzzing campaign with a time limit (default 5 minutes:
 * `npm run fuzz -- --minutes 30`). It alternates grammar-aware generated programs and
 * mutations of every program in the repository, checks the invariants of invariants.ts,
 * and flags any case whose compile time is far above linear in its size. Each failure
 * is written to test/fuzz/regressions/<hash>.rules (replayed by fuzz.test.ts) with the
 * broken invariant in a comment file beside it. Exit code 1 when anything failed.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { brokenInvariant } from './invariants.js';
import { program } from './generate.js';
import { mutate, seeded } from './mutate.js';

const args = process.argv.slice(2);
const minutes = Number(args[args.indexOf('--minutes') + 1] ?? 5) || 5;
const seed = Number(args[args.indexOf('--seed') + 1] ?? Date.now()) || Date.now();
const deadline = Date.now() + minutes * 60_000;
const OUT = 'test/fuzz/regressions';
/** Milliseconds per character above which a compile counts as super-linear (besides a fixed allowance). */
const MS_PER_CHAR = 0.5, ALLOWANCE_MS = 2000;

const sources = [
  ...readdirSync('programs').filter((f) => f.endsWith('.rules')).map((f) => `programs/${f}`),
  'test/sample/every-construct.rules',
  ...readdirSync('test/fixtures/runtime').filter((f) => f.endsWith('.rules')).map((f) => `test/fixtures/runtime/${f}`),
].map((f) => readFileSync(f, 'utf8'));

const next = seeded(seed);
let cases = 0, failures = 0;
mkdirSync(OUT, { recursive: true });

function record(source: string, problem: string): void {
  failures++;
  const id = createHash('sha1').update(source).digest('hex').slice(0, 12);
  writeFileSync(`${OUT}/${id}.rules`, source);
  writeFileSync(`${OUT}/${id}.txt`, `${problem}\nfound by npm run fuzz, seed ${seed}\n`);
  process.stderr.write(`FAIL ${id}: ${problem}\n`);
}

function run(source: string): void {
  cases++;
  const started = performance.now();
  const problem = brokenInvariant(source);
  const ms = performance.now() - started;
  if (problem) record(source, problem);
  else if (ms > ALLOWANCE_MS + MS_PER_CHAR * source.length) record(source, `took ${Math.round(ms)} ms for ${source.length} characters (super-linear?)`);
}

let batch: string[] = [], round = 0;
while (Date.now() < deadline) {
  // generated programs come in small batches, each from its own derived seed
  if (!batch.length) batch = fc.sample(program, { seed: seed + round++, numRuns: 100 });
  run(batch.pop()!);
  const base = sources[Math.floor(next() * sources.length)]!;
  run(mutate(base, next, 8));
  if (cases % 500 === 0) process.stderr.write(`${cases} cases, ${failures} failures\n`);
}
process.stdout.write(`fuzz campaign: ${cases} cases in ${minutes} min (seed ${seed}), ${failures} failures${failures ? ` written to ${OUT}/` : ''}\n`);
process.exitCode = failures ? 1 : 0;
