/**
 * The server sits beside the core: it uses the package's public entries (index.ts and
 * runtime/index.ts) and its own modules, never the compiler's or runtime's internals.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';

describe('server imports', () => {
  it('uses only the public entries, its own modules, fastify, ajv and node built-ins', () => {
    const files = readdirSync(join(ROOT, 'server')).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    const offending: string[] = [];
    for (const f of files) {
      const source = readFileSync(join(ROOT, 'server', f), 'utf8');
      for (const m of source.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const spec = m[1]!;
        const allowed = /^\.\/[a-z-]+\.js$/.test(spec) || spec === '../index.js' || spec === '../runtime/index.js'
          || spec.startsWith('node:') || spec === 'fastify' || spec === 'ajv' || spec === 'ajv/dist/2020.js';
        if (!allowed) offending.push(`server/${f} imports ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
