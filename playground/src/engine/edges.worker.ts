/**
 * The edges worker: the search evaluates a scenario thousands of times, so it has a
 * worker of its own; the engine worker keeps compiling what is typed meanwhile.
 */
import { edgesOf, runOne } from './edges-engine.js';
import type { EdgesRequest, EdgesResponse } from './edges-protocol.js';

const post = (r: EdgesResponse) => (self as unknown as Worker).postMessage(r);

self.onmessage = (ev: MessageEvent<EdgesRequest>) => {
  const req = ev.data;
  try {
    if (req.type === 'search') post({ type: 'search', id: req.id, result: edgesOf(req.source, req.scenario, req.overrides) });
    else post({ type: 'run', id: req.id, ...runOne(req.source, req.scenario, req.overrides) });
  } catch (err) {
    post({ type: 'search', id: req.id, result: { ok: false, message: (err as Error)?.message ?? String(err) } });
  }
};
