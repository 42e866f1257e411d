/**
 * Turns IR expressions into JavaScript source specialised to one program. The source
 * is made ONLY of text this module writes: operators, generated identifiers (a0, v12,
 * d3), integer indices into the constants table `K`, and `true`/`false`. Every name,
 * label, string or number of the program is a constant in `K`, never source text, so
 * no program or input can inject code. An operation not generated here falls back to
 * the reference evaluator's closure for that subtree (called as `K[i](ctx, frame)`).
 */
import type { CmpKind, CmpOp, Expr } from '../ir.js';
import { constant, type Env, type Fn } from '../eval/common.js';
import { compileExpr } from '../compile-ir.js';
import { timeExpr, calendarBuiltin } from './time.js';
import { recordMaker } from '../values/record.js';
import type { IvSite } from './intervals.js';
import { keyTest, KEYED_MIN_LENGTH } from './collections.js';

/** Comparison operators as source text, applied to a compareBy-style difference. */
const OPS: Readonly<Record<CmpOp, string>> = Object.freeze(Object.assign(Object.create(null) as Record<CmpOp, string>, {
  '=': '=== 0', '<>': '!== 0', '<': '< 0', '<=': '<= 0', '>': '> 0', '>=': '>= 0',
}));

/** Local names in scope (program name -> generated identifier). */
export type Scope = ReadonlyMap<string, string>;

/** Counts of generated and fallen-back nodes by operation, for the report and tests. */
export interface Coverage { generated: Record<string, number>; fallback: Record<string, number> }

/** Generates the source of expressions, collecting constants; one per program. */
export class Generator {
  readonly K: unknown[] = [];
  readonly coverage: Coverage = { generated: Object.create(null), fallback: Object.create(null) };
  private ids = 0;
  private readonly constIndex = new Map<unknown, number>();
  private readonly makers = new Map<string, string>();
  /** Set while the body of a definition with an interval memo is written (codegen/intervals.ts): uses of its day are tracked. */
  iv: IvSite | undefined = undefined;
  /** The definitions with interval memos (intervals.ts), or undefined in a program that keeps none (the traced one). */
  ivTracked: ReadonlySet<string> | undefined = undefined;

  /** `defIndex`: definition and output names -> their generated function's number. */
  constructor(private readonly env: Env, private readonly defIndex: ReadonlyMap<string, number>) {}

  /** The program's zone (instants become calendar days in it). */
  get zone(): string {
    return this.env.artifact.program.zone;
  }

  /** The program's header (zone, month-end policy, calendar). */
  get program(): Env['artifact']['program'] {
    return this.env.artifact.program;
  }

  /** The artifact being generated (its definitions, for operations that ask about another). */
  get artifact(): Env['artifact'] { return this.env.artifact; }

  /** The program's rounding mode for money (a decimal.js constant). */
  get rounding(): Env['rm'] {
    return this.env.rm;
  }

  /** A fresh generated identifier. */
  fresh(prefix: 'v' | 't'): string {
    return `${prefix}${this.ids++}`;
  }

  /** `K[i]` for a value (strings and numbers shared, objects each their own). */
  k(value: unknown): string {
    const shareable = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    if (shareable) {
      const known = this.constIndex.get(value);
      if (known !== undefined) return `K[${known}]`;
    }
    const i = this.K.length;
    this.K.push(value);
    if (shareable) this.constIndex.set(value, i);
    return `K[${i}]`;
  }

  /** A record of these fields from the sources of their values (in order), built by its type's own maker. */
  record(names: readonly string[], values: readonly string[]): string {
    const key = JSON.stringify(names);
    let maker = this.makers.get(key);
    if (maker === undefined) { maker = this.k(recordMaker(names)); this.makers.set(key, maker); }
    return `${maker}(${values.join(', ')})`;
  }

  /** A call to the reference closure of a subtree, with the locals in scope as its frame. */
  fallback(e: Expr, scope: Scope): string {
    this.count('fallback', e.op);
    return this.closure(compileExpr(this.env, e), scope);
  }

  /** A call to any closure `(ctx, frame)`, its frame built from the locals in scope. */
  closure(fn: Fn, scope: Scope): string {
    const names = [...scope.keys()], ids = [...scope.values()];
    const src = `${this.k(fn)}(ctx, R.frame(${this.k(Object.freeze(names))}, [${ids.join(', ')}]))`;
    // the closure may read a tracked day in any way: the interval collapses
    return this.iv && ids.includes(this.iv.id) ? this.iv.point(src) : src;
  }

  /** Counts an operation or definition kind as generated or left to the reference. */
  count(which: keyof Coverage, op: string): void {
    const m = this.coverage[which];
    m[op] = (m[op] ?? 0) + 1;
  }

  /** Source of one expression. */
  expr(e: Expr, scope: Scope): string {
    const src = this.gen(e, scope);
    if (src === undefined) return this.fallback(e, scope);
    this.count('generated', e.op);
    return src;
  }

  private gen(e: Expr, s: Scope): string | undefined {
    const x = (sub: Expr) => this.expr(sub, s);
    switch (e.op) {
      case 'const': return this.k(constant(e.type, e.value));
      case 'input': return `(ctx.input[${this.k(e.name)}] ?? null)`;
      case 'local': return this.iv ? this.iv.local(s.get(e.name)) : s.get(e.name);
      case 'ref': return this.callDef(e.name, []);
      case 'call': return this.iv?.call(this, e, s) ?? this.callDef(e.name, e.args.map(x));
      // readings are prototype-less and checked against the program's at the start of the evaluation
      case 'reading': return `(ctx.readings[${this.k(e.name)}] ?? ${this.k(this.env.readingDefaults[e.name])})`;
      case 'as_of': return '(ctx.asOf ?? R.noAsOf())';
      case 'field': return `(${x(e.target)}[${this.k(e.name)}] ?? null)`;
      case 'elig_ok': return `${x(e.value)}.eligible`;
      case 'arith': return this.arith(e, s);
      case 'builtin': return this.builtin(e, s);
      case 'cmp': return this.iv?.compare(this, e, s) ?? this.compare(e.kind, e.cmp, x(e.left), x(e.right));
      case 'in_set': {
        const t = this.fresh('t');
        const tests = e.items.map((i) => this.equal(e.kind, t, x(i)));
        return `((${t}) => (${tests.join(' || ') || 'false'}) !== ${e.negated ? 'true' : 'false'})(${x(e.value)})`;
      }
      case 'and': return `(${e.args.map((a) => `${x(a)} === true`).join(' && ') || 'true'})`;
      case 'or': return `(${e.args.map((a) => `${x(a)} === true`).join(' || ') || 'false'})`;
      case 'not': return `(${x(e.value)} !== true)`;
      case 'if': return `(${x(e.cond)} === true ? ${x(e.then)} : ${x(e.else)})`;
      case 'or_else': {
        const t = this.fresh('t');
        return `((${t}) => ${t} === null || ${t} === undefined ? ${x(e.fallback)} : ${t})(${x(e.value)})`;
      }
      case 'present': {
        const t = this.fresh('t');
        return `((${t}) => (${t} !== null && ${t} !== undefined) !== ${e.negated ? 'true' : 'false'})(${x(e.value)})`;
      }
      case 'interval': return `{ start: ${x(e.start)}, end: ${x(e.end)}, si: ${e.startInclusive ? 'true' : 'false'}, ei: ${e.endInclusive ? 'true' : 'false'} }`;
      case 'within': return `(R.inInterval(${this.k(e.kind)}, ${x(e.value)}, ${x(e.interval)}) !== ${e.negated ? 'true' : 'false'})`;
      case 'match': {
        const index = new Map<string, number>();
        e.arms.forEach((a, i) => { for (const v of a.values) if (!index.has(v)) index.set(v, i); });
        const t = this.fresh('t'), i = this.fresh('t');
        const otherwise = e.otherwise ? x(e.otherwise) : `R.noCase(${t})`;
        const arms = e.arms.map((a, n) => `${i} === ${n} ? ${x(a.result)} : `).join('');
        return `((${t}) => { const ${i} = ${this.k(index)}.get(${t}); return ${arms}${otherwise}; })(${x(e.subject)})`;
      }
      case 'list': return `[${e.items.map(x).join(', ')}]`;
      case 'record': return this.record(e.fields.map((f) => f.name), e.fields.map((f) => x(f.value)));
      case 'agg': return this.agg(e, s);
      default: return timeExpr(this, e, s);
    }
  }

  /** The source of `compareBy(kind, a, b) <op> 0` (a computed first), or undefined for an unknown operator. */
  compare(kind: CmpKind, cmp: CmpOp, a: string, b: string): string | undefined {
    // texts, enum values and booleans are equal exactly when identical (compareBy gives 0 then)
    if ((kind === 'str' || kind === 'bool') && (cmp === '=' || cmp === '<>')) return `(${a} ${cmp === '=' ? '===' : '!=='} ${b})`;
    const op = Object.hasOwn(OPS, cmp) ? OPS[cmp] : undefined;
    return op === undefined ? undefined : `(${this.diff(kind, a, b)} ${op})`;
  }

  /** The source of `compareBy(kind, a, b) === 0` (a computed first). */
  equal(kind: CmpKind, a: string, b: string): string {
    return kind === 'str' || kind === 'bool' ? `(${a} === ${b})` : `(${this.diff(kind, a, b)} === 0)`;
  }

  /** The source of compareBy(kind, a, b) for kinds with a direct form, else the helper. */
  diff(kind: CmpKind, a: string, b: string): string {
    // compareDec: decimal.js's cmp without the copy of its argument cmp makes
    if (kind === 'num') return `R.compareDec(${a}, ${b})`;
    if (kind === 'day' || kind === 'ms') return `(${a} - ${b})`;
    return `R.compareBy(${this.k(kind)}, ${a}, ${b})`;
  }

  /** A definition call: `d3(ctx, a, b)`, the generated function of that definition. */
  callDef(name: string, args: string[]): string | undefined {
    const i = this.defIndex.get(name);
    return i === undefined ? undefined : `d${i}(ctx${args.map((a) => `, ${a}`).join('')})`;
  }

  private arith(e: Extract<Expr, { op: 'arith' }>, s: Scope): string | undefined {
    const a = this.expr(e.args[0]!, s);
    const b = e.args[1] ? this.expr(e.args[1], s) : undefined;
    // money and percentages on scaled integers where they fit (values/scaled.ts), decimal.js otherwise
    const places = `${this.k(e.scale ?? 2)}, ${this.k(this.env.rm)}`;
    switch (e.fn) {
      case 'add': case 'add_money': case 'add_pct': return `R.addDec(${a}, ${b})`;
      case 'sub': case 'sub_money': case 'sub_pct': return `R.subDec(${a}, ${b})`;
      case 'neg': case 'neg_money': case 'neg_pct': return `${a}.neg()`;
      case 'mul': case 'mul_pct_num': return `R.mulDec(${a}, ${b})`;
      case 'div': case 'div_money_money': return `${a}.div(R.nz(${b}))`;
      case 'mul_money_num': return `R.mulRound(${a}, ${b}, ${places})`;
      case 'div_money_num': return `${a}.div(R.nz(${b})).toDecimalPlaces(${places})`;
      // the percentage is computed first, then the amount, as in the reference
      case 'pct_of_money': return `R.pctOfRound(${a}, ${b}, ${places})`;
      case 'pct_of_num': return `R.pctOfNum(${a}, ${b})`;
      case 'sub_date_date': return `new R.Dec(${a} - ${b})`;
      default: return undefined;
    }
  }

  private builtin(e: Extract<Expr, { op: 'builtin' }>, s: Scope): string | undefined {
    const arg = (i: number) => this.expr(e.args[i]!, s);
    const round = (mode: string) => {
      const inner = e.args[0]!, places = `${this.k(e.scale ?? 0)}, ${mode}`;
      // a product or percentage rounded at once: one integer operation, the same value
      if (inner.op === 'arith' && (inner.fn === 'pct_of_num' || inner.fn === 'mul')) {
        this.count('generated', inner.op);
        return `R.${inner.fn === 'mul' ? 'mulRound' : 'pctOfRound'}(${this.expr(inner.args[0]!, s)}, ${this.expr(inner.args[1]!, s)}, ${places})`;
      }
      return `R.roundDec(${arg(0)}, ${places})`;
    };
    switch (e.fn) {
      case 'to_date': return `R.localDay(${arg(0)}, ${this.k(this.env.artifact.program.zone)})`;
      case 'min': { const p = this.fresh('t'), q = this.fresh('t'); return `((${p}, ${q}) => R.order(${p}, ${q}) <= 0 ? ${p} : ${q})(${arg(0)}, ${arg(1)})`; }
      case 'max': { const p = this.fresh('t'), q = this.fresh('t'); return `((${p}, ${q}) => R.order(${p}, ${q}) >= 0 ? ${p} : ${q})(${arg(0)}, ${arg(1)})`; }
      case 'round_money': case 'round_num': return round(this.k(this.env.rm));
      case 'floor': return round('R.Dec.ROUND_FLOOR');
      case 'ceil': return round('R.Dec.ROUND_CEIL');
      case 'abs': return `${arg(0)}.abs()`;
      // the second argument is computed first, as in the reference
      case 'days_between': return `new R.Dec(${arg(1)} - ${arg(0)})`;
      default: return calendarBuiltin(this, e, s);
    }
  }

  /** An aggregate as one loop, the variable a generated identifier. */
  private agg(e: Extract<Expr, { op: 'agg' }>, s: Scope): string | undefined {
    const v = this.fresh('v'), list = this.fresh('t'), i = this.fresh('t');
    const inner = new Map(s);
    inner.set(e.variable, v);
    // a keyed aggregation goes through the items whose field can match its key (collections.ts)
    const test = this.iv ? undefined : keyTest(e);
    const seq = test ? this.fresh('t') : list;
    const keyed = test ? ` const ${seq} = ${list}.length < ${KEYED_MIN_LENGTH} ? ${list} : R.keyed(ctx, ${list}, ${this.k(test.field)}, ${this.expr(test.key, s)});` : '';
    const where = e.where ? `if (${this.expr(e.where, inner)} !== true) continue; ` : '';
    const value = () => this.expr(e.value!, inner);
    const loop = (body: string) => `for (let ${i} = 0; ${i} < ${seq}.length; ${i}++) { const ${v} = ${seq}[${i}]; ${where}${body} }`;
    const head = `const ${list} = ${this.expr(e.list, s)}; R.spend(ctx, ${list}.length);${keyed}`;
    const r = this.fresh('t');
    switch (e.kind) {
      case 'count': return `(() => { ${head} let ${r} = 0; ${loop(`${r}++;`)} return R.countDec(${r}); })()`;
      case 'exists': return `(() => { ${head} ${loop('return true;')} return false; })()`;
      case 'none': return `(() => { ${head} ${loop('return false;')} return true; })()`;
      case 'every': return `(() => { ${head} ${loop(`if (${value()} !== true) return false;`)} return true; })()`;
      case 'filter': return `(() => { ${head} const ${r} = []; ${loop(`${r}.push(${v});`)} return ${r}; })()`;
      case 'map': return `(() => { ${head} const ${r} = []; ${loop(`${r}.push(${value()});`)} return ${r}; })()`;
      // one running total per loop (support.ts DecSum), no Dec per item
      case 'sum': return `(() => { ${head} const ${r} = new R.DecSum(); ${loop(`${r}.add(${value()});`)} return ${r}.value(); })()`;
      case 'minimum': case 'maximum': case 'earliest': case 'latest': {
        const sign = e.kind === 'minimum' || e.kind === 'earliest' ? '-1' : '1';
        const best = this.fresh('t'), key = this.fresh('t'), tie = this.fresh('t'), k = this.fresh('t'), c = this.fresh('t');
        // compareBy in its direct form (days and instants subtract): the replay asks for the latest row every day
        const cmp = (kind: CmpKind | undefined, a: string, b: string) => this.diff(kind ?? 'num', a, b);
        const tieOf = e.tie ? this.expr(e.tie, inner) : 'null';
        const onTie = e.tie ? `if (${c} === 0) { const t = ${tieOf}; if (${cmp(e.tieKind, 't', tie)} * ${sign} > 0) { ${best} = ${v}; ${tie} = t; } }` : '';
        const body = `const ${k} = ${value()}; const ${c} = ${key} === null ? 1 : ${cmp(e.valueKind, k, key)} * ${sign}; `
          + `if (${c} > 0) { ${best} = ${v}; ${key} = ${k}; ${tie} = ${tieOf}; continue; } ${onTie}`;
        const returnsItem = e.kind === 'earliest' || e.kind === 'latest';
        return `(() => { ${head} let ${best} = null, ${key} = null, ${tie} = null; ${loop(body)} return ${returnsItem ? best : key}; })()`;
      }
      default: return undefined;
    }
  }
}
