/**
 * The shipped lexer and parser skip Chevrotain's definition checks to start fast
 * (language/tokens.ts, language/grammar/expressions.ts); these tests build them with the
 * checks on, so a grammar change that makes an ambiguity, a left recursion or an
 * unreachable token still fails here.
 */
import { describe, it, expect } from 'vitest';
import { buildLexer } from '../../language/tokens.js';
import { RulesParser } from '../../language/parser.js';

describe('grammar validation (skipped by the shipped parser, run here)', () => {
  it('the token definitions pass the lexer checks', () => {
    const lexer = buildLexer(true);
    expect(lexer.lexerDefinitionErrors).toEqual([]);
  });

  it('the grammar passes the parser checks', () => {
    // a validating Chevrotain parser throws "Parser Definition Errors detected" while it is built
    expect(() => new RulesParser(true)).not.toThrow();
  });
});
