/**
 * Scenarios: a named input with the evaluation instant, readings and the outcomes
 * the rules must produce. Shared by `rulebook test` and the playground.
 */
import type { Ruleset, EvaluateResult } from './load.js';
import type { TraceNode } from './trace.js';
import type { Rerun } from './rerun.js';
import { Dec } from './values/decimal.js';

const AMOUNT_RE = /^(-?\d+(?:\.\d+)?)( [A-Z]{3}|%)?$/;

/** "350000.00 KZT" and "350000 KZT" are the same amount; "20%" and "20.0%" the same rate. */
function sameAmount(expected: string, actual: string): boolean {
  const e = AMOUNT_RE.exec(expected.trim()), a = AMOUNT_RE.exec(actual);
  return !!e && !!a && (e[2] ?? '') === (a[2] ?? '') && new Dec(e[1]!).eq(new Dec(a[1]!));
}

export interface Scenario {
  name: string;
  description?: string;
  /** Evaluation instant, ISO text. */
  as_of?: string;
  readings?: Record<string, string>;
  calendar?: { ua?: 'martial_law' | 'peacetime' };
  input: unknown;
  expect: {
    /** Expected outputs; only the outputs named here are compared. Objects compare field by field. */
    outputs?: Record<string, unknown>;
    /** Expected failure reasons of eligibility outputs, in order. */
    reasons?: Record<string, string[]>;
    /** Expected evaluation error code instead of outputs. */
    error?: string;
  };
}

export interface ScenarioOutcome {
  name: string;
  passed: boolean;
  /** One sentence per mismatch: "bonus: expected "7200.00 RUB", got "7100.00 RUB"". */
  mismatches: string[];
  result: EvaluateResult;
}

/**
 * True when `actual` has every field of `expected` with equal values (lists compare item
 * by item). Amounts compare by value: 7200 matches "7200", "7200.00 RUB" matches "7200 RUB".
 */
export function matches(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (expected === null || actual === null || typeof expected !== 'object' || typeof actual !== 'object') {
    if (typeof actual !== 'string' || (typeof expected !== 'string' && typeof expected !== 'number')) return false;
    return sameAmount(String(expected), actual);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length === actual.length && expected.every((e, i) => matches(e, actual[i]));
  }
  const a = actual as Record<string, unknown>;
  return Object.entries(expected as Record<string, unknown>).every(([k, v]) => Object.hasOwn(a, k) && matches(v, a[k]));
}

/**
 * Runs one scenario against a loaded ruleset; with `rerun` (rerun.ts, one per editor), only the
 * outputs the last edit can have changed are computed again.
 */
export function runScenario(ruleset: Ruleset, s: Scenario, explain = false, rerun?: Rerun): ScenarioOutcome {
  const result = rerun ? rerun.evaluate(ruleset, s, explain) : ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings, explain, calendar: s.calendar });
  const mismatches: string[] = [];
  const show = (v: unknown) => JSON.stringify(v);
  if (s.expect.error) {
    if (result.ok) mismatches.push(`expected the error ${s.expect.error}, but the evaluation succeeded`);
    else if (result.error.code !== s.expect.error) mismatches.push(`expected the error ${s.expect.error}, got ${result.error.code}: ${result.error.message}`);
  } else if (!result.ok) {
    mismatches.push(`evaluation failed: ${result.error.code} ${result.error.path ? `${result.error.path} ` : ''}${result.error.message}`);
  } else {
    for (const [name, expected] of Object.entries(s.expect.outputs ?? {})) {
      if (!Object.hasOwn(result.outputs, name)) { mismatches.push(`the program has no output ${name}`); continue; }
      const actual = result.outputs[name];
      if (!matches(expected, actual)) mismatches.push(`${name}: expected ${show(expected)}, got ${show(actual)}`);
    }
    for (const [name, reasons] of Object.entries(s.expect.reasons ?? {})) {
      const actual = (Object.hasOwn(result.outputs, name) ? result.outputs[name] : undefined) as { reasons?: { reason: string }[] } | undefined;
      const got = actual?.reasons?.map((r) => r.reason);
      if (!got) mismatches.push(`${name} is not an eligibility output`);
      else if (!matches(reasons, got)) mismatches.push(`${name} reasons: expected ${show(reasons)}, got ${show(got)}`);
    }
  }
  return { name: s.name, passed: mismatches.length === 0, mismatches, result };
}

/** What a set of traces exercised: rules that applied, rows that matched, clauses cited along the way. */
export interface Exercised { rules: Set<string>; rows: Set<string>; clauses: Set<string>; definitions: Set<string> }

/** Adds what one evaluation trace exercised. Keys are `definition.rule` and `definition#row N`. */
export function collectExercised(trace: TraceNode[], into: Exercised, owner = ''): void {
  for (const n of trace) {
    let nextOwner = owner;
    switch (n.kind) {
      case 'definition': case 'ref': case 'output':
        into.definitions.add(n.name); nextOwner = n.name; n.clauses.forEach((c) => into.clauses.add(c));
        // a state's rules consult definitions outside the explanation tree
        n.consulted?.forEach((d) => into.definitions.add(d));
        break;
      case 'rule':
        if (n.passed) { into.rules.add(`${owner}.${n.name}`); n.clauses.forEach((c) => into.clauses.add(c)); }
        break;
      case 'row':
        into.rows.add(`${owner}#${n.name}`); n.clauses.forEach((c) => into.clauses.add(c)); break;
      default:
        n.clauses.forEach((c) => into.clauses.add(c));
    }
    collectExercised(n.children, into, nextOwner);
  }
}
