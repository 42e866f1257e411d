/**
 * Evaluation errors. `evaluate` returns them as values; inside the evaluator a fault
 * unwinds the current evaluation and is caught at its single entry point.
 */
import type { SourceSpan } from './ir.js';

/** Stable codes of evaluation errors (the compiler's codes are RB100–RB599). */
export const RUNTIME_ERROR_CODES = {
  'RB-E-INPUT': 'the input does not match the program\'s input schema',
  'RB-E-READING': 'unknown reading or reading option',
  'RB-E-ARTIFACT': 'the artifact is malformed',
  'RB-E-VERSION': 'the artifact was made for another version of the runtime',
  'RB-E-NO-VERSION': 'no version of an effective-dated rule is in force on that date',
  'RB-E-NO-RULE': 'none of the rules applies',
  'RB-E-OVERLAP': 'two rules apply and neither overrides the other',
  'RB-E-NO-ROW': 'no row of a decision table matches',
  'RB-E-UNIQUE': 'several rows of a unique decision table match',
  'RB-E-CALENDAR-YEAR': 'the business-day calendar has no data for that year',
  'RB-E-CALENDAR-UNKNOWN': 'unknown business-day calendar',
  'RB-E-CALENDAR-ARGUMENT': 'bad argument to business-day arithmetic',
  'RB-E-NO-CALENDAR': 'business days used but the program declares no calendar',
  'RB-E-DIV-ZERO': 'division by zero',
  'RB-E-RANGE': 'a result outside the values the runtime represents exactly (years 1–9999, whole numbers up to 2^53)',
  'RB-E-NO-ASOF': 'the rules use the evaluation instant but none was given',
  'RB-E-HISTORY-TIE': 'two items of a history fall on one date and no tie-breaker orders them',
  'RB-E-HISTORY-BEFORE': 'a history is asked about, or given an item, before it starts',
  'RB-E-SEQUENCE': 'a sequence of dates is too long',
  'RB-E-DURATION-UNIT': 'hours or minutes added to a date',
  'RB-E-NO-DATED-ROW': 'no row of a dated table is in force on that date (for that key)',
  'RB-E-NO-RATE': 'an amount in a currency with no rate to the one asked for, or a rate that is not more than zero',
  'RB-E-SPLIT': 'a split with no shares, negative or zero weights, or an amount that is not a whole number of steps',
  'RB-E-BUDGET': 'the evaluation went through more list items than the runtime allows',
  'RB-E-INTERNAL': 'an internal error of the runtime',
} as const;

export type RuntimeErrorCode = keyof typeof RUNTIME_ERROR_CODES;

export interface EvalError {
  code: RuntimeErrorCode;
  message: string;
  /** JSON path of the offending input, for input errors. */
  path?: string;
  /** Source position of the rule involved, for evaluation errors. */
  span?: SourceSpan;
  /** Every problem found, for input errors (the first is also in code/message/path). */
  problems?: { path: string; message: string }[];
}

/** Thrown inside the evaluator only; `evaluate` turns it into an `EvalError` value. */
export class EvalFault {
  constructor(public readonly error: EvalError) {}
}

/** Aborts the current evaluation with an error. */
export function fault(code: RuntimeErrorCode, message: string, span?: SourceSpan): never {
  throw new EvalFault({ code, message, ...(span ? { span } : {}) });
}
