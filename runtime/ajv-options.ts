/**
 * The options of the runtime's ajv instance (input validation, runtime/input-validator.ts).
 * test/runtime/artifact-shape.test.ts compiles the artifact schema with them too, to check
 * that the artifact's shape check (runtime/artifact-shape.ts) gives ajv's verdict.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: false,
  // ajvProblem (runtime/input-validator.ts) reads parentSchema.description
  verbose: true,
  // a field named `toString` or `constructor` is looked up on the input itself, never on its prototype
  ownProperties: true,
} as const;
