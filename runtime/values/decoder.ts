/**
 * Input decoding specialised to one program's input types, prepared once at load: a
 * tree of small functions with no JSON paths, messages or problem lists. It answers
 * only "the decoded value" or BAD; on BAD the reference decoder (codec.ts) runs again on
 * the same input to report every problem with its path and sentence, so messages come
 * from one place and the fast path never builds a path string.
 *
 * Values in their canonical text form are read by strict-text.ts without regular
 * expressions. Any other accepted form (an amount with spaces around it, an instant with
 * a zone in brackets, a duration) goes through the reference converter and marks the
 * decoding `loose`: only a decoding that was canonical throughout may skip the JSON
 * Schema check (see `SchemaTrust` in load.ts), because only the canonical forms are known
 * to match the compiler's patterns.
 */
import type { Ty } from '../ir.js';
import { Dec } from './decimal.js';
import { objectReader, perRecordType } from './record.js';
import { decodeValue, type CodecEnv, type InputProblem } from './codec.js';
import { moneyScaleLimit } from './limits.js';
import { amountWithSuffix, percentText, decimalValue, dateText, instantText } from './strict-text.js';

/** Returned when the input has a problem: the caller re-runs the reporting decoder. */
export const BAD: unique symbol = Symbol('bad input');
type Decode = (v: unknown) => unknown;

/** The decoder of one program's input, and whether its last result took a non-canonical form. */
export interface InputDecoder {
  (input: unknown): unknown;
  /** True after a decoding that read some value through the reference converter. */
  loose: boolean;
}

interface State { loose: boolean }

/** A leaf through the reference converter (leaves build no paths), its problems only counted. */
function slowLeaf(t: Ty, env: CodecEnv, state: State): Decode {
  const problems: InputProblem[] = [];
  return (v) => {
    state.loose = true;
    const r = decodeValue(v, t, '', env, problems);
    if (problems.length) { problems.length = 0; return BAD; }
    return r;
  };
}

/** A leaf: the canonical form read directly, anything else through the reference converter. */
function leaf(t: Ty, env: CodecEnv, state: State): Decode {
  const slow = slowLeaf(t, env, state);
  const strict = (read: (v: unknown) => unknown): Decode => (v) => { const x = read(v); return x === undefined ? slow(v) : x; };
  switch (t.k) {
    // the commonest leaves without strict's extra call: one closure per field, calling the reader directly
    case 'money': { const limit = moneyScaleLimit(t.cur, env.moneyScale), cur = t.cur; return (v) => { const x = amountWithSuffix(v, cur, limit); return x === undefined ? slow(v) : x; }; }
    // `money USD or EUR`: the canonical form in one of the currencies, as the reference builds it ({a, c})
    case 'money_of': {
      const curs = t.curs.map((c) => ({ c, limit: moneyScaleLimit(c, env.moneyScale) }));
      return strict((v) => {
        for (const { c, limit } of curs) { const a = amountWithSuffix(v, c, limit); if (a !== undefined) return { a, c }; }
        return undefined;
      });
    }
    // a unit name with a space or a pattern character would read differently: the reference only
    case 'unit': { const unit = t.unit; return /^[\p{L}\p{N}_]+$/u.test(unit) ? strict((v) => amountWithSuffix(v, unit, Infinity)) : slow; }
    case 'percent': return strict(percentText);
    case 'decimal': return strict(decimalValue);
    case 'date': return strict(dateText);
    case 'instant': return (v) => { const x = instantText(v); return x === undefined ? slow(v) : x; };
    case 'integer': return (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? new Dec(v) : slow(v));
    case 'boolean': return (v) => (typeof v === 'boolean' ? v : BAD);
    case 'text': return (v) => (typeof v === 'string' ? v : BAD);
    case 'enum': {
      const values = new Set(env.enums[t.name]?.values ?? []);
      return (v) => (typeof v === 'string' && values.has(v) ? v : BAD);
    }
    default: return slow;
  }
}

function decoderOf(t: Ty, env: CodecEnv, seen: Map<string, Decode>, state: State): Decode {
  switch (t.k) {
    case 'optional': {
      const inner = decoderOf(t.of, env, seen, state);
      // a field present but undefined (a library caller's object) is absent to the codec; the schema is asked
      return (v) => (v === null ? null : v === undefined ? ((state.loose = true), null) : inner(v));
    }
    case 'list': {
      const inner = decoderOf(t.of, env, seen, state);
      return (v) => {
        if (!Array.isArray(v)) return BAD;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) { const x = inner(v[i]); if (x === BAD) return BAD; out[i] = x; }
        return out;
      };
    }
    case 'record': return perRecordType(seen, t.name, () => objectDecoder(env.records[t.name]?.fields ?? [], env, seen, state));
    case 'struct': return objectDecoder(t.fields, env, seen, state);
    default: return leaf(t, env, state);
  }
}

function objectDecoder(fields: { name: string; type: Ty }[], env: CodecEnv, seen: Map<string, Decode>, state: State): Decode {
  const decoders = fields.map((f) => decoderOf(f.type, env, seen, state));
  return objectReader(fields.map((f) => f.name), fields.map((f) => f.type.k !== 'optional'), decoders, BAD);
}

/**
 * The decoder of a program's input object. Anything unexpected — a problem, a getter or
 * proxy that throws — gives BAD, and the caller reports through the reference decoder.
 */
export function inputDecoder(fields: { name: string; type: Ty }[], env: CodecEnv): InputDecoder {
  const state: State = { loose: false };
  const decode = objectDecoder(fields, env, new Map(), state);
  const run = ((input: unknown) => {
    state.loose = false;
    try {
      return decode(input);
    } catch {
      return BAD;
    } finally {
      run.loose = state.loose;
    }
  }) as InputDecoder;
  run.loose = false;
  return run;
}
