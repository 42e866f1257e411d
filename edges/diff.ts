/** A structural diff of two JSON values: one row per changed leaf, with its path. */

export interface DiffRow { path: string; before: unknown; after: unknown }

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Rows for every leaf that differs between `a` and `b`; an added or removed item is one row. */
export function diffJson(a: unknown, b: unknown, path = '$'): DiffRow[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    const rows: DiffRow[] = [];
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      if (i >= a.length) rows.push({ path: `${path}[${i}]`, before: undefined, after: b[i] });
      else if (i >= b.length) rows.push({ path: `${path}[${i}]`, before: a[i], after: undefined });
      else rows.push(...diffJson(a[i], b[i], `${path}[${i}]`));
    }
    return rows;
  }
  if (isObj(a) && isObj(b)) {
    const rows: DiffRow[] = [];
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) rows.push(...diffJson(a[k], b[k], /^[\p{L}_][\p{L}\p{N}_]*$/u.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`));
    return rows;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, before: a, after: b }];
}
