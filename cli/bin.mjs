#!/usr/bin/env node
// The `rulebook` command. It runs the compiled JavaScript in dist/ (built by `npm run
// build`, `prepare` and `prepack`), so no TypeScript is transpiled at start-up. In a
// source checkout whose dist/ is missing or older than the sources, it runs the sources
// through tsx (a devDependency) instead, so an edit is never run against a stale build.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
let entry = '../dist/cli-bundle/main.js';
if (existsSync(new URL('./main.ts', import.meta.url))) {
  const { distIsFresh } = await import('./dist-fresh.mjs');
  if (!distIsFresh(root)) {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      entry = './main.ts';
    } catch {
      const built = existsSync(new URL('../dist/cli-bundle/main.js', import.meta.url));
      process.stderr.write(`rulebook: dist/ is ${built ? 'older than the sources' : 'not built'} and tsx is not installed; run npm run build\n`);
      if (!built) process.exit(2);
    }
  }
}
// the reader went away (`rulebook eval --batch … | head`): nothing more can be delivered,
// so stop at once and quietly, as Unix tools do, instead of an unhandled EPIPE's stack
// trace (worker processes see their socket close and end too). Here, once per process:
// main() also runs in-process in the tests, many times over.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(0);
  process.stderr.write(`error: cannot write the output: ${e.message}\n`);
  process.exit(1);
});
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
