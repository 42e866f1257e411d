/**
 * Checks conversions of money: `x as USD` for money in one of several currencies
 * (`money USD or EUR`), and `x as USD on d` through dated rates. Every source currency
 * needs its declared route to the target (a fixed rate such as the parity `rate 1 EUR =
 * 1 USD`, or the dated `rate EUR to USD = fx.usd_per_unit`); the checker names the one missing.
 */
import type * as A from '../../language/ast.js';
import type { Expr, MoneyRoute, Ty } from '../../runtime/ir.js';
import { T, showType } from '../types.js';
import { rateBetween, datedRateBetween, type Rate } from '../quantities.js';
import type { Scope } from '../scope.js';
import type { Symbol } from '../resolve.js';
import { ERR, report, isErr, sourceSpan, type Checked, type CheckContext } from './common.js';
import { recordFields } from './dated.js';
import { checkExpr } from '../check-expr.js';

/** `x as CUR [on d]` where x is money (of one or several currencies); `to` is a valid code. */
export function checkMoneyConvert(ctx: CheckContext, e: A.Expr & { kind: 'convert' }, v: Checked, to: string, scope: Scope): Checked {
  const t = v.type as Extract<Ty, { k: 'money' | 'money_of' }>;
  const sources = t.k === 'money' ? [t.cur] : t.curs;
  let at: Checked | undefined;
  if (e.at) {
    at = checkExpr(ctx, e.at, scope);
    if (isErr(at.type)) return ERR;
    if (at.type.k !== 'date' && at.type.k !== 'instant') return report(ctx, at.type.k === 'optional' ? 'RB408' : 'RB432', `Dated rates are read on a date or at an instant, not on ${showType(at.type)}.`, e.at.span);
  }
  const routes: Record<string, MoneyRoute> = Object.create(null) as Record<string, MoneyRoute>;
  for (const from of sources) {
    if (from === to) continue;
    if (at) {
      const d = datedRateBetween(ctx.r.quantities, from, to);
      if (!d) {
        const fixed = rateBetween(ctx.r.quantities, from, to) ? ` A fixed rate between them is declared: drop \`on …\` to use it.` : '';
        return report(ctx, 'RB432', `No dated rate converts ${from} to ${to}. Declare one, e.g. \`rate ${from} to ${to} = fx_rates.rate\` over a dated table of rates.${fixed}`, e.span);
      }
      const rate = datedRate(ctx, d.rate, at, scope);
      if (!rate) return ERR;
      routes[from] = { rate, invert: d.invert, clauses: d.rate.clauses };
    } else {
      const r = rateBetween(ctx.r.quantities, from, to);
      if (!r) {
        const dated = datedRateBetween(ctx.r.quantities, from, to) ? ` Dated rates between them are declared: write \`as ${to} on d\` with the day of the rate.` : '';
        return report(ctx, 'RB432', `No rate converts ${from} to ${to}: amounts in ${sources.join(' or ')} are never converted silently. Declare one, e.g. the parity \`rate 1 ${from} = 1 ${to}\`, or dated rates (\`rate ${from} to ${to} = table.field\`).${dated}`, e.span);
      }
      routes[from] = { num: r.num, den: r.den, clauses: r.rate.clauses };
    }
  }
  const ir: Expr = {
    op: 'convert_money', value: v.ir, multi: t.k === 'money_of', ...(t.k === 'money' ? { from: t.cur } : {}), to,
    scale: ctx.moneyScale, routes, span: sourceSpan(e.span),
  };
  return { ir, type: T.money(to) };
}

/** The rate of a dated rate declaration on a day: `table(at, from).field`, a decimal. */
function datedRate(ctx: CheckContext, rate: Rate, at: Checked, scope: Scope): Expr | undefined {
  const { table, field, span } = rate.dated!;
  // a bad declaration was reported once by checkDatedRates
  if (datedRateProblem(ctx, rate)) return undefined;
  const sym = ctx.r.symbols.get(table) as Extract<Symbol, { kind: 'dated' }>;
  ctx.typeOfSymbol(table);
  scope.deps.add(table);
  const key: Expr | undefined = sym.decl.keyField ? { op: 'const', type: T.text, value: rate.from } : undefined;
  return { op: 'field', name: field, target: { op: 'dated', name: table, at: at.ir, atKind: at.type.k === 'date' ? 'day' : 'ms', ...(key ? { key } : {}), span: sourceSpan(span) } };
}

/** Why an operation cannot take money of several currencies as it is, or undefined. */
export function moneyOfProblem(lt: Ty, rt: Ty): string | undefined {
  const m = lt.k === 'money_of' ? lt : rt.k === 'money_of' ? rt : undefined;
  if (!m) return undefined;
  return `This amount may be in ${m.curs.join(' or ')}, and amounts are never converted silently: convert it first, e.g. \`x as ${m.curs[0]}\` (through a declared rate), then compare or add.`;
}

/** What is wrong with a dated rate declaration (its table, its rate field), or undefined. */
function datedRateProblem(ctx: CheckContext, rate: Rate): string | undefined {
  const { table, field } = rate.dated!;
  const sym = ctx.r.symbols.get(table);
  if (sym?.kind !== 'dated') return `\`${table}\` is not a dated table; dated rates are read from one (\`dated ${table}: FxRate effective from per currency = …\`).`;
  const ft = recordFields(ctx, sym.decl.rowType.text)?.get(field);
  if (!ft || (ft.k !== 'decimal' && ft.k !== 'integer')) return `The rows of ${table} need a number field \`${field}\` giving the rate (1 ${rate.from} in ${rate.to}).`;
  return undefined;
}

/** Reports every dated rate declaration whose table or rate field is wrong (RB433), used or not. */
export function checkDatedRates(ctx: CheckContext): void {
  for (const rate of ctx.r.quantities.rates) {
    const problem = rate.dated && datedRateProblem(ctx, rate);
    if (problem) report(ctx, 'RB433', problem, rate.dated!.span);
  }
}
