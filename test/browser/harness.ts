/**
 * A small harness for the browser tests: builds the playground, serves `playground/dist`
 * on a free localhost port, drives Debian's Chromium through playwright-core, and runs
 * named tests in order, ending with the line "N passed, N failed".
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
// @ts-expect-error plain JS module with JSDoc types
import { serveDir } from '../../playground/serve.mjs';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where screenshots of the main views go (gitignored). */
export const SHOTS = `${ROOT}screenshots/`;

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** What a test gets: the app's address and a way to open fresh pages. */
export interface Env {
  url: string;
  browser: Browser;
  /** A page in a fresh context (empty localStorage); console errors are collected. */
  open(path?: string, viewport?: { width: number; height: number }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
}

type TestFn = (env: Env) => Promise<void>;
const tests: { name: string; fn: TestFn }[] = [];

/** Declares a test. */
export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

/** Throws with `message` unless `cond` holds. */
export function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Collects console errors and page errors of a page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  return errors;
}

/**
 * Serves dist, launches Chromium, runs every declared test (or those whose name matches
 * the BROWSER_TEST_FILTER regular expression); returns the exit code.
 */
export async function runAll(dist: string): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const served = await serveDir(dist, 0) as { url: string; close(): Promise<void> };
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
  } catch (err) {
    await served.close();
    throw err;
  }
  const env: Env = {
    url: served.url, browser,
    async open(path = '', viewport = { width: 1500, height: 950 }) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(served.url + path);
      return { page, context, errors };
    },
  };
  let passed = 0, failed = 0;
  const only = process.env.BROWSER_TEST_FILTER ? new RegExp(process.env.BROWSER_TEST_FILTER, 'i') : undefined;
  for (const t of tests.filter((x) => !only || only.test(x.name))) {
    const t0 = Date.now();
    try {
      await withTimeout(t.fn(env), 120_000, t.name);
      passed++;
      console.log(`✓ ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`✗ ${t.name} (${Date.now() - t0} ms)\n    ${(err as Error).stack?.split('\n').slice(0, 4).join('\n    ') ?? String(err)}`);
    }
  }
  await browser.close();
  await served.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

function withTimeout<T>(p: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${name}: timed out after ${ms} ms`)), ms); }),
  ]);
}
