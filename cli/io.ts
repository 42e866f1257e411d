/** Small file and console helpers of the CLI. */
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { oneLine, printable } from '../runtime/printable.js';

/** Thrown for bad usage or unreadable input; main() prints it and exits with `exitCode`. */
export class CliError extends Error {
  /**
   * `message` is printed as one line (a line break in a file name or an argument it quotes
   * shows as \\n, so it cannot start a line of its own); `after`, text of our own such as
   * the help, follows it as it is.
   */
  constructor(message: string, public readonly exitCode: 1 | 2 = 2, public readonly after?: string) { super(message); }
}

/** Reads a whole text file (`-`: stdin); a file that cannot be read is a CliError saying why. */
export function readText(path: string): string {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${path}: ${whyUnreadable(e)}`);
  }
}

/** Writes a whole text file; a file that cannot be written is a CliError saying why (no stack trace). */
export function writeText(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new CliError(`cannot write ${path}: ${code === 'ENOENT' ? 'its folder does not exist' : whyUnreadable(e)}`);
  }
}

/** Why a file could not be read, in words (Node's error codes, not its messages, which name syscalls). */
export function whyUnreadable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a folder, not a file';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ERR_STRING_TOO_LONG': case 'ERR_FS_FILE_TOO_LARGE':
      return 'it is too large to read as one text (the limit is about 512 MB); for many inputs use --batch with one JSON value per line';
    default: return (e as Error)?.message ?? String(e);
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

/** Output as text: control characters (but the line feed and tab) and bidi controls as escapes. */
export const out = (s: string) => process.stdout.write(`${printable(s)}\n`);
/** One line to stderr (an error message): line breaks in what it quotes are written as \\n. */
export const err = (s: string) => process.stderr.write(`${oneLine(s)}\n`);
/** Text of several lines to stderr (a diagnostic with its source excerpt, the help, a stack). */
export const errText = (s: string) => process.stderr.write(`${printable(s)}\n`);
