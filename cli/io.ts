/** Small file and console helpers of the CLI. */
import { readFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Thrown for bad usage or unreadable input; main() prints it and exits with `exitCode`. */
export class CliError extends Error {
  constructor(message: string, public readonly exitCode: 1 | 2 = 2) { super(message); }
}

export function readText(path: string): string {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch {
    throw new CliError(`cannot read ${path}: no such file`);
  }
}

/** Parses JSON, naming where it breaks. */
export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CliError(`$: ${what} is not valid JSON (${(e as Error).message})`);
  }
}

/** All files under `dir` (recursively) whose names end with one of `suffixes`. */
export function findFiles(dir: string, suffixes: string[]): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out.push(...findFiles(p, suffixes));
    else if (suffixes.some((s) => entry.endsWith(s))) out.push(p);
  }
  return out;
}

export const out = (s: string) => process.stdout.write(`${s}\n`);
export const err = (s: string) => process.stderr.write(`${s}\n`);
