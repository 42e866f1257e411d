/**
 * The validator of ARTIFACT_SCHEMA (ajv's interface: a function returning true or false,
 * with the problems on its `errors`). From the sources it is compiled when first used.
 * The package build replaces this module in dist/ with ajv's standalone code generated
 * from the same schema and options (scripts/artifact-validator-code.mjs): compiling the
 * schema took a fresh process a few hundred milliseconds before its first result.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ARTIFACT_SCHEMA } from './artifact-schema.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { provideAjv } from './input-validator.js';

// a bundle built from the sources (the playground's workers) has no `require`: this module
// imports ajv anyway and lends it to the input validator (dist/ replaces this module, and Node requires ajv itself)
provideAjv(Ajv2020);

let compiled: ValidateFunction | undefined;

/** True when `artifact` matches ARTIFACT_SCHEMA; otherwise the problems are on `validate.errors`. */
const validate = (artifact: unknown): boolean => {
  compiled ??= new Ajv2020(AJV_OPTIONS).compile(ARTIFACT_SCHEMA);
  const ok = compiled(artifact);
  validate.errors = compiled.errors;
  return ok;
};
validate.errors = null as ErrorObject[] | null | undefined;

export default validate;
