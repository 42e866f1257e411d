/**
 * Diagnostics are values, never exceptions. Every code lives in this one catalogue;
 * tests assert codes, not wording, so messages can improve without breaking them.
 */
import type { Span } from './span.js';
import { splitLines } from './lines.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  /** The file the span refers to, when known. */
  path?: string;
}

/** The catalogue: code -> what it means (used by docs and the playground's hover). */
export const DIAGNOSTIC_CODES = {
  RB100: 'unexpected character',
  RB101: 'syntax error',
  RB102: 'nested too deeply',
  RB103: 'definitions chained too deeply',
  RB104: 'too many syntax errors',
  RB200: 'missing or incomplete program header',
  RB201: 'unknown currency',
  RB202: 'unknown time zone',
  RB203: 'unknown business-day calendar',
  RB204: 'impossible date',
  RB205: 'impossible time',
  RB206: 'unknown rounding mode',
  RB207: 'bad rounding unit',
  RB208: 'unknown month-end policy',
  RB209: 'header item given twice',
  RB210: 'unknown calendar variant',
  RB211: 'number or duration beyond the exact range',
  RB212: 'money finer than its currency allows',
  RB300: 'unknown name',
  RB301: 'name declared twice',
  RB302: 'unknown type',
  RB303: 'unknown field',
  RB304: 'unknown enumeration value',
  RB305: 'unknown reading option',
  RB306: 'not callable',
  RB307: 'wrong number of arguments',
  RB308: 'duplicate field or value',
  RB309: 'unknown rule in overrides',
  RB310: 'reading needs exactly one default',
  RB311: 'reserved name',
  RB400: 'type mismatch',
  RB401: 'money multiplied by money',
  RB402: 'mixed currencies',
  RB403: 'percent and number confused',
  RB404: 'values that cannot be compared',
  RB405: 'condition is not yes/no',
  RB406: 'enumeration cases missing',
  RB407: 'operator does not apply',
  RB408: 'optional value used directly',
  RB409: 'declared type differs',
  RB410: 'interval ends of different types',
  RB411: 'list expected',
  RB412: 'table cell does not fit its column',
  RB413: 'branches give different types',
  RB414: 'not a record',
  RB415: 'absent whose type is unknown',
  RB416: 'duration count is not a whole number',
  RB417: 'clock time on something that is not a date',
  RB418: 'sequence of dates misused',
  RB419: 'item position is not a whole number, or not of a list',
  RB420: 'history rule gives another type than the history',
  RB421: 'previous or since outside a history rule',
  RB422: 'history over something that cannot be ordered by date',
  RB423: 'history question misused',
  RB424: 'tie-breaker cannot be ordered',
  RB425: 'dated table misused',
  RB426: 'two rows of a dated table for one key and date',
  RB427: 'overrides in the rules of a state',
  RB430: 'unknown unit, or amounts of different units mixed',
  RB431: 'an amount of a unit multiplied by another amount',
  RB432: 'conversion without a declared rate',
  RB433: 'bad unit or rate declaration',
  RB434: 'split misused',
  RB435: 'ledger incomplete or misused',
  RB500: 'circular definition',
  RB501: 'table row has the wrong number of cells',
  RB502: 'overlapping rows under the unique hit policy',
  RB503: 'unknown hit policy',
  RB504: 'effective periods overlap or are out of order',
  RB505: 'rule priority loop',
  RB506: 'program has no outputs',
  RB507: 'requirement without a reason',
  RB508: 'no rule applies in some cases',
  RB509: 'table row can never match',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Builds an error diagnostic. */
export function error(code: DiagnosticCode, message: string, span: Span): Diagnostic {
  return { code, severity: 'error', message, span };
}

/** Builds a warning diagnostic. */
export function warning(code: DiagnosticCode, message: string, span: Span): Diagnostic {
  return { code, severity: 'warning', message, span };
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Formats one diagnostic as `path:line:col: error CODE: message`, followed by the
 * source line and a caret under the span.
 */
export function formatDiagnostic(d: Diagnostic, source: string, path = d.path ?? '<input>'): string {
  const head = `${path}:${d.span.startLine}:${d.span.startColumn}: ${d.severity} ${d.code}: ${d.message}`;
  const line = splitLines(source)[d.span.startLine - 1];
  if (line === undefined) return head;
  const width = d.span.endLine === d.span.startLine ? Math.max(1, d.span.endColumn - d.span.startColumn) : Math.max(1, line.length - d.span.startColumn + 1);
  const caret = ' '.repeat(Math.max(0, d.span.startColumn - 1)) + '^'.repeat(Math.min(width, 80));
  return `${head}\n  ${line.replace(/\t/g, ' ')}\n  ${caret}`;
}

/**
 * Levenshtein distance, for "did you mean" suggestions, computed only up to `limit`:
 * returns limit + 1 as soon as the distance is known to exceed it (a band of width
 * 2·limit+1 around the diagonal), so comparing a name with thousands of candidates
 * stays linear in their number. It costs up to a.length·(2·limit+1) table cells, so
 * didYouMean bounds both.
 */
export function editDistance(a: string, b: string, limit = Math.max(a.length, b.length)): number {
  fillBag(a);
  return bandedDistance(a, b, limit);
}

/** editDistance when `bag` already holds the counts of `a` (fillBag), as it does during a suggestion. */
function bandedDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (bagDistance(a, b) > limit) return limit + 1;
  if (row.length <= b.length) row = new Int32Array(2 * b.length + 2);
  const prev = row;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    let rowMin = i;
    const from = Math.max(1, i - limit), to = Math.min(b.length, i + limit);
    work += to - from + 1;
    if (from > 1) { diag = prev[from - 1]!; prev[from - 1] = limit + 1; }
    for (let j = from; j <= to; j++) {
      const tmp = prev[j]!;
      const v = Math.min(tmp + 1, prev[j - 1]! + 1, diag + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      prev[j] = v;
      diag = tmp;
      if (v < rowMin) rowMin = v;
    }
    if (to < b.length) prev[to + 1] = limit + 1;
    if (rowMin > limit) return limit + 1;
  }
  return Math.min(prev[b.length]!, limit + 1);
}

/** One reused row of the edit-distance table (suggestions run often, on short names). */
let row = new Int32Array(64);
/** The counts of the characters of the word being compared, folded into 64 buckets. */
const bag = new Int32Array(64);
/** Table cells and characters looked at so far: a suggestion's work is the difference over it. */
let work = 0;

function fillBag(a: string): void {
  bag.fill(0);
  for (let i = 0; i < a.length; i++) bag[a.charCodeAt(i) & 63]!++;
}

/**
 * A lower bound of the edit distance from the characters alone (`bag` holds the counts of
 * `a`): each edit changes at most one character's count on either side. Costs the length of
 * `b`, not of the alphabet, so a suggestion among thousands of names stays cheap.
 */
function bagDistance(a: string, b: string): number {
  work += 2 * b.length + 1;
  let more = a.length, fewer = 0;
  for (let i = 0; i < b.length; i++) { const k = b.charCodeAt(i) & 63; if (bag[k]! > 0) more--; else fewer++; bag[k]!--; }
  for (let i = 0; i < b.length; i++) bag[b.charCodeAt(i) & 63]!++;
  return Math.max(more, fewer);
}

/** Candidates compared at most for one suggestion: enough for any real program. */
const MAX_CANDIDATES = 5000;

/**
 * Longest name (misspelt or candidate) a suggestion compares. Names people write are far
 * shorter; comparing longer ones costs the square of their length (the band is a third of
 * it), so a file of a few long, almost equal names took seconds to check.
 */
export const MAX_SUGGESTED_NAME = 64;

/**
 * Work (table cells and characters, see bandedDistance and bagDistance) one suggestion may
 * do; past it the closest candidate found so far is suggested. Real programs stay far below
 * it; without it, thousands of distinct misspelt names, each compared with thousands of
 * similar declared ones, cost the product of the two.
 */
export const SUGGESTION_BUDGET = 100_000;

/**
 * The closest candidate to `word` within a third of its length (case aside), or undefined,
 * and the work spent finding it (at most SUGGESTION_BUDGET and one comparison more).
 */
export function closestName(word: string, candidates: Iterable<string>): { name: string | undefined; work: number } {
  if (word.length > MAX_SUGGESTED_NAME) return { name: undefined, work: 0 };
  const start = work;
  const limit = Math.max(1, Math.floor(word.length / 3));
  const w = word.toLowerCase();
  fillBag(w);
  let best: string | undefined;
  let bestDistance = limit + 1;
  let seen = 0;
  for (const c of candidates) {
    if (++seen > MAX_CANDIDATES || work - start > SUGGESTION_BUDGET) break;
    work++;
    if (c.length > MAX_SUGGESTED_NAME || Math.abs(c.length - word.length) >= bestDistance) continue;
    const d = bandedDistance(w, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) { best = c; bestDistance = d; if (d === 0) break; }
  }
  return { name: best !== undefined && bestDistance <= limit ? best : undefined, work: work - start };
}

/** " Did you mean `x`?" for the closest candidate, or "" when none is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const { name } = closestName(word, candidates);
  return name !== undefined ? ` Did you mean \`${name}\`?` : '';
}
