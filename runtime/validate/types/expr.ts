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

  infer(e: Expr, path: string, scope: Scope | undefined): Ty {
    const sub = (x: Expr, key: string): Ty => this.infer(x, `${path}.${key}`, scope);
    switch (e.op) {
      case 'const': return e.type;
      case 'input': return this.inputs.get(e.name) ?? ANY;
      case 'local': return lookup(scope, e.name);
      case 'reading': return { k: 'enum', name: e.name };
      case 'as_of': return INSTANT;
      case 'ref': return this.callable(e.name, [], path, scope);
      case 'call': return this.callable(e.name, e.args, path, scope);
      case 'field': return this.field(strip(sub(e.target, 'target')), e.name, path);
      case 'elig_ok': want(this, e.value, `${path}.value`, scope, (t) => t.k === 'eligibility', 'an eligibility result'); return BOOL;
      case 'and': case 'or': e.args.forEach((x, i) => condition(this, x, `${path}.args[${i}]`, scope)); return BOOL;
      case 'not': condition(this, e.value, `${path}.value`, scope); return BOOL;
      case 'present': sub(e.value, 'value'); return BOOL;
      case 'if': {
        condition(this, e.cond, `${path}.cond`, scope);
        return this.join(sub(e.then, 'then'), sub(e.else, 'else'), `${path}.else`, 'the `else` branch', 'the `then` branch');
      }
      case 'or_else': return this.join(strip(sub(e.value, 'value')), sub(e.fallback, 'fallback'), `${path}.fallback`, 'the fallback', 'the value before it');
      case 'list': {
        let t: Ty = ANY;
        e.items.forEach((x, i) => { t = this.join(t, this.infer(x, `${path}.items[${i}]`, scope), `${path}.items[${i}]`, 'this item', 'the items before it'); });
        return listOf(t);
      }
      case 'record': return { k: 'struct', fields: e.fields.map((f, i) => ({ name: f.name, type: this.infer(f.value, `${path}.fields[${i}].value`, scope) })) };
      case 'cmp': return this.compare(e, path, scope);
      case 'in_set': {
        const v = strip(sub(e.value, 'value'));
        this.kind(e.kind, v, `${path}.kind`);
        e.items.forEach((x, i) => {
          const t = strip(this.infer(x, `${path}.items[${i}]`, scope));
          if (!comparable(v, t)) mismatch(`${path}.items[${i}]`, `tests ${words(v)} against ${words(t)}`);
        });
        return BOOL;
      }
      case 'interval': {
        const s = strip(sub(e.start, 'start')), en = strip(sub(e.end, 'end'));
        if (!comparable(s, en)) mismatch(`${path}.end`, `runs from ${words(s)} to ${words(en)}`);
        const t = isAny(s) ? en : s;
        if (!isAny(t) && !isOrdered(t)) mismatch(path, `is an interval of ${words(t)}, which has no order`);
        return { k: 'interval', of: isNumber(t) ? DEC : t };
      }
      case 'within': {
        const v = strip(sub(e.value, 'value'));
        const iv = want(this, e.interval, `${path}.interval`, scope, (t) => t.k === 'interval', 'an interval');
        this.kind(e.kind, v, `${path}.kind`);
        const of = iv.k === 'interval' ? strip(iv.of) : ANY;
        if (!comparable(v, of)) mismatch(`${path}.interval`, `tests ${words(v)} against ${words(iv)}`);
        return BOOL;
      }
      case 'match': return this.match(e, path, scope);
      case 'arith': return inferArith(this, e, path, scope);
      case 'builtin': return inferBuiltin(this, e, path, scope);
      case 'convert': case 'convert_money': case 'split': return inferQuantity(this, e, path, scope);
      case 'agg': case 'item': return inferCollection(this, e, path, scope);
      case 'date_add': case 'effective': case 'duration_of': case 'clock': case 'sequence': return inferTime(this, e, path, scope);
      case 'history': return inferHistoryQuery(this, e, path, scope);
      case 'dated': return inferDatedLookup(this, e, path, scope);
      case 'ledger_balance': return inferLedgerBalance(this, e, path, scope);
      default: return ANY;
    }
  }

  /** A definition or output used as a value (`ref`) or called with arguments, which must fit its parameters. */
  private callable(n: string, args: Expr[], path: string, scope: Scope | undefined): Ty {
    const d = this.defs.get(n);
    // the compiler asks a state with `history` and a dated table with a lookup, never by name
    if (d && (d.kind === 'history' || d.kind === 'dated')) mismatch(`${path}.name`, `reads ${n}, a ${d.kind === 'history' ? 'state' : 'dated table'}, as a plain value`);
    args.forEach((x, i) => {
      const p = d?.params[i];
      const t = this.infer(x, `${path}.args[${i}]`, scope);
      if (p) fitsDeclared(t, p.type, `${path}.args[${i}]`, `the parameter ${p.name} of ${n}`);
    });
    return this.named.get(n) ?? ANY;
  }

  private field(t: Ty, name: string, path: string): Ty {
    if (isAny(t)) return ANY;
    let f: Ty | undefined;
    if (t.k === 'record') f = this.fields(t.name).get(name);
    else if (t.k === 'struct') f = t.fields.find((x) => x.name === name)?.type;
    else if (t.k === 'eligibility') f = name === 'eligible' ? BOOL : undefined;
    else mismatch(`${path}.name`, `reads the field ${name} of ${words(t)}, which has no fields`);
    if (!f) mismatch(`${path}.name`, `reads the field ${name}, which ${words(t)} does not have`);
    return f!;
  }

  /** Requires a comparison kind to be the one the compared values' type needs. */
  kind(kind: string | undefined, t: Ty, path: string): void {
    if (isAny(t)) return;
    const need = cmpKindOf(t);
    if (!need) mismatch(path.replace(/\.kind$/, ''), `compares ${words(t)}, which cannot be compared`);
    if (kind !== need) mismatch(path, `compares ${words(t)} as ${KIND_WORDS[kind as keyof typeof KIND_WORDS] ?? String(kind)}`);
  }

  private compare(e: Extract<Expr, { op: 'cmp' }>, path: string, scope: Scope | undefined): Ty {
    const l = strip(this.infer(e.left, `${path}.left`, scope)), r = strip(this.infer(e.right, `${path}.right`, scope));
    if (!comparable(l, r)) mismatch(`${path}.right`, `compares ${words(l)} with ${words(r)}`);
    const t = isAny(l) ? r : l;
    this.kind(e.kind, t, `${path}.kind`);
    if (e.cmp !== '=' && e.cmp !== '<>' && !isAny(t) && !isOrdered(t)) mismatch(`${path}.cmp`, `puts ${words(t)} in order, which has none`);
    return BOOL;
  }

  private match(e: Extract<Expr, { op: 'match' }>, path: string, scope: Scope | undefined): Ty {
    const s = want(this, e.subject, `${path}.subject`, scope, (t) => t.k === 'enum' || t.k === 'text', 'an enumeration value or text');
    const values = s.k === 'enum' ? this.a.enums[s.name]?.values : undefined;
    let t: Ty = ANY;
    e.arms.forEach((arm, i) => {
      arm.values.forEach((v, j) => { if (values && !values.includes(v)) mismatch(`${path}.arms[${i}].values[${j}]`, `matches ${JSON.stringify(v)}, which is not a value of ${s.k === 'enum' ? s.name : ''}`); });
      t = this.join(t, this.infer(arm.result, `${path}.arms[${i}].result`, scope), `${path}.arms[${i}].result`, 'this case', 'the cases before it');
    });
    if (e.otherwise) t = this.join(t, this.infer(e.otherwise, `${path}.otherwise`, scope), `${path}.otherwise`, '`otherwise`', 'the cases');
    return t;
  }

  /** The common type of two branches (`if`, `or else`, a list's items, a match's cases), refusing when there is none. */
  join(a: Ty, b: Ty, path: string, what: string, before: string): Ty {
    const u = unify(a, b);
    if (!u) mismatch(path, `has ${what} giving ${words(strip(b))} but ${before} giving ${words(strip(a))}`);
    return u!;
  }
}

