/**
 * Stable codes of the server's own errors (evaluation errors keep the runtime's codes,
 * RUNTIME_ERROR_CODES; program problems keep the compiler's RB100–RB599).
 */
export const SERVER_ERROR_CODES = {
  'RB-E-REQUEST': 'the request is not JSON, not an object, has a missing or unknown field, a wrong type or an unknown output name (400), or has the wrong content type (415), or did not arrive in full in time (408)',
  'RB-E-TOO-LARGE': 'the body (or a batch line) is over the limit (413)',
  'RB-E-UNKNOWN-PROGRAM': 'no program of that name is loaded (404)',
  'RB-E-NOT-FOUND': 'no such endpoint (404)',
  'RB-E-NAME': 'a program file whose name is not a valid program name, or a second file for one name (in /readyz)',
  'RB-E-INTERNAL': 'an internal error of the server (500); never caused by a request alone',
} as const;

/** A code of SERVER_ERROR_CODES. */
export type ServerErrorCode = keyof typeof SERVER_ERROR_CODES;

/** The error object every endpoint returns: `{error: {code, message, path?}}`. */
export function errorBody(code: ServerErrorCode, message: string, path?: string): { error: { code: ServerErrorCode; message: string; path?: string } } {
  return { error: { code, message, ...(path ? { path } : {}) } };
}
