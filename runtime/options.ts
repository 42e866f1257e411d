/**
 * Reads the options of one evaluation strictly: the evaluation instant, the readings in
 * force, explain and calendar options. A library caller can pass anything here, so every
 * value is checked for its type and range, and a getter that throws is an input error.
 */
import type { EvalError } from './errors.js';
import type { CalendarOptions } from './calendars/index.js';
import type { Observer } from './trace.js';
import { parseInstant, MIN_INSTANT, MAX_INSTANT } from './values/instant.js';
import { instantText } from './values/strict-text.js';
import { RECORD_PROTO } from './values/record.js';
import { MAX_STEPS } from './eval/common.js';

export interface ReadOptions {
  asOf?: number;
  /** Without Object's prototype (RECORD_PROTO): a reading named `constructor` must not find Object's. */
  readings: Record<string, string>;
  explain: boolean;
  calendar: CalendarOptions;
  /** Told of every threshold test (`rulebook edges`); read once, like the other options. */
  observe?: Observer;
  /** Most list items the aggregations may go through (MAX_STEPS when not given, never more). */
  maxSteps: number;
}

// reading errors carry no JSON path (they are about the options, not the input), as before
const fail = (code: EvalError['code'], message: string, path?: string): { ok: false; error: EvalError } => ({ ok: false, error: { code, message, ...(path ? { path } : {}) } });

/** The readings of an evaluation that names none: shared and frozen (nothing writes a reading in force). */
const NO_READINGS: Record<string, string> = Object.freeze(Object.create(RECORD_PROTO) as Record<string, string>);
/** The calendar options of an evaluation that gives none: shared and frozen, only read. */
const NO_CALENDAR: CalendarOptions = Object.freeze({});

/** Validates evaluation options against the program's readings (name -> options). */
export function readOptions(options: unknown, readingOptions: Map<string, string[]>): ({ ok: true } & ReadOptions) | { ok: false; error: EvalError } {
  try {
    if (options === undefined || options === null) return { ok: true, readings: NO_READINGS, explain: false, calendar: NO_CALENDAR, maxSteps: MAX_STEPS };
    if (typeof options !== 'object' || Array.isArray(options)) return fail('RB-E-INPUT', 'The evaluation options must be an object like {asOf, readings, explain}.', 'options');
    const o = options as { asOf?: unknown; readings?: unknown; explain?: unknown; calendar?: unknown; observe?: unknown; maxSteps?: unknown };
    const asOf = readAsOf(o.asOf);
    if (typeof asOf === 'string') return fail('RB-E-INPUT', `The evaluation instant ${asOf}.`, 'asOf');
    let readings = NO_READINGS;
    if (o.readings !== undefined && o.readings !== null) {
      if (typeof o.readings !== 'object' || Array.isArray(o.readings)) return fail('RB-E-READING', 'The readings must be an object of reading names and options, e.g. {"version_selector": "trigger_event"}.');
      const given = o.readings as Record<string, unknown>;
      // RECORD_PROTO rather than no prototype at all: V8 keeps such an object in its fast layout
      readings = Object.create(RECORD_PROTO) as Record<string, string>;
      // own enumerable names in Object.entries' order, without an array per name
      for (const name in given) {
        if (!Object.hasOwn(given, name)) continue;
        const option = given[name];
        const opts = readingOptions.get(name);
        if (!opts) return fail('RB-E-READING', `The program has no reading "${name}". Its readings are: ${[...readingOptions.keys()].join(', ') || 'none'}.`);
        if (typeof option !== 'string' || !opts.includes(option)) return fail('RB-E-READING', `The reading "${name}" has no option ${JSON.stringify(option)}; its options are ${opts.join(', ')}.`);
        readings[name] = option;
      }
    }
    const calendar = (o.calendar && typeof o.calendar === 'object' ? o.calendar : NO_CALENDAR) as CalendarOptions;
    const observe = o.observe;
    if (observe !== undefined && typeof observe !== 'function') return fail('RB-E-INPUT', 'The observe option must be a function that receives each observation.', 'observe');
    const maxSteps = o.maxSteps ?? MAX_STEPS;
    if (!Number.isSafeInteger(maxSteps) || (maxSteps as number) < 0 || (maxSteps as number) > MAX_STEPS) return fail('RB-E-INPUT', `The maxSteps option must be a whole number from 0 to ${MAX_STEPS}.`, 'maxSteps');
    const read: { ok: true } & ReadOptions = { ok: true, asOf, readings, explain: o.explain === true, calendar, maxSteps: maxSteps as number };
    if (observe) read.observe = observe as Observer;
    return read;
  } catch (err) {
    return fail('RB-E-INPUT', `The evaluation options could not be read: ${(err as Error)?.message ?? String(err)}.`, 'options');
  }
}

/**
 * asOf: ISO text with an offset or zone, or whole epoch milliseconds within years 1–9999.
 * The instant, undefined when none is given, or the reason it is refused (text): no
 * object is built per evaluation.
 */
function readAsOf(v: unknown): number | undefined | string {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    // the canonical form read without a regular expression: asOf is read on every evaluation
    const fast = instantText(v);
    if (fast !== undefined) return fast;
    const r = parseInstant(v);
    return 'error' in r ? `${JSON.stringify(v)} ${r.error}` : r.ms;
  }
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < MIN_INSTANT || v > MAX_INSTANT) return `${String(v)} is not a whole number of milliseconds between the years 1 and 9999`;
    return v;
  }
  return `must be ISO text like "2025-08-31T23:30:00+05:00" or epoch milliseconds, not ${v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v}`;
}
