/**
 * The expression grammar: operators, literals, names and calls, `if` and `match`. The
 * grammar is one Chevrotain parser split into a chain of classes by construct family
 * (expressions <- collections <- tables <- declarations); a rule of an earlier class that
 * needs a later one declares it abstract, Chevrotain resolves it at self-analysis.
 */
import { CstParser, type CstNode, type IToken, type ParserMethod } from 'chevrotain';
import * as T from '../tokens.js';
import { MAX_REPETITION_RECOVERIES } from '../limits.js';

const K = T.Kw;

/** Base of the grammar chain; the parser options are set once here. */
export abstract class ExpressionParser extends CstParser {
  /**
   * `validate` runs Chevrotain's checks of the grammar (ambiguities, left recursion) while
   * it is built. The tests build a validating parser (test/language/grammar-validation.test.ts);
   * the shipped one skips them, which saves about a tenth of a second at every start.
   */
  constructor(validate = false) {
    super(T.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 4, nodeLocationTracking: 'full', skipValidations: !validate });
  }

  /**
   * Chevrotain's, with the expected token paths of the message computed one token deep
   * instead of `maxLookahead` (4) deep. It computes them anew at every "no viable
   * alternative" error, and four deep through `primary` (some twenty alternatives) took
   * seconds: `output x = item 1 of` at the end of a file, 2.5 s (found by `npm run fuzz`).
   * The message needs no more (parse.ts `parseError` reads the tokens an alternative can
   * start with); the parse itself, and its lookahead, are unchanged.
   */
  raiseNoAltException(occurrence: number, errMsgTypes: string | undefined): never {
    const parser = this as unknown as { maxLookahead: number };
    const depth = parser.maxLookahead;
    parser.maxLookahead = 1;
    try {
      return (CstParser.prototype as unknown as { raiseNoAltException(o: number, e: string | undefined): never }).raiseNoAltException.call(this, occurrence, errMsgTypes);
    } finally {
      parser.maxLookahead = depth;
    }
  }

  /** Recoveries inside a repetition tried in this parse (see shouldInRepetitionRecoveryBeTried). */
  private repetitionRecoveries = 0;

  /** A new input: a new parse. */
  override reset(): void {
    super.reset();
    this.repetitionRecoveries = 0;
  }

  /**
   * Chevrotain's, at most MAX_REPETITION_RECOVERIES times per parse. Each try scans the rest
   * of the tokens for one that may follow the repetition: 8 KB of `.a` after
   * `rounding half up` made 1 379 tries, each a scan of the rest of the file, 2.2 s (found by
   * `npm run fuzz`). Past the limit a repetition that meets a token it cannot take ends there,
   * and the enclosing rule's recovery reports the rest, as it does for any other rule.
   */
  shouldInRepetitionRecoveryBeTried(expected: unknown, nextIndex: number, notStuck: boolean | undefined): boolean {
    if (this.repetitionRecoveries >= MAX_REPETITION_RECOVERIES) return false;
    const proto = CstParser.prototype as unknown as { shouldInRepetitionRecoveryBeTried(e: unknown, i: number, n: boolean | undefined): boolean };
    const tried = proto.shouldInRepetitionRecoveryBeTried.call(this, expected, nextIndex, notStuck);
    if (tried) this.repetitionRecoveries++;
    return tried;
  }

  /**
   * Alternatives and gated options built once per parser instead of at every call (the
   * caching Chevrotain's performance guide advises): `primary`, `literal` and `postfix` run
   * for every operand of every expression, and a fresh array of objects and closures each
   * time made much of the parse's garbage. Only for definitions whose closures use nothing
   * but `this`.
   */
  private readonly built = new Map<string, unknown>();
  protected once<D>(key: string, make: () => D): D {
    let d = this.built.get(key) as D | undefined;
    if (d === undefined) { d = make(); this.built.set(key, d); }
    return d;
  }

  abstract aggregate: ParserMethod<[], CstNode>;
  abstract intervalExpr: ParserMethod<[], CstNode>;
  abstract listExpr: ParserMethod<[], CstNode>;
  abstract recordExpr: ParserMethod<[], CstNode>;
  abstract effectiveExpr: ParserMethod<[], CstNode>;
  abstract sequenceExpr: ParserMethod<[], CstNode>;
  abstract itemExpr: ParserMethod<[], CstNode>;
  abstract splitExpr: ParserMethod<[], CstNode>;

  citations = this.RULE('citations', () => {
    this.MANY(() => this.CONSUME(T.Citation));
  });


  compareOp = this.RULE('compareOp', () => {
    this.OR([
      { ALT: () => this.CONSUME(T.Equals) }, { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.LessEq) }, { ALT: () => this.CONSUME(T.GreaterEq) },
      { ALT: () => this.CONSUME(T.Less) }, { ALT: () => this.CONSUME(T.Greater) },
    ]);
  });


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
    this.OR(this.once('notExpr', () => [
      { ALT: () => { this.CONSUME(K.not); this.SUBRULE(this.notExpr, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.testExpr, { LABEL: 'test' }) },
    ]));
  });

  testExpr = this.RULE('testExpr', () => {
    this.SUBRULE(this.additive, { LABEL: 'left' });
    this.OPTION(() => this.OR([
      { ALT: () => { this.SUBRULE(this.compareOp); this.SUBRULE1(this.additive, { LABEL: 'right' }); } },
      { ALT: () => {
        this.CONSUME(K.is);
        this.OPTION1(() => this.CONSUME(K.not, { LABEL: 'negated' }));
        this.OR1([
          // `is absent` is `is` followed by the `absent` literal, told apart after parsing
          { ALT: () => this.CONSUME(K.present, { LABEL: 'presence' }) },
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
      this.OR(this.once('additive', () => [{ ALT: () => this.CONSUME(T.Plus, { LABEL: 'op' }) }, { ALT: () => this.CONSUME(T.Minus, { LABEL: 'op' }) }]));
      this.SUBRULE1(this.multiplicative, { LABEL: 'operand' });
    });
  });

  multiplicative = this.RULE('multiplicative', () => {
    this.SUBRULE(this.unary, { LABEL: 'operand' });
    this.MANY(() => {
      this.OR(this.once('multiplicative', () => [
        { ALT: () => this.CONSUME(T.Star, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: 'op' }) },
        { ALT: () => this.CONSUME(K.of, { LABEL: 'op' }) },
      ]));
      this.SUBRULE1(this.unary, { LABEL: 'operand' });
    });
  });

  unary = this.RULE('unary', () => {
    this.OR(this.once('unary', () => [
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unary, { LABEL: 'negated' }); } },
      { ALT: () => this.SUBRULE(this.postfix, { LABEL: 'operand' }) },
    ]));
  });

  postfix = this.RULE('postfix', () => {
    this.SUBRULE(this.primary);
    this.MANY(() => { this.CONSUME(T.Dot); this.CONSUME(T.Word, { LABEL: 'field' }); });
    // a computed count of a unit: `s.months months`, `(n + 1) days`
    this.OPTION(this.once('postfix.unit', () => ({ GATE: () => isUnitWord(this.LA(1), this.LA(2)), DEF: () => {
      this.CONSUME1(T.Word, { LABEL: 'unit' });
      this.OPTION1({ GATE: () => this.LA(0).image === 'business', DEF: () => this.CONSUME(T.Identifier, { LABEL: 'unit2' }) });
    } })));
    // a clock time on a date: `report_day at 23:00`, `d at 09:30 Europe/Kyiv`
    this.OPTION2(this.once('postfix.at', () => ({ GATE: () => this.LA(1).image === 'at' && this.LA(2).tokenType === T.TimeLit, DEF: () => {
      this.CONSUME1(T.Identifier, { LABEL: 'at' });
      this.CONSUME(T.TimeLit, { LABEL: 'time' });
      this.OPTION3(() => this.CONSUME(T.ZoneLit, { LABEL: 'zone' }));
    } })));
    // a conversion through a declared rate: `bonus_balance as RUB`
    this.OPTION5(this.once('postfix.as', () => ({ GATE: () => this.LA(2).tokenType === T.Identifier, DEF: () => {
      this.CONSUME(T.Cx.as, { LABEL: 'as' });
      this.CONSUME3(T.Identifier, { LABEL: 'target' });
    } })));
    // a history asked for its value on a day: `status on d - 1 day` (not `on or before`)
    this.OPTION4(this.once('postfix.on', () => ({ GATE: () => this.LA(2).tokenType !== K.or, DEF: () => { this.CONSUME(K.on); this.SUBRULE(this.additive, { LABEL: 'on' }); } })));
  });

  primary = this.RULE('primary', () => {
    this.OR(this.once('primary', () => ({ MAX_LOOKAHEAD: 2, DEF: [
      // `item 2 of L` reads like a name followed by a value: told apart by its words
      { GATE: () => isItemOf(this.LA(1), this.LA(2), this.LA(3)), ALT: () => this.SUBRULE(this.itemExpr) },
      // `split x into 3 shares …`: `split` followed by a value, not a call `split(…)`
      { GATE: () => this.LA(2).tokenType !== T.LParen && this.LA(2).tokenType !== T.Dot, ALT: () => this.SUBRULE(this.splitExpr) },
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.callOrName) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expr, { LABEL: 'paren' }); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.ifExpr) },
      { ALT: () => this.SUBRULE(this.matchExpr) },
      // `each day from …` (a sequence) and `each x in …` (a collection) differ at the third token
      { GATE: () => this.LA(1).tokenType === K.each && this.LA(3).tokenType !== K.in, ALT: () => this.SUBRULE(this.sequenceExpr), IGNORE_AMBIGUITIES: true },
      { ALT: () => this.SUBRULE(this.aggregate) },
      { ALT: () => this.SUBRULE(this.intervalExpr) },
      { ALT: () => this.SUBRULE(this.listExpr) },
      { ALT: () => this.SUBRULE(this.recordExpr) },
      { ALT: () => this.SUBRULE(this.effectiveExpr) },
      { ALT: () => this.CONSUME(K.previous, { LABEL: 'foldState' }) },
      { ALT: () => this.CONSUME(K.since, { LABEL: 'foldState' }) },
      // two tokens tell every alternative apart (`each x in` from `each day from`; gates decide
      // `item`/`split` against a name): Chevrotain's default depth here costs seconds at start-up
    ] })));
  });

  literal = this.RULE('literal', () => {
    this.OR(this.once('literal', () => [
      { ALT: () => {
        this.CONSUME(T.NumberLit, { LABEL: 'number' });
        this.OPTION({
          GATE: () => isUnitOrCurrency(this.LA(0), this.LA(1), this.LA(2)),
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
      { ALT: () => this.CONSUME(K.absent, { LABEL: 'absent' }) },
    ]));
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

}

const DURATION_UNITS = new Set(['day', 'days', 'month', 'months', 'year', 'years', 'business', 'hour', 'hours', 'minute', 'minutes']);

/** Words that follow a number without being its unit (`30 into 2 shares`, `5 as RUB`). */
const NOT_A_UNIT = new Set(['as', 'at', 'per', 'into', 'shares', 'remainder', 'item', 'order', 'history', 'split']);

/**
 * After a number: a duration unit (`30 days`), a currency code (`14 400.00 RUB`), or a
 * declared unit on the same line (`120 bonus`, checked against the declarations later).
 */
function isUnitOrCurrency(number: IToken, next: IToken, after: IToken): boolean {
  if (next.tokenType !== T.Identifier && next.tokenType !== K.month) return false;
  if (DURATION_UNITS.has(next.image) || /^[A-Z]{3}$/.test(next.image)) return true;
  return next.tokenType === T.Identifier && next.startLine === number.endLine && !NOT_A_UNIT.has(next.image)
    && after.tokenType !== T.Colon && after.tokenType !== T.LParen;
}

/** After an expression: a unit word making it a duration (`s.months months`), not a field name (`days:`). */
function isUnitWord(next: IToken, after: IToken): boolean {
  if (next.tokenType !== T.Identifier && next.tokenType !== K.month) return false;
  if (!DURATION_UNITS.has(next.image) || after.tokenType === T.Colon || after.tokenType === T.LParen) return false;
  return next.image !== 'business' || after.image === 'days' || after.image === 'day';
}

/** `item 2 of`, `item n of`: the start of an n-th item expression. */
function isItemOf(a: IToken, b: IToken, c: IToken): boolean {
  return a.image === 'item' && a.tokenType === T.Identifier && (b.tokenType === T.NumberLit || (b.tokenType === T.Identifier && c.tokenType === K.of));
}
