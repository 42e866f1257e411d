/**
 * Renders an explanation trace in plain language for the CLI and the playground:
 * "bonus = 7 200.00 RUB  §4", with the rules, rows and conditions beneath it.
 */
import type { TraceNode } from './trace.js';
import { oneLine } from './printable.js';

/**
 * "14400.00 RUB" -> "14 400.00 RUB"; "2025-04-15" -> "15.04.2025"; others as JSON. One
 * line: line breaks and other control characters of texts are shown as escapes (\n).
 */
export function formatValue(v: unknown, compact = false): string {
  return oneLine(format(v, compact));
}

function format(v: unknown, compact = false): string {
  if (v === null || v === undefined) return 'absent';
  if (typeof v === 'string') {
    const money = /^(-?)(\d+)(\.\d+)? ([A-Z]{3})$/.exec(v);
    if (money) return `${money[1]}${money[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')}${money[3] ?? ''} ${money[4]}`;
    const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
    if (date) return `${date[3]}.${date[2]}.${date[1]}`;
    const instant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/.exec(v);
    if (instant) return `${instant[3]}.${instant[2]}.${instant[1]} ${instant[4]} (${instant[5] === 'Z' ? 'UTC' : `UTC${instant[5]}`})`;
    return v;
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.length <= 3 ? `[${v.map((x) => format(x)).join('; ')}]` : `${v.length} items`;
  const o = v as Record<string, unknown>;
  if (typeof o.eligible === 'boolean' && Array.isArray(o.reasons)) {
    if (o.eligible) return 'eligible';
    return `not eligible: ${(o.reasons as { reason: string; clauses: string[] }[]).map((r) => `${r.reason}${r.clauses.length ? ` (${r.clauses.join(' ')})` : ''}`).join('; ')}`;
  }
  if ('start' in o && 'end' in o && 'startInclusive' in o) {
    return `${o.startInclusive ? 'from' : 'after'} ${format(o.start)} ${o.endInclusive ? 'through' : 'before'} ${format(o.end)}`;
  }
  const entries = Object.entries(o);
  if (compact) {
    // an argument is named by its identifier when it has one: {event_id: ev-1, …}
    const id = entries.find(([k]) => k === 'id' || k.endsWith('_id'));
    if (id && entries.length > 1) return `{${id[0]}: ${format(id[1])}, …}`;
  }
  const shown = entries.slice(0, 4).map(([k, x]) => `${k}: ${typeof x === 'object' && x !== null ? '…' : format(x)}`).join(', ');
  return `{${shown}${entries.length > 4 ? ', …' : ''}}`;
}

function cite(clauses: string[]): string {
  return clauses.length ? `  ${clauses.join(' ')}` : '';
}

function line(n: TraceNode): string {
  switch (n.kind) {
    case 'output':
    case 'definition': {
      const args = n.args ? `(${Object.entries(n.args).map(([k, v]) => `${k} = ${formatValue(v, true)}`).join(', ')})` : '';
      return `${n.name}${args} = ${formatValue(n.value)}${n.doc ? ` — ${n.doc}` : ''}${cite(n.clauses)}`;
    }
    case 'ref': {
      const args = n.args ? `(${Object.entries(n.args).map(([k, v]) => `${k} = ${formatValue(v, true)}`).join(', ')})` : '';
      return `${n.name}${args} = ${formatValue(n.value)} (as computed above)${cite(n.clauses)}`;
    }
    case 'rule': return `rule ${n.name}: ${n.passed ? n.note ?? 'applies' : 'does not apply'}${cite(n.clauses)}`;
    case 'row': return `${n.name} matched${n.note ? `: ${n.note}` : ''} → ${formatValue(n.value)}${cite(n.clauses)}`;
    case 'requirement':
      if (n.passed) return `✓ holds: ${n.note ?? 'requirement met'}${cite(n.clauses)}`;
      return `✗ NOT MET: ${n.name}${n.note ? ` (required: ${n.note})` : ''}${cite(n.clauses)}`;
    case 'version': return `version in force: ${n.name}${cite(n.clauses)}`;
    case 'reading': return `reading ${n.name} = ${formatValue(n.value)}${cite(n.clauses)}`;
    case 'transition': return `${n.note ?? n.name}${cite(n.clauses)}`;
  }
}

/**
 * Renders trace nodes as indented lines, one a node. `maxDepth` keeps long explanations
 * readable. The texts in a line (values, names, descriptions, reasons) cannot break it:
 * their line breaks and other control characters are shown as escapes.
 */
export function renderTrace(nodes: TraceNode[], maxDepth = 8): string {
  const out: string[] = [];
  const walk = (ns: TraceNode[], depth: number) => {
    for (const n of ns) {
      out.push(`${'  '.repeat(depth)}${depth ? '↳ ' : ''}${oneLine(line(n))}`);
      if (depth + 1 < maxDepth) walk(n.children, depth + 1);
    }
  };
  walk(nodes, 0);
  return out.join('\n');
}

/** The readings in force, one line: "readings: version_selector = trigger_event". */
export function renderReadings(readings: Record<string, string>): string {
  const entries = Object.entries(readings);
  return entries.length ? oneLine(`readings in force: ${entries.map(([k, v]) => `${k} = ${v}`).join(', ')}`) : 'readings in force: none declared';
}
