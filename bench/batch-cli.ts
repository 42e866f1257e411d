/**
 * `rulebook eval --batch` as whole processes (issue 14, point 7): throughput with one and
 * two workers, run in alternation so both see the same load of the machine, and peak RSS
 * at two sizes with its curve. Each run is watched from outside (bench/process-monitor.ts):
 * wall time alone on a 2-core machine shared with other processes measures the neighbours,
 * so every figure comes with the CPU it took, the main thread's share and how busy the
 * machine was. With `--workers 2` the figures cover the CLI and its worker processes
 * together (CPU of every thread, RSS summed).
 */
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { watch, type Watched } from './process-monitor.js';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Writes n lines cycling through `lines` (NDJSON) from line `from` of the cycle,
 * honouring the stream's back-pressure.
 */
export async function writeLines(path: string, n: number, lines: string[], from = 0): Promise<void> {
  const out = createWriteStream(path);
  for (let i = from; i < from + n; i++) if (!out.write(`${lines[i % lines.length]}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

/** The figures of one run, per input where it helps to compare sizes. */
function summary(w: Watched, n: number) {
  const cores = cpus().length;
  const own = w.cpu_ms / (w.wall_ms * cores);
  return {
    throughput: round(n / (w.wall_ms / 1000), 0),
    cpu_us_per_input: round((w.cpu_ms * 1000) / n, 1),
    main_thread_share: w.cpu_ms ? round(w.main_cpu_ms / w.cpu_ms, 3) : undefined,
    // the share of all cores other processes used during the run
    machine_busy_others: round(Math.max(0, w.machine_busy - own), 2),
    peak_rss_mb: w.peak_rss_mb,
    worker_processes: w.child_processes,
    // per thread, busiest first: the workers (worker processes' main threads), then V8's
    // helpers (GC, compilers); shows whether the CPU that two workers add over one goes
    // to the workers or to the helpers
    other_threads_cpu_ms: w.other_threads_cpu_ms,
  };
}

/**
 * Runs the batch figures. `artifact` is the program's artifact file, `lines` the distinct
 * input lines (cycled), sizes [small, large]; `pairs` alternating 1-/2-worker runs at the
 * small size (the scaling is the median of the pairs' ratios).
 *
 * Each pair also runs two independent `--workers 1` processes at once, on the two halves
 * of the small input: the time with no coordination at all. One worker against that is
 * the most two processes can scale on this machine (`scaling_independent_halves`): on
 * a 2-core machine the second core is not idle in the one-worker run (V8's GC and
 * compiler threads use it), and two busy cores share caches, memory and the host.
 */
export async function batchFigures(artifact: string, lines: string[], dir: string, [small, large]: [number, number], pairs = 2, asOf = '2025-10-10T12:00:00+03:00') {
  const files = { small: join(dir, `in-${small}.ndjson`), large: join(dir, `in-${large}.ndjson`), halves: [join(dir, `in-${small}-a.ndjson`), join(dir, `in-${small}-b.ndjson`)] as const };
  const half = Math.floor(small / 2);
  await writeLines(files.small, small, lines);
  await writeLines(files.large, large, lines);
  await writeLines(files.halves[0], half, lines);
  await writeLines(files.halves[1], small - half, lines, half);
  const run = (file: string, workers: number) => watch(['cli/bin.mjs', 'eval', artifact, '--batch', file, '--workers', String(workers), '--as-of', asOf], file);
  const ones: Watched[] = [], twos: Watched[] = [], halves: number[] = [];
  for (let i = 0; i < pairs; i++) {
    ones.push(await run(files.small, 1));
    twos.push(await run(files.small, 2));
    const both = await Promise.all(files.halves.map((f) => run(f, 1)));
    halves.push(Math.max(...both.map((b) => b.wall_ms)));
    console.error(`batch pair ${i + 1}/${pairs}: 1 worker ${ones[i]!.wall_ms} ms, 2 workers ${twos[i]!.wall_ms} ms, two independent processes on the halves ${halves[i]} ms`);
  }
  const big = await run(files.large, 2);
  const pick = (runs: Watched[]) => runs.reduce((a, b) => (b.wall_ms < a.wall_ms ? b : a));
  const one = summary(pick(ones), small), two = summary(pick(twos), small);
  const smallRss = Math.max(...twos.map((t) => t.peak_rss_mb));
  return {
    throughput_1: one.throughput,
    throughput_2: two.throughput,
    scaling: round(median(ones.map((o, i) => o.wall_ms / twos[i]!.wall_ms))),
    // the same ratio for two independent one-worker processes on the halves: the machine's limit
    scaling_independent_halves: round(median(ones.map((o, i) => o.wall_ms / halves[i]!))),
    // what the CPU times allow with both cores free: one worker's main thread against
    // the busiest thread of two (an estimate, not a measurement)
    scaling_cpu_bound: round(median(ones.map((o, i) => o.main_cpu_ms / Math.max(1, twos[i]!.busiest_thread_cpu_ms)))),
    runs_1: one, runs_2: two,
    peak_rss_mb_100k: smallRss,
    peak_rss_mb_1m: big.peak_rss_mb,
    rss_growth: round(big.peak_rss_mb / smallRss - 1),
    rss_curve_1m: big.rss_curve,
    large_run: summary(big, large),
    sizes: [small, large],
  };
}
