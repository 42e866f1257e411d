/**
 * Turns the IR into closures once, at load time, so an evaluation never re-walks
 * the IR. Each expression becomes `(ctx, frame) => value`.
 */
import type { Artifact, Expr, Definition, CmpKind, CmpOp, Ty, CellTest } from './ir.js';
import { Dec, ZERO, roundingOf, isDec } from './values/decimal.js';
import { civilFromDay, epochDay, daysInMonth, dottedDate } from './values/calendar-date.js';
import { localDay, addToInstant } from './values/instant.js';
import { encodeValue, type CodecEnv } from './values/codec.js';
import { addBusinessDays, type CalendarOptions } from './calendars/index.js';
import { fault } from './errors.js';
import type { TraceNode, Observer } from './trace.js';

/** Per-evaluation state. */
export interface Ctx {
  input: Record<string, unknown>;
  readings: Record<string, string>;
  asOf?: number;
  cache: Map<string, unknown>;
  /** The trace node being filled, when an explanation was asked for. */
  trace?: TraceNode;
  usedReadings: Set<string>;
  calendar: CalendarOptions;
  /** Told of every threshold test (explanations only; see Observation). */
  observe?: Observer;
}
type Frame = Record<string, unknown>;
type Fn = (ctx: Ctx, frame: Frame) => unknown;
/** A compiled definition: called with its arguments. */
export type Callable = (ctx: Ctx, args: unknown[]) => unknown;

interface Env {
  artifact: Artifact;
  codec: CodecEnv;
  callables: Record<string, Callable>;
  rm: ReturnType<typeof roundingOf>;
  readingDefaults: Record<string, string>;
  /** Numbers the threshold tests for observers. */
  sites: number;
}

type Interval = { start: unknown; end: unknown; si: boolean; ei: boolean };
type Eligibility = { eligible: boolean; reasons: { reason: string; clauses: string[] }[] };

function compareBy(kind: CmpKind, a: unknown, b: unknown): number {
  if (kind === 'num') return (a as InstanceType<typeof Dec>).cmp(b as InstanceType<typeof Dec>);
  if (kind === 'day' || kind === 'ms') return (a as number) - (b as number);
  if (kind === 'bool') return a === b ? 0 : 1;
  return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
}

function test(op: CmpOp, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
  }
}

function inInterval(kind: CmpKind, v: unknown, iv: Interval): boolean {
  const lo = compareBy(kind, v, iv.start);
  const hi = compareBy(kind, v, iv.end);
  return (iv.si ? lo >= 0 : lo > 0) && (iv.ei ? hi <= 0 : hi < 0);
}

/** Decodes an IR constant into its runtime form. */
function constant(type: Ty, value: unknown): unknown {
  switch (type.k) {
    case 'money': case 'percent': case 'decimal': case 'integer': return new Dec(value as string);
    default: return value;
  }
}

/** Adds months to a day number under the program's end-of-month policy. */
export function addMonths(day: number, months: number, policy: 'clamp' | 'overflow'): number {
  const c = civilFromDay(day);
  const total = c.year * 12 + (c.month - 1) + months;
  const y = Math.floor(total / 12), m = (total % 12) + 1;
  const d = policy === 'clamp' ? Math.min(c.day, daysInMonth(y, m)) : c.day;
  return epochDay(y, m, 1) + d - 1;
}

/** Compiles every definition and output of an artifact. */
export function compileArtifact(artifact: Artifact): { callables: Record<string, Callable>; outputs: { name: string; type: Ty; clauses: string[]; fn: Fn }[]; codec: CodecEnv } {
  const unit = artifact.program.rounding.unit;
  const codec: CodecEnv = { records: artifact.records, enums: artifact.enums, zone: artifact.program.zone, moneyScale: unit.includes('.') ? unit.split('.')[1]!.length : 0, rounding: roundingOf(artifact.program.rounding.mode) };
  const env: Env = {
    artifact, codec, callables: Object.create(null) as Record<string, Callable>, rm: roundingOf(artifact.program.rounding.mode),
    readingDefaults: Object.fromEntries(artifact.readings.map((r) => [r.name, r.default])), sites: 0,
  };
  for (const def of artifact.definitions) env.callables[def.name] = compileDefinition(env, def);
  const outputs = artifact.outputs.map((o) => ({ name: o.name, type: o.type, clauses: o.clauses, fn: compileExpr(env, o.body) }));
  for (const o of outputs) {
    const fn = o.fn;
    // outputs may refer to each other like definitions do
    env.callables[o.name] = (ctx) => {
      if (ctx.cache.has(o.name)) return ctx.cache.get(o.name);
      const v = fn(ctx, Object.create(null));
      ctx.cache.set(o.name, v);
      return v;
    };
  }
  return { callables: env.callables, outputs, codec };
}

function enc(env: Env, v: unknown, t: Ty): unknown {
  try { return encodeValue(v, t, env.codec); } catch { return String(v); }
}

/** Runs `body` inside a new trace node when explaining; plain call otherwise. */
function traced(ctx: Ctx, node: Omit<TraceNode, 'children'>, body: () => unknown, valueOf?: (v: unknown) => unknown): unknown {
  const parent = ctx.trace;
  if (!parent) return body();
  const n: TraceNode = { ...node, children: [] };
  parent.children.push(n);
  ctx.trace = n;
  try {
    const v = body();
    if (valueOf) n.value = valueOf(v);
    return v;
  } finally {
    ctx.trace = parent;
  }
}

/** Identity numbers of records and lists, so calls can be memoised by their arguments. */
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** A cache key for one argument: by value for scalars, by identity for records and lists. */
function argKey(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (isDec(v)) return `d${v.toString()}`;
  if (typeof v === 'object') {
    let id = identities.get(v);
    if (id === undefined) { id = nextIdentity++; identities.set(v, id); }
    return `o${id}`;
  }
  return `${typeof v === 'number' ? 'n' : typeof v === 'string' ? 's' : 'b'}${String(v)}`;
}

/**
 * Definitions are pure, so each is computed once per evaluation and set of arguments:
 * repeated calls cost a lookup and show in the explanation as "as computed above".
 */
function compileDefinition(env: Env, def: Definition): Callable {
  const run = compileBody(env, def);
  const params = def.params.map((p) => p.name);
  const encodeArgs = (args: unknown[]) => Object.fromEntries(def.params.map((p, i) => [p.name, enc(env, args[i], p.type)]));
  const valueOf = (v: unknown) => enc(env, v, def.type);
  return (ctx, args) => {
    const key = params.length ? `${def.name}(${args.map(argKey).join(',')})` : def.name;
    if (ctx.cache.has(key)) {
      const v = ctx.cache.get(key);
      // one "as computed above" line per parent is enough
      if (ctx.trace && !ctx.trace.children.some((c) => c.key === key)) {
        ctx.trace.children.push({ kind: 'ref', name: def.name, key, clauses: def.clauses, ...(params.length ? { args: encodeArgs(args) } : {}), value: valueOf(v), children: [] });
      }
      // an observer counts a repeated call as if computed again
      if (ctx.observe) ctx.observe({ site: -1, kind: 'ref', key, cmpKind: '', result: v, frame: {}, input: ctx.input });
      return v;
    }
    const frame: Frame = Object.create(null);
    for (let i = 0; i < params.length; i++) frame[params[i]!] = args[i];
    if (ctx.observe) ctx.observe({ site: -1, kind: 'call', key, cmpKind: '', result: undefined, frame, input: ctx.input });
    const v = ctx.trace
      ? traced(ctx, { kind: 'definition', name: def.name, key, clauses: def.clauses, ...(def.doc ? { doc: def.doc } : {}), ...(params.length ? { args: encodeArgs(args) } : {}) }, () => run(ctx, frame), valueOf)
      : run(ctx, frame);
    ctx.cache.set(key, v);
    if (ctx.observe) ctx.observe({ site: -1, kind: 'done', key, cmpKind: '', result: v, frame, input: ctx.input });
    return v;
  };
}

function compileBody(env: Env, def: Definition): Fn {
  switch (def.kind) {
    case 'value': return compileExpr(env, def.body!);
    case 'rules': return compileRules(env, def);
    case 'table': return compileTable(env, def);
    case 'eligibility': return compileEligibility(env, def);
  }
}

function compileRules(env: Env, def: Definition): Fn {
  const rules = def.rules!.map((r) => ({ ...r, whenFn: compileExpr(env, r.when), thenFn: compileExpr(env, r.then) }));
  const otherwise = def.otherwise ? compileExpr(env, def.otherwise) : undefined;
  return (ctx, frame) => {
    const matched = ctx.trace
      ? rules.filter((r) => traced(ctx, { kind: 'rule', name: r.name, clauses: r.clauses }, () => {
        const ok = r.whenFn(ctx, frame) === true;
        ctx.trace!.passed = ok;
        return ok;
      }))
      : rules.filter((r) => r.whenFn(ctx, frame) === true);
    const winners = matched.filter((r) => !matched.some((o) => o !== r && o.overrides.includes(r.name)));
    if (ctx.trace) {
      for (const n of ctx.trace.children) {
        if (n.kind !== 'rule' || !n.passed) continue;
        const by = matched.find((o) => o.overrides.includes(n.name));
        n.note = by ? `applies, but ${by.name} overrides it` : 'applies';
      }
    }
    if (winners.length > 1) {
      fault('RB-E-OVERLAP', `In ${def.name}, the rules ${winners.map((w) => `${w.name} (${w.clauses.join(' ') || 'no clause'})`).join(' and ')} both apply and neither overrides the other. Say which one wins with \`overrides\`.`, winners[1]!.span);
    }
    if (winners.length === 1) return winners[0]!.thenFn(ctx, frame);
    if (otherwise) return otherwise(ctx, frame);
    return fault('RB-E-NO-RULE', `None of the rules of ${def.name} applies to this case, and it has no \`otherwise\`.`, def.span);
  };
}

function compileCell(env: Env, t: CellTest, kind: CmpKind, at?: { column: string; span: [number, number, number, number] }): (ctx: Ctx, frame: Frame, v: unknown) => boolean {
  const zone = env.artifact.program.zone;
  const k: CmpKind = t.t !== 'any' && t.asDate ? 'day' : kind;
  const prep = t.t !== 'any' && t.asDate ? (v: unknown) => localDay(v as number, zone) : (v: unknown) => v;
  const plain = compileCellTest(env, t, k, prep);
  if (t.t === 'any') return plain;
  // the cell's value or interval once more, for an observer (explanations only)
  const operand = compileExpr(env, t.t === 'cmp' ? t.value : t.t === 'within' ? t.interval : { op: 'list', items: t.values });
  const site = env.sites++;
  return (ctx, fr, v) => {
    const ok = plain(ctx, fr, v);
    if (ctx.observe) {
      const o = operand(ctx, fr);
      ctx.observe({ site, kind: 'cell', cmpKind: k, op: t.t === 'cmp' ? t.cmp : t.t === 'in' && t.negated ? 'not_in' : t.t, left: prep(v), ...(t.t === 'within' ? { interval: o as Interval } : { right: o }), result: ok, ...at, frame: fr, input: ctx.input, node: ctx.trace });
    }
    return ok;
  };
}

function compileCellTest(env: Env, t: CellTest, k: CmpKind, prep: (v: unknown) => unknown): (ctx: Ctx, frame: Frame, v: unknown) => boolean {
  switch (t.t) {
    case 'any': return () => true;
    case 'cmp': { const f = compileExpr(env, t.value); return (ctx, fr, v) => test(t.cmp, compareBy(k, prep(v), f(ctx, fr))); }
    case 'in': {
      const fs = t.values.map((x) => compileExpr(env, x));
      return (ctx, fr, v) => fs.some((f) => compareBy(k, prep(v), f(ctx, fr)) === 0) !== t.negated;
    }
    case 'within': { const f = compileExpr(env, t.interval); return (ctx, fr, v) => inInterval(k, prep(v), f(ctx, fr) as Interval); }
  }
}

function compileTable(env: Env, def: Definition): Fn {
  const table = def.table!;
  const inputs = table.inputs.map((i) => compileExpr(env, i.expr));
  const rows = table.rows.map((r) => ({
    ...r,
    tests: r.tests.map((t, i) => compileCell(env, t, table.inputs[i]?.kind ?? 'str', { column: table.inputs[i]?.label ?? '', span: r.span })),
    outs: r.outputs.map((o) => compileExpr(env, o)),
  }));
  const struct: Ty = { k: 'struct', fields: table.outputs };
  const result = (ctx: Ctx, frame: Frame, row: (typeof rows)[number]) => {
    const o: Record<string, unknown> = Object.create(null);
    table.outputs.forEach((c, i) => { o[c.name] = row.outs[i]!(ctx, frame); });
    if (ctx.trace) {
      ctx.trace.children.push({ kind: 'row', name: row.label, clauses: row.clauses, passed: true, value: enc(env, o, struct), ...(row.text ? { note: row.text } : {}), children: [] });
    }
    return o;
  };
  return (ctx, frame) => {
    const values = inputs.map((f) => f(ctx, frame));
    const matched = rows.filter((row) => row.tests.every((t, i) => t(ctx, frame, values[i])));
    if (table.hit === 'collect') return matched.map((row) => result(ctx, frame, row));
    if (table.hit === 'unique' && matched.length > 1) {
      fault('RB-E-UNIQUE', `In the table ${def.name}, ${matched.map((m) => `${m.label}${m.clauses.length ? ` (${m.clauses.join(' ')})` : ''}`).join(' and ')} all match, but the hit policy is unique. The table must be corrected.`, matched[1]!.span);
    }
    if (matched.length === 0) {
      const shown = table.inputs.map((c, i) => `${c.label} = ${JSON.stringify(encodeLoose(values[i]))}`).join(', ');
      return fault('RB-E-NO-ROW', `No row of the table ${def.name} matches ${shown}.`, def.span);
    }
    return result(ctx, frame, matched[0]!);
  };
}

/** A best-effort JSON form of a value whose type is not at hand (for messages). */
function encodeLoose(v: unknown): unknown {
  if (isDec(v)) return v.toString();
  return v;
}

function compileEligibility(env: Env, def: Definition): Fn {
  const reqs = def.requirements!.map((r) => ({ ...r, fn: compileExpr(env, r.when) }));
  return (ctx, frame) => {
    const reasons: Eligibility['reasons'] = [];
    for (const r of reqs) {
      const check = () => {
        const v = r.fn(ctx, frame);
        let ok: boolean;
        if (r.nested) {
          const e = v as Eligibility;
          ok = e.eligible;
          reasons.push(...e.reasons);
        } else {
          ok = v === true;
          if (!ok) reasons.push({ reason: r.reason, clauses: r.clauses });
        }
        if (ctx.trace) ctx.trace.passed = ok;
        return ok;
      };
      if (ctx.trace) traced(ctx, { kind: 'requirement', name: r.reason, clauses: r.clauses, ...(r.text ? { note: r.text } : {}) }, check);
      else check();
    }
    return { eligible: reasons.length === 0, reasons } satisfies Eligibility;
  };
}

/** Compiles one expression. */
export function compileExpr(env: Env, e: Expr): Fn {
  const zone = env.artifact.program.zone;
  switch (e.op) {
    case 'const': { const v = constant(e.type, e.value); return () => v; }
    case 'input': { const n = e.name; return (ctx) => ctx.input[n] ?? null; }
    case 'local': { const n = e.name; return (_c, f) => f[n]; }
    case 'ref': { const n = e.name; return (ctx) => env.callables[n]!(ctx, []); }
    case 'call': {
      const n = e.name;
      const args = e.args.map((a) => compileExpr(env, a));
      return (ctx, f) => env.callables[n]!(ctx, args.map((a) => a(ctx, f)));
    }
    case 'reading': {
      const n = e.name;
      const readingDef = env.artifact.readings.find((r) => r.name === n);
      return (ctx) => {
        ctx.usedReadings.add(n);
        const v = ctx.readings[n] ?? env.readingDefaults[n]!;
        if (ctx.trace) ctx.trace.children.push({ kind: 'reading', name: n, clauses: readingDef?.clauses ?? [], value: v, children: [] });
        return v;
      };
    }
    case 'as_of': return (ctx) => (ctx.asOf ?? fault('RB-E-NO-ASOF', 'These rules depend on the evaluation instant; give it with --as-of (CLI) or the asOf option.'));
    case 'field': { const t = compileExpr(env, e.target); const n = e.name; return (ctx, f) => (t(ctx, f) as Record<string, unknown>)[n] ?? null; }
    case 'elig_ok': { const v = compileExpr(env, e.value); return (ctx, f) => (v(ctx, f) as Eligibility).eligible; }
    case 'arith': return compileArith(env, e);
    case 'date_add': {
      const base = compileExpr(env, e.base), dur = compileExpr(env, e.duration);
      const sign = e.sign;
      const policy = env.artifact.program.monthEnd;
      const calendar = env.artifact.program.calendar;
      const site = env.sites++;
      return (ctx, f) => {
        const b = base(ctx, f) as number;
        const d = dur(ctx, f) as { n: number; unit: string };
        const r = dateAdd(ctx, b, d.n * sign, d.unit, e.instant, zone, policy, calendar);
        if (ctx.observe) ctx.observe({ site, kind: 'date_add', cmpKind: e.instant ? 'ms' : 'day', left: b, duration: { n: d.n * sign, unit: d.unit }, result: r, frame: f, input: ctx.input, node: ctx.trace });
        return r;
      };
    }
    case 'cmp': {
      const l = compileExpr(env, e.left), r = compileExpr(env, e.right);
      const { kind, cmp, span } = e;
      const site = env.sites++;
      return (ctx, f) => {
        if (!ctx.observe) return test(cmp, compareBy(kind, l(ctx, f), r(ctx, f)));
        const a = l(ctx, f), b = r(ctx, f), ok = test(cmp, compareBy(kind, a, b));
        ctx.observe({ site, kind: 'cmp', cmpKind: kind, op: cmp, left: a, right: b, result: ok, span, frame: f, input: ctx.input, node: ctx.trace });
        return ok;
      };
    }
    case 'in_set': {
      const v = compileExpr(env, e.value);
      const items = e.items.map((i) => compileExpr(env, i));
      return (ctx, f) => { const x = v(ctx, f); return items.some((i) => compareBy(e.kind, x, i(ctx, f)) === 0) !== e.negated; };
    }
    case 'and': { const args = e.args.map((a) => compileExpr(env, a)); return (ctx, f) => args.every((a) => a(ctx, f) === true); }
    case 'or': { const args = e.args.map((a) => compileExpr(env, a)); return (ctx, f) => args.some((a) => a(ctx, f) === true); }
    case 'not': { const v = compileExpr(env, e.value); return (ctx, f) => v(ctx, f) !== true; }
    case 'if': {
      const c = compileExpr(env, e.cond), t = compileExpr(env, e.then), el = compileExpr(env, e.else);
      return (ctx, f) => (c(ctx, f) === true ? t(ctx, f) : el(ctx, f));
    }
    case 'or_else': {
      const v = compileExpr(env, e.value), fb = compileExpr(env, e.fallback);
      return (ctx, f) => { const x = v(ctx, f); return x === null || x === undefined ? fb(ctx, f) : x; };
    }
    case 'present': { const v = compileExpr(env, e.value); return (ctx, f) => { const x = v(ctx, f); return (x !== null && x !== undefined) !== e.negated; }; }
    case 'interval': {
      const s = compileExpr(env, e.start), en = compileExpr(env, e.end);
      return (ctx, f) => ({ start: s(ctx, f), end: en(ctx, f), si: e.startInclusive, ei: e.endInclusive } satisfies Interval);
    }
    case 'within': {
      const v = compileExpr(env, e.value), iv = compileExpr(env, e.interval);
      const site = env.sites++;
      return (ctx, f) => {
        const x = v(ctx, f), i = iv(ctx, f) as Interval, ok = inInterval(e.kind, x, i) !== e.negated;
        if (ctx.observe) ctx.observe({ site, kind: 'within', cmpKind: e.kind, left: x, interval: i, result: ok, span: e.span, frame: f, input: ctx.input, node: ctx.trace });
        return ok;
      };
    }
    case 'match': {
      const subject = compileExpr(env, e.subject);
      const arms = new Map<string, Fn>();
      for (const a of e.arms) { const r = compileExpr(env, a.result); for (const v of a.values) if (!arms.has(v)) arms.set(v, r); }
      const otherwise = e.otherwise ? compileExpr(env, e.otherwise) : undefined;
      return (ctx, f) => {
        const s = subject(ctx, f) as string;
        const arm = arms.get(s) ?? otherwise;
        return arm ? arm(ctx, f) : fault('RB-E-NO-RULE', `No case of the match covers "${s}".`);
      };
    }
    case 'agg': return compileAggregate(env, e);
    case 'list': { const items = e.items.map((i) => compileExpr(env, i)); return (ctx, f) => items.map((i) => i(ctx, f)); }
    case 'record': {
      const fields = e.fields.map((x) => ({ name: x.name, fn: compileExpr(env, x.value) }));
      return (ctx, f) => { const o: Record<string, unknown> = Object.create(null); for (const x of fields) o[x.name] = x.fn(ctx, f); return o; };
    }
    case 'effective': {
      const at = compileExpr(env, e.at);
      const versions = e.versions.map((v) => ({ ...v, fn: compileExpr(env, v.value), label: versionLabel(v.from, v.until) }));
      const site = env.sites++;
      return (ctx, f) => {
        const a = at(ctx, f) as number;
        const day = e.atKind === 'ms' ? localDay(a, zone) : a;
        const v = versions.find((x) => (x.from === undefined || day >= x.from) && (x.until === undefined || day <= x.until));
        if (ctx.observe) ctx.observe({ site, kind: 'version', cmpKind: 'day', left: day, versions: e.versions, chosen: v ? versions.indexOf(v) : -1, result: v ? versions.indexOf(v) : -1, span: e.span, frame: f, input: ctx.input, node: ctx.trace });
        if (!v) {
          return fault('RB-E-NO-VERSION', `No version of this rule is in force on ${dottedDate(day)}; the versions cover ${versions.map((x) => x.label).join(', ')}.`, e.span);
        }
        if (ctx.trace) ctx.trace.children.push({ kind: 'version', name: `${v.label} (event on ${dottedDate(day)})`, clauses: v.clauses, children: [] });
        return v.fn(ctx, f);
      };
    }
    case 'builtin': return compileBuiltin(env, e);
  }
}

/** A date (day number) or instant moved by n days, months, years or business days. */
function dateAdd(ctx: Ctx, b: number, n: number, unit: string, instant: boolean, zone: string, policy: 'clamp' | 'overflow', calendar: string | undefined): number {
  if (instant) return addToInstant(b, n, unit as 'days', zone);
  switch (unit) {
    case 'days': return b + n;
    case 'months': return addMonths(b, n, policy);
    case 'years': return addMonths(b, 12 * n, policy);
    default: {
      if (!calendar) return fault('RB-E-NO-CALENDAR', 'The rules count business days, but the program header names no calendar (calendar RU, KZ or UA).');
      const r = addBusinessDays(calendar, b, n, ctx.calendar);
      if (!r.ok) return fault(r.error.code as 'RB-E-CALENDAR-YEAR', r.error.message);
      return r.value;
    }
  }
}

function versionLabel(from?: number, until?: number): string {
  if (from !== undefined && until !== undefined) return `from ${dottedDate(from)} until ${dottedDate(until)}`;
  if (from !== undefined) return `from ${dottedDate(from)}`;
  if (until !== undefined) return `until ${dottedDate(until)}`;
  return 'always';
}

type D = InstanceType<typeof Dec>;

function compileArith(env: Env, e: Extract<Expr, { op: 'arith' }>): Fn {
  const [a, b] = e.args.map((x) => compileExpr(env, x)) as [Fn, Fn | undefined];
  const rm = env.rm;
  const scale = e.scale ?? 2;
  const round = (d: D) => d.toDecimalPlaces(scale, rm);
  const nonZero = (d: D) => (d.isZero() ? fault('RB-E-DIV-ZERO', 'A division by zero: the divisor is 0.') : d);
  const bin = (g: (x: D, y: D) => unknown): Fn => (ctx, f) => g(a(ctx, f) as D, b!(ctx, f) as D);
  switch (e.fn) {
    case 'add': case 'add_money': case 'add_pct': return bin((x, y) => x.plus(y));
    case 'sub': case 'sub_money': case 'sub_pct': return bin((x, y) => x.minus(y));
    case 'neg': case 'neg_money': case 'neg_pct': return (ctx, f) => (a(ctx, f) as D).neg();
    case 'mul': case 'mul_pct_num': return bin((x, y) => x.times(y));
    case 'div': case 'div_money_money': return bin((x, y) => x.div(nonZero(y)));
    case 'mul_money_num': return bin((x, y) => round(x.times(y)));
    case 'div_money_num': return bin((x, y) => round(x.div(nonZero(y))));
    case 'pct_of_money': return bin((p, m) => round(m.times(p).div(100)));
    case 'pct_of_num': return bin((p, n) => n.times(p).div(100));
    case 'sub_date_date': return (ctx, f) => new Dec((a(ctx, f) as number) - (b!(ctx, f) as number));
  }
}

function compileBuiltin(env: Env, e: Extract<Expr, { op: 'builtin' }>): Fn {
  const args = e.args.map((x) => compileExpr(env, x));
  const zone = env.artifact.program.zone;
  const a = args[0]!;
  const scale = e.scale ?? 0;
  const cmp = (x: unknown, y: unknown) => (isDec(x) ? x.cmp(y as D) : (x as number) - (y as number));
  switch (e.fn) {
    case 'to_date': return (ctx, f) => localDay(a(ctx, f) as number, zone);
    case 'min': return (ctx, f) => { const x = a(ctx, f), y = args[1]!(ctx, f); return cmp(x, y) <= 0 ? x : y; };
    case 'max': return (ctx, f) => { const x = a(ctx, f), y = args[1]!(ctx, f); return cmp(x, y) >= 0 ? x : y; };
    case 'round_money': case 'round_num': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, env.rm);
    case 'floor': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, Dec.ROUND_FLOOR);
    case 'ceil': return (ctx, f) => (a(ctx, f) as D).toDecimalPlaces(scale, Dec.ROUND_CEIL);
    case 'abs': return (ctx, f) => (a(ctx, f) as D).abs();
    case 'days_between': return (ctx, f) => new Dec((args[1]!(ctx, f) as number) - (a(ctx, f) as number));
  }
}

function compileAggregate(env: Env, e: Extract<Expr, { op: 'agg' }>): Fn {
  const list = compileExpr(env, e.list);
  const where = e.where ? compileExpr(env, e.where) : undefined;
  const value = e.value ? compileExpr(env, e.value) : undefined;
  const name = e.variable;
  const vk = e.valueKind ?? 'num';
  /** Calls `visit` for each item passing the filter, with the variable bound; stops when visit returns false. */
  const each = (ctx: Ctx, f: Frame, visit: (item: unknown) => boolean | void): void => {
    const items = list(ctx, f) as unknown[];
    const saved = f[name];
    try {
      for (const item of items) {
        f[name] = item;
        if (where && where(ctx, f) !== true) continue;
        if (visit(item) === false) break;
      }
    } finally {
      f[name] = saved;
    }
  };
  switch (e.kind) {
    case 'count': return (ctx, f) => { let n = 0; each(ctx, f, () => { n++; }); return new Dec(n); };
    case 'exists': return (ctx, f) => { let found = false; each(ctx, f, () => { found = true; return false; }); return found; };
    case 'none': return (ctx, f) => { let found = false; each(ctx, f, () => { found = true; return false; }); return !found; };
    case 'every': return (ctx, f) => { let ok = true; each(ctx, f, () => { if (value!(ctx, f) !== true) { ok = false; return false; } return true; }); return ok; };
    case 'filter': return (ctx, f) => { const out: unknown[] = []; each(ctx, f, (item) => { out.push(item); }); return out; };
    case 'map': return (ctx, f) => { const out: unknown[] = []; each(ctx, f, () => { out.push(value!(ctx, f)); }); return out; };
    case 'sum': return (ctx, f) => { let s: D = ZERO; each(ctx, f, () => { s = s.plus(value!(ctx, f) as D); }); return s; };
    case 'distinct_count': return (ctx, f) => {
      const seen = new Set<string>();
      each(ctx, f, () => { const v = value!(ctx, f); seen.add(isDec(v) ? v.toString() : String(v)); });
      return new Dec(seen.size);
    };
    case 'minimum': case 'maximum': case 'earliest': case 'latest': {
      const sign = e.kind === 'minimum' || e.kind === 'earliest' ? -1 : 1;
      const returnsItem = e.kind === 'earliest' || e.kind === 'latest';
      return (ctx, f) => {
        let best: unknown = null, bestKey: unknown = null;
        each(ctx, f, (item) => {
          const k = value!(ctx, f);
          if (bestKey === null || compareBy(vk, k, bestKey) * sign > 0) { best = item; bestKey = k; }
        });
        return returnsItem ? best : bestKey;
      };
    }
  }
}
