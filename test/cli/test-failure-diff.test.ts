/**
 * `rulebook test` names each expected leaf that differs on its own line, with its path,
 * instead of printing whole outputs as JSON.
 */
import { describe, it, expect, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCliInProcess } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rulebook-test-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rulebook test failure output', () => {
  it('prints one line per changed leaf, with its path', async () => {
    writeFileSync(join(dir, 'demo.rules'), readFileSync(join(ROOT, 'playground/fixtures/demo-referral.rules'), 'utf8'));
    writeFileSync(join(dir, 'demo.scenarios.yaml'), `scenarios:
  - name: two purchases
    as_of: "2026-01-01T00:00:00+03:00"
    input:
      tool: referral_link
      registered_at: "2025-07-10T12:00:00+03:00"
      purchases:
        - { id: "B1", paid_at: "2025-07-15T10:00:00+03:00", amount: "100.00 RUB", renewal: true }
        - { id: "B2", paid_at: "2025-07-16T10:00:00+03:00", amount: "100.00 RUB", renewal: false }
    expect:
      outputs:
        first_paid: { id: "B2", amount: "100 RUB" }
        act_due: "2025-07-18"
`);
    const r = await runCliInProcess(['test', join(dir, 'demo.scenarios.yaml')]);
    expect(r.status).toBe(1);
    const lines = r.stdout.split('\n').filter((l) => l.startsWith('    '));
    expect(r.stdout).toContain('FAIL ');
    expect(lines).toEqual(['    first_paid.id: expected B2, got B1', '    act_due: expected 18.07.2025, got 17.07.2025']);
  });
});
