/**
 * The package as a backend gets it: `npm pack`, install the tarball into a fresh project,
 * then plain `node` (no TypeScript loader) imports `rulebook/runtime` with ESM and with
 * `require`, loads an artifact and evaluates it; the runtime entry loads no parser,
 * compiler or YAML module; the installed `rulebook` command works; and a strict
 * TypeScript consumer (no skipLibCheck) compiles against the shipped declarations.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { ROOT, packAndInstall, type Packed } from './pack.js';

const PROGRAM = 'test/fixtures/runtime/kyiv-orders.rules';
const expected = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/runtime/kyiv-orders.expected.json'), 'utf8')) as { outputs: Record<string, unknown> };

const EVALUATE = `
const artifact = JSON.parse(readFileSync('artifact.json', 'utf8'));
const input = JSON.parse(readFileSync('input.json', 'utf8'));
const loaded = load(artifact);
if (!loaded.ok) throw new Error(loaded.error.message);
const result = loaded.ruleset.evaluate(input);
process.stdout.write(JSON.stringify(result));
`;

function node(dir: string, args: string[], env: Record<string, string> = {}) {
  // no --import, no loader, no inherited NODE_OPTIONS (vitest's would add its own)
  const r = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the packed package in a fresh project', () => {
  let p: Packed;

  beforeAll(() => {
    p = packAndInstall();
    writeFileSync(join(p.dir, 'artifact.json'), JSON.stringify(compile(readFileSync(join(ROOT, PROGRAM), 'utf8')).artifact));
    writeFileSync(join(p.dir, 'input.json'), readFileSync(join(ROOT, 'test/fixtures/runtime/kyiv-orders.input.json')));
    writeFileSync(join(p.dir, 'program.rules'), readFileSync(join(ROOT, PROGRAM)));
  }, 120_000);
  afterAll(() => { if (p) rmSync(p.dir, { recursive: true, force: true }); });

  it('ships built code and declarations, not sources, tests or the playground', () => {
    expect(p.files).toContain('dist/runtime/index.js');
    expect(p.files).toContain('dist/runtime/index.d.ts');
    expect(p.files).toContain('dist/index.js');
    expect(p.files).toContain('cli/bin.mjs');
    expect(p.files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
    expect(p.files.filter((f) => /^(test|playground|programs|bench|scripts)\//.test(f))).toEqual([]);
  });

  it('installs without the TypeScript loader or the build tools', () => {
    const manifest = JSON.parse(readFileSync(join(p.dir, 'node_modules/rulebook/package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies)).not.toContain('tsx');
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vitest']) {
      expect(spawnSync(process.execPath, ['-e', `require.resolve('${tool}')`], { cwd: p.dir }).status, tool).not.toBe(0);
    }
  });

  it('imports rulebook/runtime as an ES module in plain node and evaluates', () => {
    writeFileSync(join(p.dir, 'esm.mjs'), `import { readFileSync } from 'node:fs';\nimport { load } from 'rulebook/runtime';\n${EVALUATE}`);
    const r = node(p.dir, ['esm.mjs']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, outputs: expected.outputs });
  });

  it('requires rulebook/runtime from CommonJS in plain node (Node >= 20.19, no flag) and evaluates', () => {
    writeFileSync(join(p.dir, 'cjs.cjs'), `const { readFileSync } = require('node:fs');\nconst { load } = require('rulebook/runtime');\n${EVALUATE}`);
    const r = node(p.dir, ['cjs.cjs']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, outputs: expected.outputs });
  });

  it('compiles with the main entry (rulebook) too', () => {
    writeFileSync(join(p.dir, 'compile.mjs'), "import { readFileSync } from 'node:fs';\nimport { compile } from 'rulebook';\nconst r = compile(readFileSync('program.rules', 'utf8'));\nprocess.stdout.write(r.diagnostics.filter((d) => d.severity === 'error').length + ' ' + r.artifact.format);");
    const r = node(p.dir, ['compile.mjs']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('0 rulebook-artifact');
  });

  it('loads only the runtime and its own dependencies for rulebook/runtime', () => {
    const log = join(p.dir, 'modules.log');
    writeFileSync(log, '');
    writeFileSync(join(p.dir, 'only-runtime.mjs'), "import { load } from 'rulebook/runtime';\nif (typeof load !== 'function') process.exit(1);");
    const r = node(p.dir, ['--import', join(ROOT, 'test/backend/record-modules.mjs'), 'only-runtime.mjs'], { RULEBOOK_MODULE_LOG: log });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const urls = readFileSync(log, 'utf8').split('\n').filter((u) => u.includes('/node_modules/'));
    const inPackage = urls.map((u) => u.slice(u.lastIndexOf('/node_modules/') + '/node_modules/'.length));
    // the runtime is one bundled module (scripts/build.mjs): a cold process reads one file of the package
    expect(inPackage.filter((u) => u.startsWith('rulebook/'))).toEqual(['rulebook/dist/runtime/index.js']);
    const packages = new Set(inPackage.map((u) => (u.startsWith('@') ? u.split('/').slice(0, 2) : u.split('/').slice(0, 1)).join('/')));
    // ajv is required on first use (an input schema that is not the compiler's), not at import
    expect([...packages].sort()).toEqual(['decimal.js', 'luxon', 'rulebook']);
    expect(inPackage.filter((u) => /^rulebook\/dist\/(language|compiler|cli|server|vendor)\/|^rulebook\/dist\/index\.js$/.test(u))).toEqual([]);
    // and through require: no chevrotain or yaml among the CommonJS modules either
    writeFileSync(join(p.dir, 'only-runtime.cjs'), "require('rulebook/runtime');\nprocess.stdout.write(JSON.stringify(Object.keys(require.cache)));");
    const c = node(p.dir, ['only-runtime.cjs']);
    const cached = JSON.parse(c.stdout) as string[];
    expect(cached.filter((f) => /chevrotain|\/yaml\/|fastify|lodash|\/ajv\//.test(f))).toEqual([]);
    // a schema the runtime did not derive is compiled with the installed ajv at load, which then checks every input
    writeFileSync(join(p.dir, 'foreign-schema.cjs'), "const a = JSON.parse(require('fs').readFileSync('artifact.json', 'utf8'));\na.schemas.input = { ...a.schemas.input, description: 'edited' };\n"
      + "const r = require('rulebook/runtime').load(a);\nconst e = r.ok && r.ruleset.evaluate({}, { asOf: '2025-06-01T00:00:00Z' });\n"
      + "process.stdout.write(JSON.stringify([r.ok, e && e.ok, Object.keys(require.cache).some((f) => f.includes('/node_modules/ajv/'))]));");
    const f = node(p.dir, ['foreign-schema.cjs']);
    expect(f.stderr).toBe('');
    expect(JSON.parse(f.stdout)).toEqual([true, false, true]);
  });

  it('runs the installed rulebook command without a TypeScript loader', () => {
    const bin = join(p.dir, 'node_modules/.bin/rulebook');
    const help = spawnSync(bin, ['--help'], { cwd: p.dir, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^rulebook — /);
    const ev = spawnSync(bin, ['eval', 'artifact.json', '--input', 'input.json'], { cwd: p.dir, encoding: 'utf8' });
    expect(ev.stderr).toBe('');
    expect(JSON.parse(ev.stdout)).toEqual({ outputs: expected.outputs });
    const check = spawnSync(bin, ['check', 'program.rules'], { cwd: p.dir, encoding: 'utf8' });
    expect(check.status).toBe(0);
  });

  it('type-checks a strict TypeScript consumer against the shipped declarations (no skipLibCheck)', () => {
    const types = spawnSync(join(p.dir, 'node_modules/.bin/rulebook'), ['types', 'program.rules'], { cwd: p.dir, encoding: 'utf8' });
    expect(types.status).toBe(0);
    writeFileSync(join(p.dir, 'program-types.ts'), types.stdout);
    writeFileSync(join(p.dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: false, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [] },
      files: ['consumer.ts', 'program-types.ts'],
    }));
    writeFileSync(join(p.dir, 'consumer.ts'), [
      "import { load, renderTrace, type EvaluateResult, type Artifact } from 'rulebook/runtime';",
      "import { compile, type Diagnostic } from 'rulebook';",
      "import type { Input, Output, Program } from './program-types.js';",
      'export function run(artifact: Artifact, input: Input): Output | string {',
      '  const loaded = load<Input, Output>(artifact);',
      '  if (!loaded.ok) return loaded.error.message;',
      '  const program: Program = loaded.ruleset;',
      '  const result = program.evaluate(input, { explain: true });',
      '  if (!result.ok) return `${result.error.code} ${result.error.path ?? ""}`;',
      '  renderTrace(result.trace ?? []);',
      '  return result.outputs;',
      '}',
      '// @ts-expect-error an input that is not the program\'s Input',
      'export const wrong = (p: Program) => p.evaluate({ nothing: 1 });',
      'export const untyped: EvaluateResult = { ok: false, error: { code: "RB-E-INPUT", message: "x" } };',
      'export const diagnostics: Diagnostic[] = compile("").diagnostics;',
      '',
    ].join('\n'));
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', p.dir], { cwd: p.dir, encoding: 'utf8' });
    } catch (e) {
      output = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}` || String(e);
    }
    expect(output).toBe('');
  }, 60_000);
});
