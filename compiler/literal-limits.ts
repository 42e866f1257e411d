/**
 * Literals held to the runtime's exact ranges (runtime/values/limits.ts): money no finer
 * than its currency allows (unless the program rounds to a finer unit), numbers with at
 * most MAX_DIGITS digits, durations no longer than about ten thousand years, and no
 * instant at a local time the clocks skip.
 */
import type * as A from '../language/ast.js';
import { error, type Diagnostic } from '../language/diagnostics.js';
import { walkAst } from '../language/walk.js';
import type { DeclFactsCache } from './decl-facts.js';
import { instantLiteral } from './literals.js';
import { isCurrency } from '../runtime/values/currencies.js';
import { MAX_DIGITS, MAX_DURATION, digitCount, scaleOf, moneyScaleLimit } from '../runtime/values/limits.js';

type Node = A.Expr & { span: A.Name['span'] };

/**
 * RB212/RB211 for every literal of the file outside the exact ranges. A declaration found
 * free of them once under the same settings is not walked again when a `cache`
 * remembers it (compiler/decl-facts.ts).
 */
export function literalLimitDiagnostics(file: A.RulesFile, roundingUnit: string, programZone: string, cache?: DeclFactsCache): Diagnostic[] {
  const settings = `${roundingUnit} ${programZone}`;
  const found: Diagnostic[] = [];
  // in the order of one walk of the file: the declarations last to first, then the header
  for (let i = file.declarations.length - 1; i >= 0; i--) {
    const facts = cache?.of(file.declarations[i]!);
    if (facts?.literalsInRangeFor === settings) continue;
    const before = found.length;
    walkLiterals(file.declarations[i], roundingUnit, programZone, found);
    if (facts && found.length === before) facts.literalsInRangeFor = settings;
  }
  walkLiterals(file.header, roundingUnit, programZone, found);
  return found;
}

function walkLiterals(root: unknown, roundingUnit: string, programZone: string, found: Diagnostic[]): void {
  const programScale = scaleOf(roundingUnit);
  walkAst(root, (node) => {
    const o = node as unknown as Node;
    switch (o.kind) {
      case 'money': {
        const amount = o.amount.replace(/[^0-9.\-]/g, '');
        if (digitCount(amount) > MAX_DIGITS) found.push(error('RB211', `This amount has more than ${MAX_DIGITS} digits; amounts are kept exactly up to ${MAX_DIGITS} digits.`, o.span));
        else if (isCurrency(o.currency.text)) {
          const limit = moneyScaleLimit(o.currency.text, programScale);
          if (scaleOf(amount) > limit) {
            found.push(error('RB212', `${o.currency.text} has ${limit} digit${limit === 1 ? '' : 's'} after the point, so ${o.amount} ${o.currency.text} cannot be paid. Round it, or declare a finer unit: \`rounding half up to 0.${'0'.repeat(scaleOf(amount) - 1)}1\`.`, o.span));
          }
        }
        break;
      }
      case 'number': case 'percent':
        if (digitCount(o.text) > MAX_DIGITS) found.push(error('RB211', `This number has more than ${MAX_DIGITS} digits; numbers are kept exactly up to ${MAX_DIGITS} digits.`, o.span));
        break;
      case 'duration': {
        const max = MAX_DURATION[o.unit] ?? 0;
        if (/^\d+$/.test(o.amount) && Number(o.amount) > max) found.push(error('RB211', `The longest duration the rules count is ${max} ${o.unit.replace('_', ' ')}.`, o.span));
        break;
      }
      case 'instant': {
        const zone = o.zone ?? programZone;
        const r = instantLiteral(o.date, o.time, zone);
        if ('error' in r && r.error === 'gap') {
          found.push(error('RB205', `${o.date} ${o.time} does not exist in ${zone}: the clocks jump forward over it. Write the time after the jump.`, o.timeSpan ?? o.span));
        }
        break;
      }
      default: break;
    }
  });
}
