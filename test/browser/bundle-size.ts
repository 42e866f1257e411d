/**
 * Builds the playground for production and reports its size, gzipped, with and without
 * Monaco (Monaco's code is put in its own chunks by playground/vite.config.ts; its
 * editor and JSON workers and its CSS and icon font count as Monaco).
 */
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.js';

/** The built folder. */
export const DIST = join(ROOT, 'playground/dist');

/** Runs `vite build` with the playground's config (quietly). */
export async function buildPlayground(): Promise<void> {
  await build({ configFile: join(ROOT, 'playground/vite.config.ts'), logLevel: 'warn' });
}

/** One built file with its raw and gzipped size and whether it belongs to Monaco. */
export interface Asset { file: string; bytes: number; gzip: number; monaco: boolean }

const isMonaco = (f: string) => /^(monaco|editor\.worker|json\.worker|codicon)[-.]/.test(f);

/** Sizes of every file in dist. */
export function measureBundle(dir = DIST): { assets: Asset[]; total: number; monaco: number; app: number } {
  const assets: Asset[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) { walk(p); continue; }
      const data = readFileSync(p);
      assets.push({ file: p.slice(dir.length + 1), bytes: data.length, gzip: gzipSync(data, { level: 9 }).length, monaco: isMonaco(f) });
    }
  };
  walk(dir);
  const sum = (xs: Asset[]) => xs.reduce((a, x) => a + x.gzip, 0);
  return { assets, total: sum(assets), monaco: sum(assets.filter((a) => a.monaco)), app: sum(assets.filter((a) => !a.monaco)) };
}

/** "123.4 KiB" */
export function kib(n: number): string {
  return `${(n / 1024).toFixed(1)} KiB`;
}
