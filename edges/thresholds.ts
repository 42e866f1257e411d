/**
 * Threshold tests of one occurrence: a comparison is one test, an interval two (its
 * start and its end), a version of `in force on` up to two (its first and last day),
 * a table cell one or two. Each has a margin (left minus right) whose sign decides it.
 */
import type { Occurrence } from './probe.js';
import { isDec, type Dec } from '../runtime/values/decimal.js';
// the evaluator's own operator test, so an edge's outcome is decided exactly as evaluation decides it
import { test } from '../runtime/eval/common.js';

export type Op = '=' | '<>' | '<' | '<=' | '>' | '>=';

/** One test `left op right` on numbers, days or instants. */
export interface Threshold {
  /** occurrence id + which part: `…|cmp`, `…|start`, `…|end`, or `…|cut0` (between versions 0 and 1). */
  id: string;
  part: string;
  op: Op;
  /** 'num' (decimals), 'day' (day numbers) or 'ms' (epoch milliseconds). */
  kind: 'num' | 'day' | 'ms';
  left: unknown;
  right: unknown;
  outcome: boolean;
  occ: Occurrence;
}

const ORDERED = new Set(['num', 'day', 'ms']);

/** left − right as a number (its sign and rough size are what matter). */
export function margin(kind: string, left: unknown, right: unknown): number | undefined {
  if (left === null || left === undefined || right === null || right === undefined) return undefined;
  if (kind === 'num') return isDec(left) && isDec(right) ? (left as Dec).minus(right as Dec).toNumber() : undefined;
  return typeof left === 'number' && typeof right === 'number' ? left - right : undefined;
}

/** The threshold tests of an occurrence (none for text, booleans or absent values). */
export function thresholdsOf(occ: Occurrence): Threshold[] {
  const o = occ.o;
  if (!ORDERED.has(o.cmpKind)) return [];
  const kind = o.cmpKind as Threshold['kind'];
  const out: Threshold[] = [];
  const add = (part: string, op: Op, right: unknown) => {
    const m = margin(kind, o.left, right);
    if (m !== undefined) out.push({ id: `${occ.id}|${part}`, part, op, kind, left: o.left, right, outcome: test(op, m), occ });
  };
  switch (o.kind) {
    case 'cmp': add('cmp', o.op as Op, o.right); break;
    case 'cell':
      if (o.op === 'in' || o.op === 'not_in') {
        // a cell of one number is an equality; a list of several is left to the table check
        const values = o.right as unknown[];
        if (values.length === 1) add('cmp', o.op === 'in' ? '=' : '<>', values[0]);
      } else if (o.op === 'within') {
        const iv = o.interval!;
        add('start', iv.si ? '>=' : '>', iv.start);
        add('end', iv.ei ? '<=' : '<', iv.end);
      } else add('cmp', o.op as Op, o.right);
      break;
    case 'within': {
      const iv = o.interval!;
      add('start', iv.si ? '>=' : '>', iv.start);
      add('end', iv.ei ? '<=' : '<', iv.end);
      break;
    }
    case 'version': {
      // the cut-offs on either side of the version in force: "on or before its last day"
      const vs = o.versions ?? [];
      const c = o.chosen ?? -1;
      for (const i of [c - 1, c]) {
        if (i < 0 || i + 1 >= vs.length) continue;
        const until = vs[i]!.until, from = vs[i + 1]!.from;
        if (until !== undefined) add(`cut${i}`, '<=', until);
        else if (from !== undefined) add(`cut${i}`, '<', from);
      }
      break;
    }
    default: break;
  }
  return out;
}

/** The threshold with this id in an evaluation, if it made that test. */
export function findThreshold(occurrences: Map<string, Occurrence>, id: string): Threshold | undefined {
  const cut = id.lastIndexOf('|');
  const occ = occurrences.get(id.slice(0, cut));
  return occ && thresholdsOf(occ).find((t) => t.id === id);
}
