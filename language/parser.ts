/**
 * The grammar: a pure Chevrotain CstParser (no embedded actions), built once and reused.
 * Error recovery is on, so one pass reports several syntax errors.
 */
import { CstParser, type CstNode, type IToken, type TokenType } from 'chevrotain';
import * as T from './tokens.js';

const K = T.Kw;

class RulesParser extends CstParser {
  constructor() {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: 'full' });
    this.performSelfAnalysis();
  }

  file = this.RULE('file', () => {
    this.OPTION(() => this.SUBRULE(this.header));
    this.MANY(() => this.SUBRULE(this.declaration));
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
    ]);
  });

  citations = this.RULE('citations', () => {
    this.MANY(() => this.CONSUME(T.Citation));
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
          DEF: () => this.CONSUME1(T.Identifier, { LABEL: 'currency' }),
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

  tableDecl = this.RULE('tableDecl', () => {
    this.CONSUME(K.table);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => this.SUBRULE(this.params));
    this.CONSUME(K.hit);
    this.CONSUME(T.Word, { LABEL: 'hit' });
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.SUBRULE(this.tableHeader);
    this.MANY(() => this.SUBRULE(this.tableRow));
  });

  tableHeader = this.RULE('tableHeader', () => {
    this.CONSUME(T.RowStart);
    this.SUBRULE(this.expr, { LABEL: 'input' });
    this.MANY(() => { this.CONSUME(T.Pipe); this.SUBRULE1(this.expr, { LABEL: 'input' }); });
    this.CONSUME(T.DoublePipe);
    this.SUBRULE(this.outputColumn);
    this.MANY1({
      GATE: () => this.LA(2).tokenType !== T.RowStart && this.LA(2).tokenType !== T.Citation,
      DEF: () => { this.CONSUME1(T.Pipe); this.SUBRULE1(this.outputColumn); },
    });
    this.OPTION(() => this.CONSUME2(T.Pipe, { LABEL: 'trailing' }));
  });

  outputColumn = this.RULE('outputColumn', () => {
    this.CONSUME(T.Word, { LABEL: 'name' });
    this.OPTION(() => { this.CONSUME(T.Colon); this.SUBRULE(this.typeRef); });
  });

  tableRow = this.RULE('tableRow', () => {
    this.CONSUME(T.RowStart);
    this.OR([
      { ALT: () => {
        // a separator line: |---|---||---|
        this.AT_LEAST_ONE(() => this.OR1([
          { ALT: () => this.CONSUME(T.Dashes) },
          { ALT: () => this.CONSUME(T.Pipe) },
          { ALT: () => this.CONSUME(T.DoublePipe) },
        ]));
      } },
      { ALT: () => {
        this.SUBRULE(this.cell, { LABEL: 'input' });
        // a `|` at the end of the row means the `||` before the results is missing
        this.MANY({ GATE: () => !isRowEnd(this.LA(2).tokenType), DEF: () => { this.CONSUME1(T.Pipe); this.SUBRULE1(this.cell, { LABEL: 'input' }); } });
        this.CONSUME1(T.DoublePipe);
        this.SUBRULE2(this.cell, { LABEL: 'output' });
        this.MANY1({
          GATE: () => !isRowEnd(this.LA(2).tokenType),
          DEF: () => { this.CONSUME2(T.Pipe); this.SUBRULE3(this.cell, { LABEL: 'output' }); },
        });
        this.OPTION(() => this.CONSUME3(T.Pipe, { LABEL: 'trailing' }));
        this.SUBRULE(this.citations);
      } },
    ]);
  });

  cell = this.RULE('cell', () => {
    this.OR([
      { GATE: () => isRowEnd(this.LA(2).tokenType) || this.LA(2).tokenType === T.Pipe || this.LA(2).tokenType === T.DoublePipe,
        ALT: () => this.CONSUME(T.Minus, { LABEL: 'any' }) },
      { ALT: () => { this.SUBRULE(this.compareOp); this.SUBRULE(this.additive, { LABEL: 'value' }); } },
      { ALT: () => { this.CONSUME(K.not); this.CONSUME(K.one); this.CONSUME(K.of); this.SUBRULE1(this.exprList, { LABEL: 'notOneOf' }); } },
      // an interval cell (from A through B) is an expression, told apart after parsing
      { ALT: () => this.SUBRULE(this.exprList, { LABEL: 'values' }) },
    ]);
  });

  exprList = this.RULE('exprList', () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
  });

  compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Equals) }, { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.LessEq) }, { ALT: () => this.CONSUME(T.GreaterEq) },
      { ALT: () => this.CONSUME(T.Less) }, { ALT: () => this.CONSUME(T.Greater) },
    ]);
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

  // ---------------------------------------------------------------- expressions

  expr = this.RULE('expr', () => {
    this.SUBRULE(this.andExpr, { LABEL: 'operand' });
    this.MANY(() => {
      this.CONSUME(K.or, { LABEL: 'op' });
      this.OPTION(() => this.CONSUME(K.else, { LABEL: 'orElse' }));
      this.SUBRULE1(this.andExpr, { LABEL: 'operand' });
    });
  });

  andExpr = this.RULE('andExpr', () => {
    this.SUBRULE(this.notExpr, { LABEL: 'operand' });
    this.MANY(() => { this.CONSUME(K.and); this.SUBRULE1(this.notExpr, { LABEL: 'operand' }); });
  });

  notExpr = this.RULE('notExpr', () => {
    this.OR([
      { ALT: () => { this.CONSUME(K.not); this.SUBRULE(this.notExpr, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.testExpr, { LABEL: 'test' }) },
    ]);
  });

  testExpr = this.RULE('testExpr', () => {
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() => this.OR([
      { ALT: () => { this.SUBRULE(this.compareOp); this.SUBRULE1(this.additive, { LABEL: 'right' }); } },
      { ALT: () => {
        this.CONSUME(K.is);
        this.OPTION1(() => this.CONSUME(K.not, { LABEL: 'negated' }));
        this.OR1([
          { ALT: () => this.CONSUME(K.present, { LABEL: 'presence' }) },
          { ALT: () => this.CONSUME(K.absent, { LABEL: 'presence' }) },
          { ALT: () => {
            this.CONSUME(K.one); this.CONSUME(K.of);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE2(this.additive, { LABEL: 'values' }) });
          } },
          { ALT: () => this.SUBRULE3(this.additive, { LABEL: 'value' }) },
        ]);
      } },
      { ALT: () => {
        this.OPTION2(() => this.CONSUME1(K.not, { LABEL: 'negated' }));
        this.OR2([{ ALT: () => this.CONSUME(K.within) }, { ALT: () => this.CONSUME(K.during) }]);
        this.SUBRULE4(this.additive, { LABEL: 'interval' });
      } },
      { ALT: () => { this.CONSUME(K.before, { LABEL: 'order' }); this.SUBRULE5(this.additive, { LABEL: 'right' }); } },
      { ALT: () => { this.CONSUME(K.after, { LABEL: 'order' }); this.SUBRULE6(this.additive, { LABEL: 'right' }); } },
      { ALT: () => {
        this.CONSUME(K.on); this.CONSUME1(K.or);
        this.OR3([{ ALT: () => this.CONSUME1(K.before, { LABEL: 'orderOr' }) }, { ALT: () => this.CONSUME1(K.after, { LABEL: 'orderOr' }) }]);
        this.SUBRULE7(this.additive, { LABEL: 'right' });
      } },
    ]));
  });

  additive = this.RULE('additive', () => {
    this.SUBRULE(this.multiplicative, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'op' }) }]);
      this.SUBRULE1(this.multiplicative, { LABEL: 'operand' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(K.of, { LABEL: 'op' }) },
      ]);
      this.SUBRULE1(this.unary, { LABEL: 'operand' });
    });
  });

  unary = this.RULE('unary', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unary, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.postfix, { LABEL: 'operand' }) },
    ]);
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => { this.CONSUME(T.Dot); this.CONSUME(T.Word, { LABEL: 'field' }); });
  });

  primary = this.RULE('primary', () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.callOrName) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expr, { LABEL: 'paren' }); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.matchExpr) },
      { ALT: () => this.SUBRULE(this.aggregate) },
      { ALT: () => this.SUBRULE(this.intervalExpr) },
      { ALT: () => this.SUBRULE(this.listExpr) },
      { ALT: () => this.SUBRULE(this.recordExpr) },
      { ALT: () => this.SUBRULE(this.effectiveExpr) },
    ]);
  });

  literal = this.RULE('literal', () => {
    this.OR([
      { ALT: () => {
        this.CONSUME(T.NumberLit, { LABEL: 'number' });
        this.OPTION({
          GATE: () => isUnitOrCurrency(this.LA(1), this.LA(2)),
          DEF: () => {
            // a Word, not an Identifier: `month` is also a keyword (of the header's `month end`)
            this.CONSUME(T.Word, { LABEL: 'unit' });
            this.OPTION1({ GATE: () => this.LA(0).image === 'business', DEF: () => this.CONSUME1(T.Identifier, { LABEL: 'unit2' }) });
          },
        });
      } },
      { ALT: () => this.CONSUME(T.PercentLit, { LABEL: 'percent' }) },
      { ALT: () => {
        this.CONSUME(T.DateLit, { LABEL: 'date' });
        this.OPTION2(() => {
          this.CONSUME(T.TimeLit, { LABEL: 'time' });
          this.OPTION3(() => this.CONSUME(T.ZoneLit, { LABEL: 'zone' }));
        });
      } },
      { ALT: () => this.CONSUME(T.StringLit, { LABEL: 'string' }) },
      { ALT: () => this.CONSUME(K.true, { LABEL: 'boolean' }) },
      { ALT: () => this.CONSUME(K.false, { LABEL: 'boolean' }) },
    ]);
  });

  callOrName = this.RULE('callOrName', () => {
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr, { LABEL: 'args' }) });
      this.CONSUME(T.RParen);
    });
  });

  ifExpr = this.RULE('ifExpr', () => {
    this.CONSUME(K.if);
    this.SUBRULE(this.expr, { LABEL: 'condition' });
    this.CONSUME(K.then);
    this.SUBRULE1(this.expr, { LABEL: 'then' });
    this.CONSUME(K.else);
    this.SUBRULE2(this.expr, { LABEL: 'else' });
  });

  matchExpr = this.RULE('matchExpr', () => {
    this.CONSUME(K.match);
    this.SUBRULE(this.additive, { LABEL: 'subject' });
    this.AT_LEAST_ONE(() => this.SUBRULE(this.matchArm));
    this.OPTION(() => { this.CONSUME(K.otherwise); this.SUBRULE(this.expr, { LABEL: 'otherwise' }); });
  });

  matchArm = this.RULE('matchArm', () => {
    this.CONSUME(K.when);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.additive, { LABEL: 'values' }) });
    this.CONSUME(K.then);
    this.SUBRULE(this.expr, { LABEL: 'result' });
  });

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
        this.CONSUME(T.DateLit, { LABEL: 'from' });
        this.OPTION(() => { this.CONSUME(K.until); this.CONSUME1(T.DateLit, { LABEL: 'until' }); });
      } },
      { ALT: () => { this.CONSUME1(K.until); this.CONSUME2(T.DateLit, { LABEL: 'until' }); } },
    ]);
    this.SUBRULE(this.citations);
    this.CONSUME(T.Colon);
    this.SUBRULE(this.expr, { LABEL: 'value' });
  });
}

const DURATION_UNITS = new Set(['day', 'days', 'month', 'months', 'year', 'years', 'business']);

/** After a number: a duration unit (`30 days`) or a currency code (`14 400.00 RUB`). */
function isUnitOrCurrency(next: IToken, _after: IToken): boolean {
  if (next.tokenType !== T.Identifier && next.tokenType !== K.month) return false;
  return DURATION_UNITS.has(next.image) || /^[A-Z]{3}$/.test(next.image);
}

function isRowEnd(t: TokenType): boolean {
  return t === T.RowStart || t === T.Citation || t === undefined || (t as { name?: string }).name === 'EOF' ||
    t.name.startsWith('Kw_') && ['Kw_define', 'Kw_table', 'Kw_output', 'Kw_eligible', 'Kw_parameter', 'Kw_period', 'Kw_reading', 'Kw_record', 'Kw_enum', 'Kw_input'].includes(t.name);
}

/** The one parser instance; reset its `input` for each parse. */
export const rulesParser = new RulesParser();
export type { CstNode };
