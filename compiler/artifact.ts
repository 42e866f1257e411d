/**
 * Stage 5: assembles the versioned artifact from the checked program: IR, metadata
 * (title, source, clauses, readings) and the input/output JSON Schemas.
 */
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, type Artifact, type Definition, type OutputIR } from '../runtime/ir.js';
import type { Resolved } from './resolve.js';
import { inputSchema, outputSchema } from './schema.js';
import { citedClauses, clausesOf, type DeclFactsCache } from './decl-facts.js';

/** A short stable hash of the source text (FNV-1a), so artifacts can be matched to sources. */
export function sourceHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193); }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Builds the artifact. `order` lists definitions dependencies-first; `facts` remembers walks (compiler/decl-facts.ts). */
export function buildArtifact(source: string, r: Resolved, definitions: Map<string, Definition>, outputs: Map<string, OutputIR>, order: string[], facts?: DeclFactsCache): Artifact {
  const enums: Artifact['enums'] = {};
  const records: Artifact['records'] = {};
  const readings: Artifact['readings'] = [];
  const inputs: Artifact['inputs'] = [];
  for (const name of r.order) {
    const s = r.symbols.get(name)!;
    switch (s.kind) {
      case 'enum':
        enums[name] = {
          values: s.values,
          labels: Object.fromEntries(s.decl.values.filter((v) => v.label).map((v) => [v.name.text, v.label!])),
          clauses: s.decl.citations.map((c) => c.text),
        };
        break;
      case 'record':
        records[name] = {
          fields: [...s.fields].map(([n, f]) => ({ name: n, type: f.type, ...(f.field.doc ? { doc: f.field.doc } : {}), clauses: f.field.citations.map((c) => c.text) })),
          clauses: s.decl.citations.map((c) => c.text), ...(s.decl.doc ? { doc: s.decl.doc } : {}),
        };
        break;
      case 'reading':
        enums[name] = { values: s.options, labels: {}, clauses: s.decl.citations.map((c) => c.text) };
        readings.push({
          name, ...(s.decl.title ? { title: s.decl.title } : {}), clauses: s.decl.citations.map((c) => c.text), default: s.defaultOption,
          options: s.decl.options.map((o) => ({ name: o.name.text, ...(o.description ? { description: o.description } : {}) })),
        });
        break;
      case 'input':
        inputs.push({ name, type: s.type, ...(s.field.doc ? { doc: s.field.doc } : {}), clauses: s.field.citations.map((c) => c.text) });
        break;
      default: break;
    }
  }
  const defs = order.map((n) => definitions.get(n)).filter((d): d is Definition => d !== undefined);
  const outs = r.order.map((n) => outputs.get(n)).filter((o): o is OutputIR => o !== undefined);
  const program = { ...r.program };
  return {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    program: Object.fromEntries(Object.entries(program).filter(([, v]) => v !== undefined)) as Artifact['program'],
    enums, records, readings, inputs,
    definitions: defs,
    outputs: outs,
    clauses: collectClauses(r, facts),
    schemas: {
      input: inputSchema(inputs, records, enums, program.title),
      output: outputSchema(outs, records, enums, program.title),
    },
    sourceHash: sourceHash(source),
  };
}

/** Every clause the program cites, in order of first appearance, without repeats. */
function collectClauses(r: Resolved, facts?: DeclFactsCache): string[] {
  const seen = new Set<string>();
  for (const s of r.symbols.values()) {
    if ('decl' in s) for (const c of clausesOf(s.decl, facts)) seen.add(c);
    else citedClauses(s.field, seen);
  }
  return [...seen];
}
