/**
 * `rulebook eval --explain` prints the explanation as readable text (summary first, then
 * the full tree); with --json the same content as one JSON document; without --explain,
 * the outputs as JSON.
 */
import { describe, it, expect } from 'vitest';
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
