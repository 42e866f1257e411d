/**
 * Scenario management: "New from copy" selects the copy, scrolls it into view and opens
 * its input; a deletion can be undone; a downloaded scenario file keeps its comments.
 */
import './page-types.js';
import { readFileSync } from 'node:fs';
import { test, assert, SHOTS } from './harness.js';
import { selectScenario, settle, waitForResults } from './page-helpers.js';

test('New from copy selects the copy in view with its input open; delete can be undone; downloads keep comments and anchors', async ({ open }) => {
  const { page, context, errors } = await open('?program=referral-ru', { width: 1440, height: 900 });
  await waitForResults(page);
  const names = await page.locator('li.scenario .name').allTextContents();
  const near = names[names.length - 2]!;
  await selectScenario(page, near);
  await page.locator('ul.scenario-list').evaluate((ul) => { ul.scrollTop = 0; });
  await page.click('#copy-scenario');
  await settle(page);
  const selected = await page.textContent('li.scenario.selected .name');
  assert(selected === `${near} (copy)`, `selected after copy: ${selected}`);
  const inView = await page.evaluate(() => {
    const li = document.querySelector('li.scenario.selected')!.getBoundingClientRect();
    const ul = document.querySelector('ul.scenario-list')!.getBoundingClientRect();
    return li.top >= ul.top - 1 && li.bottom <= ul.bottom + 1;
  });
  assert(inView, 'the copy is not scrolled into view');
  assert(await page.locator('#tab-button-input.active').count() === 1, 'the input tab is not open');
  assert(await page.evaluate(() => document.activeElement?.id) === 'scenario-name', 'the name field is not focused');
  await page.screenshot({ path: `${SHOTS}scenario-copy.png` });
  // delete and undo
  const count = await page.locator('li.scenario').count();
  await page.click('#delete-scenario');
  await settle(page);
  assert(await page.locator('li.scenario').count() === count - 1, 'delete did not delete');
  await page.click('#undo-delete');
  await settle(page);
  assert(await page.locator('li.scenario').count() === count, 'undo did not restore');
  assert((await page.textContent('li.scenario.selected .name')) === `${near} (copy)`, 'undo did not select the restored scenario');
  // the download keeps the file's comments and anchors
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-scenarios')]);
  const text = readFileSync((await download.path())!, 'utf8');
  const shipped = readFileSync('programs/referral-ru.scenarios.yaml', 'utf8');
  const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l)).length;
  const anchors = (t: string) => [...t.matchAll(/&[\w-]+/g)].map((m) => m[0]).join(' ');
  assert(comments(text) === comments(shipped), `comments: ${comments(text)} of ${comments(shipped)}`);
  assert(anchors(text) === anchors(shipped), 'anchors changed');
  assert(text.includes(`${near} (copy)`), 'the copy is not in the download');
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
