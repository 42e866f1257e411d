/**
 * Share links carry an edit, not a copy: the source as the lines that differ from the
 * shipped program, each scenario as the fields that differ from the shipped scenario of
 * the same name. A fingerprint of the shipped source travels along, so a link made for
 * another version of the program is refused instead of being applied to the wrong text.
 */
import type { Scenario } from '../../runtime/scenario.js';

/** The lines of the shipped source replaced by an edit: keep `p` lines, drop `d`, insert `l`. */
export interface LineEdit { p: number; d: number; l: string[] }

/** One leaf set (`[path, value]`) or removed (`[path]`) in a JSON value. */
export type Patch = [(string | number)[], unknown?][];

/** A scenario: the index of an unchanged shipped one, a patch of one, or a new one. */
export type ScenarioRef = number | { b: number; d: Patch } | { n: Scenario };

/** A 32-bit FNV-1a fingerprint of a text, as base 36. */
export function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

/**
 * The lines of `edited` that differ from `base`, as one replaced block between the
 * common first and last lines (one edit, or several close together, stay small).
 */
export function diffLines(base: string, edited: string): LineEdit {
  const a = base.split('\n'), b = edited.split('\n');
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return { p, d: a.length - p - s, l: b.slice(p, b.length - s) };
}

/** `base` with the edit applied; undefined when the edit does not fit the text. */
export function applyLines(base: string, e: LineEdit): string | undefined {
  const a = base.split('\n');
  if (!Number.isInteger(e.p) || !Number.isInteger(e.d) || !Array.isArray(e.l) || e.p < 0 || e.d < 0 || e.p + e.d > a.length) return undefined;
  if (!e.l.every((x) => typeof x === 'string')) return undefined;
  return [...a.slice(0, e.p), ...e.l, ...a.slice(e.p + e.d)].join('\n');
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The leaves of `next` that differ from `base` (lists of equal length compare by position). */
export function diffJson(base: unknown, next: unknown, path: (string | number)[] = [], out: Patch = []): Patch {
  if (isObj(base) && isObj(next)) {
    for (const k of Object.keys(base)) if (!(k in next)) out.push([[...path, k]]);
    for (const [k, v] of Object.entries(next)) diffJson(base[k], v, [...path, k], out);
  } else if (Array.isArray(base) && Array.isArray(next) && base.length === next.length) {
    next.forEach((v, i) => diffJson(base[i], v, [...path, i], out));
  } else if (JSON.stringify(base) !== JSON.stringify(next)) {
    out.push([path, next]);
  }
  return out;
}

const UNSAFE = new Set(['__proto__', 'constructor', 'prototype']);

/** `base` (not changed) with a patch applied; undefined when the patch is malformed. */
export function applyJson<T>(base: T, patch: Patch): T | undefined {
  if (!Array.isArray(patch)) return undefined;
  let root: unknown = structuredClone(base);
  for (const op of patch) {
    if (!Array.isArray(op) || !Array.isArray(op[0])) return undefined;
    const path = op[0];
    if (path.some((k) => (typeof k !== 'string' && typeof k !== 'number') || UNSAFE.has(String(k)))) return undefined;
    if (!path.length) { root = op.length > 1 ? op[1] : undefined; continue; }
    let at = root as Record<string | number, unknown>;
    for (const k of path.slice(0, -1)) {
      if (!at || typeof at !== 'object') return undefined;
      if (!at[k] || typeof at[k] !== 'object') at[k] = typeof k === 'number' ? [] : {};
      at = at[k] as Record<string | number, unknown>;
    }
    if (!at || typeof at !== 'object') return undefined;
    const last = path[path.length - 1]!;
    if (op.length > 1) at[last] = op[1];
    else if (Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
    else delete at[last];
  }
  return root as T;
}

/** The scenarios as references to the shipped ones where possible. */
export function diffScenarios(base: Scenario[], next: Scenario[]): ScenarioRef[] {
  return next.map((s) => {
    const i = base.findIndex((b) => b.name === s.name);
    if (i < 0) {
      const j = base.findIndex((b) => JSON.stringify({ ...b, name: s.name }) === JSON.stringify(s));
      return j >= 0 ? { b: j, d: [[['name'], s.name]] } : { n: s };
    }
    const d = diffJson(base[i], s);
    return d.length ? { b: i, d } : i;
  });
}

/** The scenarios the references describe; undefined when one does not fit. */
export function applyScenarios(base: Scenario[], refs: ScenarioRef[]): Scenario[] | undefined {
  if (!Array.isArray(refs)) return undefined;
  const out: Scenario[] = [];
  for (const r of refs) {
    let s: Scenario | undefined;
    if (typeof r === 'number') s = base[r] && structuredClone(base[r]);
    else if (isObj(r) && 'n' in r) s = r.n;
    else if (isObj(r) && typeof r.b === 'number' && base[r.b]) s = applyJson(base[r.b]!, r.d);
    if (!s || typeof s !== 'object' || typeof s.name !== 'string') return undefined;
    out.push(s);
  }
  return out;
}
