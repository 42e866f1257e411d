/**
 * The runtime ships without the compiler: no file under runtime/ may import from
 * language/ or compiler/ (statically, dynamically, or through a re-export).
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RUNTIME = join(ROOT, 'runtime');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = join(dir, entry);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every module specifier of a file: `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of source.matchAll(re)) found.push(m[1]!);
  return found;
}

describe('runtime independence', () => {
  const files = tsFiles(RUNTIME);

  it('finds the runtime sources and their imports', () => {
    expect(files.length).toBeGreaterThan(10);
    const load = readFileSync(join(RUNTIME, 'load.ts'), 'utf8');
    expect(specifiers(load)).toContain('./compile-ir.js');
    expect(specifiers("export { x } from '../compiler/a.js';\nimport type {\n  Y,\n} from '../language/b.js';\nconst m = await import('../compiler/c.js');"))
      .toEqual(['../compiler/a.js', '../language/b.js', '../compiler/c.js']);
  });

  it('imports nothing from language/ or compiler/ (or the package root, which re-exports the compiler)', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue; // packages: ajv, luxon, decimal.js
        const target = relative(ROOT, resolve(dirname(file), spec)).split('\\').join('/');
        if (/^(language|compiler|cli|playground)(\/|$)/.test(target) || /^index(\.[jt]s)?$/.test(target)) {
          offending.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });

  it('uses only its declared dependencies from node_modules', () => {
    const packages = new Set<string>();
    for (const file of files) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    const allowed = new Set(['ajv', 'luxon', 'decimal.js']);
    expect([...packages].filter((p) => !allowed.has(p) && !p.startsWith('node:'))).toEqual([]);
  });
});
