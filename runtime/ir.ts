/**
 * The compiled artifact: plain, versioned JSON. The compiler writes it; the runtime
 * reads it. This file holds only types, so the runtime stays independent of the compiler.
 */
import type { CalendarOptions } from './calendars/index.js';

/** The artifact format's version; `load` rejects any other. */
export const ARTIFACT_VERSION = 1;
export const ARTIFACT_FORMAT = 'rulebook-artifact';

/** Types of values. Money carries its currency statically, so values need not. */
export type Ty =
  | { k: 'money'; cur: string }
  /** An amount of a unit declared by the program (`unit bonus`); a decimal at run time. */
  | { k: 'unit'; unit: string }
  /** `money USD or EUR`: an amount in one of several currencies; `{ a: Decimal, c: code }` at run time. */
  | { k: 'money_of'; curs: string[] }
  | { k: 'percent' } | { k: 'decimal' } | { k: 'integer' } | { k: 'boolean' } | { k: 'text' }
  | { k: 'date' } | { k: 'instant' } | { k: 'duration' }
  | { k: 'enum'; name: string }
  | { k: 'record'; name: string }
  | { k: 'struct'; fields: { name: string; type: Ty }[] }
  | { k: 'list'; of: Ty }
  | { k: 'optional'; of: Ty }
  | { k: 'interval'; of: Ty }
  | { k: 'eligibility' }
  | { k: 'empty' };

/** Line and column of a source position, [startLine, startColumn, endLine, endColumn]. */
export type SourceSpan = [number, number, number, number];

export type CmpOp = '=' | '<>' | '<' | '<=' | '>' | '>=';
/** How two values compare: as decimals, day numbers, epoch milliseconds or strings. */
export type CmpKind = 'num' | 'day' | 'ms' | 'str' | 'bool';
export type DurationUnit = 'days' | 'months' | 'years' | 'business_days' | 'hours' | 'minutes';
export type AggKind = 'sum' | 'count' | 'distinct_count' | 'earliest' | 'latest' | 'exists' | 'none' | 'every' | 'minimum' | 'maximum' | 'map' | 'filter';

/** Expressions, already resolved to monomorphic operations by the type checker. */
export type Expr =
  | { op: 'const'; type: Ty; value: unknown }
  | { op: 'input'; name: string }
  | { op: 'ref'; name: string }
  | { op: 'local'; name: string }
  | { op: 'reading'; name: string }
  | { op: 'as_of' }
  | { op: 'call'; name: string; args: Expr[] }
  | { op: 'field'; target: Expr; name: string }
  | { op: 'elig_ok'; value: Expr }
  | { op: 'arith'; fn: ArithFn; args: Expr[]; scale?: number }
  | { op: 'date_add'; base: Expr; duration: Expr; sign: 1 | -1; instant: boolean }
  | { op: 'cmp'; kind: CmpKind; cmp: CmpOp; left: Expr; right: Expr; span?: SourceSpan }
  | { op: 'in_set'; kind: CmpKind; value: Expr; items: Expr[]; negated: boolean }
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; value: Expr }
  | { op: 'if'; cond: Expr; then: Expr; else: Expr }
  | { op: 'or_else'; value: Expr; fallback: Expr }
  | { op: 'present'; value: Expr; negated: boolean }
  | { op: 'interval'; start: Expr; end: Expr; startInclusive: boolean; endInclusive: boolean }
  | { op: 'within'; kind: CmpKind; value: Expr; interval: Expr; negated: boolean; span?: SourceSpan }
  | { op: 'match'; subject: Expr; arms: { values: string[]; result: Expr }[]; otherwise?: Expr }
  | { op: 'agg'; kind: AggKind; variable: string; list: Expr; where?: Expr; value?: Expr; valueKind?: CmpKind; tie?: Expr; tieKind?: CmpKind }
  | { op: 'list'; items: Expr[] }
  | { op: 'record'; fields: { name: string; value: Expr }[] }
  | { op: 'effective'; at: Expr; atKind: 'day' | 'ms'; versions: { from?: number; until?: number; value: Expr; clauses: string[] }[]; span?: SourceSpan }
  | { op: 'builtin'; fn: BuiltinFn; args: Expr[]; scale?: number }
  /** `count unit`: a duration whose count is computed (`s.months months`). */
  | { op: 'duration_of'; count: Expr; unit: DurationUnit }
  /** `date at hh:mm` in a zone: the instant of that wall-clock time on that day. */
  | { op: 'clock'; date: Expr; seconds: number; zone: string }
  /** `each month from A through B`: the dates A + k units, k = 0, 1, …, inside the interval. */
  | { op: 'sequence'; unit: 'days' | 'months' | 'years'; interval: Expr }
  /** `item n of L`: the n-th item counted from 1, absent when the list is shorter. */
  | { op: 'item'; index: Expr; list: Expr }
  /**
   * Asks a history: its current value, its value on a day or instant, the period in force
   * then (value, from, until, rule, clauses), or every period.
   */
  /** `x as RUB`: times num / den (a declared rate), rounded to `scale` digits when the result is money. */
  | { op: 'convert'; value: Expr; num: string; den: string; scale?: number; from: string; to: string; clauses: string[] }
  /**
   * `split x into n shares` / `split x by weights`: shares in multiples of `step` that add up
   * to x exactly; the steps left after rounding each share down go one each to the
   * first shares, the last, or those with the largest fractional parts (`largest`).
   */
  /**
   * `x as USD [on d]` for money whose currency is known only at run time, or through dated
   * rates: the route of each source currency is a fixed rate (× num / den) or a rate
   * expression (the field of a dated table's row), multiplied or, `invert`, divided by.
   */
  | { op: 'convert_money'; value: Expr; multi: boolean; from?: string; to: string; scale: number; routes: Record<string, MoneyRoute>; span?: SourceSpan }
  /** `ledger on d`: the balance of a ledger's lots on a day. */
  | { op: 'ledger_balance'; name: string; at: Expr; span?: SourceSpan }
  | { op: 'split'; value: Expr; count?: Expr; weights?: Expr; step: string; remainder: 'first' | 'last' | 'largest'; span?: SourceSpan }
  /** `prices(d, key)`: the row of a dated table in force on a day (or at an instant). */
  | { op: 'dated'; name: string; at: Expr; atKind: 'day' | 'ms'; key?: Expr; span?: SourceSpan }
  | { op: 'history'; name: string; args?: Expr[]; query: 'current' | 'value_at' | 'period_at' | 'periods'; at?: Expr; atKind?: 'day' | 'ms'; span?: SourceSpan };

/** How an amount in one currency becomes the target currency (see `convert_money`). */
export type MoneyRoute =
  | { num: string; den: string; clauses: string[] }
  | { rate: Expr; invert: boolean; clauses: string[] };

export type ArithFn =
  | 'add' | 'sub' | 'mul' | 'div' | 'neg'
  | 'add_money' | 'sub_money' | 'neg_money' | 'mul_money_num' | 'div_money_num' | 'div_money_money'
  | 'pct_of_money' | 'pct_of_num' | 'add_pct' | 'sub_pct' | 'neg_pct' | 'mul_pct_num'
  | 'sub_date_date';

export type BuiltinFn = 'to_date' | 'min' | 'max' | 'round_money' | 'round_num' | 'abs' | 'floor' | 'ceil' | 'days_between'
  | 'start_of_month' | 'end_of_month' | 'start_of_year' | 'end_of_year' | 'year_of' | 'month_of' | 'day_of'
  | 'months_between' | 'years_between';

/** A named definition: a value, a function, rules with priorities, a decision table, or an eligibility. */
export interface Definition {
  name: string;
  kind: 'value' | 'rules' | 'table' | 'eligibility' | 'history' | 'dated' | 'ledger';
  params: { name: string; type: Ty }[];
  type: Ty;
  clauses: string[];
  doc?: string;
  span: SourceSpan;
  body?: Expr;
  rules?: RuleCaseIR[];
  otherwise?: Expr;
  table?: TableIR;
  requirements?: RequirementIR[];
  history?: HistoryIR;
  dated?: DatedIR;
  ledger?: LedgerIR;
}

/**
 * Lots consumed by draws: draws in order of (day, key), each taking from the lots available
 * that day (from <= day <= until, not cancelled by then) in the policy's order, at most
 * `limit` (when given) and at most what it asks for.
 */
export interface LedgerIR {
  lots: { variable: string; source: Expr; amount: Expr; from: Expr; until: Expr; key: Expr; keyKind: CmpKind; cancelled?: Expr };
  draws: { variable: string; source: Expr; amount: Expr; on: Expr; key: Expr; keyKind: CmpKind; limit?: Expr };
  policy: 'earliest_expiry' | 'fifo';
}

/**
 * Dated reference data: rows (records) each in force from its `dateField` until the next
 * row with the same `keyField` value. `inputPath` names the input the rows come from, for
 * error paths; `rowClauses` cite the rows written in the program.
 */
export interface DatedIR { source: Expr; dateField: string; keyField?: string; inputPath?: string; rowClauses?: string[][] }

/**
 * A fold over an ordered list: items sorted by `key` (then `tie`, or list order when
 * `tieInListOrder`); for each, the first rule whose `when` holds starts a new period.
 * Rules see the item (`variable`), `previous` and `since` as locals.
 */
export interface HistoryIR {
  initial: Expr;
  start: Expr;
  variable: string;
  source: Expr;
  key?: Expr;
  keyKind: 'day' | 'ms';
  tie?: Expr;
  tieKind?: CmpKind;
  tieInListOrder: boolean;
  rules: { name: string; when: Expr; then: Expr; clauses: string[]; span: SourceSpan }[];
}

export interface RuleCaseIR { name: string; when: Expr; then: Expr; overrides: string[]; clauses: string[]; span: SourceSpan }
/** `text` is the condition as written, shown in explanations when the requirement is met. */
export interface RequirementIR { when: Expr; reason: string; clauses: string[]; span: SourceSpan; nested: boolean; text?: string }

export interface TableIR {
  hit: 'unique' | 'first' | 'collect';
  inputs: { label: string; expr: Expr; kind: CmpKind }[];
  outputs: { name: string; type: Ty }[];
  /** `text` is the row as written, shown in explanations. */
  rows: { tests: CellTest[]; outputs: Expr[]; clauses: string[]; span: SourceSpan; label: string; text?: string }[];
}

export type CellTest =
  | { t: 'any' }
  | { t: 'cmp'; cmp: CmpOp; value: Expr; asDate?: boolean }
  | { t: 'in'; values: Expr[]; negated: boolean; asDate?: boolean }
  | { t: 'within'; interval: Expr; asDate?: boolean };

export interface ReadingIR { name: string; title?: string; clauses: string[]; default: string; options: { name: string; description?: string }[] }

export interface OutputIR { name: string; type: Ty; clauses: string[]; doc?: string; span: SourceSpan; body: Expr }

export interface Artifact {
  format: typeof ARTIFACT_FORMAT;
  version: number;
  program: {
    name: string;
    title: string;
    source?: string;
    currency?: string;
    zone: string;
    calendar?: string;
    /** The header's calendar variant (`calendar UA peacetime`); evaluation options override it. */
    calendarOptions?: CalendarOptions;
    rounding: { mode: RoundingMode; unit: string };
    monthEnd: 'clamp' | 'overflow';
  };
  enums: Record<string, { values: string[]; labels: Record<string, string>; clauses: string[] }>;
  records: Record<string, { fields: { name: string; type: Ty; doc?: string; clauses: string[] }[]; clauses: string[]; doc?: string }>;
  readings: ReadingIR[];
  inputs: { name: string; type: Ty; doc?: string; clauses: string[] }[];
  definitions: Definition[];
  outputs: OutputIR[];
  clauses: string[];
  schemas: { input: Record<string, unknown>; output: Record<string, unknown> };
  sourceHash: string;
}

export type RoundingMode = 'half_up' | 'half_even' | 'half_down' | 'up' | 'down' | 'floor' | 'ceiling';

/** Whether a value met while walking an IR node's fields is itself an expression (has an `op`). */
export const isExpr = (x: unknown): x is Expr => !!x && typeof x === 'object' && typeof (x as { op?: unknown }).op === 'string';
