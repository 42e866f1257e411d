/**
 * Just enough typing for the editor: the type of a name or of a chain like
 * `p.contract.end`, from the declared types in the text and, where a declaration has
 * none, from the last artifact that compiled. Used to list fields after a dot and to
 * show types on hover; the compiler remains the judge of what is well typed.
 */
import type { Ty } from '../../../runtime/ir.js';
import type * as A from '../../../language/ast.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { localAt, type DeclInfo, type RulesIndex } from './ast-index.js';

const BUILTIN: Record<string, Ty['k']> = {
  percent: 'percent', decimal: 'decimal', integer: 'integer', boolean: 'boolean', text: 'text',
  date: 'date', instant: 'instant', duration: 'duration',
};

/** The program's default currency, read from its header. */
function headerCurrency(idx: RulesIndex, meta?: ProgramMeta): string {
  const item = idx.ast.header?.items.find((i) => i.key === 'currency');
  return item?.value ?? item?.words[0]?.text ?? meta?.program.currency ?? '?';
}

/** The type a type reference names. */
export function typeOfRef(ref: A.TypeRef | undefined, idx: RulesIndex, meta?: ProgramMeta): Ty | undefined {
  if (!ref) return undefined;
  switch (ref.kind) {
    case 'list': { const of = typeOfRef(ref.element, idx, meta); return of && { k: 'list', of }; }
    case 'optional': { const of = typeOfRef(ref.inner, idx, meta); return of && { k: 'optional', of }; }
    case 'interval': { const of = typeOfRef(ref.element, idx, meta); return of && { k: 'interval', of }; }
    case 'named': {
      const n = ref.name.text;
      if (n === 'money' && ref.currencies) return { k: 'money_of', curs: ref.currencies.map((c) => c.text) };
      if (n === 'money') return { k: 'money', cur: ref.currency?.text ?? headerCurrency(idx, meta) };
      const b = BUILTIN[n];
      if (b) return { k: b } as Ty;
      const d = idx.decls.get(n);
      if (d?.keyword === 'record') return { k: 'record', name: n };
      if (d?.keyword === 'unit') return { k: 'unit', unit: (d.node as A.UnitDecl).name.text };
      if (d?.keyword === 'enum' || d?.keyword === 'reading') return { k: 'enum', name: n };
      return undefined;
    }
  }
}

/** The type of a declaration's value (for functions and tables: of a call's result). */
export function declType(d: DeclInfo, idx: RulesIndex, meta?: ProgramMeta, depth = 0): Ty | undefined {
  const fromMeta = meta?.definitions[d.name]?.type ?? meta?.inputs.find((i) => i.name === d.name)?.type;
  if (d.keyword === 'eligible') return { k: 'eligibility' };
  if (d.keyword === 'enum' || d.keyword === 'reading') return { k: 'enum', name: d.name };
  if (d.keyword === 'record') return { k: 'record', name: d.name };
  const declared = typeOfRef(d.typeRef, idx, meta);
  if (declared) return declared;
  if (fromMeta) return fromMeta;
  if (d.node.kind === 'table') {
    const struct: Ty = { k: 'struct', fields: d.node.outputs.map((o) => ({ name: o.name.text, type: typeOfRef(o.type, idx, meta) ?? { k: 'empty' } })) };
    return d.node.hit.text === 'collect' ? { k: 'list', of: struct } : struct;
  }
  if (d.node.kind === 'ledger') return ledgerType(d.node, idx, meta, depth);
  // no declared type and no artifact yet: the type of the body, as far as we can tell
  const body = d.node.kind === 'value' || d.node.kind === 'output' ? d.node.body : undefined;
  return body && typeOfExpr(body, body.span.startOffset, idx, meta, depth + 1);
}

/** What hover calls the unnamed records the language builds: a ledger's value, its draws and lots, a history period. */
export const STRUCT_LABELS = new WeakMap<Ty, string>();

const struct = (label: string, fields: [string, Ty][]): Ty => {
  const t: Ty = { k: 'struct', fields: fields.map(([name, type]) => ({ name, type })) };
  STRUCT_LABELS.set(t, label);
  return t;
};

/** A period of `history of s`: its value, when it began and ended, the rule and its clauses. */
const PERIOD = struct('a period of the history', [
  ['value', { k: 'empty' }], ['from', { k: 'date' }], ['ends', { k: 'date' }], ['rule', { k: 'text' }], ['clauses', { k: 'list', of: { k: 'text' } }],
]);

/** The value of a ledger (`bonus_use.draws`, `bonus_use.lots`), its amounts typed as the lots' amounts. */
function ledgerType(l: A.LedgerDecl, idx: RulesIndex, meta: ProgramMeta | undefined, depth: number): Ty {
  const amount: Ty = (l.lots && typeOfExpr(l.lots.amount, l.lots.amount.span.startOffset, idx, meta, depth + 1)) ?? { k: 'empty' };
  const share = struct('a lot a draw took from', [['lot', { k: 'text' }], ['amount', amount]]);
  const draw = struct('a draw of the ledger', [['key', { k: 'text' }], ['on', { k: 'date' }], ['requested', amount], ['taken', amount], ['lots', { k: 'list', of: share }]]);
  const lot = struct('a lot of the ledger', [['key', { k: 'text' }], ['amount', amount], ['from', { k: 'date' }], ['until', { k: 'date' }],
    ['used', amount], ['unused', amount], ['cancelled', { k: 'boolean' }]]);
  return struct('the ledger', [['draws', { k: 'list', of: draw }], ['lots', { k: 'list', of: lot }]]);
}

/** Drops `optional`, so `c.contract.end` finds fields through optional records. */
export function unwrap(t: Ty | undefined): Ty | undefined {
  return t?.k === 'optional' ? t.of : t;
}

/** The named fields of a record or table result, with their types, docs and clauses. */
export function membersOf(t: Ty | undefined, idx: RulesIndex, meta?: ProgramMeta): { name: string; type?: Ty; doc?: string; clauses: string[]; field?: A.Field }[] {
  const u = unwrap(t);
  if (u?.k === 'struct') return u.fields.map((f) => ({ name: f.name, type: f.type, clauses: [] }));
  if (u?.k === 'eligibility') return [{ name: 'eligible', type: { k: 'boolean' }, doc: 'yes when every requirement is met', clauses: [] }];
  if (u?.k !== 'record') return [];
  const d = idx.decls.get(u.name);
  if (d?.node.kind === 'record') {
    return d.node.fields.map((f) => ({ name: f.name.text, type: typeOfRef(f.type, idx, meta), doc: f.doc, clauses: f.citations.map((c) => c.text), field: f }));
  }
  return (meta?.records[u.name]?.fields ?? []).map((f) => ({ name: f.name, type: f.type, doc: f.doc, clauses: f.clauses }));
}

/** The type of an expression at `offset` (names, calls, field chains and collections). */
export function typeOfExpr(e: A.Expr | undefined, offset: number, idx: RulesIndex, meta?: ProgramMeta, depth = 0): Ty | undefined {
  if (!e || depth > 20) return undefined;
  const again = (x: A.Expr | undefined) => typeOfExpr(x, offset, idx, meta, depth + 1);
  switch (e.kind) {
    case 'name': return typeOfName(e.name.text, offset, idx, meta, depth);
    case 'call': { const d = idx.decls.get(e.callee.text); return d && declType(d, idx, meta, depth + 1); }
    case 'field': return membersOf(again(e.target), idx, meta).find((m) => m.name === e.field.text)?.type;
    case 'binary':
      // `history of status` parses as `history` of `status` where no name `history` exists (as the checker reads it)
      // and `history of s on d` as `history` of `s on d`: the period in force on d
      if (e.op === 'of' && e.left.kind === 'name' && e.left.name.text === 'history' && !idx.decls.has('history')) {
        return again(e.right.kind === 'historyAt' ? e.right : { kind: 'historyOf', target: e.right, span: e.span });
      }
      return e.op === 'or_else' ? unwrap(again(e.left)) ?? again(e.right) : undefined;
    case 'if': return again(e.then) ?? again(e.else);
    case 'list': { const of = again(e.items[0]); return of && { k: 'list', of }; }
    // a record literal `{show: …, text: "…"}`: its fields, typed where they can be inferred
    case 'record': return { k: 'struct', fields: e.fields.map((f) => ({ name: f.name.text, type: again(f.value) ?? literalType(f.value) })) };
    case 'aggregate': {
      const list = unwrap(again(e.collection));
      const el = list?.k === 'list' ? list.of : undefined;
      if (e.op === 'filter') return list;
      if (e.op === 'earliest' || e.op === 'latest') return el && { k: 'optional', of: el };
      // `list {…} for c in L`: a list of what the value builds (a record literal's fields)
      if (e.op === 'map') { const of = again(e.value); return of && { k: 'list', of }; }
      return undefined;
    }
    // `history of s`: the periods of a state, each a record of these fields
    case 'historyOf': case 'historyAt': return e.kind === 'historyOf' ? { k: 'list', of: PERIOD } : PERIOD;
    default: return undefined;
  }
}

/** The type of a literal or a condition when inference has nothing better ("empty" when unknown). */
function literalType(e: A.Expr): Ty {
  switch (e.kind) {
    case 'string': return { k: 'text' };
    case 'boolean': case 'compare': case 'is': case 'presence': case 'within': case 'order': return { k: 'boolean' };
    case 'unary': return e.op === 'not' ? { k: 'boolean' } : { k: 'empty' };
    case 'binary': return e.op === 'and' || e.op === 'or' ? { k: 'boolean' } : { k: 'empty' };
    case 'aggregate': return e.op === 'every' || e.op === 'none' ? { k: 'boolean' } : { k: 'empty' };
    default: return { k: 'empty' };
  }
}

/** The type of a bare name visible at `offset`: a local first, then a declaration. */
export function typeOfName(name: string, offset: number, idx: RulesIndex, meta?: ProgramMeta, depth = 0): Ty | undefined {
  const local = localAt(idx, name, offset);
  if (local) {
    if (local.typeRef) return typeOfRef(local.typeRef, idx, meta);
    const list = unwrap(typeOfExpr(local.collection, local.nameSpan.startOffset, idx, meta, depth + 1));
    return list?.k === 'list' ? list.of : undefined;
  }
  const d = idx.decls.get(name);
  return d && declType(d, idx, meta, depth + 1);
}

/** A type in the language's own words: `money RUB`, `list of Purchase`, `optional instant`. */
export function typeText(t: Ty | undefined): string {
  if (!t) return 'unknown';
  switch (t.k) {
    case 'money': return `money ${t.cur}`;
    case 'unit': return t.unit;
    case 'money_of': return `money ${t.curs.join(' or ')}`;
    case 'enum': case 'record': return t.name;
    case 'struct': return `{${t.fields.map((f) => `${f.name}: ${typeText(f.type)}`).join(', ')}}`;
    case 'list': return `list of ${typeText(t.of)}`;
    case 'optional': return `optional ${typeText(t.of)}`;
    case 'interval': return `interval of ${typeText(t.of)}`;
    case 'eligibility': return 'eligibility (eligible + reasons)';
    default: return t.k;
  }
}
