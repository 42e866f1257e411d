/**
 * The engine's web worker: compiling and evaluating never block typing. For an
 * `update` it answers twice: diagnostics as soon as the program compiled, then the
 * scenario results.
 */
import { compileSource, impact, runAll } from './engine.js';
import type { Request, Response } from './protocol.js';

const post = (r: Response) => (self as unknown as Worker).postMessage(r);

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  try {
    if (req.type === 'update') {
      const c = compileSource(req.source);
      post({ type: 'diagnostics', id: req.id, diagnostics: c.diagnostics, meta: c.meta, compileMs: c.compileMs });
      const t0 = performance.now();
      const { outcomes, trace } = runAll(c, req.run);
      post({ type: 'results', id: req.id, ok: !!c.ruleset, outcomes, trace, runMs: performance.now() - t0 });
      if (c.ast) post({ type: 'ast', id: req.id, source: req.source, ast: c.ast });
    } else if (req.type === 'impact') {
      post({ type: 'impact', id: req.id, ...impact(req.saved, req.edited, req.run) });
    }
  } catch (err) {
    post({ type: 'crash', id: req.id, message: (err as Error)?.message ?? String(err) });
  }
};
