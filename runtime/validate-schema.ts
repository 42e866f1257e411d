/**
 * The artifact's embedded JSON Schemas are compiled by ajv into code and run on every
 * input, so a tampered schema could hang or misdirect validation. Only the keywords the
 * compiler writes are allowed, `$ref` only points into the schema's own `$defs`, and
 * every `pattern` is short and free of nested or alternated unbounded repetition (the
 * shapes that backtrack catastrophically).
 */
const KEYWORDS = new Set(['$schema', 'title', 'description', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'anyOf', 'pattern', '$ref', '$defs']);
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const MAX_PATTERN = 300;
const MAX_DEPTH = 64;

/** Throws `{path, message}` (caught by validateArtifact) for the first disallowed part of a schema. */
export function checkSchema(root: unknown, path: string): void {
  const defs = root && typeof root === 'object' ? (root as { $defs?: unknown }).$defs : undefined;
  const defNames = defs && typeof defs === 'object' ? new Set(Object.keys(defs)) : new Set<string>();
  const fail = (p: string, m: string): never => { throw new SchemaProblemError(p, m); };
  const visit = (s: unknown, p: string, depth: number, isRoot: boolean): void => {
    if (depth > MAX_DEPTH) fail(p, 'nests too deeply');
    if (typeof s === 'boolean') return;
    if (!s || typeof s !== 'object' || Array.isArray(s)) fail(p, 'must be a schema object');
    for (const [k, v] of Object.entries(s as Record<string, unknown>)) {
      const kp = `${p}.${k}`;
      if (!KEYWORDS.has(k)) fail(kp, `uses the keyword ${JSON.stringify(k)}, which rulebook schemas never contain`);
      switch (k) {
        case '$schema': case 'title': case 'description':
          if (typeof v !== 'string') fail(kp, 'must be text');
          break;
        case 'type': {
          const list = Array.isArray(v) ? v : [v];
          if (!list.every((t) => TYPES.has(t as string))) fail(kp, 'names an unknown JSON type');
          break;
        }
        case 'properties': case '$defs':
          if (k === '$defs' && !isRoot) fail(kp, 'is allowed only at the top of the schema');
          if (!v || typeof v !== 'object' || Array.isArray(v)) fail(kp, 'must be an object of schemas');
          for (const [name, sub] of Object.entries(v as Record<string, unknown>)) visit(sub, `${kp}[${JSON.stringify(name)}]`, depth + 1, false);
          break;
        case 'required':
          if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) fail(kp, 'must be a list of field names');
          break;
        case 'additionalProperties': case 'items':
          visit(v, kp, depth + 1, false);
          break;
        case 'anyOf':
          if (!Array.isArray(v) || v.length === 0 || v.length > 16) fail(kp, 'must be a short list of schemas');
          (v as unknown[]).forEach((sub, i) => visit(sub, `${kp}[${i}]`, depth + 1, false));
          break;
        case 'enum':
          if (!Array.isArray(v) || !v.every((x) => x === null || ['string', 'number', 'boolean'].includes(typeof x))) fail(kp, 'must be a list of plain values');
          break;
        case '$ref': {
          const m = typeof v === 'string' ? /^#\/\$defs\/(.+)$/.exec(v) : null;
          if (!m || !defNames.has(m[1]!.replace(/~1/g, '/').replace(/~0/g, '~'))) fail(kp, 'must point into the schema\'s own $defs');
          break;
        }
        case 'pattern': {
          const why = typeof v === 'string' ? unsafePattern(v) : 'must be text';
          if (why) fail(kp, why);
          break;
        }
      }
    }
  };
  visit(root, path, 0, true);
}

/** Raised for a disallowed schema; validateArtifact reports its path and message. */
export class SchemaProblemError extends Error {
  constructor(readonly path: string, message: string) { super(message); }
}

/**
 * Why a regular expression is unsafe to run on untrusted text, or undefined when it is
 * safe: too long, not valid, back-references, or an unboundedly repeated group that
 * itself contains repetition or alternation (star height above one, as in `(a+)+`).
 */
export function unsafePattern(p: string): string | undefined {
  if (p.length > MAX_PATTERN) return `is longer than ${MAX_PATTERN} characters`;
  try { new RegExp(p, 'u'); } catch { return 'is not a valid regular expression'; }
  if (/\\[1-9]|\\k</.test(p)) return 'uses a back-reference';
  // per open group: does it contain a quantifier or an alternation?
  const stack: { risky: boolean }[] = [{ risky: false }];
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') { i++; continue; }
    if (c === '[') { // skip a character class
      for (i++; i < p.length && p[i] !== ']'; i++) if (p[i] === '\\') i++;
      continue;
    }
    if (c === '(') { stack.push({ risky: false }); continue; }
    if (c === '|') { stack[stack.length - 1]!.risky = true; continue; }
    const quantifier = quantifierAt(p, i);
    if (c === ')') {
      const group = stack.pop() ?? { risky: false };
      const q = quantifierAt(p, i + 1);
      if (q && q.unbounded && group.risky) return 'repeats a group that itself repeats or alternates, which can take exponential time';
      if (group.risky || q) stack[stack.length - 1]!.risky = true;
      if (q) i += q.length;
      continue;
    }
    if (quantifier) { stack[stack.length - 1]!.risky = true; i += quantifier.length - 1; }
  }
  return undefined;
}

/** The quantifier starting at `i` (`*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, with an optional lazy `?`). */
function quantifierAt(p: string, i: number): { length: number; unbounded: boolean } | undefined {
  const c = p[i];
  let length = 0, unbounded = false;
  if (c === '*' || c === '+') { length = 1; unbounded = true; } else if (c === '?') length = 1;
  else if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(p.slice(i));
    if (!m) return undefined;
    length = m[0].length;
    unbounded = m[2] !== undefined && (m[3] === '' || Number(m[3]) > 1);
  } else return undefined;
  if (p[i + length] === '?') length++;
  return { length, unbounded };
}
