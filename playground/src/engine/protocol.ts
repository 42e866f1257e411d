/**
 * Messages between the playground page and its engine worker. The worker compiles,
 * loads and evaluates; the page only renders. Everything here is structured-clone safe.
 */
import type { Scenario } from '../../../runtime/scenario.js';
import type { TraceNode } from '../../../runtime/trace.js';
import type { EvalError } from '../../../runtime/errors.js';
import type { Artifact } from '../../../runtime/ir.js';
import type { RulesFile } from '../../../language/ast.js';
import type { WorkerTimes } from '../perf.js';

/** A diagnostic as the page needs it (the compiler's, minus the offsets). */
export interface Diag {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  span: { startLine: number; startColumn: number; endLine: number; endColumn: number };
}

/** What the page needs to know about a compiled program (the artifact without its IR). */
export type ProgramMeta = Pick<Artifact, 'program' | 'enums' | 'records' | 'readings' | 'inputs' | 'clauses' | 'schemas'> & {
  /** Name -> type, parameters, clauses and doc of every definition and output. */
  definitions: Record<string, { kind: string; type: Artifact['outputs'][number]['type']; params: { name: string; type: Artifact['outputs'][number]['type'] }[]; clauses: string[]; doc?: string }>;
  outputs: string[];
};

/** The outcome of one scenario, without its trace. */
export interface Outcome {
  name: string;
  passed: boolean;
  mismatches: string[];
  ok: boolean;
  outputs?: Record<string, unknown>;
  readings?: Record<string, string>;
  error?: EvalError;
}

/** Reading overrides chosen in the page apply on top of each scenario's own readings. */
export interface RunSpec {
  scenarios: Scenario[];
  overrides: Record<string, string>;
  /** Index of the scenario whose explanation is wanted, or -1. */
  selected: number;
  /** Scenarios the user sees (rows of the list in view): run right after the selected one, and answered first. */
  first?: number[];
  /** The page's number for `scenarios` (the same number, the same scenarios); without one they are compared by content. */
  scenariosKey?: number;
}

/**
 * A RunSpec as an update carries it to the worker: the scenarios (~85 KB on the largest
 * program, copied on the page's thread for every message) only when they differ from those
 * of the update sent before; the worker keeps the last ones it got, under `scenariosKey`.
 */
export type UpdateRun = Omit<RunSpec, 'scenarios' | 'scenariosKey'> & { scenarios?: Scenario[]; scenariosKey: number };

/** One output of one scenario that differs between the saved and the edited program. */
export interface ImpactRow { scenario: string; output: string; before: unknown; after: unknown }

/** A change of a text: from offset `at`, `cut` characters replaced by `text`. */
export interface TextEdit { at: number; cut: number; text: string }

/** From the page to the worker. */
export type Request =
  /**
   * `metaId`: the metadata the page holds (see the `diagnostics` answer), none when it holds none.
   * The text comes whole (`source`), or as the change of the text of the update before it
   * (`edit`): a keystroke need not copy the whole program (~57 KB on the largest) on the page's thread.
   */
  | { type: 'update'; id: number; source?: string; edit?: TextEdit; run: UpdateRun; metaId?: number }
  | { type: 'impact'; id: number; saved: string; edited: string; run: RunSpec }
  /** The parse tree of `source`, asked for only when the editor is idle or a feature needs it (it is large: ~750 KB on the largest program). */
  | { type: 'ast'; id: number; source: string };

/** From the worker to the page. */
export type Response =
  /**
   * `metaId` names the compiled program's metadata (the same number for the same content);
   * `meta` comes with it only when the request's `metaId` was another (~95 KB on the largest
   * program: copied and read on the page's thread at every keystroke otherwise). No
   * `metaId`: the program did not compile.
   */
  | { type: 'diagnostics'; id: number; diagnostics: Diag[]; meta?: ProgramMeta; metaId?: number; compileMs: number }
  /** The outcomes the user sees (`RunSpec.first`), by index, before the others ran; the selected scenario's `trace` and the `results` follow. */
  | { type: 'first'; id: number; entries: [number, Outcome][]; times: WorkerTimes }
  /** The explanation of the selected scenario (none when it has none), after `first` and before `results`. */
  | { type: 'trace'; id: number; trace?: TraceNode[] }
  /** Every outcome; `trace` is the selected scenario's, unless it came in a `trace` message of its own (`traceSent`). */
  | { type: 'results'; id: number; ok: boolean; outcomes: Outcome[]; trace?: TraceNode[]; traceSent?: boolean; runMs: number; times: WorkerTimes }
  | { type: 'impact'; id: number; rows: ImpactRow[]; compared: number; problem?: string }
  /** The parsed text, so the editor's features need not parse on the main thread (none when it could not be parsed). */
  | { type: 'ast'; id: number; source: string; ast?: RulesFile }
  | { type: 'crash'; id: number; message: string };
