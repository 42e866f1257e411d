/**
 * Quick fixes for dated changes in the rules editor: RB504 offers to close the version
 * before; "Change from a date…" splits a definition into `until D−1` / `from D` versions.
 * Each fix is chosen from Monaco's code-action menu and must leave a program that compiles.
 */
import './page-types.js';
import type { Page } from 'playwright-core';
import { test, assert, SHOTS } from './harness.js';
import { cursorAt, markers, settle, waitForResults } from './page-helpers.js';

const DEMO = '?program=demo-referral';

/** Appends text to the rules (one edit, as a paste would) and waits for the engine. */
async function append(page: Page, text: string): Promise<void> {
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await page.evaluate((t) => {
    const ed = window.__rulebook!.editor;
    const m = ed.getModel()!;
    const last = m.getLineCount();
    ed.executeEdits('test', [{ range: { startLineNumber: last, startColumn: m.getLineMaxColumn(last), endLineNumber: last, endColumn: m.getLineMaxColumn(last) }, text: t }]);
  }, text);
  await waitForResults(page, shown);
  await settle(page);
}

/** Opens a code-action menu and picks the entry with `title`; waits for the engine's answer to the edit. */
async function pick(page: Page, action: string, title: string): Promise<void> {
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await page.evaluate((a) => window.__rulebook!.editor.trigger('test', a, {}), action);
  const item = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await item.waitFor({ timeout: 10_000 });
  await page.screenshot({ path: `${SHOTS}quick-fix-${action.replace(/\W+/g, '-')}.png` });
  await item.click();
  await waitForResults(page, shown);
  await settle(page);
}

const lineOf = (page: Page, start: string) => page.evaluate((s) => window.__rulebook!.editor.getModel()!.getLinesContent().filter((l) => l.startsWith(s)), start);

test('quick fixes: RB504 closes the version before; "Change from a date…" splits a definition; both compile', async ({ open }) => {
  const { page, context, errors } = await open(DEMO, { width: 1440, height: 900 });
  await waitForResults(page);
  await append(page, '\ndefine promo_rate(p: Purchase): percent §4 = in force on p.paid_at\n  from 01.07.2025 §4: 20%\n  from 01.03.2026 §4: 25%\n');
  const before = await markers(page);
  assert(before.length === 1 && before[0]!.code === 'RB504', `markers: ${JSON.stringify(before)}`);
  await cursorAt(page, 'from 01.03.2026 §4', 'after');
  await pick(page, 'editor.action.quickFix', 'End the version before on 28.02.2026');
  await page.waitForFunction(() => window.__rulebook!.markers().length === 0);
  const fixed = await lineOf(page, '  from 01.07.2025');
  assert(JSON.stringify(fixed) === JSON.stringify(['  from 01.07.2025 until 28.02.2026 §4: 20%']), `after the fix: ${JSON.stringify(fixed)}`);
  // change from a date
  page.on('dialog', (d) => void d.accept(d.message().startsWith('Change from which date') ? '01.03.2026' : d.defaultValue()));
  await cursorAt(page, 'define bonus_of', 'after');
  await pick(page, 'editor.action.refactor', 'Change from a date');
  const split = await page.evaluate(() => {
    const ls = window.__rulebook!.editor.getModel()!.getLinesContent();
    const i = ls.findIndex((l) => l.startsWith('define bonus_of'));
    return ls.slice(i, i + 3);
  });
  assert(split[0] === 'define bonus_of(p: Purchase): money §4 = in force on p.paid_at', `definition head: ${split[0]}`);
  assert(split[1]!.startsWith('  until 28.02.2026: if counts(p)') && split[2]!.startsWith('  from 01.03.2026: if counts(p)'), `versions: ${JSON.stringify(split)}`);
  assert((await markers(page)).length === 0, `the split program does not compile: ${JSON.stringify(await markers(page))}`);
  assert((await page.textContent('#problems'))?.includes('no problems'), 'problems listed after the split');
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
