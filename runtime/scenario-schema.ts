/**
 * The JSON Schema of scenario files (`*.scenarios.yaml`), and a checker that names each
 * problem by its path. Unknown keys are refused (`expect: {output: …}` would otherwise
 * assert nothing), and every scenario must assert something: outputs, failure reasons
 * or an error code. A test that cannot fail is a defect.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

const nonEmptyObject = { type: 'object', minProperties: 1 };

export const SCENARIO_FILE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Rulebook scenario file',
  type: 'object',
  required: ['scenarios'],
  additionalProperties: false,
  properties: {
    program: { type: 'string', description: 'the .rules file, relative to the scenario file (default: <name>.rules beside it)' },
    // YAML anchors shared by several scenarios live under these keys
    definitions: {},
    fixtures: {},
    scenarios: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'input', 'expect'],
        additionalProperties: false,
        properties: {
          name: { type: 'string', minLength: 1 },
          description: { type: 'string' },
          as_of: { type: 'string' },
          readings: { type: 'object', additionalProperties: { type: 'string' } },
          calendar: { type: 'object', additionalProperties: false, properties: { ua: { enum: ['martial_law', 'peacetime'] } } },
          input: {},
          expect: {
            type: 'object',
            additionalProperties: false,
            properties: {
              outputs: { ...nonEmptyObject, description: 'expected outputs; only those named are compared' },
              reasons: { ...nonEmptyObject, additionalProperties: { type: 'array', items: { type: 'string' } } },
              error: { type: 'string', pattern: '^RB-E-[A-Z-]+$' },
            },
            anyOf: [{ required: ['outputs'] }, { required: ['reasons'] }, { required: ['error'] }],
            not: { anyOf: [{ required: ['error', 'outputs'] }, { required: ['error', 'reasons'] }] },
          },
        },
      },
    },
  },
} as const;

let validate: ReturnType<Ajv2020['compile']> | undefined;

/** `/scenarios/2/expect` -> `scenarios[2].expect` */
function where(pointer: string): string {
  return pointer.split('/').slice(1).map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join('').replace(/^\./, '') || '(the file)';
}

function sentence(e: ErrorObject, doc: unknown): string {
  const at = where(e.instancePath);
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).join(', ');
      return `${at === '(the file)' ? '' : `${at}.`}${String(p.additionalProperty)} is not a known key (known keys: ${known})`;
    }
    case 'required': return `${at} needs ${String(p.missingProperty)}`;
    case 'minProperties': return `${at} is empty, so it asserts nothing`;
    case 'anyOf': return /expect$/.test(at) ? `${at} asserts nothing: give outputs, reasons or error` : `${at} ${e.message ?? 'is not valid'}`;
    case 'not': return `${at} gives an error together with outputs or reasons; an evaluation has one or the other`;
    default: return `${at} ${e.message ?? 'is not valid'}${named(e.instancePath, doc)}`;
  }
}

function named(pointer: string, doc: unknown): string {
  const m = /^\/scenarios\/(\d+)/.exec(pointer);
  const s = m ? (doc as { scenarios: { name?: unknown }[] }).scenarios[Number(m[1])] : undefined;
  return typeof s?.name === 'string' ? ` (scenario "${s.name}")` : '';
}

/** Every problem of a parsed scenario file, one sentence each with its path; empty when valid. */
export function scenarioFileProblems(doc: unknown): string[] {
  validate ??= new Ajv2020({ allErrors: true, strict: false, verbose: true, ownProperties: true }).compile(SCENARIO_FILE_SCHEMA);
  if (validate(doc)) return [];
  // anyOf/not report their branches too; keep the sentence about the whole
  const errors = (validate.errors ?? []).filter((e) => !(e.keyword === 'required' && /\/expect$/.test(e.instancePath) && ['outputs', 'reasons', 'error'].includes(String((e.params as { missingProperty?: string }).missingProperty))));
  return [...new Set(errors.map((e) => sentence(e, doc)))];
}
