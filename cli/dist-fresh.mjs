/**
 * Whether dist/ holds a build of the current sources. Used in a source checkout only:
 * by cli/bin.mjs (to run the sources through tsx rather than a stale build), by the build
 * script (which folders it compiles) and by the package test. An installed package has
 * no sources and never loads this file.
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The folders that make up the package; tests, bench and playground stay out. */
export const SOURCE_DIRS = ['language', 'compiler', 'runtime', 'edges', 'analysis', 'cli', 'server'];

/** Every .ts source of the package under `root` (index.ts and SOURCE_DIRS). */
export function packageSources(root) {
  const walk = (dir) => {
    let entries;
    try { entries = readdirSync(dir); } catch { return []; }
    return entries.flatMap((e) => {
      const p = join(dir, e);
      return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
    });
  };
  return [join(root, 'index.ts'), ...SOURCE_DIRS.flatMap((d) => walk(join(root, d)))];
}

/**
 * True when dist/.built (written last by the build) is newer than every source file and
 * every source folder below the root (a folder's time changes when a file in it is added
 * or removed).
 */
export function distIsFresh(root) {
  let built;
  try { built = statSync(join(root, 'dist', '.built')).mtimeMs; } catch { return false; }
  const sources = packageSources(root);
  // the root itself is left out: its only source is index.ts, and its time changes with
  // every file made beside it (screenshots/ by the browser tests, logs), which would send
  // every later command through tsx
  const folders = new Set(sources.map((p) => dirname(p)).filter((d) => d !== resolve(root)));
  return [...sources, ...folders].every((p) => statSync(p).mtimeMs <= built);
}
