/**
 * The shape of an artifact, checked against ARTIFACT_SCHEMA before anything else reads it:
 * a small interpreter of the JSON Schema keywords that schema uses (type, const, enum,
 * pattern, required, properties, additionalProperties, items, minItems, maxItems, $ref into
 * its $defs, allOf of if/then). It gives ajv's verdict on every artifact
 * (test/runtime/artifact-shape.test.ts compares the two on every program's artifact and on
 * damaged copies), without ajv's cost to a fresh process: ajv's standalone code for this
 * schema was 260 KB, which a process compiled once to load its first artifact (some 35 ms
 * of a cold start that is otherwise about 130 ms of its own).
 *
 * Fields are read only when they are the object's own (a field named `__proto__` or
 * `constructor` is the artifact's, never its prototype's, as ajv's `ownProperties` does),
 * and the first problem is reported, with its path, in the words of the runtime's input
 * errors.
 */
import { ARTIFACT_SCHEMA } from './artifact-schema.js';
import { childPath } from './values/codec.js';

/** The first place where an artifact does not have the artifact's shape. */
export interface ShapeProblem { path: string; message: string }

type Schema = { readonly [k: string]: unknown };
type Seg = string | number;

const DEFS = ARTIFACT_SCHEMA.$defs as unknown as Record<string, Schema>;
/** The deepest nesting of schemas followed (types nest through `of` and `fields`): deeper is refused, not a stack overflow. */
export const MAX_SHAPE_DEPTH = 100;

const TYPE_WORDS: Record<string, string> = {
  string: 'text', integer: 'a whole number', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null',
};

function isType(t: unknown, v: unknown): boolean {
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'integer': return Number.isInteger(v);
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    case 'boolean': return typeof v === 'boolean';
    case 'object': return v !== null && typeof v === 'object' && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'null': return v === null;
    default: return false;
  }
}

/**
 * Why a value does not match a schema, or undefined. On a problem, `at` holds the path to
 * it (the segments pushed on the way down are left in place); on success it is as it was.
 */
type Check = (v: unknown, at: Seg[], depth: number) => string | undefined;

const compiled = new Map<string, Check>();
/** A $defs schema's check, made on first use (types refer to themselves through `of`). */
const defCheck = (name: string): Check => (v, at, depth) => {
  let c = compiled.get(name);
  if (!c) { c = checkOf(DEFS[name]!); compiled.set(name, c); }
  return c(v, at, depth);
};

/**
 * One schema made into the checks it asks for, once: read keyword by keyword on every
 * value, the schema objects' many shapes made every read slow (some 1 µs per value).
 */
function checkOf(s: Schema): Check {
  const checks: Check[] = [];
  if (s.$ref !== undefined) checks.push(defCheck(String(s.$ref).slice('#/$defs/'.length)));
  if (s.type !== undefined) {
    const t = s.type, message = `must be ${TYPE_WORDS[t as string]}`;
    checks.push((v) => (isType(t, v) ? undefined : message));
  }
  if (s.const !== undefined) {
    const c = s.const, message = `must be ${JSON.stringify(c)}`;
    checks.push((v) => (v === c ? undefined : message));
  }
  if (s.enum !== undefined) {
    const values = s.enum as readonly unknown[], message = `must be one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;
    checks.push((v) => (values.includes(v) ? undefined : message));
  }
  if (s.pattern !== undefined) {
    const re = new RegExp(s.pattern as string, 'u'), message = `must match the pattern ${s.pattern as string}`;
    checks.push((v) => (typeof v !== 'string' || re.test(v) ? undefined : message));
  }
  const required = s.required as readonly string[] | undefined;
  const props = s.properties as Record<string, Schema> | undefined;
  const extra = s.additionalProperties as Schema | boolean | undefined;
  if (required !== undefined || props !== undefined || (extra !== undefined && extra !== true)) {
    const names = props === undefined ? [] : Object.keys(props);
    const propChecks = names.map((k) => checkOf(props![k]!));
    const known = new Set(names);
    const extraCheck = extra === undefined || extra === true || extra === false ? undefined : checkOf(extra);
    checks.push((v, at, depth) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      const o = v as Record<string, unknown>;
      if (required !== undefined) for (const k of required) if (!Object.hasOwn(o, k) || o[k] === undefined) { at.push(k); return 'is missing'; }
      for (let i = 0; i < names.length; i++) {
        const k = names[i]!;
        if (!Object.hasOwn(o, k) || o[k] === undefined) continue;
        at.push(k);
        const why = propChecks[i]!(o[k], at, depth + 1);
        if (why !== undefined) return why;
        at.pop();
      }
      if (extra === undefined || extra === true) return undefined;
      for (const k of Object.keys(o)) {
        if (known.has(k)) continue;
        at.push(k);
        if (extraCheck === undefined) return 'is not a field of this object';
        const why = extraCheck(o[k], at, depth + 1);
        if (why !== undefined) return why;
        at.pop();
      }
      return undefined;
    });
  }
  const min = s.minItems as number | undefined, max = s.maxItems as number | undefined;
  const items = s.items === undefined ? undefined : checkOf(s.items as Schema);
  if (min !== undefined || max !== undefined || items !== undefined) {
    checks.push((v, at, depth) => {
      if (!Array.isArray(v)) return undefined;
      if (min !== undefined && v.length < min) return `must have at least ${min} item${min === 1 ? '' : 's'}`;
      if (max !== undefined && v.length > max) return `must have at most ${max} items`;
      if (items !== undefined) {
        for (let i = 0; i < v.length; i++) {
          at.push(i);
          const why = items(v[i], at, depth + 1);
          if (why !== undefined) return why;
          at.pop();
        }
      }
      return undefined;
    });
  }
  for (const part of (s.allOf as readonly Schema[] | undefined) ?? []) {
    if (part.if === undefined) { checks.push(checkOf(part)); continue; }
    const cond = checkOf(part.if as Schema), then = part.then === undefined ? undefined : checkOf(part.then as Schema);
    if (then === undefined) continue;
    checks.push((v, at, depth) => {
      // the condition is tried, not reported: its path is put back
      const n = at.length;
      const holds = cond(v, at, depth + 1) === undefined;
      at.length = n;
      return holds ? then(v, at, depth + 1) : undefined;
    });
  }
  return (v, at, depth) => {
    if (depth > MAX_SHAPE_DEPTH) return `nests more than ${MAX_SHAPE_DEPTH} levels deep`;
    for (let i = 0; i < checks.length; i++) {
      const why = checks[i]!(v, at, depth);
      if (why !== undefined) return why;
    }
    return undefined;
  };
}

let artifactCheck: Check | undefined;

/** The first problem of the artifact's shape, or undefined when it has the shape ARTIFACT_SCHEMA describes. */
export function shapeProblem(artifact: unknown): ShapeProblem | undefined {
  const at: Seg[] = [];
  artifactCheck ??= checkOf(ARTIFACT_SCHEMA as unknown as Schema);
  const message = artifactCheck(artifact, at, 0);
  if (message === undefined) return undefined;
  let path = '$';
  for (const seg of at) path = childPath(path, seg);
  return { path, message };
}
