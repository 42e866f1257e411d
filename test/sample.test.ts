/**
 * The sample program that uses every construct of the language
 * (test/sample/every-construct.rules) and the language reference (docs/language.md):
 * the sample compiles cleanly, its artifact, schemas and generated types hold up, its
 * scenarios pass and cover every rule and row, and every example in the reference is valid.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { compile } from '../compiler/compile.js';
import { ARTIFACT_SCHEMA } from '../runtime/artifact-schema.js';
import { load } from '../runtime/load.js';
import type { Artifact } from '../runtime/ir.js';
import type { Scenario } from '../runtime/scenario.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = 'test/sample/every-construct.rules';
const SCENARIOS = 'test/sample/every-construct.scenarios.yaml';
const DOC = 'docs/language.md';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Runs the CLI; returns its exit code and output, never throws. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['cli/bin.mjs', ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const newAjv = () => new Ajv2020({ allErrors: true, strict: false });

describe('the every-construct sample', () => {
  let artifact: Artifact;
  let scenarios: Scenario[];

  beforeAll(() => {
    const result = compile(read(SAMPLE), { path: SAMPLE });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.code}: ${d.message}`)).toEqual([]);
    artifact = result.artifact!;
    scenarios = (parseYaml(read(SCENARIOS)) as { scenarios: Scenario[] }).scenarios;
  });

  it('compiles with no errors and no warnings', () => {
    expect(artifact).toBeDefined();
    const r = cli('check', SAMPLE);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('has an artifact that validates against ARTIFACT_SCHEMA and loads', () => {
    const validate = newAjv().compile(ARTIFACT_SCHEMA);
    const ok = validate(artifact);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const loaded = load(artifact);
    expect(loaded.ok).toBe(true);
  });

  it('has 6 to 10 scenarios, some under other readings and one expecting an error', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(6);
    expect(scenarios.length).toBeLessThanOrEqual(10);
    expect(scenarios.some((s) => s.readings && Object.keys(s.readings).length > 0)).toBe(true);
    expect(scenarios.some((s) => s.expect.error)).toBe(true);
  });

  it('has an input schema that compiles with ajv and accepts every scenario input', () => {
    const validate = newAjv().compile(artifact.schemas.input);
    for (const s of scenarios) {
      const ok = validate(s.input);
      expect({ scenario: s.name, errors: validate.errors ?? [] }).toEqual({ scenario: s.name, errors: [] });
      expect(ok).toBe(true);
    }
    // and rejects what the boundary forbids: money as a JSON number, an unknown enum value
    const bad = structuredClone(scenarios[0]!.input) as { payments: Record<string, unknown>[] };
    bad.payments[0]!.amount = 120000;
    expect(validate(bad)).toBe(false);
    bad.payments[0]!.amount = '120000.00 RUB';
    bad.payments[0]!.channel = 'telemarketing';
    expect(validate(bad)).toBe(false);
  });

  it('has an output schema that accepts what the runtime returns', () => {
    const validate = newAjv().compile(artifact.schemas.output);
    const loaded = load(artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    for (const s of scenarios.filter((x) => !x.expect.error)) {
      const r = loaded.ruleset.evaluate(s.input, { asOf: s.as_of, readings: s.readings });
      if (!r.ok) throw new Error(`${s.name}: ${r.error.code} ${r.error.message}`);
      expect({ scenario: s.name, ok: validate(r.outputs), errors: validate.errors ?? [] }).toEqual({ scenario: s.name, ok: true, errors: [] });
    }
  });

  it('prints an input schema (rulebook schema) that compiles with ajv', () => {
    const r = cli('schema', SAMPLE);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    const validate = newAjv().compile(schema);
    for (const s of scenarios) expect(validate(s.input)).toBe(true);
  });

  it('prints TypeScript types (rulebook types) that type-check with tsc --strict against the scenarios', () => {
    // the typed wrapper imports the runtime's types; here from the sources, in a backend from rulebook/runtime
    const r = cli('types', SAMPLE, '--runtime', join(ROOT, 'runtime/index.js'));
    expect(r.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-types-'));
    writeFileSync(join(dir, 'types.ts'), r.stdout);
    const loaded = load(artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const first = scenarios[0]!;
    const evaluated = loaded.ruleset.evaluate(first.input, { asOf: first.as_of });
    if (!evaluated.ok) throw new Error(evaluated.error.message);
    const usage = [
      "import type { Input, Output, Payment, Program, ProgramLoadResult } from './types.js';",
      ...scenarios.map((s, i) => `export const input${i}: Input = ${JSON.stringify(s.input)};`),
      `export const output: Output = ${JSON.stringify(evaluated.outputs)};`,
      'export const amounts: string[] = input0.payments.map((p: Payment) => p.amount);',
      '// the generated types are not `any`: these must be rejected',
      "// @ts-expect-error an unknown tier",
      "export const wrongTier: Input['partner']['tier'] = 'platinum';",
      '// @ts-expect-error money without its currency',
      "export const wrongMoney: Payment['amount'] = '120000.00';",
      '// the typed wrapper: evaluate takes Input and returns Output',
      'export function run(loaded: ProgramLoadResult): Output | undefined {',
      '  if (!loaded.ok) return undefined;',
      '  const program: Program = loaded.ruleset;',
      '  // @ts-expect-error an input without its fields',
      '  program.evaluate({});',
      '  const result = program.evaluate(input0);',
      '  return result.ok ? result.outputs : undefined;',
      '}',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'usage.ts'), usage);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const args = [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--skipLibCheck', join(dir, 'types.ts'), join(dir, 'usage.ts')];
    let output = '';
    try {
      execFileSync(process.execPath, args, { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      output = `${(e as { stdout?: string }).stdout ?? ''}${(e as { stderr?: string }).stderr ?? ''}` || String(e);
    }
    expect(output).toBe('');
  }, 60_000);

  it('passes its scenarios (rulebook test)', () => {
    const r = cli('test', SAMPLE);
    expect(r.stdout).toContain(`${scenarios.length} passed, 0 failed`);
    expect(r.status).toBe(0);
  });

  it('exercises every rule, row, clause and definition (rulebook test --coverage)', () => {
    const r = cli('test', '--coverage', SAMPLE);
    expect(r.stdout).toContain('every rule, row, clause and definition is exercised');
    expect(r.status).toBe(0);
  });
});

// ------------------------------------------------------------------ the language reference

interface Block { lang: string; code: string; line: number }

/** The fenced code blocks of a Markdown file, with the line each starts on. */
function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    blocks.push({ lang: open[1]!, code: body.join('\n'), line: start + 1 });
  }
  return blocks;
}

/** Lines that carry code: trimmed, without comments (`#` outside quotes) and without blank lines. */
function codeLines(text: string): string[] {
  return text.split('\n')
    .map((l) => l.replace(/("(?:[^"\\]|\\.)*")|\s*#.*$/g, (m, str: string | undefined) => str ?? '').trim())
    .filter((l) => l !== '' && l !== '…');
}

/** A program block starts with `program` (after comments); `# expect RB401 RB402` lists the diagnostics it must give. */
function isProgram(b: Block): boolean {
  return codeLines(b.code)[0]?.startsWith('program') ?? false;
}

function expectedCodes(b: Block): string[] {
  return [...b.code.matchAll(/#\s*expect\s+((?:RB\d{3}[ ,]*)+)/g)].flatMap((m) => m[1]!.split(/[ ,]+/).filter(Boolean));
}

describe('docs/language.md', () => {
  const doc = read(DOC);
  const blocks = codeBlocks(doc);
  const rules = blocks.filter((b) => b.lang === 'rules');
  const sampleLines = codeLines(read(SAMPLE));

  it('has examples', () => {
    expect(rules.filter(isProgram).length).toBeGreaterThan(5);
    expect(rules.filter((b) => !isProgram(b)).length).toBeGreaterThan(5);
  });

  it.each(rules.filter(isProgram).map((b) => [b.line, b] as const))('the program at line %i compiles as the text says', (_line, b) => {
    const r = compile(b.code, { path: `${DOC}:${b.line}` });
    const codes = r.diagnostics.map((d) => d.code).sort();
    const expected = expectedCodes(b).sort();
    expect({ codes, messages: expected.length ? [] : r.diagnostics.map((d) => d.message) }).toEqual({ codes: expected, messages: [] });
    if (!expected.length) expect(r.artifact).toBeDefined();
  });

  it.each(rules.filter((b) => !isProgram(b)).map((b) => [b.line, b] as const))('the excerpt at line %i is taken from the sample program', (_line, b) => {
    // every code line of the excerpt appears in every-construct.rules, in the same order
    let at = 0;
    for (const line of codeLines(b.code)) {
      const found = sampleLines.indexOf(line, at);
      expect({ line, found: found >= 0 }).toEqual({ line, found: true });
      at = found + 1;
    }
  });

  it('has JSON examples that parse', () => {
    for (const b of blocks.filter((x) => x.lang === 'json')) {
      expect(() => JSON.parse(b.code), `the JSON block at line ${b.line}`).not.toThrow();
    }
  });

  it('lists every diagnostic code and every runtime error code', async () => {
    const { DIAGNOSTIC_CODES } = await import('../language/diagnostics.js');
    const { RUNTIME_ERROR_CODES } = await import('../runtime/errors.js');
    for (const code of [...Object.keys(DIAGNOSTIC_CODES), ...Object.keys(RUNTIME_ERROR_CODES)]) {
      expect(doc, code).toContain(`| ${code} |`);
    }
  });
});

// ------------------------------------------------------------------ fixes made while writing the sample

describe('language fixes the sample relies on', () => {
  const header = 'program t "T"\n  currency RUB\n  zone Europe/Moscow\n';
  const codes = (body: string) => compile(header + body).diagnostics.map((d) => d.code);

  it('reads `1 month` (month is also a header keyword)', () => {
    expect(codes('output a = 31.01.2025 + 1 month\noutput b = 31.01.2025 + 2 months\n')).toEqual([]);
  });

  it('accepts a unique table whose rows cover every value of a column, and warns when they leave a gap', () => {
    const table = (rows: string) => `enum Tier: bronze, silver, gold\ninput\n  tier: Tier\n  amount: money\ntable t(a: money, b: Tier) hit unique\n  | a | b || r: integer |\n${rows}output o = t(amount, tier).r\n`;
    expect(codes(table('  | < 300 RUB | - || 1 |\n  | >= 300 RUB | - || 2 |\n'))).toEqual([]);
    expect(codes(table('  | < 300 RUB | - || 1 |\n  | > 300 RUB | - || 2 |\n'))).toEqual(['RB508']);
    expect(codes(table('  | - | bronze || 1 |\n  | - | silver, gold || 2 |\n'))).toEqual([]);
    expect(codes(table('  | - | bronze || 1 |\n  | - | not one of bronze || 2 |\n'))).toEqual([]);
    expect(codes(table('  | - | bronze || 1 |\n  | - | silver || 2 |\n'))).toEqual(['RB508']);
    // a row restricted in another column does not count towards covering this one
    expect(codes(table('  | - | bronze || 1 |\n  | < 5 RUB | silver, gold || 2 |\n'))).toEqual(['RB508']);
  });
});
