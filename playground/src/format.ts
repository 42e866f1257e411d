/**
 * Values as people read them: money grouped with its currency, dates as 31.12.2025,
 * instants in the program's zone (the zone the rules are written in), eligibility with
 * every failed reason. Builds on the runtime's `formatValue`.
 */
import { formatValue } from '../../runtime/explain.js';
import { h, clauseChips } from './ui/dom.js';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** An ISO instant shown in `zone`: "15.07.2025 10:00 (Europe/Moscow)". */
export function formatInstantIn(iso: string, zone: string): string {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    } catch { return iso; }
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(iso)).map((x) => [x.type, x.value]));
  const secs = p.second && p.second !== '00' ? `:${p.second}` : '';
  return `${p.day}.${p.month}.${p.year} ${p.hour}:${p.minute}${secs} (${zone})`;
}

/** One line of text for any output value. */
export function formatText(v: unknown, zone: string): string {
  if (typeof v === 'string' && INSTANT.test(v)) return formatInstantIn(v, zone);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => formatText(x, zone)).join('; ');
  if (v && typeof v === 'object' && !isEligibility(v) && !isInterval(v)) {
    return `{${Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${formatText(x, zone)}`).join(', ')}}`;
  }
  return formatValue(v);
}

function isInterval(v: unknown): boolean {
  return !!v && typeof v === 'object' && 'start' in v && 'end' in v && 'startInclusive' in v;
}

interface Eligibility { eligible: boolean; reasons: { reason: string; clauses: string[] }[] }
function isEligibility(v: unknown): v is Eligibility {
  return !!v && typeof v === 'object' && typeof (v as Eligibility).eligible === 'boolean' && Array.isArray((v as Eligibility).reasons);
}

/** A value as DOM: eligibility lists every failed condition; records and lists nest. */
export function renderValue(v: unknown, zone: string, depth = 0): HTMLElement {
  if (isEligibility(v)) {
    if (v.eligible) return h('span.value.eligible', {}, '✓ eligible');
    return h('div.value.not-eligible', {}, [
      h('strong', {}, `✗ not eligible (${v.reasons.length} condition${v.reasons.length === 1 ? '' : 's'} failed)`),
      h('ul.reasons', {}, v.reasons.map((r) => h('li', {}, [r.reason, ' ', clauseChips(r.clauses)]))),
    ]);
  }
  if (Array.isArray(v) && depth < 3 && v.some((x) => x && typeof x === 'object')) {
    return h('ol.value.list', {}, v.map((x) => h('li', {}, renderValue(x, zone, depth + 1))));
  }
  if (v && typeof v === 'object' && !Array.isArray(v) && !isInterval(v) && depth < 3) {
    return h('table.value.record', {}, Object.entries(v as Record<string, unknown>).map(([k, x]) =>
      h('tr', {}, [h('th', {}, k), h('td', {}, renderValue(x, zone, depth + 1))])));
  }
  const text = formatText(v, zone);
  const cls = typeof v === 'string' && / [A-Z]{3}$/.test(v) ? 'money' : v === null || v === undefined ? 'absent' : '';
  return h(`span.value${cls ? `.${cls}` : ''}`, { title: JSON.stringify(v) ?? 'absent' }, text);
}
