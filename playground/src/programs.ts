/**
 * The programs the playground offers: every `programs/*.rules` with its
 * `*.scenarios.yaml`, found at build time, plus the playground's own examples.
 */
import { readScenarios } from './scenario-file.js';
import type { Scenario } from '../../runtime/scenario.js';

/** One program as shipped: its id (file stem), source text and scenarios. */
export interface ProgramEntry {
  id: string;
  group: 'programs' | 'examples';
  file: string;
  source: string;
  scenarios: Scenario[];
  /** The scenario file's text as shipped (downloads edit it in place). */
  scenarioText?: string;
  /** Set when the scenario file could not be read. */
  scenarioProblem?: string;
}

const programSources = import.meta.glob('../../programs/*.rules', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const programScenarios = import.meta.glob('../../programs/*.scenarios.{yaml,yml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exampleSources = import.meta.glob('../fixtures/*.rules', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const exampleScenarios = import.meta.glob('../fixtures/*.scenarios.{yaml,yml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const stem = (path: string) => path.replace(/^.*\//, '').replace(/\.rules$/, '').replace(/\.scenarios\.ya?ml$/, '');

function collect(group: ProgramEntry['group'], sources: Record<string, string>, scenarioFiles: Record<string, string>): ProgramEntry[] {
  const byStem = new Map(Object.entries(scenarioFiles).map(([p, t]) => [stem(p), t]));
  return Object.entries(sources).sort(([a], [b]) => a.localeCompare(b)).map(([path, source]) => {
    const id = stem(path);
    const scenarioText = byStem.get(id);
    const { scenarios, problem } = readScenarios(scenarioText);
    return { id, group, file: `${group === 'programs' ? 'programs' : 'playground/fixtures'}/${id}.rules`, source, scenarios, scenarioText, ...(problem ? { scenarioProblem: problem } : {}) };
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
