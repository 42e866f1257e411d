/**
 * The engine's diagnostics as markers on the rules model (squiggles, the problems of
 * Monaco's hover and of the "go to problem" keys).
 */
import { monaco } from './monaco.js';
import type { Diag } from '../engine/protocol.js';

/** Sets the markers of `model` to `diagnostics`. None, as before (most keystrokes): nothing is set, as setting none again still makes Monaco redraw. */
export function setRulesMarkers(model: monaco.editor.ITextModel, diagnostics: Diag[]): void {
  if (!diagnostics.length && !monaco.editor.getModelMarkers({ owner: 'rulebook', resource: model.uri }).length) return;
  const S = monaco.MarkerSeverity;
  monaco.editor.setModelMarkers(model, 'rulebook', diagnostics.map((d) => {
    const sameSpot = d.span.endLine === d.span.startLine && d.span.endColumn <= d.span.startColumn;
    return {
      severity: d.severity === 'error' ? S.Error : S.Warning, message: d.message, code: d.code, source: 'rulebook',
      startLineNumber: d.span.startLine, startColumn: d.span.startColumn,
      endLineNumber: d.span.endLine, endColumn: sameSpot ? d.span.startColumn + 1 : d.span.endColumn,
    };
  }));
}
