/**
 * The grammar of states over a history: a value folded over an ordered list, with named
 * transition rules. (The questions asked of it, `status on d` and `history of status`,
 * are ordinary expressions: a postfix `on` and `of`, told apart by the checker.)
 */
import type { CstNode, ParserMethod } from 'chevrotain';
import * as T from '../tokens.js';
import { TableParser } from './tables.js';

const K = T.Kw;

export abstract class HistoryParser extends TableParser {
  abstract params: ParserMethod<[], CstNode>;

  /**
   * state status: Status §2.8 "…"
   *   initially business from registered_on
   *   over d in calculation_days [by KEY] [ties by TIE | ties in list order]
   *   rule upgrade when … then gold §2.10
   */
  stateDecl = this.RULE('stateDecl', () => {
    this.CONSUME(K.state);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    // one state per argument, e.g. per client: `state subscription(c: Client): …`
    this.OPTION4(() => this.SUBRULE(this.params));
    this.OPTION(() => { this.CONSUME(T.Colon); this.SUBRULE(this.typeRef); });
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.CONSUME(K.initially);
    this.SUBRULE(this.additive, { LABEL: 'initial' });
    this.CONSUME(K.from);
    this.SUBRULE1(this.additive, { LABEL: 'start' });
    this.CONSUME(K.over);
    this.CONSUME1(T.Identifier, { LABEL: 'variable' });
    this.CONSUME(K.in);
    this.SUBRULE2(this.additive, { LABEL: 'source' });
    this.OPTION2(() => { this.CONSUME(K.by); this.SUBRULE3(this.additive, { LABEL: 'key' }); });
    this.OPTION3(() => {
      this.CONSUME(K.ties);
      this.OR([
        { ALT: () => { this.CONSUME1(K.by); this.SUBRULE4(this.additive, { LABEL: 'tie' }); } },
        { ALT: () => { this.CONSUME1(K.in); this.CONSUME(K.list, { LABEL: 'listOrder' }); this.CONSUME2(T.Identifier, { LABEL: 'order' }); } },
      ]);
    });
    this.AT_LEAST_ONE(() => this.SUBRULE(this.ruleCase));
  });

  /** `rule name when C then V [overrides a, b] §…`: a rule case of a `define`, or a transition of a state. */
  ruleCase = this.RULE('ruleCase', () => {
    this.CONSUME(K.rule);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.CONSUME(K.when);
    this.SUBRULE(this.expr, { LABEL: 'condition' });
    this.CONSUME(K.then);
    this.SUBRULE1(this.expr, { LABEL: 'value' });
    this.OPTION(() => {
      this.CONSUME(K.overrides);
      this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME1(T.Word, { LABEL: 'overrides' }) });
    });
    this.SUBRULE(this.citations);
  });
}
export type { CstNode };
