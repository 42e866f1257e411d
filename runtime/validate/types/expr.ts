/**
 * The load-time type check of expressions: infers each expression's type bottom-up from
 * the artifact's declarations and checks every operation's operands against what the
 * evaluators assume, exactly as the compiler typed them (compiler/check-expr.ts and
 * compiler/check/). Names, fields and comparisons are checked here; each other construct
 * family has its own module beside this one.
 */
import type { Artifact, Definition, Expr, Ty } from '../../ir.js';
import { isNumber, isOrdered, cmpKindOf, sameType } from '../../ty.js';
import {
  ANY, BOOL, DEC, INSTANT, listOf, lookup, strip, isAny, fits, unify, kindOf, mismatch, words, want, condition,
  fitsDeclared, KIND_WORDS, type Scope, type TypeWalker,
} from './common.js';
import { inferArith, inferBuiltin, inferQuantity } from './arith.js';
import { given, narrowed } from './presence.js';
import { inferCollection } from './collections.js';
import { inferTime } from './time.js';
import { inferHistoryQuery, inferDatedLookup, inferLedgerBalance } from './state.js';

/** Whether two operand types (absence aside) can be compared with each other, as the compiler allows. */
export function comparable(l: Ty, r: Ty): boolean {
  if (isAny(l) || isAny(r)) return true;
  return (isNumber(l) && isNumber(r)) || (sameType(l, r) && fits(l, r) && fits(r, l));
}

export class ExprTypes implements TypeWalker {
  private readonly defs = new Map<string, Definition>();
  private readonly named = new Map<string, Ty>();
  private readonly inputs = new Map<string, Ty>();
  private readonly records = new Map<string, ReadonlyMap<string, Ty>>();

  constructor(readonly a: Artifact) {
    for (const d of a.definitions) { this.defs.set(d.name, d); this.named.set(d.name, d.type); }
    for (const o of a.outputs) this.named.set(o.name, o.type);
    for (const i of a.inputs) this.inputs.set(i.name, i.type);
  }

  definition(n: string): Definition | undefined { return this.defs.get(n); }

  fields(record: string): ReadonlyMap<string, Ty> {
    let f = this.records.get(record);
    if (!f) { f = new Map((this.a.records[record]?.fields ?? []).map((x) => [x.name, x.type])); this.records.set(record, f); }
    return f;
  }

  infer(e: Expr, scope: Scope | undefined): Ty {
    const t = this.inferOp(e, scope);
    return t.k === 'optional' ? narrowed(e, t, scope) : t;
  }

  private inferOp(e: Expr, scope: Scope | undefined): Ty {
    switch (e.op) {
      // the commonest operations first
      case 'local': return lookup(scope, e.name);
      case 'const': return e.type;
      case 'field': return this.field(e, this.infer(e.target, scope));
      case 'call': return this.callable(e, e.args, scope);
      case 'ref': return this.callable(e, NO_ARGS, scope);
      case 'cmp': return this.compare(e, scope);
      case 'input': return this.inputs.get(e.name) ?? ANY;
      case 'reading': return { k: 'enum', name: e.name };
      case 'as_of': return INSTANT;
      case 'elig_ok': want(this, e.value, scope, isEligibility, 'an eligibility result'); return BOOL;
      case 'and': case 'or': {
        // each operand is read where the ones before it gave true (`and`) or false (`or`)
        let inner = scope;
        for (const x of e.args) { condition(this, x, inner); inner = given(inner, x, e.op === 'and'); }
        return BOOL;
      }
      case 'not': condition(this, e.value, scope); return BOOL;
      case 'present': this.infer(e.value, scope); return BOOL;
      case 'if':
        condition(this, e.cond, scope);
        return this.join(this.infer(e.then, given(scope, e.cond, true)), this.infer(e.else, given(scope, e.cond, false)), e.else, 'the `else` branch', 'the `then` branch');
      case 'or_else': return this.join(strip(this.infer(e.value, scope)), this.infer(e.fallback, scope), e.fallback, 'the fallback', 'the value before it');
      case 'list': {
        let t: Ty = ANY;
        for (const x of e.items) t = this.join(t, this.infer(x, scope), x, 'this item', 'the items before it');
        return listOf(t);
      }
      case 'record': return { k: 'struct', fields: e.fields.map((f) => ({ name: f.name, type: this.infer(f.value, scope) })) };
      case 'in_set': {
        const v = strip(this.infer(e.value, scope));
        this.kind(e, 'kind', v);
        for (const x of e.items) {
          const t = strip(this.infer(x, scope));
          if (!comparable(v, t)) mismatch(x, `tests ${words(v)} against ${words(t)}`);
        }
        return BOOL;
      }
      case 'interval': {
        const s = strip(this.infer(e.start, scope)), en = strip(this.infer(e.end, scope));
        if (!comparable(s, en)) mismatch(e.end, `runs from ${words(s)} to ${words(en)}`);
        const t = isAny(s) ? en : s;
        if (!isAny(t) && !isOrdered(t)) mismatch(e, `is an interval of ${words(t)}, which has no order`);
        return { k: 'interval', of: isNumber(t) ? DEC : t };
      }
      case 'within': {
        const v = strip(this.infer(e.value, scope));
        const iv = want(this, e.interval, scope, isInterval, 'an interval');
        this.kind(e, 'kind', v);
        const of = iv.k === 'interval' ? strip(iv.of) : ANY;
        if (!comparable(v, of)) mismatch(e.interval, `tests ${words(v)} against ${words(iv)}`);
        return BOOL;
      }
      case 'match': return this.match(e, scope);
      case 'arith': return inferArith(this, e, scope);
      case 'builtin': return inferBuiltin(this, e, scope);
      case 'convert': case 'convert_money': case 'split': return inferQuantity(this, e, scope);
      case 'agg': case 'item': return inferCollection(this, e, scope);
      case 'date_add': case 'effective': case 'duration_of': case 'clock': case 'sequence': return inferTime(this, e, scope);
      case 'history': return inferHistoryQuery(this, e, scope);
      case 'dated': return inferDatedLookup(this, e, scope);
      case 'ledger_balance': return inferLedgerBalance(this, e, scope);
      default: return ANY;
    }
  }

  /** A definition or output used as a value (`ref`) or called with arguments, which must fit its parameters. */
  private callable(e: Extract<Expr, { op: 'ref' | 'call' }>, args: readonly Expr[], scope: Scope | undefined): Ty {
    const d = this.defs.get(e.name);
    // the compiler asks a state with `history` and a dated table with a lookup, never by name
    if (d && (d.kind === 'history' || d.kind === 'dated')) mismatch(e, `reads ${e.name}, a ${d.kind === 'history' ? 'state' : 'dated table'}, as a plain value`, 'name');
    for (let i = 0; i < args.length; i++) {
      const p = d?.params[i];
      if (p) fitsDeclared(this, args[i]!, scope, p.type, `the parameter ${p.name} of ${e.name}`);
      else this.infer(args[i]!, scope);
    }
    return this.named.get(e.name) ?? ANY;
  }

  private field(e: Extract<Expr, { op: 'field' }>, target: Ty): Ty {
    // the compiler reads a field only of a value it knows is present: else the evaluators read a field of nothing
    if (target.k === 'optional') mismatch(e, `reads the field ${e.name} of ${words(target)} without testing that it is present`, 'name');
    const t = strip(target);
    if (isAny(t)) return ANY;
    let f: Ty | undefined;
    if (t.k === 'record') f = this.fields(t.name).get(e.name);
    else if (t.k === 'struct') f = t.fields.find((x) => x.name === e.name)?.type;
    else if (t.k === 'eligibility') f = e.name === 'eligible' ? BOOL : undefined;
    else mismatch(e, `reads the field ${e.name} of ${words(t)}, which has no fields`, 'name');
    if (!f) mismatch(e, `reads the field ${e.name}, which ${words(t)} does not have`, 'name');
    return f!;
  }

  /** Requires the comparison kind `node[key]` to be the one the compared values' type needs. */
  kind(node: object, key: string, t: Ty): void {
    if (isAny(t)) return;
    const need = cmpKindOf(t);
    if (!need) mismatch(node, `compares ${words(t)}, which cannot be compared`);
    const kind = (node as Record<string, unknown>)[key];
    if (kind !== need) mismatch(node, `compares ${words(t)} as ${KIND_WORDS[kind as keyof typeof KIND_WORDS] ?? String(kind)}`, key);
  }

  private compare(e: Extract<Expr, { op: 'cmp' }>, scope: Scope | undefined): Ty {
    const l = strip(this.infer(e.left, scope)), r = strip(this.infer(e.right, scope));
    if (!comparable(l, r)) mismatch(e.right, `compares ${words(l)} with ${words(r)}`);
    const t = isAny(l) ? r : l;
    this.kind(e, 'kind', t);
    if (e.cmp !== '=' && e.cmp !== '<>' && !isAny(t) && !isOrdered(t)) mismatch(e, `puts ${words(t)} in order, which has none`, 'cmp');
    return BOOL;
  }

  private match(e: Extract<Expr, { op: 'match' }>, scope: Scope | undefined): Ty {
    const s = want(this, e.subject, scope, isMatchable, 'an enumeration value or text');
    const values = s.k === 'enum' ? this.a.enums[s.name]?.values : undefined;
    let t: Ty = ANY;
    for (const arm of e.arms) {
      if (values) arm.values.forEach((v, j) => { if (!values.includes(v)) mismatch(arm.values, `matches ${JSON.stringify(v)}, which is not a value of ${(s as { name: string }).name}`, `[${j}]`); });
      t = this.join(t, this.infer(arm.result, scope), arm.result, 'this case', 'the cases before it');
    }
    if (e.otherwise) t = this.join(t, this.infer(e.otherwise, scope), e.otherwise, '`otherwise`', 'the cases');
    return t;
  }

  /** The common type of two branches (`if`, `or else`, a list's items, a match's cases), refusing at `node` when there is none. */
  join(a: Ty, b: Ty, node: object, what: string, before: string): Ty {
    const u = unify(a, b);
    if (!u) mismatch(node, `has ${what} giving ${words(strip(b))} but ${before} giving ${words(strip(a))}`);
    return u!;
  }
}

const NO_ARGS: readonly Expr[] = [];
const isEligibility = (t: Ty): boolean => t.k === 'eligibility';
const isInterval = (t: Ty): boolean => t.k === 'interval';
const isMatchable = (t: Ty): boolean => t.k === 'enum' || t.k === 'text';
