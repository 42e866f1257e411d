import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { runCli, type CliRun } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rulebook-edges-'));
const doc = parse(readFileSync('programs/promo-kz-summer-2025.scenarios.yaml', 'utf8')) as { scenarios: { name: string; input: unknown }[] };
const x31 = doc.scenarios.find((s) => s.name.startsWith('KZ-01 X3-1'))!;
const input = join(dir, 'x3-1.json');
writeFileSync(input, JSON.stringify(x31.input));
const scenarios = join(dir, 'edges.scenarios.yaml');
writeFileSync(scenarios, `# reviewed by hand\nprogram: ${relative(dir, join(process.cwd(), 'programs/promo-kz-summer-2025.rules'))}\nscenarios: []\n`);
const svg = join(dir, 'x3-1.svg');

describe('rulebook edges', () => {
  let text: CliRun, json: CliRun, saved: CliRun;
  beforeAll(async () => {
    [text, json] = await Promise.all([
      runCli(['edges', 'programs/promo-kz-summer-2025.rules', '--input', input, '--timeline', svg]),
      runCli(['edges', 'programs/promo-kz-summer-2025.rules', '--input', input, '--json']),
    ]);
    const report = JSON.parse(json.stdout) as { edges: { right: string; changes: { neighbours: { id: string; value: unknown }[] }[] }[] };
    const end = report.edges.find((e) => e.right === '2025-08-31')!;
    const out = end.changes[0]!.neighbours.find((n) => n.value === '2025-09-01T00:00:00+05:00')!;
    saved = await runCli(['edges', 'programs/promo-kz-summer-2025.rules', '--input', input, '--save', scenarios, '--pick', out.id, '--name', 'X3-1']);
  }, 120_000);

  it('lists the edges with the clause, the expression and the flips, and writes the timeline', () => {
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/§5\.2 §2\.1 §2\.2 .*\n\s+paid within from promotion_start through end_in_force\(paid\) \(its end\)/);
    expect(text.stdout).toContain('2025-09-01T00:00:00+05:00');
    expect(text.stdout).toContain('final_price: 650 000 KZT → 1 000 000 KZT');
    expect(existsSync(svg) && readFileSync(svg, 'utf8').startsWith('<svg')).toBe(true);
  });

  it('saves the picked neighbour as a scenario that `rulebook test` then passes', async () => {
    expect(saved.status).toBe(0);
    const written = readFileSync(scenarios, 'utf8');
    expect(written).toContain('# reviewed by hand');
    expect(written).toMatch(/# generated from X3-1 at E\d+ §5\.2 §2\.1 §2\.2 .*; review against the clause/);
    const run = await runCli(['test', scenarios]);
    expect(run.stdout).toContain('1 passed, 0 failed');
  }, 60_000);

  it('refuses a missing input and an unknown neighbour id with a clear error', async () => {
    const [noInput, badPick] = await Promise.all([
      runCli(['edges', 'programs/promo-kz-summer-2025.rules']),
      runCli(['edges', 'programs/promo-kz-summer-2025.rules', '--input', input, '--save', join(dir, 'x.yaml'), '--pick', 'E99.9']),
    ]);
    expect(noInput.status).toBe(2);
    expect(noInput.stderr).toContain('edges needs --input');
    expect(badPick.status).toBe(2);
    expect(badPick.stderr).toContain('there is no neighbour E99.9');
  }, 60_000);
});

describe('rulebook check --tables', () => {
  it('reports on promo-kz that its offer table covers every case', async () => {
    const r = await runCli(['check', '--tables', 'programs/promo-kz-summer-2025.rules']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/table offer: every combination is covered and every row can match/);
  }, 60_000);
});
