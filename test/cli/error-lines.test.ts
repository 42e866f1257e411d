/**
 * An error message of the CLI is one line: a line break or a control character in what it
 * quotes (a file name, an argument, a reading's name) shows as an escape, so it cannot
 * start a line of its own that reads like another message. The help and the source
 * excerpts of diagnostics keep their lines.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliInProcess } from './run-cli.js';

const PROGRAM = 'test/fixtures/runtime/boundary.rules';
const INPUT = 'test/fixtures/runtime/boundary.input.json';
const FORGED = '\nerror: forged\u001b[2K';

describe('error lines of the CLI', () => {
  it.each([
    ['a reading name', ['eval', PROGRAM, '--input', INPUT, '--reading', `x${FORGED}=y`], /^error RB-E-READING: The program has no reading "x\\nerror: forged\\u001b\[2K"/],
    ['a file name', ['eval', `missing${FORGED}.rules`, '--input', INPUT], /^error: cannot read missing\\nerror: forged\\u001b\[2K\.rules/],
    ['an output name', ['eval', PROGRAM, '--input', INPUT, '--output', `x${FORGED}`], /^error: --output x\\nerror: forged\\u001b\[2K: the program has no such output/],
    ['an unknown command, before the help', [`frob${FORGED}`], /^error: unknown command frob\\nerror: forged\\u001b\[2K\n\nrulebook — /],
  ])('quotes %s on one line', async (_what, args, stderr) => {
    const r = await runCliInProcess(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toMatch(/^error: forged/m);
    // eslint-disable-next-line no-control-regex
    expect(r.stderr).not.toMatch(/\u001b/);
  });

  it('keeps the lines of each problem of a scenario file, each on its own line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-errlines-'));
    try {
      const file = join(dir, `s.scenarios.yaml`);
      writeFileSync(file, `program: ${join(process.cwd(), PROGRAM)}\nscenarios:\n  - name: "a${FORGED.replace('\n', '\\n').replace('\u001b', '\\e')}"\n    frobnicate: 1\n  - name: b\n    wobble: 2\n`);
      const r = await runCliInProcess(['test', file]);
      expect(r.status).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.length).toBeGreaterThanOrEqual(2);
      expect(lines[0]).toMatch(/^error: .*s\.scenarios\.yaml: /);
      for (const l of lines.slice(1)) expect(l).toMatch(/s\.scenarios\.yaml: /);
      expect(r.stderr).not.toMatch(/^error: forged/m);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('keeps the source excerpt of a diagnostic on its lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-errlines-'));
    try {
      const file = join(dir, 'bad.rules');
      writeFileSync(file, 'program x\n  zone UTC\noutput a = 1 +\n');
      const r = await runCliInProcess(['check', file]);
      expect(r.status).toBe(1);
      expect(r.stderr.split('\n').slice(0, 3)).toEqual([expect.stringMatching(/bad\.rules:3:15: error RB101: /), '  output a = 1 +', '                ^']);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
