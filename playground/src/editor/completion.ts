/**
 * Completion for the .rules editor: record fields after a dot; otherwise the names in
 * scope (locals, declarations, builtins), enumeration values and reading options (the
 * subject's own values first after `is` or `when`), and the keywords.
 */
import { KEYWORDS, CONTEXTUAL_KEYWORDS, QUANTITY_WORDS } from '../../../language/tokens.js';
import type * as A from '../../../language/ast.js';
import type { Ty } from '../../../runtime/ir.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { localsAt, type RulesIndex } from './ast-index.js';
import { declType, membersOf, typeOfExpr, typeText, unwrap } from './infer.js';

/** One suggestion, independent of Monaco's types (the caller maps `kind`). */
export interface Suggestion {
  label: string;
  kind: 'field' | 'variable' | 'function' | 'constant' | 'value' | 'keyword' | 'type' | 'module';
  detail?: string;
  documentation?: string;
  sortText: string;
  insertText?: string;
}

/** Builtin functions and values of the language. */
export const BUILTINS: { name: string; detail: string }[] = [
  { name: 'date', detail: 'date(instant): the local date in the program zone' }, { name: 'min', detail: 'min(a, b)' },
  { name: 'max', detail: 'max(a, b)' }, { name: 'round', detail: 'round(x[, digits])' }, { name: 'floor', detail: 'floor(x[, digits])' },
  { name: 'ceil', detail: 'ceil(x[, digits])' }, { name: 'abs', detail: 'abs(x)' }, { name: 'days_between', detail: 'days_between(a, b)' },
  { name: 'as_of', detail: 'the evaluation instant' },
  { name: 'months_between', detail: 'months_between(a, b): whole months, counted as the civil codes do' },
  { name: 'years_between', detail: 'years_between(a, b): whole years' },
  ...['start_of_month', 'end_of_month', 'start_of_year', 'end_of_year', 'year_of', 'month_of', 'day_of'].map((name) => ({ name, detail: `${name}(d)` })),
];

const NAME = String.raw`[\p{L}_][\p{L}\p{N}_]*`;
const CHAIN = new RegExp(String.raw`(${NAME}(?:\([^()]*\))?(?:\.${NAME})*)\.(${NAME})?$`, 'u');
const IS_SUBJECT = new RegExp(String.raw`(${NAME}(?:\([^()]*\))?(?:\.${NAME})*)\s+is\s+(?:not\s+)?(?:one\s+of\s+)?(?:${NAME}\s*,\s*)*(${NAME})?$`, 'u');
const MATCH_SUBJECT = new RegExp(String.raw`match\s+(${NAME}(?:\([^()]*\))?(?:\.${NAME})*)\s[^]*?when\s+(?:${NAME}\s*,\s*)*(${NAME})?$`, 'u');

const dummy = { startOffset: 0, endOffset: 0, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

/** A chain like `discount(p).rate` as an expression (arguments are not needed for typing). */
export function chainExpr(chain: string): A.Expr {
  const parts = chain.split('.');
  const head = parts[0]!;
  const call = /^(.*?)\(/.exec(head);
  let e: A.Expr = call
    ? { kind: 'call', callee: { text: call[1]!, span: dummy }, args: [], span: dummy }
    : { kind: 'name', name: { text: head, span: dummy }, span: dummy };
  for (const f of parts.slice(1)) e = { kind: 'field', target: e, field: { text: f, span: dummy }, span: dummy };
  return e;
}

const KIND_OF_KEYWORD: Record<string, Suggestion['kind']> = {
  define: 'function', table: 'function', eligible: 'function', parameter: 'constant', period: 'constant',
  input: 'variable', output: 'variable', record: 'type', enum: 'type', reading: 'module',
};

/** The suggestions that do not depend on the cursor's place, by index: the same while the index, the metadata and the preferred enum are. */
const kept = new WeakMap<RulesIndex, { meta?: ProgramMeta; preferred?: string; list: Suggestion[] }>();

/**
 * The declarations (with the values of enumerations and the options of readings), the
 * builtins and the keywords, each once. Typing a name or a figure asks for completions at
 * nearly every keystroke, and typing every declaration again each time held the page's thread
 * for milliseconds on the largest program: they are made again only for another index (a new
 * parse), other metadata or another preferred enum.
 */
function globals(idx: RulesIndex, meta: ProgramMeta | undefined, preferred: string | undefined): readonly Suggestion[] {
  const hit = kept.get(idx);
  if (hit && hit.meta === meta && hit.preferred === preferred) return hit.list;
  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (s: Suggestion) => { if (!seen.has(`${s.kind}:${s.label}`)) { seen.add(`${s.kind}:${s.label}`); out.push(s); } };
  for (const d of idx.decls.values()) {
    const t: Ty | undefined = declType(d, idx, meta);
    add({
      label: d.name, kind: KIND_OF_KEYWORD[d.keyword] ?? 'variable', sortText: `2${d.name}`,
      detail: `${d.keyword}${d.params.length ? `(${d.params.map((p) => p.name.text).join(', ')})` : ''}: ${typeText(t)}`,
      documentation: [d.doc, d.citations.length ? `Cites ${d.citations.join(' ')}` : ''].filter(Boolean).join('\n\n') || undefined,
    });
    if (d.node.kind === 'enum') {
      for (const v of d.node.values) add({ label: v.name.text, kind: 'value', detail: `value of ${d.name}`, documentation: v.label, sortText: `${preferred === d.name ? 0 : 3}${v.name.text}` });
    }
    if (d.node.kind === 'reading') {
      for (const o of d.node.options) {
        add({ label: o.name.text, kind: 'value', detail: `option of reading ${d.name}${o.isDefault ? ' (default)' : ''}`, documentation: o.description, sortText: `${preferred === d.name ? 0 : 3}${o.name.text}` });
      }
    }
  }
  for (const b of BUILTINS) add({ label: b.name, kind: 'function', detail: b.detail, sortText: `4${b.name}` });
  for (const k of [...KEYWORDS, ...QUANTITY_WORDS]) add({ label: k, kind: 'keyword', sortText: `5${k}` });
  kept.set(idx, { meta, preferred, list: out });
  return out;
}

/** Suggestions at `offset`, given the text of the line up to the cursor and the whole text before it. */
export function suggest(idx: RulesIndex, offset: number, linePrefix: string, textBefore: string, meta?: ProgramMeta): Suggestion[] {
  const member = CHAIN.exec(linePrefix);
  if (member) {
    const t = typeOfExpr(chainExpr(member[1]!), offset, idx, meta);
    return membersOf(t, idx, meta).map((m) => ({
      label: m.name, kind: 'field', detail: typeText(m.type), sortText: `0${m.name}`,
      documentation: [m.doc, m.clauses.length ? `Cites ${m.clauses.join(' ')}` : ''].filter(Boolean).join('\n\n') || undefined,
    }));
  }
  // the subject's own values first after `x is …` or `match x … when …`
  const subject = IS_SUBJECT.exec(linePrefix)?.[1] ?? MATCH_SUBJECT.exec(textBefore.slice(-600))?.[1];
  const subjectType = subject ? unwrap(typeOfExpr(chainExpr(subject), offset, idx, meta)) : undefined;
  const preferred = subjectType?.k === 'enum' ? subjectType.name : undefined;

  const out: Suggestion[] = [];
  const seen = new Set<string>();
  const add = (s: Suggestion) => { if (!seen.has(`${s.kind}:${s.label}`)) { seen.add(`${s.kind}:${s.label}`); out.push(s); } };
  for (const l of localsAt(idx, offset)) add({ label: l.name, kind: 'variable', detail: l.kind, sortText: `1${l.name}` });
  for (const g of globals(idx, meta, preferred)) add(g);
  // history, time, split and ledger words (`per`, `at`, `shares`, `expiring`…) are keywords only where
  // they read as one: offered after the proper keywords, and not at all when the program uses the word as a name
  const labels = new Set(out.map((x) => x.label));
  for (const k of CONTEXTUAL_KEYWORDS) if (!labels.has(k)) add({ label: k, kind: 'keyword', detail: 'keyword in histories, time expressions, splits and ledgers (a name elsewhere)', sortText: `6${k}` });
  if (preferred) return out.filter((s) => s.sortText.startsWith('0')).concat(out.filter((s) => !s.sortText.startsWith('0')));
  return out;
}
