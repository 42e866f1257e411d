/**
 * The package ships the artifact validator as ajv's standalone code, generated at build
 * time (scripts/artifact-validator-code.mjs over dist/runtime/artifact-validator.js);
 * the sources compile the schema at run time (runtime/artifact-validator.ts). Both must
 * give the same verdict and the same first problem on every artifact.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../compiler/compile.js';
import { ARTIFACT_SCHEMA } from '../../runtime/artifact-schema.js';
import { AJV_OPTIONS } from '../../runtime/ajv-options.js';
import compiled from '../../runtime/artifact-validator.js';
// @ts-expect-error plain JS module of the build
import { artifactValidatorCode } from '../../scripts/artifact-validator-code.mjs';

type Validator = ((a: unknown) => boolean) & { errors?: { instancePath: string; keyword: string; message?: string }[] | null };

async function standalone(): Promise<Validator> {
  const file = join(mkdtempSync(join(tmpdir(), 'rb-validator-')), 'artifact-validator.mjs');
  writeFileSync(file, artifactValidatorCode(ARTIFACT_SCHEMA, AJV_OPTIONS) as string);
  return (await import(pathToFileURL(file).href)).default as Validator;
}

/** Every program's artifact, and copies of it damaged in different places. */
function artifacts(): { name: string; artifact: unknown }[] {
  const out: { name: string; artifact: unknown }[] = [];
  for (const f of readdirSync('programs').filter((x) => x.endsWith('.rules'))) {
    const a = compile(readFileSync(join('programs', f), 'utf8')).artifact!;
    const damaged: [string, (x: Record<string, any>) => void][] = [
      ['as compiled', () => {}],
      ['no format', (x) => { delete x.format; }],
      ['version as text', (x) => { x.version = '1'; }],
      ['unknown top-level field', (x) => { x.extra = true; }],
      ['a definition kind that is a number', (x) => { x.definitions[0].kind = 42; }],
      ['outputs not a list', (x) => { x.outputs = {}; }],
      ['zone not text', (x) => { x.program.zone = 5; }],
      ['an output name that is a number', (x) => { x.outputs[0].name = 7; }],
    ];
    for (const [what, damage] of damaged) {
      const copy = structuredClone(a) as Record<string, any>;
      damage(copy);
      out.push({ name: `${f}: ${what}`, artifact: copy });
    }
  }
  return out;
}

describe('the artifact validator generated at build time', () => {
  it('gives the verdict and the first problem of the validator compiled at run time', async () => {
    const generated = await standalone();
    const cases = artifacts();
    let rejected = 0;
    for (const c of cases) {
      const expected = compiled(c.artifact);
      expect(generated(c.artifact), c.name).toBe(expected);
      if (!expected) {
        rejected++;
        const first = (v: Validator) => { const e = v.errors![0]!; return { path: e.instancePath, keyword: e.keyword, message: e.message }; };
        expect(first(generated), c.name).toEqual(first(compiled as Validator));
      }
    }
    // the damaged copies are rejected, the compiled ones accepted
    expect(rejected).toBe(cases.length - cases.filter((c) => c.name.endsWith('as compiled')).length);
  });
});
