/** The playground's share-link differences (pure functions, no browser needed). */
import { describe, expect, it } from 'vitest';
import { applyJson, applyLines, applyScenarios, diffJson, diffLines, diffScenarios, fingerprint } from '../../playground/src/share-diff.js';
import type { Scenario } from '../../runtime/scenario.js';

const base = ['program p', 'a', 'b', 'c', 'd'].join('\n');

describe('share-link differences', () => {
  it('a one-line change travels as that line only, and applies back exactly', () => {
    const edited = base.replace('b', 'B!');
    const e = diffLines(base, edited);
    expect(e).toEqual({ p: 2, d: 1, l: ['B!'] });
    expect(applyLines(base, e)).toBe(edited);
    for (const t of ['', 'program p', `${base}\nextra`, 'x\n' + base]) expect(applyLines(base, diffLines(base, t))).toBe(t);
  });

  it('an edit that does not fit the text is refused', () => {
    expect(applyLines(base, { p: 4, d: 3, l: [] })).toBeUndefined();
    expect(applyLines(base, { p: -1, d: 0, l: [] })).toBeUndefined();
    expect(applyLines(base, { p: 0, d: 0, l: [1 as unknown as string] })).toBeUndefined();
  });

  it('scenario edits travel as the changed fields; unchanged scenarios as their index', () => {
    const ship: Scenario[] = [
      { name: 'one', input: { amount: '10 RUB', items: [{ id: 'a' }] }, expect: { outputs: { x: 1 } } },
      { name: 'two', input: { amount: '20 RUB' }, expect: {} },
    ];
    const next: Scenario[] = structuredClone(ship);
    (next[1]!.input as { amount: string }).amount = '25 RUB';
    next.push({ name: 'three', input: {}, expect: {} });
    const refs = diffScenarios(ship, next);
    expect(refs).toEqual([0, { b: 1, d: [[['input', 'amount'], '25 RUB']] }, { n: next[2] }]);
    expect(applyScenarios(ship, refs)).toEqual(next);
    expect(applyScenarios(ship, [7])).toBeUndefined();
  });

  it('patches remove fields, replace lists and never touch prototypes', () => {
    const a = { x: 1, y: [1, 2], z: { k: 1 } }, b = { y: [1], z: { k: 2 } };
    const d = diffJson(a, b);
    expect(applyJson(a, d)).toEqual(b);
    expect(a).toEqual({ x: 1, y: [1, 2], z: { k: 1 } });
    expect(applyJson({}, [[['__proto__', 'polluted'], true]])).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('fingerprints differ for different texts', () => {
    expect(fingerprint(base)).toBe(fingerprint(base));
    expect(fingerprint(base)).not.toBe(fingerprint(`${base} `));
  });
});
