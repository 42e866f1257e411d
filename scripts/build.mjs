#!/usr/bin/env node
/**
 * `npm run build`: the shipped package. esbuild transpiles each TypeScript source to an
 * ES module under dist/ (`rulebook/runtime`, dist/runtime/index.js, is then replaced by a
 * bundle of the runtime's own files: it must load nothing of the compiler and little from
 * disk), tsc writes the declaration files next to them. Runs from `prepare` and `prepack`,
 * so a fresh clone (`npm ci`), a git dependency and `npm pack` all get a built package.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { distIsFresh, packageSources } from '../cli/dist-fresh.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const dist = join(ROOT, 'dist');
// prepare and prepack pass --if-stale: `npm pack` runs both, and `npm install` in a
// checkout need not rebuild what is current; `npm run build` always builds
if (process.argv.includes('--if-stale') && distIsFresh(ROOT)) process.exit(0);
rmSync(dist, { recursive: true, force: true });
const entryPoints = packageSources(ROOT);
await build({
  entryPoints, outdir: dist, outbase: ROOT, format: 'esm', platform: 'node', target: 'node20',
  bundle: false, logLevel: 'warning',
});
// Chevrotain's package entry is some 300 ES modules (its sources and lodash-es), which
// take about 0.3 s to load; its own prebuilt single-file bundle loads in 15 ms. Its
// exports map does not expose that file, so the build copies it (with its licence) next
// to the code and points the two modules that use chevrotain at it. The declaration
// files keep importing types from 'chevrotain', which stays a dependency.
const require = createRequire(import.meta.url);
const chevrotainLib = join(dirname(require.resolve('chevrotain')), '..');
const vendor = join(dist, 'vendor');
mkdirSync(vendor, { recursive: true });
copyFileSync(join(chevrotainLib, 'chevrotain.min.mjs'), join(vendor, 'chevrotain.min.mjs'));
copyFileSync(join(chevrotainLib, '..', 'LICENSE.txt'), join(vendor, 'chevrotain.LICENSE.txt'));
for (const source of entryPoints) {
  const file = join(dist, relative(ROOT, source)).replace(/\.ts$/, '.js');
  const code = readFileSync(file, 'utf8');
  if (!/from\s*["']chevrotain["']/.test(code)) continue;
  const target = relative(dirname(file), join(vendor, 'chevrotain.min.mjs')).split('\\').join('/');
  writeFileSync(file, code.replace(/from\s*["']chevrotain["']/g, `from "./${target}"`.replace('"./../', '"../')));
}
// declarations: tsc checks the sources too, so a type error fails the build
const tsc = require.resolve('typescript/bin/tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
} catch {
  console.error('build failed: tsc found the type errors above (dist/ is left incomplete)');
  process.exit(1);
}
// rulebook/runtime as one module: a fresh process that loads an artifact and evaluates
// (a job step, a cold lambda) spent some 30 ms of CPU resolving, reading and linking the
// runtime's ~56 ES modules one by one. The bundle keeps its packages (decimal.js, luxon,
// and ajv required on first use) as imports, so an application shares them. The other
// dist/runtime/*.js files stay for the compiler and the CLI, which import them directly.
{
  const entry = join(dist, 'runtime', 'index.js');
  const bundled = await build({ entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning' });
  writeFileSync(entry, bundled.outputFiles[0].text);
}
// the `rulebook` command as one bundle (and a chunk per command, loaded when it runs):
// a `rulebook check` process spent some 90 ms of its ~0.9 s resolving, reading and
// linking the ~150 modules of the compiler, runtime and CLI one by one. The entries are
// the command (cli/bin.mjs loads it) and the batch worker (cli/batch-pool.ts starts it
// by its path next to the code that starts it). It sits at the same depth as dist/server/,
// so the server still finds package.json two folders up. The modules under dist/cli/
// and dist/server/ are the bundle's input; nothing loads them at run time.
await build({
  entryPoints: [join(dist, 'cli', 'main.js'), join(dist, 'cli', 'batch-worker.js')], outdir: join(dist, 'cli-bundle'),
  bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', packages: 'external', logLevel: 'warning',
});
// cli/bin.mjs compares this stamp with the sources to decide whether dist/ is current
writeFileSync(join(dist, '.built'), `${new Date().toISOString()}\n`);
// stderr: `npm pack --json` prints its report on stdout after running this
console.error(`built ${entryPoints.length} modules into dist/`);
