/**
 * The abstract syntax tree of a .rules file. Every node carries the span of the
 * source text it came from, so diagnostics and explanations can point back to it.
 */
import type { Span } from './span.js';

export interface Node { span: Span }
export interface Name extends Node { text: string }
export interface Citation extends Node { text: string }

export interface RulesFile extends Node {
  header?: ProgramHeader;
  declarations: Declaration[];
}

export interface ProgramHeader extends Node {
  name?: Name;
  title?: StringNode;
  items: HeaderItem[];
}
export interface StringNode extends Node { value: string }
export interface HeaderItem extends Node {
  key: 'title' | 'source' | 'currency' | 'zone' | 'calendar' | 'rounding' | 'month_end';
  /** The words or literal of the item, e.g. ['half', 'up'] and '0.01' for rounding. */
  words: Name[];
  value?: string;
  valueSpan?: Span;
}

export type TypeRef =
  /** `currencies`: every currency of `money USD or EUR` (absent for one currency). */
  | (Node & { kind: 'named'; name: Name; currency?: Name; currencies?: Name[] })
  | (Node & { kind: 'list'; element: TypeRef })
  | (Node & { kind: 'optional'; inner: TypeRef })
  | (Node & { kind: 'interval'; element: TypeRef });

export interface Field extends Node { name: Name; type: TypeRef; doc?: string; citations: Citation[] }
export interface Param extends Node { name: Name; type: TypeRef }

export type Declaration =
  | EnumDecl | RecordDecl | InputDecl | ValueDecl | TableDecl | ReadingDecl | EligibleDecl | OutputDecl | HistoryDecl | DatedDecl
  | UnitDecl | RateDecl | LedgerDecl;

interface DeclBase extends Node { name: Name; citations: Citation[]; doc?: string }

export interface EnumDecl extends DeclBase { kind: 'enum'; values: { name: Name; label?: string }[] }
export interface RecordDecl extends DeclBase { kind: 'record'; fields: Field[] }
export interface InputDecl extends Node { kind: 'input'; fields: Field[]; name?: undefined; citations: Citation[]; doc?: string }

/** `parameter`, `period` and `define`: a named value or function, with optional rule cases. */
export interface ValueDecl extends DeclBase {
  kind: 'value';
  keyword: 'parameter' | 'period' | 'define';
  params?: Param[];
  type?: TypeRef;
  body?: Expr;
  rules?: RuleCase[];
  otherwise?: Expr;
}
export interface RuleCase extends Node { name: Name; condition: Expr; value: Expr; overrides: Name[]; citations: Citation[] }

export interface TableDecl extends DeclBase {
  kind: 'table';
  params: Param[];
  hit: Name;
  inputs: Expr[];
  outputs: { name: Name; type?: TypeRef }[];
  rows: TableRow[];
}
export interface TableRow extends Node { inputs: Cell[]; outputs: Cell[]; citations: Citation[] }
export type Cell =
  | (Node & { kind: 'any' })
  | (Node & { kind: 'compare'; op: CompareOp; value: Expr })
  | (Node & { kind: 'oneOf'; values: Expr[]; negated: boolean })
  | (Node & { kind: 'within'; interval: Expr })
  | (Node & { kind: 'expr'; value: Expr });

export interface ReadingDecl extends DeclBase {
  kind: 'reading';
  title?: string;
  options: { name: Name; description?: string; isDefault: boolean }[];
}

export interface EligibleDecl extends DeclBase { kind: 'eligible'; params: Param[]; requirements: Requirement[] }
export interface Requirement extends Node { condition: Expr; reason?: string; citations: Citation[] }

export interface OutputDecl extends DeclBase { kind: 'output'; type?: TypeRef; body: Expr }

/**
 * `history status: Status initially V from D over x in L by K ties by T rule … when … then …`:
 * a value folded over an ordered list, each rule a named transition.
 */
export interface HistoryDecl extends DeclBase {
  kind: 'history';
  params?: Param[];
  type?: TypeRef;
  initial: Expr;
  start: Expr;
  variable: Name;
  source: Expr;
  /** The date or instant of each item; the item itself when absent. */
  key?: Expr;
  /** How items with equal keys are ordered: by an expression, or as listed. */
  tie?: Expr | 'list';
  /** Transitions in written order; `overrides` is refused (the first rule that holds wins). */
  rules: RuleCase[];
}

/** `dated prices: Price effective from per product`: rows of a record with an effective date. */
export interface DatedDecl extends DeclBase {
  kind: 'dated';
  rowType: Name;
  dateField: Name;
  keyField?: Name;
  /** A list of rows computed or given as input (`= prices`)… */
  source?: Expr;
  /** …or rows written in the program under a header of field names. */
  columns?: Name[];
  rows?: { span: Span; cells: Expr[]; citations: Citation[] }[];
}

/** `unit bonus, bonuses §5 "…"`: a unit of a non-money quantity, with an optional plural spelling. */
export interface UnitDecl extends DeclBase { kind: 'unit'; plural?: Name }

/**
 * `rate 1 bonus = 1.00 RUB §5`: the one declared rate between two units or currencies,
 * used by `x as RUB` in either direction. `name` is the left unit (rates are not named).
 */
export interface RateDecl extends DeclBase {
  kind: 'rate';
  from: { amount: string; unit: Name };
  to: { amount: string; unit: Name };
  /** `rate EUR to USD = fx.usd_per_unit`: dated rates, 1 `from` = field of the row in force in `to`. */
  dated?: { table: Name; field: Name };
}

/**
 * `ledger bonus_use`: lots (grants) consumed by draws (orders) under a policy, one pass
 * after one sort. `cancelled` is the day from which a lot is void (a decision, optional).
 */
export interface LedgerDecl extends DeclBase {
  kind: 'ledger';
  /** `words`: the connecting words as written (amount, key, …), checked by the compiler. */
  lots?: { variable: Name; source: Expr; amount: Expr; from: Expr; until: Expr; key: Expr; cancelled?: Expr; span: Span; words: Name[] };
  draws?: { variable: Name; source: Expr; amount: Expr; on: Expr; key: Expr; limit?: Expr; span: Span; words: Name[] };
  policy?: { which: 'earliest_expiry' | 'fifo'; span: Span; words: Name[] };
}

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type Expr =
  | (Node & { kind: 'number'; text: string })
  | (Node & { kind: 'money'; amount: string; currency: Name })
  /** `120 bonus`: an amount of a declared unit. */
  | (Node & { kind: 'quantity'; amount: string; unit: Name })
  /** `x as RUB`, `x as USD on d`: a conversion through a declared rate (dated rates need the day). */
  | (Node & { kind: 'convert'; value: Expr; target: Name; at?: Expr })
  /** `split x into n shares` / `split x by [w1, w2] remainder to first`: shares that add up exactly. */
  | (Node & { kind: 'split'; value: Expr; count?: Expr; weights?: Expr; step?: string; stepSpan?: Span; remainder: SplitRemainder; remainderSpan?: Span })
  | (Node & { kind: 'percent'; text: string })
  | (Node & { kind: 'duration'; amount: string; unit: DurationUnit })
  | (Node & { kind: 'durationOf'; count: Expr; unit: DurationUnit })
  | (Node & { kind: 'absent' })
  | (Node & { kind: 'clock'; date: Expr; time: string; zone?: string; timeSpan: Span; zoneSpan?: Span })
  | (Node & { kind: 'sequence'; unit: 'days' | 'months' | 'years'; interval: Expr })
  | (Node & { kind: 'historyAt'; target: Expr; at: Expr })
  | (Node & { kind: 'historyOf'; target: Expr })
  | (Node & { kind: 'foldState'; which: 'previous' | 'since' })
  | (Node & { kind: 'item'; index: Expr; list: Expr })
  | (Node & { kind: 'date'; text: string })
  | (Node & { kind: 'instant'; date: string; time: string; zone?: string; dateSpan?: Span; timeSpan?: Span; zoneSpan?: Span })
  | (Node & { kind: 'string'; value: string })
  | (Node & { kind: 'boolean'; value: boolean })
  | (Node & { kind: 'name'; name: Name })
  | (Node & { kind: 'field'; target: Expr; field: Name })
  | (Node & { kind: 'call'; callee: Name; args: Expr[] })
  | (Node & { kind: 'unary'; op: '-' | 'not'; operand: Expr })
  | (Node & { kind: 'binary'; op: '+' | '-' | '*' | '/' | 'of' | 'and' | 'or' | 'or_else'; left: Expr; right: Expr })
  | (Node & { kind: 'compare'; op: CompareOp; left: Expr; right: Expr })
  | (Node & { kind: 'is'; negated: boolean; left: Expr; right: Expr[] })
  | (Node & { kind: 'presence'; negated: boolean; operand: Expr })
  | (Node & { kind: 'within'; negated: boolean; operand: Expr; interval: Expr })
  | (Node & { kind: 'order'; op: 'before' | 'after' | 'on_or_before' | 'on_or_after'; left: Expr; right: Expr })
  | (Node & { kind: 'interval'; start: Expr; startInclusive: boolean; end: Expr; endInclusive: boolean })
  | (Node & { kind: 'if'; condition: Expr; then: Expr; else: Expr })
  | (Node & { kind: 'match'; subject: Expr; arms: { values: Expr[]; result: Expr; span: Span }[]; otherwise?: Expr })
  | (Node & { kind: 'aggregate'; op: AggregateOp; variable: Name; collection: Expr; where?: Expr; value?: Expr; tie?: Expr })
  | (Node & { kind: 'list'; items: Expr[] })
  | (Node & { kind: 'record'; fields: { name: Name; value: Expr }[] })
  | (Node & { kind: 'effective'; at: Expr; versions: EffectiveVersion[] })
  | (Node & { kind: 'error' });

/** Who receives the indivisible remainder of a split: the first shares, the last, or the largest weights. */
export type SplitRemainder = 'first' | 'last' | 'largest';

export type DurationUnit = 'days' | 'months' | 'years' | 'business_days' | 'hours' | 'minutes';

export type AggregateOp =
  | 'sum' | 'count' | 'distinct_count' | 'earliest' | 'latest' | 'exists' | 'none' | 'every'
  | 'minimum' | 'maximum' | 'map' | 'filter';

export interface EffectiveVersion extends Node {
  /** Inclusive first day, absent for "until D". */
  from?: Expr;
  /** Inclusive last day, absent for "from D". */
  until?: Expr;
  value: Expr;
  citations: Citation[];
}
