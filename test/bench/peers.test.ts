/**
 * The peer encodings of the bench (bench/peers/) against Rulebook: every scenario of
 * promo-kz that keeps the default readings (between them they reach every row of the table) and
 * a few hundred generated inputs per decision. Every difference must be one of the documented
 * causes, so an encoding bug (a wrong row, a wrong derived column) fails here as an
 * unexplained mismatch instead of quietly changing the benchmark. Not timed: speed is
 * `npm run bench`'s.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { compile } from '../../compiler/compile.js';
import { load, type LoadResult } from '../../runtime/load.js';
import { compareDecision, compareOn, disposePeers, rulesetOf, DECISIONS } from '../../bench/peers.js';
import { REASONS } from '../../bench/peers/mismatch.js';

const N = 400;
const documented: Record<'zen' | 'jre', string[]> = {
  zen: [REASONS.precision, REASONS.zenOffset, REASONS.zenFeb29, REASONS.zenAlmaty, REASONS.zenOverflow],
  jre: [REASONS.precision, REASONS.jsFeb29, REASONS.floatHalf],
};
const loader = load as (a: unknown) => LoadResult;

function onlyDocumented(result: Record<'zen' | 'jre', Record<string, unknown>>): void {
  for (const peer of ['zen', 'jre'] as const) {
    for (const reason of Object.keys(result[peer].mismatch_reasons as object)) expect(documented[peer], `${peer}: ${reason}`).toContain(reason);
  }
}

afterAll(() => disposePeers());

describe('peer encodings', () => {
  it('agree with Rulebook on every promo-kz scenario under the default readings', async () => {
    const spec = DECISIONS.promo_kz_decision;
    const ruleset = rulesetOf(compile(readFileSync(spec.program, 'utf8')).artifact!, loader);
    const file = parseYaml(readFileSync('programs/promo-kz-summer-2025.scenarios.yaml', 'utf8')) as { scenarios: { input: Record<string, unknown>; readings?: object }[] };
    const inputs = file.scenarios.filter((s) => !s.readings).map((s) => s.input);
    expect(inputs.length).toBeGreaterThan(60);
    const clauses = new Set(inputs.map((x) => JSON.stringify(ruleset.evaluate(x, { outputs: ['applied_clause'] }))));
    expect(clauses.size).toBe(12); // the eleven discount rows' clauses, and none
    const result = await compareOn('promo_kz_decision', ruleset, inputs, false);
    onlyDocumented(result);
  });

  it.each(Object.keys(DECISIONS) as (keyof typeof DECISIONS)[])('differ from Rulebook on generated inputs of %s only for documented causes', async (key) => {
    const result = await compareDecision(key, N, loader, false);
    expect(result.zen.n).toBe(N);
    onlyDocumented(result);
  });
});
