/**
 * CST -> AST: turns Chevrotain's concrete syntax tree into the typed AST of ast.ts.
 * Recovered (partial) CST nodes produce `error` expressions instead of crashing. This file
 * converts the header and declarations; expressions are in to-ast-expr.ts.
 */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { tokenSpan, type Span } from './span.js';
import { kids, nodes, node, toks, tok, spanOf, name, unquote, citations, compareOpOf } from './cst.js';
import { exprToAst } from './to-ast-expr.js';
import { unitToAst, rateToAst, ledgerToAst } from './to-ast-quantities.js';

export { unquote, plainNumber } from './cst.js';
export { exprToAst } from './to-ast-expr.js';

/** Converts the CST of a whole file. */
export function fileToAst(cst: CstNode): A.RulesFile {
  const h = node(cst, 'header');
  return {
    span: spanOf(cst),
    header: h ? headerToAst(h) : undefined,
    declarations: nodes(cst, 'declaration').map(declarationToAst).filter((d): d is A.Declaration => d !== undefined),
  };
}

function headerToAst(n: CstNode): A.ProgramHeader {
  const span = spanOf(n);
  const title = tok(n, 'title');
  return {
    span,
    name: tok(n, 'name') ? name(tok(n, 'name'), span) : undefined,
    title: title ? { value: unquote(title.image), span: tokenSpan(title) } : undefined,
    items: nodes(n, 'headerItem').map((item) => {
      const key = tok(item, 'key');
      const value = tok(item, 'value');
      const k = key?.image === 'month' ? 'month_end' : (key?.image as A.HeaderItem['key']);
      let text = value?.image;
      if (text && value?.tokenType.name === 'StringLit') text = unquote(text);
      return {
        span: spanOf(item), key: k,
        words: toks(item, 'word').map((w) => name(w, spanOf(item))),
        value: text, valueSpan: value ? tokenSpan(value) : undefined,
      };
    }),
  };
}

/** Converts one `declaration` node; undefined for one recovery left empty. */
export function declarationToAst(n: CstNode): A.Declaration | undefined {
  const [kind, inner] = Object.entries(kids(n))[0] ?? [];
  if (!inner || !inner[0]) return undefined;
  const d = inner[0] as CstNode;
  switch (kind) {
    case 'enumDecl': return enumToAst(d);
    case 'recordDecl': return recordToAst(d);
    case 'inputDecl': return { kind: 'input', span: spanOf(d), fields: nodes(d, 'field').map(fieldToAst), citations: citations(node(d, 'citations')) };
    case 'valueDecl': return valueToAst(d);
    case 'tableDecl': return tableToAst(d);
    case 'readingDecl': return readingToAst(d);
    case 'eligibleDecl': return eligibleToAst(d);
    case 'outputDecl': return outputToAst(d);
    case 'stateDecl': return historyToAst(d);
    case 'datedDecl': return datedToAst(d);
    case 'unitDecl': return unitToAst(d);
    case 'rateDecl': return rateToAst(d);
    case 'ledgerDecl': return ledgerToAst(d);
    default: return undefined;
  }
}

function doc(n: CstNode): string | undefined {
  const t = tok(n, 'doc');
  return t ? unquote(t.image) : undefined;
}

function allCitations(n: CstNode): A.Citation[] {
  return nodes(n, 'citations').flatMap((c) => citations(c)).concat(nodes(n, 'trailing').flatMap((c) => citations(c)));
}

function enumToAst(n: CstNode): A.EnumDecl {
  const span = spanOf(n);
  return {
    kind: 'enum', span, name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n),
    values: nodes(n, 'enumValue').map((v) => ({
      name: name(tok(v, 'name'), spanOf(v)),
      label: tok(v, 'label') ? unquote(tok(v, 'label')!.image) : undefined,
    })),
  };
}

function recordToAst(n: CstNode): A.RecordDecl {
  const span = spanOf(n);
  return { kind: 'record', span, name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n), fields: nodes(n, 'field').map(fieldToAst) };
}

function fieldToAst(n: CstNode): A.Field {
  const span = spanOf(n);
  return { span, name: name(tok(n, 'name'), span), type: typeToAst(node(n, 'typeRef'), span), doc: doc(n), citations: citations(node(n, 'citations')) };
}

function typeToAst(n: CstNode | undefined, fallback: Span): A.TypeRef {
  if (!n) return { kind: 'named', name: { text: '', span: fallback }, span: fallback };
  const span = spanOf(n);
  const wrapper = tok(n, 'wrapper');
  const inner = node(n, 'inner');
  if (wrapper?.image === 'list') return { kind: 'list', element: typeToAst(inner, span), span };
  if (wrapper?.image === 'optional') return { kind: 'optional', inner: typeToAst(inner, span), span };
  if (wrapper?.image === 'interval') return { kind: 'interval', element: typeToAst(inner, span), span };
  const curs = toks(n, 'currency');
  const cur = curs[0];
  return {
    kind: 'named', name: name(tok(n, 'name'), span), currency: cur ? name(cur, span) : undefined, span,
    ...(curs.length > 1 ? { currencies: curs.map((c) => name(c, span)) } : {}),
  };
}

function paramsToAst(n: CstNode | undefined): A.Param[] {
  if (!n) return [];
  return nodes(n, 'param').map((p) => {
    const span = spanOf(p);
    return { span, name: name(tok(p, 'name'), span), type: typeToAst(node(p, 'typeRef'), span) };
  });
}

function valueToAst(n: CstNode): A.ValueDecl {
  const span = spanOf(n);
  const params = node(n, 'params');
  const body = node(n, 'body');
  const otherwise = node(n, 'otherwise');
  const rules = nodes(n, 'ruleCase');
  return {
    kind: 'value', span, keyword: tok(n, 'keyword')?.image as A.ValueDecl['keyword'],
    name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n),
    params: params ? paramsToAst(params) : undefined,
    type: node(n, 'typeRef') ? typeToAst(node(n, 'typeRef'), span) : undefined,
    body: body ? exprToAst(body) : undefined,
    rules: rules.length ? rules.map((r) => {
      const rs = spanOf(r);
      return {
        span: rs, name: name(tok(r, 'name'), rs), condition: exprToAst(node(r, 'condition')), value: exprToAst(node(r, 'value')),
        overrides: toks(r, 'overrides').map((o) => name(o, rs)), citations: citations(node(r, 'citations')),
      };
    }) : undefined,
    otherwise: otherwise ? exprToAst(otherwise) : undefined,
  };
}

function tableToAst(n: CstNode): A.TableDecl {
  const span = spanOf(n);
  const header = node(n, 'tableHeader');
  const rows = nodes(n, 'tableRow').filter((r) => nodes(r, 'input').length > 0);
  return {
    kind: 'table', span, name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n),
    params: paramsToAst(node(n, 'params')),
    hit: name(tok(n, 'hit'), span),
    inputs: header ? nodes(header, 'input').map(exprToAst) : [],
    outputs: header ? nodes(header, 'outputColumn').map((c) => ({
      name: name(tok(c, 'name'), spanOf(c)),
      type: node(c, 'typeRef') ? typeToAst(node(c, 'typeRef'), spanOf(c)) : undefined,
    })) : [],
    rows: rows.map((r) => ({
      span: spanOf(r), inputs: nodes(r, 'input').map(cellToAst), outputs: nodes(r, 'output').map(cellToAst),
      citations: citations(node(r, 'citations')),
    })),
  };
}

function cellToAst(n: CstNode): A.Cell {
  const span = spanOf(n);
  if (tok(n, 'any')) return { kind: 'any', span };
  const op = node(n, 'compareOp');
  if (op) return { kind: 'compare', op: compareOpOf(op), value: exprToAst(node(n, 'value')), span };
  const notOneOf = node(n, 'notOneOf');
  if (notOneOf) return { kind: 'oneOf', negated: true, values: nodes(notOneOf, 'expr').map(exprToAst), span };
  const values = nodes(node(n, 'values') ?? n, 'expr').map(exprToAst);
  if (values.length === 1 && values[0]!.kind === 'interval') return { kind: 'within', interval: values[0]!, span };
  if (values.length === 1) return { kind: 'expr', value: values[0]!, span };
  return { kind: 'oneOf', negated: false, values, span };
}



function readingToAst(n: CstNode): A.ReadingDecl {
  const span = spanOf(n);
  const title = tok(n, 'title');
  return {
    kind: 'reading', span, name: name(tok(n, 'name'), span), citations: allCitations(n),
    title: title ? unquote(title.image) : undefined,
    options: nodes(n, 'readingOption').map((o) => ({
      name: name(tok(o, 'name'), spanOf(o)),
      description: tok(o, 'description') ? unquote(tok(o, 'description')!.image) : undefined,
      isDefault: tok(o, 'kind')?.image === 'default',
    })),
  };
}

function eligibleToAst(n: CstNode): A.EligibleDecl {
  const span = spanOf(n);
  return {
    kind: 'eligible', span, name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n),
    params: paramsToAst(node(n, 'params')),
    requirements: nodes(n, 'requirement').map((r) => ({
      span: spanOf(r), condition: exprToAst(node(r, 'condition')),
      reason: tok(r, 'reason') ? unquote(tok(r, 'reason')!.image) : undefined,
      citations: citations(node(r, 'citations')),
    })),
  };
}

function outputToAst(n: CstNode): A.OutputDecl {
  const span = spanOf(n);
  return {
    kind: 'output', span, name: name(tok(n, 'name'), span), citations: allCitations(n), doc: doc(n),
    type: node(n, 'typeRef') ? typeToAst(node(n, 'typeRef'), span) : undefined,
    body: exprToAst(node(n, 'body')),
  };
}

function historyToAst(n: CstNode): A.HistoryDecl {
  const span = spanOf(n);
  const key = node(n, 'key');
  const tie = node(n, 'tie');
  return {
    kind: 'history', span, name: name(tok(n, 'name'), span), citations: citations(node(n, 'citations')), doc: doc(n),
    ...(node(n, 'params') ? { params: paramsToAst(node(n, 'params')) } : {}),
    type: node(n, 'typeRef') ? typeToAst(node(n, 'typeRef'), span) : undefined,
    initial: exprToAst(node(n, 'initial')), start: exprToAst(node(n, 'start')),
    variable: name(tok(n, 'variable'), span), source: exprToAst(node(n, 'source')),
    ...(key ? { key: exprToAst(key) } : {}),
    ...(tie ? { tie: exprToAst(tie) } : tok(n, 'listOrder') ? { tie: 'list' as const } : {}),
    rules: nodes(n, 'ruleCase').map((r) => {
      const rs = spanOf(r);
      return { span: rs, name: name(tok(r, 'name'), rs), condition: exprToAst(node(r, 'condition')), value: exprToAst(node(r, 'value')), overrides: toks(r, 'overrides').map((o) => name(o, rs)), citations: citations(node(r, 'citations')) };
    }),
  };
}

function datedToAst(n: CstNode): A.DatedDecl {
  const span = spanOf(n);
  const header = node(n, 'datedHeader');
  const source = node(n, 'source');
  return {
    kind: 'dated', span, name: name(tok(n, 'name'), span), citations: citations(node(n, 'citations')), doc: doc(n),
    rowType: name(tok(n, 'rowType'), span), dateField: name(tok(n, 'dateField'), span),
    ...(tok(n, 'keyField') ? { keyField: name(tok(n, 'keyField'), span) } : {}),
    ...(source ? { source: exprToAst(source) } : {}),
    ...(header ? {
      columns: toks(header, 'column').map((c) => name(c, spanOf(header))),
      rows: nodes(n, 'datedRow').map((r) => ({ span: spanOf(r), cells: nodes(r, 'cell').map(exprToAst), citations: citations(node(r, 'citations')) })),
    } : {}),
  };
}
