/**
 * Compiles definitions: memoised per evaluation and arguments, and the bodies of rules
 * with priorities and eligibility requirements.
 */
import type { Definition } from '../ir.js';
import { fault } from '../errors.js';
import { traced, type Frame, type Fn, type Env, type Callable, type Eligibility } from './common.js';
import { traceCall, traceRepeat, traceReturn, noteOverrides } from '../trace.js';
import { callInfo, callKey } from './calls.js';
import { compileExpr } from '../compile-ir.js';
import { compileTable } from './tables.js';
import { compileHistory } from './history.js';
import { compileDated } from './dated.js';
import { compileLedger } from './ledger.js';

/**
 * Definitions are pure, so each is computed once per evaluation and set of arguments:
 * repeated calls cost a lookup and show in the explanation as "as computed above".
 */
export function compileDefinition(env: Env, def: Definition): Callable {
  const run = compileBody(env, def);
  const params = def.params.map((p) => p.name);
  const info = callInfo(env, def);
  return (ctx, args) => {
    const key = callKey(ctx, def.name, args);
    if (ctx.cache.has(key)) {
      const v = ctx.cache.get(key);
      if (ctx.trace) traceRepeat(ctx, info, { v, line: ctx.encoded?.get(key), key }, args);
      // an observer counts a repeated call as if computed again
      if (ctx.observe) ctx.observe({ site: -1, kind: 'ref', key, cmpKind: '', result: v, frame: {}, input: ctx.input });
      return v;
    }
    const frame: Frame = Object.create(null);
    for (let i = 0; i < params.length; i++) frame[params[i]!] = args[i];
    if (ctx.observe) ctx.observe({ site: -1, kind: 'call', key, cmpKind: '', result: undefined, frame, input: ctx.input });
    let v: unknown;
    const parent = ctx.trace;
    if (parent) {
      const line = traceCall(ctx, info, parent, args);
      // kept for the "as computed above" lines of this call
      if (line) (ctx.encoded ??= new Map()).set(key, line);
      try { v = run(ctx, frame); } finally { ctx.trace = parent; }
      traceReturn(ctx, parent, line, info, v);
    } else v = run(ctx, frame);
    ctx.cache.set(key, v);
    if (ctx.observe) ctx.observe({ site: -1, kind: 'done', key, cmpKind: '', result: v, frame, input: ctx.input });
    return v;
  };
}

/** Compiles the body of a definition by its kind. */
export function compileBody(env: Env, def: Definition): Fn {
  switch (def.kind) {
    case 'value': return compileExpr(env, def.body!);
    case 'history': return compileHistory(env, def);
    case 'dated': return compileDated(env, def);
    case 'ledger': return compileLedger(env, def);
    case 'rules': return compileRules(env, def);
    case 'table': return compileTable(env, def);
    case 'eligibility': return compileEligibility(env, def);
  }
}

/** Compiles rules with priorities: every applying rule, minus those overridden; two left is RB-E-OVERLAP. */
export function compileRules(env: Env, def: Definition): Fn {
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
    if (ctx.trace) noteOverrides(ctx.trace, matched);
    if (winners.length > 1) {
      fault('RB-E-OVERLAP', `In ${def.name}, the rules ${winners.map((w) => `${w.name} (${w.clauses.join(' ') || 'no clause'})`).join(' and ')} both apply and neither overrides the other. Say which one wins with \`overrides\`.`, winners[1]!.span);
    }
    if (winners.length === 1) return winners[0]!.thenFn(ctx, frame);
    if (otherwise) return otherwise(ctx, frame);
    return fault('RB-E-NO-RULE', `None of the rules of ${def.name} applies to this case, and it has no \`otherwise\`.`, def.span);
  };
}

/** Compiles an eligibility: each requirement checked, the reasons of those not met collected. */
export function compileEligibility(env: Env, def: Definition): Fn {
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
