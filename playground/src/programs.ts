/**
 * The programs the playground offers: every `programs/*.rules` with its
 * `*.scenarios.yaml`, found at build time, plus the playground's own examples.
 */
import { parse as parseYaml } from 'yaml';
import type { Scenario } from '../../runtime/scenario.js';

/** One program as shipped: its id (file stem), source text and scenarios. */
export interface ProgramEntry {
  id: string;
  group: 'programs' | 'examples';
  file: string;
  source: string;
  scenarios: Scenario[];
  /** Set when the scenario file could not be read. */
  scenarioProblem?: string;
}

const programSources = import.meta.glob('../../programs/*.rules', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const programScenarios = import.meta.glob('../../programs/*.scenarios.{yaml,yml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exampleSources = import.meta.glob('../fixtures/*.rules', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exampleScenarios = import.meta.glob('../fixtures/*.scenarios.{yaml,yml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const stem = (path: string) => path.replace(/^.*\//, '').replace(/\.rules$/, '').replace(/\.scenarios\.ya?ml$/, '');

/** Reads a scenario file's text; problems come back as a sentence, never thrown. */
export function readScenarios(text: string | undefined): { scenarios: Scenario[]; problem?: string } {
  if (text === undefined) return { scenarios: [] };
  try {
    const doc = parseYaml(text) as { scenarios?: unknown } | null;
    if (!doc || !Array.isArray(doc.scenarios)) return { scenarios: [], problem: 'expected a list under "scenarios:"' };
    const scenarios = (doc.scenarios as Scenario[]).filter((s) => s && typeof s.name === 'string')
      .map((s) => ({ ...s, input: s.input ?? {}, expect: s.expect ?? {} }));
    return { scenarios };
  } catch (e) {
    return { scenarios: [], problem: `the scenario file is not valid YAML: ${(e as Error).message.split('\n')[0]}` };
  }
}

function collect(group: ProgramEntry['group'], sources: Record<string, string>, scenarioFiles: Record<string, string>): ProgramEntry[] {
  const byStem = new Map(Object.entries(scenarioFiles).map(([p, t]) => [stem(p), t]));
  return Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)).map(([path, source]) => {
    const id = stem(path);
    const { scenarios, problem } = readScenarios(byStem.get(id));
    return { id, group, file: `${group === 'programs' ? 'programs' : 'playground/fixtures'}/${id}.rules`, source, scenarios, ...(problem ? { scenarioProblem: problem } : {}) };
  });
}

/** Every program, those under programs/ first. */
export const PROGRAMS: ProgramEntry[] = [
  ...collect('programs', programSources, programScenarios),
  ...collect('examples', exampleSources, exampleScenarios),
];

/** The program with this id, or the first one. */
export function programById(id: string | undefined): ProgramEntry {
  return PROGRAMS.find((p) => p.id === id) ?? PROGRAMS[0]!;
}
