/**
 * Runs the real `rulebook` binary (node cli/bin.mjs) in a child process, the way a
 * user or a CI job does, and returns its exit code and output.
 */
import { spawn, spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs with it as working directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface CliRun { status: number | null; stdout: string; stderr: string }

/** Runs the CLI synchronously with extra environment variables (e.g. TZ). */
export function runCliSync(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, ['cli/bin.mjs', ...args], {
    cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the CLI asynchronously (several at once keep the suite fast). */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['cli/bin.mjs', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
    child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** Runs jobs with at most `limit` in flight; results keep the jobs' order. */
export async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** The lines of a stream's text, without the final empty one. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);
}

/**
 * Runs the CLI's `main` in this process, capturing what it writes. Much cheaper than a
 * child process (the compiler's parser is built once), and the same code path except
 * for bin.mjs, which only sets process.exitCode from main's result; the binary itself
 * is exercised by a sample of the same cases.
 */
export async function runCliInProcess(args: string[]): Promise<CliRun> {
  // worker threads cannot chdir; vitest runs from the repository root
  if (process.cwd() !== ROOT) throw new Error(`run the tests from ${ROOT}, not ${process.cwd()}`);
  const { main } = await import('../../cli/main.js');
  let stdout = '', stderr = '';
  const realOut = process.stdout.write, realErr = process.stderr.write;
  const capture = (sink: (s: string) => void) => ((chunk: string | Uint8Array) => { sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')); return true; }) as typeof process.stdout.write;
  process.stdout.write = capture((s) => { stdout += s; });
  process.stderr.write = capture((s) => { stderr += s; });
  try {
    const status = await main(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
  }
}
