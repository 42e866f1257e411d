/**
 * A form for a scenario's input, generated from the program's typed input declaration
 * (the artifact's `inputs`, `records` and `enums`, from which its input JSON Schema is
 * also made): dates with a date picker, instants with a date-time picker in the
 * program's zone, money as an amount beside its currency, enums as selects showing
 * their labels, optional fields that can be cleared, lists whose items can be added,
 * duplicated and removed. A value that cannot be right (an amount with letters, an empty
 * date) is reported next to its field and makes the input invalid; evaluation problems
 * (`$.purchases[0].amount …`) are shown next to the field they name.
 */
import type { Ty } from '../../../runtime/ir.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { h } from './dom.js';
import { isoToLocal, localToIso } from './zone-time.js';

/** A problem to show next to a field, by JSON path (`$.purchases[0].amount`). */
export interface FieldProblem { path: string; message: string }

/** Where a value lives: read it, replace it, or (undefined) remove it. */
interface Slot { get(): unknown; set(v: unknown): void }

type Obj = Record<string, unknown>;
const AMOUNT = /^-?\d+(\.\d+)?$/;

/** The form; `render` rebuilds it from a value, `onChange` reports every edit. */
export class InputForm {
  private value: Obj = {};
  private meta?: ProgramMeta;
  private invalid = new Map<string, string>();

  constructor(readonly root: HTMLElement, private onChange: (value: unknown, problem: string | undefined) => void) {}

  /** Rebuilds the form for `value` (the scenario's input). */
  render(value: unknown, meta: ProgramMeta | undefined): void {
    this.value = value && typeof value === 'object' && !Array.isArray(value) ? value as Obj : {};
    this.meta = meta;
    this.invalid.clear();
    this.draw();
  }

  /** The input as the form holds it (what the next edit will send). */
  current(): unknown {
    return this.value;
  }

  /** Shows evaluation problems next to their fields (the nearest field that exists). */
  showProblems(problems: FieldProblem[]): void {
    this.root.querySelectorAll('.field-message.from-run').forEach((m) => { m.textContent = ''; m.classList.remove('from-run'); });
    for (const p of problems) {
      let path = p.path;
      let slot: Element | null = null;
      while (!(slot = this.root.querySelector(`.field-message[data-path="${CSS.escape(path)}"]`)) && path.length > 1) path = path.replace(/(\.[^.[\]]+|\[\d+\])$/, '') || '$';
      const target = slot ?? this.root.querySelector('.form-message');
      if (target && !target.textContent) { target.textContent = p.message; target.classList.add('from-run'); }
    }
  }

  private draw(): void {
    const scroll = this.root.scrollTop;
    if (!this.meta) { this.root.replaceChildren(h('p.muted', {}, 'The form appears once the rules compile; use the JSON tab meanwhile.')); return; }
    const rows = this.meta.inputs.map((i) => this.field(i.type, this.key(this.value, i.name), `$.${i.name}`, i.name, i.doc));
    this.root.replaceChildren(h('div.form-message.field-message', { dataset: { path: '$' } }), h('div.form-fields', {}, rows));
    this.root.scrollTop = scroll;
  }

  private key(o: Obj, k: string): Slot {
    return { get: () => o[k], set: (v) => { if (v === undefined) delete o[k]; else o[k] = v; } };
  }

  private emit(path: string, problem?: string): void {
    if (problem) this.invalid.set(path, problem); else this.invalid.delete(path);
    const msg = this.root.querySelector(`.field-message[data-path="${CSS.escape(path)}"]`);
    if (msg) { msg.textContent = problem ?? ''; msg.classList.remove('from-run'); }
    const first = this.invalid.entries().next().value as [string, string] | undefined;
    this.onChange(this.value, first ? `${first[0]}: ${first[1]}` : undefined);
  }

  private restructure(): void {
    this.draw();
    this.emit('$');
  }

  private field(ty: Ty, slot: Slot, path: string, label: string, doc?: string): HTMLElement {
    const head = h('span.field-label', { title: doc ?? '' }, [h('code', {}, label), doc ? h('span.field-doc', {}, ` ${doc}`) : null]);
    const message = h('span.field-message', { dataset: { path }, role: 'alert' });
    if (ty.k === 'optional') {
      if (slot.get() === undefined || slot.get() === null) {
        return h('div.field.optional.absent', { dataset: { path } }, [head, h('span.absent', {}, 'absent'),
          h('button.small.set-field', { type: 'button', onclick: () => { slot.set(this.blank(ty.of)); this.restructure(); } }, 'set'), message]);
      }
      const inner = this.field(ty.of, slot, path, label, doc);
      inner.classList.add('optional');
      inner.insertBefore(h('button.small.clear-field', { type: 'button', title: 'remove this optional value', onclick: () => { slot.set(undefined); this.restructure(); } }, 'clear'), inner.querySelector(`:scope > .field-message`));
      return inner;
    }
    if (ty.k === 'list') return this.list(ty.of, slot, path, head, message);
    if (ty.k === 'record' || ty.k === 'struct') {
      const fields = ty.k === 'record' ? this.meta!.records[ty.name]?.fields ?? [] : ty.fields;
      let rec = slot.get() as Obj;
      if (!rec || typeof rec !== 'object') { rec = {}; slot.set(rec); }
      return h('fieldset.record', { dataset: { path } }, [h('legend', {}, head), message,
        ...fields.map((f) => this.field(f.type, this.key(rec, f.name), `${path}.${f.name}`, f.name, 'doc' in f ? f.doc as string | undefined : undefined))]);
    }
    return h('label.field', { dataset: { path } }, [head, this.control(ty, slot, path), message]);
  }

  private list(of: Ty, slot: Slot, path: string, head: HTMLElement, message: HTMLElement): HTMLElement {
    let items = slot.get() as unknown[];
    if (!Array.isArray(items)) { items = []; slot.set(items); }
    const idOf = (x: unknown) => (x && typeof x === 'object' ? Object.entries(x as Obj).find(([k]) => k === 'id' || k.endsWith('_id'))?.[1] : undefined);
    return h('div.field-list', { dataset: { path } }, [
      h('div.list-head', {}, [head, h('span.counts', {}, ` ${items.length} item${items.length === 1 ? '' : 's'}`), message]),
      ...items.map((item, i) => {
        const p = `${path}[${i}]`;
        const id = idOf(item);
        const at: Slot = { get: () => items[i], set: (v) => { items[i] = v; } };
        return h('div.list-item', { dataset: { path: p } }, [
          h('div.item-head', {}, [h('strong', {}, `${i + 1}${id !== undefined ? ` · ${String(id)}` : ''}`),
            h('button.small.duplicate-item', { type: 'button', onclick: () => { items.splice(i + 1, 0, structuredClone(items[i])); this.restructure(); } }, 'duplicate'),
            h('button.small.remove-item', { type: 'button', onclick: () => { items.splice(i, 1); this.restructure(); } }, 'remove')]),
          of.k === 'record' || of.k === 'struct' ? this.recordBody(of, at, p) : this.field(of, at, p, `${i + 1}`),
        ]);
      }),
      h('button.small.add-item', { type: 'button', onclick: () => { items.push(items.length ? structuredClone(items[items.length - 1]) : this.blank(of)); this.restructure(); } }, 'add'),
    ]);
  }

  private recordBody(ty: Ty, slot: Slot, path: string): HTMLElement {
    const f = this.field(ty, slot, path, '');
    f.querySelector(':scope > legend')?.remove();
    return f;
  }

  private control(ty: Ty, slot: Slot, path: string): HTMLElement {
    const v = slot.get();
    const zone = this.meta!.program.zone ?? 'UTC';
    const text = (attrs: Record<string, unknown>, parse: (s: string) => { value?: unknown; problem?: string }) => {
      const input = h('input', { type: 'text', ...attrs });
      input.addEventListener('input', () => {
        const r = parse(input.value);
        if (!r.problem) slot.set(r.value);
        input.classList.toggle('invalid', !!r.problem);
        this.emit(path, r.problem);
      });
      return input;
    };
    switch (ty.k) {
      case 'money': {
        // shown grouped as people write amounts (14 400.00); spaces are dropped when read back
        const amount = typeof v === 'string' ? v.replace(/ [A-Z]{3}$/, '').replace(/^(-?\d+)/, (x) => x.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')) : '';
        const input = text({ value: amount, inputmode: 'decimal', class: 'money-amount' }, (s) => {
          const a = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
          return AMOUNT.test(a) ? { value: `${a} ${ty.cur}` } : { problem: `an amount in ${ty.cur}, such as 14400.00` };
        });
        return h('span.money-control', {}, [input, h('span.currency', {}, ty.cur)]);
      }
      case 'money_of': {
        // money in one of several currencies: the amount and its currency, written together
        const input = text({ value: typeof v === 'string' ? v : '', inputmode: 'decimal', class: 'money-amount' }, (s) => {
          const m = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(s.replace(/[\s\u00a0](?=\d)/g, '').replace(',', '.').trim());
          return m && ty.curs.includes(m[2]!) ? { value: `${m[1]} ${m[2]}` } : { problem: `an amount in ${ty.curs.join(' or ')}, such as 2500.00 ${ty.curs[0]}` };
        });
        return h('span.money-control', {}, [input, h('span.currency', {}, ty.curs.join(' / '))]);
      }
      case 'unit': {
        // an amount of a declared unit: the number in the box, the unit beside it
        const amount = typeof v === 'string' ? v.slice(0, Math.max(0, v.lastIndexOf(' '))) : '';
        const input = text({ value: amount, inputmode: 'decimal', class: 'money-amount' }, (s) => {
          const a = s.replace(/[\s\u00a0]/g, '').replace(',', '.');
          return AMOUNT.test(a) ? { value: `${a} ${ty.unit}` } : { problem: `an amount in ${ty.unit}, such as 120` };
        });
        return h('span.money-control', {}, [input, h('span.currency', {}, ty.unit)]);
      }
      case 'date': {
        const input = h('input', { type: 'date', value: typeof v === 'string' ? v : '' });
        input.addEventListener('change', () => { if (input.value) slot.set(input.value); this.emit(path, input.value ? undefined : 'pick a date'); });
        return input;
      }
      case 'instant': {
        const input = h('input', { type: 'datetime-local', step: '1', value: typeof v === 'string' ? isoToLocal(v, zone) : '' });
        input.addEventListener('change', () => {
          const iso = localToIso(input.value, zone);
          if (iso) slot.set(iso);
          this.emit(path, iso ? undefined : 'pick a date and a time');
        });
        return h('span.instant-control', {}, [input, h('span.zone', { title: 'the time is read in the program’s zone' }, zone)]);
      }
      case 'boolean': {
        const input = h('input', { type: 'checkbox', checked: v === true });
        input.addEventListener('change', () => { slot.set(input.checked); this.emit(path); });
        return input;
      }
      case 'enum': {
        const e = this.meta!.enums[ty.name];
        const select = h('select', { onchange: () => { slot.set(select.value); this.emit(path); } }, (e?.values ?? []).map((x) =>
          h('option', { value: x, selected: x === v }, e!.labels[x] ? `${e!.labels[x]} (${x})` : x)));
        if (typeof v === 'string' && !e?.values.includes(v)) select.prepend(h('option', { value: v, selected: true }, `${v} (not a value of ${ty.name})`));
        return select;
      }
      case 'integer': case 'decimal': case 'percent':
        return text({ value: v === undefined ? '' : String(v), inputmode: 'decimal' }, (s) => {
          const t = s.trim();
          const ok = ty.k === 'integer' ? /^-?\d+$/.test(t) : ty.k === 'percent' ? /^-?\d+(\.\d+)?%?$/.test(t) : AMOUNT.test(t);
          if (!ok) return { problem: ty.k === 'integer' ? 'a whole number' : ty.k === 'percent' ? 'a percentage such as 20%' : 'a number such as 12.5' };
          return { value: typeof v === 'number' && ty.k !== 'percent' ? Number(t) : t };
        });
      case 'text':
        return text({ value: typeof v === 'string' ? v : '' }, (s) => ({ value: s }));
      default:
        return text({ value: JSON.stringify(v) ?? '', class: 'json-value' }, (s) => {
          try { return { value: JSON.parse(s) }; } catch { return { problem: 'a JSON value (see the JSON tab for the format)' }; }
        });
    }
  }

  /** A starting value for a field that is added or set. */
  private blank(ty: Ty): unknown {
    const zone = this.meta?.program.zone ?? 'UTC';
    const today = new Date().toISOString().slice(0, 10);
    switch (ty.k) {
      case 'money': return `0.00 ${ty.cur}`;
      case 'unit': return `0 ${ty.unit}`;
      case 'money_of': return `0.00 ${ty.curs[0]}`;
      case 'date': return today;
      case 'instant': return localToIso(`${today}T00:00`, zone);
      case 'boolean': return false;
      case 'integer': return 0;
      case 'decimal': return '0';
      case 'percent': return '0%';
      case 'text': return '';
      case 'enum': return this.meta?.enums[ty.name]?.values[0] ?? '';
      case 'list': return [];
      case 'optional': return undefined;
      case 'record': case 'struct': {
        const fields = ty.k === 'record' ? this.meta?.records[ty.name]?.fields ?? [] : ty.fields;
        return Object.fromEntries(fields.filter((f) => f.type.k !== 'optional').map((f) => [f.name, this.blank(f.type)]));
      }
      default: return null;
    }
  }
}
