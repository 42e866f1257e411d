/**
 * The programs a server evaluates: every `.rules` file (compiled here) and every artifact
 * `.json` file (a JSON object with `"format": "rulebook-artifact"`) of one folder, by file
 * name without its extension. A changed file is compiled and swapped in as one Map
 * assignment: a request holds the entry it started with, so it finishes on that version.
 * A file that no longer compiles keeps its last good version and is listed as a problem.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { compile, formatDiagnostic } from '../index.js';
import { load, type Artifact, type Ruleset } from '../runtime/index.js';

/** One loaded version of a program. Never mutated: a reload makes a new entry. */
export interface ProgramEntry {
  name: string;
  file: string;
  artifact: Artifact;
  ruleset: Ruleset;
  /** First 16 hex digits of the SHA-256 of the artifact's JSON: names the version evaluated. */
  hash: string;
  loadedAt: string;
}

/** A program file that does not load; `servingHash` names the last good version still served. */
export interface ProgramProblem {
  name: string; file: string;
  /** A compiler code (RB100–RB599), a runtime load code (RB-E-ARTIFACT, RB-E-VERSION) or RB-E-NAME. */
  code: string;
  message: string; since: string; servingHash?: string;
}

/** Program names are file names without extension: letters, digits, `.`, `_`, `-`, not starting with `_` or `.`. */
export const PROGRAM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

type Outcome = { entry: Omit<ProgramEntry, 'name' | 'file' | 'loadedAt'> } | { problem: { code: string; message: string } } | 'not-a-program';

/** The SHA-256 of the artifact's JSON, shortened: the same artifact always gets the same hash. */
export function artifactHash(artifact: unknown): string {
  return createHash('sha256').update(JSON.stringify(artifact)).digest('hex').slice(0, 16);
}

function programName(file: string): string | undefined {
  if (file.endsWith('.rules')) return file.slice(0, -'.rules'.length);
  if (file.endsWith('.json') && !file.endsWith('.scenarios.json')) return file.slice(0, -'.json'.length);
  return undefined;
}

function loadFile(path: string): Outcome {
  const text = readFileSync(path, 'utf8');
  let artifact: unknown;
  if (path.endsWith('.rules')) {
    const compiled = compile(text, { path });
    const errors = compiled.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length || !compiled.artifact) {
      return { problem: { code: errors[0]?.code ?? 'RB-E-ARTIFACT', message: errors.map((d) => formatDiagnostic(d, text, path).split('\n')[0]).join('\n') || 'does not compile' } };
    }
    artifact = compiled.artifact;
  } else {
    try { artifact = JSON.parse(text); } catch (e) {
      return { problem: { code: 'RB-E-ARTIFACT', message: `${path} is not valid JSON (${(e as Error).message})` } };
    }
    // other JSON (inputs, expected outputs, package.json) may sit next to the artifacts
    if (!artifact || typeof artifact !== 'object' || (artifact as { format?: unknown }).format !== 'rulebook-artifact') return 'not-a-program';
  }
  const loaded = load(artifact);
  if (!loaded.ok) return { problem: { code: loaded.error.code, message: `${path}: ${loaded.error.message}` } };
  return { entry: { artifact: loaded.ruleset.artifact, ruleset: loaded.ruleset, hash: artifactHash(loaded.ruleset.artifact) } };
}

/** The programs of one folder, reloaded when their files change. */
export class ProgramRegistry {
  private readonly programs = new Map<string, ProgramEntry>();
  private readonly problems = new Map<string, ProgramProblem>();
  private watcher: FSWatcher | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();

  /** `log` receives one object per event (loaded, reloaded, failed, removed). */
  constructor(readonly folder: string, private readonly log: (event: Record<string, unknown>) => void = () => {}) {}

  /** Loads every program file of the folder. */
  loadAll(): void {
    for (const file of readdirSync(this.folder).sort()) this.reload(file);
  }

  /** The current version of a program (a Map lookup: `__proto__` and `constructor` are no programs). */
  get(name: string): ProgramEntry | undefined {
    return this.programs.get(name);
  }

  /** Every program's current version, by name. */
  list(): ProgramEntry[] {
    return [...this.programs.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Files that do not load now. */
  problemList(): ProgramProblem[] {
    return [...this.problems.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** (Re)loads one file of the folder, or drops its program when the file is gone. */
  reload(file: string): void {
    const name = programName(file);
    if (name === undefined) return;
    const path = join(this.folder, file);
    const since = new Date().toISOString();
    if (!PROGRAM_NAME.test(name)) {
      this.problems.set(name, { name, file, code: 'RB-E-NAME', message: `${file}: a program name takes letters, digits, ".", "_" and "-" and starts with a letter or digit`, since });
      return;
    }
    const current = this.programs.get(name);
    const duplicate = `${name} (${file})`;
    this.problems.delete(duplicate);
    if (!existsSync(path) || !statSync(path).isFile()) {
      if (!current || current.file === file) this.problems.delete(name);
      if (current?.file !== file) return;
      this.programs.delete(name);
      this.log({ event: 'program removed', program: name, file });
      // another file of the same name (x.rules beside x.json) takes over
      for (const other of [`${name}.rules`, `${name}.json`]) if (other !== file && existsSync(join(this.folder, other))) this.reload(other);
      return;
    }
    let outcome: Outcome;
    try { outcome = loadFile(path); } catch (e) {
      outcome = { problem: { code: 'RB-E-ARTIFACT', message: `${file} could not be read (${(e as Error).message})` } };
    }
    if (outcome === 'not-a-program') return;
    if (current && current.file !== file && existsSync(join(this.folder, current.file))) {
      this.problems.set(duplicate, { name, file, code: 'RB-E-NAME', message: `${file} and ${current.file} both define the program "${name}"; ${current.file} is served`, since, servingHash: current.hash });
      this.log({ level: 'error', event: 'duplicate program name', program: name, file, served: current.file });
      return;
    }
    if ('problem' in outcome) {
      this.problems.set(name, { name, file, ...outcome.problem, since, ...(current ? { servingHash: current.hash } : {}) });
      this.log({ level: 'error', event: current ? 'reload failed; the last good version is still served' : 'program failed to load', program: name, file, ...(current ? { hash: current.hash } : {}), code: outcome.problem.code, message: outcome.problem.message });
      return;
    }
    this.problems.delete(name);
    if (current?.hash === outcome.entry.hash && current.file === file) return;
    this.programs.set(name, { name, file, loadedAt: since, ...outcome.entry });
    this.log({ event: current ? 'program reloaded' : 'program loaded', program: name, file, hash: outcome.entry.hash, ...(current ? { previous: current.hash } : {}) });
  }

  /** Watches the folder; changes are applied `debounceMs` after the last event on a file. */
  watch(debounceMs = 50): void {
    this.watcher = watch(this.folder, (_event, file) => {
      if (!file) { this.loadAll(); return; }
      const f = basename(file.toString());
      clearTimeout(this.pending.get(f));
      this.pending.set(f, setTimeout(() => { this.pending.delete(f); this.reload(f); }, debounceMs));
    });
  }

  /** Stops watching. */
  close(): void {
    this.watcher?.close();
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }
}
