/**
 * Stage 3b: checks every declaration and lowers it to an IR definition. Definitions
 * are checked on demand (a reference to `total` checks `total` first), so they may
 * appear in any order in the file; circular ones are reported by the ordering stage.
 */
import type * as A from '../language/ast.js';
import { error, warning, didYouMean, type Diagnostic } from '../language/diagnostics.js';
import type { Definition, OutputIR, Ty, Expr, CellTest, TableIR, RuleCaseIR, RequirementIR } from '../runtime/ir.js';
import type { Resolved } from './resolve.js';
import { checkExpr, checkCondition, asCondition, sourceSpan, type CheckContext, type Checked } from './check-expr.js';
import { rootScope, withPresent, presenceFacts } from './scope.js';
import { T, assignable, unify, showType, cmpKindOf, sameType, isNumber } from './types.js';
import { findOverlappingRows, coversEveryCase } from './table-overlap.js';
import { checkHistoryDecl } from './check/history.js';
import { checkDatedDecl } from './check/dated.js';
import { checkDatedRates } from './check/money.js';
import { checkLedgerDecl } from './check/ledger.js';
import { readAnswer, type CheckMemo, type ReadKind } from './check-memo.js';
import { dateParameterText } from './check/common.js';
import { detached } from '../language/detached.js';

export interface CheckedProgram {
  definitions: Map<string, Definition>;
  outputs: Map<string, OutputIR>;
  /** Top-level names each definition or output refers to. */
  deps: Map<string, Set<string>>;
  diagnostics: Diagnostic[];
}

/**
 * Checks all definitions and outputs; `source` supplies the text of rows and conditions for
 * explanations. With a `memo` (compiler/check-memo.ts, between `begin` and `end`), the
 * declarations whose check would give the same results are not checked again.
 */
export function checkProgram(r: Resolved, source = '', order: string[] = [], memo?: CheckMemo): CheckedProgram {
  const diagnostics: Diagnostic[] = [];
  const definitions = new Map<string, Definition>();
  const outputs = new Map<string, OutputIR>();
  const deps = new Map<string, Set<string>>();
  const types = new Map<string, Ty>();
  const inProgress = new Set<string>();
  const unit = r.program.rounding.unit;
  const ctx: CheckContext = {
    r, diagnostics, moneyScale: unit.includes('.') ? unit.split('.')[1]!.length : 0,
    // kept in the IR, which the playground's compiler reuses past this source (language/detached.ts)
    textOf: (span) => detached(source.slice(span.startOffset, span.endOffset).replace(/\s+/g, ' ').trim()),
    historyKey(name) {
      const key = historyKeyOf(name);
      memo?.read('h', name, key);
      return key;
    },
    typeOfSymbol(name) {
      const t = typeOf(name);
      memo?.read('t', name, t);
      return t;
    },
    dateParameter(name) {
      const text = dateParameterText(r, name);
      memo?.read('d', name, text);
      return text;
    },
  };
  function typeOf(name: string): Ty {
    const known = types.get(name);
    if (known) return known;
    // checking follows the order of compiler/limits.ts, so this recursion is only needed
    // where that order was a guess (a circle); it stays shallow either way
    if (inProgress.has(name) || inProgress.size > 64) return declaredTypeOf(name) ?? T.empty;
    checkSymbol(name);
    return types.get(name) ?? T.empty;
  }
  function historyKeyOf(name: string): 'day' | 'ms' | undefined {
    typeOf(name);
    return definitions.get(name)?.history?.keyKind;
  }
  /** A memo's question answered as the check would answer it, unrecorded. */
  const ask = (kind: ReadKind, name: string): string => (kind === 't' ? readAnswer('t', typeOf(name)) : kind === 'h' ? readAnswer('h', historyKeyOf(name)) : readAnswer('d', dateParameterText(r, name)));

  const declaredTypeOf = (name: string): Ty | undefined => {
    const s = r.symbols.get(name);
    return s && (s.kind === 'value' || s.kind === 'output' || s.kind === 'history') ? s.declaredType : s?.kind === 'eligible' ? T.eligibility : undefined;
  };

  function checkSymbol(name: string): void {
    const sym = r.symbols.get(name);
    if (!sym || types.has(name) || inProgress.has(name)) return;
    inProgress.add(name);
    const kept = memo?.recall(name, sym, ask);
    if (kept) {
      if (kept.definition) definitions.set(name, kept.definition);
      if (kept.output) outputs.set(name, kept.output);
      if (kept.type) types.set(name, kept.type);
      diagnostics.push(...kept.diagnostics);
      deps.set(name, kept.deps);
      inProgress.delete(name);
      return;
    }
    memo?.enter(diagnostics);
    const scope = rootScope(sym.kind === 'value' || sym.kind === 'table' || sym.kind === 'eligible' || sym.kind === 'history' ? sym.params : []);
    let def: Definition | undefined;
    switch (sym.kind) {
      case 'value': def = checkValue(ctx, sym.decl, sym.params, sym.declaredType, scope); break;
      case 'table': def = checkTable(ctx, sym.decl, sym.params, scope); break;
      case 'eligible': def = checkEligible(ctx, sym.decl, sym.params, scope); break;
      case 'history': def = checkHistoryDecl(ctx, sym.decl, sym.params, sym.declaredType, scope); break;
      case 'dated': def = checkDatedDecl(ctx, sym.decl, scope); break;
      case 'ledger': def = checkLedgerDecl(ctx, sym.decl, scope); break;
      case 'output': {
        const c = checkExpr(ctx, sym.decl.body, scope, sym.declaredType);
        const type = sym.declaredType ?? c.type;
        if (sym.declaredType && !assignable(c.type, sym.declaredType)) {
          diagnostics.push(error('RB409', `The output ${name} is declared as ${showType(sym.declaredType)} but its rule gives ${showType(c.type)}.`, sym.decl.body.span));
        }
        outputs.set(name, { name, type, clauses: sym.decl.citations.map((x) => x.text), doc: sym.decl.doc, span: sourceSpan(sym.decl.span), body: c.ir });
        types.set(name, type);
        break;
      }
      default: break;
    }
    if (def) { definitions.set(name, def); types.set(name, def.type); }
    deps.set(name, scope.deps);
    memo?.leave(name, sym, diagnostics, { definition: def, output: outputs.get(name), type: types.get(name), deps: scope.deps });
    inProgress.delete(name);
  }

  for (const name of order) checkSymbol(name);
  for (const name of r.order) checkSymbol(name);
  checkDatedRates(ctx);
  return { definitions, outputs, deps, diagnostics };
}

type Params = { name: string; type: Ty }[];
type Scope = ReturnType<typeof rootScope>;

function checkValue(ctx: CheckContext, d: A.ValueDecl, params: Params, declared: Ty | undefined, scope: Scope): Definition {
  const base = { name: d.name.text, params, clauses: d.citations.map((c) => c.text), doc: d.doc, span: sourceSpan(d.span) };
  const checkDeclared = (c: Checked, span: A.Expr['span']) => {
    if (declared && !assignable(c.type, declared)) {
      ctx.diagnostics.push(error(c.type.k === 'optional' && assignable(c.type.of, declared) ? 'RB408' : 'RB409', `${d.name.text} is declared as ${showType(declared)} but this gives ${showType(c.type)}.`, span));
    }
  };
  if (d.body) {
    const c = checkExpr(ctx, d.body, scope, declared);
    checkDeclared(c, d.body.span);
    return { ...base, kind: 'value', type: declared ?? c.type, body: c.ir };
  }
  // rule cases with priorities
  let type: Ty = declared ?? T.empty;
  const names = new Set<string>();
  const rules: RuleCaseIR[] = (d.rules ?? []).map((rc) => {
    if (names.has(rc.name.text)) ctx.diagnostics.push(error('RB301', `Two rules are named \`${rc.name.text}\`.`, rc.name.span));
    names.add(rc.name.text);
    const cond = checkCondition(ctx, rc.condition, scope);
    const v = checkExpr(ctx, rc.value, withPresent(scope, presenceFacts(rc.condition, true)), type.k === 'empty' ? undefined : type);
    checkDeclared(v, rc.value.span);
    const u = declared ? declared : unify(type, v.type);
    if (!u) ctx.diagnostics.push(error('RB413', `The rule ${rc.name.text} gives ${showType(v.type)} but other rules give ${showType(type)}.`, rc.value.span));
    else type = u;
    return { name: rc.name.text, when: cond.ir, then: v.ir, overrides: rc.overrides.map((o) => o.text), clauses: rc.citations.map((c) => c.text), span: sourceSpan(rc.span) };
  });
  for (const rc of d.rules ?? []) {
    for (const o of rc.overrides) {
      if (!names.has(o.text)) ctx.diagnostics.push(error('RB309', `\`${o.text}\` is not a rule of ${d.name.text}.${didYouMean(o.text, names)} Rules here are ${[...names].join(', ')}.`, o.span));
    }
  }
  closeOverrides(ctx, rules, d);
  let otherwise: Expr | undefined;
  if (d.otherwise) {
    const o = checkExpr(ctx, d.otherwise, scope, type);
    checkDeclared(o, d.otherwise.span);
    const u = unify(type, o.type);
    if (!u) ctx.diagnostics.push(error('RB413', `\`otherwise\` gives ${showType(o.type)} but the rules give ${showType(type)}.`, d.otherwise.span));
    otherwise = o.ir;
  } else {
    ctx.diagnostics.push(warning('RB508', `When none of the rules of ${d.name.text} applies, evaluation stops with an error. Add \`otherwise …\` if that case can happen.`, d.name.span));
  }
  return { ...base, kind: 'rules', type, rules, ...(otherwise ? { otherwise } : {}) };
}

/** Replaces each rule's `overrides` with its transitive closure; reports priority loops. */
function closeOverrides(ctx: CheckContext, rules: RuleCaseIR[], d: A.ValueDecl): void {
  const direct = new Map(rules.map((r) => [r.name, r.overrides]));
  const closure = new Map<string, Set<string>>();
  for (const r of rules) {
    const seen = new Set<string>();
    const stack = [...r.overrides];
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(direct.get(n) ?? []));
    }
    closure.set(r.name, seen);
  }
  // one diagnostic per loop, at its first rule, naming every rule in it
  const reported = new Set<string>();
  for (const r of rules) {
    const seen = new Set(closure.get(r.name));
    if (seen.has(r.name)) {
      if (!reported.has(r.name)) {
        const loop = rules.map((x) => x.name).filter((n, i, all) => all.indexOf(n) === i && (n === r.name || (seen.has(n) && closure.get(n)!.has(r.name))));
        for (const n of loop) reported.add(n);
        const message = loop.length === 1
          ? `The rule ${r.name} overrides itself; priorities must not loop.`
          : `The rules ${loop.join(', ')} override each other in a circle through \`overrides\`; priorities must not loop. Decide which rule wins and remove the other \`overrides\`.`;
        ctx.diagnostics.push(error('RB505', message, d.rules?.find((x) => x.name.text === r.name)?.name.span ?? d.name.span));
      }
      seen.delete(r.name);
    }
    r.overrides = [...seen].filter((n) => direct.has(n));
  }
}

function checkTable(ctx: CheckContext, d: A.TableDecl, params: Params, scope: Scope): Definition {
  const hit = d.hit.text;
  if (hit !== 'unique' && hit !== 'first' && hit !== 'collect') {
    ctx.diagnostics.push(error('RB503', `The hit policy is \`unique\`, \`first\` or \`collect\`, not \`${hit}\`.`, d.hit.span));
  }
  const inputs = d.inputs.map((e) => {
    const c = checkExpr(ctx, e, scope);
    if (c.type.k === 'optional') ctx.diagnostics.push(error('RB408', 'A table column may not be absent; give a default with `or else`.', e.span));
    return { label: exprLabel(e), expr: c.ir, type: c.type, kind: cmpKindOf(c.type) ?? 'str' as const };
  });
  const outTypes: Ty[] = d.outputs.map((o) => (o.type ? resolveColumnType(ctx, o.type) : T.empty));
  let catchAll = false;
  const rows: TableIR['rows'] = d.rows.map((row, ri) => {
    if (row.inputs.length !== inputs.length || row.outputs.length !== d.outputs.length) {
      ctx.diagnostics.push(error('RB501', `This row has ${row.inputs.length} condition and ${row.outputs.length} result cells; the header has ${inputs.length} and ${d.outputs.length}.`, row.span));
    }
    if (row.inputs.every((c) => c.kind === 'any')) catchAll = true;
    const tests = row.inputs.map((cell, i) => checkCell(ctx, cell, inputs[i]?.type ?? T.empty, scope));
    const outputs = row.outputs.map((cell, i) => {
      if (cell.kind !== 'expr') {
        ctx.diagnostics.push(error('RB412', 'A result cell must hold a value.', cell.span));
        return { op: 'const', type: T.empty, value: null } as Expr;
      }
      const c = checkExpr(ctx, cell.value, scope, outTypes[i]?.k === 'empty' ? undefined : outTypes[i]);
      const u = outTypes[i] ? unify(outTypes[i]!, c.type) : c.type;
      if (!u || (d.outputs[i]?.type && !assignable(c.type, outTypes[i]!))) {
        ctx.diagnostics.push(error('RB412', `The column ${d.outputs[i]?.name.text ?? i + 1} holds ${showType(outTypes[i] ?? T.empty)}, but this cell is ${showType(c.type)}.`, cell.span));
      } else if (i < outTypes.length) outTypes[i] = u;
      return c.ir;
    });
    const text = ctx.textOf(row.span).replace(/\s*§.*$/, '');
    return { tests, outputs, clauses: row.citations.map((c) => c.text), span: sourceSpan(row.span), label: `row ${ri + 1}`, ...(text ? { text } : {}) };
  });
  // a finite domain per column (enumeration values, yes/no), so that a table listing every value counts as complete
  const domainOf = (i: number): string[] | undefined => {
    const t = inputs[i]?.type;
    if (t?.k === 'boolean') return ['true', 'false'];
    const s = t?.k === 'enum' ? ctx.r.symbols.get(t.name) : undefined;
    return s?.kind === 'enum' ? s.values : s?.kind === 'reading' ? s.options : undefined;
  };
  if (hit !== 'collect' && !catchAll && !coversEveryCase(rows, domainOf)) {
    // under `unique` a row of dashes would overlap every other row, so do not suggest one
    const advice = hit === 'unique' ? 'Check that the rows cover every case that can happen.' : 'Add a last row of dashes if that can happen.';
    ctx.diagnostics.push(warning('RB508', `No row of ${d.name.text} matches every case; when none matches, evaluation stops with an error. ${advice}`, d.name.span));
  }
  if (hit === 'unique') {
    for (const [a, b] of findOverlappingRows(rows)) {
      ctx.diagnostics.push(error('RB502', `Rows ${a + 1} and ${b + 1} of ${d.name.text} can both match the same case, but the hit policy is \`unique\`. Narrow one of them or use \`hit first\`.`, d.rows[b]!.span));
    }
  }
  const struct: Ty = { k: 'struct', fields: d.outputs.map((o, i) => ({ name: o.name.text, type: outTypes[i] ?? T.empty })) };
  const table: TableIR = {
    hit: hit === 'first' || hit === 'collect' ? hit : 'unique',
    inputs: inputs.map(({ label, expr, kind }) => ({ label, expr, kind })),
    outputs: d.outputs.map((o, i) => ({ name: o.name.text, type: outTypes[i] ?? T.empty })),
    rows,
  };
  return {
    name: d.name.text, kind: 'table', params, type: hit === 'collect' ? T.list(struct) : struct,
    clauses: d.citations.map((c) => c.text), doc: d.doc, span: sourceSpan(d.span), table,
  };
}

function resolveColumnType(ctx: CheckContext, ref: A.TypeRef): Ty {
  if (ref.kind === 'named') {
    const n = ref.name.text;
    if (n === 'money') return T.money(ref.currency?.text ?? ctx.r.program.currency ?? 'XXX');
    if (['percent', 'decimal', 'integer', 'boolean', 'text', 'date', 'instant', 'duration'].includes(n)) return { k: n } as Ty;
    const unit = ctx.r.quantities.units.get(n);
    if (unit !== undefined) return T.unit(unit);
    const s = ctx.r.symbols.get(n);
    if (s?.kind === 'enum' || s?.kind === 'reading') return { k: 'enum', name: n };
  }
  return T.empty;
}

function exprLabel(e: A.Expr): string {
  if (e.kind === 'name') return e.name.text;
  if (e.kind === 'field') return `${exprLabel(e.target)}.${e.field.text}`;
  if (e.kind === 'call') return `${e.callee.text}(…)`;
  return 'value';
}

function checkCell(ctx: CheckContext, cell: A.Cell, column: Ty, scope: Scope): CellTest {
  // an instant column is compared by its calendar date (in the program's zone) when the cell holds dates
  const onDates = (t: Ty) => column.k === 'instant' && (t.k === 'date' || (t.k === 'interval' && t.of.k === 'date'));
  const fits = (t: Ty) => column.k === 'empty' || t.k === 'empty' || sameType(t, column) || (isNumber(t) && isNumber(column)) || onDates(t);
  const bad = (t: Ty, span: A.Cell['span']) => ctx.diagnostics.push(error('RB412', `This column holds ${showType(column)}, but the cell is ${showType(t)}.`, span));
  switch (cell.kind) {
    case 'any': return { t: 'any' };
    case 'compare': {
      const c = checkExpr(ctx, cell.value, scope, column);
      if (!fits(c.type)) bad(c.type, cell.span);
      return { t: 'cmp', cmp: cell.op, value: c.ir, ...(onDates(c.type) ? { asDate: true } : {}) };
    }
    case 'oneOf':
    case 'expr': {
      if (cell.kind === 'expr') {
        // a named period (or any interval value) in a cell tests the column against it
        const c = checkExpr(ctx, cell.value, scope, column);
        if (c.type.k === 'interval') {
          if (!fits(c.type.of)) bad(c.type, cell.span);
          return { t: 'within', interval: c.ir, ...(onDates(c.type.of) ? { asDate: true } : {}) };
        }
        if (!fits(c.type)) bad(c.type, cell.value.span);
        return { t: 'in', values: [c.ir], negated: false, ...(onDates(c.type) ? { asDate: true } : {}) };
      }
      const values = cell.values;
      let asDate = false;
      const irs = values.map((v) => {
        const c = checkExpr(ctx, v, scope, column);
        if (!fits(c.type)) bad(c.type, v.span);
        asDate ||= onDates(c.type);
        return c.ir;
      });
      return { t: 'in', values: irs, negated: cell.negated, ...(asDate ? { asDate } : {}) };
    }
    case 'within': {
      const c = checkExpr(ctx, cell.interval, scope);
      if (c.type.k !== 'interval' || !fits(c.type.of)) bad(c.type, cell.span);
      return { t: 'within', interval: c.ir, ...(c.type.k === 'interval' && onDates(c.type.of) ? { asDate: true } : {}) };
    }
  }
}

function checkEligible(ctx: CheckContext, d: A.EligibleDecl, params: Params, scope: Scope): Definition {
  const requirements: RequirementIR[] = d.requirements.map((req) => {
    const c = checkExpr(ctx, req.condition, scope);
    const nested = c.type.k === 'eligibility';
    const when = nested ? c.ir : asCondition(ctx, c, req.condition.span).ir;
    if (!req.reason && !nested) {
      ctx.diagnostics.push(warning('RB507', 'Say why this requirement fails, in words a client would understand: `otherwise "…"`.', req.span));
    }
    const text = ctx.textOf(req.condition.span);
    return { when, reason: req.reason ?? (nested ? `${text} is not met` : 'a requirement is not met'), clauses: req.citations.map((x) => x.text), span: sourceSpan(req.span), nested, ...(text ? { text } : {}) };
  });
  return {
    name: d.name.text, kind: 'eligibility', params, type: T.eligibility, clauses: d.citations.map((c) => c.text), doc: d.doc,
    span: sourceSpan(d.span), requirements,
  };
}
