/**
 * The part of the playground's app (`window.__rulebook`, see playground/src/main.ts)
 * that the browser tests read. Declared here so the tests type-check with the
 * repository's own tsconfig, without the playground's Vite types.
 */
import type * as monaco from 'monaco-editor/editor/editor.api';
import type { Scenario } from '../../runtime/scenario.js';

/** What the tests use of the app. */
export interface RulebookHandle {
  editor: monaco.editor.IStandaloneCodeEditor;
  input: { editor: monaco.editor.IStandaloneCodeEditor; form: { current(): unknown } };
  state: { source: string; scenarios: Scenario[]; selected: number; overrides: Record<string, string> };
  perf: { lastShown: number; diagnostics: number[]; results: number[]; all: number[]; compile: number[]; run: number[]; steps: Record<string, number[]>; reset(): void };
  pendingRequests(): number;
  markers(which?: 'rules' | 'input'): { code: string; message: string; line: number }[];
}

declare global {
  interface Window { __rulebook?: RulebookHandle }
}
