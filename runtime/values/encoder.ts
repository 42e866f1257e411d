/**
 * Output encoding specialised to each output's type, prepared once at load: the same
 * JSON as `encodeValue` (codec.ts), without re-dispatching on the type for every value
 * or building records through entry lists. The reference engine keeps `encodeValue`, so
 * the differential test compares the two on every generated input.
 */
import type { Ty } from '../ir.js';
import { Dec, isDec } from './decimal.js';
import { fixedText, plainText, scaledOf, lastScale } from './scaled.js';
import { formatInstant, MIN_INSTANT, MAX_INSTANT } from './instant.js';
import { encodeValue, type CodecEnv } from './codec.js';
import { isoDate } from './calendar-date.js';
import { dayInRange } from './limits.js';
import { objectWriter, perRecordType } from './record.js';

type Encode = (v: unknown) => unknown;

/** The encoder of one type; types without a specialised form use `encodeValue` itself. */
export function encoderOf(t: Ty, env: CodecEnv, seen: Map<string, Encode> = new Map()): Encode {
  const generic: Encode = (v) => encodeValue(v, t, env);
  const rounding = env.rounding ?? Dec.ROUND_HALF_UP, scale = env.moneyScale;
  switch (t.k) {
    case 'money': { const suffix = ` ${t.cur}`; return (v) => (v === null || v === undefined ? null : fixedText(v as Dec, scale, rounding) + suffix); }
    case 'unit': { const suffix = ` ${t.unit}`; return (v) => (v === null || v === undefined ? null : plainText(v as Dec) + suffix); }
    case 'percent': return (v) => (v === null || v === undefined ? null : `${plainText(v as Dec)}%`);
    case 'money_of': return (v) => (v === null || v === undefined ? null : `${fixedText((v as { a: Dec }).a, scale, rounding)} ${(v as { c: string }).c}`);
    // a whole number within ±2^53 is its scaled integer at scale 0 (a zero keeps its sign, as toNumber does); anything else is encodeValue's
    case 'integer': return (v) => { if (isDec(v)) { const n = scaledOf(v); if (n === n && lastScale === 0) return n === 0 && v.s < 0 ? -0 : n; } return generic(v); };
    case 'instant': { const zone = env.zone; return (v) => (v === null || v === undefined ? null : (v as number) >= MIN_INSTANT && (v as number) <= MAX_INSTANT ? formatInstant(v as number, zone) : generic(v)); }
    case 'decimal': return (v) => (v === null || v === undefined ? null : isDec(v) ? plainText(v) : String(v));
    case 'boolean': case 'text': case 'enum': case 'eligibility': return (v) => (v === undefined ? null : v);
    // a day out of range is encodeValue's fault, with its sentence
    case 'date': return (v) => (v === null || v === undefined ? null : dayInRange(v as number) ? isoDate(v as number) : generic(v));
    case 'optional': {
      const inner = encoderOf(t.of, env, seen);
      return (v) => (v === null || v === undefined ? null : inner(v));
    }
    case 'list': {
      const inner = encoderOf(t.of, env, seen);
      return (v) => {
        if (v === null || v === undefined) return null;
        const xs = v as unknown[], out = new Array<unknown>(xs.length);
        for (let i = 0; i < xs.length; i++) out[i] = inner(xs[i]);
        return out;
      };
    }
    case 'record': return perRecordType(seen, t.name, () => objectEncoder(env.records[t.name]?.fields ?? [], env, seen) ?? generic);
    case 'struct': return objectEncoder(t.fields, env, seen) ?? generic;
    default: return generic;
  }
}

/** Fields assigned in order onto a plain object, as Object.fromEntries builds it (no `__proto__` field, which names refuse). */
function objectEncoder(fields: readonly { name: string; type: Ty }[], env: CodecEnv, seen: Map<string, Encode>): Encode | undefined {
  if (fields.some((f) => f.name === '__proto__')) return undefined;
  return objectWriter(fields.map((f) => f.name), fields.map((f) => encoderOf(f.type, env, seen)));
}
