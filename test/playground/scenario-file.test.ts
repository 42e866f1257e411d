/** Downloaded scenario files keep comments and anchors (playground/src/scenario-file.ts). */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { readScenarios, scenarioFileText } from '../../playground/src/scenario-file.js';
import type { Scenario } from '../../runtime/scenario.js';

const text = readFileSync('programs/referral-ru.scenarios.yaml', 'utf8');
const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));
const anchors = (t: string) => [...t.matchAll(/&[\w-]+/g)].map((m) => m[0]);

describe('scenario file download', () => {
  const shipped = readScenarios(text).scenarios;

  it('is the shipped text when nothing changed', () => {
    expect(scenarioFileText(text, structuredClone(shipped))).toBe(text);
  });

  it('edits one value in place: every comment and anchor stays, other scenarios keep their values', () => {
    const edited: Scenario[] = structuredClone(shipped);
    const i = edited.findIndex((s) => JSON.stringify(s.input).includes('"14400.00 RUB"'));
    const input = edited[i]!.input as { purchases: { amount: string }[] };
    input.purchases[0]!.amount = '15000.00 RUB';
    edited.splice(1, 1);
    const out = scenarioFileText(text, edited);
    expect(comments(out).length).toBeGreaterThan(comments(text).length - 5);
    expect(comments(out).slice(0, 3)).toEqual(comments(text).slice(0, 3));
    expect(anchors(out)).toEqual(anchors(text));
    const reread = readScenarios(out).scenarios;
    expect(reread).toEqual(edited);
    expect(out).toContain('15000.00 RUB');
    // the anchor the edited scenario shared keeps its old value for the others
    expect((parse(out, { maxAliasCount: -1 }) as { definitions: unknown }).definitions).toEqual((parse(text, { maxAliasCount: -1 }) as { definitions: unknown }).definitions);
  });

  it('appends a new scenario and falls back to plain YAML without an original', () => {
    const extra: Scenario = { name: 'new one', input: { a: 1 }, expect: {} };
    expect(readScenarios(scenarioFileText(text, [...shipped, extra])).scenarios.at(-1)).toEqual(extra);
    expect(parse(scenarioFileText(undefined, [extra]))).toEqual({ scenarios: [extra] });
  });
});
