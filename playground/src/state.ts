/**
 * What the user is working on, per program: the edited source, the scenarios, the
 * selected scenario and the reading overrides. Kept in localStorage so edits survive a
 * reload; "revert to saved" drops them. Share links carry the same shape.
 */
import type { Scenario } from '../../runtime/scenario.js';
import type { ProgramEntry } from './programs.js';

/** The editable state of one program. */
export interface ProgramState {
  source: string;
  scenarios: Scenario[];
  selected: number;
  /** Reading name -> option chosen in the readings panel (applies to every scenario). */
  overrides: Record<string, string>;
}

const PREFIX = 'rulebook.playground.v1';

function storage(): Storage | undefined {
  try { return window.localStorage; } catch { return undefined; }
}

/** The state of a program as shipped. */
export function savedState(p: ProgramEntry): ProgramState {
  return { source: p.source, scenarios: structuredClone(p.scenarios), selected: p.scenarios.length ? 0 : -1, overrides: {} };
}

/** The stored edits of a program, if any. */
export function loadState(id: string): ProgramState | undefined {
  const raw = storage()?.getItem(`${PREFIX}.program.${id}`);
  if (!raw) return undefined;
  try {
    const s = JSON.parse(raw) as ProgramState;
    if (typeof s.source !== 'string' || !Array.isArray(s.scenarios)) return undefined;
    return { source: s.source, scenarios: s.scenarios, selected: Number.isInteger(s.selected) ? s.selected : 0, overrides: s.overrides ?? {} };
  } catch { return undefined; }
}

/** Stores the edits of a program and remembers it as the last one open. */
export function storeState(id: string, s: ProgramState): void {
  const st = storage();
  if (!st) return;
  try {
    st.setItem(`${PREFIX}.program.${id}`, JSON.stringify(s));
    st.setItem(`${PREFIX}.last`, id);
  } catch { /* storage full or disabled: edits just do not persist */ }
}

/** Forgets the edits of a program. */
export function clearState(id: string): void {
  storage()?.removeItem(`${PREFIX}.program.${id}`);
}

/** The program open last time. */
export function lastProgram(): string | undefined {
  return storage()?.getItem(`${PREFIX}.last`) ?? undefined;
}

/** True when the state differs from the program as shipped. */
export function isEdited(p: ProgramEntry, s: ProgramState): boolean {
  return s.source !== p.source || JSON.stringify(s.scenarios) !== JSON.stringify(p.scenarios);
}
