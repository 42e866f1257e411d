/**
 * Share links that can be trusted: pasted into an open tab they load; a damaged link
 * shows why and changes nothing; a shared state opens as a copy beside the local draft;
 * a one-line change with two edited inputs makes a short link.
 */
import './page-types.js';
import type { Page } from 'playwright-core';
import { test, assert, SHOTS } from './harness.js';
import { cursorAt, selectScenario, settle, typeAndWait, waitForResults } from './page-helpers.js';

const DEMO = '?program=demo-referral';

/** Sets the selected scenario's input through the input editor and waits for the run. */
async function editInput(page: Page, scenario: string, from: string, to: string): Promise<void> {
  await selectScenario(page, scenario);
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await page.evaluate(([a, b]) => {
    const m = window.__rulebook!.input.editor.getModel()!;
    m.setValue(m.getValue().replace(a!, b!));
  }, [from, to]);
  await waitForResults(page, shown);
  await settle(page);
}

async function makeLink(page: Page): Promise<string> {
  await page.click('#share');
  await page.waitForFunction(() => (document.querySelector('#share-link') as HTMLInputElement).value.includes('#s='));
  return page.inputValue('#share-link');
}

test('a share link of a one-line change and two edited inputs is under 2 KB and opens in an open tab as a shared copy', async ({ open }) => {
  const { page, context, errors } = await open(DEMO);
  await waitForResults(page);
  await cursorAt(page, 'then 20%', 'select');
  await typeAndWait(page, 'then 25%');
  await editInput(page, 'renewal earns 20%', '10000.00 RUB', '12000.00 RUB');
  await editInput(page, 'migrator earns 30%', '10000.00 RUB', '11000.00 RUB');
  const link = await makeLink(page);
  console.log(`    share link for a one-line change and two edited inputs: ${link.length} characters`);
  assert(link.length < 2048, `the link is ${link.length} characters`);
  await context.close();
  // someone else's open tab, with their own draft of the program
  const second = await open(DEMO);
  const other = second.page;
  await waitForResults(other);
  await cursorAt(other, '+ 5 business days', 'after');
  await typeAndWait(other, '  # my own draft');
  await other.waitForTimeout(400);
  const shown = await other.evaluate(() => window.__rulebook!.perf.lastShown);
  await other.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#')));
  await waitForResults(other, shown);
  await settle(other);
  await other.waitForSelector('#shared-bar:not([hidden])');
  const state = await other.evaluate(() => ({ source: window.__rulebook!.editor.getValue(), scenarios: window.__rulebook!.state.scenarios }));
  assert(state.source.includes('then 25%') && !state.source.includes('# my own draft'), 'the shared edit did not load');
  assert(JSON.stringify(state.scenarios).includes('12000.00 RUB') && JSON.stringify(state.scenarios).includes('11000.00 RUB'), 'the edited inputs did not load');
  await other.screenshot({ path: `${SHOTS}shared-copy.png` });
  // typing in the shared copy leaves the draft alone
  await cursorAt(other, 'then 25%', 'after');
  await typeAndWait(other, ' ');
  await other.waitForTimeout(400);
  const stored = await other.evaluate(() => localStorage.getItem('rulebook.playground.v1.program.demo-referral') ?? '');
  assert(stored.includes('# my own draft') && !stored.includes('then 25%'), 'the shared copy overwrote the local draft');
  await other.click('#back-to-draft');
  await settle(other);
  assert((await other.evaluate(() => window.__rulebook!.editor.getValue())).includes('# my own draft'), 'back to my draft did not restore the draft');
  // the same link again, kept this time: it becomes the draft
  const again = await other.evaluate(() => window.__rulebook!.perf.lastShown);
  await other.evaluate((hash) => { location.hash = hash; }, link.slice(link.indexOf('#')));
  await waitForResults(other, again);
  await other.click('#keep-shared');
  await other.waitForSelector('#shared-bar', { state: 'hidden' });
  await other.waitForTimeout(400);
  const kept = await other.evaluate(() => localStorage.getItem('rulebook.playground.v1.program.demo-referral') ?? '');
  assert(kept.includes('then 25%') && !kept.includes('# my own draft'), 'keeping the shared copy did not make it the draft');
  assert(errors.length === 0 && second.errors.length === 0, [...errors, ...second.errors].join('\n'));
  await second.context.close();
});

test('a damaged share link shows an error and leaves the draft untouched', async ({ open }) => {
  const { page, context } = await open(DEMO);
  await waitForResults(page);
  await cursorAt(page, 'then 20%', 'select');
  await typeAndWait(page, 'then 22%');
  const link = await makeLink(page);
  await cursorAt(page, 'then 22%', 'select');
  await typeAndWait(page, 'then 21%');
  await page.waitForTimeout(400);
  const hash = link.slice(link.indexOf('#'));
  await page.evaluate((h) => { location.hash = h; }, hash.slice(0, Math.floor(hash.length * 0.6)));
  await page.waitForSelector('#banner:not([hidden])');
  const banner = await page.textContent('#banner');
  assert(/damaged/.test(banner ?? ''), `banner: ${banner}`);
  const source = await page.evaluate(() => window.__rulebook!.editor.getValue());
  assert(source.includes('then 21%'), 'the open program changed');
  assert(await page.locator('#shared-bar').isHidden(), 'a shared copy opened from a damaged link');
  await page.screenshot({ path: `${SHOTS}broken-link.png` });
  await page.reload();
  await waitForResults(page);
  assert(await page.locator('#banner:not([hidden])').count() === 1, 'no error after reloading the damaged link');
  assert((await page.evaluate(() => window.__rulebook!.editor.getValue())).includes('then 21%'), 'the draft changed on reload');
  await context.close();
});
