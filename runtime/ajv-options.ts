/**
 * The options of every ajv instance of the runtime, in one place: the artifact validator
 * generated at build time (scripts/artifact-validator-code.mjs) must be compiled with the
 * same options as the one compiled at run time from the sources.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  // ajvProblem (runtime/input-validator.ts) reads parentSchema.description
  verbose: true,
  // a field named `toString` or `constructor` is looked up on the input itself, never on its prototype
  ownProperties: true,
} as const;
