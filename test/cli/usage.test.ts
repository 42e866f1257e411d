/**
 * Bad usage of the `rulebook` command: exit code 2 and a message, never a stack
 * trace; `rulebook` alone prints the help and succeeds.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { ROOT, pool, runCli, runCliInProcess, type CliRun } from './run-cli.js';

const PROGRAM = 'test/fixtures/runtime/boundary.rules';
const INPUT = 'test/fixtures/runtime/boundary.input.json';

interface UsageCase { name: string; args: string[]; status: number; stderr: RegExp; stdout?: RegExp }

describe('rulebook usage', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rulebook-usage-'));
  const source = readFileSync(join(ROOT, 'test/fixtures/runtime/kyiv-orders.rules'), 'utf8');
  const artifact = compile(source).artifact!;
  const artifactPath = join(dir, 'kyiv.json');
  const v99Path = join(dir, 'kyiv-v99.json');
  const brokenPath = join(dir, 'broken.json');
  writeFileSync(artifactPath, JSON.stringify(artifact));
  writeFileSync(v99Path, JSON.stringify({ ...artifact, version: 99 }));
  writeFileSync(brokenPath, '{"format": "rulebook-artifact", ');

  const CASES: UsageCase[] = [
    { name: 'rulebook alone prints the help', args: [], status: 0, stderr: /^$/, stdout: /Usage:[\s\S]*rulebook eval[\s\S]*Exit codes/ },
    { name: 'rulebook --help prints the help', args: ['--help'], status: 0, stderr: /^$/, stdout: /Usage:/ },
    { name: 'an unknown command', args: ['frobnicate'], status: 2, stderr: /^error: unknown command frobnicate\n/ },
    { name: 'eval without arguments', args: ['eval'], status: 2, stderr: /^error: expected exactly one program/ },
    { name: 'eval without --input', args: ['eval', PROGRAM], status: 2, stderr: /^error: eval needs --input/ },
    { name: 'eval with --input and no value', args: ['eval', PROGRAM, '--input'], status: 2, stderr: /^error: --input needs a value/ },
    { name: 'eval with an unknown option', args: ['eval', PROGRAM, '--input', INPUT, '--frobnicate'], status: 2, stderr: /^error: unknown option --frobnicate/ },
    { name: 'eval with a missing input file', args: ['eval', PROGRAM, '--input', 'test/fixtures/runtime/no-such-input.json'], status: 2, stderr: /^error: cannot read test\/fixtures\/runtime\/no-such-input\.json/ },
    { name: 'eval with a missing program file', args: ['eval', 'test/fixtures/runtime/no-such.rules', '--input', INPUT], status: 2, stderr: /^error: cannot read test\/fixtures\/runtime\/no-such\.rules/ },
    { name: 'eval with two programs', args: ['eval', PROGRAM, PROGRAM, '--input', INPUT], status: 2, stderr: /^error: expected exactly one program/ },
    { name: 'eval with a malformed --as-of', args: ['eval', PROGRAM, '--input', INPUT, '--as-of', 'yesterday'], status: 2, stderr: /^error RB-E-INPUT: The evaluation instant "yesterday"/ },
    { name: 'eval with an unknown reading', args: ['eval', PROGRAM, '--input', INPUT, '--reading', 'selector=x'], status: 2, stderr: /^error RB-E-READING: .*"selector"/ },
    { name: 'eval with a malformed --reading', args: ['eval', PROGRAM, '--input', INPUT, '--reading', 'selector'], status: 2, stderr: /^error: --reading takes name=option/ },
    { name: 'eval of an artifact of another version', args: ['eval', v99Path, '--input', 'test/fixtures/runtime/kyiv-orders.input.json'], status: 1, stderr: /RB-E-VERSION: .*version 99/ },
    { name: 'eval of an artifact that is not JSON', args: ['eval', brokenPath, '--input', 'test/fixtures/runtime/kyiv-orders.input.json'], status: 2, stderr: /not valid JSON/ },
    { name: 'eval with a bad --calendar', args: ['eval', PROGRAM, '--input', INPUT, '--calendar', 'ua=wartime'], status: 2, stderr: /^error: --calendar takes ua=martial_law/ },
    // 01.05.2025 is Labour Day: a working day under martial law, a day off in peacetime
    { name: 'eval under the UA martial-law calendar (default)', args: ['eval', 'test/fixtures/runtime/ua-holiday.rules', '--input', 'test/fixtures/runtime/ua-holiday.input.json'], status: 0, stderr: /^$/, stdout: /"due": "2025-05-01"/ },
    { name: 'eval with --calendar ua=peacetime', args: ['eval', 'test/fixtures/runtime/ua-holiday.rules', '--input', 'test/fixtures/runtime/ua-holiday.input.json', '--calendar', 'ua=peacetime'], status: 0, stderr: /^$/, stdout: /"due": "2025-05-02"/ },
    { name: 'eval of a program whose header says calendar UA peacetime', args: ['eval', 'test/fixtures/runtime/ua-holiday-peacetime.rules', '--input', 'test/fixtures/runtime/ua-holiday.input.json'], status: 0, stderr: /^$/, stdout: /"due": "2025-05-02"/ },
    { name: 'eval with --calendar ua=martial_law over a peacetime header', args: ['eval', 'test/fixtures/runtime/ua-holiday-peacetime.rules', '--input', 'test/fixtures/runtime/ua-holiday.input.json', '--calendar', 'ua=martial_law'], status: 0, stderr: /^$/, stdout: /"due": "2025-05-01"/ },
    { name: 'eval with --input given twice', args: ['eval', PROGRAM, '--input', INPUT, '--input', INPUT], status: 2, stderr: /^error: --input is given twice; give it once\n$/ },
    { name: 'compile -o into a folder that does not exist', args: ['compile', PROGRAM, '-o', join(dir, 'no-such-folder', 'x.json')], status: 2, stderr: /^error: cannot write .*x\.json: its folder does not exist\n$/ },
    { name: 'compile -o onto a folder', args: ['compile', PROGRAM, '-o', dir], status: 2, stderr: /^error: cannot write .*: it is a folder, not a file\n$/ },
    { name: 'eval of a compiled artifact', args: ['eval', artifactPath, '--input', 'test/fixtures/runtime/kyiv-orders.input.json'], status: 0, stderr: /^$/, stdout: /"counted_total": "40216.63 UAH"/ },
  ];

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const check = (c: UsageCase, r: CliRun) => {
    expect(r.stderr).toMatch(c.stderr);
    expect(r.status, r.stderr).toBe(c.status);
    if (c.stdout) expect(r.stdout).toMatch(c.stdout);
    else expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stderr).not.toMatch(/internal error/);
  };

  it.each(CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    check(CASES[i]!, await runCliInProcess(CASES[i]!.args));
  });

  describe('through the binary (node cli/bin.mjs)', () => {
    const names = ['rulebook alone prints the help', 'an unknown command', 'eval without arguments', 'eval with a missing input file', 'eval of an artifact of another version'];
    const picked = names.map((name) => CASES.find((c) => c.name === name)!);
    let results: CliRun[] = [];
    beforeAll(async () => {
      results = await pool(picked.map((c) => () => runCli(c.args)), Math.max(2, Math.min(4, availableParallelism())));
    }, 600_000);

    it.each(names.map((name, k) => [name, k] as const))('%s', (_name, k) => {
      check(picked[k]!, results[k]!);
    });
  });
});
