import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compile } from '../../compiler/compile.js';
import { load } from '../../runtime/load.js';
import { summarizeTrace, callName, isHelper } from '../../runtime/explain-summary.js';
import { runCliInProcess } from '../cli/run-cli.js';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const source = readFileSync('playground/fixtures/demo-referral.rules', 'utf8');
const input = {
  tool: 'referral_link', registered_at: '2025-07-10T12:00:00+03:00',
  purchases: [{ id: 'A1', paid_at: '2025-07-15T10:00:00+03:00', amount: '14400.00 RUB', renewal: false }],
};

function trace() {
  const loaded = load(compile(source, { path: 'demo.rules' }).artifact!);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const r = loaded.ruleset.evaluate(input, { asOf: '2026-01-01T00:00:00+03:00', explain: true });
  if (!r.ok) throw new Error(r.error.message);
  return { trace: r.trace!, artifact: loaded.ruleset.artifact };
}

describe('one sentence per output', () => {
  it('says the value, the clause and what it rests on, naming records by their id', () => {
    const { trace: t, artifact } = trace();
    const lines = summarizeTrace(t, Object.fromEntries(artifact.outputs.map((o) => [o.name, o.doc]))).split('\n');
    expect(lines).toHaveLength(artifact.outputs.length);
    const bonus = lines.find((l) => l.startsWith('bonus ='))!;
    expect(bonus).toContain('bonus = 7 200.00 RUB (§4).');
    expect(bonus).toContain('bonus_of(A1) is 7 200.00 RUB (§4), from counts(A1) yes; rate(A1) 50%');
    expect(bonus).not.toContain('paid_at');
    expect(lines.find((l) => l.startsWith('act_due'))).toBe('act_due = 17.07.2025 (§7): the act is due 5 business days after registration.');
    const call = t.find((n) => n.name === 'bonus')!.children.find((c) => c.args)!;
    expect(callName(call)).toBe('bonus_of(A1)');
    expect(isHelper({ kind: 'definition', name: 'x', clauses: [], children: [] })).toBe(true);
    expect(isHelper({ kind: 'definition', name: 'x', clauses: ['§1'], children: [] })).toBe(false);
  });

  it('is the summary of rulebook eval --explain', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-summary-'));
    try {
      writeFileSync(join(dir, 'demo.rules'), source);
      writeFileSync(join(dir, 'in.json'), JSON.stringify(input));
      const r = await runCliInProcess(['eval', join(dir, 'demo.rules'), '--input', join(dir, 'in.json'), '--as-of', '2026-01-01T00:00:00+03:00', '--explain', '--json']);
      expect(r.status).toBe(0);
      const summary = (JSON.parse(r.stdout) as { summary: string }).summary;
      expect(summary.split('\n')[0]).toMatch(/^bonus = 7 200\.00 RUB \(§4\)\. Because /);
      expect(summary).toContain('readings in force: refund_rule = any_refund');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
