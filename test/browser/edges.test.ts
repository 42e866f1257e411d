/**
 * The Edges tab: the search runs in its own worker (the editor stays responsive), the
 * table lists the boundaries with their clause and the outputs that flip, a neighbour
 * runs in the Result tab, "Add as scenario" adds a passing scenario with a review note,
 * and the timeline is an SVG whose marks carry their exact values.
 */
import './page-types.js';
import { test, assert, SHOTS } from './harness.js';
import { settle, waitForResults } from './page-helpers.js';

test('Edges tab: referral-ru X0-1 lists the 5 000 threshold of §6.1; a neighbour runs in the Result tab; adding it creates a passing scenario; the timeline marks the edges', async ({ open }) => {
  const { page, context, errors } = await open('?program=referral-ru', { width: 1440, height: 900 });
  await waitForResults(page);
  await settle(page);
  const first = await page.textContent('li.scenario.selected .name');
  assert(first?.startsWith('X0-1'), `selected scenario: ${first}`);
  await page.click('#tab-button-edges');
  await page.click('#find-edges');
  // the busy state shows while the worker searches, and the editor still takes keystrokes
  await page.waitForSelector('#edges-status.busy', { timeout: 5_000 });
  assert(await page.locator('#stop-edges').count() === 1, 'no Stop button while searching');
  await page.screenshot({ path: `${SHOTS}edges-busy.png` });
  await page.waitForSelector('#edges-table section.edge', { timeout: 120_000 });
  const status = await page.textContent('#edges-status');
  assert(/\d+ edges? change an output; \d+ reached without effect; \d+ evaluations/.test(status ?? ''), `status: ${status}`);
  // the conversion threshold: 7300 >= 5000 under §6.1
  const threshold = page.locator('section.edge', { has: page.locator('.values', { hasText: '>= 5000' }) }).first();
  assert(await threshold.count() === 1, 'no edge for the 5 000 threshold');
  const thresholdText = (await threshold.textContent()) ?? '';
  assert(thresholdText.includes('§6.1') && thresholdText.includes('conversion_threshold'), `the threshold edge: ${thresholdText.slice(0, 200)}`);
  assert(await threshold.locator('.flips table.diff tr.diff-row').count() > 0, 'the threshold edge shows no output that flips');
  // the cut-off between the 2025 and 2026 versions is listed too (the version's end)
  assert(await page.locator('section.edge .values', { hasText: '<= 2025-12-31' }).count() > 0, 'no edge at the 31.12.2025 cut-off');
  // the timeline: an SVG built as nodes, its marks labelled, hover titles with exact values, the edges marked
  const svg = page.locator('#edges-timeline svg');
  assert(await svg.count() === 1, 'no timeline SVG');
  const box = await svg.boundingBox();
  assert(box !== null && box.width > 300 && box.height > 100, `timeline box: ${JSON.stringify(box)}`);
  const edgeMarks = await svg.locator('g.edge').count();
  assert(edgeMarks > 0, 'no edge marked on the timeline');
  const titles = await svg.locator('g.edge > title').allTextContents();
  assert(titles.some((t) => /^edge E\d+: .* (<=|<|>=|>) \d{4}-\d{2}-\d{2}/.test(t)), `edge titles: ${titles.slice(0, 3).join(' | ')}`);
  assert(await svg.locator('g.input > text', { hasText: 'registered_at' }).count() > 0, 'the input dates are not labelled');
  await page.locator('#edges-timeline').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}edges-timeline.png` });
  await threshold.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}edges-table.png` });

  // the neighbour just below the threshold: run it in the Result tab
  const below = threshold.locator('li.neighbour', { has: page.locator('.position', { hasText: 'just below' }) }).first();
  const id = await below.getAttribute('data-id');
  await below.locator('button.run-neighbour').click();
  await page.waitForSelector('#tab-button-result.active');
  await page.waitForSelector('#neighbour-note');
  assert((await page.textContent('#neighbour-note'))!.includes(`Neighbour ${id}`), 'the note does not name the neighbour');
  // below the threshold the conversion is refused (the scenario itself may convert)
  const convertible = await page.textContent('#tab-result tr[data-output="can_convert"]');
  assert(convertible !== null && /no|not/i.test(convertible), `can_convert of the neighbour below 5 000: ${convertible}`);
  await page.locator('#neighbour-note').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}edges-neighbour-result.png` });

  // add it: a new scenario, selected, passing (its expectations are what it produced), with the review note
  const count = await page.locator('li.scenario').count();
  await page.click('#tab-button-edges');
  const before = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  await below.locator('button.add-neighbour').click();
  await waitForResults(page, before);
  await settle(page);
  assert(await page.locator('li.scenario').count() === count + 1, 'no scenario added');
  const added = await page.evaluate(() => { const a = window.__rulebook!.state; return a.scenarios[a.selected]!; });
  assert(added.name.includes(`(${id!.split('.')[0]}, below`), `added scenario name: ${added.name}`);
  assert(/^generated from X0-1.*review against the clause$/.test(added.description ?? ''), `description: ${added.description}`);
  assert(await page.locator('li.scenario.selected .badge.pass').count() === 1, `the added scenario does not pass: ${await page.locator('li.scenario.selected').textContent()}`);
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});

test('Edges tab: program text in the timeline and the table stays text (a requirement note with markup creates no element)', async ({ open }) => {
  const { page, context, errors } = await open('?program=referral-ru', { width: 1440, height: 900 });
  await waitForResults(page);
  await settle(page);
  const hostile = '<img src=x onerror=window.__pwned=1><script>window.__pwned=2</script>';
  const before = await page.evaluate(() => window.__rulebook!.perf.lastShown);
  const replaced = await page.evaluate((text) => {
    const model = window.__rulebook!.editor.getModel()!;
    const m = model.findMatches('"the month after registration has not ended yet"', false, false, true, null, false)[0];
    if (!m) return false;
    model.pushEditOperations([], [{ range: m.range, text: JSON.stringify(text) }], () => null);
    return true;
  }, hostile);
  assert(replaced, 'the requirement note was not found');
  await waitForResults(page, before);
  await settle(page);
  await page.click('#tab-button-edges');
  await page.click('#find-edges');
  await page.waitForSelector('#edges-timeline svg', { timeout: 120_000 });
  const found = await page.evaluate((text) => {
    const root = document.getElementById('tab-edges')!;
    return {
      elements: root.querySelectorAll('img, script, foreignObject, [onerror], [onload]').length,
      inTimeline: Array.from(root.querySelectorAll('#edges-timeline title, #edges-timeline text')).some((t) => t.textContent?.includes(text)),
      inTable: Array.from(root.querySelectorAll('section.edge .where')).some((t) => t.textContent?.includes(text)),
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    };
  }, hostile);
  assert(found.elements === 0, `${found.elements} elements made from program text`);
  assert(found.inTimeline && found.inTable, `the note is not shown as text: ${JSON.stringify(found)}`);
  assert(found.pwned === undefined, 'program text ran as script');
  assert(errors.length === 0, errors.join('\n'));
  await context.close();
});
