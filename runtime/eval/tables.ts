/** Compiles decision tables: cell tests, hit policies and the rows shown in explanations. */
import type { Definition, CmpKind, Ty, CellTest, SourceSpan } from '../ir.js';
import { localDay } from '../values/instant.js';
import { fault } from '../errors.js';
import { compareBy, test, inInterval, enc, leafTrace, encodeLoose, type Ctx, type Frame, type Fn, type Env, type Interval } from './common.js';
import { compileExpr } from '../compile-ir.js';
import { Line, addLine } from '../trace.js';

/** Compiles one cell test of a decision table row; `at` (its column and row) is told to observers. */
export function compileCell(env: Env, t: CellTest, kind: CmpKind, at?: { column: string; span: SourceSpan }): (ctx: Ctx, frame: Frame, v: unknown) => boolean {
  const zone = env.artifact.program.zone;
  const k: CmpKind = t.t !== 'any' && t.asDate ? 'day' : kind;
  const prep = t.t !== 'any' && t.asDate ? (v: unknown) => localDay(v as number, zone) : (v: unknown) => v;
  const plain = compileCellTest(env, t, k, prep);
  if (t.t === 'any') return plain;
  // the cell's value or interval once more, for an observer (explanations only)
  const operand = compileExpr(env, t.t === 'cmp' ? t.value : t.t === 'within' ? t.interval : { op: 'list', items: t.values });
  const site = env.sites++;
  return (ctx, fr, v) => {
    const ok = plain(ctx, fr, v);
    if (ctx.observe) {
      const o = operand(ctx, fr);
      ctx.observe({ site, kind: 'cell', cmpKind: k, op: t.t === 'cmp' ? t.cmp : t.t === 'in' && t.negated ? 'not_in' : t.t, left: prep(v), ...(t.t === 'within' ? { interval: o as Interval } : { right: o }), result: ok, ...at, frame: fr, input: ctx.input, node: ctx.trace });
    }
    return ok;
  };
}

/** The test of one cell, without observation. */
function compileCellTest(env: Env, t: CellTest, k: CmpKind, prep: (v: unknown) => unknown): (ctx: Ctx, frame: Frame, v: unknown) => boolean {
  switch (t.t) {
    case 'any': return () => true;
    case 'cmp': { const f = compileExpr(env, t.value); return (ctx, fr, v) => test(t.cmp, compareBy(k, prep(v), f(ctx, fr))); }
    case 'in': {
      const fs = t.values.map((x) => compileExpr(env, x));
      return (ctx, fr, v) => fs.some((f) => compareBy(k, prep(v), f(ctx, fr)) === 0) !== t.negated;
    }
    case 'within': { const f = compileExpr(env, t.interval); return (ctx, fr, v) => inInterval(k, prep(v), f(ctx, fr) as Interval); }
  }
}

/** Compiles a decision table under its hit policy. */
export function compileTable(env: Env, def: Definition): Fn {
  const table = def.table!;
  const inputs = table.inputs.map((i) => compileExpr(env, i.expr));
  const rows = table.rows.map((r) => ({
    ...r,
    tests: r.tests.map((t, i) => compileCell(env, t, table.inputs[i]?.kind ?? 'str', { column: table.inputs[i]?.label ?? '', span: r.span })),
    outs: r.outputs.map((o) => compileExpr(env, o)),
  }));
  const struct: Ty = { k: 'struct', fields: table.outputs };
  const result = (ctx: Ctx, frame: Frame, row: (typeof rows)[number]) => {
    const o: Record<string, unknown> = Object.create(null);
    table.outputs.forEach((c, i) => { o[c.name] = row.outs[i]!(ctx, frame); });
    const lt = leafTrace(ctx);
    if (lt) {
      addLine(lt, new Line('row', row.label, row.clauses, undefined, undefined, undefined, enc(env, o, struct), true, row.text ? row.text : undefined));
    }
    return o;
  };
  return (ctx, frame) => {
    const values = inputs.map((f) => f(ctx, frame));
    const matched = rows.filter((row) => row.tests.every((t, i) => t(ctx, frame, values[i])));
    if (table.hit === 'collect') return matched.map((row) => result(ctx, frame, row));
    if (table.hit === 'unique' && matched.length > 1) {
      fault('RB-E-UNIQUE', `In the table ${def.name}, ${matched.map((m) => `${m.label}${m.clauses.length ? ` (${m.clauses.join(' ')})` : ''}`).join(' and ')} all match, but the hit policy is unique. The table must be corrected.`, matched[1]!.span);
    }
    if (matched.length === 0) {
      const shown = table.inputs.map((c, i) => `${c.label} = ${JSON.stringify(encodeLoose(values[i]))}`).join(', ');
      return fault('RB-E-NO-ROW', `No row of the table ${def.name} matches ${shown}.`, def.span);
    }
    return result(ctx, frame, matched[0]!);
  };
}
