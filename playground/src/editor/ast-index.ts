/**
 * An index of a parsed .rules file for the editor's hover, completion and go to
 * definition: the declarations, the local names (parameters and collection
 * variables) with the span where each is visible, and every occurrence of a name.
 * Built from `parse()` (error recovery on), so it works while the text is broken.
 */
import { parse } from '../../../language/parse.js';
import type * as A from '../../../language/ast.js';
import type { Span } from '../../../language/span.js';

/** A top-level declaration (or an input field, which is a top-level name). */
export interface DeclInfo {
  name: string;
  keyword: string;
  nameSpan: Span;
  doc?: string;
  citations: string[];
  params: A.Param[];
  typeRef?: A.TypeRef;
  node: A.Declaration | InputFieldNode;
}

/** An input field seen as a declaration. */
export type InputFieldNode = A.Field & { kind: 'input-field' };

/** A parameter or a collection variable, visible inside `scope`. */
export interface LocalInfo { name: string; nameSpan: Span; scope: Span; typeRef?: A.TypeRef; collection?: A.Expr; kind: 'parameter' | 'variable' }

/** One name in the text, with what it is syntactically. */
export interface Occurrence {
  name: A.Name;
  role: 'declaration' | 'name' | 'field' | 'call' | 'type' | 'local' | 'member' | 'value' | 'rule' | 'override';
  /** For `field`: the expression before the dot. */
  target?: A.Expr;
  /** For `member` (record field) and `value` (enum value or reading option): the owner's name. */
  owner?: string;
}

/** A clause citation and what cites it. */
export interface CitationInfo { text: string; span: Span; by: string }

/** Everything the language features need to know about one version of the text. */
export interface RulesIndex {
  source: string;
  ast: A.RulesFile;
  decls: Map<string, DeclInfo>;
  locals: LocalInfo[];
  occurrences: Occurrence[];
  citations: CitationInfo[];
}

const KEYWORD_OF: Record<string, string> = { enum: 'enum', record: 'record', table: 'table', reading: 'reading', eligible: 'eligible', output: 'output', unit: 'unit', rate: 'rate', ledger: 'ledger', dated: 'dated', history: 'state' };

/** Indexes `source`; pass its parse tree when it is known (the worker parsed it), else it is parsed here. */
export function buildIndex(source: string, parsed?: A.RulesFile): RulesIndex {
  const ast = parsed ?? parse(source).ast;
  const idx: RulesIndex = { source, ast, decls: new Map(), locals: [], occurrences: [], citations: [] };
  const cite = (cs: A.Citation[] | undefined, by: string) => cs?.forEach((c) => idx.citations.push({ text: c.text, span: c.span, by }));
  const occ = (name: A.Name | undefined, role: Occurrence['role'], extra: Partial<Occurrence> = {}) => {
    if (name?.text) idx.occurrences.push({ name, role, ...extra });
  };
  const declare = (d: DeclInfo) => {
    if (d.name && !idx.decls.has(d.name)) idx.decls.set(d.name, d);
    occ({ text: d.name, span: d.nameSpan }, 'declaration');
  };

  for (const d of ast.declarations) {
    if (d.kind === 'input') {
      for (const f of d.fields) {
        declare({ name: f.name.text, keyword: 'input', nameSpan: f.name.span, doc: f.doc, citations: f.citations.map((c) => c.text), params: [], typeRef: f.type, node: { ...f, kind: 'input-field' } });
        walkType(f.type, occ); cite(f.citations, `input ${f.name.text}`);
      }
      continue;
    }
    const keyword = d.kind === 'value' ? d.keyword : KEYWORD_OF[d.kind]!;
    const params = 'params' in d && Array.isArray(d.params) ? d.params : [];
    const typeRef = d.kind === 'value' || d.kind === 'output' || d.kind === 'history' ? d.type : undefined;
    declare({ name: d.name.text, keyword, nameSpan: d.name.span, doc: d.doc, citations: d.citations.map((c) => c.text), params, typeRef, node: d });
    cite(d.citations, `${keyword} ${d.name.text}`);
    // a unit's other spelling names the same unit (`unit bonus, bonuses`)
    if (d.kind === 'unit' && d.plural) declare({ name: d.plural.text, keyword, nameSpan: d.plural.span, doc: d.doc, citations: [], params: [], node: d });
    for (const p of params) {
      idx.locals.push({ name: p.name.text, nameSpan: p.name.span, scope: d.span, typeRef: p.type, kind: 'parameter' });
      occ(p.name, 'local'); walkType(p.type, occ);
    }
    if (typeRef) walkType(typeRef, occ);
    const expr = (e: A.Expr | undefined) => walkExpr(e, idx, occ);
    switch (d.kind) {
      case 'enum': d.values.forEach((v) => occ(v.name, 'value', { owner: d.name.text })); break;
      case 'reading': d.options.forEach((o) => occ(o.name, 'value', { owner: d.name.text })); break;
      case 'record':
        for (const f of d.fields) { occ(f.name, 'member', { owner: d.name.text }); walkType(f.type, occ); cite(f.citations, `${d.name.text}.${f.name.text}`); }
        break;
      case 'value':
        expr(d.body); expr(d.otherwise);
        for (const r of d.rules ?? []) {
          occ(r.name, 'rule'); r.overrides.forEach((o) => occ(o, 'override'));
          expr(r.condition); expr(r.value); cite(r.citations, `rule ${r.name.text} of ${d.name.text}`);
        }
        break;
      case 'table':
        d.inputs.forEach(expr);
        d.outputs.forEach((o) => { if (o.type) walkType(o.type, occ); });
        d.rows.forEach((row, i) => {
          [...row.inputs, ...row.outputs].forEach((c) => walkCell(c, expr));
          cite(row.citations, `row ${i + 1} of ${d.name.text}`);
        });
        break;
      case 'eligible':
        d.requirements.forEach((r) => { expr(r.condition); cite(r.citations, `a requirement of ${d.name.text}`); });
        break;
      case 'output': expr(d.body); break;
    }
  }
  return idx;
}

function walkType(t: A.TypeRef, occ: (n: A.Name, role: Occurrence['role']) => void): void {
  if (t.kind === 'named') occ(t.name, 'type');
  else if (t.kind === 'optional') walkType(t.inner, occ);
  else walkType(t.element, occ);
}

function walkCell(c: A.Cell, expr: (e: A.Expr) => void): void {
  switch (c.kind) {
    case 'compare': case 'expr': expr(c.value); break;
    case 'oneOf': c.values.forEach(expr); break;
    case 'within': expr(c.interval); break;
    default: break;
  }
}

type Occ = (n: A.Name | undefined, role: Occurrence['role'], extra?: Partial<Occurrence>) => void;

/** Walks an expression, recording names, calls, field accesses and collection variables. */
function walkExpr(e: A.Expr | undefined, idx: RulesIndex, occ: Occ): void {
  if (!e) return;
  const w = (x: A.Expr | undefined) => walkExpr(x, idx, occ);
  // `history of s`: here `history` is the language's word, not a name (the checker reads it so where nothing is named history)
  if (e.kind === 'binary' && e.op === 'of' && e.left.kind === 'name' && e.left.name.text === 'history' && !idx.decls.has('history')) { w(e.right); return; }
  switch (e.kind) {
    case 'name': occ(e.name, 'name'); return;
    case 'field': w(e.target); occ(e.field, 'field', { target: e.target }); return;
    case 'call': occ(e.callee, 'call'); e.args.forEach(w); return;
    case 'aggregate':
      idx.locals.push({ name: e.variable.text, nameSpan: e.variable.span, scope: e.span, collection: e.collection, kind: 'variable' });
      occ(e.variable, 'local'); w(e.collection); w(e.where); w(e.value); return;
    case 'match':
      w(e.subject); e.arms.forEach((a) => { a.values.forEach(w); w(a.result); }); w(e.otherwise); return;
    case 'effective': w(e.at); e.versions.forEach((v) => { w(v.from); w(v.until); w(v.value); }); return;
    default:
      for (const [k, v] of Object.entries(e)) {
        if (k === 'span') continue;
        if (Array.isArray(v)) v.forEach((x) => { if (x && typeof x === 'object' && 'kind' in x) w(x as A.Expr); else if (x && typeof x === 'object' && 'value' in x) w((x as { value: A.Expr }).value); });
        else if (v && typeof v === 'object' && 'kind' in v) w(v as A.Expr);
      }
  }
}

/** True when `offset` lies in `span` (the end counts, so a cursor after a word finds it). */
export function contains(span: Span, offset: number): boolean {
  return span.startOffset <= offset && offset <= span.endOffset;
}

/** The occurrence of a name at `offset`, if any. */
export function occurrenceAt(idx: RulesIndex, offset: number): Occurrence | undefined {
  return idx.occurrences.find((o) => contains(o.name.span, offset));
}

/** The innermost local called `name` visible at `offset`. */
export function localAt(idx: RulesIndex, name: string, offset: number): LocalInfo | undefined {
  let best: LocalInfo | undefined;
  for (const l of idx.locals) {
    if (l.name !== name || !contains(l.scope, offset)) continue;
    if (!best || l.scope.endOffset - l.scope.startOffset < best.scope.endOffset - best.scope.startOffset) best = l;
  }
  return best;
}

/** Every local visible at `offset`, innermost first, without repeats. */
export function localsAt(idx: RulesIndex, offset: number): LocalInfo[] {
  const visible = idx.locals.filter((l) => l.name && contains(l.scope, offset));
  visible.sort((a, b) => (a.scope.endOffset - a.scope.startOffset) - (b.scope.endOffset - b.scope.startOffset));
  const seen = new Set<string>();
  return visible.filter((l) => !seen.has(l.name) && seen.add(l.name));
}
