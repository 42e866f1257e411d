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
  children: TraceNode[];
}
