/**
 * Generated bodies of rules with priorities and of eligibilities (the fast path never
 * explains, so no trace is kept). The logic that picks the winning rule and its faults
 * is one helper with the reference's sentences; only the conditions are generated.
 */
import type { Definition, RuleCaseIR } from '../ir.js';
import { fault } from '../errors.js';
import type { Generator, Scope } from './generate.js';
import { tableBody, TABLE_HELPERS } from './tables.js';
import { historyBody } from './history.js';

/** Picks the winner among the rules that hold, as the reference does (see eval/definitions.ts). */
function pick(def: Definition, held: boolean[]): number {
  const rules = def.rules!;
  const matched: RuleCaseIR[] = [];
  for (let i = 0; i < held.length; i++) if (held[i]) matched.push(rules[i]!);
  if (matched.length === 1) return rules.indexOf(matched[0]!);
  const winners = matched.filter((r) => !matched.some((o) => o !== r && o.overrides.includes(r.name)));
  if (winners.length > 1) {
    fault('RB-E-OVERLAP', `In ${def.name}, the rules ${winners.map((w) => `${w.name} (${w.clauses.join(' ') || 'no clause'})`).join(' and ')} both apply and neither overrides the other. Say which one wins with \`overrides\`.`, winners[1]!.span);
  }
  if (winners.length === 1) return rules.indexOf(winners[0]!);
  if (def.otherwise) return -1;
  return fault('RB-E-NO-RULE', `None of the rules of ${def.name} applies to this case, and it has no \`otherwise\`.`, def.span);
}

/** Helpers the generated definitions call through `R`. */
export const DEFINITION_HELPERS = { pick, ...TABLE_HELPERS };

/** Source of a definition's body by kind, or undefined for the kinds left to the reference. */
export function definitionBody(g: Generator, def: Definition, scope: Scope): string | undefined {
  if (def.kind === 'rules' && def.rules) {
    const when = def.rules.map((r) => `${g.expr(r.when, scope)} === true`);
    const i = g.fresh('t');
    const then = def.rules.map((r, n) => `${i} === ${n} ? ${g.expr(r.then, scope)} : `).join('');
    const otherwise = def.otherwise ? g.expr(def.otherwise, scope) : 'undefined';
    return `((${i}) => ${then}${otherwise})(R.pick(${g.k(def)}, [${when.join(', ')}]))`;
  }
  if (def.kind === 'eligibility' && def.requirements) {
    const reasons = g.fresh('t'), v = g.fresh('t');
    const checks = def.requirements.map((r) => {
      const test = g.expr(r.when, scope);
      return r.nested
        ? `{ const ${v} = ${test}; for (const x of ${v}.reasons) ${reasons}.push(x); }`
        : `if (${test} !== true) ${reasons}.push({ reason: ${g.k(r.reason)}, clauses: ${g.k(r.clauses)} });`;
    });
    return `(() => { const ${reasons} = []; ${checks.join(' ')} return { eligible: ${reasons}.length === 0, reasons: ${reasons} }; })()`;
  }
  if (def.kind === 'table' && def.table) return tableBody(g, def, scope);
  if (def.kind === 'history') return historyBody(g, def, scope);
  return undefined;
}
