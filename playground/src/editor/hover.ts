/**
 * Hover text for the .rules editor: what a name is, its type, the clauses it cites
 * and its doc string; for a citation, which declaration cites it. The text is Markdown:
 * every text from the program goes in escaped (./markdown.ts), as text or as code.
 */
import type { RulesIndex } from './ast-index.js';
import { contains, occurrenceAt } from './ast-index.js';
import type { ProgramMeta } from '../engine/protocol.js';
import { resolveOccurrence, type Target } from './resolve-name.js';
import { typeText } from './infer.js';
import type * as A from '../../../language/ast.js';
import { escapeMarkdown as text, inlineCode, codeBlock } from './markdown.js';

const cites = (cs: string[]) => (cs.length ? `\n\nCites ${text(cs.join(' '))}` : '');
const code = (s: string) => codeBlock(s, 'rules');

function paramsText(idx: RulesIndex, params: A.Param[]): string {
  if (!params.length) return '';
  return `(${params.map((p) => `${p.name.text}: ${idx.source.slice(p.type.span.startOffset, p.type.span.endOffset)}`).join(', ')})`;
}

/** Markdown describing what a target is. */
export function describeTarget(idx: RulesIndex, t: Target, meta?: ProgramMeta): string {
  switch (t.kind) {
    case 'decl': {
      const d = t.decl;
      let head: string;
      if (d.node.kind === 'enum') head = `enum ${d.name}: ${d.node.values.map((v) => v.name.text).join(', ')}`;
      else if (d.node.kind === 'reading') head = `reading ${d.name}: ${d.node.options.map((o) => `${o.name.text}${o.isDefault ? ' (default)' : ''}`).join(', ')}`;
      else if (d.node.kind === 'record') head = `record ${d.name}\n${d.node.fields.map((f) => `  ${f.name.text}: ${idx.source.slice(f.type.span.startOffset, f.type.span.endOffset)}`).join('\n')}`;
      else head = `${d.keyword} ${d.name}${paramsText(idx, d.params)}: ${typeText(t.type)}`;
      const title = d.node.kind === 'reading' && d.node.title ? `\n\n${text(d.node.title)}` : '';
      const clauses = d.citations.length ? d.citations : meta?.definitions[d.name]?.clauses ?? [];
      return `${code(head)}${d.doc ? `\n\n${text(d.doc)}` : ''}${title}${cites(clauses)}`;
    }
    case 'local': {
      const l = t.local;
      const from = l.kind === 'variable' && l.collection ? `\n\neach item of ${inlineCode(idx.source.slice(l.collection.span.startOffset, l.collection.span.endOffset))}` : '';
      return `${code(`(${l.kind}) ${l.name}: ${typeText(t.type)}`)}${from}`;
    }
    case 'member': return `${code(`(field of ${t.owner}) ${t.name}: ${typeText(t.type)}`)}${t.doc ? `\n\n${text(t.doc)}` : ''}${cites(t.clauses)}`;
    case 'value': {
      const extra = t.label ? `\n\nLabel: "${text(t.label)}"` : t.description ? `\n\n${text(t.description)}${t.isDefault ? ' (the default reading)' : ''}` : '';
      return `${code(`(${t.description !== undefined || t.isDefault !== undefined ? 'option of reading' : 'value of'} ${t.owner}) ${t.name}`)}${extra}`;
    }
    case 'rule': return `${code(`rule ${t.name} of ${t.owner}`)}${cites(t.clauses)}`;
  }
}

/** Hover content at `offset`, with the span it covers, or undefined. */
export function hoverAt(idx: RulesIndex, offset: number, meta?: ProgramMeta): { markdown: string; span: A.Name['span'] } | undefined {
  const o = occurrenceAt(idx, offset);
  if (o) {
    const t = resolveOccurrence(idx, o, meta);
    if (t) return { markdown: describeTarget(idx, t, meta), span: o.name.span };
    if (o.role === 'name' || o.role === 'call') return { markdown: `${inlineCode(o.name.text)} is not declared in this program.`, span: o.name.span };
  }
  const c = idx.citations.find((x) => contains(x.span, offset));
  if (c) {
    const all = idx.citations.filter((x) => x.text === c.text).map((x) => x.by);
    return { markdown: `Clause **${text(c.text)}**, cited by ${text([...new Set(all)].join('; '))}.`, span: c.span };
  }
  return undefined;
}
