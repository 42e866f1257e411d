/**
 * The page's side of the engine worker. Updates are "latest only": while the worker is
 * busy, newer requests replace the waiting one, so a burst of keystrokes costs one
 * compilation per engine answer, and typing never waits for the engine. The debounce is a
 * zero-delay timer by default: it only gathers the changes made in one task (a paste, an
 * undo of several edits) into one request; a longer one would add its delay to every
 * keystroke while the worker sits idle.
 */
import type { Request, Response, RunSpec, ImpactRow, Diag, ProgramMeta, Outcome } from './protocol.js';
import EngineWorker from './engine.worker.ts?worker';
import type { TraceNode } from '../../../runtime/trace.js';
import type { RulesFile } from '../../../language/ast.js';

/** Callbacks for the engine's answers; `id` is the request id given to `update`. */
export interface EngineHandlers {
  diagnostics(id: number, diagnostics: Diag[], meta: ProgramMeta | undefined, compileMs: number): void;
  results(id: number, ok: boolean, outcomes: Outcome[], trace: TraceNode[] | undefined, runMs: number): void;
  impact(rows: ImpactRow[], compared: number, problem?: string): void;
  crash(message: string): void;
  /** The parse tree of a source text (after its results). */
  ast(source: string, ast: RulesFile): void;
}

type Pending = Request;

/** Starts the worker and returns the client. */
export class EngineClient {
  private worker: Worker;
  private busy = false;
  private waiting: Pending[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;

  constructor(private handlers: EngineHandlers, private debounceMs = 0) {
    this.worker = new EngineWorker();
    this.worker.onmessage = (ev: MessageEvent<Response>) => this.receive(ev.data);
    this.worker.onerror = (ev) => { this.busy = false; handlers.crash(ev.message || 'the engine worker failed'); this.pump(); };
  }

  /** Asks for diagnostics and results of `source`. Returns the request id. */
  update(source: string, run: RunSpec, immediate = false): number {
    const id = this.nextId++;
    this.enqueue({ type: 'update', id, source, run });
    if (this.timer) clearTimeout(this.timer);
    if (immediate) this.pump();
    else this.timer = setTimeout(() => { this.timer = undefined; this.pump(); }, this.debounceMs);
    return id;
  }

  /** Compares the saved and the edited program over the scenarios. */
  impact(saved: string, edited: string, run: RunSpec): void {
    this.enqueue({ type: 'impact', id: this.nextId++, saved, edited, run });
    this.pump();
  }

  private enqueue(p: Pending): void {
    // only the newest request of each type is worth running
    this.waiting = this.waiting.filter((w) => w.type !== p.type);
    this.waiting.push(p);
  }

  private pump(): void {
    if (this.busy || this.timer) return;
    const next = this.waiting.shift();
    if (!next) return;
    this.busy = true;
    this.worker.postMessage(next);
  }

  private receive(r: Response): void {
    switch (r.type) {
      case 'diagnostics': this.handlers.diagnostics(r.id, r.diagnostics, r.meta, r.compileMs); return;
      case 'ast': this.handlers.ast(r.source, r.ast); return;
      case 'results': this.busy = false; this.handlers.results(r.id, r.ok, r.outcomes, r.trace, r.runMs); break;
      case 'impact': this.busy = false; this.handlers.impact(r.rows, r.compared, r.problem); break;
      case 'crash': this.busy = false; this.handlers.crash(r.message); break;
    }
    this.pump();
  }
}
