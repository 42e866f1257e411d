/**
 * Compares the edit-loop latency of two builds of the playground on this machine, in
 * one run with the sides alternating (the machine is shared, so only a comparison made
 * this way means something). Not part of `npm run test:browser`.
 *
 *   node --import tsx test/browser/latency-ab.ts <distA> <distB> [rounds=3] [edit=code|comment]
 *
 * Each round opens each build in a fresh page and makes 60 edits; the medians of every
 * round are printed, then the median of the per-round medians. PROFILE=<file> also
 * records a CPU profile of the page's main thread during B's last round (open it in
 * Chrome DevTools' Performance panel).
 */
import { chromium } from 'playwright-core';
import { writeFileSync } from 'node:fs';
// @ts-expect-error plain JS module with JSDoc types
import { serveDir } from '../../playground/serve.mjs';
import { measureLatency, type LatencyReport } from './latency.js';
import { waitForResults } from './page-helpers.js';

const [distA, distB, roundsArg, editArg] = process.argv.slice(2);
if (!distA || !distB) throw new Error('usage: latency-ab.ts <distA> <distB> [rounds] [code|comment]');
const rounds = Number(roundsArg ?? 3);
const edit = (editArg ?? 'code') as 'code' | 'comment';
const program = process.env.PROGRAM ?? 'partner-intl';

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const sides = await Promise.all([distA, distB].map(async (dir) => ({ dir, served: await serveDir(dir, 0) as { url: string; close(): Promise<void> }, reports: [] as LatencyReport[] })));
for (let r = 0; r < rounds; r++) {
  for (const [k, side] of sides.entries()) {
    const context = await browser.newContext({ viewport: { width: 1500, height: 950 } });
    const page = await context.newPage();
    await page.goto(`${side.served.url}?program=${program}`);
    await waitForResults(page);
    const profile = process.env.PROFILE && k === 1 && r === rounds - 1 ? await context.newCDPSession(page) : undefined;
    if (profile) { await profile.send('Profiler.enable'); await profile.send('Profiler.setSamplingInterval', { interval: 100 }); await profile.send('Profiler.start'); }
    const rep = await measureLatency(page, program, 60, edit);
    if (profile) writeFileSync(process.env.PROFILE!, JSON.stringify((await profile.send('Profiler.stop')).profile));
    side.reports.push(rep);
    console.log(`round ${r + 1} ${k ? 'B' : 'A'}: results in view ${rep.results.median} ms (p95 ${rep.results.p95}), every result ${rep.all.median} ms, diagnostics ${rep.diagnostics.median}; ${rep.steps.map((s) => `${s.step} ${s.median}`).join(', ')}`);
    await context.close();
  }
}
const med = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor((s.length - 1) / 2)]!; };
for (const [k, side] of sides.entries()) {
  const steps = side.reports[0]!.steps.map((s, i) => `${s.step} ${med(side.reports.map((x) => x.steps[i]!.median))}`).join(', ');
  console.log(`${k ? 'B' : 'A'} ${side.dir} (${edit}): results in view: median of medians ${med(side.reports.map((x) => x.results.median))} ms, every result ${med(side.reports.map((x) => x.all.median))} ms, diagnostics ${med(side.reports.map((x) => x.diagnostics.median))} ms; ${steps}`);
}
await browser.close();
for (const s of sides) await s.served.close();
