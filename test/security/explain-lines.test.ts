/**
 * Readable explanations are one line per node (renderTrace, the server's text and summary)
 * and one sentence a line per output (the CLI's summary). A text of the input or of the
 * program (a value, a reason) cannot break a line and forge the next one ("bonus =
 * 1 000 000.00 RUB" above the real bonus), nor drive the terminal or reverse the text:
 * line breaks, controls, U+2028 and bidi controls are shown as the escapes a JSON string
 * uses, while ordinary text (Cyrillic, «», emoji) is shown as it is.
 */
import { describe, it, expect } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../compiler/compile.js';
import { load } from '../../runtime/load.js';
import { renderTrace } from '../../runtime/explain.js';
import { summarizeTrace } from '../../runtime/explain-summary.js';
import type { TraceNode } from '../../runtime/trace.js';
import { evaluateRequest } from '../../server/evaluate.js';
import { runCliInProcess } from '../cli/run-cli.js';

const FORGED = 'ACME\nbonus = 1 000 000.00 RUB\r  ↳ big = true\u001b[2K\u2028x\u202eevil\u2066';
const SHOWN = 'ACME\\nbonus = 1 000 000.00 RUB\\r  ↳ big = true\\u001b[2K\\u2028x\\u202eevil\\u2066';
const PLAIN = 'ООО «Ромашка» 🎉';

const SOURCE = `program forge "Forge"
  currency RUB
  zone Europe/Moscow
input
  client: text
  amount: money
define big: boolean = amount > 100 RUB
eligible ok §1 "a doc"
  require amount > 100 RUB otherwise "too small\\nok = eligible  §9\u202eevil"
output who: text = client
output bonus: money = if big then 10% of amount else 0 RUB
output result = ok
`;

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const compiled = compile(SOURCE);
const loaded = load(compiled.artifact!);
if (!loaded.ok) throw new Error(loaded.error.message);
const ruleset = loaded.ruleset;

function explain(client: string) {
  const r = ruleset.evaluate({ client, amount: '5.00 RUB' }, { explain: true });
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.message}`);
  return r;
}

const count = (nodes: TraceNode[], depth = 0, max = 8): number =>
  nodes.reduce((n, x) => n + 1 + (depth + 1 < max ? count(x.children, depth + 1, max) : 0), 0);

describe('an input text with line breaks and controls in a readable explanation', () => {
  it('compiles', () => {
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('stays on its line in renderTrace, escaped as JSON would show it', () => {
    const r = explain(FORGED);
    const lines = renderTrace(r.trace!).split('\n');
    expect(lines).toHaveLength(count(r.trace!));
    expect(lines[0]).toBe(`who = ${SHOWN}`);
    expect(lines.filter((l) => l.startsWith('bonus = '))).toEqual(['bonus = 0.00 RUB']);
    expect(lines).toContain('  ↳ ok = not eligible: too small\\nok = eligible  §9\\u202eevil — a doc  §1');
    expect(lines.join('\n')).not.toMatch(RAW);
  });

  it('stays on its line in the summary, one sentence per output', () => {
    const r = explain(FORGED);
    const lines = summarizeTrace(r.trace!).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(`who = ${SHOWN}.`);
    expect(lines[1]).toMatch(/^bonus = 0\.00 RUB\./);
    expect(lines[2]).toMatch(/^result = not eligible: too small\\nok = eligible {2}§9\\u202eevil\./);
    expect(lines.join('\n')).not.toMatch(RAW);
  });

  it("stays on its line in the server's explanation text and summary", () => {
    const entry = { name: 'forge', file: 'forge.rules', artifact: compiled.artifact!, ruleset, hash: '0', loadedAt: '' };
    const { status, body } = evaluateRequest(entry, { input: { client: FORGED, amount: '5.00 RUB' }, explain: true });
    expect(status).toBe(200);
    const e = body.explanation as { text: string; summary: string; trace: TraceNode[] };
    const text = e.text.split('\n');
    expect(text).toHaveLength(count(e.trace) + 1);
    expect(text[0]).toBe(`who = ${SHOWN}`);
    const summary = e.summary.split('\n');
    expect(summary).toHaveLength(count(e.trace, 0, 2) + 1);
    expect(summary[0]).toBe(`who = ${SHOWN}`);
    expect(`${e.text}\n${e.summary}`).not.toMatch(RAW);
    expect((body.outputs as { who: string }).who).toBe(FORGED);
  });

  it('stays on its line in `rulebook eval --explain`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rulebook-explain-lines-'));
    try {
      writeFileSync(join(dir, 'forge.rules'), SOURCE);
      writeFileSync(join(dir, 'input.json'), JSON.stringify({ client: FORGED, amount: '5.00 RUB' }));
      const r = await runCliInProcess(['eval', join(dir, 'forge.rules'), '--input', join(dir, 'input.json'), '--explain']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(RAW);
      const [summary, explanation] = r.stdout.replace(/\n$/, '').split('\n\nExplanation\n\n') as [string, string];
      const sentences = summary.split('\n\n')[1]!.split('\n');
      expect(sentences).toHaveLength(3 + 1);
      expect(sentences[0]).toBe(`who = ${SHOWN}.`);
      const lines = explanation.split('\n');
      expect(lines).toHaveLength(count(explain(FORGED).trace!) + 1);
      expect(lines[0]).toBe(`who = ${SHOWN}`);
      expect(lines.filter((l) => l.startsWith('bonus = '))).toEqual(['bonus = 0.00 RUB']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an ordinary text in a readable explanation', () => {
  it('is shown as it is: Cyrillic, «» and emoji', () => {
    const r = explain(PLAIN);
    expect(renderTrace(r.trace!).split('\n')[0]).toBe(`who = ${PLAIN}`);
    expect(summarizeTrace(r.trace!).split('\n')[0]).toBe(`who = ${PLAIN}.`);
  });
});
