/**
 * The lexer: every token of the .rules language. The playground's highlighter reads
 * `TOKEN_CLASSES` from here, so there is one grammar of tokens, not two.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { isLineBreakChar } from './lines.js';

/** Any word: identifiers and keywords. Keywords stay usable as record field names. */
export const Word = createToken({ name: 'Word', pattern: Lexer.NA });

export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\u00A0\u202F\uFEFF]+/, group: Lexer.SKIPPED });
// a comment ends at any line break (language/lines.ts), and before U+2028/2029, which are refused
export const Comment = createToken({ name: 'Comment', pattern: /#[^\r\n\u2028\u2029]*/, group: 'comments', line_breaks: false });

/** Clause citation: `§4.1.3`, `§D`, `§5.4-5.5`. A trailing full stop is not part of it. */
export const Citation = createToken({ name: 'Citation', pattern: /§\s?[0-9A-Za-z\u0400-\u04FF]+(?:[.\-][0-9A-Za-z\u0400-\u04FF]+)*/ });

/** `|` as the first visible character of a line starts a table row. */
function matchRowStart(text: string, offset: number): RegExpExecArray | null {
  if (text[offset] !== '|' || text[offset + 1] === '|') return null;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (isLineBreakChar(c)) break;
    if (c !== ' ' && c !== '\t' && c !== '\r') return null;
  }
  const result = ['|'] as unknown as RegExpExecArray;
  return result;
}
export const RowStart = createToken({ name: 'RowStart', pattern: { exec: matchRowStart }, line_breaks: false, start_chars_hint: ['|'] });
export const DoublePipe = createToken({ name: 'DoublePipe', pattern: /\|\|/, line_breaks: false });
export const Pipe = createToken({ name: 'Pipe', pattern: /\|/, line_breaks: false });
export const Dashes = createToken({ name: 'Dashes', pattern: /-{3,}/, line_breaks: false });

export const DateLit = createToken({ name: 'DateLit', pattern: /\d{1,2}\.\d{1,2}\.\d{4}(?!\d)|\d{4}-\d{2}-\d{2}(?!\d)/, line_breaks: false });
export const TimeLit = createToken({ name: 'TimeLit', pattern: /\d{1,2}:\d{2}(?::\d{2})?(?!\d)/, line_breaks: false });
/**
 * `20%`, or with one space before the sign (`20 %`, also a no-break or narrow no-break
 * space: the same spaces as between thousands, which cst.ts plainNumber removes). Not any
 * white space: a tab, a line break or a paragraph separator there was taken into the
 * number's text, and the runtime refused the artifact (found by `npm run fuzz`).
 */
export const PercentLit = createToken({ name: 'PercentLit', pattern: /(?:\d{1,3}(?:[ \u00A0\u202F]\d{3}(?!\d))+|\d+)(?:\.\d+)?[ \u00A0\u202F]?%/, line_breaks: false });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /(?:\d{1,3}(?:[ \u00A0\u202F]\d{3}(?![\d]))+|\d+)(?:\.\d+)?/, line_breaks: false });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\r\n]|\\.)*"/, line_breaks: false });
/** An IANA zone name such as `Europe/Moscow`. Write division with spaces: `a / b`. */
export const ZoneLit = createToken({ name: 'ZoneLit', pattern: /[A-Z][A-Za-z_]+(?:\/[A-Za-z0-9_+\-]+)+/, line_breaks: false });

/** Unicode names (Cyrillic is fine). A custom matcher: Chevrotain cannot analyse `\p{L}`. */
const IDENTIFIER_RE = /[\p{L}_][\p{L}\p{N}_]*/uy;
/** ASCII letters, digits and `_`: the characters of most names, read without the Unicode regex. */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_NAME[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;
function matchIdentifier(text: string, offset: number): RegExpExecArray | null {
  // the lexer tries a name at every word, and after every keyword (its longer_alt); an
  // ASCII name ends at its first other ASCII character, anything else takes the regex
  const first = text.charCodeAt(offset);
  if (first < 128 && (first < 65 || ASCII_NAME[first] === 0)) return null; // digits and symbols start no name
  let end = offset;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c >= 128) { end = -1; break; }
    if (ASCII_NAME[c] === 0) break;
    end++;
  }
  if (end > offset) return [text.slice(offset, end)] as unknown as RegExpExecArray;
  IDENTIFIER_RE.lastIndex = offset;
  return IDENTIFIER_RE.exec(text);
}
/** First characters a name may start with: Latin, Greek, Cyrillic (Russian, Ukrainian, Kazakh), Armenian, Georgian. */
const NAME_START: number[] = [95];
for (const [from, to] of [[65, 90], [97, 122], [0xc0, 0x24f], [0x370, 0x3ff], [0x400, 0x52f], [0x531, 0x58f], [0x10a0, 0x10ff], [0x1e00, 0x1eff]] as const) {
  for (let c = from; c <= to; c++) if (/\p{L}/u.test(String.fromCharCode(c))) NAME_START.push(c);
}
export const Identifier = createToken({ name: 'Identifier', pattern: { exec: matchIdentifier }, categories: [Word], line_breaks: false, start_chars_hint: NAME_START });

const keywordTokens: TokenType[] = [];
function keyword(word: string): TokenType {
  const t = createToken({ name: `Kw_${word}`, pattern: word, line_breaks: false, longer_alt: Identifier, categories: [Word] });
  keywordTokens.push(t);
  return t;
}

/** The reserved words, by name. */
export const Kw = {
  program: keyword('program'), title: keyword('title'), source: keyword('source'), currency: keyword('currency'),
  zone: keyword('zone'), calendar: keyword('calendar'), rounding: keyword('rounding'), half: keyword('half'),
  to: keyword('to'), month: keyword('month'), end: keyword('end'),
  enum: keyword('enum'), record: keyword('record'), input: keyword('input'), parameter: keyword('parameter'),
  define: keyword('define'), period: keyword('period'), output: keyword('output'), table: keyword('table'),
  hit: keyword('hit'), reading: keyword('reading'), default: keyword('default'), option: keyword('option'),
  alternative: keyword('alternative'), eligible: keyword('eligible'), require: keyword('require'),
  otherwise: keyword('otherwise'), rule: keyword('rule'), when: keyword('when'), then: keyword('then'),
  overrides: keyword('overrides'), if: keyword('if'), else: keyword('else'), match: keyword('match'),
  and: keyword('and'), or: keyword('or'), not: keyword('not'), is: keyword('is'), one: keyword('one'),
  of: keyword('of'), present: keyword('present'), absent: keyword('absent'), within: keyword('within'),
  during: keyword('during'), before: keyword('before'), after: keyword('after'), on: keyword('on'),
  from: keyword('from'), through: keyword('through'), until: keyword('until'), in: keyword('in'),
  force: keyword('force'), where: keyword('where'), for: keyword('for'), each: keyword('each'),
  sum: keyword('sum'), count: keyword('count'), distinct: keyword('distinct'), earliest: keyword('earliest'),
  latest: keyword('latest'), exists: keyword('exists'), no: keyword('no'), every: keyword('every'),
  satisfies: keyword('satisfies'), minimum: keyword('minimum'), maximum: keyword('maximum'), list: keyword('list'),
  by: keyword('by'), true: keyword('true'), false: keyword('false'), optional: keyword('optional'),
  interval: keyword('interval'),
  // clock times, histories and tie-breaks
  state: keyword('state'), initially: keyword('initially'), over: keyword('over'),
  ties: keyword('ties'), previous: keyword('previous'), since: keyword('since'),
  // dated reference data
  dated: keyword('dated'), effective: keyword('effective'),
} as const;

const contextualTokens: TokenType[] = [];
/** A word that starts a construct but stays usable as a name: an Identifier, told apart by the parser. */
function contextual(word: string): TokenType {
  const t = createToken({ name: `Cx_${word}`, pattern: word, line_breaks: false, longer_alt: Identifier, categories: [Identifier, Word] });
  contextualTokens.push(t);
  return t;
}

/**
 * Words of quantities (`unit`, `rate`, `split`, `as`): tokens of their own, so the grammar
 * can start a construct with them, and Identifiers too, so they remain names elsewhere.
 */
export const Cx = {
  unit: contextual('unit'), rate: contextual('rate'), split: contextual('split'), as: contextual('as'),
  ledger: contextual('ledger'), lots: contextual('lots'), draws: contextual('draws'), policy: contextual('policy'),
} as const;

export const LParen = createToken({ name: 'LParen', pattern: '(', line_breaks: false });
export const RParen = createToken({ name: 'RParen', pattern: ')', line_breaks: false });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', line_breaks: false });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', line_breaks: false });
export const LBrace = createToken({ name: 'LBrace', pattern: '{', line_breaks: false });
export const RBrace = createToken({ name: 'RBrace', pattern: '}', line_breaks: false });
export const Comma = createToken({ name: 'Comma', pattern: ',', line_breaks: false });
export const Colon = createToken({ name: 'Colon', pattern: ':', line_breaks: false });
export const Dot = createToken({ name: 'Dot', pattern: '.', line_breaks: false });
export const LessEq = createToken({ name: 'LessEq', pattern: /<=|≤/, line_breaks: false });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: />=|≥/, line_breaks: false });
export const NotEq = createToken({ name: 'NotEq', pattern: /<>|!=|≠/, line_breaks: false });
export const Less = createToken({ name: 'Less', pattern: '<', line_breaks: false });
export const Greater = createToken({ name: 'Greater', pattern: '>', line_breaks: false });
export const Equals = createToken({ name: 'Equals', pattern: '=', line_breaks: false });
export const Plus = createToken({ name: 'Plus', pattern: '+', line_breaks: false });
export const Minus = createToken({ name: 'Minus', pattern: /-|−/, line_breaks: false });
export const Star = createToken({ name: 'Star', pattern: /\*|×/, line_breaks: false });
export const Slash = createToken({ name: 'Slash', pattern: '/', line_breaks: false });

/** All tokens in lexing order (longer and more specific patterns first). */
export const ALL_TOKENS: TokenType[] = [
  WhiteSpace, Comment, Citation, RowStart, DoublePipe, Pipe, Dashes,
  DateLit, TimeLit, PercentLit, NumberLit, StringLit, ZoneLit,
  // longer keywords first, so `optional` is not lexed as `option` + `al`
  ...[...keywordTokens, ...contextualTokens].sort((a, b) => String(b.PATTERN).length - String(a.PATTERN).length), Identifier, Word,
  LParen, RParen, LBracket, RBracket, LBrace, RBrace, Comma, Colon, Dot,
  LessEq, GreaterEq, NotEq, Less, Greater, Equals, Plus, Minus, Star, Slash,
];

/**
 * Words with a meaning only in one place, so they stay usable as names: `at` before a
 * time of day (`d at 23:00`), `item` in `item 2 of L`, `order` in `ties in list order`,
 * `history` in `history of status` (when nothing else is named `history`), the parts of a
 * split (`into 3 shares … remainder to first | last | largest`) and of a ledger's lines
 * (`amount`, `key`, `limit`, `cancelled`, `policy earliest expiring first | first in first out`).
 */
export const CONTEXTUAL_KEYWORDS = [
  'at', 'item', 'order', 'history', 'per', 'unit', 'rate', 'split', 'into', 'shares', 'remainder', 'as',
  'last', 'largest', 'amount', 'key', 'limit', 'cancelled', 'expiring', 'first', 'out',
];

/** The keywords' spellings, for completion and highlighting (contextual words lex as names). */
export const KEYWORDS: string[] = Object.keys(Kw);
/** The words of quantities (`unit`, `rate`, `split`, `as`), offered by completion like keywords. */
export const QUANTITY_WORDS: string[] = Object.keys(Cx);

/** Highlighting class of each token name (used by the playground's Monaco tokenizer). */
export const TOKEN_CLASSES: Record<string, string> = Object.fromEntries([
  ...keywordTokens.map((t) => [t.name, 'keyword']),
  ...contextualTokens.map((t) => [t.name, 'keyword']),
  ['Identifier', 'identifier'], ['Citation', 'citation'], ['StringLit', 'string'], ['NumberLit', 'number'],
  ['PercentLit', 'number'], ['DateLit', 'date'], ['TimeLit', 'date'], ['ZoneLit', 'type'], ['Comment', 'comment'],
  ['RowStart', 'delimiter'], ['Pipe', 'delimiter'], ['DoublePipe', 'delimiter'], ['Dashes', 'delimiter'],
]);

/**
 * A lexer of the language. `validate` runs Chevrotain's checks of the token definitions
 * (unreachable or empty patterns...): the tests do (test/language/grammar-validation.test.ts),
 * the shipped lexer skips them, which saves several tens of milliseconds at every start.
 */
export function buildLexer(validate = false): Lexer {
  return new Lexer(ALL_TOKENS, { positionTracking: 'full', ensureOptimizations: true, skipValidations: !validate });
}

/** The one lexer instance (Chevrotain lexers are reusable and costly to build). */
export const rulesLexer = buildLexer();
