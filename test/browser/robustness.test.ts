/**
 * Browser tests of persistence, robustness and the editor's language features, on the
 * example program playground/fixtures/demo-referral.rules.
 */
import './page-types.js';
import { test, assert, SHOTS } from './harness.js';
import { cursorAt, selectScenario, settle, typeAndWait, waitForResults } from './page-helpers.js';

const DEMO = '?program=demo-referral';

test('edits survive a reload; revert to saved drops them', async ({ open }) => {
  const { page, context } = await open(DEMO);
  await waitForResults(page);
  await cursorAt(page, '+ 5 business days', 'after');
  await typeAndWait(page, '  # edited here');
  await page.waitForTimeout(400);
  await page.reload();
  await waitForResults(page);
  assert((await page.evaluate(() => window.__rulebook!.editor.getValue())).includes('# edited here'), 'the edit did not survive a reload');
  page.once('dialog', (d) => void d.accept());
  await page.click('#revert');
  await settle(page);
  assert(!(await page.evaluate(() => window.__rulebook!.editor.getValue())).includes('# edited here'), 'revert kept the edit');
  await page.reload();
  await waitForResults(page);
  assert(!(await page.evaluate(() => window.__rulebook!.editor.getValue())).includes('# edited here'), 'the edit came back after revert');
  await context.close();
});

test('errors never blank the page: last good result stays, marked stale; evaluation errors show path and message', async ({ open }) => {
  const { page, context, errors } = await open(DEMO);
  await waitForResults(page);
  await selectScenario(page, 'first purchase earns 50%');
  await cursorAt(page, 'threshold: money', 'after');
  await typeAndWait(page, 'x');
  await page.waitForSelector('#tab-result.stale .stale-banner');
  const bonus = await page.textContent('#tab-result tr[data-output="bonus"] td.actual');
  assert(bonus?.includes('7 200.00 RUB'), 'the last good result is gone');
  assert((await page.textContent('#scenarios .counts'))?.includes('stale'), 'scenario list not marked stale');
  await page.screenshot({ path: `${SHOTS}stale.png` });
  await page.keyboard.press('Backspace');
  await settle(page);
  await page.waitForSelector('#tab-result:not(.stale)');
  await selectScenario(page, 'bad input');
  const box = await page.textContent('#tab-result .eval-error');
  assert(box?.includes('RB-E-INPUT') && box.includes('$.purchases[0].amount'), `error box: ${box}`);
  await page.screenshot({ path: `${SHOTS}evaluation-error.png` });
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});

test('highlighting, hover, completion and go to definition', async ({ open }) => {
  const { page, context, errors } = await open(DEMO);
  await waitForResults(page);
  const color = await page.evaluate(() => {
    const span = Array.from(document.querySelectorAll('#rules-editor .view-line span span')).find((s) => s.textContent === 'define');
    return span ? getComputedStyle(span).color : undefined;
  });
  assert(color === 'rgb(11, 79, 156)', `keyword colour ${color}`);
  // hover
  await cursorAt(page, 'total >= thresh', 'after');
  await page.evaluate(() => window.__rulebook!.editor.trigger('test', 'editor.action.showHover', {}));
  const hover = page.locator('.monaco-hover-content').first();
  await hover.waitFor();
  const text = await hover.textContent();
  assert(text?.includes('parameter threshold') && text.includes('money RUB') && text.includes('§6.1'), `hover: ${text}`);
  await page.keyboard.press('Escape');
  // completion after a dot
  await cursorAt(page, '+ 5 business days', 'after');
  await page.keyboard.type('\noutput n = count p in purchases where p.');
  const widget = page.locator('.suggest-widget .monaco-list');
  await widget.waitFor();
  await page.waitForFunction(() => document.querySelector('.suggest-widget .monaco-list')?.textContent?.includes('paid_at'));
  const items = await widget.textContent();
  assert(items?.includes('refunded_at') && items.includes('renewal'), `suggestions: ${items}`);
  await page.screenshot({ path: `${SHOTS}completion.png` });
  await page.keyboard.press('Escape');
  // enum values first after `is`
  await page.keyboard.type('renewal and tool is ');
  await page.keyboard.press('Control+Space');
  await page.waitForFunction(() => document.querySelector('.suggest-widget .monaco-list .monaco-list-row')?.textContent?.match(/referral_link|promo_code|migrator/));
  await page.keyboard.press('Escape');
  // go to definition
  await cursorAt(page, 'if count', 'after');
  await page.evaluate(() => window.__rulebook!.editor.trigger('test', 'editor.action.revealDefinition', {}));
  await page.waitForFunction(() => {
    const app = window.__rulebook!;
    return app.editor.getModel()!.getLineContent(app.editor.getPosition()!.lineNumber).startsWith('define counts');
  });
  await settle(page);
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
