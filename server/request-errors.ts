/** Turns schema validation errors of a request into the server's error object. */
import type { ErrorObject } from 'ajv';
import { jsonPath } from '../runtime/index.js';

/** The first validation error as `{code: 'RB-E-REQUEST', path, message}`. */
export function requestProblem(errors: ErrorObject[]): { code: 'RB-E-REQUEST'; path: string; message: string } {
  const e = errors[0];
  if (!e) return { code: 'RB-E-REQUEST', path: '$', message: '$ is not a valid request' };
  const params = e.params as Record<string, unknown>;
  let path = jsonPath(e.instancePath);
  let what: string;
  switch (e.keyword) {
    case 'required': path = `${path}.${String(params.missingProperty)}`; what = 'is missing'; break;
    case 'additionalProperties': path = `${path}.${String(params.additionalProperty)}`; what = 'is not an accepted field here'; break;
    case 'type': what = `must be ${String(params.type).split(',').join(' or ')}`; break;
    case 'enum': what = `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`; break;
    default: what = e.message ?? 'is not valid';
  }
  return { code: 'RB-E-REQUEST', path, message: `${path} ${what}` };
}
