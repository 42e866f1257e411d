/**
 * `npm run test:browser`: builds the playground, reports the bundle size, runs the
 * browser tests and measures the edit loop on the largest program. Exits non-zero on
 * any failure; the last line is "N passed, N failed". SKIP_BUILD=1 tests the existing
 * build; BROWSER_TEST_FILTER=<regexp> runs only the tests whose names match.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test, assert, runAll, ROOT } from './harness.js';
import { buildPlayground, measureBundle, kib, DIST } from './bundle-size.js';
import { measureLatency } from './latency.js';
import { waitForResults } from './page-helpers.js';
import './language-features.test.js';
import './playground.test.js';
import './robustness.test.js';
import './layout.test.js';
import './share.test.js';
import './input-form.test.js';
import './scenarios.test.js';
import './quick-fixes.test.js';
import './edges.test.js';

/** The largest .rules file the playground offers, by size. */
function largestProgram(): string {
  const files = [
    ...readdirSync(join(ROOT, 'programs')).filter((f) => f.endsWith('.rules')).map((f) => join(ROOT, 'programs', f)),
    ...readdirSync(join(ROOT, 'playground/fixtures')).filter((f) => f.endsWith('.rules')).map((f) => join(ROOT, 'playground/fixtures', f)),
  ];
  files.sort((a, b) => statSync(b).size - statSync(a).size);
  return files[0]!.replace(/^.*\//, '').replace(/\.rules$/, '');
}

test('latency: keystroke to diagnostics and to scenario results on the largest program (60 edits in a comment, 60 in the code)', async ({ open }) => {
  const program = largestProgram();
  const { page, context } = await open(`?program=${program}`);
  await waitForResults(page);
  for (const edit of ['comment', 'code'] as const) {
    const r = await measureLatency(page, program, 60, edit);
    console.log(`    program ${r.program} (${r.scenarios} scenarios), ${r.edits} edits ${edit === 'comment' ? 'in a comment (the scenario results are reused)' : 'of a value moving through the code (the outputs each edit can reach run again)'}`);
    console.log(`    keystroke -> diagnostics:      median ${r.diagnostics.median} ms, p95 ${r.diagnostics.p95} ms (n=${r.diagnostics.n})`);
    console.log(`    keystroke -> results in view:  median ${r.results.median} ms, p95 ${r.results.p95} ms (n=${r.results.n}) (the selected scenario's result and the list rows in view)`);
    console.log(`    keystroke -> every result:     median ${r.all.median} ms, p95 ${r.all.p95} ms (n=${r.all.n}) (rows out of view, the counts of passed and failed)`);
    console.log(`    (in the worker: compile + load median ${r.compile.median} ms, p95 ${r.compile.p95} ms; running every scenario median ${r.run.median} ms, p95 ${r.run.p95} ms)`);
    console.log(`    steps to the results in view (median / p95 ms): ${r.steps.map((s) => `${s.step} ${s.median} / ${s.p95}`).join('; ')}`);
    assert(r.diagnostics.n >= 50 && r.results.n >= 50, 'fewer than 50 measured edits');
  }
  await context.close();
});

try {
  const t0 = Date.now();
  if (process.env.SKIP_BUILD) console.log('SKIP_BUILD: testing the existing playground/dist');
  else {
    await buildPlayground();
    console.log(`built the playground in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  const size = measureBundle(DIST);
  console.log(`bundle (gzip -9): total ${kib(size.total)}; without Monaco ${kib(size.app)}; Monaco ${kib(size.monaco)}`);
  for (const a of size.assets.sort((x, y) => y.gzip - x.gzip)) {
    console.log(`    ${a.file.padEnd(44)} ${kib(a.bytes).padStart(11)} raw ${kib(a.gzip).padStart(10)} gzip${a.monaco ? '  (Monaco)' : ''}`);
  }
  process.exitCode = await runAll(DIST);
} catch (err) {
  // a failed build or a missing browser still ends with the summary line
  console.log(`✗ the browser tests could not run: ${(err as Error).stack ?? String(err)}`);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
}
