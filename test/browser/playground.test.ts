/**
 * Browser tests of the playground, on the example program playground/fixtures/
 * demo-referral.rules (stable, owned by the playground) and on every program under
 * programs/ for loading. Declared here, run by test/browser/run.ts.
 */
import './page-types.js';
import { test, assert, SHOTS } from './harness.js';
import { assertNotClipped, cursorAt, lastShown, markers, pickProgram, selectScenario, settle, typeAndWait, waitForResults } from './page-helpers.js';

const DEMO = '?program=demo-referral';

test('the page loads with a program, every program compiles, no console errors', async ({ open }) => {
  const { page, context, errors } = await open();
  await waitForResults(page);
  assert((await page.textContent('#program-title'))?.trim(), 'no program title shown');
  assert(await page.locator('li.scenario').count() > 0, 'no scenarios listed');
  await page.screenshot({ path: `${SHOTS}main.png` });
  await page.click('#tab-button-program');
  assert(await page.locator('#tab-program ul.clause-list li').count() > 0, 'no clause list');
  await page.screenshot({ path: `${SHOTS}program-clauses.png` });
  const ids = await page.$$eval('#program-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const id of ids) {
    await pickProgram(page, id);
    await settle(page);
    const status = await page.textContent('#problems .problems-head');
    const counts = await page.textContent('#scenarios .counts');
    console.log(`    ${id}: ${status?.trim()}; scenarios ${counts?.trim()}`);
    assert(await page.locator('#problems li.error').count() === 0, `${id} does not compile: ${status}`);
  }
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  await context.close();
});

test('typing a syntax error shows a marker with its message; fixing it clears it', async ({ open }) => {
  const { page, context, errors } = await open(DEMO);
  await waitForResults(page);
  await cursorAt(page, '+ 5 business days', 'after');
  await typeAndWait(page, '\noutput broken = = 1');
  const ms = await markers(page);
  assert(ms.length > 0, 'no marker after a syntax error');
  assert(ms[0]!.code === 'RB101', `expected RB101, got ${ms[0]!.code}`);
  assert(/expected|unexpected/i.test(ms[0]!.message), `marker message: ${ms[0]!.message}`);
  await page.waitForSelector('#rules-editor .squiggly-error');
  const problems = await page.textContent('#problems');
  assert(problems?.includes(ms[0]!.message), 'the problems list does not show the message');
  await page.screenshot({ path: `${SHOTS}syntax-error.png` });
  await cursorAt(page, 'output broken = = 1', 'select');
  // the answer to the deletion is waited for from before the key is pressed: the engine
  // answers at once, so reading "the last answer" after the key could already include it
  const before = await lastShown(page);
  await page.keyboard.press('Backspace');
  await waitForResults(page, before);
  await page.keyboard.press('Backspace');
  await settle(page);
  await page.waitForFunction(() => window.__rulebook!.markers().length === 0);
  await page.waitForSelector('#rules-editor .squiggly-error', { state: 'detached' });
  assert((await page.textContent('#problems'))?.includes('no problems'), 'problems not cleared');
  assert(errors.length === 0, `console errors:\n${errors.join('\n')}`);
  await context.close();
});

test('running a scenario shows outputs, failed conditions and the explanation', async ({ open }) => {
  const { page, context } = await open(DEMO);
  await waitForResults(page);
  await selectScenario(page, 'first purchase earns 50%');
  await page.click('#run-one');
  await waitForResults(page);
  const bonus = page.locator('#tab-result table.outputs tr[data-output="bonus"] td.actual');
  assert((await bonus.textContent())?.includes('7 200.00 RUB'), `bonus shown as ${await bonus.textContent()}`);
  const sentence = await page.textContent('#tab-result ul.explain-summary li[data-output="bonus"]');
  assert(sentence?.startsWith('bonus = 7 200.00 RUB (§4). Because') && sentence.includes('bonus_of(A1) is 7 200.00 RUB'), `summary sentence: ${sentence}`);
  const call = page.locator('#tab-result .trace summary', { hasText: 'bonus_of(p = A1)' }).first();
  assert(!(await page.textContent('#tab-result .trace'))?.includes('bonus_of(p = {'), 'a call shows its whole record argument');
  await call.click();
  const full = await page.locator('#tab-result .trace .trace-args').first().textContent();
  assert(full?.includes('paid_at') && full.includes('14 400.00 RUB'), `the full record is not one click away: ${full}`);
  await page.click('#tab-result .explain-head button');
  const trace = await page.textContent('#tab-result .trace');
  assert(trace?.includes('rule first') && trace.includes('§4.1'), `explanation lacks the rule and its clause: ${trace?.slice(0, 800)}`);
  await page.screenshot({ path: `${SHOTS}result-explanation.png` });
  await selectScenario(page, 'small and outside');
  const reasons = await page.locator('#tab-result tr[data-output="convertible"] .not-eligible li').allTextContents();
  assert(reasons.length === 3, `expected 3 failed conditions, got ${JSON.stringify(reasons)}`);
  assert(reasons.some((r) => r.includes('§2.1')), 'failed condition without its clause');
  await page.click('#tab-button-input');
  await page.evaluate(() => window.__rulebook!.input.editor.getModel()!.setValue('{"tool": "referral_link", "registered_at": 5, "purchases": []}'));
  await page.waitForFunction(() => window.__rulebook!.markers('input').length > 0, undefined, { timeout: 15_000 });
  await page.screenshot({ path: `${SHOTS}scenario-input.png` });
  const count = await page.locator('li.scenario').count();
  await page.click('#copy-scenario');
  await page.waitForFunction((n) => document.querySelectorAll('li.scenario').length === n + 1, count);
  assert((await page.textContent('li.scenario.selected'))?.includes('small and outside: every failed condition is listed (copy)'), 'the copy is not selected');
  await context.close();
});

test('changing a percentage: the impact view and the failing scenario name exactly the changed leaves', async ({ open }) => {
  const { page, context } = await open(DEMO, { width: 1440, height: 900 });
  await waitForResults(page);
  await cursorAt(page, 'then 50%', 'select');
  await typeAndWait(page, 'then 55%');
  await page.click('#tab-button-impact');
  await page.click('#compare');
  await page.waitForSelector('#tab-impact table.diff');
  const first = page.locator('#tab-impact section[data-scenario="first purchase earns 50%"] tr[data-path="bonus"]');
  const before = await first.locator('td.before').textContent();
  const after = await first.locator('td.after').textContent();
  assert(before?.includes('7 200.00 RUB') && after?.includes('7 920.00 RUB'), `before ${before}, after ${after}`);
  assert(await page.locator('#tab-impact section[data-scenario="renewal earns 20%"]').count() === 0, 'an unchanged scenario is listed');
  const two = page.locator('#tab-impact section[data-scenario="renewal and first purchase"]');
  const paths = await two.locator('tr.diff-row').evaluateAll((rs) => rs.map((r) => (r as HTMLElement).dataset.path));
  assert(JSON.stringify(paths) === JSON.stringify(['bonus', 'purchases_review[B2].rate', 'purchases_review[B2].bonus']), `changed paths: ${JSON.stringify(paths)}`);
  const rate = two.locator('tr[data-path="purchases_review[B2].rate"]');
  assert((await rate.locator('td.before').textContent()) === '50%' && (await rate.locator('td.after').textContent()) === '55%', `rate row: ${await rate.textContent()}`);
  await two.locator('button.show-all').click();
  assert(await two.locator('tr.diff-row.same[data-path="purchases_review[B1].rate"]').count() === 1, 'show all does not list the unchanged B1 rate');
  await assertNotClipped(page, '#tab-impact table.diff');
  await page.screenshot({ path: `${SHOTS}impact.png` });
  await page.click('#tab-button-result');
  await selectScenario(page, 'renewal and first purchase');
  const failing = await page.locator('#tab-result div.mismatches tr.diff-row').evaluateAll((rs) => rs.map((r) => `${(r as HTMLElement).dataset.path}: ${r.querySelector('td.before')!.textContent} → ${r.querySelector('td.after')!.textContent}`));
  assert(JSON.stringify(failing) === JSON.stringify(['bonus: 12 500.00 RUB → 13 500.00 RUB', 'purchases_review[B2].rate: 50% → 55%', 'purchases_review[B2].bonus: 10 500.00 RUB → 11 500.00 RUB']), `failing scenario rows: ${JSON.stringify(failing)}`);
  await assertNotClipped(page, '#tab-result table.outputs');
  await page.screenshot({ path: `${SHOTS}failing-scenario.png` });
  await context.close();
});

test('switching a reading re-runs the scenarios and marks the changed outcome', async ({ open }) => {
  const { page, context } = await open(DEMO);
  await waitForResults(page);
  await selectScenario(page, 'late refund');
  const bonus = page.locator('#tab-result tr[data-output="bonus"] td.actual');
  assert((await bonus.textContent())?.includes('0.00 RUB'), 'unexpected bonus before the switch');
  const shown = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await page.selectOption('[data-reading="refund_rule"] select', 'late_refund_kept');
  await waitForResults(page, shown);
  await settle(page);
  assert((await bonus.textContent())?.includes('4 000.00 RUB'), `bonus after the switch: ${await bonus.textContent()}`);
  assert((await page.locator('#tab-result tr[data-output="bonus"] td.before').textContent())?.includes('0.00 RUB'), 'no before value');
  await page.setViewportSize({ width: 1440, height: 900 });
  await assertNotClipped(page, '#tab-result table.outputs');
  const changed = await page.locator('li.scenario.changed').allTextContents();
  assert(changed.length === 1 && changed[0]!.includes('late refund'), `changed: ${JSON.stringify(changed)}`);
  await page.screenshot({ path: `${SHOTS}reading-switch.png` });
  await context.close();
});

test('a share link reproduces the program, scenario and readings in a fresh page', async ({ open }) => {
  const { page, context } = await open(DEMO);
  await waitForResults(page);
  await cursorAt(page, 'then 20%', 'select');
  await typeAndWait(page, 'then 25%');
  await selectScenario(page, 'renewal earns 20%');
  await page.selectOption('[data-reading="refund_rule"] select', 'late_refund_kept');
  await settle(page);
  await page.click('#share');
  await page.waitForFunction(() => (document.querySelector('#share-link') as HTMLInputElement).value.includes('#s='));
  const link = await page.inputValue('#share-link');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-rules')]);
  assert(download.suggestedFilename() === 'demo-referral.rules', `download named ${download.suggestedFilename()}`);
  const { readFileSync } = await import('node:fs');
  assert(readFileSync((await download.path())!, 'utf8').includes('then 25%'), 'the download lacks the edit');
  await context.close();
  const fresh = await open(link.replace(/^https?:\/\/[^/]+\//, ''));
  await waitForResults(fresh.page);
  await settle(fresh.page);
  const state = await fresh.page.evaluate(() => {
    const app = window.__rulebook!;
    return { source: app.editor.getValue(), selected: app.state.scenarios[app.state.selected]?.name, overrides: app.state.overrides };
  });
  assert(state.source.includes('then 25%'), 'the edit did not travel');
  assert(state.selected === 'renewal earns 20%', `selected ${state.selected}`);
  assert(state.overrides.refund_rule === 'late_refund_kept', 'the reading did not travel');
  assert(await fresh.page.inputValue('[data-reading="refund_rule"] select') === 'late_refund_kept', 'reading select not restored');
  const bonus = await fresh.page.textContent('#tab-result tr[data-output="bonus"] td.actual');
  assert(bonus?.includes('2 500.00 RUB'), `bonus in the shared page: ${bonus}`);
  assert(fresh.errors.length === 0, fresh.errors.join('\n'));
  await fresh.context.close();
});
