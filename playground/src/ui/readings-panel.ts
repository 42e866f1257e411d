/**
 * Readings: each ambiguous clause the program declares, with its options. Choosing an
 * option applies it to every scenario (over the scenario's own choice); "as each
 * scenario says" goes back to each scenario's reading or the default.
 */
import type { ProgramMeta } from '../engine/protocol.js';
import { h, clauseChips } from './dom.js';

/** What the panel shows and the callback for a switch. */
export interface ReadingsView {
  meta?: ProgramMeta;
  overrides: Record<string, string>;
  /** After a switch: how many scenarios changed outcome. */
  changedCount?: number;
  onChange(reading: string, option: string | undefined): void;
}

/** Renders the panel into `root`. */
export function renderReadings(root: HTMLElement, v: ReadingsView): void {
  const readings = v.meta?.readings ?? [];
  if (!readings.length) {
    root.replaceChildren(h('h2', {}, 'Readings'), h('p.muted', {}, 'This program declares no alternative readings.'));
    return;
  }
  root.replaceChildren(
    h('div.section-head', {}, [
      h('h2', {}, 'Readings'),
      v.changedCount !== undefined ? h('span.reading-effect', {}, `${v.changedCount} scenario${v.changedCount === 1 ? '' : 's'} changed outcome`) : null,
    ]),
    h('div.reading-rows', {}, readings.map((r) => {
      const current = v.overrides[r.name];
      const select = h('select', {
        title: `${r.title ?? r.name}: choose how to read it`,
        onchange: () => v.onChange(r.name, select.value === '' ? undefined : select.value),
      }, [
        h('option', { value: '', selected: current === undefined }, `as each scenario says (default: ${r.default})`),
        ...r.options.map((o) => h('option', { value: o.name, selected: current === o.name, title: o.description ?? '' },
          `${o.name}${o.name === r.default ? ' (default)' : ''}${o.description ? ` — ${o.description}` : ''}`)),
      ]);
      return h(`div.reading${current !== undefined ? '.overridden' : ''}`, { dataset: { reading: r.name } }, [
        h('div.reading-name', {}, [h('code', {}, r.name), ' ', clauseChips(r.clauses)]),
        h('div.reading-title', { title: r.title ?? '' }, r.title ?? ''),
        select,
      ]);
    })),
  );
}
