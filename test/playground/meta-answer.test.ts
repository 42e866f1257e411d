import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSource, metaAnswer } from '../../playground/src/engine/engine.js';

// the worker sends a program's metadata (~95 KB on partner-intl) only when the page does not hold it (playground/src/engine/protocol.ts)
const source = readFileSync('programs/partner-intl.rules', 'utf8');

describe('playground engine: metadata sent once per content', () => {
  it('numbers the metadata by content and leaves it out when the page holds that number', () => {
    const first = metaAnswer(compileSource(`${source}\n# meta probe 1\n`), undefined);
    expect(first.meta).toBeDefined();
    expect(first.metaId).toBeTypeOf('number');
    // a new figure in a rule: the same metadata, the same number, not sent again to a page that holds it
    const figure = source.replace('parameter minimum_cash: money = 10.00 USD', 'parameter minimum_cash: money = 11.00 USD');
    expect(figure).not.toBe(source);
    const same = metaAnswer(compileSource(figure), first.metaId);
    expect(same).toEqual({ metaId: first.metaId });
    // a page that holds none (a program just opened), or another number, gets it
    expect(metaAnswer(compileSource(figure), undefined)).toMatchObject({ metaId: first.metaId, meta: first.meta });
    expect(metaAnswer(compileSource(figure), first.metaId! - 1).meta).toBeDefined();
    // a new output: new metadata, a new number, sent
    const changed = metaAnswer(compileSource(`${figure}\noutput meta_probe = 1\n`), first.metaId);
    expect(changed.metaId).not.toBe(first.metaId);
    expect(changed.meta?.outputs).toContain('meta_probe');
    // a program that does not compile: nothing
    expect(metaAnswer(compileSource('output = ('), changed.metaId)).toEqual({});
  });
});
