/**
 * The grammar of collections and composite values: aggregates over lists (`sum … for x in
 * L`), intervals, list and record literals, and effective-dated values (`in force on`).
 */
import type { CstNode } from 'chevrotain';
import * as T from '../tokens.js';
import { ExpressionParser } from './expressions.js';

const K = T.Kw;

export abstract class CollectionParser extends ExpressionParser {
  binder = this.RULE('binder', () => {
    this.CONSUME(T.Identifier, { LABEL: 'variable' });
    this.CONSUME(K.in);
    this.SUBRULE(this.additive, { LABEL: 'collection' });
    this.OPTION(() => { this.CONSUME(K.where); this.SUBRULE(this.expr, { LABEL: 'where' }); });
  });

  aggregate = this.RULE('aggregate', () => {
    this.OR([
      // value-first forms: sum E for x in L where C
      { ALT: () => {
        this.OR1([
          { ALT: () => this.CONSUME(K.sum, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.minimum, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.maximum, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.list, { LABEL: 'op' }) },
          { ALT: () => { this.CONSUME(K.distinct, { LABEL: 'op' }); this.CONSUME(K.count); } },
        ]);
        this.SUBRULE(this.additive, { LABEL: 'value' });
        this.CONSUME(K.for);
        this.OPTION(() => this.CONSUME(K.each));
        this.SUBRULE(this.binder);
      } },
      // binder-first forms: count x in L where C
      { ALT: () => {
        this.OR2([
          { ALT: () => this.CONSUME1(K.count, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.exists, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.no, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME1(K.each, { LABEL: 'op' }) },
        ]);
        this.SUBRULE1(this.binder);
      } },
      { ALT: () => {
        this.OR3([
          { ALT: () => this.CONSUME(K.earliest, { LABEL: 'op' }) },
          { ALT: () => this.CONSUME(K.latest, { LABEL: 'op' }) },
        ]);
        this.SUBRULE2(this.binder);
        this.CONSUME(K.by);
        this.SUBRULE1(this.additive, { LABEL: 'value' });
        // a tie-breaker for equal values: `earliest p in L by p.paid_at ties by p.id`
        this.OPTION1(() => { this.CONSUME(K.ties); this.CONSUME1(K.by); this.SUBRULE3(this.additive, { LABEL: 'tie' }); });
      } },
      { ALT: () => {
        this.CONSUME(K.every, { LABEL: 'op' });
        this.SUBRULE3(this.binder);
        this.CONSUME(K.satisfies);
        this.SUBRULE2(this.notExpr, { LABEL: 'value' });
      } },
    ]);
  });

  intervalExpr = this.RULE('intervalExpr', () => {
    this.OR([{ ALT: () => this.CONSUME(K.from, { LABEL: 'start' }) }, { ALT: () => this.CONSUME(K.after, { LABEL: 'start' }) }]);
    this.SUBRULE(this.additive, { LABEL: 'low' });
    this.OR1([
      { ALT: () => this.CONSUME(K.through, { LABEL: 'end' }) },
      { ALT: () => this.CONSUME(K.until, { LABEL: 'end' }) },
      { ALT: () => this.CONSUME(K.before, { LABEL: 'end' }) },
    ]);
    this.SUBRULE1(this.additive, { LABEL: 'high' });
  });

  listExpr = this.RULE('listExpr', () => {
    this.CONSUME(T.LBracket);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'items' }) });
    this.CONSUME(T.RBracket);
  });

  recordExpr = this.RULE('recordExpr', () => {
    this.CONSUME(T.LBrace);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => {
      this.CONSUME(T.Word, { LABEL: 'names' });
      this.CONSUME(T.Colon);
      this.SUBRULE(this.expr, { LABEL: 'values' });
    } });
    this.CONSUME(T.RBrace);
  });

  effectiveExpr = this.RULE('effectiveExpr', () => {
    this.CONSUME(K.in); this.CONSUME(K.force); this.CONSUME(K.on);
    this.SUBRULE(this.additive, { LABEL: 'at' });
    this.AT_LEAST_ONE(() => this.SUBRULE(this.effectiveVersion));
  });

  effectiveVersion = this.RULE('effectiveVersion', () => {
    this.OR([
      { ALT: () => {
        this.CONSUME(K.from);
        this.OR1([{ ALT: () => this.CONSUME(T.DateLit, { LABEL: 'from' }) }, { ALT: () => this.CONSUME(T.Identifier, { LABEL: 'from' }) }]);
        this.OPTION(() => {
          this.CONSUME(K.until);
          this.OR2([{ ALT: () => this.CONSUME1(T.DateLit, { LABEL: 'until' }) }, { ALT: () => this.CONSUME1(T.Identifier, { LABEL: 'until' }) }]);
        });
      } },
      { ALT: () => {
        this.CONSUME1(K.until);
        // a version date is a date or the name of a date parameter
        this.OR3([{ ALT: () => this.CONSUME2(T.DateLit, { LABEL: 'until' }) }, { ALT: () => this.CONSUME2(T.Identifier, { LABEL: 'until' }) }]);
      } },
    ]);
    this.SUBRULE(this.citations);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr, { LABEL: 'value' });
  });

  /** `each day from A through B`, `each month from A before B`: dates counted from the start. */
  sequenceExpr = this.RULE('sequenceExpr', () => {
    this.CONSUME(K.each);
    this.CONSUME(T.Word, { LABEL: 'unit' });
    this.SUBRULE(this.intervalExpr, { LABEL: 'interval' });
  });

  /** `item 2 of L`, `item n of L`: the n-th item (from 1), absent past the end. */
  itemExpr = this.RULE('itemExpr', () => {
    this.CONSUME(T.Identifier, { LABEL: 'item' });
    this.SUBRULE(this.postfix, { LABEL: 'index' });
    this.CONSUME(K.of);
    this.SUBRULE1(this.postfix, { LABEL: 'list' });
  });
}
export type { CstNode };
