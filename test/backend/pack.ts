/**
 * Packs the package with `npm pack` and installs the tarball into a fresh temporary
 * project, the way a backend team would, for the package tests.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from '../../cli/dist-fresh.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface Packed { dir: string; tarball: string; entryCount: number; size: number; files: string[] }

const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });

/**
 * Builds dist/ if it is stale (`npm test` builds first, so usually it is not), packs
 * without scripts (a rebuild would delete dist/ under other tests' feet), installs the
 * tarball with its dependencies into a new project and returns where.
 */
export function packAndInstall(): Packed {
  if (!distIsFresh(ROOT)) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-consumer-'));
  const [report] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT)) as { filename: string; entryCount: number; size: number; files: { path: string }[] }[];
  const tarball = join(dir, report!.filename);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  npm(['install', tarball, '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], dir);
  return { dir, tarball, entryCount: report!.entryCount, size: report!.size, files: report!.files.map((f) => f.path) };
}
