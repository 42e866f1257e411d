/**
 * Compiles dated reference data: the rows are indexed once per evaluation (grouped by key,
 * sorted by date), and each lookup is a binary search for the last row in force.
 */
import type { Definition, Expr } from '../ir.js';
import { dottedDate } from '../values/calendar-date.js';
import { localDay } from '../values/instant.js';
import { isDec } from '../values/decimal.js';
import { EvalFault, fault } from '../errors.js';
import { enc, leafTrace, type Ctx, type Fn, type Env } from './common.js';
import { compileExpr } from '../compile-ir.js';
import { Line, addLine } from '../trace.js';

/** The rows of one key, sorted by their effective day. */
interface Group { days: number[]; rows: Record<string, unknown>[]; indexes: number[] }
/** What a `dated` definition evaluates to. */
export interface DatedIndex { groups: Map<string, Group> }

/** A key value as text: decimals by value, enum values and texts as they are. */
function keyText(v: unknown): string {
  return isDec(v) ? v.toString() : String(v);
}

/** Indexes the rows of a `dated` definition; two rows for one key and day are bad input. */
export function compileDated(env: Env, def: Definition): Fn {
  const d = def.dated!;
  const source = compileExpr(env, d.source);
  return (ctx, frame) => {
    const rows = source(ctx, frame) as Record<string, unknown>[];
    const groups = new Map<string, Group>();
    rows.forEach((row, i) => {
      const k = d.keyField ? keyText(row[d.keyField]) : '';
      let g = groups.get(k);
      if (!g) { g = { days: [], rows: [], indexes: [] }; groups.set(k, g); }
      g.days.push(row[d.dateField] as number);
      g.rows.push(row);
      g.indexes.push(i);
    });
    for (const g of groups.values()) {
      const order = g.days.map((_, i) => i).sort((a, b) => g.days[a]! - g.days[b]! || a - b);
      const days = order.map((i) => g.days[i]!), sorted = order.map((i) => g.rows[i]!), indexes = order.map((i) => g.indexes[i]!);
      for (let i = 1; i < days.length; i++) {
        if (days[i] !== days[i - 1]) continue;
        const where = d.inputPath ? `$.${d.inputPath}[${indexes[i]}]` : `row ${indexes[i]! + 1}`;
        const msg = `${where} is in force from ${dottedDate(days[i]!)}${d.keyField ? ` for ${d.keyField} ${keyText(sorted[i]![d.keyField])}` : ''}, like ${d.inputPath ? `$.${d.inputPath}[${indexes[i - 1]}]` : `row ${indexes[i - 1]! + 1}`}: ${def.name} may have one row per ${d.keyField ? `${d.keyField} and ` : ''}date.`;
        throw new EvalFault({ code: 'RB-E-INPUT', message: msg, ...(d.inputPath ? { path: `$.${d.inputPath}[${indexes[i]}]` } : {}), span: def.span });
      }
      g.days = days; g.rows = sorted; g.indexes = indexes;
    }
    return { groups } satisfies DatedIndex;
  };
}

/** `prices(d, key)`: the last row of that key whose date is on or before d. */
export function compileDatedLookup(env: Env, e: Extract<Expr, { op: 'dated' }>): Fn {
  const def = env.artifact.definitions.find((x) => x.name === e.name);
  const d = def?.dated;
  const at = compileExpr(env, e.at);
  const key = e.key ? compileExpr(env, e.key) : undefined;
  const zone = env.artifact.program.zone;
  const name = e.name;
  return (ctx: Ctx, f) => {
    const index = env.callables[name]!(ctx, []) as DatedIndex;
    const a = at(ctx, f) as number;
    const day = e.atKind === 'ms' ? localDay(a, zone) : a;
    const k = key ? keyText(key(ctx, f)) : '';
    const g = index.groups.get(k);
    let lo = 0, hi = (g?.days.length ?? 0) - 1, found = -1;
    while (g && lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (g.days[mid]! <= day) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (!g || found < 0) {
      const forKey = d?.keyField ? ` for ${d.keyField} ${k}` : '';
      const starts = g ? `; its rows${forKey} start on ${dottedDate(g.days[0]!)}` : d?.keyField ? `; it has no row${forKey}` : '; it has no rows';
      const message = `No row of ${name}${forKey} is in force on ${dottedDate(day)}${starts}.`;
      if (d?.inputPath) throw new EvalFault({ code: 'RB-E-NO-DATED-ROW', message, path: `$.${d.inputPath}`, ...(e.span ? { span: e.span } : {}) });
      return fault('RB-E-NO-DATED-ROW', message, e.span);
    }
    const row = g.rows[found]!;
    const lt = leafTrace(ctx);
    if (lt) {
      const clauses = d?.rowClauses?.[g.indexes[found]!] ?? def?.clauses ?? [];
      addLine(lt, new Line('row', `${name}: the row in force from ${dottedDate(g.days[found]!)}${d?.keyField ? ` for ${k}` : ''}`, clauses, undefined, undefined, undefined, enc(env, row, def!.type), true));
    }
    return row;
  };
}
