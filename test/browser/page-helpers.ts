/**
 * Helpers that drive the playground page: wait for the engine, place the cursor in the
 * rules editor, type, read markers. They use `window.__rulebook` (the app) only to find
 * positions and read state; edits go through real keystrokes.
 */
import './page-types.js';
import type { Page } from 'playwright-core';

/** Waits until the engine has answered at least once after `after` (a request id). */
export async function waitForResults(page: Page, after = 0, timeout = 30_000): Promise<number> {
  await page.waitForFunction((a) => (window.__rulebook?.perf.lastShown ?? 0) > a, after, { timeout });
  return page.evaluate(() => window.__rulebook!.perf.lastShown);
}

/** The id of the last request whose results are shown. */
export function lastShown(page: Page): Promise<number> {
  return page.evaluate(() => window.__rulebook?.perf.lastShown ?? 0);
}

/** Opens a program through the picker and waits for its results. */
export async function pickProgram(page: Page, id: string): Promise<void> {
  await waitForResults(page);
  const before = await lastShown(page);
  await page.selectOption('#program-picker', id);
  await waitForResults(page, before);
}

/** Puts the cursor in the rules editor right after the first match of `text` (or at its start). */
export async function cursorAt(page: Page, text: string, where: 'after' | 'before' | 'select' = 'after'): Promise<void> {
  const ok = await page.evaluate(([t, w]) => {
    const app = window.__rulebook!;
    const model = app.editor.getModel()!;
    const m = model.findMatches(t!, false, false, true, null, false)[0];
    if (!m) return false;
    const r = m.range;
    if (w === 'select') app.editor.setSelection(r);
    else {
      const line = w === 'after' ? r.endLineNumber : r.startLineNumber;
      const column = w === 'after' ? r.endColumn : r.startColumn;
      app.editor.setPosition({ lineNumber: line, column });
    }
    app.editor.revealPositionInCenter(app.editor.getPosition()!);
    app.editor.focus();
    return true;
  }, [text, where]);
  if (!ok) throw new Error(`the rules do not contain ${JSON.stringify(text)}`);
}

/** Types into the focused editor, then waits for the engine's answer to the last keystroke. */
export async function typeAndWait(page: Page, text: string): Promise<void> {
  const before = await lastShown(page);
  await page.keyboard.type(text);
  await waitForResults(page, before);
  await page.waitForFunction(() => window.__rulebook!.editor.getModel()!.getValue() === window.__rulebook!.state.source);
  await settle(page);
}

/** Waits until no request is waiting for the engine (the shown results are the newest). */
export async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = window.__rulebook!;
    return app.pendingRequests() === 0;
  }, undefined, { timeout: 30_000 });
}

/** The markers on the rules model (or the scenario input): code, message, line. */
export function markers(page: Page, which: 'rules' | 'input' = 'rules'): Promise<{ code: string; message: string; line: number }[]> {
  return page.evaluate((w) => window.__rulebook!.markers(w), which);
}

/** Selects a scenario by (part of) its name and waits for its result. */
export async function selectScenario(page: Page, name: string): Promise<void> {
  const before = await lastShown(page);
  await page.locator('li.scenario', { hasText: name }).first().click();
  await waitForResults(page, before);
  await settle(page);
}

/** Fails when a table (or any of its cells) reaches past the right edge of the pane that holds it. */
export async function assertNotClipped(page: Page, selector: string): Promise<void> {
  const clipped = await page.$$eval(selector, (tables) => tables.flatMap((t) => {
    const pane = t.closest('.pane') ?? document.body;
    const limit = Math.min(pane.getBoundingClientRect().right, window.innerWidth);
    return [t, ...Array.from(t.querySelectorAll('th, td'))]
      .filter((c) => c.getBoundingClientRect().right > limit + 1)
      .map((c) => `${c.tagName} "${(c.textContent ?? '').slice(0, 40)}" ends at ${Math.round(c.getBoundingClientRect().right)} > ${Math.round(limit)}`);
  }));
  if (!(await page.locator(selector).count())) throw new Error(`nothing matches ${selector}`);
  if (clipped.length) throw new Error(`${selector} is clipped: ${clipped.slice(0, 5).join('; ')}`);
}
