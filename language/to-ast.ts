/**
 * CST -> AST: turns Chevrotain's concrete syntax tree into the typed AST of ast.ts.
 * Recovered (partial) CST nodes produce `error` expressions instead of crashing.
 */
import type { CstNode, IToken, CstElement } from 'chevrotain';
import type * as A from './ast.js';
import { tokenSpan, joinSpans, FILE_START, type Span } from './span.js';

type Children = Record<string, CstElement[] | undefined>;

function kids(n: CstNode): Children { return n.children as Children; }
function nodes(n: CstNode, label: string): CstNode[] { return (kids(n)[label] ?? []) as CstNode[]; }
function node(n: CstNode, label: string): CstNode | undefined { return nodes(n, label)[0]; }
function toks(n: CstNode, label: string): IToken[] { return (kids(n)[label] ?? []) as IToken[]; }
function tok(n: CstNode, label: string): IToken | undefined { return toks(n, label)[0]; }

function spanOf(n: CstNode): Span {
  const loc = n.location;
  if (!loc || Number.isNaN(loc.startOffset) || loc.startLine === undefined || Number.isNaN(loc.startLine)) {
    // fall back to the first token found below this node
    const first = firstToken(n);
    return first ? tokenSpan(first) : FILE_START;
  }
  return {
    startOffset: loc.startOffset, endOffset: (loc.endOffset ?? loc.startOffset) + 1,
    startLine: loc.startLine ?? 1, startColumn: loc.startColumn ?? 1,
    endLine: loc.endLine ?? loc.startLine ?? 1, endColumn: (loc.endColumn ?? loc.startColumn ?? 1) + 1,
  };
}

function firstToken(n: CstNode): IToken | undefined {
  let best: IToken | undefined;
  for (const list of Object.values(kids(n))) {
    for (const el of list ?? []) {
      const t = 'image' in el ? (el as IToken) : firstToken(el as CstNode);
      if (t && !Number.isNaN(t.startOffset) && (!best || t.startOffset < best.startOffset)) best = t;
    }
  }
  return best;
}

function name(t: IToken | undefined, fallback: Span): A.Name {
  if (!t || t.isInsertedInRecovery || t.image === undefined) return { text: '', span: fallback };
  return { text: t.image, span: tokenSpan(t) };
}

/** The text of a string literal token, without quotes and with escapes resolved. */
export function unquote(image: string): string {
  return image.slice(1, -1).replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c));
}

function citations(n: CstNode | undefined): A.Citation[] {
  if (!n) return [];
  return toks(n, 'Citation').map((t) => ({ text: t.image.replace(/\s+/g, ''), span: tokenSpan(t) }));
}

/** Removes the thousands separators of a number literal: `14 400.00` -> `14400.00`. */
export function plainNumber(image: string): string {
  return image.replace(/[ \u00A0\u202F%]/g, '');
}

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

function declarationToAst(n: CstNode): A.Declaration | undefined {
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
  const cur = tok(n, 'currency');
  return { kind: 'named', name: name(tok(n, 'name'), span), currency: cur ? name(cur, span) : undefined, span };
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

function compareOpOf(n: CstNode): A.CompareOp {
  const t = Object.values(kids(n))[0]?.[0] as IToken | undefined;
  const img = t?.image ?? '=';
  const map: Record<string, A.CompareOp> = { '=': '=', '<>': '<>', '!=': '<>', '≠': '<>', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=' };
  return map[img] ?? '=';
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

// ------------------------------------------------------------------ expressions

function errorExpr(span: Span): A.Expr { return { kind: 'error', span }; }

/** Converts any expression-level CST node. */
export function exprToAst(n: CstNode | undefined): A.Expr {
  if (!n) return errorExpr(FILE_START);
  const span = spanOf(n);
  switch (n.name) {
    case 'expr': {
      const operands = nodes(n, 'operand').map(exprToAst);
      const elses = toks(n, 'orElse');
      const ops = toks(n, 'op');
      let acc = operands[0] ?? errorExpr(span);
      for (let i = 1; i < operands.length; i++) {
        const isElse = elses.some((e) => e.startOffset > ops[i - 1]!.startOffset && e.startOffset < operands[i]!.span.startOffset);
        acc = { kind: 'binary', op: isElse ? 'or_else' : 'or', left: acc, right: operands[i]!, span: joinSpans(acc.span, operands[i]!.span) };
      }
      return acc;
    }
    case 'andExpr': {
      const operands = nodes(n, 'operand').map(exprToAst);
      return operands.slice(1).reduce<A.Expr>((acc, r) => ({ kind: 'binary', op: 'and', left: acc, right: r, span: joinSpans(acc.span, r.span) }), operands[0] ?? errorExpr(span));
    }
    case 'notExpr': {
      const negated = node(n, 'negated');
      if (negated) return { kind: 'unary', op: 'not', operand: exprToAst(negated), span };
      return exprToAst(node(n, 'test'));
    }
    case 'testExpr': return testToAst(n, span);
    case 'additive':
    case 'multiplicative': {
      const operands = nodes(n, 'operand').map(exprToAst);
      const ops = toks(n, 'op');
      let acc = operands[0] ?? errorExpr(span);
      for (let i = 1; i < operands.length; i++) {
        const img = ops[i - 1]?.image ?? '+';
        const op = img === '−' ? '-' : img === '×' ? '*' : (img as '+' | '-' | '*' | '/' | 'of');
        acc = { kind: 'binary', op, left: acc, right: operands[i]!, span: joinSpans(acc.span, operands[i]!.span) };
      }
      return acc;
    }
    case 'unary': {
      const negated = node(n, 'negated');
      if (negated) return { kind: 'unary', op: '-', operand: exprToAst(negated), span };
      return exprToAst(node(n, 'operand'));
    }
    case 'postfix': {
      let acc = exprToAst(node(n, 'primary'));
      for (const f of toks(n, 'field')) {
        const fname = name(f, span);
        acc = { kind: 'field', target: acc, field: fname, span: joinSpans(acc.span, fname.span) };
      }
      return acc;
    }
    case 'primary': {
      const paren = node(n, 'paren');
      // keep the parentheses in the span, so quoted source text stays balanced
      if (paren) return { ...exprToAst(paren), span };
      const inner = Object.values(kids(n)).flat().find((c) => c !== undefined && !('image' in c)) as CstNode | undefined;
      return inner ? exprToAst(inner) : errorExpr(span);
    }
    case 'literal': return literalToAst(n, span);
    case 'callOrName': {
      const nm = name(tok(n, 'name'), span);
      if (!tok(n, 'LParen')) return { kind: 'name', name: nm, span };
      return { kind: 'call', callee: nm, args: nodes(n, 'args').map(exprToAst), span };
    }
    case 'ifExpr':
      return { kind: 'if', condition: exprToAst(node(n, 'condition')), then: exprToAst(node(n, 'then')), else: exprToAst(node(n, 'else')), span };
    case 'matchExpr':
      return {
        kind: 'match', subject: exprToAst(node(n, 'subject')), span,
        arms: nodes(n, 'matchArm').map((a) => ({ values: nodes(a, 'values').map(exprToAst), result: exprToAst(node(a, 'result')), span: spanOf(a) })),
        otherwise: node(n, 'otherwise') ? exprToAst(node(n, 'otherwise')) : undefined,
      };
    case 'aggregate': return aggregateToAst(n, span);
    case 'intervalExpr': {
      const start = tok(n, 'start')?.image;
      const end = tok(n, 'end')?.image;
      return { kind: 'interval', start: exprToAst(node(n, 'low')), end: exprToAst(node(n, 'high')), startInclusive: start !== 'after', endInclusive: end !== 'before', span };
    }
    case 'listExpr': return { kind: 'list', items: nodes(n, 'items').map(exprToAst), span };
    case 'recordExpr': {
      const names = toks(n, 'names');
      const values = nodes(n, 'values');
      return { kind: 'record', fields: names.map((nm, i) => ({ name: name(nm, span), value: exprToAst(values[i]) })), span };
    }
    case 'effectiveExpr':
      return {
        kind: 'effective', at: exprToAst(node(n, 'at')), span,
        versions: nodes(n, 'effectiveVersion').map((v) => {
          const vs = spanOf(v);
          const from = tok(v, 'from');
          const until = tok(v, 'until');
          return {
            span: vs,
            from: from ? { kind: 'date', text: from.image, span: tokenSpan(from) } : undefined,
            until: until ? { kind: 'date', text: until.image, span: tokenSpan(until) } : undefined,
            value: exprToAst(node(v, 'value')), citations: citations(node(v, 'citations')),
          };
        }),
      };
    default:
      return errorExpr(span);
  }
}

function testToAst(n: CstNode, span: Span): A.Expr {
  const left = exprToAst(node(n, 'left'));
  const op = node(n, 'compareOp');
  if (op) return { kind: 'compare', op: compareOpOf(op), left, right: exprToAst(node(n, 'right')), span };
  const negated = toks(n, 'negated').length > 0;
  if (tok(n, 'Kw_is')) {
    const presence = tok(n, 'presence');
    if (presence) return { kind: 'presence', negated: presence.image === 'absent' ? !negated : negated, operand: left, span };
    const values = nodes(n, 'values');
    if (values.length) return { kind: 'is', negated, left, right: values.map(exprToAst), span };
    return { kind: 'is', negated, left, right: [exprToAst(node(n, 'value'))], span };
  }
  const interval = node(n, 'interval');
  if (interval) return { kind: 'within', negated, operand: left, interval: exprToAst(interval), span };
  const order = tok(n, 'order');
  if (order) return { kind: 'order', op: order.image as 'before' | 'after', left, right: exprToAst(node(n, 'right')), span };
  const orderOr = tok(n, 'orderOr');
  if (orderOr) return { kind: 'order', op: orderOr.image === 'before' ? 'on_or_before' : 'on_or_after', left, right: exprToAst(node(n, 'right')), span };
  return left;
}

function literalToAst(n: CstNode, span: Span): A.Expr {
  const num = tok(n, 'number');
  if (num) {
    const unit = tok(n, 'unit');
    const amount = plainNumber(num.image);
    if (!unit) return { kind: 'number', text: amount, span };
    if (unit.image === 'business') {
      return { kind: 'duration', amount, unit: 'business_days', span };
    }
    const u = unit.image.replace(/s$/, '');
    if (u === 'day' || u === 'month' || u === 'year') return { kind: 'duration', amount, unit: `${u}s` as 'days', span };
    return { kind: 'money', amount, currency: { text: unit.image, span: tokenSpan(unit) }, span };
  }
  const pct = tok(n, 'percent');
  if (pct) return { kind: 'percent', text: plainNumber(pct.image), span };
  const date = tok(n, 'date');
  if (date) {
    const time = tok(n, 'time');
    const zone = tok(n, 'zone');
    if (time) return { kind: 'instant', date: date.image, time: time.image, zone: zone?.image, span, dateSpan: tokenSpan(date), timeSpan: tokenSpan(time), ...(zone ? { zoneSpan: tokenSpan(zone) } : {}) };
    return { kind: 'date', text: date.image, span };
  }
  const str = tok(n, 'string');
  if (str) return { kind: 'string', value: unquote(str.image), span };
  const bool = tok(n, 'boolean');
  if (bool) return { kind: 'boolean', value: bool.image === 'true', span };
  return errorExpr(span);
}

const AGGREGATE_OPS: Record<string, A.AggregateOp> = {
  sum: 'sum', minimum: 'minimum', maximum: 'maximum', list: 'map', distinct: 'distinct_count', count: 'count',
  exists: 'exists', no: 'none', each: 'filter', earliest: 'earliest', latest: 'latest', every: 'every',
};

function aggregateToAst(n: CstNode, span: Span): A.Expr {
  const op = AGGREGATE_OPS[tok(n, 'op')?.image ?? ''] ?? 'count';
  const binder = node(n, 'binder');
  const value = node(n, 'value');
  return {
    kind: 'aggregate', op, span,
    variable: name(binder ? tok(binder, 'variable') : undefined, span),
    collection: exprToAst(binder ? node(binder, 'collection') : undefined),
    where: binder && node(binder, 'where') ? exprToAst(node(binder, 'where')) : undefined,
    value: value ? exprToAst(value) : undefined,
  };
}
