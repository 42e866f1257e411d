/**
 * `rulebook eval --explain` prints the explanation as readable text (summary first, then
 * the full tree); with --json the same content as one JSON document; without --explain,
 * the outputs as JSON.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCliInProcess } from './run-cli.js';

const ARGS = ['eval', 'test/fixtures/runtime/ua-holiday.rules', '--input', 'test/fixtures/runtime/ua-holiday.input.json'];

describe('rulebook eval --explain', () => {
  it('prints the summary and the explanation as text', async () => {
    const r = await runCliInProcess([...ARGS, '--explain']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Summary: each output in one sentence\n\ndue = 01\.05\.2025/);
    expect(r.stdout).toMatch(/\n\nExplanation\n\ndue = 01\.05\.2025/);
    expect(r.stdout).toMatch(/readings in force: none declared\n$/);
    expect(() => JSON.parse(r.stdout)).toThrow();
  });

  it('prints outputs, readings, summary, explanation and trace as JSON with --json', async () => {
    const r = await runCliInProcess([...ARGS, '--explain', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.outputs).toEqual({ due: '2025-05-01' });
    expect(doc.summary).toMatch(/^due = 01\.05\.2025/);
    expect(doc.explanation).toMatch(/^due = 01\.05\.2025/);
    expect(doc.trace[0]).toMatchObject({ kind: 'output', name: 'due', value: '2025-05-01' });
  });

  it('prints only the outputs as JSON without --explain', async () => {
    const r = await runCliInProcess(ARGS);
    expect(JSON.parse(r.stdout)).toEqual({ outputs: { due: '2025-05-01' } });
  });
});

describe('rulebook eval with control characters in the input', () => {
  it('prints them as \\u escapes, so a text value cannot drive the terminal; JSON keeps the values', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-esc-'));
    const input = structuredClone((parseYaml(readFileSync('test/sample/every-construct.scenarios.yaml', 'utf8')) as { scenarios: { input: unknown }[] }).scenarios[0]!.input) as { partner: { id: string }; payments: { client: string }[] };
    input.partner.id = 'P\u001b[2J\u001b]0;title\u0007\u202eRED';
    input.payments[0]!.client = 'c\u001b[1A\rFAKE LINE';
    const file = join(dir, 'input.json');
    writeFileSync(file, JSON.stringify(input));
    const args = ['eval', 'test/sample/every-construct.rules', '--input', file, '--as-of', '2025-12-20T12:00:00+03:00', '--explain'];
    const text = await runCliInProcess(args);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('P\\u001b[2J\\u001b]0;title\\u0007\\u202eRED');
    expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    const json = await runCliInProcess([...args, '--json']);
    expect(json.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(input.partner.id).slice(1, -1));
    rmSync(dir, { recursive: true, force: true });
  });
});
