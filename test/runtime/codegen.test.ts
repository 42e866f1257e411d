/**
 * The generated evaluator's source is made only of text the generator writes: no name,
 * label or string of a program reaches it, whatever the name (quotes, backslashes, `*\/`,
 * `${}`, U+2028, prototype names). Every program's source is checked, and one whose every
 * name was replaced by a hostile one: the plain program's and the traced one's (what
 * explanations run, with its own generated parts: rules' lines, history walks).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { compileFast, type Generated } from '../../runtime/codegen/index.js';
import { compileTraced } from '../../runtime/codegen/trace.js';
import type { Artifact } from '../../runtime/ir.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOSTILE = ['a"b', "c'd", 'e`f', 'g\\h', 'i*/j', 'k${l}', 'm\u2028n', 'o\u2029p', '__proto__', 'constructor', 'toString', '</script>', 'q\nr'];

function artifactOf(file: string): Artifact {
  const r = compile(readFileSync(join(ROOT, file), 'utf8'), { path: file });
  expect(r.artifact, file).toBeDefined();
  return r.artifact!;
}

function generate(a: Artifact): Generated {
  let g: Generated | undefined;
  compileFast(a, (x) => { g = x; });
  return g!;
}

function generateTraced(a: Artifact): Generated {
  let g: Generated | undefined;
  compileTraced(a, (x) => { g = x; });
  return g!;
}

/** Source text allowed: no quote of any kind except the one directive the generator writes. */
function assertNoProgramText(source: string): void {
  const body = source.replace(/^"use strict";\n/, '');
  expect(body).not.toMatch(/["'`\\\u2028\u2029]/);
  expect(body).not.toContain('/*');
}

/** Renames every name of the IR (definitions, inputs, fields, locals, enum values, texts) to hostile ones, consistently. */
function hostile(a: Artifact): Artifact {
  const map = new Map<string, string>();
  const rename = (s: string) => { if (!map.has(s)) map.set(s, `${HOSTILE[map.size % HOSTILE.length]}${map.size}`); return map.get(s)!; };
  const walk = (x: unknown, key?: string): unknown => {
    if (Array.isArray(x)) return x.map((v) => walk(v, key === 'values' ? 'values' : undefined));
    if (typeof x === 'string') return key === 'name' || key === 'variable' || key === 'values' ? rename(x) : x;
    if (!x || typeof x !== 'object') return x;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) Object.defineProperty(out, k, { value: walk(v, k), enumerable: true, writable: true });
    return out;
  };
  return { ...a, inputs: walk(a.inputs) as Artifact['inputs'], definitions: walk(a.definitions) as Artifact['definitions'], outputs: walk(a.outputs) as Artifact['outputs'] };
}

const FILES = ['programs', 'test/sample'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.rules')).map((f) => `${d}/${f}`));

describe('generated evaluator source', () => {
  it.each(FILES)('%s: no program text in the source, and most operations generated', (file) => {
    const g = generate(artifactOf(file));
    assertNoProgramText(g.source);
    const generated = Object.values(g.coverage.generated).reduce((n, x) => n + x, 0);
    const fallback = Object.values(g.coverage.fallback).reduce((n, x) => n + x, 0);
    expect(generated).toBeGreaterThan(fallback);
  });

  it.each(FILES)('%s with every name hostile: none reaches the source, plain or traced', (file) => {
    const a = hostile(artifactOf(file));
    for (const g of [generate(a), generateTraced(a)]) {
      assertNoProgramText(g.source);
      for (const h of HOSTILE) expect(g.source).not.toContain(h);
      // the names are constants instead
      expect(g.constants.some((c) => typeof c === 'string' && HOSTILE.some((h) => c.startsWith(h)))).toBe(true);
    }
  });

  it.each(FILES)('%s: no program text in the traced program\'s source either', (file) => {
    assertNoProgramText(generateTraced(artifactOf(file)).source);
  });
});
