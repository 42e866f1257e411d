/**
 * Timing of evaluations in batches. Each sample runs every function of a batch once:
 * distinct inputs totalling the same number of items at every size (ten of 1 000, one of
 * 10 000), so every sample lasts about as long and reads as much memory. The same 1 000
 * items ten times over would stay in the processor's cache and make the small size look
 * faster per item than any service evaluating different partners would see. The fastest
 * sample is kept, because on a shared machine a median still moves with the other
 * processes' load.
 */

/** Fastest sample per evaluation: wall time, and the process's CPU time (all its threads, the garbage collector's helpers included), which the other processes' turns on a shared machine do not inflate. */
export interface Timing { wall: number; cpu: number }

/**
 * Times several batches in turns (one sample of each, then the next round), so that a ratio
 * between them compares samples taken under the same load of the machine, not one batch
 * measured in a quiet minute and the other in a busy one.
 */
export function interleaved(batches: (() => void)[][], samples = 15, warmups = 5): Timing[] {
  for (let w = 0; w < warmups; w++) for (const fns of batches) for (const fn of fns) fn();
  const best = batches.map(() => ({ wall: Infinity, cpu: Infinity }));
  for (let r = 0; r < samples; r++) {
    batches.forEach((fns, i) => {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (const fn of fns) fn();
      const wall = performance.now() - t0;
      const c = process.cpuUsage(c0);
      best[i]!.wall = Math.min(best[i]!.wall, wall / fns.length);
      best[i]!.cpu = Math.min(best[i]!.cpu, (c.user + c.system) / 1000 / fns.length);
    });
  }
  return best;
}

/** One batch: its fastest sample per evaluation. */
export function timed(fns: (() => void)[], samples = 15, warmups = 5): Timing {
  return interleaved([fns], samples, warmups)[0]!;
}

/** The fastest sample's wall time per evaluation (15 samples after 5 warm-ups). */
export function batched(fns: (() => void)[]): number {
  return timed(fns).wall;
}
