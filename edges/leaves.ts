/**
 * The input fields an edge search may move: amounts, counts, decimals, dates and
 * instants, found by walking a scenario's input along the program's input types.
 * Each moves in the program's own unit: one minor unit of the rounding, one, one day,
 * one second (instants are written back in the program's zone).
 */
import type { Artifact, Ty } from '../runtime/ir.js';
import { Dec } from '../runtime/values/decimal.js';
import { parseIsoDate, isoDate } from '../runtime/values/calendar-date.js';
import { parseInstant, formatInstant } from '../runtime/values/instant.js';

export type LeafKind = 'money' | 'integer' | 'decimal' | 'percent' | 'date' | 'instant' | 'as_of';

/** One movable input field. `path` is its place in the input JSON; the evaluation instant has the path ['as_of']. */
export interface Leaf {
  path: (string | number)[];
  /** `$.purchases[0].amount`, or `--as-of` for the evaluation instant. */
  label: string;
  kind: LeafKind;
  /** Where the value starts, as a number of units from zero (days, seconds, minor units). */
  origin: number;
  /** How one unit is written back: the JSON value at `origin + k` units. */
  write(k: number): unknown;
  /** The unit in words: "0.01 RUB", "1 day", "1 second". */
  unit: string;
}

const SECOND = 1000;
const TIME = /T\d{2}:\d{2}/;

/** `$.purchases[0].amount` from a path. */
export function pathLabel(path: (string | number)[]): string {
  return path[0] === 'as_of' && path.length === 1 ? '--as-of' : `$${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
}

function decimalLeaf(text: string, suffix: string, asNumber: boolean): Omit<Leaf, 'path' | 'label' | 'kind'> | undefined {
  const m = /^(-?\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const scale = m[2]?.length ?? 0;
  const step = new Dec(1).div(new Dec(10).pow(scale));
  const origin = new Dec(text).div(step).toNumber();
  return {
    origin,
    write: (k) => { const s = step.times(origin + k).toFixed(scale); return asNumber ? Number(s) : `${s}${suffix}`; },
    unit: `${step.toFixed(scale)}${suffix.trim() ? suffix : ''}`,
  };
}

function leafOf(v: unknown, t: Ty, scale: number, zone: string): Omit<Leaf, 'path' | 'label'> | undefined {
  switch (t.k) {
    case 'money': {
      if (typeof v !== 'string') return undefined;
      const m = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/.exec(v.trim());
      if (!m) return undefined;
      // in the program's rounding unit (0.01 RUB, 1 KZT), whatever the scenario wrote
      const amount = new Dec(m[1]!).toFixed(scale);
      const d = decimalLeaf(amount, ` ${m[2]}`, false);
      return d && { ...d, kind: 'money' };
    }
    case 'integer': return typeof v === 'number' && Number.isInteger(v) ? { kind: 'integer', origin: v, write: (k) => v + k, unit: '1' } : undefined;
    case 'decimal': {
      const d = typeof v === 'number' ? decimalLeaf(String(v), '', true) : typeof v === 'string' ? decimalLeaf(v.trim(), '', false) : undefined;
      return d && { ...d, kind: 'decimal' };
    }
    case 'percent': {
      if (typeof v !== 'string' || !v.trim().endsWith('%')) return undefined;
      const d = decimalLeaf(v.trim().slice(0, -1), '%', false);
      return d && { ...d, kind: 'percent' };
    }
    case 'date': {
      const day = typeof v === 'string' ? parseIsoDate(v) : undefined;
      return day === undefined ? undefined : { kind: 'date', origin: day, write: (k) => isoDate(day + k), unit: '1 day' };
    }
    case 'instant': return instantLeaf(v, zone, 'instant');
    default: return undefined;
  }
}

/** An instant moved in whole seconds, written in the program's zone (so 23:59:59 and 00:00:00 read as the program reads them). */
export function instantLeaf(v: unknown, zone: string, kind: 'instant' | 'as_of'): Omit<Leaf, 'path' | 'label'> | undefined {
  if (typeof v !== 'string' || !TIME.test(v)) return undefined;
  const r = parseInstant(v);
  if ('error' in r) return undefined;
  const origin = Math.floor(r.ms / SECOND);
  return { kind, origin, write: (k) => formatInstant((origin + k) * SECOND, zone), unit: '1 second' };
}

/** Every movable field of an input, in input order. */
export function inputLeaves(artifact: Artifact, input: unknown): Leaf[] {
  const unit = artifact.program.rounding.unit;
  const scale = unit.includes('.') ? unit.split('.')[1]!.length : 0;
  const zone = artifact.program.zone;
  const out: Leaf[] = [];
  const walk = (v: unknown, t: Ty, path: (string | number)[]): void => {
    if (v === null || v === undefined) return;
    if (t.k === 'optional') { walk(v, t.of, path); return; }
    if (t.k === 'list') { if (Array.isArray(v)) v.forEach((x, i) => walk(x, t.of, [...path, i])); return; }
    if (t.k === 'record' || t.k === 'struct') {
      if (typeof v !== 'object' || Array.isArray(v)) return;
      const fields = t.k === 'record' ? artifact.records[t.name]?.fields ?? [] : t.fields;
      for (const f of fields) if (Object.prototype.hasOwnProperty.call(v, f.name)) walk((v as Record<string, unknown>)[f.name], f.type, [...path, f.name]);
      return;
    }
    const leaf = leafOf(v, t, scale, zone);
    if (leaf) out.push({ ...leaf, path, label: pathLabel(path) });
  };
  if (input && typeof input === 'object') {
    for (const i of artifact.inputs) if (Object.prototype.hasOwnProperty.call(input, i.name)) walk((input as Record<string, unknown>)[i.name], i.type, [i.name]);
  }
  return out;
}

/** A copy of `input` with the value at `path` replaced. */
export function withValue(input: unknown, path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  if (Array.isArray(input)) return input.map((x, i) => (i === head ? withValue(x, rest, value) : x));
  const o = { ...(input as Record<string, unknown>) };
  // defineProperty: a field named __proto__ stays a plain field
  Object.defineProperty(o, head as string, { value: withValue(o[head as string], rest, value), enumerable: true, writable: true, configurable: true });
  return o;
}

/** Whether a JSON value holds a time of day (an instant) rather than a date. */
export function isInstantText(v: unknown): boolean {
  return typeof v === 'string' && TIME.test(v);
}

export { SECOND };
