/**
 * Latency of the edit loop, measured in the page: from the change of the rules text
 * (the keystroke's effect) to the diagnostics being shown, and to the scenario results
 * being rendered. The browser tests read these numbers.
 */

/** Records the start of each request and the moments its answers were shown. */
export class Perf {
  private starts = new Map<number, number>();
  /** Milliseconds from edit to diagnostics shown, one per answered edit. */
  readonly diagnostics: number[] = [];
  /** Milliseconds from edit to scenario results rendered, one per answered edit. */
  readonly results: number[] = [];
  /** Milliseconds the worker spent compiling and loading, and running the scenarios. */
  readonly compile: number[] = [];
  readonly run: number[] = [];
  /** Id of the last request whose results were rendered. */
  lastShown = 0;

  /** Notes when the edit behind request `id` happened. */
  started(id: number, t0: number): void { this.starts.set(id, t0); }

  /** Records the worker's own time for a measured request. */
  worker(id: number, phase: 'compile' | 'run', ms: number): void {
    if (this.starts.has(id)) this[phase].push(ms);
  }

  /** Notes that the diagnostics of request `id` are on screen. */
  diagnosticsShown(id: number): void {
    const t0 = this.starts.get(id);
    if (t0 !== undefined) this.diagnostics.push(performance.now() - t0);
  }

  /** Notes that the results of request `id` are on screen. */
  resultsShown(id: number): void {
    const t0 = this.starts.get(id);
    if (t0 !== undefined) this.results.push(performance.now() - t0);
    for (const k of this.starts.keys()) if (k <= id) this.starts.delete(k);
    this.lastShown = id;
  }

  /** Forgets what was measured so far. */
  reset(): void { for (const xs of [this.diagnostics, this.results, this.compile, this.run]) xs.length = 0; }
}
