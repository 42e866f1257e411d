/**
 * Stage 2: collects the declarations of a file into a symbol table, validates the
 * program header and resolves type names. Names used inside expressions are
 * resolved by the checker, which knows the local scope.
 */
// the compiler accepts exactly the zones the runtime can evaluate
import { isKnownZone } from '../runtime/values/instant.js';
import type * as A from '../language/ast.js';
import { error, warning, didYouMean, type Diagnostic } from '../language/diagnostics.js';
import { FILE_START, type Span } from '../language/span.js';
import type { Ty, RoundingMode, Artifact } from '../runtime/ir.js';
import { isCurrency } from '../runtime/values/currencies.js';
import { KNOWN_CALENDARS } from '../runtime/calendars/index.js';
import { T } from './types.js';
import { reservedNameDiagnostics } from './reserved-names.js';
import { literalLimitDiagnostics } from './literal-limits.js';
import { collectQuantities, moneyOfType, type Quantities } from './quantities.js';
import type { DeclFactsCache } from './decl-facts.js';

/** The program header as the artifact stores it. */
export type ProgramInfo = Artifact['program'];

export type Symbol =
  | { kind: 'enum'; decl: A.EnumDecl; values: string[] }
  | { kind: 'record'; decl: A.RecordDecl; fields: Map<string, { type: Ty; field: A.Field }> }
  | { kind: 'input'; field: A.Field; type: Ty }
  | { kind: 'value'; decl: A.ValueDecl; params: { name: string; type: Ty }[]; declaredType?: Ty }
  | { kind: 'table'; decl: A.TableDecl; params: { name: string; type: Ty }[] }
  | { kind: 'eligible'; decl: A.EligibleDecl; params: { name: string; type: Ty }[] }
  | { kind: 'reading'; decl: A.ReadingDecl; options: string[]; defaultOption: string }
  | { kind: 'output'; decl: A.OutputDecl; declaredType?: Ty }
  | { kind: 'history'; decl: A.HistoryDecl; params: { name: string; type: Ty }[]; declaredType?: Ty }
  | { kind: 'dated'; decl: A.DatedDecl }
  | { kind: 'unit'; decl: A.UnitDecl }
  | { kind: 'ledger'; decl: A.LedgerDecl };

export interface Resolved {
  program: ProgramInfo;
  symbols: Map<string, Symbol>;
  /** Declarations in source order, for stable output. */
  order: string[];
  /** True when the header names a calendar, even an unknown one (reported once, there). */
  calendarDeclared: boolean;
  /** Declared units and rates (compiler/quantities.ts). */
  quantities: Quantities;
  diagnostics: Diagnostic[];
}

const ROUNDING_MODES: Record<string, RoundingMode> = {
  'half up': 'half_up', 'half even': 'half_even', 'half down': 'half_down', up: 'up', down: 'down', floor: 'floor', ceiling: 'ceiling',
};
const BUILTIN_TYPES = ['money', 'percent', 'decimal', 'integer', 'boolean', 'text', 'date', 'instant', 'duration'];


/** Builds the symbol table of a parsed file; `facts` remembers per-declaration walks (compiler/decl-facts.ts). */
export function resolve(file: A.RulesFile, facts?: DeclFactsCache): Resolved {
  const diagnostics: Diagnostic[] = reservedNameDiagnostics(file, facts);
  const program = readHeader(file, diagnostics);
  diagnostics.push(...literalLimitDiagnostics(file, program.rounding.unit, program.zone, facts));
  const symbols = new Map<string, Symbol>();
  const order: string[] = [];
  const quantities = collectQuantities(file, diagnostics);

  const declare = (name: A.Name, symbol: Symbol) => {
    if (!name.text) return;
    const existing = symbols.get(name.text);
    if (existing) {
      diagnostics.push(error('RB301', `\`${name.text}\` is declared twice. Give one of them another name.`, name.span));
      return;
    }
    symbols.set(name.text, symbol);
    order.push(name.text);
  };

  // First pass: enums and records, so that types can refer to them in any order.
  for (const d of file.declarations) {
    if (d.kind === 'enum') {
      const seen = new Set<string>();
      for (const v of d.values) {
        if (seen.has(v.name.text)) diagnostics.push(error('RB308', `The value \`${v.name.text}\` is listed twice in ${d.name.text}.`, v.name.span));
        seen.add(v.name.text);
      }
      declare(d.name, { kind: 'enum', decl: d, values: d.values.map((v) => v.name.text) });
    }
    if (d.kind === 'record') declare(d.name, { kind: 'record', decl: d, fields: new Map() });
    if (d.kind === 'unit') declare(d.name, { kind: 'unit', decl: d });
  }

  const typeOf = (ref: A.TypeRef): Ty => resolveType(ref, symbols, program, diagnostics, quantities.units);

  for (const d of file.declarations) {
    switch (d.kind) {
      case 'record': {
        const sym = symbols.get(d.name.text);
        if (sym?.kind !== 'record' || sym.decl !== d) break;
        for (const f of d.fields) {
          if (sym.fields.has(f.name.text)) diagnostics.push(error('RB308', `The field \`${f.name.text}\` is listed twice in ${d.name.text}.`, f.name.span));
          else sym.fields.set(f.name.text, { type: typeOf(f.type), field: f });
        }
        break;
      }
      case 'input':
        for (const f of d.fields) declare(f.name, { kind: 'input', field: f, type: typeOf(f.type) });
        break;
      case 'value':
        declare(d.name, {
          kind: 'value', decl: d, params: (d.params ?? []).map((p) => ({ name: p.name.text, type: typeOf(p.type) })),
          declaredType: d.type ? typeOf(d.type) : undefined,
        });
        break;
      case 'table':
        declare(d.name, { kind: 'table', decl: d, params: d.params.map((p) => ({ name: p.name.text, type: typeOf(p.type) })) });
        break;
      case 'eligible':
        declare(d.name, { kind: 'eligible', decl: d, params: d.params.map((p) => ({ name: p.name.text, type: typeOf(p.type) })) });
        break;
      case 'reading': {
        const defaults = d.options.filter((o) => o.isDefault);
        if (defaults.length !== 1) {
          // with two defaults, point at the second one; with none, at the reading
          diagnostics.push(error('RB310', `The reading \`${d.name.text}\` must name exactly one default option (it has ${defaults.length}).`, defaults[1]?.name.span ?? d.name.span));
        }
        const names = d.options.map((o) => o.name.text);
        const dupIndex = names.findIndex((n, i) => names.indexOf(n) !== i);
        if (dupIndex >= 0) diagnostics.push(error('RB308', `The option \`${names[dupIndex]}\` is listed twice in the reading ${d.name.text}.`, d.options[dupIndex]!.name.span));
        declare(d.name, { kind: 'reading', decl: d, options: names, defaultOption: defaults[0]?.name.text ?? names[0] ?? '' });
        break;
      }
      case 'output':
        declare(d.name, { kind: 'output', decl: d, declaredType: d.type ? typeOf(d.type) : undefined });
        break;
      case 'history':
        declare(d.name, { kind: 'history', decl: d, params: (d.params ?? []).map((p) => ({ name: p.name.text, type: typeOf(p.type) })), declaredType: d.type ? typeOf(d.type) : undefined });
        break;
      case 'dated':
        declare(d.name, { kind: 'dated', decl: d });
        break;
      case 'ledger':
        declare(d.name, { kind: 'ledger', decl: d });
        break;
      default:
        break;
    }
  }
  if (!file.declarations.some((d) => d.kind === 'output')) {
    diagnostics.push(warning('RB506', 'The program declares no `output`, so evaluating it answers nothing. Add `output name = …`.', file.header?.span ?? FILE_START));
  }
  const calendarDeclared = file.header?.items.some((i) => i.key === 'calendar') ?? false;
  return { program, symbols, order, diagnostics, calendarDeclared, quantities };
}

/** Resolves a written type to a type, reporting unknown names. */
export function resolveType(ref: A.TypeRef, symbols: Map<string, Symbol>, program: ProgramInfo, diagnostics: Diagnostic[], units: ReadonlyMap<string, string> = new Map()): Ty {
  switch (ref.kind) {
    case 'list': return T.list(resolveType(ref.element, symbols, program, diagnostics, units));
    case 'optional': return T.optional(resolveType(ref.inner, symbols, program, diagnostics, units));
    case 'interval': return T.interval(resolveType(ref.element, symbols, program, diagnostics, units));
    case 'named': {
      const n = ref.name.text;
      if (n === 'money') {
        const cur = ref.currency?.text ?? program.currency;
        if (!cur) {
          diagnostics.push(error('RB201', 'Money needs a currency: declare `currency RUB` in the program header or write `money RUB`.', ref.span));
          return T.error;
        }
        if (ref.currency && !isCurrency(cur)) {
          diagnostics.push(error('RB201', `\`${cur}\` is not an ISO 4217 currency code.${didYouMean(cur, ['RUB', 'KZT', 'UAH', 'USD', 'EUR'])}`, ref.currency.span));
          return T.error;
        }
        if (ref.currencies) return moneyOfType(ref.currencies, diagnostics);
        return T.money(cur);
      }
      if (BUILTIN_TYPES.includes(n)) return { k: n } as Ty;
      const unit = units.get(n);
      if (unit !== undefined) return T.unit(unit);
      const sym = symbols.get(n);
      if (sym?.kind === 'enum') return { k: 'enum', name: n };
      if (sym?.kind === 'record') return { k: 'record', name: n };
      if (sym?.kind === 'reading') return { k: 'enum', name: n };
      if (!n) return T.error;
      const candidates = [...BUILTIN_TYPES, ...units.keys(), ...[...symbols].filter(([, s]) => s.kind === 'enum' || s.kind === 'record').map(([k]) => k)];
      diagnostics.push(error('RB302', `\`${n}\` is not a type.${didYouMean(n, candidates)} Types are ${BUILTIN_TYPES.join(', ')}, a unit, or an enum or record you declare.`, ref.name.span));
      return T.error;
    }
  }
}

/**
 * `calendar UA peacetime`: the one calendar variant, a what-if with the Labour Code's
 * holidays as if martial law had ended. Without it UA follows the law in force on
 * each date counted.
 */
function readCalendarVariant(info: ProgramInfo, calendar: string | undefined, variant: A.Name | undefined, diagnostics: Diagnostic[]): void {
  if (!variant) return;
  if (calendar === 'UA' && variant.text === 'peacetime') {
    info.calendarOptions = { ua: 'peacetime' };
    return;
  }
  const message = calendar === 'UA'
    ? `\`${variant.text}\` is not a variant of the UA calendar.${didYouMean(variant.text, ['peacetime'])} Write \`calendar UA\` for the law in force on each date (holidays are working days under martial law), or \`calendar UA peacetime\` for the what-if with the Labour Code's holidays.`
    : `The ${calendar ?? ''} calendar has no variants: write \`calendar ${calendar ?? ''}\`. Only UA has one, \`calendar UA peacetime\`.`;
  diagnostics.push(error('RB210', message, variant.span));
}

function readHeader(file: A.RulesFile, diagnostics: Diagnostic[]): ProgramInfo {
  const h = file.header;
  const info: ProgramInfo = { name: h?.name?.text ?? 'program', title: h?.title?.value ?? h?.name?.text ?? 'Untitled program', zone: 'UTC', rounding: { mode: 'half_up', unit: '0.01' }, monthEnd: 'clamp' };
  if (!h) {
    diagnostics.push(error('RB200', 'The file should start with a program header: `program name "Title"` followed by `currency`, `zone` and `calendar`.', FILE_START));
    return info;
  }
  const seen = new Set<string>();
  let hasZone = false;
  for (const item of h.items) {
    if (!item.key) continue;
    if (seen.has(item.key)) diagnostics.push(error('RB209', `The header gives \`${item.key.replace('_', ' ')}\` twice; keep one.`, item.span));
    seen.add(item.key);
    const word = item.words[0];
    const span: Span = word?.span ?? item.valueSpan ?? item.span;
    switch (item.key) {
      case 'title': info.title = item.value ?? info.title; break;
      case 'source': info.source = item.value; break;
      case 'currency':
        if (word && !isCurrency(word.text)) diagnostics.push(error('RB201', `\`${word.text}\` is not an ISO 4217 currency code.${didYouMean(word.text, ['RUB', 'KZT', 'UAH', 'USD', 'EUR'])}`, span));
        else info.currency = word?.text;
        break;
      case 'zone':
        hasZone = true;
        if (!item.value || !isKnownZone(item.value)) diagnostics.push(error('RB202', `\`${item.value ?? ''}\` is not a known IANA time zone. Write it like Europe/Moscow, Asia/Almaty or Europe/Kyiv.`, span));
        else info.zone = item.value;
        break;
      case 'calendar':
        if (word && !(KNOWN_CALENDARS as readonly string[]).includes(word.text)) diagnostics.push(error('RB203', `There is no business-day calendar \`${word.text}\`. Known calendars: ${KNOWN_CALENDARS.join(', ')}.`, span));
        else {
          info.calendar = word?.text;
          readCalendarVariant(info, word?.text, item.words[1], diagnostics);
        }
        break;
      case 'rounding': {
        const written = item.words.map((w) => w.text).join(' ');
        const mode = Object.hasOwn(ROUNDING_MODES, written) ? ROUNDING_MODES[written] : undefined;
        if (!mode) diagnostics.push(error('RB206', `Unknown rounding mode \`${item.words.map((w) => w.text).join(' ')}\`. Use one of: ${Object.keys(ROUNDING_MODES).join(', ')}.`, span));
        else info.rounding.mode = mode;
        const unit = item.value ?? '';
        if (!/^(1|0\.0{0,11}1)$/.test(unit)) diagnostics.push(error('RB207', `Round to a power of ten from 1 down to 0.000000000001, such as 1 or 0.01, not \`${unit}\`.`, item.valueSpan ?? item.span));
        else info.rounding.unit = unit;
        break;
      }
      case 'month_end':
        if (word?.text !== 'clamp' && word?.text !== 'overflow') diagnostics.push(error('RB208', `The month-end policy is \`clamp\` (31 Jan + 1 month = 28 Feb) or \`overflow\` (= 3 Mar), not \`${word?.text ?? ''}\`.`, span));
        else info.monthEnd = word.text;
        break;
    }
  }
  if (!hasZone) diagnostics.push(error('RB200', 'The program header needs a time zone, e.g. `zone Europe/Moscow`: dates in the rules are read in that zone.', h.span));
  return info;
}
