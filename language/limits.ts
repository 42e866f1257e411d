/**
 * Documented limits of the language, enforced with diagnostics instead of stack overflows
 * (docs/language.md, "Limits"):
 *
 * - brackets, `if`/`else`, `match`, aggregations, `not` and unary minus nest at most
 *   MAX_NESTING levels deep (the parser's rule depth is capped accordingly);
 * - one expression is at most MAX_EXPRESSION_DEPTH operations deep, counting each operand
 *   of a chain such as `a + b + c` (the checker and evaluator recurse on that depth);
 * - at most MAX_SYNTAX_ERRORS syntax errors are reported per file.
 */
import type { EmbeddedActionsParser, CstParser, IToken } from 'chevrotain';
import type * as A from './ast.js';
import { error, type Diagnostic } from './diagnostics.js';
import type { Span } from './span.js';
import { walkAst } from './walk.js';

export const MAX_NESTING = 40;
/** Grammar rules entered per nesting level (expr → … → primary) is about 11. */
export const MAX_RULE_DEPTH = 12 * MAX_NESTING + 20;
export const MAX_EXPRESSION_DEPTH = 200;
export const MAX_SYNTAX_ERRORS = 100;
/**
 * Chevrotain's recoveries inside a repetition tried per parse (grammar/expressions.ts
 * `shouldInRepetitionRecoveryBeTried`): each scans the rest of the file for a token that
 * may follow, so a long run of tokens no rule expects cost one scan of the file per token.
 */
export const MAX_REPETITION_RECOVERIES = 20;

/** Thrown out of the parser when its rule depth passes MAX_RULE_DEPTH. */
export class NestingTooDeep {
  constructor(readonly token: IToken) {}
}

type Guarded = (CstParser | EmbeddedActionsParser) & { __depthGuard?: boolean };

/**
 * Makes the parser stop with NestingTooDeep when it nests too deeply. Chevrotain calls
 * `ruleInvocationStateUpdate` on entering every rule and keeps the rule stack in
 * `RULE_STACK`; an exception that is not a recognition error passes through its recovery.
 */
export function installDepthGuard(parser: CstParser | EmbeddedActionsParser): void {
  const p = parser as Guarded & { ruleInvocationStateUpdate: (...a: unknown[]) => void; RULE_STACK: unknown[]; LA(i: number): IToken };
  if (p.__depthGuard) return;
  const enter = p.ruleInvocationStateUpdate;
  p.ruleInvocationStateUpdate = function (this: typeof p, ...args: unknown[]) {
    enter.apply(this, args);
    if (this.RULE_STACK.length > MAX_RULE_DEPTH) throw new NestingTooDeep(this.LA(1));
  };
  p.__depthGuard = true;
}

/** The RB102 diagnostic for a parse stopped by NestingTooDeep. */
export function nestingDiagnostic(span: Span): Diagnostic {
  return error('RB102', `This expression nests more than ${MAX_NESTING} levels deep (brackets, if/else, match, sums, not). Give the inner parts names with \`define\`.`, span);
}

/**
 * Removes from the file every declaration with an expression deeper than
 * MAX_EXPRESSION_DEPTH (so no later stage recurses into it) and reports each with RB102.
 * Walks iteratively: the AST itself may be arbitrarily deep.
 */
export function dropTooDeep(file: A.RulesFile): Diagnostic[] {
  const found: Diagnostic[] = [];
  file.declarations = file.declarations.filter((decl) => {
    let ok = true;
    walkAst(decl, (o, depth) => {
      if (depth <= MAX_EXPRESSION_DEPTH) return true;
      found.push(error('RB102', `This expression is more than ${MAX_EXPRESSION_DEPTH} operations deep (a chain like a + b + … counts each term). Split it into named definitions.`, o.span as Span));
      ok = false;
      return false;
    });
    return ok;
  });
  return found;
}

/** Keeps the first MAX_SYNTAX_ERRORS errors and says how many more there were. */
export function capErrors(diagnostics: Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length <= MAX_SYNTAX_ERRORS) return diagnostics;
  const kept = errors.slice(0, MAX_SYNTAX_ERRORS);
  const last = kept[kept.length - 1]!;
  kept.push(error('RB104', `${errors.length - MAX_SYNTAX_ERRORS} more syntax errors are not shown. Fix these first.`, last.span));
  return kept;
}
