/**
 * Semantic validation of an artifact at load, after its shape was checked against the
 * artifact schema: every zone, currency, operator and function is one the runtime knows,
 * every reference resolves, definitions do not call each other in a circle, constants and
 * units are within the exact ranges, nesting is bounded, and the embedded JSON Schemas
 * use only the keywords the compiler writes, with patterns that cannot backtrack
 * catastrophically. A tampered artifact is refused here, with the path of the problem,
 * rather than failing or hanging during an evaluation.
 */
import type { Artifact, Definition, Expr, Ty, CellTest } from './ir.js';
import { isKnownZone } from './values/instant.js';
import { isCurrency } from './values/currencies.js';
import { MAX_DIGITS, MAX_DURATION, MAX_RECORD_TYPES, digitCount, dayInRange } from './values/limits.js';
import { MIN_INSTANT, MAX_INSTANT } from './values/instant.js';
import { checkSchema, SchemaProblemError } from './validate-schema.js';
import { validateQuantityExpr } from './validate-quantities.js';
import { validateLedgerDefinition, validateLedgerBalance } from './validate/ledger.js';
import { Problem, fail, name, flag, cmpKind, CMP_KINDS, DURATION_UNITS, type Walker } from './validate/common.js';
import { validateTime } from './validate/time.js';
import { validateCollection } from './validate/collections.js';
import { validateHistoryDefinition, validateHistoryQuery } from './validate/history.js';
import { validateDatedDefinition, validateDatedLookup } from './validate/dated.js';
import { unknownField, onlyPartFields, onlyOwnParts, PART_FIELDS } from './validate/keys.js';
import { checkTypes } from './validate/types/index.js';

/** Deepest expression the runtime evaluates (the compiler's own limit is lower). */
export const MAX_IR_DEPTH = 400;
/** Largest sum of expression depths along a chain of definitions. */
export const MAX_EVAL_DEPTH = 1000;

export interface ArtifactProblem { path: string; message: string }

const CMP_OPS = new Set(['=', '<>', '<', '<=', '>', '>=']);
const UNARY_ARITH = new Set(['neg', 'neg_money', 'neg_pct']);
const ARITH = new Set(['add', 'sub', 'mul', 'div', 'neg', 'add_money', 'sub_money', 'neg_money', 'mul_money_num', 'div_money_num', 'div_money_money',
  'pct_of_money', 'pct_of_num', 'add_pct', 'sub_pct', 'neg_pct', 'mul_pct_num', 'sub_date_date']);
const BUILTIN_ARITY: Record<string, number> = {
  to_date: 1, min: 2, max: 2, round_money: 1, round_num: 1, abs: 1, floor: 1, ceil: 1, days_between: 2,
  start_of_month: 1, end_of_month: 1, start_of_year: 1, end_of_year: 1, year_of: 1, month_of: 1, day_of: 1, months_between: 2, years_between: 2,
};
const NUMBER_TEXT = /^-?\d+(\.\d+)?$/;

/** The first semantic problem of an artifact whose shape is valid, or undefined. */
export function validateArtifact(a: Artifact): ArtifactProblem | undefined {
  try {
    new Validator(a).run();
    // the types are checked once every name resolves and every part has its shape
    checkTypes(a);
    return undefined;
  } catch (e) {
    if (e instanceof Problem || e instanceof SchemaProblemError) return { path: e.path, message: e.message };
    if (e instanceof RangeError) return { path: '$', message: 'it nests too deeply to be read' };
    throw e;
  }
}

class Validator implements Walker {
  /** Callable name -> number of parameters. */
  private callables = new Map<string, number>();
  private inputs = new Set<string>();
  private readings = new Set<string>();
  /** Callable name -> the callables its body refers to, and its deepest expression. */
  private edges = new Map<string, Set<string>>();
  private current = new Set<string>();
  private deepest = 0;
  /** Definitions by name, for the constructs that must name a state or a dated table. */
  private defs = new Map<string, Definition>();

  constructor(readonly a: Artifact) {}

  definition(n: string): Definition | undefined { return this.defs.get(n); }
  hasInput(n: string): boolean { return this.inputs.has(n); }

  run(): void {
    const a = this.a;
    if (!isKnownZone(a.program.zone)) fail('$.program.zone', `names the unknown time zone ${JSON.stringify(a.program.zone)}`);
    if (a.program.currency !== undefined && !isCurrency(a.program.currency)) fail('$.program.currency', 'is not an ISO 4217 currency');
    if (!/^(1|0\.0{0,11}1)$/.test(a.program.rounding.unit)) fail('$.program.rounding.unit', 'must be 1 or a power of ten down to 0.000000000001');
    const recordTypes = Object.keys(a.records).length;
    if (recordTypes > MAX_RECORD_TYPES * 1.25) fail('$.records', `declares ${recordTypes} record types, more than the ${MAX_RECORD_TYPES * 1.25} the runtime can nest one inside another`);
    for (const [n, e] of Object.entries(a.enums)) {
      name(n, `$.enums`);
      e.values.forEach((v, i) => name(v, `$.enums.${n}.values[${i}]`));
    }
    for (const [n, r] of Object.entries(a.records)) {
      name(n, '$.records');
      r.fields.forEach((f, i) => { name(f.name, `$.records.${n}.fields[${i}].name`); this.type(f.type, `$.records.${n}.fields[${i}].type`, 0); });
    }
    a.readings.forEach((r, i) => {
      this.readings.add(name(r.name, `$.readings[${i}].name`));
      const options = r.options.map((o, j) => name(o.name, `$.readings[${i}].options[${j}].name`));
      if (!options.includes(r.default)) fail(`$.readings[${i}].default`, 'is not one of the reading\'s options');
      if (!Object.hasOwn(a.enums, r.name)) fail(`$.readings[${i}]`, 'has no enumeration of its options');
    });
    a.inputs.forEach((f, i) => { this.inputs.add(name(f.name, `$.inputs[${i}].name`)); this.type(f.type, `$.inputs[${i}].type`, 0); });
    const declare = (n: string, params: number, path: string) => {
      if (this.callables.has(name(n, path))) fail(path, `declares ${n} a second time`);
      this.callables.set(n, params);
    };
    a.definitions.forEach((d, i) => { declare(d.name, d.params.length, `$.definitions[${i}].name`); this.defs.set(d.name, d); });
    a.outputs.forEach((o, i) => declare(o.name, 0, `$.outputs[${i}].name`));
    const depths = new Map<string, number>();
    a.definitions.forEach((d, i) => {
      const path = `$.definitions[${i}]`;
      onlyOwnParts(d, path);
      this.begin();
      this.type(d.type, `${path}.type`, 0);
      const locals = new Set(d.params.map((p, j) => { this.type(p.type, `${path}.params[${j}].type`, 0); return name(p.name, `${path}.params[${j}].name`); }));
      if (d.kind === 'value') this.expr(d.body, `${path}.body`, locals, 0);
      if (d.kind === 'rules') {
        const ruleNames = new Set(d.rules!.map((r) => r.name));
        d.rules!.forEach((r, j) => {
          this.expr(r.when, `${path}.rules[${j}].when`, locals, 0);
          this.expr(r.then, `${path}.rules[${j}].then`, locals, 0);
          r.overrides.forEach((o, k) => { if (!ruleNames.has(o)) fail(`${path}.rules[${j}].overrides[${k}]`, `names no rule of ${d.name}`); });
        });
        if (d.otherwise) this.expr(d.otherwise, `${path}.otherwise`, locals, 0);
      }
      if (d.kind === 'table') this.table(d.table!, `${path}.table`, locals);
      if (d.kind === 'eligibility') {
        d.requirements!.forEach((r, j) => {
          this.expr(r.when, `${path}.requirements[${j}].when`, locals, 0);
          // a nested requirement takes the reasons of another eligibility: its condition must yield one
          if (r.nested && !this.yieldsEligibility(r.when, d)) fail(`${path}.requirements[${j}].when`, 'is marked nested but is not an eligibility');
        });
      }
      if (d.kind === 'history') validateHistoryDefinition(this, d, path, locals);
      if (d.kind === 'dated') validateDatedDefinition(this, d, path);
      if (d.kind === 'ledger') validateLedgerDefinition(this, d, path, locals);
      this.end(d.name, depths);
    });
    a.outputs.forEach((o, i) => {
      this.begin();
      this.type(o.type, `$.outputs[${i}].type`, 0);
      this.expr(o.body, `$.outputs[${i}].body`, new Set(), 0);
      this.end(o.name, depths);
    });
    this.acyclic(depths);
    checkSchema(a.schemas.input, '$.schemas.input');
    checkSchema(a.schemas.output, '$.schemas.output');
  }

  /** Whether `e` (in the body of `d`) yields an eligibility, as the compiler nests one: a definition's, a parameter's, or a choice of them. */
  private yieldsEligibility(e: Expr, d: Definition): boolean {
    switch (e.op) {
      case 'ref': case 'call': return (this.defs.get(e.name)?.type ?? this.a.outputs.find((o) => o.name === e.name)?.type)?.k === 'eligibility';
      case 'local': return d.params.find((p) => p.name === e.name)?.type.k === 'eligibility';
      case 'if': return this.yieldsEligibility(e.then, d) && this.yieldsEligibility(e.else, d);
      case 'or_else': return this.yieldsEligibility(e.value, d) && this.yieldsEligibility(e.fallback, d);
      case 'match': return e.arms.every((a) => this.yieldsEligibility(a.result, d)) && (e.otherwise === undefined || this.yieldsEligibility(e.otherwise, d));
      case 'effective': return e.versions.every((v) => this.yieldsEligibility(v.value, d));
      default: return false;
    }
  }

  private begin(): void { this.current = new Set(); this.deepest = 0; }
  private end(n: string, depths: Map<string, number>): void { this.edges.set(n, this.current); depths.set(n, this.deepest); }

  /** No circle of references, and no chain whose summed depth the evaluator cannot hold. */
  private acyclic(depths: Map<string, number>): void {
    const done = new Map<string, number>(); // name -> total depth of its longest chain
    const onPath = new Set<string>();
    for (const root of this.edges.keys()) {
      if (done.has(root)) continue;
      const stack: { n: string; next: string[] }[] = [{ n: root, next: [...this.edges.get(root)!] }];
      onPath.add(root);
      while (stack.length) {
        const top = stack[stack.length - 1]!;
        const child = top.next.pop();
        if (child === undefined) {
          const below = Math.max(0, ...[...this.edges.get(top.n)!].map((c) => done.get(c) ?? 0));
          const total = below + (depths.get(top.n) ?? 0) + 1;
          if (total > MAX_EVAL_DEPTH) fail('$.definitions', `has ${top.n} resting on a chain of definitions too deep to evaluate`);
          done.set(top.n, total);
          onPath.delete(top.n);
          stack.pop();
          continue;
        }
        if (onPath.has(child)) fail('$.definitions', `has ${child} referring to itself through other definitions`);
        if (done.has(child)) continue;
        onPath.add(child);
        stack.push({ n: child, next: [...this.edges.get(child)!] });
      }
    }
  }

  type(t: Ty, path: string, depth: number): void {
    if (depth > 32) fail(path, 'nests types too deeply');
    switch (t.k) {
      case 'money': if (!isCurrency(t.cur)) fail(`${path}.cur`, 'is not an ISO 4217 currency'); break;
      case 'unit': name(t.unit, `${path}.unit`); break;
      case 'money_of': if (!Array.isArray(t.curs) || t.curs.length < 2 || !t.curs.every(isCurrency)) fail(`${path}.curs`, 'must list ISO 4217 currencies'); break;
      case 'enum': if (!Object.hasOwn(this.a.enums, t.name)) fail(`${path}.name`, `names no enumeration of the artifact`); break;
      case 'record': if (!Object.hasOwn(this.a.records, t.name)) fail(`${path}.name`, `names no record of the artifact`); break;
      case 'struct': t.fields.forEach((f, i) => { name(f.name, `${path}.fields[${i}].name`); this.type(f.type, `${path}.fields[${i}].type`, depth + 1); }); break;
      case 'list': case 'optional': case 'interval': this.type(t.of, `${path}.of`, depth + 1); break;
      default: break;
    }
  }

  private table(t: NonNullable<Artifact['definitions'][number]['table']>, path: string, locals: Set<string>): void {
    t.inputs.forEach((c, i) => { if (!CMP_KINDS.has(c.kind)) fail(`${path}.inputs[${i}].kind`, 'is not a comparison kind'); this.expr(c.expr, `${path}.inputs[${i}].expr`, locals, 0); });
    t.outputs.forEach((o, i) => { name(o.name, `${path}.outputs[${i}].name`); this.type(o.type, `${path}.outputs[${i}].type`, 0); });
    t.rows.forEach((r, i) => {
      const p = `${path}.rows[${i}]`;
      if (r.tests.length !== t.inputs.length || r.outputs.length !== t.outputs.length) fail(p, 'does not have one cell per column');
      r.tests.forEach((c, j) => this.cell(c, `${p}.tests[${j}]`, locals));
      r.outputs.forEach((o, j) => this.expr(o, `${p}.outputs[${j}]`, locals, 0));
    });
  }

  private cell(c: CellTest, path: string, locals: Set<string>): void {
    switch (c.t) {
      case 'any': return;
      case 'cmp': if (!CMP_OPS.has(c.cmp)) fail(`${path}.cmp`, 'is not a comparison operator'); this.expr(c.value, `${path}.value`, locals, 0); return;
      case 'in': this.list(c.values, `${path}.values`, locals, 0); return;
      case 'within': this.expr(c.interval, `${path}.interval`, locals, 0); return;
      default: fail(path, 'is not a table cell test');
    }
  }

  list(items: unknown, path: string, locals: Set<string>, depth: number): void {
    if (!Array.isArray(items)) fail(path, 'must be a list of expressions');
    (items as Expr[]).forEach((x, i) => this.expr(x, `${path}[${i}]`, locals, depth));
  }

  ref(n: unknown, path: string, args: number): void {
    if (typeof n !== 'string' || !this.callables.has(n)) fail(path, `refers to ${JSON.stringify(n)}, which the artifact does not define`);
    if (this.callables.get(n as string) !== args) fail(path, `calls ${n as string} with ${args} argument(s); it takes ${this.callables.get(n as string)}`);
    this.current.add(n as string);
  }

  expr(e: Expr | undefined, path: string, locals: Set<string>, depth: number): void {
    if (!e || typeof e !== 'object') return fail(path, 'must be an expression');
    if (depth > MAX_IR_DEPTH) fail(path, `nests deeper than ${MAX_IR_DEPTH} levels`);
    if (depth > this.deepest) this.deepest = depth;
    const extra = unknownField(e);
    if (extra !== undefined) fail(`${path}.${extra}`, `is not a field of a ${e.op} expression`);
    // a comparison's, interval's, version's, state's or lookup's span reaches errors and observers
    const span = (e as { span?: unknown }).span;
    if (span !== undefined && !(Array.isArray(span) && span.length === 4 && span.every((n) => Number.isInteger(n) && n >= 0))) fail(`${path}.span`, 'must be four whole numbers: start line and column, end line and column');
    const d = depth + 1;
    const sub = (x: Expr | undefined, key: string) => this.expr(x, `${path}.${key}`, locals, d);
    const flagAt = (v: unknown, key: string) => flag(v, `${path}.${key}`);
    const kind = (v: unknown, key: string) => cmpKind(v, `${path}.${key}`);
    const scale = (v: unknown) => { if (v !== undefined && !(Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 20)) fail(`${path}.scale`, 'must be a whole number from 0 to 20'); };
    switch (e.op) {
      case 'const': return this.constant(e.type, e.value, path);
      case 'input': if (!this.inputs.has(e.name)) fail(`${path}.name`, `names no input of the artifact`); return;
      case 'ref': return this.ref(e.name, `${path}.name`, 0);
      case 'call': this.list(e.args, `${path}.args`, locals, d); return this.ref(e.name, `${path}.name`, e.args.length);
      case 'local': if (!locals.has(e.name)) fail(`${path}.name`, 'names no parameter or variable in scope'); return;
      case 'reading': if (!this.readings.has(e.name)) fail(`${path}.name`, 'names no reading of the artifact'); return;
      case 'as_of': return;
      case 'field': if (typeof e.name !== 'string') fail(`${path}.name`, 'must be a field name'); return sub(e.target, 'target');
      case 'elig_ok': return sub(e.value, 'value');
      case 'convert': case 'convert_money': case 'split': validateQuantityExpr(e, path, sub, fail); return;
      case 'arith':
        if (!ARITH.has(e.fn)) fail(`${path}.fn`, `is not an arithmetic operation of the runtime`);
        scale(e.scale);
        if (!Array.isArray(e.args) || e.args.length !== (UNARY_ARITH.has(e.fn) ? 1 : 2)) fail(`${path}.args`, 'has the wrong number of operands');
        return this.list(e.args, `${path}.args`, locals, d);
      case 'date_add': case 'effective': case 'duration_of': case 'clock': case 'sequence': return validateTime(this, e, path, locals, d);
      case 'agg': case 'item': return validateCollection(this, e, path, locals, d);
      case 'history': return validateHistoryQuery(this, e, path, locals, d);
      case 'dated': return validateDatedLookup(this, e, path, locals, d);
      case 'ledger_balance': return validateLedgerBalance(this, e, path, locals, d);
      case 'cmp': kind(e.kind, 'kind'); if (!CMP_OPS.has(e.cmp)) fail(`${path}.cmp`, 'is not a comparison operator'); sub(e.left, 'left'); return sub(e.right, 'right');
      case 'in_set': kind(e.kind, 'kind'); flagAt(e.negated, 'negated'); sub(e.value, 'value'); return this.list(e.items, `${path}.items`, locals, d);
      case 'and': case 'or': return this.list(e.args, `${path}.args`, locals, d);
      case 'not': return sub(e.value, 'value');
      case 'if': sub(e.cond, 'cond'); sub(e.then, 'then'); return sub(e.else, 'else');
      case 'or_else': sub(e.value, 'value'); return sub(e.fallback, 'fallback');
      case 'present': flagAt(e.negated, 'negated'); return sub(e.value, 'value');
      case 'interval': flagAt(e.startInclusive, 'startInclusive'); flagAt(e.endInclusive, 'endInclusive'); sub(e.start, 'start'); return sub(e.end, 'end');
      case 'within': kind(e.kind, 'kind'); flagAt(e.negated, 'negated'); sub(e.value, 'value'); return sub(e.interval, 'interval');
      case 'match':
        sub(e.subject, 'subject');
        if (!Array.isArray(e.arms)) fail(`${path}.arms`, 'must be a list');
        e.arms.forEach((arm, i) => {
          onlyPartFields(arm, PART_FIELDS.arm, `${path}.arms[${i}]`, 'an arm of a match');
          if (!Array.isArray(arm.values) || !arm.values.every((v) => typeof v === 'string')) fail(`${path}.arms[${i}].values`, 'must be a list of names');
          this.expr(arm.result, `${path}.arms[${i}].result`, locals, d);
        });
        if (e.otherwise) sub(e.otherwise, 'otherwise');
        return;
      case 'list': return this.list(e.items, `${path}.items`, locals, d);
      case 'record':
        if (!Array.isArray(e.fields)) fail(`${path}.fields`, 'must be a list');
        return e.fields.forEach((f, i) => { onlyPartFields(f, PART_FIELDS.recordField, `${path}.fields[${i}]`, 'a field of a record'); name(f.name, `${path}.fields[${i}].name`); this.expr(f.value, `${path}.fields[${i}].value`, locals, d); });
      case 'builtin': {
        if (!Object.hasOwn(BUILTIN_ARITY, e.fn)) fail(`${path}.fn`, `is not a function of the runtime`);
        scale(e.scale);
        if (!Array.isArray(e.args) || e.args.length !== BUILTIN_ARITY[e.fn]) fail(`${path}.args`, 'has the wrong number of arguments');
        return this.list(e.args, `${path}.args`, locals, d);
      }
      default: return fail(`${path}.op`, `is not an operation of the runtime`);
    }
  }

  private constant(t: Ty, v: unknown, path: string): void {
    this.type(t, `${path}.type`, 0);
    const bad = (what: string) => fail(`${path}.value`, `must be ${what}`);
    switch (t.k) {
      case 'money': case 'unit': case 'percent': case 'decimal':
        if (typeof v !== 'string' || !NUMBER_TEXT.test(v) || digitCount(v) > MAX_DIGITS) bad(`a plain number of at most ${MAX_DIGITS} digits`);
        return;
      case 'integer':
        if (typeof v !== 'string' || !/^-?\d+$/.test(v) || digitCount(v) > MAX_DIGITS) bad(`a whole number of at most ${MAX_DIGITS} digits`);
        return;
      case 'boolean': if (typeof v !== 'boolean') bad('true or false'); return;
      case 'text': if (typeof v !== 'string') bad('text'); return;
      case 'date': if (!dayInRange(v as number)) bad('a day within the years 0001–9999'); return;
      case 'instant': if (!Number.isInteger(v) || (v as number) < MIN_INSTANT || (v as number) > MAX_INSTANT) bad('an instant within the years 0001–9999'); return;
      case 'duration': {
        const o = v as { n?: unknown; unit?: unknown } | null;
        if (!o || typeof o !== 'object' || !DURATION_UNITS.has(o.unit as string) || !Number.isInteger(o.n) || (o.n as number) < 0 || (o.n as number) > MAX_DURATION[o.unit as string]!) bad('a duration of at most ten thousand years');
        return;
      }
      case 'enum': if (typeof v !== 'string' || !this.a.enums[t.name]!.values.includes(v)) bad(`a value of ${t.name}`); return;
      default: if (v !== null) bad('null'); return;
    }
  }
}
