import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load } from '../../runtime/load.js';

const source = `program t "T"
  zone Europe/Moscow
period spring = from 01.03.2025 through 31.05.2025 §2
period summer = from 01.06.2025 through 31.08.2025 §2
input
  paid_at: instant
table season(at: instant) hit first §3
  | at     || name     |
  | spring || "spring" | §3.1
  | summer || "summer" | §3.2
  | -      || "other"  |
output s = season(paid_at).name
`;

describe('a named period in a table cell', () => {
  const compiled = compile(source);
  it('compiles to a within test, not an equality', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rows = compiled.artifact!.definitions.find((d) => d.name === 'season')!.table!.rows;
    expect(rows[0]!.tests[0]).toMatchObject({ t: 'within', asDate: true });
  });
  it('tests an instant by its date in the program zone, boundaries included', () => {
    const loaded = load(compiled.artifact);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const at = (paid_at: string) => { const r = loaded.ruleset.evaluate({ paid_at }); return r.ok ? r.outputs.s : r.error.code; };
    expect(at('2025-05-31T23:59:00+03:00')).toBe('spring');
    expect(at('2025-06-01T00:00:00+03:00')).toBe('summer');
    expect(at('2025-05-31T21:30:00Z')).toBe('summer'); // 00:30 on 1 June in Moscow
    expect(at('2025-02-28T23:59:00+03:00')).toBe('other');
  });
});
