/**
 * What a name in the editor refers to: a declaration, a local, a record field, an
 * enumeration value or reading option, or a rule case. Shared by hover and go to
 * definition.
 */
import type { Span } from '../../../language/span.js';
import type { Ty } from '../../../runtime/ir.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { localAt, type DeclInfo, type LocalInfo, type Occurrence, type RulesIndex } from './ast-index.js';
import { declType, membersOf, typeOfExpr, typeOfName, typeOfRef, STRUCT_LABELS } from './infer.js';

/** The thing a name stands for, with the span of its declaration. */
export type Target =
  | { kind: 'decl'; decl: DeclInfo; span: Span; type?: Ty }
  | { kind: 'local'; local: LocalInfo; span: Span; type?: Ty }
  | { kind: 'member'; owner: string; name: string; span?: Span; type?: Ty; doc?: string; clauses: string[] }
  | { kind: 'value'; owner: string; name: string; span: Span; label?: string; description?: string; isDefault?: boolean }
  | { kind: 'rule'; name: string; span: Span; clauses: string[]; owner: string };

/** The enumeration value or reading option called `name`, searching every enum and reading. */
export function findValue(idx: RulesIndex, name: string, preferOwner?: string): Target | undefined {
  const found: Target[] = [];
  for (const d of idx.decls.values()) {
    if (d.node.kind === 'enum') {
      const v = d.node.values.find((x) => x.name.text === name);
      if (v) found.push({ kind: 'value', owner: d.name, name, span: v.name.span, label: v.label });
    } else if (d.node.kind === 'reading') {
      const o = d.node.options.find((x) => x.name.text === name);
      if (o) found.push({ kind: 'value', owner: d.name, name, span: o.name.span, description: o.description, isDefault: o.isDefault });
    }
  }
  return found.find((f) => f.kind === 'value' && f.owner === preferOwner) ?? found[0];
}

/** The declaration that contains `offset` (for rule names and overrides). */
function enclosingDecl(idx: RulesIndex, offset: number): DeclInfo | undefined {
  for (const d of idx.decls.values()) if ('span' in d.node && d.node.span.startOffset <= offset && offset <= d.node.span.endOffset) return d;
  return undefined;
}

/** Resolves one occurrence. */
export function resolveOccurrence(idx: RulesIndex, o: Occurrence, meta?: ProgramMeta): Target | undefined {
  const offset = o.name.span.startOffset;
  const name = o.name.text;
  const asDecl = (d: DeclInfo | undefined): Target | undefined => d && { kind: 'decl', decl: d, span: d.nameSpan, type: declType(d, idx, meta) };
  switch (o.role) {
    case 'declaration': case 'call': case 'type': return asDecl(idx.decls.get(name));
    case 'local': case 'name': {
      const local = localAt(idx, name, offset);
      if (local) return { kind: 'local', local, span: local.nameSpan, type: typeOfName(name, offset, idx, meta) };
      return asDecl(idx.decls.get(name)) ?? findValue(idx, name);
    }
    case 'field': {
      const owner = typeOfExpr(o.target, offset, idx, meta);
      const m = membersOf(owner, idx, meta).find((x) => x.name === name);
      if (!m) return undefined;
      const u = owner?.k === 'optional' ? owner.of : owner;
      const ownerName = u?.k === 'record' ? u.name : u?.k === 'eligibility' ? 'an eligibility' : (u && STRUCT_LABELS.get(u)) ?? 'the table result';
      return { kind: 'member', owner: ownerName, name, span: m.field?.name.span, type: m.type, doc: m.doc, clauses: m.clauses };
    }
    case 'member': {
      const d = idx.decls.get(o.owner ?? '');
      const f = d?.node.kind === 'record' ? d.node.fields.find((x) => x.name.text === name) : undefined;
      return f && { kind: 'member', owner: o.owner!, name, span: f.name.span, type: typeOfRef(f.type, idx, meta), doc: f.doc, clauses: f.citations.map((c) => c.text) };
    }
    case 'value': return findValue(idx, name, o.owner);
    case 'rule': case 'override': {
      const d = enclosingDecl(idx, offset);
      const r = d?.node.kind === 'value' ? d.node.rules?.find((x) => x.name.text === name) : undefined;
      return r && d && { kind: 'rule', name, span: r.name.span, clauses: r.citations.map((c) => c.text), owner: d.name };
    }
  }
}
