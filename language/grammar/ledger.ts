/**
 * The grammar of ledgers: lots consumed by draws under a policy.
 *
 *   ledger bonus_use §R1-37 "bonuses spent on orders"
 *     lots g in grants amount g.amount from g.credited_on until g.expires_on key g.id cancelled from g.cancelled_on
 *     draws o in orders amount o.net dated o.placed_on key o.id limit max(o.net - 10 USD, 0 USD)
 *     policy earliest expiring first          # or: policy first in first out
 *
 * `amount`, `key`, `limit`, `cancelled`, `expiring`, `first`, `out` are words only here.
 */
import type { CstNode } from 'chevrotain';
import * as T from '../tokens.js';
import { QuantityParser, isWord } from './quantities.js';

const K = T.Kw;

export abstract class LedgerParser extends QuantityParser {
  ledgerDecl = this.RULE('ledgerDecl', () => {
    this.CONSUME(T.Cx.ledger);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.SUBRULE(this.citations);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.OPTION1(() => this.SUBRULE(this.ledgerLots));
    this.OPTION2(() => this.SUBRULE(this.ledgerDraws));
    this.OPTION3(() => this.SUBRULE(this.ledgerPolicy));
  });

  ledgerLots = this.RULE('ledgerLots', () => {
    this.CONSUME(T.Cx.lots);
    this.CONSUME(T.Identifier, { LABEL: 'variable' });
    this.CONSUME(K.in);
    this.SUBRULE(this.additive, { LABEL: 'source' });
    this.CONSUME1(T.Identifier, { LABEL: 'amountWord' });
    this.SUBRULE1(this.additive, { LABEL: 'amount' });
    this.CONSUME(K.from);
    this.SUBRULE2(this.additive, { LABEL: 'from' });
    this.CONSUME(K.until);
    this.SUBRULE3(this.additive, { LABEL: 'until' });
    this.CONSUME2(T.Identifier, { LABEL: 'keyWord' });
    this.SUBRULE4(this.additive, { LABEL: 'key' });
    this.OPTION({ GATE: () => isWord(this.LA(1), 'cancelled'), DEF: () => {
      this.CONSUME3(T.Identifier, { LABEL: 'cancelledWord' });
      this.CONSUME1(K.from);
      this.SUBRULE5(this.additive, { LABEL: 'cancelled' });
    } });
  });

  ledgerDraws = this.RULE('ledgerDraws', () => {
    this.CONSUME(T.Cx.draws);
    this.CONSUME(T.Identifier, { LABEL: 'variable' });
    this.CONSUME(K.in);
    this.SUBRULE(this.additive, { LABEL: 'source' });
    this.CONSUME1(T.Identifier, { LABEL: 'amountWord' });
    this.SUBRULE1(this.additive, { LABEL: 'amount' });
    this.CONSUME(K.dated);
    this.SUBRULE2(this.additive, { LABEL: 'on' });
    this.CONSUME2(T.Identifier, { LABEL: 'keyWord' });
    this.SUBRULE3(this.additive, { LABEL: 'key' });
    this.OPTION({ GATE: () => isWord(this.LA(1), 'limit'), DEF: () => {
      this.CONSUME3(T.Identifier, { LABEL: 'limitWord' });
      this.SUBRULE4(this.additive, { LABEL: 'limit' });
    } });
  });

  ledgerPolicy = this.RULE('ledgerPolicy', () => {
    this.CONSUME(T.Cx.policy);
    this.OR([
      { ALT: () => { this.CONSUME(K.earliest, { LABEL: 'earliest' }); this.CONSUME(T.Identifier, { LABEL: 'w1' }); this.CONSUME1(T.Identifier, { LABEL: 'w2' }); } },
      { ALT: () => { this.CONSUME2(T.Identifier, { LABEL: 'fifo' }); this.CONSUME(K.in); this.CONSUME3(T.Identifier, { LABEL: 'w3' }); this.CONSUME4(T.Identifier, { LABEL: 'w4' }); } },
    ]);
  });
}
export type { CstNode };
