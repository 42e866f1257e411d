/**
 * `rulebook eval --batch`: one result line per input line in input order (with one worker,
 * in the CLI's own process, or two worker processes alike), an unreadable or refused line
 * is an error line with its code and path and the batch goes on, and `--output` keeps only
 * the outputs asked for.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { runCli, ROOT } from './run-cli.js';

const PROGRAM = 'programs/referral-ru.rules';
const AS_OF = '2025-10-10T12:00:00+03:00';
const scenarios = (parseYaml(readFileSync(join(ROOT, 'programs/referral-ru.scenarios.yaml'), 'utf8')) as { scenarios: { input: unknown }[] }).scenarios;
const ruleset = (load(compile(readFileSync(join(ROOT, PROGRAM), 'utf8')).artifact) as { ok: true; ruleset: Ruleset }).ruleset;

/** 600 lines (more than two chunks of 256, so workers answer out of order): scenarios, bad JSON, refused inputs. */
const lines: string[] = Array.from({ length: 600 }, (_, i) => (i % 50 === 7 ? '{"broken' : i % 50 === 9 ? JSON.stringify({ nope: 1 }) : JSON.stringify(scenarios[i % scenarios.length]!.input)));
const dir = mkdtempSync(join(tmpdir(), 'rb-batch-'));
const file = join(dir, 'in.ndjson');
writeFileSync(file, `${lines.join('\n')}\n`);

/** What each line must give: the library's own result for that input. */
function expected(line: string, outputs?: string[]): unknown {
  let input: unknown;
  try { input = JSON.parse(line); } catch { return { error: { code: 'RB-E-INPUT', path: '$' } }; }
  const r = ruleset.evaluate(input, { asOf: AS_OF, ...(outputs ? { outputs } : {}) });
  return r.ok ? { outputs: r.outputs } : { error: { code: r.error.code, path: r.error.path } };
}

describe('rulebook eval --batch', () => {
  it.each([1, 2])('answers every line in input order with %i worker(s), errors as lines', async (workers) => {
    const r = await runCli(['eval', PROGRAM, '--batch', file, '--workers', String(workers), '--as-of', AS_OF]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const got = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { outputs?: unknown; error?: { code: string; path?: string } });
    expect(got).toHaveLength(lines.length);
    got.forEach((g, i) => {
      const want = expected(lines[i]!) as { error?: unknown };
      if (want.error) expect(g.error, `line ${i + 1}`).toMatchObject(want.error);
      else expect(g, `line ${i + 1}`).toEqual(want);
    });
    expect(got.filter((g) => g.error).length).toBe(24);
  }, 120_000);

  it('reads a file saved with a byte order mark: its first line is the first input', async () => {
    const bom = join(dir, 'bom.ndjson');
    writeFileSync(bom, `\ufeff${lines[0]}\n${lines[1]}\n`);
    const r = await runCli(['eval', PROGRAM, '--batch', bom, '--as-of', AS_OF]);
    expect(r.status, r.stderr).toBe(0);
    const got = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { outputs?: unknown; error?: { code: string; path?: string } });
    expect(got).toEqual([expected(lines[0]!), expected(lines[1]!)]);
    expect(got[0]!.outputs).toBeDefined();
  });

  it('--output keeps only the outputs named', async () => {
    const name = ruleset.artifact.outputs[0]!.name;
    const r = await runCli(['eval', PROGRAM, '--batch', file, '--workers', '2', '--output', name, '--as-of', AS_OF]);
    expect(r.status).toBe(0);
    const first = JSON.parse(r.stdout.split('\n')[0]!) as { outputs: Record<string, unknown> };
    expect(first).toEqual(expected(lines[0]!, [name]));
    expect(Object.keys(first.outputs)).toEqual([name]);
  }, 120_000);

  it('an unknown --output is bad usage, exit 2', async () => {
    const r = await runCli(['eval', PROGRAM, '--batch', file, '--output', 'no_such_output']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no_such_output');
  }, 60_000);
});
