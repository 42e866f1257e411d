/**
 * The load-time type check of an artifact, run after its shape and names were validated
 * (runtime/validate-artifact.ts): every definition's and output's body gives its declared
 * type, rules and tables give theirs, and every expression's operations get the operand
 * types the evaluators assume. A one-field change of type (a money constant made text, a
 * comparison of dates made numeric, a record field retyped) is refused here, with the path
 * of the first expression that no longer agrees, instead of answering RB-E-INTERNAL or a
 * silently different result during an evaluation.
 *
 * The rules follow the compiler's (compiler/check-expr.ts, compiler/check/, check-decls.ts)
 * and lean towards accepting: absence is checked only where a field is read, and an
 * unknown type fits anything.
 */
import type { Artifact, CellTest, Definition, Ty } from '../../ir.js';
import { ANY, listOf, strip, isAny, sameShape, kindOf, mismatch, want, words, condition, fitsDeclared, bind, problemOf, TypeMismatch, KIND_WORDS, type Scope } from './common.js';
import { ExprTypes, comparable } from './expr.js';
import { checkHistoryDefinition, checkDatedDefinition, checkLedgerDefinition } from './state.js';
import { given } from './presence.js';

/** Throws a Problem (validate/common.ts) at the first expression whose types do not agree. */
export function checkTypes(a: Artifact): void {
  try {
    const w = new ExprTypes(a);
    for (const d of a.definitions) checkDefinition(w, d);
    for (const o of a.outputs) fitsDeclared(w, o.body, undefined, o.type, `the output ${o.name}`);
  } catch (e) {
    throw e instanceof TypeMismatch ? problemOf(a, e) : e;
  }
}

function checkDefinition(w: ExprTypes, d: Definition): void {
  let params: Scope | undefined;
  for (const p of d.params) params = bind(params, p.name, p.type);
  switch (d.kind) {
    case 'value': return fitsDeclared(w, d.body!, params, d.type, d.name);
    case 'rules':
      for (const r of d.rules!) {
        condition(w, r.when, params);
        fitsDeclared(w, r.then, given(params, r.when, true), d.type, d.name);
      }
      if (d.otherwise) fitsDeclared(w, d.otherwise, params, d.type, d.name);
      return;
    case 'eligibility':
      if (d.type.k !== 'eligibility') mismatch(d, `declares the eligibility ${d.name} as ${words(d.type)}`, 'type');
      for (const r of d.requirements!) {
        if (r.nested) want(w, r.when, params, (t) => t.k === 'eligibility', 'an eligibility result');
        else condition(w, r.when, params);
      }
      return;
    case 'table': return checkTable(w, d, params);
    case 'history': return checkHistoryDefinition(w, d, params);
    case 'dated': return checkDatedDefinition(w, d);
    case 'ledger': return checkLedgerDefinition(w, d, params);
  }
}

/**
 * A decision table: each column compared by the kind its type needs ('str' for a type
 * without one, as the compiler writes it), cells of the column's type (dates against an
 * instant column with `asDate`), results of the result columns' types, and the table's
 * type a record of its results, or a list of them when it collects every matching row.
 */
function checkTable(w: ExprTypes, d: Definition, params: Scope | undefined): void {
  const t = d.table!;
  const columns = t.inputs.map((c) => {
    const ty = strip(w.infer(c.expr, params));
    const need = isAny(ty) ? c.kind : kindOf(ty) ?? 'str';
    if (c.kind !== need) mismatch(c, `compares a column of ${words(ty)} as ${KIND_WORDS[c.kind] ?? String(c.kind)}`, 'kind');
    return ty;
  });
  const row: Ty = { k: 'struct', fields: t.outputs.map((o) => ({ name: o.name, type: o.type })) };
  const expected = t.hit === 'collect' ? listOf(row) : row;
  if (!sameShape(d.type, expected)) mismatch(d, `declares the table ${d.name} as ${words(d.type)}, but its hit policy ${t.hit} gives ${t.hit === 'collect' ? 'a list of its result rows' : 'one result row'}`, 'type');
  for (const r of t.rows) {
    r.tests.forEach((c, j) => checkCell(w, c, columns[j] ?? ANY, params));
    r.outputs.forEach((o, j) => fitsDeclared(w, o, params, t.outputs[j]?.type ?? ANY, `the column ${t.outputs[j]?.name ?? j + 1}`));
  }
}

/** A cell's values are of its column's type; dates against an instant column are compared by day, and say so. */
function checkCell(w: ExprTypes, c: CellTest, column: Ty, params: Scope | undefined): void {
  const onDates = (x: Ty) => column.k === 'instant' && x.k === 'date';
  const value = (x: Ty, at: object): boolean => {
    if (!isAny(column) && !isAny(x) && !onDates(x) && !comparable(x, column)) mismatch(at, `tests a column of ${words(column)} against ${words(x)}`);
    return onDates(x);
  };
  const asDate = (dates: boolean, known: boolean) => {
    // an instant column read as a day number, or a day read as an instant, would match the wrong rows
    if (known && dates !== (c.t !== 'any' && c.asDate === true)) mismatch(c, dates ? 'compares dates with a column of instants without saying so' : 'compares a column as dates though its cells are not', 'asDate');
  };
  switch (c.t) {
    case 'any': return;
    case 'cmp': { const x = strip(w.infer(c.value, params)); asDate(value(x, c.value), !isAny(x) && !isAny(column)); return; }
    case 'in': {
      let dates = false, known = !isAny(column);
      for (const v of c.values) { const x = strip(w.infer(v, params)); known &&= !isAny(x); dates = value(x, v) || dates; }
      return asDate(dates, known && c.values.length > 0);
    }
    case 'within': {
      const iv = want(w, c.interval, params, (x) => x.k === 'interval', 'an interval');
      const of = iv.k === 'interval' ? strip(iv.of) : ANY;
      return asDate(value(of, c.interval), !isAny(of) && !isAny(column));
    }
  }
}
