/**
 * Checks dated reference data: a `dated` declaration (rows of a record type, each in force
 * from its date until the next row for the same key) and its lookups `prices(d)`,
 * `prices(d, key)`.
 */
import type * as A from '../../language/ast.js';
import { error, didYouMean } from '../../language/diagnostics.js';
import type { Definition, Expr, Ty } from '../../runtime/ir.js';
import { T, assignable, showType, cmpKindOf } from '../types.js';
import { parseDateLiteral } from '../literals.js';
import type { Scope } from '../scope.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { checkExpr } from '../check-expr.js';

/** The fields of a record type by name, or undefined when it names no record. */
export function recordFields(ctx: CheckContext, name: string): Map<string, Ty> | undefined {
  const sym = ctx.r.symbols.get(name);
  return sym?.kind === 'record' ? new Map([...sym.fields].map(([n, f]) => [n, f.type])) : undefined;
}

/** Checks a `dated` declaration and lowers it to a definition of kind `dated`. */
export function checkDatedDecl(ctx: CheckContext, d: A.DatedDecl, scope: Scope): Definition {
  const rowType: Ty = { k: 'record', name: d.rowType.text };
  const fields = recordFields(ctx, d.rowType.text);
  const base = { name: d.name.text, kind: 'dated' as const, params: [], type: rowType, clauses: d.citations.map((c) => c.text), ...(d.doc ? { doc: d.doc } : {}), span: sourceSpan(d.span) };
  const fail = (source: Expr): Definition => ({ ...base, dated: { source, dateField: d.dateField.text } });
  if (!fields) {
    const records = [...ctx.r.symbols].filter(([, s]) => s.kind === 'record').map(([n]) => n);
    ctx.diagnostics.push(error('RB425', `The rows of a dated table are records: \`${d.rowType.text}\` is not a record type.${didYouMean(d.rowType.text, records)}`, d.rowType.span));
    return fail(ERR.ir);
  }
  const fieldNames = [...fields.keys()];
  if (fields.get(d.dateField.text)?.k !== 'date') {
    ctx.diagnostics.push(error('RB425', fields.has(d.dateField.text)
      ? `\`effective ${d.dateField.text}\` must name a date field, but it is ${showType(fields.get(d.dateField.text)!)}.`
      : `${d.rowType.text} has no field \`${d.dateField.text}\`.${didYouMean(d.dateField.text, fieldNames)}`, d.dateField.span));
  }
  if (d.keyField) {
    const kt = fields.get(d.keyField.text);
    if (!kt) ctx.diagnostics.push(error('RB425', `${d.rowType.text} has no field \`${d.keyField.text}\`.${didYouMean(d.keyField.text, fieldNames)}`, d.keyField.span));
    else if (!cmpKindOf(kt) || kt.k === 'boolean') ctx.diagnostics.push(error('RB425', `Rows are told apart by a value (text, an enumeration, a number, a date), not by ${showType(kt)}.`, d.keyField.span));
  }
  if (d.source) {
    const c = checkExpr(ctx, d.source, scope, T.list(rowType));
    if (!isErr(c.type) && !assignable(c.type, T.list(rowType))) {
      ctx.diagnostics.push(error('RB425', `The rows of ${d.name.text} must be a list of ${d.rowType.text}, but this is ${showType(c.type)}.`, d.source.span));
    }
    const inputPath = d.source.kind === 'name' && ctx.r.symbols.get(d.source.name.text)?.kind === 'input' ? d.source.name.text : undefined;
    return { ...base, dated: { source: c.ir, dateField: d.dateField.text, ...(d.keyField ? { keyField: d.keyField.text } : {}), ...(inputPath ? { inputPath } : {}) } };
  }
  return { ...base, dated: { ...writtenRows(ctx, d, fields), dateField: d.dateField.text, ...(d.keyField ? { keyField: d.keyField.text } : {}) } };
}

/** The rows written in the program: every field once in the header, cells of the field's type, one row per key and date. */
function writtenRows(ctx: CheckContext, d: A.DatedDecl, fields: Map<string, Ty>): { source: Expr; rowClauses: string[][] } {
  const columns = d.columns ?? [];
  const seen = new Set<string>();
  for (const c of columns) {
    if (!fields.has(c.text)) ctx.diagnostics.push(error('RB425', `${d.rowType.text} has no field \`${c.text}\`.${didYouMean(c.text, [...fields.keys()])}`, c.span));
    else if (seen.has(c.text)) ctx.diagnostics.push(error('RB308', `The column \`${c.text}\` is given twice.`, c.span));
    seen.add(c.text);
  }
  const missing = [...fields].filter(([n, t]) => !seen.has(n) && t.k !== 'optional').map(([n]) => n);
  if (missing.length) ctx.diagnostics.push(error('RB425', `The header must give every field of ${d.rowType.text}; missing: ${missing.join(', ')}.`, columns[0]?.span ?? d.span));
  const keys = new Set<string>();
  const items: Expr[] = (d.rows ?? []).map((row) => {
    if (row.cells.length !== columns.length) {
      ctx.diagnostics.push(error('RB501', `This row has ${row.cells.length} cell(s) but the header has ${columns.length} column(s).`, row.span));
    }
    const values: { name: string; value: Expr }[] = [];
    const shown: string[] = [];
    columns.forEach((c, i) => {
      const cell = row.cells[i];
      const want = fields.get(c.text);
      if (!cell || !want) return;
      const v = checkExpr(ctx, cell, { locals: new Map(), present: new Set(), deps: new Set() }, want);
      if (!isErr(v.type) && !assignable(v.type, want)) ctx.diagnostics.push(error('RB412', `The column ${c.text} holds ${showType(want)}, but this cell is ${showType(v.type)}.`, cell.span));
      if (c.text === d.dateField.text || c.text === d.keyField?.text) shown.push(cell.kind === 'date' ? String(parseDateLiteral(cell.text)) : ctx.textOf(cell.span));
      values.push({ name: c.text, value: v.ir });
    });
    const id = shown.join('|');
    if (keys.has(id)) ctx.diagnostics.push(error('RB426', `Another row of ${d.name.text} is in force from the same date${d.keyField ? ` for the same ${d.keyField.text}` : ''}; keep one.`, row.span));
    keys.add(id);
    for (const [n, t] of fields) if (!seen.has(n) && t.k === 'optional') values.push({ name: n, value: { op: 'const', type: t, value: null } });
    return { op: 'record', fields: values };
  });
  return { source: { op: 'list', items }, rowClauses: (d.rows ?? []).map((r) => r.citations.map((c) => c.text)) };
}

/** `prices(d)`, `prices(d, key)`: the row in force on d. */
export function checkDatedLookup(ctx: CheckContext, e: A.Expr & { kind: 'call' }, d: A.DatedDecl, scope: Scope): Checked {
  const name = d.name.text;
  const arity = d.keyField ? 2 : 1;
  if (e.args.length !== arity) {
    return report(ctx, 'RB307', d.keyField ? `Look ${name} up with a date and a ${d.keyField.text}: ${name}(d, ${d.keyField.text}).` : `Look ${name} up with a date: ${name}(d).`, e.span);
  }
  const at = checkExpr(ctx, e.args[0]!, scope);
  if (isErr(at.type)) return ERR;
  if (at.type.k !== 'date' && at.type.k !== 'instant') {
    return report(ctx, at.type.k === 'optional' ? 'RB408' : 'RB425', `${name} is looked up on a date or at an instant, not on ${showType(at.type)}.`, e.args[0]!.span);
  }
  let key: Expr | undefined;
  if (d.keyField) {
    const kt = recordFields(ctx, d.rowType.text)?.get(d.keyField.text);
    const k = checkExpr(ctx, e.args[1]!, scope, kt);
    if (isErr(k.type)) return ERR;
    if (kt && !assignable(k.type, kt)) return report(ctx, k.type.k === 'optional' ? 'RB408' : 'RB425', `${name} is keyed by ${d.keyField.text}, ${showType(kt)}, not ${showType(k.type)}.`, e.args[1]!.span);
    key = k.ir;
  }
  scope.deps.add(name);
  return {
    ir: { op: 'dated', name, at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', ...(key ? { key } : {}), span: sourceSpan(e.span) },
    type: { k: 'record', name: d.rowType.text },
  };
}
