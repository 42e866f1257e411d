/**
 * Input decoding specialised to one program's input types, prepared once at load: a
 * tree of small functions with no JSON paths, messages or problem lists. It answers
 * only "the decoded value" or BAD; on BAD the reference decoder (codec.ts) runs again on
 * the same input to report every problem with its path and sentence, so messages come
 * from one place and the fast path never builds a path string.
 */
import type { Ty } from '../ir.js';
import { decodeValue, type CodecEnv, type InputProblem } from './codec.js';

/** Returned when the input has a problem: the caller re-runs the reporting decoder. */
export const BAD: unique symbol = Symbol('bad input');
type Decode = (v: unknown) => unknown;

/** A leaf decodes through the reference converter (leaves build no paths), its problems only counted. */
function leaf(t: Ty, env: CodecEnv): Decode {
  const problems: InputProblem[] = [];
  return (v) => {
    const r = decodeValue(v, t, '', env, problems);
    if (problems.length) { problems.length = 0; return BAD; }
    return r;
  };
}

function decoderOf(t: Ty, env: CodecEnv, seen: Map<string, Decode>): Decode {
  switch (t.k) {
    case 'optional': {
      const inner = decoderOf(t.of, env, seen);
      return (v) => (v === null || v === undefined ? null : inner(v));
    }
    case 'list': {
      const inner = decoderOf(t.of, env, seen);
      return (v) => {
        if (!Array.isArray(v)) return BAD;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) { const x = inner(v[i]); if (x === BAD) return BAD; out[i] = x; }
        return out;
      };
    }
    case 'record': {
      // records may be recursive through lists: one decoder per record name, bound lazily
      const known = seen.get(t.name);
      if (known) return known;
      let body: Decode | undefined;
      const self: Decode = (v) => body!(v);
      seen.set(t.name, self);
      body = objectDecoder(env.records[t.name]?.fields ?? [], env, seen);
      return self;
    }
    case 'struct': return objectDecoder(t.fields, env, seen);
    default: return leaf(t, env);
  }
}

function objectDecoder(fields: { name: string; type: Ty }[], env: CodecEnv, seen: Map<string, Decode>): Decode {
  const names = fields.map((f) => f.name);
  const known = new Set(names);
  const required = fields.map((f) => f.type.k !== 'optional');
  const decoders = fields.map((f) => decoderOf(f.type, env, seen));
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return BAD;
    const src = v as Record<string, unknown>;
    const keys = Object.keys(src);
    for (let i = 0; i < keys.length; i++) if (!known.has(keys[i]!)) return BAD;
    const out: Record<string, unknown> = Object.create(null);
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const has = Object.hasOwn(src, name);
      if (!has && required[i]) return BAD;
      const x = decoders[i]!(has ? src[name] : null);
      if (x === BAD) return BAD;
      out[name] = x;
    }
    return out;
  };
}

/**
 * The decoder of a program's input object. Anything unexpected — a problem, a getter or
 * proxy that throws — gives BAD, and the caller reports through the reference decoder.
 */
export function inputDecoder(fields: { name: string; type: Ty }[], env: CodecEnv): (input: unknown) => unknown {
  const decode = objectDecoder(fields, env, new Map());
  return (input) => {
    try {
      return decode(input);
    } catch {
      return BAD;
    }
  };
}
