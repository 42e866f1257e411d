/**
 * CST -> AST for expressions: operators, tests, literals, aggregates, intervals and
 * effective-dated values.
 */
import type { CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { tokenSpan, joinSpans, FILE_START, type Span } from './span.js';
import { kids, nodes, node, toks, tok, spanOf, name, unquote, citations, plainNumber, compareOpOf } from './cst.js';
import { splitToAst } from './to-ast-quantities.js';

function errorExpr(span: Span): A.Expr { return { kind: 'error', span }; }

/** The labels under which a node of the precedence chain passes its one operand on. */
const PASSED_ON = new Map(Object.entries({
  expr: 'operand', andExpr: 'operand', notExpr: 'test', testExpr: 'left', additive: 'operand',
  multiplicative: 'operand', unary: 'operand', postfix: 'primary',
}));

/**
 * The child a node only passes on: every name and literal goes down the whole precedence
 * chain (expr → andExpr → notExpr → testExpr → additive → multiplicative → unary → postfix →
 * primary), and each of those nodes with a single child converts to that child's AST.
 * Skipping them first (without building their spans) saves much of the conversion's time.
 */
function passedOn(n: CstNode): CstNode | undefined {
  let only: string | undefined;
  for (const label in n.children) {
    if (only !== undefined) return undefined;
    only = label;
  }
  if (only === undefined || (n.name === 'primary' ? only === 'paren' : PASSED_ON.get(n.name) !== only)) return undefined;
  const list = n.children[only]!;
  return list.length === 1 && !('image' in list[0]!) ? (list[0] as CstNode) : undefined;
}

/** Converts any expression-level CST node. */
export function exprToAst(n: CstNode | undefined): A.Expr {
  if (!n) return errorExpr(FILE_START);
  for (let down = passedOn(n); down; down = passedOn(n)) n = down;
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
      const unit = tok(n, 'unit');
      if (unit) acc = { kind: 'durationOf', count: acc, unit: unitOf(unit.image), span: joinSpans(acc.span, tokenSpan(toks(n, 'unit2')[0] ?? unit)) };
      const time = tok(n, 'time');
      if (time) {
        const zone = tok(n, 'zone');
        acc = { kind: 'clock', date: acc, time: time.image, zone: zone?.image, timeSpan: tokenSpan(time), ...(zone ? { zoneSpan: tokenSpan(zone) } : {}), span: joinSpans(acc.span, tokenSpan(zone ?? time)) };
      }
      const target = tok(n, 'target');
      const on = node(n, 'on');
      if (target) {
        const t = name(target, span);
        // `x as USD on d`: the day picks the dated rate
        const at = on ? exprToAst(on) : undefined;
        return { kind: 'convert', value: acc, target: t, ...(at ? { at } : {}), span: joinSpans(acc.span, at?.span ?? t.span) };
      }
      if (on) { const at = exprToAst(on); acc = { kind: 'historyAt', target: acc, at, span: joinSpans(acc.span, at.span) }; }
      return acc;
    }
    case 'primary': {
      const paren = node(n, 'paren');
      // keep the parentheses in the span, so quoted source text stays balanced
      if (paren) return { ...exprToAst(paren), span };
      const fold = tok(n, 'foldState');
      if (fold) return { kind: 'foldState', which: fold.image as 'previous' | 'since', span };
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
    case 'sequenceExpr': {
      const u = unitOf(tok(n, 'unit')?.image ?? 'days');
      return { kind: 'sequence', unit: u === 'months' || u === 'years' ? u : 'days', interval: exprToAst(node(n, 'interval')), span };
    }
    case 'splitExpr': return splitToAst(n, span);
    case 'itemExpr': return { kind: 'item', index: exprToAst(node(n, 'index')), list: exprToAst(node(n, 'list')), span };
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
            from: from ? versionDate(from) : undefined,
            until: until ? versionDate(until) : undefined,
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
    if (presence) return { kind: 'presence', negated, operand: left, span };
    const values = nodes(n, 'values');
    if (values.length) return { kind: 'is', negated, left, right: values.map(exprToAst), span };
    const value = exprToAst(node(n, 'value'));
    // `x is absent`, `x is not absent`
    if (value.kind === 'absent') return { kind: 'presence', negated: !negated, operand: left, span };
    return { kind: 'is', negated, left, right: [value], span };
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
    if (DURATION_WORDS.has(unit.image)) return { kind: 'duration', amount, unit: unitOf(unit.image), span };
    if (!/^[A-Z]{3}$/.test(unit.image)) return { kind: 'quantity', amount, unit: { text: unit.image, span: tokenSpan(unit) }, span };
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
  if (tok(n, 'absent')) return { kind: 'absent', span };
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
    ...(node(n, 'tie') ? { tie: exprToAst(node(n, 'tie')) } : {}),
  };
}

const DURATION_WORDS = new Set(['day', 'days', 'month', 'months', 'year', 'years', 'business', 'hour', 'hours', 'minute', 'minutes']);

/** The unit of a duration word: `day`/`days` -> days, `business` (days) -> business_days. */
function unitOf(word: string): A.DurationUnit {
  if (word === 'business') return 'business_days';
  return `${word.replace(/s$/, '')}s` as A.DurationUnit;
}

/** A version date of `in force on`: a date literal or the name of a date parameter. */
function versionDate(t: IToken): A.Expr {
  const span = tokenSpan(t);
  return t.tokenType.name === 'DateLit' ? { kind: 'date', text: t.image, span } : { kind: 'name', name: { text: t.image, span }, span };
}
