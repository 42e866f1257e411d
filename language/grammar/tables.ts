/**
 * The grammar of decision tables: a header row of input expressions and result columns,
 * then one row per line starting with `|`.
 */
import type { CstNode, ParserMethod, TokenType } from 'chevrotain';
import * as T from '../tokens.js';
import { CollectionParser } from './collections.js';

const K = T.Kw;

export abstract class TableParser extends CollectionParser {
  abstract params: ParserMethod<[], CstNode>;
  abstract typeRef: ParserMethod<[], CstNode>;

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

}

/** True for a token that ends a table row: the next row, a citation, a declaration, the end. */
export function isRowEnd(t: TokenType): boolean {
  return t === T.RowStart || t === T.Citation || t === undefined || (t as { name?: string }).name === 'EOF' ||
    t.name.startsWith('Kw_') && ['Kw_define', 'Kw_table', 'Kw_output', 'Kw_eligible', 'Kw_parameter', 'Kw_period', 'Kw_reading', 'Kw_record', 'Kw_enum', 'Kw_input', 'Kw_state', 'Kw_dated'].includes(t.name);
}
