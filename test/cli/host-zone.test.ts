/**
 * The evaluator never reads the host's time zone: `rulebook eval` prints byte-identical
 * output under TZ=UTC, TZ=Pacific/Kiritimati (UTC+14) and TZ=America/Los_Angeles
 * (UTC-7/-8, with DST on other dates than Europe), for instants and dates near midnight.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { ROOT, pool, runCli, type CliRun } from './run-cli.js';

const ZONES = ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles'];

const RUNS: { name: string; args: string[]; expected: string }[] = [
  {
    name: 'the Almaty promotion, 23:30 on 31.08 written three ways (host-zone.rules)',
    args: ['eval', 'test/fixtures/runtime/host-zone.rules', '--input', 'test/fixtures/runtime/host-zone.input.json', '--as-of', '2025-08-31T23:59:59+05:00'],
    expected: 'test/fixtures/runtime/host-zone.expected.json',
  },
  {
    name: 'the 23:00 Kyiv cut-off on both DST days, and money (kyiv-orders.rules)',
    args: ['eval', 'test/fixtures/runtime/kyiv-orders.rules', '--input', 'test/fixtures/runtime/kyiv-orders.input.json'],
    expected: 'test/fixtures/runtime/kyiv-orders.expected.json',
  },
];

describe('rulebook eval under three host time zones', () => {
  /** runs[run][zone] */
  let runs: (CliRun & { TZ: string })[][] = [];

  beforeAll(async () => {
    const jobs = RUNS.flatMap(({ args }) => ZONES.map((TZ) => async () => ({ TZ, ...(await runCli(args, { TZ })) })));
    const flat = await pool(jobs, Math.max(2, Math.min(6, availableParallelism())));
    runs = RUNS.map((_r, i) => flat.slice(i * ZONES.length, (i + 1) * ZONES.length));
  }, 600_000);

  it('the TZ variable really changes the host zone of a Node child process', () => {
    const offsets = ZONES.map((TZ) => spawnSync(process.execPath, ['-e', 'process.stdout.write(String(new Date(Date.UTC(2025, 7, 31, 23, 30)).getTimezoneOffset()))'], { env: { ...process.env, TZ }, encoding: 'utf8' }).stdout);
    expect(offsets).toEqual(['0', '-840', '420']);
  });

  it.each(RUNS.map((r, i) => [r.name, i] as const))('%s: succeeds and prints byte-identical stdout', (_name, i) => {
    const [first, ...rest] = runs[i]!;
    for (const r of runs[i]!) {
      expect(r.stderr, r.TZ).toBe('');
      expect(r.status, r.TZ).toBe(0);
      expect(r.stdout.length, r.TZ).toBeGreaterThan(50);
    }
    for (const r of rest) expect(r.stdout, `${r.TZ} vs ${first!.TZ}`).toBe(first!.stdout);
  });

  it.each(RUNS.map((r, i) => [r.name, i] as const))('%s: prints the reviewed expected output', (_name, i) => {
    const expected = readFileSync(join(ROOT, RUNS[i]!.expected), 'utf8');
    for (const r of runs[i]!) expect(r.stdout, r.TZ).toBe(expected);
  });

  it('has the Almaty days right', () => {
    const outputs = JSON.parse(runs[0]![1]!.stdout).outputs; // under Pacific/Kiritimati
    // 23:30 Almaty on 31.08 (written three ways) and 23:59:59 are in; 00:00 and 00:10 on 01.09 are out
    expect(outputs.inside).toEqual([false, true, true, true, true, true, false, false, true, false, false]);
    expect(outputs.days.slice(2, 8)).toEqual(['2025-08-31', '2025-08-31', '2025-08-31', '2025-08-31', '2025-09-01', '2025-09-01']);
    expect(outputs.total_inside).toBe('29000 KZT');
    expect(outputs.today).toBe('2025-08-31');
    expect(outputs.next_days[10]).toBe('2024-03-01T12:00:00+05:00'); // Almaty left UTC+6 that night
  });

  it('has the Kyiv cut-offs and the money right', () => {
    const outputs = JSON.parse(runs[1]![2]!.stdout).outputs; // under America/Los_Angeles
    // d: 23:30 on 30.03 (summer time); i, k: 23:00 on 26.10 (winter time); e, j: already the next day
    expect(outputs.counted).toEqual(['a', 'b', 'c', 'f', 'g', 'h', 'l']);
    expect(outputs.paid[7]).toBe('2025-10-26T22:30:00+02:00');
    expect(outputs).toMatchObject({
      counted_total: '40216.63 UAH', twenty: '8043.33 UAH', fifty: '20108.32 UAH', one_percent: '987.65 UAH',
      big_times_3: '370370367037037036.73 UAH', big_twenty: '24691357802469135.78 UAH',
    });
  });
});
