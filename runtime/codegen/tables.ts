/**
 * Generated decision tables: the column values computed once, every row's cells tested
 * in order (each row stopping at its first failing cell, as the reference does, so the
 * same faults surface), then the hit policy; a `first` table whose cells cannot fault
 * stops at its first matching row. The policy and its faults are one helper with
 * the reference's sentences (eval/tables.ts); only the cell tests and outputs are generated.
 */
import type { CellTest, Definition } from '../ir.js';
import { fault } from '../errors.js';
import { encodeLoose } from '../eval/common.js';
import type { Generator, Scope } from './generate.js';

/** The row a `first` or `unique` table yields (its index), or the reference's fault. */
function tableRow(def: Definition, held: boolean[], values: unknown[]): number {
  const table = def.table!;
  let first = -1, second = -1;
  for (let i = 0; i < held.length; i++) if (held[i]) { if (first < 0) first = i; else if (second < 0) second = i; }
  if (table.hit === 'unique' && second >= 0) {
    const matched = table.rows.filter((_, i) => held[i]);
    fault('RB-E-UNIQUE', `In the table ${def.name}, ${matched.map((m) => `${m.label}${m.clauses.length ? ` (${m.clauses.join(' ')})` : ''}`).join(' and ')} all match, but the hit policy is unique. The table must be corrected.`, table.rows[second]!.span);
  }
  if (first < 0) {
    const shown = table.inputs.map((c, i) => `${c.label} = ${JSON.stringify(encodeLoose(values[i]))}`).join(', ');
    return fault('RB-E-NO-ROW', `No row of the table ${def.name} matches ${shown}.`, def.span);
  }
  return first;
}

/** Helpers the generated tables call through `R`. */
export const TABLE_HELPERS = { tableRow };

/** Source of one cell's test of the column value `v` (a generated identifier). */
function cell(g: Generator, t: CellTest, columnKind: Parameters<Generator['diff']>[0], v: string, scope: Scope): string | undefined {
  if (t.t === 'any') return 'true';
  const zone = g.k(g.zone);
  // a date cell against an instant column compares the instant's day in the program's zone
  const kind = t.asDate ? 'day' : columnKind;
  const x = t.asDate ? `R.localDay(${v}, ${zone})` : v;
  switch (t.t) {
    case 'cmp': return g.compare(kind, t.cmp, x, g.expr(t.value, scope));
    case 'in': return `((${t.values.map((i) => g.equal(kind, x, g.expr(i, scope))).join(' || ') || 'false'}) !== ${t.negated ? 'true' : 'false'})`;
    case 'within': return `R.inInterval(${g.k(kind)}, ${x}, ${g.expr(t.interval, scope)})`;
  }
}

/**
 * Source of a table definition's body, or undefined when a cell cannot be generated;
 * `row` wraps the source of the record a matched row yields (the traced program writes its line).
 */
export function tableBody(g: Generator, def: Definition, scope: Scope, row = (_n: number, record: string) => record): string | undefined {
  const table = def.table!;
  const cols = table.inputs.map(() => g.fresh('t'));
  const heads = table.inputs.map((c, i) => `const ${cols[i]} = ${g.expr(c.expr, scope)};`);
  const rows: string[] = [];
  for (const r of table.rows) {
    const tests = r.tests.map((t, i) => cell(g, t, table.inputs[i]?.kind ?? 'str', cols[i] ?? 'undefined', scope));
    if (tests.some((t) => t === undefined)) return undefined;
    rows.push(`(${tests.join(' && ') || 'true'})`);
  }
  const names = table.outputs.map((o) => o.name);
  const result = (n: number) => row(n, g.record(names, table.rows[n]!.outputs.map((o) => g.expr(o, scope))));
  const held = g.fresh('t');
  const start = `${heads.join(' ')} const ${held} = [${rows.join(', ')}];`;
  if (table.hit === 'collect') {
    const out = g.fresh('t');
    return `(() => { ${start} const ${out} = []; ${table.rows.map((_, n) => `if (${held}[${n}]) ${out}.push(${result(n)});`).join(' ')} return ${out}; })()`;
  }
  const i = g.fresh('t');
  const pick = table.rows.map((_, n) => `${i} === ${n} ? ${result(n)} : `).join('');
  // `first` with cells that cannot fault: stop at the first row that holds, with no array of
  // every row's result; no row holding is tableRow's fault, with every row tested again
  if (table.hit === 'first' && table.rows.every((r) => r.tests.every((t, c) => pure(t, table.inputs[c]?.kind)))) {
    const chain = rows.map((test, n) => `${test} ? ${n} : `).join('');
    return `(() => { ${heads.join(' ')} let ${i} = ${chain}-1; `
      + `if (${i} < 0) ${i} = R.tableRow(${g.k(def)}, [${rows.join(', ')}], [${cols.join(', ')}]); return ${pick}undefined; })()`;
  }
  return `(() => { ${start} const ${i} = R.tableRow(${g.k(def)}, ${held}, [${cols.join(', ')}]); return ${pick}undefined; })()`;
}

/**
 * A cell whose test cannot fault: anything, or a comparison of a text, enum, boolean, day
 * or instant column with constants (a decimal comparison reads the column's digits, which
 * an absent value has not).
 */
function pure(t: CellTest, kind: string | undefined): boolean {
  if (t.t === 'any') return true;
  if (t.asDate || !(kind === 'str' || kind === 'bool' || kind === 'day' || kind === 'ms')) return false;
  if (t.t === 'cmp') return t.value.op === 'const';
  return t.t === 'in' && t.values.every((v) => v.op === 'const');
}
