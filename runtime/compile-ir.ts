/**
 * Turns the IR into closures once, at load time, so an evaluation never re-walks
 * the IR. Each expression becomes `(ctx, frame) => value`. This file compiles the
 * artifact and dispatches on the operation; each construct family is in eval/.
 */
import type { Artifact, Expr, Ty } from './ir.js';
import { roundingOf } from './values/decimal.js';
import type { CodecEnv } from './values/codec.js';
import { fault } from './errors.js';
import { sharedCodec } from './same-program.js';
import { constant, compareBy, test, inInterval, leafTrace, type Callable, type Env, type Fn, type Interval, type Eligibility } from './eval/common.js';
import { compileDefinition } from './eval/definitions.js';
import { compileArith, compileBuiltin } from './eval/arith.js';
import { compileAggregate, compileItem } from './eval/collections.js';
import { compileHistoryQuery } from './eval/history.js';
import { compileDatedLookup } from './eval/dated.js';
import { compileConvert, compileSplit } from './eval/quantities.js';
import { compileConvertMoney } from './eval/money.js';
import { compileLedgerBalance } from './eval/ledger.js';
import { compileDateAdd, compileEffective, compileDurationOf, compileClock, compileSequence } from './eval/time.js';
import { Line, addLine } from './trace.js';

export type { Ctx, Callable } from './eval/common.js';
export { addMonths } from './eval/time.js';

/** A compiled artifact, by either evaluator: outputs and definitions callable by name. */
export interface Compiled {
  callables: Record<string, Callable>;
  outputs: { name: string; type: Ty; clauses: string[]; fn: Fn }[];
  codec: CodecEnv;
  /** Dated tables read from the input, indexed (and so validated) before anything is computed. */
  inputChecks: string[];
  /** Fresh per-evaluation memo slots, for the generated evaluator (absent for the reference). */
  slots?: () => unknown[];
  /**
   * The generated evaluators: the definitions and outputs an evaluation computed, by name,
   * read from its slots once it is done (every call of a definition or output goes through
   * its memo slot; an explained history walk's calls go to slots of their own).
   */
  reached?: (slots: readonly unknown[]) => string[];
}

/** Compiles every definition and output of an artifact (the reference evaluator). */
export function compileArtifact(artifact: Artifact): Compiled {
  const env = createEnv(artifact);
  const codec = env.codec;
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
  // dated tables read from the input: indexing them validates the input (one row per key and date)
  const inputChecks = artifact.definitions.filter((d) => d.kind === 'dated' && d.dated?.inputPath).map((d) => d.name);
  return { callables: env.callables, outputs, codec, inputChecks };
}

/** What compiling an artifact starts from: its codec settings and an empty callables table. */
export function createEnv(artifact: Artifact): Env {
  const unit = artifact.program.rounding.unit;
  const codec: CodecEnv = sharedCodec(artifact, () => ({ records: artifact.records, enums: artifact.enums, zone: artifact.program.zone, moneyScale: unit.includes('.') ? unit.split('.')[1]!.length : 0, rounding: roundingOf(artifact.program.rounding.mode) }));
  return {
    artifact, codec, callables: Object.create(null) as Record<string, Callable>, rm: roundingOf(artifact.program.rounding.mode),
    readingDefaults: Object.fromEntries(artifact.readings.map((r) => [r.name, r.default])), sites: 0,
  };
}

/** Compiles one expression. */
export function compileExpr(env: Env, e: Expr): Fn {
  switch (e.op) {
    case 'const': { const v = constant(e.type, e.value); return () => v; }
    case 'input': { const n = e.name; return (ctx) => ctx.input[n] ?? null; }
    case 'local': { const n = e.name; return (_c, f) => f[n]; }
    case 'ref': { const n = e.name; return (ctx) => env.callables[n]!(ctx, []); }
    case 'call': {
      const n = e.name;
      const args = e.args.map((a) => compileExpr(env, a));
      return (ctx, f) => {
        const values = new Array<unknown>(args.length);
        for (let i = 0; i < args.length; i++) values[i] = args[i]!(ctx, f);
        return env.callables[n]!(ctx, values);
      };
    }
    case 'reading': {
      const n = e.name;
      const readingDef = env.artifact.readings.find((r) => r.name === n);
      return (ctx) => {
        const v = ctx.readings[n] ?? env.readingDefaults[n]!;
        { const lt = leafTrace(ctx); if (lt) addLine(lt, new Line('reading', n, readingDef?.clauses ?? [], undefined, undefined, undefined, v)); }
        return v;
      };
    }
    case 'as_of': return (ctx) => (ctx.asOf ?? fault('RB-E-NO-ASOF', 'These rules depend on the evaluation instant; give it with --as-of (CLI) or the asOf option.'));
    case 'field': { const t = compileExpr(env, e.target); const n = e.name; return (ctx, f) => (t(ctx, f) as Record<string, unknown>)[n] ?? null; }
    case 'elig_ok': { const v = compileExpr(env, e.value); return (ctx, f) => (v(ctx, f) as Eligibility).eligible; }
    case 'arith': return compileArith(env, e);
    case 'date_add': return compileDateAdd(env, e);
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
      const { kind, negated } = e;
      return (ctx, f) => {
        const x = v(ctx, f);
        for (const i of items) if (compareBy(kind, x, i(ctx, f)) === 0) return !negated;
        return negated;
      };
    }
    // loops rather than every/some: no closure per evaluation (histories run these once per event)
    case 'and': {
      const args = e.args.map((a) => compileExpr(env, a));
      return (ctx, f) => { for (const a of args) if (a(ctx, f) !== true) return false; return true; };
    }
    case 'or': {
      const args = e.args.map((a) => compileExpr(env, a));
      return (ctx, f) => { for (const a of args) if (a(ctx, f) === true) return true; return false; };
    }
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
    case 'effective': return compileEffective(env, e);
    case 'builtin': return compileBuiltin(env, e);
    case 'duration_of': return compileDurationOf(env, e);
    case 'clock': return compileClock(env, e);
    case 'sequence': return compileSequence(env, e);
    case 'item': return compileItem(env, e);
    case 'history': return compileHistoryQuery(env, e);
    case 'dated': return compileDatedLookup(env, e);
    case 'convert': return compileConvert(env, e);
    case 'split': return compileSplit(env, e);
    case 'convert_money': return compileConvertMoney(env, e);
    case 'ledger_balance': return compileLedgerBalance(env, e);
  }
}
