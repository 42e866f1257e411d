/**
 * Watches a child process and its own children (the worker processes of `--workers N`)
 * from outside while they run (Linux /proc, every 50 ms): CPU time per thread (the main
 * thread apart from the rest: worker processes' threads, worker threads and V8's helpers),
 * RSS of the whole tree over time against the bytes of its input read so far, and how
 * busy the whole machine was. On a machine shared with other processes a wall-clock throughput alone says more
 * about the neighbours than about the program; these figures say how much of the machine
 * the run had and where its own CPU went. Elsewhere only wall time and peak RSS are known.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export interface Watched {
  wall_ms: number;
  /** CPU time of the process and its children, all threads (ms); 0 without /proc. */
  cpu_ms: number;
  /** CPU time of the main thread (ms). */
  main_cpu_ms: number;
  /** CPU time of the busiest thread (ms): no number of free cores makes the run shorter. */
  busiest_thread_cpu_ms: number;
  /**
   * CPU time of every thread but the main one, busiest first (ms): the batch workers (the
   * main threads of worker processes, or worker threads) come first, then V8's helpers
   * (concurrent GC and compilers).
   */
  other_threads_cpu_ms: number[];
  /**
   * Peak of the summed RSS of the process and its children (MB). Pages they share (the
   * node binary's code) count once per process, so this is an upper bound.
   */
  peak_rss_mb: number;
  /** How many worker processes the process started (0 with worker threads or none). */
  child_processes: number;
  /** Share of all cores busy during the run, this process included (0..1). */
  machine_busy: number;
  /** [fraction of the input read, RSS MB] at about every tenth of the input. */
  rss_curve: [number, number][];
}

const cpuTicks = (): number[] => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Runs `node args…` with stdout discarded; `input` is the file whose read position marks progress. */
export function watch(args: string[], input: string, env: Record<string, string> = {}): Promise<Watched> {
  const proc = existsSync('/proc/stat');
  const inputSize = Math.max(1, statSync(input).size);
  const t0 = performance.now();
  const stat0 = proc ? cpuTicks() : [];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  // per thread, keyed pid/tid; a process that has ended keeps its last reading
  const threads = new Map<string, number>();
  const children = new Set<string>();
  let peak = 0, inputFd: string | undefined;
  const curve: [number, number][] = [];
  const target = resolve(input);
  const tree = (pid: string): string[] => {
    let kids: string[] = [];
    try {
      for (const tid of readdirSync(`/proc/${pid}/task`)) kids.push(...readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean));
    } catch { kids = []; }
    return [pid, ...kids.flatMap(tree)];
  };
  const poll = () => {
    const root = String(child.pid);
    let mb = 0;
    for (const pid of tree(root)) {
      const base = `/proc/${pid}`;
      try {
        for (const tid of readdirSync(`${base}/task`)) {
          const s = readFileSync(`${base}/task/${tid}/stat`, 'utf8');
          const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
          threads.set(`${pid}/${tid}`, (Number(f[11]) + Number(f[12])) * 10); // utime + stime, 100 ticks a second
        }
        mb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`${base}/status`, 'utf8'))![1]) / 1024;
        if (pid !== root) children.add(pid);
      } catch { /* the process is ending */ }
    }
    peak = Math.max(peak, mb);
    const base = `/proc/${root}`;
    try {
      inputFd ??= readdirSync(`${base}/fd`).find((fd) => { try { return readlinkSync(`${base}/fd/${fd}`) === target; } catch { return false; } });
      if (inputFd) {
        const pos = Number(/pos:\s+(\d+)/.exec(readFileSync(`${base}/fdinfo/${inputFd}`, 'utf8'))![1]) / inputSize;
        if (!curve.length || pos - curve[curve.length - 1]![0] >= 0.1) curve.push([round(pos, 2), round(mb, 0)]);
      }
    } catch { /* the process is ending */ }
  };
  const timer = proc ? setInterval(poll, 50) : undefined;
  return new Promise((done, fail) => {
    child.on('exit', (code) => {
      clearInterval(timer);
      const wall = performance.now() - t0;
      if (code !== 0) { fail(new Error(`node ${args.join(' ')} exited with ${code}: ${stderr}`)); return; }
      let busy = 0;
      if (proc) {
        const d = cpuTicks().map((x, i) => x - stat0[i]!);
        const total = d.reduce((a, b) => a + b, 0);
        busy = total ? 1 - (d[3]! + d[4]!) / total : 0;
      }
      const mainKey = `${child.pid}/${child.pid}`;
      const main = threads.get(mainKey) ?? 0;
      const all = [...threads.values()].reduce((a, b) => a + b, 0);
      done({ wall_ms: Math.round(wall), cpu_ms: all, main_cpu_ms: main, busiest_thread_cpu_ms: Math.max(0, ...threads.values()), other_threads_cpu_ms: [...threads].filter(([key, ms]) => key !== mainKey && ms > 0).map(([, ms]) => ms).sort((a, b) => b - a), peak_rss_mb: round(peak, 0), child_processes: children.size, machine_busy: round(busy, 2), rss_curve: curve });
    });
  });
}
