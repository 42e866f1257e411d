/**
 * The page skeleton: a header (program picker, title, source, actions), the rules
 * editor with its problems on the left, readings, scenarios and the tabbed result
 * views on the right.
 */
import type { ProgramEntry } from '../programs.js';
import { h } from './dom.js';

/** The actions the header offers. */
export interface HeaderActions {
  onProgram(id: string): void;
  onShare(): void;
  onDownloadRules(): void;
  onDownloadScenarios(): void;
  onRevert(): void;
}

/** The elements the app renders into. */
export interface Layout {
  picker: HTMLSelectElement;
  title: HTMLElement;
  source: HTMLElement;
  status: HTMLElement;
  shareBox: HTMLInputElement;
  revert: HTMLButtonElement;
  banner: HTMLElement;
  /** The bar shown while a shared copy is open. */
  sharedBar: HTMLElement;
  editorHost: HTMLElement;
  problems: HTMLElement;
  readings: HTMLElement;
  scenarios: HTMLElement;
  tabs: Record<TabName, HTMLElement>;
  showTab(name: TabName): void;
  activeTab(): TabName;
}

/** The tabs of the right-hand pane. */
export type TabName = 'result' | 'input' | 'edges' | 'impact' | 'program';
const TAB_LABELS: Record<TabName, string> = { result: 'Result & explanation', input: 'Input', edges: 'Edges', impact: 'Impact of the edit', program: 'Program & clauses' };

/** Builds the skeleton into `root`. */
export function buildLayout(root: HTMLElement, programs: ProgramEntry[], a: HeaderActions): Layout {
  const picker = h('select#program-picker', { title: 'Program', onchange: () => a.onProgram(picker.value) }, [
    ...(['programs', 'examples'] as const).map((g) => {
      const list = programs.filter((p) => p.group === g);
      return list.length ? h('optgroup', { label: g === 'programs' ? 'programs/' : 'examples' }, list.map((p) => h('option', { value: p.id }, p.id))) : null;
    }),
  ]);
  const shareBox = h('input#share-link', { type: 'text', readOnly: true, placeholder: 'share link appears here', onfocus: () => shareBox.select() });
  const revert = h('button#revert', { type: 'button', onclick: a.onRevert, title: 'Drop your edits of this program and its scenarios' }, 'Revert to saved');
  const tabs = Object.fromEntries((Object.keys(TAB_LABELS) as TabName[]).map((t) => [t, h(`section.tab-panel#tab-${t}`, { role: 'tabpanel' })])) as Record<TabName, HTMLElement>;
  let active: TabName = 'result';
  const tabButtons = (Object.keys(TAB_LABELS) as TabName[]).map((t) => h(`button.tab#tab-button-${t}`, { type: 'button', role: 'tab', onclick: () => showTab(t) }, TAB_LABELS[t]));
  const showTab = (t: TabName) => {
    active = t;
    tabButtons.forEach((b) => b.classList.toggle('active', b.id === `tab-button-${t}`));
    Object.entries(tabs).forEach(([k, el]) => el.classList.toggle('active', k === t));
    root.dispatchEvent(new CustomEvent('tabchange', { detail: t }));
  };
  const l: Layout = {
    picker, shareBox, revert,
    title: h('span#program-title'), source: h('span#program-source'), status: h('span#status'),
    banner: h('div#banner', { role: 'alert', hidden: true }),
    sharedBar: h('div#shared-bar', { role: 'status', hidden: true }),
    editorHost: h('div#rules-editor'), problems: h('div#problems'),
    readings: collapsible(h('section#readings.panel')), scenarios: collapsible(h('section#scenarios.panel')),
    tabs, showTab, activeTab: () => active,
  };
  root.replaceChildren(
    h('header.top', {}, [
      h('div.brand', {}, 'Rulebook'), picker,
      h('div.program-id', {}, [l.title, l.source]),
      h('div.actions', {}, [
        h('button#share', { type: 'button', onclick: a.onShare, title: 'A link that restores the edited program, the selected scenario and the readings' }, 'Share link'),
        shareBox,
        h('button#download-rules', { type: 'button', onclick: a.onDownloadRules }, 'Download .rules'),
        h('button#download-scenarios', { type: 'button', onclick: a.onDownloadScenarios }, 'Download scenarios'),
        revert, l.status,
      ]),
    ]),
    l.banner,
    l.sharedBar,
    h('main.panes', {}, [
      h('div.pane.left', {}, [l.editorHost, l.problems]),
      splitter(),
      h('div.pane.right', {}, [l.readings, l.scenarios, h('nav.tabs', { role: 'tablist' }, tabButtons), h('div.tab-panels', {}, Object.values(tabs))]),
    ]),
  );
  showTab('result');
  return l;
}

/**
 * Lets the user fold a panel by clicking its heading (`h2.collapser`, drawn by the
 * panel's renderer). The folded state lives on the section, so it survives re-renders.
 */
function collapsible(section: HTMLElement): HTMLElement {
  const toggle = (e: Event) => {
    const head = (e.target as HTMLElement).closest('.collapser');
    if (!head || !section.contains(head)) return;
    if (e instanceof KeyboardEvent && e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    section.classList.toggle('collapsed');
    head.setAttribute('aria-expanded', String(!section.classList.contains('collapsed')));
  };
  section.addEventListener('click', toggle);
  section.addEventListener('keydown', toggle);
  return section;
}

/** The bar between the panes: drag it to give the results (or the rules) more room. */
function splitter(): HTMLElement {
  const bar = h('div.splitter', { role: 'separator', 'aria-orientation': 'vertical', title: 'Drag to resize the panes' });
  bar.addEventListener('pointerdown', (down: PointerEvent) => {
    const main = bar.parentElement!;
    bar.setPointerCapture(down.pointerId);
    const move = (e: PointerEvent) => {
      const box = main.getBoundingClientRect();
      const left = Math.min(Math.max(e.clientX - box.left, 320), box.width - 360);
      main.style.setProperty('--left', `${left}px`);
    };
    const up = () => { bar.removeEventListener('pointermove', move); bar.removeEventListener('pointerup', up); };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  });
  return bar;
}
