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
 * and lean towards accepting: absence is not checked (the IR does not mark where the
 * compiler narrowed an optional), and an unknown type fits anything.
 */
import type { Artifact, CellTest, Definition, Ty } from '../../ir.js';
import { isNumber } from '../../ty.js';
import { ANY, listOf, strip, isAny, sameShape, kindOf, mismatch, want, words, condition, fitsDeclared, bind, type Scope } from './common.js';
import { ExprTypes, comparable } from './expr.js';
import { checkHistoryDefinition, checkDatedDefinition, checkLedgerDefinition } from './state.js';

/** Throws a Problem (validate/common.ts) at the first expression whose types do not agree. */
export function checkTypes(a: Artifact): void {
  const w = new ExprTypes(a);
  a.definitions.forEach((d, i) => checkDefinition(w, d, `$.definitions[${i}]`));
  a.outputs.forEach((o, i) => fitsDeclared(w.infer(o.body, `$.outputs[${i}].body`, undefined), o.type, `$.outputs[${i}].body`, `the output ${o.name}`));
}

function checkDefinition(w: ExprTypes, d: Definition, path: string): void {
  let params: Scope | undefined;
  for (const p of d.params) params = bind(params, p.name, p.type);
  const what = `${d.name}`;
  switch (d.kind) {
    case 'value': return fitsDeclared(w.infer(d.body!, `${path}.body`, params), d.type, `${path}.body`, what);
    case 'rules':
      d.rules!.forEach((r, j) => {
        condition(w, r.when, `${path}.rules[${j}].when`, params);
        fitsDeclared(w.infer(r.then, `${path}.rules[${j}].then`, params), d.type, `${path}.rules[${j}].then`, what);
      });
      if (d.otherwise) fitsDeclared(w.infer(d.otherwise, `${path}.otherwise`, params), d.type, `${path}.otherwise`, what);
      return;
    case 'eligibility':
      if (d.type.k !== 'eligibility') mismatch(`${path}.type`, `declares the eligibility ${d.name} as ${words(d.type)}`);
      return d.requirements!.forEach((r, j) => {
        if (r.nested) want(w, r.when, `${path}.requirements[${j}].when`, params, (t) => t.k === 'eligibility', 'an eligibility result');
        else condition(w, r.when, `${path}.requirements[${j}].when`, params);
      });
    case 'table': return checkTable(w, d, path, params);
    case 'history': return checkHistoryDefinition(w, d, path, params);
    case 'dated': return checkDatedDefinition(w, d, path);
    case 'ledger': return checkLedgerDefinition(w, d, path, params);
  }
}

/**
 * A decision table: each column compared by the kind its type needs ('str' for a type
 * without one, as the compiler writes it), cells of the column's type (dates against an
 * instant column with `asDate`), results of the result columns' types, and the table's
 * type a record of its results, or a list of them when it collects every matching row.
 */
function checkTable(w: ExprTypes, d: Definition, path: string, params: Scope | undefined): void {
  const t = d.table!;
  const p = `${path}.table`;
  const columns = t.inputs.map((c, i) => {
    const ty = strip(w.infer(c.expr, `${p}.inputs[${i}].expr`, params));
    const need = isAny(ty) ? c.kind : kindOf(ty) ?? 'str';
    if (c.kind !== need) mismatch(`${p}.inputs[${i}].kind`, `compares a column of ${words(ty)} as ${c.kind === 'num' ? 'numbers' : c.kind === 'day' ? 'dates' : c.kind === 'ms' ? 'instants' : c.kind === 'bool' ? 'yes/no values' : 'text'}`);
    return ty;
  });
  const row: Ty = { k: 'struct', fields: t.outputs.map((o) => ({ name: o.name, type: o.type })) };
  const expected = t.hit === 'collect' ? listOf(row) : row;
  if (!sameShape(d.type, expected)) mismatch(`${path}.type`, `declares the table ${d.name} as ${words(d.type)}, but its hit policy ${t.hit} gives ${t.hit === 'collect' ? 'a list of its result rows' : 'one result row'}`);
  t.rows.forEach((r, i) => {
    r.tests.forEach((c, j) => checkCell(w, c, columns[j] ?? ANY, `${p}.rows[${i}].tests[${j}]`, params));
    r.outputs.forEach((o, j) => fitsDeclared(w.infer(o, `${p}.rows[${i}].outputs[${j}]`, params), t.outputs[j]?.type ?? ANY, `${p}.rows[${i}].outputs[${j}]`, `the column ${t.outputs[j]?.name ?? j + 1}`));
  });
}

/** A cell's values are of its column's type; dates against an instant column are compared by day, and say so. */
function checkCell(w: ExprTypes, c: CellTest, column: Ty, path: string, params: Scope | undefined): void {
  const onDates = (x: Ty) => column.k === 'instant' && x.k === 'date';
  const value = (x: Ty, at: string): boolean => {
    if (!isAny(column) && !isAny(x) && !onDates(x) && !comparable(x, column) && !(isNumber(x) && isNumber(column))) mismatch(at, `tests a column of ${words(column)} against ${words(x)}`);
    return onDates(x);
  };
  const asDate = (dates: boolean, known: boolean) => {
    // an instant column read as a day number, or a day read as an instant, would match the wrong rows
    if (known && dates !== (c.t !== 'any' && c.asDate === true)) mismatch(`${path}.asDate`, dates ? 'compares dates with a column of instants without saying so' : 'compares a column as dates though its cells are not');
  };
  switch (c.t) {
    case 'any': return;
    case 'cmp': { const x = strip(w.infer(c.value, `${path}.value`, params)); asDate(value(x, `${path}.value`), !isAny(x) && !isAny(column)); return; }
    case 'in': {
      let dates = false, known = !isAny(column);
      c.values.forEach((v, k) => { const x = strip(w.infer(v, `${path}.values[${k}]`, params)); known &&= !isAny(x); dates = value(x, `${path}.values[${k}]`) || dates; });
      return asDate(dates, known && c.values.length > 0);
    }
    case 'within': {
      const iv = want(w, c.interval, `${path}.interval`, params, (x) => x.k === 'interval', 'an interval');
      const of = iv.k === 'interval' ? strip(iv.of) : ANY;
      return asDate(value(of, `${path}.interval`), !isAny(of) && !isAny(column));
    }
  }
}
