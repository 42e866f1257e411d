import { describe, it, expect } from 'vitest';
import { applyEdit, textEdit } from '../../playground/src/engine/text-edit.js';

// a keystroke's update carries the change of the rules text, not the whole text (playground/src/engine/protocol.ts)
describe('playground: the change of a text', () => {
  it('gives back the new text when applied to the old one, carrying only what changed', () => {
    const base = 'parameter rate: percent = 15%\noutput x = rate * 2 # note\n';
    const cases = [
      base.replace('15%', '16%'), base.replace('# note', '# notes'), `${base}# more\n`, `# first\n${base}`,
      base.replace('rate * 2', 'rate'), '', base, 'aaa', base.replace('\n', '\r\n'), `${base}😀`, base.replace('e', '😀e'),
    ];
    for (const after of cases) {
      for (const before of [base, '', 'aa', `${base}😀`]) {
        const e = textEdit(before, after);
        expect(applyEdit(before, e)).toBe(after);
        expect(e.text.length).toBeLessThanOrEqual(after.length);
      }
    }
    expect(textEdit(base, base.replace('15%', '16%'))).toEqual({ at: base.indexOf('15%') + 1, cut: 1, text: '6' });
    expect(textEdit('aaa', 'aaaa')).toEqual({ at: 3, cut: 0, text: 'a' });
  });
});
