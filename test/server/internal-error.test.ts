/**
 * An internal error of the runtime is answered 500 with a fixed sentence on /evaluate and
 * on a batch line; the runtime's own message (a JavaScript error's text, which can show
 * internals) goes to the server's log only.
 */
import { describe, it, expect } from 'vitest';
import { compile } from '../../compiler/compile.js';
import { load, type Ruleset } from '../../runtime/load.js';
import { createApp } from '../../server/app.js';
import type { ProgramEntry, ProgramRegistry } from '../../server/registry.js';

const SOURCE = `program p "P"
  currency RUB
  zone Europe/Moscow
input
  amount: money
output doubled: money = amount * 2
`;
const compiled = compile(SOURCE);
const loaded = load(compiled.artifact!);
if (!loaded.ok) throw new Error(loaded.error.message);
const SECRET = "Internal error of the runtime: Cannot read properties of undefined (reading 'secretField'). Please report it with the input.";

/** The program, with an evaluator that fails internally for an amount of 13. */
const failing: Ruleset = new Proxy(loaded.ruleset, {
  get(target, key, receiver) {
    if (key !== 'evaluate') return Reflect.get(target, key, receiver);
    return (input: { amount?: string }, options?: object) => (input?.amount === '13.00 RUB'
      ? { ok: false, error: { code: 'RB-E-INTERNAL', message: SECRET } }
      : target.evaluate(input, options as never));
  },
});
const entry: ProgramEntry = { name: 'p', file: 'p.rules', artifact: compiled.artifact!, ruleset: failing, hash: 'abc', loadedAt: '' };
const registry = { get: (n: string) => (n === 'p' ? entry : undefined), list: () => [entry], problemList: () => [] } as unknown as ProgramRegistry;

function app() {
  const logs: Record<string, unknown>[] = [];
  return { logs, app: createApp({ registry, log: (l) => logs.push(l) }) };
}

describe('an internal error of the runtime', () => {
  it('is a 500 with a fixed sentence on /evaluate; its message is only in the log', async () => {
    const { app: a, logs } = app();
    const ok = await a.inject({ method: 'POST', url: '/v1/programs/p/evaluate', payload: { input: { amount: '2.00 RUB' } } });
    expect(ok.statusCode).toBe(200);
    const r = await a.inject({ method: 'POST', url: '/v1/programs/p/evaluate', payload: { input: { amount: '13.00 RUB' } } });
    expect(r.statusCode).toBe(500);
    const body = r.json();
    expect(body.error.code).toBe('RB-E-INTERNAL');
    expect(body.error.message).toMatch(/^Internal error of the runtime while evaluating this request; the server has logged it/);
    expect(r.body).not.toContain('secretField');
    expect(body.hash).toBe('abc');
    const logged = logs.find((l) => l.level === 'error');
    expect(logged).toMatchObject({ level: 'error', program: 'p', hash: 'abc', url: '/v1/programs/p/evaluate', message: SECRET });
    await a.close();
  });

  it('is a 500 line of a batch with the same sentence, the other lines evaluated', async () => {
    const { app: a, logs } = app();
    const lines = [{ input: { amount: '13.00 RUB' } }, { input: { amount: '2.00 RUB' } }].map((l) => JSON.stringify(l)).join('\n');
    const r = await a.inject({ method: 'POST', url: '/v1/programs/p/batch', headers: { 'content-type': 'application/x-ndjson' }, payload: lines });
    const out = r.body.trim().split('\n').map((l) => JSON.parse(l) as { status: number; error?: { code: string; message: string }; outputs?: unknown });
    expect(out.map((l) => l.status)).toEqual([500, 200]);
    expect(out[0]!.error!.code).toBe('RB-E-INTERNAL');
    expect(r.body).not.toContain('secretField');
    expect(out[1]!.outputs).toEqual({ doubled: '4.00 RUB' });
    expect(logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([SECRET]);
    await a.close();
  });
});
