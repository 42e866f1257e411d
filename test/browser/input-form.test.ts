/**
 * The input form: generated from the program's inputs, kept in sync with the JSON view;
 * editing a field re-runs the scenario; an invalid value (or a JSON syntax error) marks
 * the results stale and says why next to the field.
 */
import './page-types.js';
import type { Page } from 'playwright-core';
import { test, assert, SHOTS } from './harness.js';
import { pickProgram, selectScenario, settle, waitForResults } from './page-helpers.js';

const DEMO = '?program=demo-referral';
const bonusCell = '#tab-result tr[data-output="bonus"] td.actual';

async function changeAndWait(page: Page, act: () => Promise<void>): Promise<void> {
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await act();
  await waitForResults(page, shown);
  await settle(page);
}

const field = (path: string) => `#input-form [data-path="${path}"]`;

test('editing a date in the form changes a result; the JSON view follows; clearing an optional field and list buttons work', async ({ open }) => {
  const { page, context, errors } = await open(DEMO, { width: 1440, height: 900 });
  await waitForResults(page);
  await selectScenario(page, 'first purchase earns 50%');
  await page.click('#tab-button-input');
  assert(await page.locator('#input-view-form.active').count() === 1, 'the form is not the first view');
  const tool = await page.locator(`${field('$.tool')} select option:checked`).textContent();
  assert(tool === 'Реферальная ссылка (referral_link)', `enum shown as ${tool}`);
  assert((await page.textContent(`${field('$.purchases[0].paid_at')} .zone`)) === 'Europe/Moscow', 'the instant does not show the program zone');
  assert((await page.textContent(`${field('$.purchases[0].amount')} .currency`)) === 'RUB', 'money without its currency');
  assert(await page.inputValue(`${field('$.purchases[0].paid_at')} input`) === '2025-07-15T10:00', 'the instant is not shown in the program zone');
  assert(await page.inputValue('#scenario-as-of-picker') === '2026-01-01T00:00', `as-of picker: ${await page.inputValue('#scenario-as-of-picker')}`);
  await changeAndWait(page, () => page.fill('#scenario-as-of-picker', '2026-02-01T09:30'));
  assert(await page.inputValue('#scenario-as-of') === '2026-02-01T09:30:00+03:00', `as-of text after picking: ${await page.inputValue('#scenario-as-of')}`);
  await page.screenshot({ path: `${SHOTS}input-form.png` });
  await changeAndWait(page, () => page.fill(`${field('$.purchases[0].paid_at')} input`, '2026-01-15T10:00'));
  const json = await page.evaluate(() => window.__rulebook!.input.editor.getValue());
  assert(json.includes('"paid_at": "2026-01-15T10:00:00+03:00"'), `JSON view not in sync: ${json}`);
  await page.click('#tab-button-result');
  assert((await page.textContent(bonusCell))?.includes('0.00 RUB') && !(await page.textContent(bonusCell))?.includes('7 200'), `bonus after moving the purchase out of the promotion: ${await page.textContent(bonusCell)}`);
  // an optional field cleared
  await selectScenario(page, 'late refund');
  assert((await page.textContent(bonusCell))?.includes('0.00 RUB'), 'late refund bonus before');
  await page.click('#tab-button-input');
  await changeAndWait(page, () => page.click(`${field('$.purchases[0].refunded_at')} button.clear-field`));
  assert(await page.locator(`${field('$.purchases[0].refunded_at')}.absent`).count() === 1, 'the cleared field is not shown as absent');
  await page.click('#tab-button-result');
  assert((await page.textContent(bonusCell))?.includes('4 000.00 RUB'), `bonus with the refund cleared: ${await page.textContent(bonusCell)}`);
  // list: duplicate, then remove
  await page.click('#tab-button-input');
  await changeAndWait(page, () => page.click(`#input-form [data-path="$.purchases[0]"] button.duplicate-item`));
  assert(await page.locator('#input-form .list-item').count() === 2, 'duplicate did not add an item');
  await page.click('#tab-button-result');
  assert((await page.textContent(bonusCell))?.includes('8 000.00 RUB'), `bonus with the purchase twice: ${await page.textContent(bonusCell)}`);
  await page.click('#tab-button-input');
  await changeAndWait(page, () => page.click(`#input-form [data-path="$.purchases[1]"] button.remove-item`));
  assert(await page.locator('#input-form .list-item').count() === 1, 'remove did not remove the item');
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});

test('an invalid form value or a JSON syntax error marks the results stale and says why', async ({ open }) => {
  const { page, context, errors } = await open(DEMO, { width: 1440, height: 900 });
  await waitForResults(page);
  await selectScenario(page, 'first purchase earns 50%');
  await page.click('#tab-button-input');
  await page.fill(`${field('$.purchases[0].amount')} input`, '14 400,5x');
  await page.waitForSelector('#tab-result.stale', { state: 'attached' });
  const message = await page.textContent(`${field('$.purchases[0].amount')} .field-message`);
  assert(message?.includes('an amount in RUB'), `field message: ${message}`);
  await page.screenshot({ path: `${SHOTS}input-invalid.png` });
  await page.click('#tab-button-result');
  const banner = await page.textContent('#tab-result .stale-banner');
  assert(banner?.includes('$.purchases[0].amount'), `stale banner: ${banner}`);
  assert((await page.textContent(bonusCell))?.includes('7 200.00 RUB'), 'the last good result is gone');
  await page.click('#tab-button-input');
  await changeAndWait(page, () => page.fill(`${field('$.purchases[0].amount')} input`, '14 400,50'));
  await page.waitForSelector('#tab-result:not(.stale)', { state: 'attached' });
  await page.click('#input-view-json');
  await page.evaluate(() => window.__rulebook!.input.editor.getModel()!.setValue('{"tool": "referral_link",'));
  await page.waitForSelector('#tab-result.stale', { state: 'attached' });
  assert((await page.textContent('#input-status'))?.includes('not valid'), 'no JSON syntax message');
  // the evaluation's own input errors appear next to the field they name
  await selectScenario(page, 'bad input');
  await page.click('#tab-button-input');
  await page.click('#input-view-form');
  const runMessage = await page.textContent(`${field('$.purchases[0].amount')} .field-message`);
  assert(runMessage && runMessage.length > 5, `no evaluation message next to the amount: ${runMessage}`);
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});

test('the form renders the inputs of every program (first scenarios) without changing them', async ({ open }) => {
  const { page, context, errors } = await open('', { width: 1440, height: 900 });
  await waitForResults(page);
  const ids = await page.$$eval('#program-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const id of ids) {
    await pickProgram(page, id);
    await settle(page);
    await page.click('#tab-button-input');
    const names = (await page.locator('li.scenario .name').allTextContents()).slice(0, 3);
    for (const name of names) {
      await selectScenario(page, name);
      const fields = await page.locator('#input-form [data-path]').count();
      assert(fields > 1, `${id} / ${name}: the form shows ${fields} fields`);
      const same = await page.evaluate(() => {
        const app = window.__rulebook!;
        return JSON.stringify(app.input.form.current()) === JSON.stringify(app.state.scenarios[app.state.selected]!.input);
      });
      assert(same, `${id} / ${name}: showing the form changed the input`);
    }
    console.log(`    ${id}: form shown for ${names.length} scenarios`);
    if (id === 'atrealt') await page.screenshot({ path: `${SHOTS}input-form-${id}.png` });
  }
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
