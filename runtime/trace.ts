/**
 * The explanation trace: a tree of what was evaluated, with values (as JSON), the
 * clause each step cites, and the readings in force.
 */
export interface TraceNode {
  kind: 'output' | 'definition' | 'ref' | 'rule' | 'row' | 'requirement' | 'version' | 'reading' | 'transition';
  name: string;
  clauses: string[];
  /** The value computed, in its JSON form. */
  value?: unknown;
  /** Arguments of a function or table call, in JSON form. */
  args?: Record<string, unknown>;
  /** For rules, rows and requirements: whether it applied / matched / was met. */
  passed?: boolean;
  note?: string;
  /** Which call this is (name and arguments), so a repeated call is listed once per parent. */
  key?: string;
  /** The definition's description, as written in the rules. */
  doc?: string;
  /**
   * For a state: the definitions its rules consulted while the history was walked. They are
   * not children (they would repeat at every item), but coverage counts them as exercised.
   */
  consulted?: string[];
  children: TraceNode[];
}

/**
 * A node of a history's scratch trace: read only for the names of the definitions
 * consulted, then dropped, so no values, arguments or leaf steps are recorded in it.
 * A class (one shape, tested with instanceof) because a walk makes thousands of them.
 */
export class ScratchNode implements TraceNode {
  children: TraceNode[] = [];
  passed?: boolean;
  note?: string;
  constructor(public kind: TraceNode['kind'], public name: string, public clauses: string[]) {}
}

/**
 * One threshold test the evaluation made: a comparison, an interval test, a version
 * cut-off, a table cell, or a date moved by a duration. Reported only when an
 * observer is given (`rulebook edges` finds the boundaries of a scenario this way); values are the runtime's own (Decimal, day
 * numbers, epoch milliseconds).
 */
export interface Observation {
  /** Which test of the artifact: the same number for the same test in every evaluation of one loaded ruleset. */
  site: number;
  /** A test, or (`call`, `done`, `ref`) the start, end or repetition of a definition's call. */
  kind: 'cmp' | 'within' | 'version' | 'cell' | 'date_add' | 'call' | 'done' | 'ref';
  /** call, done, ref: which call (definition and arguments). */
  key?: string;
  /** How the operands compare: as decimals, day numbers, epoch milliseconds, strings or booleans. */
  cmpKind: string;
  op?: string;
  left?: unknown;
  right?: unknown;
  interval?: { start: unknown; end: unknown; si: boolean; ei: boolean };
  /** Versions of an `in force on` (day numbers); `chosen` is the index of the one in force. */
  versions?: { from?: number; until?: number }[];
  chosen?: number;
  /** date_add: the duration added (n units) and the date reached. */
  duration?: { n: number; unit: string };
  result: unknown;
  /** A table cell's column, as written in the table header. */
  column?: string;
  /** [startLine, startColumn, endLine, endColumn] of the test in the source, when the compiler recorded it. */
  span?: [number, number, number, number];
  /** The local names in scope (the same object is reused: read it at once). */
  frame: Record<string, unknown>;
  /** The decoded input of this evaluation. */
  input: Record<string, unknown>;
  /** The trace node being filled: the definition, rule, row or requirement the test belongs to. */
  node?: TraceNode;
}

/** Receives observations during one evaluation. */
export type Observer = (o: Observation) => void;
