/**
 * Artifact validation of dated reference data: a `dated` definition's rows are records
 * whose date field (and key field) exist with the right types, read from the input it
 * names; a lookup names a dated table of the artifact and gives a key exactly when the
 * table has one.
 */
import type { Definition, Expr } from '../ir.js';
import { fail, name, oneOf, AT_KINDS, type Walker } from './common.js';

/** Field types rows can be told apart by: values with an order or identity, not booleans. */
const KEY_TYPES: ReadonlySet<string> = new Set(['money', 'percent', 'decimal', 'integer', 'date', 'instant', 'text', 'enum']);

/** Validates a definition of kind `dated` (its type was validated before). */
export function validateDatedDefinition(w: Walker, def: Definition, path: string): void {
  const t = def.dated;
  const p = `${path}.dated`;
  if (!t || typeof t !== 'object') return fail(p, 'is required for a dated table');
  // a lookup calls the table without arguments
  if (def.params.length) fail(`${path}.params`, 'must be empty: a dated table is looked up by date, not called');
  if (def.type.k !== 'record') return fail(`${path}.type`, 'must be the record type of the rows');
  const record = def.type.name;
  const fields = Object.hasOwn(w.a.records, record) ? w.a.records[record]!.fields : [];
  const field = (f: string) => fields.find((x) => x.name === f);
  if (field(name(t.dateField, `${p}.dateField`))?.type.k !== 'date') fail(`${p}.dateField`, `must name a date field of ${record}`);
  if (t.keyField !== undefined && !KEY_TYPES.has(field(name(t.keyField, `${p}.keyField`))?.type.k ?? '')) {
    fail(`${p}.keyField`, `must name a field of ${record} holding text, an enumeration value, a number or a date`);
  }
  w.expr(t.source, `${p}.source`, new Set(), 0);
  if (t.inputPath !== undefined) {
    if (!w.hasInput(t.inputPath)) fail(`${p}.inputPath`, 'names no input of the artifact');
    // error paths of bad rows point into this input: it must be where the rows come from
    if (t.source.op !== 'input' || t.source.name !== t.inputPath) fail(`${p}.inputPath`, 'must name the input the rows are read from');
  }
}

/** Validates a lookup in a dated table; `d` is the depth of its operands. */
export function validateDatedLookup(w: Walker, e: Extract<Expr, { op: 'dated' }>, path: string, locals: Set<string>, d: number): void {
  const def = typeof e.name === 'string' ? w.definition(e.name) : undefined;
  if (!def || def.kind !== 'dated') return fail(`${path}.name`, `names ${JSON.stringify(e.name)}, which is not a dated table of the artifact`);
  w.ref(e.name, `${path}.name`, 0);
  oneOf(AT_KINDS, e.atKind, `${path}.atKind`, 'must be day or ms');
  w.expr(e.at, `${path}.at`, locals, d);
  const keyField = def.dated?.keyField;
  if ((keyField !== undefined) !== (e.key !== undefined)) {
    fail(`${path}.key`, keyField !== undefined ? `is required: ${e.name} has rows per ${keyField}` : `has no place: ${e.name} has one row per date`);
  }
  if (e.key !== undefined) w.expr(e.key, `${path}.key`, locals, d);
}
