/**
 * The grammar of quantities: declared units, declared rates between units and currencies,
 * and proportional splits.
 *
 *   unit bonus, bonuses §5 "a bonus of the partner's balance"
 *   rate 1 bonus = 1.00 RUB §5
 *   rate EUR to USD = fx_rates.usd_per_unit §A1-1
 *   split project.points into 2 shares remainder to first
 *   split amount by [3, 1] to 0.01 remainder to largest
 *
 * `unit`, `rate`, `split`, `into`, `shares` and `remainder` are words only here (gated on
 * their spelling), so they stay usable as names elsewhere. The conversion `x as RUB` and a
 * quantity literal `120 bonus` are part of the expression grammar (postfix and literal).
 */
import type { CstNode, IToken } from 'chevrotain';
import * as T from '../tokens.js';
import { DatedParser } from './dated.js';

const K = T.Kw;

/** True when the token is the identifier spelled `word`. */
export function isWord(t: IToken, word: string): boolean {
  return t.tokenType === T.Identifier && t.image === word;
}

export abstract class QuantityParser extends DatedParser {
  unitDecl = this.RULE('unitDecl', () => {
    this.CONSUME(T.Cx.unit, { LABEL: 'keyword' });
    this.CONSUME1(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => { this.CONSUME(T.Comma); this.CONSUME2(T.Identifier, { LABEL: 'plural' }); });
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
  });

  rateDecl = this.RULE('rateDecl', () => {
    this.CONSUME(T.Cx.rate, { LABEL: 'keyword' });
    this.OR([
      { ALT: () => {
        this.CONSUME(T.NumberLit, { LABEL: 'fromAmount' });
        this.CONSUME1(T.Identifier, { LABEL: 'fromUnit' });
        this.CONSUME(T.Equals);
        this.CONSUME1(T.NumberLit, { LABEL: 'toAmount' });
        this.CONSUME2(T.Identifier, { LABEL: 'toUnit' });
      } },
      // `rate EUR to USD = fx.usd_per_unit`: dated rates from a dated table
      { ALT: () => {
        this.CONSUME3(T.Identifier, { LABEL: 'fromUnit' });
        this.CONSUME(K.to);
        this.CONSUME4(T.Identifier, { LABEL: 'toUnit' });
        this.CONSUME1(T.Equals);
        this.CONSUME5(T.Identifier, { LABEL: 'table' });
        this.CONSUME(T.Dot);
        this.CONSUME(T.Word, { LABEL: 'field' });
      } },
    ]);
    this.SUBRULE(this.citations);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
  });

  splitExpr = this.RULE('splitExpr', () => {
    this.CONSUME(T.Cx.split, { LABEL: 'keyword' });
    this.SUBRULE(this.additive, { LABEL: 'value' });
    this.OR([
      { GATE: () => isWord(this.LA(1), 'into'), ALT: () => {
        this.CONSUME1(T.Identifier, { LABEL: 'into' });
        this.SUBRULE1(this.additive, { LABEL: 'count' });
        this.CONSUME2(T.Identifier, { LABEL: 'shares' });
      } },
      { ALT: () => { this.CONSUME(K.by); this.SUBRULE2(this.additive, { LABEL: 'weights' }); } },
    ]);
    this.OPTION(() => { this.CONSUME(K.to, { LABEL: 'stepTo' }); this.CONSUME(T.NumberLit, { LABEL: 'step' }); });
    this.CONSUME3(T.Identifier, { LABEL: 'remainderWord' });
    this.CONSUME1(K.to);
    this.CONSUME(T.Word, { LABEL: 'remainder' });
  });
}
export type { CstNode };
