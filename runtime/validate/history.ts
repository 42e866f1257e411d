/**
 * Artifact validation of histories (`state` declarations): the fold's parts and its
 * transition rules, with the item, `previous` and `since` in scope; and the questions asked
 * of a state, which must name a state of the artifact with its parameters, and ask it at
 * the kind of time it changes at.
 */
import type { Definition, Expr } from '../ir.js';
import { fail, flag, name, oneOf, cmpKind, AT_KINDS, type Walker } from './common.js';

const QUERIES: ReadonlySet<string> = new Set(['current', 'value_at', 'period_at', 'periods']);

/** Validates the fold of a definition of kind `history`; `locals` are its parameters. */
export function validateHistoryDefinition(w: Walker, def: Definition, path: string, locals: Set<string>): void {
  const h = def.history;
  const p = `${path}.history`;
  if (!h || typeof h !== 'object') return fail(p, 'is required for a state');
  oneOf(AT_KINDS, h.keyKind, `${p}.keyKind`, 'must be day or ms');
  flag(h.tieInListOrder, `${p}.tieInListOrder`);
  w.expr(h.initial, `${p}.initial`, locals, 0);
  w.expr(h.start, `${p}.start`, locals, 0);
  w.expr(h.source, `${p}.source`, locals, 0);
  // the rules see the item, `previous` and `since` by name: one name for two of them would give one its other's value
  const variable = name(h.variable, `${p}.variable`);
  if (variable === 'previous' || variable === 'since' || locals.has(variable)) fail(`${p}.variable`, `names the item ${variable}, a name its rules already use`);
  for (const q of locals) if (q === 'previous' || q === 'since') fail(`${path}.params`, `has a parameter named ${q}, a name the state's rules use for something else`);
  const inner = new Set(locals).add(variable);
  if (h.key !== undefined) w.expr(h.key, `${p}.key`, inner, 0);
  if (h.tie !== undefined || h.tieKind !== undefined) {
    if (h.tieInListOrder) fail(`${p}.tie`, 'orders items on one date twice: by a tie-breaker and in list order');
    // without its kind the evaluator would compare the tie-breakers as numbers
    if (h.tie === undefined || h.tieKind === undefined) fail(`${p}.${h.tie === undefined ? 'tie' : 'tieKind'}`, 'is required with a tie-breaker');
    cmpKind(h.tieKind, `${p}.tieKind`);
    w.expr(h.tie, `${p}.tie`, inner, 0);
  }
  if (!Array.isArray(h.rules) || h.rules.length === 0) fail(`${p}.rules`, 'must list at least one rule');
  const ruleLocals = new Set(inner).add('previous').add('since');
  const seen = new Set<string>();
  h.rules.forEach((r, j) => {
    const n = name(r.name, `${p}.rules[${j}].name`);
    if (seen.has(n)) fail(`${p}.rules[${j}].name`, `declares the rule ${n} a second time`);
    seen.add(n);
    w.expr(r.when, `${p}.rules[${j}].when`, ruleLocals, 0);
    w.expr(r.then, `${p}.rules[${j}].then`, ruleLocals, 0);
  });
}

/** Validates a question asked of a state; `d` is the depth of its operands. */
export function validateHistoryQuery(w: Walker, e: Extract<Expr, { op: 'history' }>, path: string, locals: Set<string>, d: number): void {
  const def = typeof e.name === 'string' ? w.definition(e.name) : undefined;
  if (!def || def.kind !== 'history') return fail(`${path}.name`, `names ${JSON.stringify(e.name)}, which is not a state of the artifact`);
  oneOf(QUERIES, e.query, `${path}.query`, 'is not a question the runtime asks a state');
  const args = e.args ?? [];
  w.list(args, `${path}.args`, locals, d);
  w.ref(e.name, `${path}.name`, args.length);
  if (e.query === 'current' || e.query === 'periods') {
    if (e.at !== undefined || e.atKind !== undefined) fail(`${path}.at`, `has no place in the question ${e.query}`);
    return;
  }
  oneOf(AT_KINDS, e.atKind, `${path}.atKind`, 'must be day or ms');
  // a day number searched among instants would silently find the wrong period
  if (def.history?.keyKind === 'ms' && e.atKind === 'day') fail(`${path}.atKind`, `asks ${e.name}, which changes at instants, about a day`);
  w.expr(e.at, `${path}.at`, locals, d);
}
