/**
 * The grammar of dated reference data: rows of a record type with an effective date (and
 * an optional key), written in the program as a table or given as a list:
 *
 *   dated price_list: Price effective from per product §4 "the price list"
 *     | from       | product | price      |
 *     | 01.01.2025 | cms     | 10 000 UAH |  §4.1
 *
 *   dated points: PointsRow effective from = points_rows
 */
import type { CstNode } from 'chevrotain';
import * as T from '../tokens.js';
import { HistoryParser } from './history.js';
import { isRowEnd } from './tables.js';

const K = T.Kw;

export abstract class DatedParser extends HistoryParser {
  datedDecl = this.RULE('datedDecl', () => {
    this.CONSUME(K.dated);
    this.CONSUME(T.Identifier, { LABEL: 'name' });
    this.CONSUME(T.Colon);
    this.CONSUME1(T.Identifier, { LABEL: 'rowType' });
    this.CONSUME(K.effective);
    this.CONSUME(T.Word, { LABEL: 'dateField' });
    // `per` is a word only here, so it stays usable as a name
    this.OPTION({ GATE: () => this.LA(1).image === 'per', DEF: () => { this.CONSUME2(T.Identifier, { LABEL: 'per' }); this.CONSUME1(T.Word, { LABEL: 'keyField' }); } });
    this.SUBRULE(this.citations);
    this.OPTION1(() => this.CONSUME(T.StringLit, { LABEL: 'doc' }));
    this.OR([
      { ALT: () => { this.CONSUME(T.Equals); this.SUBRULE(this.expr, { LABEL: 'source' }); } },
      { ALT: () => { this.SUBRULE(this.datedHeader); this.MANY(() => this.SUBRULE(this.datedRow)); } },
    ]);
  });

  datedHeader = this.RULE('datedHeader', () => {
    this.CONSUME(T.RowStart);
    this.CONSUME(T.Word, { LABEL: 'column' });
    this.MANY({ GATE: () => !isRowEnd(this.LA(2).tokenType), DEF: () => { this.CONSUME(T.Pipe); this.CONSUME1(T.Word, { LABEL: 'column' }); } });
    this.OPTION(() => this.CONSUME1(T.Pipe, { LABEL: 'trailing' }));
  });

  datedRow = this.RULE('datedRow', () => {
    this.CONSUME(T.RowStart);
    this.SUBRULE(this.additive, { LABEL: 'cell' });
    this.MANY({ GATE: () => !isRowEnd(this.LA(2).tokenType), DEF: () => { this.CONSUME(T.Pipe); this.SUBRULE1(this.additive, { LABEL: 'cell' }); } });
    this.OPTION(() => this.CONSUME1(T.Pipe, { LABEL: 'trailing' }));
    this.SUBRULE(this.citations);
  });
}
export type { CstNode };
