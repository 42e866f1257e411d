/**
 * An SVG timeline of one scenario: the input's dates and instants against the
 * periods, windows, deadlines and cut-offs the evaluation used, in the program's
 * zone, each labelled with its clause, the exact value in a <title> (shown on hover),
 * and the edges found marked. Every text is escaped for XML.
 */
import type { Ruleset, EvaluateOptions } from '../runtime/load.js';
import { isoDate } from '../runtime/values/calendar-date.js';
import { localDay, formatInstant } from '../runtime/values/instant.js';
import { inputLeaves } from './leaves.js';
import { probe, type Occurrence } from './probe.js';
import type { EdgeReport } from './find.js';

/** Escapes text for XML content and attribute values. */
export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

interface Row { kind: 'input' | 'period' | 'window' | 'cutoff' | 'edge' | 'as_of'; label: string; from: number; to: number; title: string }

function where(o: Occurrence['o']): string {
  const n = o.node;
  if (!n) return '';
  return `${n.kind === 'requirement' ? n.note ?? n.name : n.name}${n.clauses.length ? ` ${n.clauses.join(' ')}` : ''}`;
}

/** The rows of the timeline: what the evaluation compared dates with, and the input's own dates. */
export function timelineRows(ruleset: Ruleset, input: unknown, options: Pick<EvaluateOptions, 'asOf' | 'readings' | 'calendar'>, report?: EdgeReport): Row[] {
  const zone = ruleset.artifact.program.zone;
  const rows: Row[] = [];
  const dayOf = (kind: string, v: unknown) => (typeof v !== 'number' ? undefined : kind === 'ms' ? localDay(v, zone) : v);
  const showOf = (kind: string, v: number) => (kind === 'ms' ? formatInstant(v, zone) : isoDate(v));
  for (const leaf of inputLeaves(ruleset.artifact, input)) {
    if (leaf.kind !== 'date' && leaf.kind !== 'instant') continue;
    const v = String(leaf.write(0));
    const day = leaf.kind === 'date' ? leaf.origin : localDay(leaf.origin * 1000, zone);
    rows.push({ kind: 'input', label: leaf.label, from: day, to: day, title: `${leaf.label} = ${v} (${zone})` });
  }
  if (typeof options.asOf === 'string') {
    const ms = Date.parse(options.asOf);
    if (!Number.isNaN(ms)) rows.push({ kind: 'as_of', label: 'as of (evaluation instant)', from: localDay(ms, zone), to: localDay(ms, zone), title: `as of ${formatInstant(ms, zone)}` });
  }
  const p = probe(ruleset, input, options, true);
  if (p.ok) {
    for (const occ of p.order) {
      const o = occ.o;
      if ((o.kind === 'within' || (o.kind === 'cell' && o.op === 'within')) && o.interval) {
        const a = dayOf(o.cmpKind, o.interval.start), b = dayOf(o.cmpKind, o.interval.end);
        if (a !== undefined && b !== undefined) rows.push({ kind: 'period', label: where(o), from: a, to: b, title: `${o.interval.si ? 'from' : 'after'} ${showOf(o.cmpKind, o.interval.start as number)} ${o.interval.ei ? 'through' : 'before'} ${showOf(o.cmpKind, o.interval.end as number)} — ${where(o)}` });
      } else if (o.kind === 'date_add' && o.duration) {
        const a = dayOf(o.cmpKind, o.left), b = dayOf(o.cmpKind, o.result);
        if (a !== undefined && b !== undefined) {
          const d = `${o.duration.n >= 0 ? '+' : ''}${o.duration.n} ${o.duration.unit.replace('_', ' ')}`;
          rows.push({ kind: 'window', label: `${where(o)} (${d})`, from: Math.min(a, b), to: Math.max(a, b), title: `${showOf(o.cmpKind, o.left as number)} ${d} = ${showOf(o.cmpKind, o.result as number)} — ${where(o)}` });
        }
      } else if (o.kind === 'version') {
        for (const v of o.versions ?? []) {
          if (v.until !== undefined) rows.push({ kind: 'cutoff', label: `version cut-off ${where(o)}`, from: v.until, to: v.until, title: `in force until ${isoDate(v.until)} (the next version from ${isoDate(v.until + 1)}), read in ${zone} — ${where(o)}` });
        }
      }
    }
  }
  for (const e of report?.edges ?? []) {
    const kind = e.right.includes('T') ? 'ms' : /^\d{4}-\d{2}-\d{2}$/.test(e.right) ? 'day' : '';
    if (!kind) continue;
    // `on or before 31.08` ends at the close of 31.08: mark the line where the next day starts
    const after = kind === 'day' && (e.op === '<=' || e.op === '>') ? 1 : 0;
    const day = (kind === 'day' ? Math.floor(Date.parse(`${e.right}T00:00:00Z`) / 86_400_000) : localDay(Date.parse(e.right), zone)) + after;
    rows.push({ kind: 'edge', label: `${e.id} ${e.clauses.join(' ')} ${e.expression}`, from: day, to: day, title: `edge ${e.id}: ${e.left} ${e.op} ${e.right} — ${e.where}` });
  }
  const seen = new Set<string>();
  return rows.filter((r) => { const k = `${r.kind}|${r.label}|${r.from}|${r.to}`; if (seen.has(k)) return false; seen.add(k); return true; });
}

const COLOURS: Record<Row['kind'], string> = { input: '#1f6feb', period: '#2da44e', window: '#bf8700', cutoff: '#8250df', edge: '#cf222e', as_of: '#57606a' };

/** The timeline as an SVG document. */
export function timelineSvg(ruleset: Ruleset, input: unknown, options: Pick<EvaluateOptions, 'asOf' | 'readings' | 'calendar'>, report?: EdgeReport): string {
  const rows = timelineRows(ruleset, input, options, report);
  const zone = ruleset.artifact.program.zone;
  const lo = Math.min(...rows.map((r) => r.from)) - 5, hi = Math.max(...rows.map((r) => r.to)) + 5;
  const W = 1200, left = 20, plot = 560, rowH = 20, top = 64;
  const x = (d: number) => left + ((d - lo) / Math.max(1, hi - lo)) * plot;
  const H = top + rows.length * rowH + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="11">`,
    `<text x="${left}" y="20" font-size="14">${xmlEscape(`${ruleset.artifact.program.title} — timeline in ${zone}`)}</text>`,
    `<text x="${left}" y="38" fill="#57606a">${xmlEscape(`${isoDate(lo + 5)} … ${isoDate(hi - 5)}; hover a mark for its exact value`)}</text>`,
  ];
  // an axis: the first day of each month (each year when the span is long), in the program's zone
  const long = hi - lo > 900;
  for (let d = lo; d <= hi; d++) {
    const iso = isoDate(d);
    if (!iso.endsWith(long ? '-01-01' : '-01')) continue;
    parts.push(`<g class="tick"><line x1="${x(d)}" y1="${top - 8}" x2="${x(d)}" y2="${H - 24}" stroke="#d0d7de"/><text x="${x(d) + 2}" y="${top - 10}" fill="#57606a" font-size="9">${xmlEscape(long ? iso.slice(0, 4) : iso.slice(0, 7))}</text></g>`);
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const c = COLOURS[r.kind];
    const shape = r.from === r.to
      ? (r.kind === 'edge' || r.kind === 'cutoff' || r.kind === 'as_of'
        ? `<line x1="${x(r.from)}" y1="${top - 6}" x2="${x(r.from)}" y2="${H - 24}" stroke="${c}" stroke-dasharray="${r.kind === 'edge' ? '4 3' : '2 2'}" opacity="0.5"/><circle cx="${x(r.from)}" cy="${y + 8}" r="5" fill="${c}"/>`
        : `<circle cx="${x(r.from)}" cy="${y + 8}" r="5" fill="${c}"/>`)
      : `<rect x="${x(r.from)}" y="${y + 3}" width="${Math.max(2, x(r.to + 1) - x(r.from))}" height="10" fill="${c}" opacity="0.7"/>`;
    parts.push(`<g class="${r.kind}"><title>${xmlEscape(r.title)}</title>${shape}<text x="${left + plot + 20}" y="${y + 12}" fill="${c}">${xmlEscape(`[${r.kind}] ${r.label}`.slice(0, 110))}</text></g>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
