/**
 * Artifact validation of ledgers: a `ledger` definition's lots and draws read lists with
 * their variable in scope, order keys by a comparison kind, follow a known policy; a
 * balance question names a ledger of the artifact.
 */
import type { Definition, Expr } from '../ir.js';
import { fail, name, cmpKind, type Walker } from './common.js';

/** Validates a definition of kind `ledger`. */
export function validateLedgerDefinition(w: Walker, def: Definition, path: string, locals: Set<string>): void {
  const L = def.ledger;
  const p = `${path}.ledger`;
  if (!L || typeof L !== 'object' || !L.lots || !L.draws) return fail(p, 'is required for a ledger, with its lots and draws');
  if (def.params.length) fail(`${path}.params`, 'must be empty: a ledger is not called with arguments');
  if (L.policy !== 'earliest_expiry' && L.policy !== 'fifo') fail(`${p}.policy`, 'must be earliest_expiry or fifo');
  w.expr(L.lots.source, `${p}.lots.source`, locals, 0);
  const lotScope = new Set(locals).add(name(L.lots.variable, `${p}.lots.variable`));
  for (const k of ['amount', 'from', 'until', 'key'] as const) w.expr(L.lots[k], `${p}.lots.${k}`, lotScope, 0);
  if (L.lots.cancelled) w.expr(L.lots.cancelled, `${p}.lots.cancelled`, lotScope, 0);
  cmpKind(L.lots.keyKind, `${p}.lots.keyKind`);
  w.expr(L.draws.source, `${p}.draws.source`, locals, 0);
  const drawScope = new Set(locals).add(name(L.draws.variable, `${p}.draws.variable`));
  for (const k of ['amount', 'on', 'key'] as const) w.expr(L.draws[k], `${p}.draws.${k}`, drawScope, 0);
  if (L.draws.limit) w.expr(L.draws.limit, `${p}.draws.limit`, drawScope, 0);
  cmpKind(L.draws.keyKind, `${p}.draws.keyKind`);
}

/** Validates `ledger on d`; `d` is the depth of its operands. */
export function validateLedgerBalance(w: Walker, e: Extract<Expr, { op: 'ledger_balance' }>, path: string, locals: Set<string>, d: number): void {
  const def = typeof e.name === 'string' ? w.definition(e.name) : undefined;
  if (!def || def.kind !== 'ledger') return fail(`${path}.name`, `names ${JSON.stringify(e.name)}, which is not a ledger of the artifact`);
  w.ref(e.name, `${path}.name`, 0);
  w.expr(e.at, `${path}.at`, locals, d);
}
