/**
 * Findings 5 and 11: instants and the evaluation options are read strictly. An offset
 * that no place on Earth uses, a non-finite or absurd asOf, an asOf of the wrong type, a
 * local time the clocks skip, an offset that contradicts its bracketed zone, and an
 * input whose getters throw are all refused with RB-E-INPUT and a path.
 */
import { describe, it, expect } from 'vitest';
import { rulesetOf, outputsOf, errorOf, header } from '../runtime/helpers.js';

const rs = rulesetOf(`${header({ zone: 'Europe/Kyiv' })}
input
  at: instant
output day = date(at)
output at_out = at
output now = date(as_of)
`);
const asOf = '2025-06-01T12:00:00+03:00';

describe('offsets', () => {
  it.each(['+99:99', '+24:00', '+03:60', '+14:01', '-12:60', '+1:00', '+0300'])('refuses the offset %s in an input instant and in asOf', (off) => {
    const e = errorOf(rs, { at: `2025-06-01T10:00:00${off}` }, { asOf });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('$.at');
    const e2 = errorOf(rs, { at: asOf }, { asOf: `2025-06-01T10:00:00${off}` });
    expect(e2.code).toBe('RB-E-INPUT');
    expect(e2.path).toBe('asOf');
  });

  it.each(['+14:00', '-12:00', '+05:45', 'Z', '-00:30'])('accepts the real offset %s', (off) => {
    expect(rs.evaluate({ at: `2025-06-01T10:00:00${off}` }, { asOf }).ok).toBe(true);
  });
});

describe('asOf', () => {
  it.each([
    ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['1e20', 1e20], ['a fraction', 1.5],
    ['an object', { at: 1 }], ['a list', [1]], ['true', true], ['null', null], ['a Date', new Date(0)],
  ])('refuses %s with RB-E-INPUT at asOf', (_what, value) => {
    const e = errorOf(rs, { at: asOf }, { asOf: value as never });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('asOf');
  });

  it('accepts epoch milliseconds within years 1–9999', () => {
    expect(outputsOf(rs, { at: asOf }, { asOf: Date.UTC(2025, 5, 1, 12) }).now).toBe('2025-06-01');
  });

  it('refuses readings that are not an object of names', () => {
    expect(errorOf(rs, { at: asOf }, { asOf, readings: 'x' as never }).code).toBe('RB-E-READING');
    expect(errorOf(rs, { at: asOf }, { asOf, readings: { r: 5 } as never }).code).toBe('RB-E-READING');
  });
});

describe('zones: gaps, overlaps and disagreeing offsets (decisions documented in docs/language.md)', () => {
  it('refuses a local time inside a DST gap instead of moving it', () => {
    const e = errorOf(rs, { at: '2025-03-30T03:30[Europe/Kyiv]' }, { asOf });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('$.at');
    expect(e.message).toMatch(/does not exist/);
  });

  it('reads an ambiguous local time (the hour repeated in autumn) as its first occurrence', () => {
    const out = outputsOf(rs, { at: '2025-10-26T03:30[Europe/Kyiv]' }, { asOf });
    expect(out.day).toBe('2025-10-26');
    expect(out.at_out).toBe('2025-10-26T03:30:00+03:00');
  });

  it('refuses an offset that contradicts its bracketed zone, and accepts one that agrees', () => {
    const e = errorOf(rs, { at: '2025-08-31T23:30+03:00[Asia/Almaty]' }, { asOf });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.message).toMatch(/Asia\/Almaty/);
    expect(outputsOf(rs, { at: '2025-08-31T23:30+05:00[Asia/Almaty]' }, { asOf }).day).toBe('2025-08-31');
  });
});

describe('inputs that throw when read', () => {
  it('a throwing getter gives RB-E-INPUT at its path', () => {
    const input = { get at(): string { throw new Error('boom'); } };
    const e = errorOf(rs, input, { asOf });
    expect(e.code).toBe('RB-E-INPUT');
    expect(e.path).toBe('$.at');
  });

  it('a proxy whose traps throw gives RB-E-INPUT', () => {
    const input = new Proxy({}, { ownKeys() { throw new Error('trap'); }, get() { throw new Error('trap'); }, has() { throw new Error('trap'); }, getOwnPropertyDescriptor() { throw new Error('trap'); } });
    expect(errorOf(rs, input, { asOf }).code).toBe('RB-E-INPUT');
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(errorOf(rs, proxy, { asOf }).code).toBe('RB-E-INPUT');
  });

  it('an options object whose getters throw gives an error value, not a throw', () => {
    const options = { get asOf(): string { throw new Error('boom'); } };
    const r = rs.evaluate({ at: asOf }, options);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('RB-E-INPUT');
  });

  it('an observer that is not a function, or whose getter throws, is refused with RB-E-INPUT at observe', () => {
    for (const options of [{ asOf, observe: 'log' }, { asOf, get observe(): never { throw new Error('boom'); } }]) {
      const r = rs.evaluate({ at: asOf }, options as never);
      expect(r.ok).toBe(false);
      if (!r.ok) expect([r.error.code, r.error.path]).toEqual(['RB-E-INPUT', r.error.message.includes('boom') ? 'options' : 'observe']);
    }
  });
});

describe('finding 7: local dates do not depend on what was evaluated before', () => {
  // Moscow moved its clocks by one hour at 1917-07-01T20:28:41Z, off any quarter hour:
  // one second before it is 22:59:59 on 1 July local time, one second after is 2 July.
  const moscow = rulesetOf(`${header({ zone: 'Europe/Moscow' })}
input
  at: instant
output day = date(at)
`);
  it('gives each side of a transition its own offset, in either order', () => {
    expect(outputsOf(moscow, { at: '1917-07-01T20:28:40Z' }).day).toBe('1917-07-01');
    expect(outputsOf(moscow, { at: '1917-07-01T20:28:42Z' }).day).toBe('1917-07-02');
    expect(outputsOf(moscow, { at: '1918-05-31T19:28:42Z' }).day).toBe('1918-06-01');
    expect(outputsOf(moscow, { at: '1918-05-31T19:28:40Z' }).day).toBe('1918-05-31');
  });
});

describe('instant literals in the rules follow the same rule', () => {
  it('refuses a literal inside a DST gap with RB205 saying the clocks jump over it', async () => {
    const { compile } = await import('../../compiler/compile.js');
    const r = compile(`${header({ zone: 'Europe/Kyiv' })}\noutput t = 30.03.2025 03:30\n`);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RB205']);
    expect(r.diagnostics[0]!.message).toMatch(/does not exist in Europe\/Kyiv/);
    expect(compile(`${header({ zone: 'Europe/Kyiv' })}\noutput t = 30.03.2025 04:30\n`).diagnostics).toEqual([]);
  });
});
