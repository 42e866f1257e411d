/**
 * Layout at the common laptop sizes: after "Run" the results are in the viewport without
 * scrolling, panels fold, reading questions are shown in full, and nothing claims the
 * program has no readings while it is still loading.
 */
import './page-types.js';
import { test, assert, SHOTS, watchErrors } from './harness.js';
import { assertNotClipped, settle, waitForResults } from './page-helpers.js';

const LARGEST = '?program=referral-ru';

test('at 1280×720 the results of a run are in the viewport; no flash of "no alternative readings" while loading', async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('declares no alternative readings')) seen.push('flash');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(url + LARGEST);
  await waitForResults(page);
  await settle(page);
  assert((await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.length)) === 0, 'the page said the program has no readings while loading');
  const readings = await page.locator('#readings .reading').count();
  assert(readings > 3, `expected the program's readings, got ${readings}`);
  const question = page.locator('#readings .reading .reading-title').first();
  const full = await question.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 1);
  assert(full, 'a reading question is cut off');
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await page.click('#run-one');
  await waitForResults(page, shown);
  await settle(page);
  const box = await page.locator('#tab-result table.outputs tbody tr').first().boundingBox();
  await page.screenshot({ path: `${SHOTS}layout-1280x720.png` });
  assert(box && box.y + box.height <= 720, `the first result row is below the fold (y = ${box?.y})`);
  await page.screenshot({ path: `${SHOTS}layout-1280x720.png` });
  await page.click('#readings h2.collapser');
  assert(!(await page.locator('#readings .reading').first().isVisible()), 'the readings panel did not fold');
  await page.click('#scenarios h2.collapser');
  assert(!(await page.locator('#scenarios li.scenario').first().isVisible()), 'the scenario panel did not fold');
  await page.screenshot({ path: `${SHOTS}layout-folded.png` });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.click('#readings h2.collapser');
  await page.click('#scenarios h2.collapser');
  await page.screenshot({ path: `${SHOTS}layout-1440x900.png` });
  await assertNotClipped(page, '#tab-result table.outputs');
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
