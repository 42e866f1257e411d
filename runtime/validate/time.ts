/**
 * Artifact validation of calendar arithmetic and effective dating: adding durations,
 * computed durations, clock times (the zone must be one the runtime knows, the time a
 * real time of day), sequences of dates, and versions in force on a date.
 */
import type { Expr } from '../ir.js';
import { isKnownZone } from '../values/instant.js';
import { dayInRange } from '../values/limits.js';
import { fail, flag, oneOf, AT_KINDS, DURATION_UNITS, type Walker } from './common.js';
import { PART_FIELDS, onlyPartFields } from './keys.js';

type TimeExpr = Extract<Expr, { op: 'date_add' | 'effective' | 'duration_of' | 'clock' | 'sequence' }>;

const SEQUENCE_UNITS: ReadonlySet<string> = new Set(['days', 'months', 'years']);
const SECONDS_PER_DAY = 86_400;

/** Validates one time expression; `d` is the depth of its operands. */
export function validateTime(w: Walker, e: TimeExpr, path: string, locals: Set<string>, d: number): void {
  switch (e.op) {
    case 'date_add':
      if (e.sign !== 1 && e.sign !== -1) fail(`${path}.sign`, 'must be 1 or -1');
      flag(e.instant, `${path}.instant`);
      w.expr(e.base, `${path}.base`, locals, d);
      return w.expr(e.duration, `${path}.duration`, locals, d);
    case 'effective':
      oneOf(AT_KINDS, e.atKind, `${path}.atKind`, 'must be day or ms');
      w.expr(e.at, `${path}.at`, locals, d);
      if (!Array.isArray(e.versions)) fail(`${path}.versions`, 'must be a list');
      return e.versions.forEach((v, i) => {
        onlyPartFields(v, PART_FIELDS.version, `${path}.versions[${i}]`, 'a version');
        for (const k of ['from', 'until'] as const) if (v[k] !== undefined && !dayInRange(v[k] as number)) fail(`${path}.versions[${i}].${k}`, 'must be a day within the years 0001–9999');
        w.expr(v.value, `${path}.versions[${i}].value`, locals, d);
      });
    case 'duration_of':
      oneOf(DURATION_UNITS, e.unit, `${path}.unit`, 'is not a unit of duration the runtime counts');
      return w.expr(e.count, `${path}.count`, locals, d);
    case 'clock':
      // the checker writes the program's zone when none is given, so every clock names one
      if (typeof e.zone !== 'string' || !isKnownZone(e.zone)) fail(`${path}.zone`, `names the unknown time zone ${JSON.stringify(e.zone)}`);
      if (!Number.isInteger(e.seconds) || e.seconds < 0 || e.seconds >= SECONDS_PER_DAY) fail(`${path}.seconds`, 'must be a time of day: a whole number of seconds from 0 to 86399');
      return w.expr(e.date, `${path}.date`, locals, d);
    case 'sequence':
      oneOf(SEQUENCE_UNITS, e.unit, `${path}.unit`, 'must be days, months or years');
      return w.expr(e.interval, `${path}.interval`, locals, d);
  }
}
