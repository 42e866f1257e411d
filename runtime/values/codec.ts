/**
 * The boundary: JSON input -> runtime values (with semantic checks that a schema
 * cannot express: 2025-02-30, unknown zones, currencies) and runtime values -> JSON.
 * Money travels as "14400.00 RUB", percentages as "20%", dates as YYYY-MM-DD.
 */
import type { Ty, Artifact } from '../ir.js';
import { Dec, isDec } from './decimal.js';
import { parseIsoDate, isoDate } from './calendar-date.js';
import { parseInstant, formatInstant, MIN_INSTANT, MAX_INSTANT } from './instant.js';
import { MAX_DIGITS, MAX_DURATION, digitCount, scaleOf, moneyScaleLimit, dayInRange } from './limits.js';
import { fault } from '../errors.js';

export interface InputProblem { path: string; message: string }

export interface CodecEnv {
  records: Artifact['records'];
  enums: Artifact['enums'];
  zone: string;
  /** Digits after the point when money is printed. */
  moneyScale: number;
  /** The program's rounding mode (a decimal.js constant), used when money is printed; half up when absent. */
  rounding?: Parameters<Dec['toFixed']>[1];
}

const NUMBER_RE = /^-?\d+(\.\d+)?$/;
const MONEY_RE = /^(-?\d+(?:\.\d+)?) ([A-Z]{3})$/;
const DURATION_RE = /^P(\d+)([DMY])$/;
const DURATION_WORDS_RE = /^(\d+) (days?|months?|years?|business days?|hours?|minutes?)$/;

/**
 * Problems an input error lists: the reporting decoder stops once it has found one more
 * (a list of half a million wrong items in a 1 MB request took seconds to report item by
 * item, in a 100 MB answer), and load.ts says that more follow.
 */
export const MAX_INPUT_PROBLEMS = 100;

/** `$.purchases[0].amount` style path. */
export function childPath(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : /^[\p{L}_][\p{L}\p{N}_]*$/u.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

/** Describes a JSON value for messages: "the number 14400", "null". */
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return `the ${typeof v} ${String(v)}`;
}

/** Converts one JSON value to its runtime form, collecting problems instead of throwing. */
export function decodeValue(v: unknown, t: Ty, path: string, env: CodecEnv, problems: InputProblem[]): unknown {
  const bad = (message: string) => { problems.push({ path, message }); return undefined; };
  const durationOf = (digits: string, unit: string) => {
    const n = Number(digits);
    const max = MAX_DURATION[unit]!;
    return n > max ? bad(`is longer than the longest duration the rules count (${max} ${unit.replace('_', ' ')})`) : { n, unit };
  };
  switch (t.k) {
    case 'money': {
      if (typeof v === 'number') return bad(`is ${describe(v)}, but money is written as text with its currency, e.g. "${v} ${t.cur}"`);
      if (typeof v !== 'string') return bad(`must be money in ${t.cur}, e.g. "14400.00 ${t.cur}", not ${describe(v)}`);
      const m = MONEY_RE.exec(v.trim());
      if (!m) {
        if (NUMBER_RE.test(v.trim())) return bad(`is missing its currency: write "${v.trim()} ${t.cur}"`);
        return bad(`is not an amount of money; write it like "14400.00 ${t.cur}"`);
      }
      if (m[2] !== t.cur) return bad(`is in ${m[2]}, but ${t.cur} is expected here`);
      if (digitCount(m[1]!) > MAX_DIGITS) return bad(`has more than ${MAX_DIGITS} digits; amounts are kept exactly up to ${MAX_DIGITS} digits`);
      const limit = moneyScaleLimit(t.cur, env.moneyScale);
      if (scaleOf(m[1]!) > limit) return bad(`is finer than ${t.cur} allows: at most ${limit} digit${limit === 1 ? '' : 's'} after the point`);
      return new Dec(m[1]!);
    }
    case 'money_of': {
      // money in one of several currencies: the amount with the currency it is in
      const m = typeof v === 'string' ? MONEY_RE.exec(v.trim()) : null;
      if (!m || !t.curs.includes(m[2]!)) return bad(`must be money in ${t.curs.join(' or ')}, e.g. "2500.00 ${t.curs[0]}", not ${describe(v)}`);
      const a = decodeValue(v, { k: 'money', cur: m[2]! }, path, env, problems);
      return a === undefined ? undefined : { a, c: m[2]! };
    }
    case 'unit': {
      // "120 bonus": the number, one space, the unit's declared name (like money's "14400.00 RUB")
      const text = typeof v === 'string' ? v.trim() : '';
      const sp = text.lastIndexOf(' ');
      if (typeof v === 'number' || NUMBER_RE.test(text)) return bad(`is missing its unit: write "${text || String(v)} ${t.unit}"`);
      if (typeof v !== 'string' || sp < 0 || !NUMBER_RE.test(text.slice(0, sp).trim())) return bad(`must be an amount in ${t.unit} written as text, e.g. "120 ${t.unit}", not ${describe(v)}`);
      const amount = text.slice(0, sp).trim();
      if (text.slice(sp + 1) !== t.unit) return bad(`is in ${text.slice(sp + 1)}, but ${t.unit} is expected here`);
      if (digitCount(amount) > MAX_DIGITS) return bad(`has more than ${MAX_DIGITS} digits`);
      return new Dec(amount);
    }
    case 'percent': {
      if (typeof v !== 'string' || !/^-?\d+(\.\d+)?%$/.test(v.trim())) return bad(`must be a percentage written as text, e.g. "20%", not ${describe(v)}`);
      if (digitCount(v) > MAX_DIGITS) return bad(`has more than ${MAX_DIGITS} digits`);
      return new Dec(v.trim().slice(0, -1));
    }
    case 'decimal': {
      // a JSON number beyond 2^53 was already rounded by JSON parsing: only text keeps its digits
      if (typeof v === 'number' && Number.isFinite(v)) return Math.abs(v) <= Number.MAX_SAFE_INTEGER ? new Dec(String(v)) : bad(`is ${describe(v)}, too large to be exact as a JSON number; write it as text, e.g. "12345678901234567890"`);
      if (typeof v === 'string' && NUMBER_RE.test(v.trim())) return digitCount(v) > MAX_DIGITS ? bad(`has more than ${MAX_DIGITS} digits`) : new Dec(v.trim());
      return bad(`must be a number, e.g. "12.5", not ${describe(v)}`);
    }
    case 'integer':
      if (typeof v === 'number' && Number.isSafeInteger(v)) return new Dec(v);
      if (typeof v === 'number' && Number.isInteger(v)) return bad(`is ${describe(v)}, beyond ±9007199254740991, the largest whole number JSON carries exactly`);
      return bad(`must be a whole number, not ${describe(v)}`);
    case 'boolean':
      if (typeof v === 'boolean') return v;
      return bad(`must be true or false, not ${describe(v)}`);
    case 'text':
      if (typeof v === 'string') return v;
      return bad(`must be text, not ${describe(v)}`);
    case 'date': {
      if (typeof v !== 'string') return bad(`must be a date written YYYY-MM-DD, not ${describe(v)}`);
      const day = parseIsoDate(v);
      if (day !== undefined && !dayInRange(day)) return bad(`is ${v}; years run from 0001 to 9999`);
      if (day === undefined) return bad(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `is ${v}, a day that does not exist` : `must be a date written YYYY-MM-DD, not ${describe(v)}`);
      return day;
    }
    case 'instant': {
      if (typeof v !== 'string') return bad(`must be an instant like "2025-08-31T23:30:00+05:00", not ${describe(v)}`);
      const r = parseInstant(v);
      return 'error' in r ? bad(r.error) : r.ms;
    }
    case 'duration': {
      const words = typeof v === 'string' ? DURATION_WORDS_RE.exec(v.trim()) : null;
      if (words) {
        const u = words[2]!.startsWith('business') ? 'business_days' : `${words[2]!.replace(/s$/, '')}s`;
        return durationOf(words[1]!, u);
      }
      const m = typeof v === 'string' ? DURATION_RE.exec(v) : null;
      if (!m) return bad(`must be a duration like "30 days", "1 month", "10 business days" or "P30D", not ${describe(v)}`);
      return durationOf(m[1]!, m[2] === 'D' ? 'days' : m[2] === 'M' ? 'months' : 'years');
    }
    case 'enum': {
      const values = env.enums[t.name]?.values ?? [];
      if (typeof v === 'string' && values.includes(v)) return v;
      return bad(`must be one of ${values.map((x) => `"${x}"`).join(', ')}, not ${describe(v)}`);
    }
    case 'optional':
      if (v === null || v === undefined) return null;
      return decodeValue(v, t.of, path, env, problems);
    case 'list': {
      if (!Array.isArray(v)) return bad(`must be a list, not ${describe(v)}`);
      const out = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) {
        if (problems.length > MAX_INPUT_PROBLEMS) break;
        out[i] = decodeValue(v[i], t.of, childPath(path, i), env, problems);
      }
      return out;
    }
    case 'record':
    case 'struct': {
      const fields = t.k === 'record' ? env.records[t.name]?.fields ?? [] : t.fields;
      return decodeObject(v, fields, path, env, problems);
    }
    case 'interval': {
      const fields = [{ name: 'start', type: t.of }, { name: 'end', type: t.of }, { name: 'startInclusive', type: { k: 'optional', of: { k: 'boolean' } } as Ty }, { name: 'endInclusive', type: { k: 'optional', of: { k: 'boolean' } } as Ty }];
      const o = decodeObject(v, fields, path, env, problems) as Record<string, unknown> | undefined;
      return o && { start: o.start, end: o.end, si: o.startInclusive ?? true, ei: o.endInclusive ?? true };
    }
    default:
      return bad('cannot be given as input');
  }
}

/** Decodes an object field by field into a prototype-less object (no `__proto__` tricks). */
export function decodeObject(v: unknown, fields: { name: string; type: Ty }[], path: string, env: CodecEnv, problems: InputProblem[]): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    problems.push({ path, message: `must be an object with the fields ${fields.map((f) => f.name).join(', ')}, not ${describe(v)}` });
    return undefined;
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = Object.create(null);
  const known = new Set(fields.map((f) => f.name));
  let keys: string[];
  try {
    keys = Object.keys(src);
  } catch (err) {
    problems.push({ path, message: `could not be read: ${errorText(err)}` });
    return undefined;
  }
  for (const key of keys) {
    if (problems.length > MAX_INPUT_PROBLEMS) return undefined;
    if (!known.has(key)) problems.push({ path: childPath(path, key), message: `is not a field of this object (known fields: ${fields.map((f) => f.name).join(', ')})` });
  }
  for (const f of fields) {
    if (problems.length > MAX_INPUT_PROBLEMS) return undefined;
    let has: boolean, value: unknown;
    try {
      has = Object.hasOwn(src, f.name);
      value = has ? src[f.name] : null;
    } catch (err) {
      // a library caller's getter or proxy trap threw: an input problem, not a crash
      problems.push({ path: childPath(path, f.name), message: `could not be read: ${errorText(err)}` });
      continue;
    }
    if (!has && f.type.k !== 'optional') {
      problems.push({ path: childPath(path, f.name), message: 'is missing' });
      continue;
    }
    out[f.name] = decodeValue(value, f.type, childPath(path, f.name), env, problems);
  }
  return out;
}

function errorText(err: unknown): string {
  try { return String((err as Error)?.message ?? err); } catch { return 'it threw'; }
}

/** Converts a runtime value to JSON for output. */
export function encodeValue(v: unknown, t: Ty, env: CodecEnv): unknown {
  if (v === null || v === undefined) return null;
  switch (t.k) {
    case 'money': return `${(v as Dec).toFixed(env.moneyScale, env.rounding ?? Dec.ROUND_HALF_UP)} ${t.cur}`;
    // toFixed() without digits never switches to exponent notation, which could not be read back
    case 'percent': return `${(v as Dec).toFixed()}%`;
    case 'unit': return `${(v as Dec).toFixed()} ${t.unit}`;
    case 'money_of': { const m = v as { a: Dec; c: string }; return `${m.a.toFixed(env.moneyScale, env.rounding ?? Dec.ROUND_HALF_UP)} ${m.c}`; }
    case 'decimal': return isDec(v) ? v.toFixed() : String(v);
    case 'integer': {
      const n = isDec(v) ? (v as Dec).toNumber() : (v as number);
      return Number.isSafeInteger(n) ? n : fault('RB-E-RANGE', `The whole number ${isDec(v) ? v.toFixed() : String(v)} is beyond ±9007199254740991, the largest JSON carries exactly.`);
    }
    case 'date': return dayInRange(v as number) ? isoDate(v as number) : fault('RB-E-RANGE', 'A date computed by the rules falls outside the years 0001–9999.');
    case 'instant': return (v as number) >= MIN_INSTANT && (v as number) <= MAX_INSTANT ? formatInstant(v as number, env.zone) : fault('RB-E-RANGE', 'An instant computed by the rules falls outside the years 0001–9999.');
    case 'duration': {
      // the language's own words: ISO 8601 has no business days
      const d = v as { n: number; unit: string };
      const unit = d.unit === 'business_days' ? 'business day' : d.unit.replace(/s$/, '');
      return `${d.n} ${unit}${d.n === 1 ? '' : 's'}`;
    }
    case 'optional': return encodeValue(v, t.of, env);
    case 'list': return (v as unknown[]).map((x) => encodeValue(x, t.of, env));
    case 'record': case 'struct': {
      const fields = t.k === 'record' ? env.records[t.name]?.fields ?? [] : t.fields;
      const o = v as Record<string, unknown>;
      return Object.fromEntries(fields.map((f) => [f.name, encodeValue(o[f.name], f.type, env)]));
    }
    case 'interval': {
      const iv = v as { start: unknown; end: unknown; si: boolean; ei: boolean };
      return { start: encodeValue(iv.start, t.of, env), end: encodeValue(iv.end, t.of, env), startInclusive: iv.si, endInclusive: iv.ei };
    }
    case 'eligibility': return v;
    default: return v;
  }
}
