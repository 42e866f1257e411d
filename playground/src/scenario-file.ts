/**
 * Downloaded scenario files keep what people wrote around the data: the comments (the
 * worked arithmetic above each scenario), the anchors and aliases, the key order and
 * quoting. The shipped file's YAML document is edited in place with the `yaml` library's
 * document API, changing only the nodes whose values changed, instead of re-serialising
 * the scenarios.
 */
import { isAlias, isMap, isScalar, isSeq, parse, parseDocument, stringify, visit, type Document } from 'yaml';
import type { Scenario } from '../../runtime/scenario.js';

/** Reads a scenario file's text; problems come back as a sentence, never thrown. */
export function readScenarios(text: string | undefined): { scenarios: Scenario[]; problem?: string } {
  if (text === undefined) return { scenarios: [] };
  try {
    const doc = parse(text) as { scenarios?: unknown } | null;
    if (!doc || !Array.isArray(doc.scenarios)) return { scenarios: [], problem: 'expected a list under "scenarios:"' };
    const scenarios = (doc.scenarios as Scenario[]).filter((s) => s && typeof s.name === 'string')
      .map((s) => ({ ...s, input: s.input ?? {}, expect: s.expect ?? {} }));
    return { scenarios };
  } catch (e) {
    return { scenarios: [], problem: `the scenario file is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The scenario as the playground holds it (input and expect always present). */
function normal(s: Scenario): Scenario {
  return { ...s, input: s.input ?? {}, expect: s.expect ?? {} };
}

/**
 * A node whose value changed from `base` to `next`: edited in place where it is a map,
 * a list or a scalar; an alias is replaced by the new value (the anchor it points to is
 * shared with other scenarios and stays as it was).
 */
function update(doc: Document, node: unknown, base: unknown, next: unknown): unknown {
  if (same(base, next)) return node;
  if (isAlias(node)) return doc.createNode(next);
  if (node && typeof node === 'object' && 'anchor' in node && (node as { anchor?: string }).anchor) detachAliases(doc, (node as { anchor: string }).anchor, base);
  if (isMap(node) && isObj(base) && isObj(next)) {
    for (const k of Object.keys(base)) if (!(k in next)) node.delete(k);
    for (const [k, v] of Object.entries(next)) {
      if (k in base && node.has(k)) {
        const child = node.get(k, true);
        const updated = update(doc, child, base[k], v);
        if (updated !== child) node.set(k, updated);
      } else node.set(k, doc.createNode(v));
    }
    return node;
  }
  if (isSeq(node) && Array.isArray(base) && Array.isArray(next)) {
    node.items = next.map((v, i) => (i < base.length ? update(doc, node.items[i], base[i], v) : doc.createNode(v))) as typeof node.items;
    return node;
  }
  if (isScalar(node) && (next === null || typeof next !== 'object')) { node.value = next; return node; }
  return doc.createNode(next);
}

/** Aliases of an anchor about to change get the anchor's old value, so they keep meaning what they meant. */
function detachAliases(doc: Document, anchor: string, value: unknown): void {
  visit(doc, { Alias: (_key, alias) => (alias.source === anchor ? doc.createNode(structuredClone(value)) : undefined) });
}

/**
 * The text of the scenario file for `scenarios`, edited from `original` (the shipped
 * file). Scenarios are matched by name; new ones are appended as plain YAML, deleted
 * ones removed with their comments. Without a usable original, plain YAML.
 */
export function scenarioFileText(original: string | undefined, scenarios: Scenario[]): string {
  const plain = () => stringify({ scenarios }, { lineWidth: 0 });
  if (original === undefined) return plain();
  const doc = parseDocument(original);
  const seq = doc.get('scenarios', true);
  if (doc.errors.length || !isSeq(seq)) return plain();
  const base = ((doc.toJS({ maxAliasCount: -1 }) as { scenarios: Scenario[] }).scenarios).map(normal);
  if (same(base, scenarios)) return original;
  const byName = new Map(base.map((s, i) => [s.name, i]));
  seq.items = scenarios.map((s) => {
    const i = byName.get(s.name);
    if (i === undefined) return doc.createNode(s);
    byName.delete(s.name);
    return update(doc, seq.items[i], base[i], s);
  }) as typeof seq.items;
  return doc.toString({ lineWidth: 0 });
}
