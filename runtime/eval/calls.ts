/**
 * Definition calls as both evaluators key and explain them: the call key (the cache key of
 * the reference and the `key` of explanation lines), and what a call's lines show, in JSON
 * form, encoded once per value and type in an evaluation.
 */
import type { Definition, Ty } from '../ir.js';
import { isDec } from '../values/decimal.js';
import { encoderOf } from '../values/encoder.js';
import { argsWriter } from '../values/record.js';
import { scratchLines, type CallInfo } from '../trace.js';
import { asText, type Ctx, type Env } from './common.js';
import type { CodecEnv } from '../values/codec.js';
import { currentOf } from './history.js';

/**
 * The identity number of a record or list in this evaluation, so calls can be memoised by
 * their arguments: numbered from 1 in the order calls first meet them, so one input
 * explained twice (a server's repeated request, a playground's re-run) gives the same
 * keys, byte for byte.
 */
function identity(ctx: Ctx, v: object): number {
  const ids = (ctx.ids ??= new Map());
  let id = ids.get(v);
  if (id === undefined) { id = ids.size + 1; ids.set(v, id); }
  return id;
}

/** A cache key for one argument: by value for scalars, by identity (in this evaluation) for records and lists. */
export function argKey(ctx: Ctx, v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'object') return isDec(v) ? `d${v.toString()}` : `o${identity(ctx, v)}`;
  // a text's "," and "\\" are escaped, so no two argument lists share a key ("x,sy" + "z" is not "x" + "y,sz")
  if (typeof v === 'string') return `s${v.includes(',') || v.includes('\\') ? v.replace(/[\\,]/g, '\\$&') : v}`;
  return `${typeof v === 'number' ? 'n' : 'b'}${String(v)}`;
}

/**
 * Gives an argument the identity number argKey would, without making its key: the traced
 * generated program memoises by identity and makes keys only for the lines it writes, yet
 * numbers objects in the order the reference's keys first see them.
 */
export function identify(ctx: Ctx, v: unknown): void {
  if (v !== null && typeof v === 'object' && !isDec(v)) identity(ctx, v);
}

/** The key of a call in the evaluation's cache and its explanation: the name, and each argument by argKey. */
export function callKey(ctx: Ctx, name: string, args: readonly unknown[]): string {
  if (args.length === 0) return name;
  let key = `${name}(${argKey(ctx, args[0])}`;
  for (let i = 1; i < args.length; i++) key += `,${argKey(ctx, args[i])}`;
  return `${key})`;
}

/** Identity numbers below this have their one-argument keys kept (see keyOf), and at most this many keys of one number or text. */
const KEPT_IDS = 1024;

/**
 * callKey of one definition, as an explanation's lines need it. A call on one record or
 * list is keyed by its identity number, and numbers start from 1 in every evaluation, so
 * the same few texts (`bonus_of(o3)`) come back evaluation after evaluation: they are made
 * once per definition and kept by number. Building them afresh was some 8 KB of strings in
 * each of referral-ru's explanations, a tenth of all it allocates. A call on one day,
 * instant or text keeps its key by that value too, up to KEPT_IDS of them (then they are
 * forgotten and kept anew): the days and texts of one input recur in every explanation of it.
 */
function keyOf(name: string): CallInfo['key'] {
  const kept: string[] = [];
  let byValue: Map<number | string, string> | undefined;
  return (ctx, args) => {
    if (args.length === 1) {
      const v = args[0];
      if (typeof v === 'object') {
        if (v !== null && !isDec(v)) {
          const id = identity(ctx, v);
          if (id < KEPT_IDS) return (kept[id] ??= `${name}(o${id})`);
        }
      } else if (typeof v === 'number' || typeof v === 'string') {
        const known = (byValue ??= new Map()).get(v);
        if (known !== undefined) return known;
        if (byValue.size >= KEPT_IDS) byValue.clear();
        const key = callKey(ctx, name, args);
        byValue.set(v, key);
        return key;
      }
    }
    return callKey(ctx, name, args);
  };
}

type Encode = (v: unknown) => unknown;
/** Kinds encoded directly, not remembered: decimals, texts, booleans, day numbers, and eligibilities (their own JSON). */
const CHEAP = new Set<Ty['k']>(['money', 'unit', 'percent', 'decimal', 'integer', 'text', 'enum', 'boolean', 'date', 'eligibility']);
/** Kinds whose values are their own JSON: booleans, texts, enum members and eligibilities (plain objects of texts). */
const OWN_JSON = new Set<Ty['k']>(['boolean', 'text', 'enum', 'eligibility']);
const ownJson = (_: Ctx, v: unknown): unknown => (v === undefined ? null : v);
/** Item kinds of the lists whose items are encoded one by one, each remembered (see explainer). */
const ITEMS = new Set<Ty['k']>(['record', 'struct']);
/** A value's JSON for the explanation, given the evaluation (which remembers what it encoded). */
type Explain = (ctx: Ctx, v: unknown) => unknown;

/**
 * One encoder per type and codec settings, so equal types share their remembered JSON (and
 * programs of one shape, which share their codec settings: same-program.ts sharedCodec).
 */
const encoders = new WeakMap<CodecEnv, Map<string, Explain>>();

/**
 * The JSON of values of type `t` in explanations. Never throws (a value beyond what JSON
 * carries shows as text, as `enc` does). Records, lists and instants are encoded once per
 * evaluation: an explanation shows the same argument on many lines, and the JSON is never
 * mutated (lines already share the JSON of a call's arguments).
 */
export function explainer(env: Env, t: Ty): Explain {
  return explainerOf(env.codec, t);
}

function explainerOf(codec: CodecEnv, t: Ty): Explain {
  let byType = encoders.get(codec);
  if (!byType) { byType = new Map(); encoders.set(codec, byType); }
  const typeKey = JSON.stringify(t);
  const known = byType.get(typeKey);
  if (known) return known;
  const bare = t.k === 'optional' ? t.of : t;
  // values that are their own JSON (encoderOf's `v === undefined ? null : v`, optional or not): one shared function, no try
  if (OWN_JSON.has(bare.k)) { byType.set(typeKey, ownJson); return ownJson; }
  // an optional value is its type's when present: one encoder, so one remembered JSON per value
  if (t.k === 'optional' && !CHEAP.has(bare.k)) {
    const present = explainerOf(codec, bare);
    const optional: Explain = (ctx, v) => (v === null || v === undefined ? null : present(ctx, v));
    byType.set(typeKey, optional);
    return optional;
  }
  // a list of records: each item's JSON is the one remembered for it (filtered lists share
  // their records with the list they come from, and calls take them one by one)
  if (bare.k === 'list' && ITEMS.has(bare.of.k)) {
    const item = explainerOf(codec, bare.of);
    const list: Explain = (ctx, v) => {
      if (v === null || v === undefined) return null;
      const memo = (ctx.json ??= new Map());
      const hit = memo.get(v);
      if (hit !== undefined && hit.e === list) return hit.j;
      const xs = v as unknown[], j = new Array<unknown>(xs.length);
      for (let i = 0; i < xs.length; i++) j[i] = item(ctx, xs[i]);
      if (hit === undefined) memo.set(v, { e: list, j });
      return j;
    };
    byType.set(typeKey, list);
    return list;
  }
  const e: Encode = encoderOf(t, codec);
  const safe = (v: unknown): unknown => {
    try { return e(v); } catch { return asText(v); }
  };
  // decimals are mostly computed afresh (remembering each would cost more than encoding it), texts are their own JSON
  const plain = CHEAP.has((t.k === 'optional' ? t.of : t).k);
  const explain: Explain = plain ? (_, v) => safe(v) : (ctx, v) => {
    if (v === null || v === undefined || typeof v === 'string' || typeof v === 'boolean') return safe(v);
    const memo = (ctx.json ??= new Map());
    const hit = memo.get(v);
    if (hit !== undefined && hit.e === e) return hit.j;
    const j = safe(v);
    if (hit === undefined) memo.set(v, { e, j });
    return j;
  };
  byType.set(typeKey, explain);
  return explain;
}

/** Each definition's CallInfo, with the codec settings it was made for. */
const infos = new WeakMap<Definition, { codec: CodecEnv; info: CallInfo }>();

/**
 * What the explanation shows of a definition's calls (see CallInfo): made once per
 * definition and codec settings. The incremental compiler hands back the very definitions an
 * edit did not touch, and programs of one shape share their settings, so after a value edit
 * only the edited definition's is made anew (each makes a function: argsWriter).
 */
export function callInfo(env: Env, def: Definition): CallInfo {
  const known = infos.get(def);
  if (known !== undefined && known.codec === env.codec) return known.info;
  const info = makeCallInfo(env.codec, def);
  infos.set(def, { codec: env.codec, info });
  return info;
}

function makeCallInfo(codec: CodecEnv, def: Definition): CallInfo {
  const value = explainerOf(codec, def.type);
  const valueOf = def.kind === 'history' ? (ctx: Ctx, v: unknown) => value(ctx, currentOf(v))
    : def.kind === 'dated' ? (_: Ctx, v: unknown) => `${[...(v as { groups: Map<string, { days: number[] }> }).groups.values()].reduce((n, g) => n + g.days.length, 0)} rows`
    : value;
  const encodeArgs = argsOf(codec, def.params);
  return { name: def.name, clauses: def.clauses, doc: def.doc ? def.doc : undefined, params: def.params.length > 0, key: keyOf(def.name), valueOf, encodeArgs, scratch: scratchLines(def.name, def.clauses) };
}

type ArgsWriter = CallInfo['encodeArgs'];
/** The argument writers of each codec settings, by parameter list (names and types). */
const writers = new WeakMap<CodecEnv, Map<string, ArgsWriter>>();

/**
 * The `args` of a call's lines: one writer per parameter list and codec settings, shared by
 * the definitions that have that list (referral-ru's eight definitions of an event `e`).
 * With one parameter holding a record or list, the writer also hands every line of one
 * evaluation that shows the same value the same object (`{e: …}`), as an "as computed
 * above" line shares its call's: the JSON is the same, and the lines are read, never changed.
 */
function argsOf(codec: CodecEnv, params: Definition['params']): ArgsWriter {
  let byList = writers.get(codec);
  if (!byList) { byList = new Map(); writers.set(codec, byList); }
  const listKey = JSON.stringify(params.map((p) => [p.name, p.type]));
  const known = byList.get(listKey);
  if (known) return known;
  // parameter names are identifiers (never __proto__: names refuse it), each written at a site of its own
  const write = argsWriter(params.map((p) => p.name), params.map((p) => explainerOf(codec, p.type)));
  const only = params.length === 1 ? params[0]!.type : undefined;
  const bare = only?.k === 'optional' ? only.of : only;
  const shared: ArgsWriter = bare === undefined || !ITEMS.has(bare.k) && bare.k !== 'list' ? write : (ctx, args) => {
    const v = args[0];
    if (v === null || typeof v !== 'object') return write(ctx, args);
    const memo = (ctx.args ??= new Map());
    const hit = memo.get(v);
    if (hit !== undefined && hit.w === shared) return hit.o;
    const o = write(ctx, args);
    if (hit === undefined) memo.set(v, { w: shared, o });
    return o;
  };
  byList.set(listKey, shared);
  return shared;
}
