/**
 * Latency of the edit loop, measured in the page: from the change of the rules text
 * (the keystroke's effect) to the diagnostics being shown, to the results the user sees
 * being drawn (the selected scenario's result and the rows of the scenario list in view),
 * and to every scenario's result being drawn. The browser tests read these numbers, and a
 * breakdown of the time to the visible results into its steps (see `Step`), so a slow
 * step can be found without a profiler.
 */

/** Absolute milliseconds, comparable between the page and its workers (each has its own `performance.now()` origin). */
export const clock = (): number => performance.timeOrigin + performance.now();

/** The moments the worker reports for one request (absolute, see `clock`). */
export interface WorkerTimes {
  /** The worker began the request. */
  start: number;
  /** Compiled and loaded; the diagnostics are posted next. */
  compiled: number;
  /** The diagnostics were posted; the scenarios run next. */
  runStart: number;
  /** The scenarios of this answer ran (those in view, or all); the answer is posted next. */
  ran: number;
}

/**
 * The steps from an edit to the visible results drawn, in order; they add up to the whole.
 * - send: edit -> the request is posted (the page's zero-delay timer, copying the request)
 * - queue: posted -> the worker starts on it (a worker still busy with an earlier request, the thread scheduled)
 * - compile: compile + load in the worker
 * - post diagnostics: posting the diagnostics (and metadata) message
 * - run: running the scenarios in view (all, when the answer comes in one message)
 * - deliver: posted -> the page's handler runs (copying the message, the page busy drawing the diagnostics)
 * - draw: the page draws the results
 */
export const STEPS = ['send', 'queue', 'compile', 'post diagnostics', 'run', 'deliver', 'draw'] as const;
export type Step = (typeof STEPS)[number];

/** Records the start of each request and the moments its answers were shown. */
export class Perf {
  private starts = new Map<number, number>();
  private sentAt = new Map<number, number>();
  private workerTimes = new Map<number, { times: WorkerTimes; arrived: number }>();
  private visible = new Set<number>();
  /** Milliseconds from edit to diagnostics shown, one per answered edit. */
  readonly diagnostics: number[] = [];
  /** Milliseconds from edit to the results the user sees drawn, one per answered edit. */
  readonly results: number[] = [];
  /** Milliseconds from edit to every scenario's result drawn (the counts of passed and failed too). */
  readonly all: number[] = [];
  /** Milliseconds the worker spent compiling and loading, and running the scenarios. */
  readonly compile: number[] = [];
  readonly run: number[] = [];
  /** Each step of `results`, one entry per answered edit whose worker times arrived. */
  readonly steps: Record<Step, number[]> = Object.fromEntries(STEPS.map((s) => [s, [] as number[]])) as Record<Step, number[]>;
  /** Id of the last request whose results were rendered. */
  lastShown = 0;

  /** Notes when the edit behind request `id` happened (absolute, see `clock`). */
  started(id: number, t0: number): void { this.starts.set(id, t0); }

  /** Records the worker's own time for a measured request. */
  worker(id: number, phase: 'compile' | 'run', ms: number): void {
    if (this.starts.has(id)) this[phase].push(ms);
  }

  /** Notes that request `id` was posted to the worker. */
  sent(id: number): void {
    if (this.starts.has(id)) this.sentAt.set(id, clock());
  }

  /** Notes the worker's moments for request `id`, as its first answer with results arrives. */
  arrived(id: number, times: WorkerTimes): void {
    if (this.starts.has(id) && !this.workerTimes.has(id)) this.workerTimes.set(id, { times, arrived: clock() });
  }

  /** Notes that the diagnostics of request `id` are on screen. */
  diagnosticsShown(id: number): void {
    const t0 = this.starts.get(id);
    if (t0 !== undefined) this.diagnostics.push(clock() - t0);
  }

  /** Notes that the results the user sees of request `id` are on screen (once per request). */
  visibleShown(id: number): void {
    const t0 = this.starts.get(id);
    if (t0 === undefined || this.visible.has(id)) return;
    this.visible.add(id);
    const now = clock();
    this.results.push(now - t0);
    const w = this.workerTimes.get(id);
    const sent = this.sentAt.get(id);
    if (w && sent !== undefined) {
      const { start, compiled, runStart, ran } = w.times;
      const ends = [sent, start, compiled, runStart, ran, w.arrived, now];
      STEPS.forEach((s, i) => this.steps[s].push(ends[i]! - (i ? ends[i - 1]! : t0)));
    }
  }

  /** Notes that the results of every scenario of request `id` are on screen. */
  resultsShown(id: number): void {
    this.visibleShown(id);
    const t0 = this.starts.get(id);
    if (t0 !== undefined) this.all.push(clock() - t0);
    for (const m of [this.starts, this.sentAt, this.workerTimes]) for (const k of m.keys()) if (k <= id) m.delete(k);
    for (const k of this.visible) if (k <= id) this.visible.delete(k);
    this.lastShown = id;
  }

  /** Forgets what was measured so far. */
  reset(): void { for (const xs of [this.diagnostics, this.results, this.all, this.compile, this.run, ...Object.values(this.steps)]) xs.length = 0; }
}
