/** Messages between the page and the edges worker (structured-clone safe). */
import type { Scenario } from '../../../runtime/scenario.js';
import type { TraceNode } from '../../../runtime/trace.js';
import type { Outcome } from './protocol.js';
import type { EdgesResult } from './edges-engine.js';

/** From the page: search a scenario's edges, or run one neighbour with its explanation. */
export type EdgesRequest =
  | { type: 'search'; id: number; source: string; scenario: Scenario; overrides: Record<string, string> }
  | { type: 'run'; id: number; source: string; scenario: Scenario; overrides: Record<string, string> };

/** From the worker. */
export type EdgesResponse =
  | { type: 'search'; id: number; result: EdgesResult }
  | { type: 'run'; id: number; outcome?: Outcome; trace?: TraceNode[] };
