/** CST -> AST for quantities: unit and rate declarations and proportional splits. */
import type { CstNode } from 'chevrotain';
import type * as A from './ast.js';
import { tokenSpan, type Span } from './span.js';
import { node, tok, spanOf, name, unquote, citations, plainNumber } from './cst.js';
import { exprToAst } from './to-ast-expr.js';

function doc(n: CstNode): string | undefined {
  const t = tok(n, 'doc');
  return t ? unquote(t.image) : undefined;
}

/** `unit bonus, bonuses §5 "…"` */
export function unitToAst(n: CstNode): A.UnitDecl {
  const span = spanOf(n);
  const plural = tok(n, 'plural');
  return {
    kind: 'unit', span, name: name(tok(n, 'name'), span), citations: citations(node(n, 'citations')), doc: doc(n),
    ...(plural ? { plural: name(plural, span) } : {}),
  };
}

/** `rate 1 bonus = 1.00 RUB §5` */
export function rateToAst(n: CstNode): A.RateDecl {
  const span = spanOf(n);
  const from = name(tok(n, 'fromUnit'), span);
  const table = tok(n, 'table');
  return {
    kind: 'rate', span, name: { text: '', span: from.span }, citations: citations(node(n, 'citations')), doc: doc(n),
    from: { amount: plainNumber(tok(n, 'fromAmount')?.image ?? '1'), unit: from },
    to: { amount: plainNumber(tok(n, 'toAmount')?.image ?? '1'), unit: name(tok(n, 'toUnit'), span) },
    ...(table ? { dated: { table: name(table, span), field: name(tok(n, 'field'), span) } } : {}),
  };
}

/** `split x into n shares [to step] remainder to first|last|largest`, or `split x by weights …` */
export function splitToAst(n: CstNode, span: Span): A.Expr {
  const rem = tok(n, 'remainder');
  const step = tok(n, 'step');
  return {
    kind: 'split', span, value: exprToAst(node(n, 'value')),
    ...(node(n, 'count') ? { count: exprToAst(node(n, 'count')) } : {}),
    ...(node(n, 'weights') ? { weights: exprToAst(node(n, 'weights')) } : {}),
    ...(step ? { step: plainNumber(step.image), stepSpan: tokenSpan(step) } : {}),
    remainder: (rem?.image ?? 'first') as A.SplitRemainder,
    ...(rem ? { remainderSpan: tokenSpan(rem) } : {}),
  };
}

/** `ledger name … lots … draws … policy …` */
export function ledgerToAst(n: CstNode): A.LedgerDecl {
  const span = spanOf(n);
  const lots = node(n, 'ledgerLots'), draws = node(n, 'ledgerDraws'), policy = node(n, 'ledgerPolicy');
  const opt = (c: CstNode, label: string) => (node(c, label) ? exprToAst(node(c, label)) : undefined);
  const words = policy ? ['earliest', 'w1', 'w2', 'fifo', 'w3', 'w4'].map((l) => tok(policy, l)?.image ?? '') : [];
  return {
    kind: 'ledger', span, name: name(tok(n, 'name'), span), citations: citations(node(n, 'citations')), doc: doc(n),
    ...(lots ? { lots: {
      variable: name(tok(lots, 'variable'), span), source: exprToAst(node(lots, 'source')), amount: exprToAst(node(lots, 'amount')),
      from: exprToAst(node(lots, 'from')), until: exprToAst(node(lots, 'until')), key: exprToAst(node(lots, 'key')),
      ...(opt(lots, 'cancelled') ? { cancelled: opt(lots, 'cancelled') } : {}), span: spanOf(lots),
      words: [tok(lots, 'amountWord'), tok(lots, 'keyWord'), tok(lots, 'cancelledWord')].filter((t) => t).map((t) => name(t, span)),
    } } : {}),
    ...(draws ? { draws: {
      variable: name(tok(draws, 'variable'), span), source: exprToAst(node(draws, 'source')), amount: exprToAst(node(draws, 'amount')),
      on: exprToAst(node(draws, 'on')), key: exprToAst(node(draws, 'key')),
      ...(opt(draws, 'limit') ? { limit: opt(draws, 'limit') } : {}), span: spanOf(draws),
      words: [tok(draws, 'amountWord'), tok(draws, 'keyWord'), tok(draws, 'limitWord')].filter((t) => t).map((t) => name(t, span)),
    } } : {}),
    ...(policy ? { policy: {
      which: words[0] ? 'earliest_expiry' : 'fifo', span: spanOf(policy),
      words: words.filter(Boolean).map((w) => ({ text: w, span: spanOf(policy) })),
    } } : {}),
  };
}
