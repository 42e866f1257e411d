/**
 * The page's side of the engine worker. Updates are "latest only": while the worker is
 * busy, newer requests replace the waiting one, so a burst of keystrokes costs one
 * compilation per engine answer, and typing never waits for the engine. By default the
 * request is posted at the end of the task that made the change (a microtask): that
 * gathers the changes made in one task (a paste, an undo of several edits) into one
 * request. A zero-delay timer did the same but waited behind the editor drawing the
 * keystroke (~18 ms on the largest program); a longer debounce would add its delay to
 * every keystroke while the worker sits idle.
 */
import type { Request, Response, RunSpec, ImpactRow, Diag, ProgramMeta, Outcome } from './protocol.js';
import { textEdit } from './text-edit.js';
import type { Scenario } from '../../../runtime/scenario.js';
import { sameData } from './same-data.js';
import EngineWorker from './engine.worker.ts?worker';
import type { TraceNode } from '../../../runtime/trace.js';
import type { RulesFile } from '../../../language/ast.js';
import type { WorkerTimes } from '../perf.js';

/** Callbacks for the engine's answers; `id` is the request id given to `update`. */
export interface EngineHandlers {
  /** `meta` only when it differs from the one `metaId`-numbered the page holds (see protocol.ts); no `metaId`: not compiled. */
  diagnostics(id: number, diagnostics: Diag[], meta: ProgramMeta | undefined, metaId: number | undefined, compileMs: number): void;
  /** The outcomes the user sees, by index, before the others (see RunSpec.first); `trace` and `results` follow. */
  first(id: number, entries: [number, Outcome][], times: WorkerTimes): void;
  /** The selected scenario's explanation, when it comes apart from the results (after `first`). */
  trace(id: number, trace: TraceNode[] | undefined): void;
  /** Every outcome; `trace` is the selected scenario's explanation, or `'sent'` when `trace` already brought it. */
  results(id: number, ok: boolean, outcomes: Outcome[], trace: TraceNode[] | undefined | 'sent', runMs: number, times: WorkerTimes): void;
  /** A request was posted to the worker. */
  sent(id: number): void;
  impact(rows: ImpactRow[], compared: number, problem?: string): void;
  crash(message: string): void;
}

/** A parse tree and the text it is of. */
export interface Parsed { source: string; ast: RulesFile }

/** A request as the page makes it: an update with all its scenarios (see `wire`). */
type Pending = Exclude<Request, { type: 'update' }> | { type: 'update'; id: number; source: string; run: RunSpec; metaId?: number };

/** Starts the worker and returns the client. */
export class EngineClient {
  private worker: Worker;
  private busy = false;
  private waiting: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A microtask will post the newest update (see the class comment). */
  private flushing = false;
  private nextId = 1;
  /** Callers of `parse` waiting for the worker's answer. */
  private parseWaiters: ((p: Parsed | undefined) => void)[] = [];
  /** The scenarios the worker holds: their number, and a copy to compare the next update's with. */
  private sentScenarios: { key: number; copy: Scenario[] } | undefined;
  /** The text of the last update posted (the worker holds it too). */
  private sentSource: string | undefined;

  constructor(private handlers: EngineHandlers, private debounceMs = 0) {
    this.worker = new EngineWorker();
    this.worker.onmessage = (ev: MessageEvent<Response>) => this.receive(ev.data);
    this.worker.onerror = (ev) => { this.busy = false; this.answerParse(undefined); handlers.crash(ev.message || 'the engine worker failed'); this.pump(); };
  }

  /** Asks for diagnostics and results of `source`; `metaId`: the metadata the page holds. Returns the request id. */
  update(source: string, run: RunSpec, immediate = false, metaId?: number): number {
    const id = this.nextId++;
    this.enqueue({ type: 'update', id, source, run, metaId });
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (immediate) this.pump();
    else if (this.debounceMs > 0) this.timer = setTimeout(() => { this.timer = undefined; this.pump(); }, this.debounceMs);
    else if (!this.flushing) {
      this.flushing = true;
      queueMicrotask(() => { this.flushing = false; this.pump(); });
    }
    return id;
  }

  /** Compares the saved and the edited program over the scenarios. */
  impact(saved: string, edited: string, run: RunSpec): void {
    this.enqueue({ type: 'impact', id: this.nextId++, saved, edited, run });
    this.pump();
  }

  /**
   * The worker's parse tree of `source`. Asked for only when the editor is idle or a
   * language feature needs it; waits behind a pending update (results come first). A
   * newer call replaces an older one still waiting: both get the newer answer, so each
   * caller checks that the text is the one it wants.
   */
  parse(source: string): Promise<Parsed | undefined> {
    this.enqueue({ type: 'ast', id: this.nextId++, source });
    this.pump();
    return new Promise((resolve) => this.parseWaiters.push(resolve));
  }

  private enqueue(p: Pending): void {
    // only the newest request of each type is worth running
    this.waiting = this.waiting.filter((w) => w.type !== p.type);
    this.waiting.push(p);
  }

  private pump(): void {
    if (this.busy || this.timer || this.flushing) return;
    // a keystroke's results before anything else
    const at = Math.max(0, this.waiting.findIndex((w) => w.type === 'update'));
    const [next] = this.waiting.splice(at, 1);
    if (!next) return;
    this.busy = true;
    this.worker.postMessage(this.wire(next));
    this.handlers.sent(next.id);
  }

  /**
   * The message for a request: an update carries its scenarios only when they differ from
   * those the worker holds (protocol.ts UpdateRun). Comparing them with a copy costs a
   * fraction of copying them into every message; decided as the message is posted, so a
   * request replaced while it waited cannot have been the one that carried them.
   */
  private wire(p: Pending): Request {
    if (p.type !== 'update') return p;
    const { source: text, ...rest } = p;
    const base = this.sentSource;
    this.sentSource = text;
    const source = base === undefined ? { source: text } : { edit: textEdit(base, text) };
    const { scenarios, ...run } = p.run;
    const held = this.sentScenarios;
    if (held && sameData(scenarios, held.copy)) return { ...rest, ...source, run: { ...run, scenariosKey: held.key } };
    const key = (held?.key ?? 0) + 1;
    this.sentScenarios = { key, copy: structuredClone(scenarios) };
    return { ...rest, ...source, run: { ...run, scenarios, scenariosKey: key } };
  }

  private receive(r: Response): void {
    switch (r.type) {
      case 'diagnostics': this.handlers.diagnostics(r.id, r.diagnostics, r.meta, r.metaId, r.compileMs); return;
      case 'first': this.handlers.first(r.id, r.entries, r.times); return;
      case 'trace': this.handlers.trace(r.id, r.trace); return;
      case 'ast': this.busy = false; this.answerParse(r.ast ? { source: r.source, ast: r.ast } : undefined); break;
      case 'results': this.busy = false; this.handlers.results(r.id, r.ok, r.outcomes, r.traceSent ? 'sent' : r.trace, r.runMs, r.times); break;
      case 'impact': this.busy = false; this.handlers.impact(r.rows, r.compared, r.problem); break;
      case 'crash': this.busy = false; this.answerParse(undefined); this.handlers.crash(r.message); break;
    }
    this.pump();
  }

  private answerParse(p: Parsed | undefined): void {
    for (const w of this.parseWaiters.splice(0)) w(p);
  }
}
