/**
 * One evaluation request against one program version, as a status and a JSON body; shared
 * by /evaluate and every line of /batch. Never throws: the runtime returns its errors as
 * values, and the statuses say whose problem they are (400 the request, 422 the rules
 * have no answer for this input, 500 only for an internal error of the runtime).
 */
import { renderReadings, renderTrace, type RuntimeErrorCode, type TraceNode } from '../runtime/index.js';
import type { ProgramEntry } from './registry.js';
import { errorBody } from './error-codes.js';

/** The body of POST /evaluate (validated against EVALUATE_BODY before it gets here). */
export interface EvaluationRequest {
  input: unknown;
  as_of?: string | number;
  readings?: Record<string, string>;
  explain?: boolean;
  outputs?: string[];
  calendar?: { ua?: 'martial_law' | 'peacetime' };
}

/** An HTTP status and the JSON body to send. */
export interface Evaluation { status: number; body: Record<string, unknown> }

const BAD_REQUEST: ReadonlySet<RuntimeErrorCode> = new Set(['RB-E-INPUT', 'RB-E-READING', 'RB-E-NO-ASOF']);

/** The status of a runtime error code. */
export function statusOf(code: RuntimeErrorCode): number {
  if (BAD_REQUEST.has(code)) return 400;
  if (code === 'RB-E-INTERNAL' || code === 'RB-E-ARTIFACT' || code === 'RB-E-VERSION') return 500;
  return 422;
}

/** Receives the runtime's own message of an internal error, for the server's log. */
export type InternalReport = (detail: { program: string; hash: string; message: string }) => void;

/**
 * Evaluates `req` on the program version `entry`. An internal error of the runtime is
 * answered with a fixed sentence: its message (a JavaScript error's text) goes to `report`,
 * the server's log, and not to the client.
 */
export function evaluateRequest(entry: ProgramEntry, req: EvaluationRequest, report?: InternalReport): Evaluation {
  const named = { program: entry.name, hash: entry.hash };
  let wanted: Set<string> | undefined;
  if (req.outputs) {
    const known = new Set(entry.artifact.outputs.map((o) => o.name));
    const unknown = req.outputs.findIndex((o) => !known.has(o));
    if (unknown >= 0) {
      const message = `${JSON.stringify(req.outputs[unknown])} is not an output of ${entry.name}; its outputs are ${[...known].join(', ')}`;
      return { status: 400, body: { ...errorBody('RB-E-REQUEST', message, `$.outputs[${unknown}]`), ...named } };
    }
    wanted = new Set(req.outputs);
  }
  const result = entry.ruleset.evaluate(req.input, { asOf: req.as_of, readings: req.readings, explain: req.explain === true, calendar: req.calendar });
  if (!result.ok) {
    const e = result.error;
    if (e.code === 'RB-E-INTERNAL') {
      report?.({ ...named, message: e.message });
      return { status: 500, body: { ...errorBody('RB-E-INTERNAL', 'Internal error of the runtime while evaluating this request; the server has logged it. Please report it with the request.'), ...named } };
    }
    // input paths are reported from the input's root ($); in the request they sit under $.input
    const path = e.path === undefined ? undefined : e.path === 'asOf' ? '$.as_of' : e.path.replace(/^\$/, '$.input');
    const problems = e.problems?.map((p) => ({ path: p.path.replace(/^\$/, '$.input'), message: p.message }));
    const message = path && e.path && e.message.startsWith(e.path) ? path + e.message.slice(e.path.length) : e.message;
    return { status: statusOf(e.code), body: { error: { code: e.code, message, ...(path ? { path } : {}), ...(problems ? { problems } : {}) }, ...named } };
  }
  const outputs = wanted ? Object.fromEntries(Object.entries(result.outputs).filter(([k]) => wanted.has(k))) : result.outputs;
  const body: Record<string, unknown> = { ...named, outputs, readings: result.readings };
  if (req.explain) {
    const trace: TraceNode[] = (result.trace ?? []).filter((n) => !wanted || wanted.has(n.name));
    body.explanation = {
      summary: `${renderTrace(trace, 2)}\n${renderReadings(result.readings)}`,
      text: `${renderTrace(trace)}\n${renderReadings(result.readings)}`,
      trace,
    };
  }
  return { status: 200, body };
}
