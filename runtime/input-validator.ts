/**
 * The ajv validator of an artifact's input schema, and a plain sentence per ajv error.
 * ajv (some sixty CommonJS files) is loaded on first use, not at import: a fresh process
 * whose inputs the strict decoder vouches for never needs it (see SchemaTrust in load.ts),
 * and loading it was a fifth of a cold process's time to its first result.
 */
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { AJV_OPTIONS } from './ajv-options.js';
import type { InputProblem } from './values/codec.js';

let AjvClass: typeof Ajv2020 | undefined;

/**
 * Hands the runtime ajv's class where it cannot load it itself (a browser bundle has no
 * `require`): the playground's workers do (playground/src/engine/engine.ts).
 */
export function provideAjv(ajv: typeof Ajv2020): void {
  AjvClass ??= ajv;
}

/** ajv's 2020 class: provided, or required synchronously in Node (load() is synchronous). */
function ajvClass(): typeof Ajv2020 {
  if (AjvClass) return AjvClass;
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:module') as
    | { createRequire(from: string): (id: string) => { Ajv2020: typeof Ajv2020 } }
    | undefined;
  if (!builtin) throw new Error('the JSON Schema validator (ajv) is not available here; provide it with provideAjv');
  AjvClass = builtin.createRequire(import.meta.url)('ajv/dist/2020.js').Ajv2020;
  return AjvClass;
}

let ajvInstance: Ajv2020 | undefined;
function ajv(): Ajv2020 {
  ajvInstance ??= new (ajvClass())(AJV_OPTIONS);
  return ajvInstance;
}

/** Compiled input validators by schema text: loading one artifact again reuses its validator. */
const validators = new Map<string, ValidateFunction>();
const MAX_VALIDATORS = 64;

/** The input schema's validator, compiled once per distinct schema (the artifact's, not its hash: a tampered schema is its own). */
export function inputValidator(schema: Record<string, unknown>): ValidateFunction {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv().compile(schema);
    // a server loading many programs keeps the most recent ones
    if (validators.size >= MAX_VALIDATORS) validators.delete(validators.keys().next().value!);
    validators.set(key, v);
  }
  return v;
}

/** `/purchases/0/amount` -> `$.purchases[0].amount` */
export function jsonPath(pointer: string): string {
  if (!pointer) return '$';
  return '$' + pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[\p{L}_][\p{L}\p{N}_]*$/u.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

/** A plain sentence for one ajv error. */
export function ajvProblem(e: ErrorObject): InputProblem {
  const path = jsonPath(e.instancePath);
  const p = e.params as Record<string, unknown>;
  const described = (e.parentSchema as { description?: string } | undefined)?.description;
  switch (e.keyword) {
    case 'required': return { path: `${path === '$' ? '$' : path}.${String(p.missingProperty)}`, message: 'is missing' };
    case 'additionalProperties': return { path: `${path}.${String(p.additionalProperty)}`, message: 'is not a field of this object' };
    case 'enum': return { path, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type': return { path, message: `must be ${described ?? `of type ${String(p.type)}`}` };
    case 'pattern': return { path, message: `must be ${described ?? `text matching ${String(p.pattern)}`}` };
    default: return { path, message: e.message ?? 'is not valid' };
  }
}
