/**
 * The editor's hovers are Markdown, and a program (one opened from a shared link too) must not
 * put links, remote images (tracking pixels) or HTML in them: its doc strings, titles, labels,
 * descriptions and source slices go in escaped, and read back as the text they are. Checked by
 * rendering the hovers with the Markdown parser Monaco bundles (marked), without a browser.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../playground/src/editor/ast-index.js';
import { hoverAt } from '../../playground/src/editor/hover.js';
import { codeBlock, escapeMarkdown, inlineCode, markdownContent } from '../../playground/src/editor/markdown.js';

const EVIL = '![x](https://evil.example/p.png) [click](javascript:alert(1)) <img src=x>';
const MORE = '# head **bold** _em_ `tick` | a | b | www.evil.example mail@evil.example &lt; $(alert) 1. item';

const program = `program p "P"
  currency RUB
  zone Europe/Moscow

enum Kind "${EVIL}": plain "${EVIL}", other "${MORE}"
record Item "${EVIL}"
  amount: integer "${EVIL}"
  kind: Kind
reading mode "${EVIL}" §1
  default strict "${EVIL}"
  option lax "${MORE}"
input
  item: Item "${EVIL}"
output total "${EVIL}" = item.amount
output which "${MORE}" = if mode is strict then 1 else 2
output k = item.kind is plain or item.kind is other
output n = count x in [1, 2] where x > 0
output u = undeclared_name
`;

type Marked = { parse(markdown: string, options?: object): string };
let marked: Marked;
beforeAll(async () => {
  // Monaco's own copy of marked (bundled without type declarations), which renders its hovers
  const path = 'monaco-editor/base/common/marked/marked.js';
  marked = ((await import(path)) as { marked: Marked }).marked;
});

/** The HTML Monaco's Markdown parser makes of `markdown` (GFM, as Monaco uses it). */
const render = (markdown: string) => marked.parse(markdown, { gfm: true, async: false });

/** Every hover of the program, one per name and citation. */
function hovers(): string[] {
  const idx = buildIndex(program);
  const out = new Set<string>();
  for (let offset = 0; offset < program.length; offset++) {
    const h = hoverAt(idx, offset);
    if (h) out.add(h.markdown);
  }
  return [...out];
}

describe('hover markdown', () => {
  it('shows the program\'s texts as text: no image, link or HTML survives', () => {
    const all = hovers();
    // the enum, its value, the record, its field, the reading, its option, the input and the output
    const withEvil = all.filter((m) => m.includes(escapeMarkdown(EVIL)));
    for (const m of all) {
      const unescaped = m.replace(/\\[!-/:-@[-`{-~]/g, '');
      expect(unescaped).not.toContain('](');
      expect(unescaped).not.toContain('![');
      expect(unescaped).not.toContain('<img');
      const html = render(m);
      // (the hover of a citation sets the clause in bold itself)
      expect(html).not.toMatch(/<(a|img|h1|em|table|ol|li)\b/);
      expect(html).not.toContain('<code>tick');
      expect(html).not.toContain('<strong>bold');
      expect(html).not.toContain('<img src=x>');
    }
    expect(withEvil.length).toBeGreaterThanOrEqual(7);
    expect(all.some((m) => m.includes(escapeMarkdown(MORE)))).toBe(true);
    const html = render(withEvil[0]!);
    expect(html).toContain('![x](https://evil.example/p.png) [click](javascript:alert(1)) &lt;img src=x&gt;');
  });

  it('escapes every Markdown special character, and the text reads back unchanged', () => {
    const special = '\\`*_{}[]()#+-.!<>|';
    expect(escapeMarkdown(special)).toBe(special.replace(/./g, '\\$&'));
    expect(escapeMarkdown('plain words 10 000 RUB')).toBe('plain words 10 000 RUB');
    for (const s of [EVIL, MORE, special]) expect(render(escapeMarkdown(s))).toBe(`<p>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')}</p>\n`);
  });

  it('keeps code as code, whatever backticks it holds', () => {
    const src = 'f("a ``` b `c` ![x](http://e/x)")';
    expect(render(inlineCode(src))).toBe(`<p><code>${src.replace(/"/g, '&quot;')}</code></p>\n`);
    const block = 'record R\n```\n![x](http://e/x)\n```';
    expect(render(codeBlock(block, 'rules'))).toBe(`<pre><code class="language-rules">${block}\n</code></pre>\n`);
  });

  it('hands Monaco untrusted Markdown without HTML', () => {
    expect(markdownContent('x')).toEqual({ value: 'x', isTrusted: false, supportHtml: false });
  });
});
