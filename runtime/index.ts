/**
 * The runtime's public entry point. A backend ships this and an artifact: it does
 * not import the language or the compiler.
 */
export { load, jsonPath, type Ruleset, type LoadResult, type EvaluateOptions, type EvaluateResult } from './load.js';
export { renderTrace, renderReadings, formatValue } from './explain.js';
export { RUNTIME_ERROR_CODES, type EvalError, type RuntimeErrorCode } from './errors.js';
export type { TraceNode, Observation, Observer } from './trace.js';
export type { Artifact, Ty } from './ir.js';
export { ARTIFACT_VERSION } from './ir.js';
export { ARTIFACT_SCHEMA } from './artifact-schema.js';
/** For a bundle that runs without `require` (a browser, an edge worker): hands the runtime ajv's 2020 class, which reports the problems of an input. */
export { provideAjv } from './input-validator.js';
