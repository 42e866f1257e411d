/**
 * Opening share links. A shared state opens as "a shared copy" beside the user's own
 * draft of the program: nothing is stored while it is open, and it replaces the draft
 * only when the user says so. Links pasted into an open tab are followed (hashchange);
 * a link that cannot be opened shows why and changes nothing.
 */
import type { App } from './app.js';
import { PROGRAMS } from './programs.js';
import { decodeShare } from './share.js';
import { h } from './ui/dom.js';
import { initialState } from './app-actions.js';
import { storeState } from './state.js';

/** Opens the share link in the current hash, if there is one. True when a shared copy opened. */
export async function openFromHash(app: App): Promise<boolean> {
  const r = await decodeShare(location.hash, (id) => PROGRAMS.find((p) => p.id === id));
  if (!r) return false;
  if (!r.ok) { app.showBanner(r.message); return false; }
  app.hideBanner();
  app.open(r.entry, r.state, true);
  return true;
}

/** Follows links pasted into the address bar of an open tab. */
export function followHashChanges(app: App): void {
  window.addEventListener('hashchange', () => { void openFromHash(app); });
}

function dropHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

/** Keeps the shared copy as the user's draft of the program (replacing the old draft). */
export function keepSharedCopy(app: App): void {
  storeState(app.entry.id, app.state);
  app.shared = false;
  dropHash();
  app.renderSharedBar();
  app.persist();
}

/** Leaves the shared copy and goes back to the user's own draft, untouched. */
export function backToDraft(app: App): void {
  dropHash();
  app.open(app.entry, initialState(app.entry));
}

/** The bar above the panes while a shared copy is open. */
export function renderSharedBar(root: HTMLElement, app: App): void {
  root.hidden = !app.shared;
  if (!app.shared) { root.replaceChildren(); return; }
  root.replaceChildren(
    h('span', {}, [h('strong', {}, 'A shared copy'), ` of ${app.entry.id}. Your own draft of this program is kept unchanged; edits here are not saved unless you keep this copy.`]),
    h('button#keep-shared', { type: 'button', onclick: () => keepSharedCopy(app) }, 'Keep this copy as my draft'),
    h('button#back-to-draft', { type: 'button', onclick: () => backToDraft(app) }, 'Back to my draft'),
  );
}
