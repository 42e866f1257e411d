/**
 * The text edits behind the editor's quick fixes for dated changes (pure functions of the
 * source lines, so they are tested without a browser):
 * - RB504 "overlaps the one before it": the version before a `from D` version is closed
 *   on the day before D (`until D−1`);
 * - "change from a date…": a version line, a one-line definition or a one-line rule's
 *   `then` value becomes two versions, `until D−1` and `from D`, with the same value for
 *   the user to change.
 */

const DATE = String.raw`\d{2}\.\d{2}\.\d{4}`;
/** A version line of `in force on`: indent, optional `from X`, optional `until Y`, the rest (citations, `: value`). */
const VERSION = new RegExp(String.raw`^(\s+)(?:from\s+(${DATE}))?\s*(?:until\s+(${DATE}))?(\s*(?:§\S+\s*)*:.*)$`);

/** The edit of one line (0-based), or lines replacing it. */
export interface LineEdit { line: number; lines: string[] }

function toDays(dotted: string): number | undefined {
  const m = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(dotted);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  return back.getUTCFullYear() === y && back.getUTCMonth() === mo - 1 && back.getUTCDate() === d ? t / 86_400_000 : undefined;
}

function fromDays(days: number): string {
  const d = new Date(days * 86_400_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}.${p(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`;
}

/** The day before a DD.MM.YYYY date (undefined when it is not a real date). */
export function dayBefore(dotted: string): string | undefined {
  const n = toDays(dotted);
  return n === undefined ? undefined : fromDays(n - 1);
}

interface Version { indent: string; from?: string; until?: string; rest: string }

function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text);
  if (!m || (!m[2] && !m[3])) return undefined;
  return { indent: m[1]!, from: m[2], until: m[3], rest: m[4]!.trimStart() };
}

function showVersion(v: Version): string {
  const parts = [v.from ? `from ${v.from}` : '', v.until ? `until ${v.until}` : ''].filter(Boolean).join(' ');
  return `${v.indent}${parts}${v.rest.startsWith(':') ? '' : ' '}${v.rest}`;
}

/**
 * The fix for RB504 on version line `line`: close the version before it on the day
 * before this one starts. Undefined when this version has no start or no version precedes it.
 */
export function closePreviousVersion(lines: string[], line: number): LineEdit | undefined {
  const cur = parseVersion(lines[line] ?? '');
  const end = cur?.from && dayBefore(cur.from);
  if (!end) return undefined;
  let i = line - 1;
  while (i >= 0 && /^\s*(#.*)?$/.test(lines[i]!)) i--;
  const prev = parseVersion(lines[i] ?? '');
  if (!prev) return undefined;
  if (prev.from && toDays(prev.from)! > toDays(end)!) return undefined;
  return { line: i, lines: [showVersion({ ...prev, until: end })] };
}

/**
 * "Change from `date`": splits the version on `line` into the days before `date` and
 * the days from it (both with the same value). Undefined when `date` is not inside the version.
 */
export function splitVersion(lines: string[], line: number, date: string): LineEdit | undefined {
  const v = parseVersion(lines[line] ?? '');
  const d = toDays(date), end = dayBefore(date);
  if (!v || d === undefined || !end) return undefined;
  if ((v.from && toDays(v.from)! >= d) || (v.until && toDays(v.until)! < d)) return undefined;
  return { line, lines: [showVersion({ ...v, until: end }), showVersion({ ...v, from: date })] };
}

/** Where a one-line definition's body starts: after the first ` = ` outside a quoted description. */
function bodyStart(text: string): number | undefined {
  if (!/^define\s/.test(text)) return undefined;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (!quoted && text.startsWith(' = ', i)) return i + 3;
  }
  return undefined;
}

/**
 * "Change from `date`" on a one-line definition: its value becomes effective-dated,
 * selected by `event` (a date or instant expression, such as `p.paid_at`).
 * Undefined when the line is not a one-line definition or already has versions.
 */
export function splitDefinition(lines: string[], line: number, date: string, event: string): LineEdit | undefined {
  const text = lines[line] ?? '';
  const at = bodyStart(text);
  const end = dayBefore(date);
  if (at === undefined || !end || !event.trim()) return undefined;
  const body = text.slice(at).trim();
  if (!body || body.startsWith('in force on') || /^\s+\S/.test(lines[line + 1] ?? '')) return undefined;
  return { line, lines: [`${text.slice(0, at)}in force on ${event.trim()}`, `  until ${end}: ${body}`, `  from ${date}: ${body}`] };
}

/** A one-line rule: `rule NAME when COND then VALUE [overrides …] [§…]`, split around its value. */
const RULE = /^(\s+rule\s.*?\sthen\s+)(.+?)((?:\s+overrides\s.*?)?(?:\s+§\S+)*)\s*$/;

/**
 * "Change from `date`" on a one-line rule: its `then` value becomes effective-dated,
 * selected by `event`. Undefined when the line is not such a rule or already has versions.
 */
export function splitRule(lines: string[], line: number, date: string, event: string): LineEdit | undefined {
  const m = RULE.exec(lines[line] ?? '');
  const end = dayBefore(date);
  if (!m || !end || !event.trim() || m[2]!.startsWith('(in force on') || /^\s+(until|from)\s/.test(lines[line + 1] ?? '')) return undefined;
  const indent = /^\s*/.exec(m[1]!)![0];
  return { line, lines: [`${m[1]}(in force on ${event.trim()}`, `${indent}  until ${end}: ${m[2]}`, `${indent}  from ${date}: ${m[2]})${m[3]}`] };
}

/** True when "change from a date…" applies to the line (a version line, a one-line definition or rule). */
export function canSplit(lines: string[], line: number): 'version' | 'definition' | 'rule' | undefined {
  if (parseVersion(lines[line] ?? '')) return 'version';
  if (splitRule(lines, line, '02.01.2000', 'x')) return 'rule';
  const at = bodyStart(lines[line] ?? '');
  if (at === undefined) return undefined;
  const body = lines[line]!.slice(at).trim();
  return body && !body.startsWith('in force on') && !/^\s+\S/.test(lines[line + 1] ?? '') ? 'definition' : undefined;
}
