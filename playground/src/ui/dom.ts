/**
 * A tiny DOM helper: `h('div.card', {onclick}, ['text', child])`. Text is always set
 * as text, never as HTML, so program and scenario content cannot inject markup.
 */

type Attrs = Record<string, unknown>;
type Child = Node | string | number | false | null | undefined | Child[];

/** Creates an element from a tag with optional `.class` and `#id` parts, attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(spec: K | `${K}${'.' | '#'}${string}`, attrs: Attrs = {}, children: Child | Child[] = []): HTMLElementTagNameMap[K] {
  const tag = /^[a-z0-9]+/.exec(spec)![0];
  const id = /#([\w-]+)/.exec(spec)?.[1];
  const classes = [...spec.matchAll(/\.([\w-]+)/g)].map((m) => m[1]);
  const el = document.createElement(tag as K);
  if (id) el.id = id;
  if (classes.length) el.className = classes.join(' ');
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v as EventListener);
    else if (k === 'class') el.className = [el.className, String(v)].filter(Boolean).join(' ');
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el: Node, c: Child | Child[]): void {
  if (c === null || c === undefined || c === false) return;
  if (Array.isArray(c)) { c.forEach((x) => append(el, x)); return; }
  el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
}

/** Sets `el`'s text unless it shows that text already (a write of the same text still makes the page lay out again). */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Replaces the children of `el`. */
export function mount(el: Element, children: Child | Child[]): void {
  el.replaceChildren();
  append(el, children);
}

/** Clause citations as small chips. */
export function clauseChips(clauses: string[] | undefined): HTMLElement | null {
  if (!clauses?.length) return null;
  return h('span.clauses', {}, clauses.map((c) => h('span.clause', { title: `clause ${c}` }, c)));
}

/** Offers text as a file download. */
export function download(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = h('a', { href: url, download: name });
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The heading of a foldable panel (see `collapsible` in layout.ts): click or Enter folds it. */
export function panelHeading(panel: HTMLElement, children: Child | Child[]): HTMLElement {
  return h('h2.collapser', { tabindex: '0', role: 'button', 'aria-expanded': String(!panel.classList.contains('collapsed')), title: 'fold or unfold' }, children);
}

/** A child to be shown: `key` says everything it shows; `make` draws it. */
export interface Part { key: string; make: () => Node }

const partKeys = new WeakMap<Node, string>();

/**
 * Makes `parent`'s children the given parts, in order, keeping every child already drawn
 * with the same key (moved if need be) and drawing only the others: an answer to a
 * keystroke changes a few values, so the rest of a panel (and what the user opened or
 * scrolled in it) stays as it is. Keys must differ among one parent's parts.
 */
export function patch(parent: Element, parts: Part[]): void {
  const old = new Map<string, Node>();
  for (const c of Array.from(parent.childNodes)) {
    const k = partKeys.get(c);
    if (k !== undefined && !old.has(k)) old.set(k, c);
  }
  parts.forEach((p, i) => {
    let node = old.get(p.key);
    old.delete(p.key);
    if (!node) { node = p.make(); partKeys.set(node, p.key); }
    const at = parent.childNodes[i];
    if (at !== node) parent.insertBefore(node, at ?? null);
  });
  while (parent.childNodes.length > parts.length) parent.lastChild!.remove();
}

