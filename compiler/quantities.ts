/**
 * Stage 2 for quantities: the units a program declares (`unit bonus, bonuses`) and the
 * rates it declares between units and currencies (`rate 1 bonus = 1.00 RUB`, or a parity
 * `rate 1 USD = 1 EUR`). The checker converts only through these.
 */
import type * as A from '../language/ast.js';
import { error, didYouMean, type Diagnostic } from '../language/diagnostics.js';
import { isCurrency } from '../runtime/values/currencies.js';
import type { Span } from '../language/span.js';
import type { Ty } from '../runtime/ir.js';
import { T } from './types.js';

/**
 * A declared rate: `fromAmount` of `from` is worth `toAmount` of `to` (and back); or, `dated`,
 * 1 `from` is worth the `field` of the row of the dated table `table` in force on a day.
 */
export interface Rate { from: string; fromAmount: string; to: string; toAmount: string; clauses: string[]; dated?: { table: string; field: string; span: Span } }

export interface Quantities {
  /** Every spelling of a declared unit (its name and its other spelling) -> its name. */
  units: Map<string, string>;
  rates: Rate[];
}

/** True for a three-letter code: a currency, not a unit. */
export function isCurrencyCode(word: string): boolean { return /^[A-Z]{3}$/.test(word); }

/** Collects the unit and rate declarations of a file, reporting bad ones (RB430, RB433). */
export function collectQuantities(file: A.RulesFile, diagnostics: Diagnostic[]): Quantities {
  const units = new Map<string, string>();
  const rates: Rate[] = [];
  for (const d of file.declarations) {
    if (d.kind !== 'unit') continue;
    for (const spelling of [d.name, ...(d.plural ? [d.plural] : [])]) {
      if (!spelling.text) continue;
      if (isCurrencyCode(spelling.text)) {
        diagnostics.push(error('RB433', `\`${spelling.text}\` looks like a currency code; a unit is named in lower case (points, bonus, seats), and money is written \`money ${spelling.text}\`.`, spelling.span));
      } else if (units.has(spelling.text)) {
        diagnostics.push(error('RB301', `The unit \`${spelling.text}\` is declared twice.`, spelling.span));
      } else units.set(spelling.text, d.name.text);
    }
  }
  const known = (n: A.Name): string | undefined => {
    if (isCurrencyCode(n.text)) {
      if (isCurrency(n.text)) return n.text;
      diagnostics.push(error('RB201', `\`${n.text}\` is not an ISO 4217 currency code.${didYouMean(n.text, ['RUB', 'KZT', 'UAH', 'USD', 'EUR'])}`, n.span));
      return undefined;
    }
    const u = units.get(n.text);
    if (!u) diagnostics.push(error('RB430', `\`${n.text}\` is not a declared unit.${didYouMean(n.text, units.keys())} Declare it first: \`unit ${n.text}\`.`, n.span));
    return u;
  };
  for (const d of file.declarations) {
    if (d.kind !== 'rate') continue;
    const from = known(d.from.unit), to = known(d.to.unit);
    if (!from || !to) continue;
    if (from === to) { diagnostics.push(error('RB433', `A rate converts between two different units or currencies; this one converts ${from} to itself.`, d.span)); continue; }
    if (Number(d.from.amount) === 0 || Number(d.to.amount) === 0) { diagnostics.push(error('RB433', 'Both sides of a rate must be more than zero.', d.span)); continue; }
    const dated = !!d.dated;
    if (rates.some((r) => !!r.dated === dated && ((r.from === from && r.to === to) || (r.from === to && r.to === from)))) {
      diagnostics.push(error('RB433', `A ${dated ? 'dated ' : ''}rate between ${from} and ${to} is already declared; declare it once (it converts both ways).`, d.span));
      continue;
    }
    if (dated && (!isCurrencyCode(from) || !isCurrencyCode(to))) {
      diagnostics.push(error('RB433', 'Dated rates convert between currencies; a unit has one fixed rate (`rate 1 bonus = 1.00 RUB`).', d.span));
      continue;
    }
    rates.push({
      from, fromAmount: d.from.amount, to, toAmount: d.to.amount, clauses: d.citations.map((c) => c.text),
      ...(d.dated ? { dated: { table: d.dated.table.text, field: d.dated.field.text, span: d.dated.table.span } } : {}),
    });
  }
  return { units, rates };
}

/** `money USD or EUR`: the currencies, each valid and listed once (one currency is plain money). */
export function moneyOfType(names: A.Name[], diagnostics: Diagnostic[]): Ty {
  const curs: string[] = [];
  for (const n of names) {
    if (!isCurrency(n.text)) { diagnostics.push(error('RB201', `\`${n.text}\` is not an ISO 4217 currency code.${didYouMean(n.text, ['RUB', 'KZT', 'UAH', 'USD', 'EUR'])}`, n.span)); return T.error; }
    if (curs.includes(n.text)) { diagnostics.push(error('RB308', `${n.text} is listed twice.`, n.span)); return T.error; }
    curs.push(n.text);
  }
  return curs.length === 1 ? T.money(curs[0]!) : { k: 'money_of', curs };
}

/** The declared dated rate between two currencies (either direction), if any. */
export function datedRateBetween(q: Quantities, from: string, to: string): { rate: Rate; invert: boolean } | undefined {
  for (const r of q.rates) {
    if (!r.dated) continue;
    if (r.from === from && r.to === to) return { rate: r, invert: false };
    if (r.from === to && r.to === from) return { rate: r, invert: true };
  }
  return undefined;
}

/** The declared fixed rate from one unit or currency to another, as a multiplier num / den, if any. */
export function rateBetween(q: Quantities, from: string, to: string): { num: string; den: string; rate: Rate } | undefined {
  for (const r of q.rates) {
    if (r.dated) continue;
    if (r.from === from && r.to === to) return { num: r.toAmount, den: r.fromAmount, rate: r };
    if (r.from === to && r.to === from) return { num: r.fromAmount, den: r.toAmount, rate: r };
  }
  return undefined;
}
