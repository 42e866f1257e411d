/**
 * Readings: each ambiguous clause the program declares, with its options. Choosing an
 * option applies it to every scenario (over the scenario's own choice); "as each
 * scenario says" goes back to each scenario's reading or the default. The question and
 * the chosen option's description are shown in full (they wrap); the select shows
 * short option names ("per scenario": as each scenario says) so it is never cut off.
 */
import type { ProgramMeta } from '../engine/protocol.js';
import { h, clauseChips, panelHeading } from './dom.js';

/** What the panel shows and the callback for a switch. */
export interface ReadingsView {
  meta?: ProgramMeta;
  /** True while the program has not compiled once yet (nothing is known about its readings). */
  loading: boolean;
  overrides: Record<string, string>;
  /** After a switch: how many scenarios changed outcome. */
  changedCount?: number;
  onChange(reading: string, option: string | undefined): void;
}

const drawn = new WeakMap<HTMLElement, { meta?: ProgramMeta; key: string; first: ChildNode | null }>();

/**
 * Renders the panel into `root`, unless it shows this view already: the page draws it on
 * every answer of the engine, and the metadata object stays the same while its content does.
 */
export function renderReadings(root: HTMLElement, v: ReadingsView): void {
  const key = JSON.stringify([v.loading, v.overrides, v.changedCount ?? null]);
  const last = drawn.get(root);
  if (last && last.meta === v.meta && last.key === key && last.first === root.firstChild) return;
  draw(root, v);
  drawn.set(root, { meta: v.meta, key, first: root.firstChild });
}

function draw(root: HTMLElement, v: ReadingsView): void {
  const readings = v.meta?.readings ?? [];
  const switched = Object.keys(v.overrides).filter((k) => readings.some((r) => r.name === k)).length;
  const head = h('div.section-head', {}, [
    panelHeading(root, ['Readings ', h('span.counts', {}, v.meta ? `${readings.length}${switched ? `, ${switched} switched` : ''}` : '')]),
    v.changedCount !== undefined ? h('span.reading-effect', {}, `${v.changedCount} scenario${v.changedCount === 1 ? '' : 's'} changed outcome`) : null,
  ]);
  if (!v.meta) {
    root.replaceChildren(head, h('p.muted.panel-body', {}, v.loading ? 'Reading the program…' : 'Readings appear once the rules compile.'));
    return;
  }
  if (!readings.length) {
    root.replaceChildren(head, h('p.muted.panel-body', {}, 'This program declares no alternative readings.'));
    return;
  }
  root.replaceChildren(head, h('div.reading-rows.panel-body', {}, readings.map((r) => {
    const current = v.overrides[r.name];
    const chosen = r.options.find((o) => o.name === (current ?? r.default));
    const select = h('select', {
      title: `${r.title ?? r.name}: choose how to read it`,
      onchange: () => v.onChange(r.name, select.value === '' ? undefined : select.value),
    }, [
      h('option', { value: '', selected: current === undefined }, 'per scenario'),
      ...r.options.map((o) => h('option', { value: o.name, selected: current === o.name, title: o.description ?? '' },
        `${o.name}${o.name === r.default ? ' (default)' : ''}`)),
    ]);
    return h(`div.reading${current !== undefined ? '.overridden' : ''}`, { dataset: { reading: r.name } }, [
      h('div.reading-question', {}, [h('code', {}, r.name), ' ', clauseChips(r.clauses), ' ', h('span.reading-title', {}, r.title ?? '')]),
      select,
      chosen?.description ? h('div.reading-choice', {}, [current === undefined ? 'default: ' : 'chosen: ', h('em', {}, chosen.description)]) : null,
    ]);
  })));
}
