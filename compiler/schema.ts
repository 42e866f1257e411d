/**
 * The JSON Schemas of a program's input and output. They live in the runtime, which
 * derives the same schema at load to know an artifact's schema is the compiler's own
 * (see runtime/load.ts); the compiler writes them into the artifact from here.
 */
export { DRAFT, schemaOf, inputSchema, outputSchema } from '../runtime/values/json-schema.js';
