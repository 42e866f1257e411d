/**
 * The page's side of the edges worker. One search at a time: a new search (or
 * "stop") ends the running one by terminating the worker, since findEdges is one
 * synchronous call that cannot be interrupted from inside.
 */
import EdgesWorker from './edges.worker.ts?worker';
import type { EdgesRequest, EdgesResponse } from './edges-protocol.js';

type Answer<T extends EdgesResponse['type']> = Extract<EdgesResponse, { type: T }>;

/** Starts the edges worker lazily, on the first search. */
export class EdgesClient {
  private worker?: Worker;
  private nextId = 1;
  private pending = new Map<number, (r: EdgesResponse) => void>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new EdgesWorker();
    w.onmessage = (ev: MessageEvent<EdgesResponse>) => { const f = this.pending.get(ev.data.id); this.pending.delete(ev.data.id); f?.(ev.data); };
    w.onerror = (ev) => this.fail(ev.message || 'the edges worker failed');
    this.worker = w;
    return w;
  }

  private fail(message: string): void {
    for (const [id, f] of this.pending) f({ type: 'search', id, result: { ok: false, message } });
    this.pending.clear();
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** Sends a request; the promise settles with its answer (or a failure if stopped). */
  ask<T extends EdgesRequest['type']>(req: Omit<Extract<EdgesRequest, { type: T }>, 'id'>): Promise<Answer<T> | Answer<'search'>> {
    const id = this.nextId++;
    const w = this.start();
    return new Promise((resolve) => {
      this.pending.set(id, resolve as (r: EdgesResponse) => void);
      w.postMessage({ ...req, id });
    });
  }

  /** Ends whatever the worker is doing. */
  stop(): void {
    this.fail('The search was stopped.');
  }
}
