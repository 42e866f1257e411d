/**
 * The grammar: a pure Chevrotain CstParser (no embedded actions), built once and reused.
 * Error recovery is on, so one pass reports several syntax errors. This file holds the
 * program header and the declarations; expressions, collections and tables are in
 * `grammar/`, one class per construct family.
 */
import type { CstNode } from 'chevrotain';
import * as T from './tokens.js';
import { LedgerParser } from './grammar/ledger.js';

const K = T.Kw;

/** The whole grammar; `validate` as in ExpressionParser (only the tests validate). */
export class RulesParser extends LedgerParser {
  constructor(validate = false) {
    super(validate);
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  /**
   * One declaration entered as `file` enters it (the same rule depth, so the same nesting
   * limit): where the incremental parser (language/incremental.ts) parses an edited one.
   */
  declarationAt = this.RULE('declarationAt', () => {
    this.SUBRULE(this.declaration);
  });

  header = this.RULE('header', () => {
    this.CONSUME(K.program);
    this.OPTION(() => this.CONSUME(T.Identifier, { LABEL: 'name' }));
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.MANY(() => this.SUBRULE(this.headerItem));
  });

  headerItem = this.RULE('headerItem', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.title, { LABEL: 'key' }); this.CONSUME(T.StringLit, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(K.source, { LABEL: 'key' }); this.CONSUME1(T.StringLit, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(K.currency, { LABEL: 'key' }); this.CONSUME(T.Identifier, { LABEL: 'word' }); } },
      { ALT: () => {
        this.CONSUME(K.zone, { LABEL: 'key' });
        this.OR1([
          { ALT: () => this.CONSUME(T.ZoneLit, { LABEL: 'value' }) },
          { ALT: () => this.CONSUME2(T.StringLit, { LABEL: 'value' }) },
          { ALT: () => this.CONSUME1(T.Identifier, { LABEL: 'value' }) },
        ]);
      } },
      { ALT: () => {
        this.CONSUME(K.calendar, { LABEL: 'key' });
        this.CONSUME2(T.Identifier, { LABEL: 'word' });
        // `calendar UA peacetime`: a variant of the calendar, checked in compiler/resolve.ts
        this.OPTION(() => this.CONSUME4(T.Identifier, { LABEL: 'word' }));
      } },
      { ALT: () => {
        this.CONSUME(K.rounding, { LABEL: 'key' });
        this.AT_LEAST_ONE({ GATE: () => this.LA(1).tokenType !== K.to, DEF: () => this.CONSUME(T.Word, { LABEL: 'word' }) });
        this.CONSUME(K.to);
        this.CONSUME(T.NumberLit, { LABEL: 'value' });
      } },
      { ALT: () => { this.CONSUME(K.month, { LABEL: 'key' }); this.CONSUME(K.end); this.CONSUME3(T.Identifier, { LABEL: 'word' }); } },
    ]);
  });

  declaration = this.RULE('declaration', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.recordDecl) },
      { ALT: () => this.SUBRULE(this.inputDecl) },
      { ALT: () => this.SUBRULE(this.valueDecl) },
      { ALT: () => this.SUBRULE(this.tableDecl) },
      { ALT: () => this.SUBRULE(this.readingDecl) },
      { ALT: () => this.SUBRULE(this.eligibleDecl) },
      { ALT: () => this.SUBRULE(this.outputDecl) },
      { ALT: () => this.SUBRULE(this.stateDecl) },
      { ALT: () => this.SUBRULE(this.datedDecl) },
      { ALT: () => this.SUBRULE(this.unitDecl) },
      { ALT: () => this.SUBRULE(this.rateDecl) },
      { ALT: () => this.SUBRULE(this.ledgerDecl) },
    ]);
  });

  enumDecl = this.RULE('enumDecl', () => {
    this.CONSUME(K.enum);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.SUBRULE(this.citations);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.CONSUME(T.Colon);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.enumValue) });
    this.SUBRULE1(this.citations);
  });

  enumValue = this.RULE('enumValue', () => {
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'label' }));
  });

  recordDecl = this.RULE('recordDecl', () => {
    this.CONSUME(K.record);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.SUBRULE(this.citations);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.MANY({ GATE: () => this.LA(2).tokenType === T.Colon, DEF: () => this.SUBRULE(this.field) });
  });

  inputDecl = this.RULE('inputDecl', () => {
    this.CONSUME(K.input);
    this.SUBRULE(this.citations);
    this.MANY({ GATE: () => this.LA(2).tokenType === T.Colon, DEF: () => this.SUBRULE(this.field) });
  });

  field = this.RULE('field', () => {
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
    this.SUBRULE(this.citations);
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
  });

  typeRef = this.RULE('typeRef', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.list, { LABEL: 'wrapper' }); this.CONSUME(K.of); this.SUBRULE(this.typeRef, { LABEL: 'inner' }); } },
      { ALT: () => { this.CONSUME(K.optional, { LABEL: 'wrapper' }); this.SUBRULE1(this.typeRef, { LABEL: 'inner' }); } },
      { ALT: () => { this.CONSUME(K.interval, { LABEL: 'wrapper' }); this.CONSUME1(K.of); this.SUBRULE2(this.typeRef, { LABEL: 'inner' }); } },
      { ALT: () => {
        this.CONSUME(T.Identifier, { LABEL: 'name' });
        // `money RUB`: a currency right after the word money
        this.OPTION({
          GATE: () => this.LA(0).image === 'money' && /^[A-Z]{3}$/.test(this.LA(1).image),
          DEF: () => {
            this.CONSUME1(T.Identifier, { LABEL: 'currency' });
            // `money USD or EUR`: an amount in one of several currencies (grammar/quantities.ts)
            this.MANY({ GATE: () => /^[A-Z]{3}$/.test(this.LA(2).image), DEF: () => { this.CONSUME(K.or); this.CONSUME2(T.Identifier, { LABEL: 'currency' }); } });
          },
        });
      } },
    ]);
  });

  params = this.RULE('params', () => {
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(T.RParen);
  });

  param = this.RULE('param', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeRef);
  });

  /** parameter / period / define */
  valueDecl = this.RULE('valueDecl', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.parameter, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(K.period, { LABEL: 'keyword' }) },
      { ALT: () => this.CONSUME(K.define, { LABEL: 'keyword' }) },
    ]);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.OPTION1(() => { this.CONSUME(T.Colon); this.SUBRULE(this.typeRef); });
    this.SUBRULE(this.citations);
    this.OPTION2(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.OR1([
      { ALT: () => { this.CONSUME(T.Equals); this.SUBRULE(this.expr, { LABEL: 'body' }); } },
      { ALT: () => {
        this.AT_LEAST_ONE(() => this.SUBRULE(this.ruleCase));
        this.OPTION3(() => { this.CONSUME(K.otherwise); this.SUBRULE1(this.expr, { LABEL: 'otherwise' }); });
      } },
    ]);
    this.SUBRULE1(this.citations, { LABEL: 'trailing' });
  });

  readingDecl = this.RULE('readingDecl', () => {
    this.CONSUME(K.reading);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'title' }));
    this.SUBRULE(this.citations);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.readingOption));
  });

  readingOption = this.RULE('readingOption', () => {
    this.OR([
      { ALT: () => this.CONSUME(K.default, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(K.option, { LABEL: 'kind' }) },
      { ALT: () => this.CONSUME(K.alternative, { LABEL: 'kind' }) },
    ]);
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.OPTION(() => this.CONSUME(T.StringLit, { LABEL: 'description' }));
  });

  eligibleDecl = this.RULE('eligibleDecl', () => {
    this.CONSUME(K.eligible);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.AT_LEAST_ONE(() => this.SUBRULE(this.requirement));
  });

  requirement = this.RULE('requirement', () => {
    this.CONSUME(K.require);
    this.SUBRULE(this.expr, { LABEL: 'condition' });
    this.OPTION(() => { this.CONSUME(K.otherwise); this.CONSUME(T.StringLit, { LABEL: 'reason' }); });
    this.SUBRULE(this.citations);
  });

  outputDecl = this.RULE('outputDecl', () => {
    this.CONSUME(K.output);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => { this.CONSUME(T.Colon); this.SUBRULE(this.typeRef); });
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr, { LABEL: 'body' });
    this.SUBRULE1(this.citations, { LABEL: 'trailing' });
  });

}

/** The one parser instance; reset its `input` for each parse. */
export const rulesParser = new RulesParser();
export type { CstNode };
