/**
 * Entry point of the playground: styles, the app, and the state to open with (a share
 * link first, as a shared copy beside the stored draft, then `?program=<id>`, then the program open last time, each with its
 * stored edits).
 */
import './styles.css';
import { App } from './app.js';
import { PROGRAMS, programById } from './programs.js';
import { lastProgram } from './state.js';
import { followHashChanges, openFromHash } from './shared-copy.js';

declare global {
  interface Window { __rulebook?: App }
}

async function start(): Promise<void> {
  const root = document.getElementById('app')!;
  if (!PROGRAMS.length) {
    root.textContent = 'No programs found: add programs/*.rules and rebuild.';
    return;
  }
  const app = new App(root);
  window.__rulebook = app;
  window.addEventListener('error', (e) => app.showBanner(`Something went wrong in the page: ${e.message}`));
  window.addEventListener('unhandledrejection', (e) => app.showBanner(`Something went wrong in the page: ${String((e as PromiseRejectionEvent).reason)}`));
  followHashChanges(app);
  if (!(await openFromHash(app))) {
    const asked = new URLSearchParams(location.search).get('program') ?? undefined;
    app.open(programById(asked ?? lastProgram()));
  }
}

start().catch((err) => {
  const root = document.getElementById('app');
  if (root) root.textContent = `The playground could not start: ${(err as Error).message}`;
});
