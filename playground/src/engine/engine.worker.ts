/**
 * The engine's web worker: compiling and evaluating never block typing. For an
 * `update` it answers up to four times: diagnostics as soon as the program compiled,
 * the outcomes the user sees (`first`: the selected scenario, the rows in view), the
 * selected scenario's explanation (`trace`), then every scenario's results (with the
 * trace only when it was not sent on its own). The parse tree is sent only when asked (`ast`): copying it takes
 * longer than drawing the results, so it must never stand between a keystroke and them.
 */
import { compileSource, impact, metaAnswer, runAll } from './engine.js';
import type { Request, Response } from './protocol.js';
import { clock } from '../perf.js';

const post = (r: Response) => (self as unknown as Worker).postMessage(r);

self.onmessage = (ev: MessageEvent<Request>) => {
  const req = ev.data;
  try {
    if (req.type === 'update') {
      const start = clock();
      const c = compileSource(req.source);
      const compiled = clock();
      post({ type: 'diagnostics', id: req.id, diagnostics: c.diagnostics, ...metaAnswer(c, req.metaId), compileMs: c.compileMs });
      const runStart = clock();
      let traceSent = false;
      const { outcomes, trace } = runAll(c, req.run, (first) => {
        post({ type: 'first', id: req.id, ...first, times: { start, compiled, runStart, ran: clock() } });
      }, (selectedTrace) => {
        post({ type: 'trace', id: req.id, trace: selectedTrace });
        traceSent = true;
      });
      const ran = clock();
      post({ type: 'results', id: req.id, ok: !!c.ruleset, outcomes, ...(traceSent ? { traceSent } : { trace }), runMs: ran - runStart, times: { start, compiled, runStart, ran } });
    } else if (req.type === 'ast') {
      // the text of the last update, or one before it, comes from the cache of compiled texts
      post({ type: 'ast', id: req.id, source: req.source, ast: compileSource(req.source).ast });
    } else if (req.type === 'impact') {
      post({ type: 'impact', id: req.id, ...impact(req.saved, req.edited, req.run) });
    }
  } catch (err) {
    post({ type: 'crash', id: req.id, message: (err as Error)?.message ?? String(err) });
  }
};
