/**
 * Inputs for the differential test, generated from a program's typed inputs: values
 * near the program's own constants (threshold boundaries), leap days and month ends,
 * instants around midnight and DST changes, empty and short lists, very large amounts,
 * absent optionals — and now and then a value of the wrong type, so error results are
 * compared too. Also the programs both it and the explanation identity test run on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parse as parseYaml } from 'yaml';
import type { Artifact, Expr, Ty } from '../../runtime/ir.js';
import { isoDate, parseIsoDate } from '../../runtime/values/calendar-date.js';

type Arb = fc.Arbitrary<unknown>;

/** Constants of the program by kind, walked from every expression of the IR. */
export interface Boundaries { amounts: string[]; days: number[]; integers: number[] }

/** Collects the program's constants: its thresholds are where evaluators could disagree. */
export function boundaries(artifact: Artifact): Boundaries {
  const b: Boundaries = { amounts: ['0', '0.01', '999999999999999999.99'], days: [], integers: [0, 1] };
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) { x.forEach(walk); return; }
    if (!x || typeof x !== 'object') return;
    const e = x as Expr & { type?: Ty; value?: unknown };
    if (e.op === 'const' && e.type) {
      const k = e.type.k;
      if ((k === 'money' || k === 'unit' || k === 'percent' || k === 'decimal') && typeof e.value === 'string') b.amounts.push(e.value);
      if (k === 'integer' && typeof e.value === 'string') b.integers.push(Number(e.value));
      if (k === 'date' && typeof e.value === 'number') b.days.push(e.value);
    }
    for (const v of Object.values(x)) walk(v);
  };
  walk(artifact.definitions);
  walk(artifact.outputs);
  return b;
}

const LEAP_AND_EDGES = ['2024-02-28', '2024-02-29', '2024-03-01', '2025-02-28', '2025-03-01', '2024-12-31', '2025-01-01', '2025-01-31', '2025-03-30', '2025-10-26', '2025-06-30', '2025-07-01', '2028-02-29'];
const DAY_MS = 86_400_000;

/** An amount near a boundary: the constant itself, one cent either side, scaled, or arbitrary. */
function amount(b: Boundaries, scale: number): fc.Arbitrary<string> {
  const near = fc.tuple(fc.constantFrom(...b.amounts), fc.constantFrom(-1, 0, 0, 1, 100)).map(([a, d]) => {
    const cents = BigInt(Math.round(Number(a) * 10 ** scale)) + BigInt(d);
    return fmt(cents < 0n ? -cents : cents, scale);
  });
  const any = fc.bigInt({ min: 0n, max: 10n ** 12n }).map((c) => fmt(c, scale));
  return fc.oneof(near, any);
}

function fmt(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const s = units.toString().padStart(scale + 1, '0');
  return `${s.slice(0, -scale)}.${s.slice(-scale)}`;
}

/**
 * A day number: a program date ± a few days or a year, a leap day or month end, or any day of
 * 2024–2026, the years every shipped business-day calendar covers (a day outside them only ever
 * compares the two evaluators' RB-E-CALENDAR-YEAR, which the near dates already reach).
 */
function day(b: Boundaries): fc.Arbitrary<number> {
  const edges = LEAP_AND_EDGES.map((d) => parseIsoDate(d)!);
  const near = fc.tuple(fc.constantFrom(...(b.days.length ? b.days : edges)), fc.constantFrom(-366, -365, -1, 0, 1, 365, 366));
  return fc.oneof(near.map(([d, k]) => d + k), fc.constantFrom(...edges), fc.integer({ min: parseIsoDate('2024-01-01')!, max: parseIsoDate('2026-12-31')! }));
}

/** An instant as ISO text: around local midnight and the hour changes, in several offsets. */
export function instant(b: Boundaries): fc.Arbitrary<string> {
  const minutes = fc.oneof(fc.constantFrom(0, 1, 59, 60, 179, 180, 181, 1380, 1439), fc.integer({ min: 0, max: 1439 }));
  const offset = fc.constantFrom('Z', '+00:00', '+03:00', '+05:00', '-05:00', '+02:00', '+05:45');
  return fc.tuple(day(b), minutes, offset).map(([d, m, off]) => {
    const ms = d * DAY_MS + m * 60_000;
    const shift = off === 'Z' ? 0 : (off[0] === '-' ? -1 : 1) * (Number(off.slice(1, 3)) * 60 + Number(off.slice(4, 6)));
    const local = new Date(ms + shift * 60_000).toISOString().slice(0, 19);
    return `${local}${off}`;
  });
}

/** Values of one input type, mostly valid; `wrong` mixes in values of the wrong type. */
export function valueOf(t: Ty, a: Artifact, b: Boundaries, depth = 0): Arb {
  const scale = a.program.rounding.unit.includes('.') ? a.program.rounding.unit.split('.')[1]!.length : 0;
  switch (t.k) {
    case 'money': return amount(b, Math.min(scale, 2)).map((x) => `${x} ${t.cur}`);
    // money in one of several currencies (`money USD or EUR`): an amount in any of them
    case 'money_of': return fc.tuple(amount(b, Math.min(scale, 2)), fc.constantFrom(...t.curs)).map(([x, cur]) => `${x} ${cur}`);
    // amounts of a declared unit travel like money, with the unit's name: "120 bonus"
    case 'unit': return amount(b, 2).map((x) => `${x} ${t.unit}`);
    case 'percent': return amount(b, 1).map((x) => `${x}%`);
    case 'decimal': return amount(b, 2);
    case 'integer': return fc.oneof(fc.constantFrom(...b.integers).chain((n) => fc.constantFrom(n - 1, n, n + 1)), fc.integer({ min: 0, max: 1000 }));
    case 'boolean': return fc.boolean();
    case 'text': return fc.oneof(fc.constantFrom('', 'a', 'ev-1', 'ev-2', '__proto__', 'constructor'), fc.string({ maxLength: 6 }));
    case 'date': return day(b).map(isoDate);
    case 'instant': return instant(b);
    case 'duration': return fc.tuple(fc.integer({ min: 0, max: 40 }), fc.constantFrom('days', 'months', 'years', 'business days')).map(([n, u]) => `${n} ${u}`);
    case 'enum': return fc.constantFrom(...(a.enums[t.name]?.values.length ? a.enums[t.name]!.values : ['x']));
    case 'optional': return fc.option(valueOf(t.of, a, b, depth), { nil: null, freq: 4 });
    case 'list': return depth > 2 ? fc.constant([]) : fc.array(valueOf(t.of, a, b, depth + 1), { maxLength: 5 });
    case 'record': case 'struct': {
      const fields = t.k === 'record' ? a.records[t.name]?.fields ?? [] : t.fields;
      return record(fields, a, b, depth + 1);
    }
    default: return fc.constant(null);
  }
}

function record(fields: { name: string; type: Ty }[], a: Artifact, b: Boundaries, depth: number): Arb {
  const shape: Record<string, Arb> = {};
  for (const f of fields) Object.defineProperty(shape, f.name, { value: valueOf(f.type, a, b, depth), enumerable: true });
  return fc.record(shape).map((o) => {
    // optional fields are sometimes left out rather than null
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const v = (o as Record<string, unknown>)[f.name];
      if (!(f.type.k === 'optional' && v === null && f.name.length % 2 === 0)) Object.defineProperty(out, f.name, { value: v, enumerable: true, writable: true });
    }
    return out;
  });
}

/** One case: an input, an evaluation instant and readings. */
export interface Case { input: unknown; asOf?: string; readings: Record<string, string> }

/** Cases for one program: mostly valid inputs, one in ten with a value of the wrong type. */
export function cases(a: Artifact): fc.Arbitrary<Case> {
  const b = boundaries(a);
  const input = record(a.inputs, a, b, 0);
  const broken = fc.tuple(input, fc.constantFrom(...(a.inputs.length ? a.inputs.map((i) => i.name) : ['x'])), fc.constantFrom(1.5, 'x', null, [], {})).map(([o, k, v]) => {
    const copy = { ...(o as Record<string, unknown>) };
    Object.defineProperty(copy, k, { value: v, enumerable: true });
    return copy;
  });
  const readings = fc.tuple(...a.readings.map((r) => fc.constantFrom(...r.options.map((o) => o.name)))).map((opts) => {
    const out: Record<string, string> = {};
    a.readings.forEach((r, i) => Object.defineProperty(out, r.name, { value: opts[i], enumerable: true }));
    return out;
  });
  return fc.record({ input: fc.oneof({ arbitrary: input, weight: 9 }, { arbitrary: broken, weight: 1 }), asOf: fc.option(instant(b), { nil: undefined, freq: 10 }), readings });
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every program with its name: .rules files, and the programs of conformance cases that compile. */
export function programs(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['programs', 'test/sample']) {
    for (const f of readdirSync(join(ROOT, dir)).filter((x) => x.endsWith('.rules')).sort()) out.push([`${dir}/${f}`, readFileSync(join(ROOT, dir, f), 'utf8')]);
  }
  for (const f of readdirSync(join(ROOT, 'conformance')).filter((x) => x.endsWith('.yaml')).sort()) {
    const data = parseYaml(readFileSync(join(ROOT, 'conformance', f), 'utf8')) as { program: string; diagnostics?: string[] };
    if (!data.diagnostics) out.push([`conformance/${f}`, data.program]);
  }
  return out;
}
