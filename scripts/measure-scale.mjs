#!/usr/bin/env node
// `make scale` (browser half): synthetic collections of 10, 100 and 1,000 articles made from the
// eval texts (`factmap synth`, written by the Makefile into target/scale/) are imported into
// the release site in headless Chromium, as a reader would import a shared collection. For
// each size it reports:
//   - the time from import to every article mapped (the worker's geoparse and facts included)
//   - the longest main-thread task meanwhile
//   - the JS heap and DOM size afterwards, and the markers drawn (clusters included)
//   - frame times while the map is zoomed with the wheel and dragged: the intervals between
//     animation frames during the interaction, median, 95th percentile and worst, and the share
//     of frames over 20 ms (a missed 60 Hz frame, with room for timer jitter) and over 50 ms
// A report, not a test: figures are printed (and saved to target/scale/figures.json), never
// asserted. It exits non-zero only when it cannot measure.
//
// Environment: E2E_SITE, E2E_PUBLIC_URL (as `make measure`), SCALE_SIZES (default 10,100,1000),
// CHROMIUM (default /usr/bin/chromium).
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { serveSite } from '../tests/e2e/serve.mjs';

const SITE = process.env.E2E_SITE ?? 'target/e2e-site';
const PREFIX = process.env.E2E_PUBLIC_URL ?? '/factmap/';
const OUT = 'target/scale';
const SIZES = (process.env.SCALE_SIZES ?? '10,100,1000').split(',').map((s) => parseInt(s, 10)).filter((n) => n > 0);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
if (process.getuid?.() === 0) ARGS.push('--no-sandbox');

const quantile = (xs, q) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length ? v[Math.min(v.length - 1, Math.floor(q * v.length))] : null;
};
const MB = (n) => (n / 1e6).toFixed(1);

const site = await serveSite({ site: SITE, prefix: PREFIX });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const results = [];
try {
  for (const n of SIZES) {
    const file = `${OUT}/synthetic-${n}.json`;
    const body = await readFile(file).catch(() => null);
    if (!body) throw new Error(`${file} is missing: make scale writes it with factmap synth`);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    page.on('request', (r) => { if (!r.url().startsWith(site.origin)) problems.push(`off-host request: ${r.url()}`); });
    await page.goto(`${site.origin}${PREFIX}`);
    await page.waitForFunction(() => document.documentElement.dataset.app === 'live');
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask' });
    });
    // The workbench's module is loaded when the reader reaches it (src/app/added.rs).
    await page.locator('section.workbench').scrollIntoViewIfNeeded();
    await page.locator('.your-articles input[type=file]').waitFor();
    const started = Date.now();
    await page.locator('.your-articles input[type=file]').setInputFiles({ name: `synthetic-${n}.json`, mimeType: 'application/json', buffer: body });
    // Done when the collection's summary counts every article and none is still being read.
    await page.waitForFunction(
      (n) => {
        const summary = document.querySelector('.collection-summary')?.textContent ?? '';
        return summary.startsWith(`${n.toLocaleString('en')} article`) && !summary.includes('still being read') && !document.querySelector('.progress-line');
      },
      n,
      { timeout: 600_000, polling: 250 },
    );
    const mappedMs = Date.now() - started;
    const longest = await page.evaluate(() => Math.max(0, ...window.__long));
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
    const summary = await page.locator('.collection-summary').textContent();
    const map = await page.evaluate(() => ({
      places: document.querySelectorAll('svg.map .fact-group').length,
      clusters: document.querySelectorAll('svg.map .cluster').length,
      buttons: [...document.querySelectorAll('svg.map [role=button]')].filter((b) => b.getClientRects().length > 0).length,
    }));
    await page.locator('svg.map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUT}/map-${n}.png` });

    // Frame times: every animation frame's interval while the reader zooms and drags.
    const box = await page.locator('svg.map').boundingBox();
    const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
    await page.mouse.move(cx, cy);
    await page.evaluate(() => {
      window.__frames = [];
      let last = performance.now();
      const tick = (t) => {
        window.__frames.push(t - last);
        last = t;
        if (window.__recording) requestAnimationFrame(tick);
      };
      window.__recording = true;
      requestAnimationFrame(tick);
    });
    // Ctrl + wheel zooms the map (the bare wheel scrolls the page: src/app/map_gestures.rs).
    await page.keyboard.down('Control');
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(16);
    }
    await page.keyboard.up('Control');
    await page.mouse.down();
    for (let i = 0; i < 40; i++) {
      await page.mouse.move(cx + 6 * i, cy + 3 * i);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
    await page.keyboard.down('Control');
    for (let i = 0; i < 12; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(16);
    }
    await page.keyboard.up('Control');
    const frames = await page.evaluate(() => {
      window.__recording = false;
      return window.__frames.slice(1);
    });
    const result = {
      articles: n,
      mb: body.length / 1e6,
      mappedMs,
      summary,
      longestTaskMs: Math.round(longest),
      jsHeapMB: metrics.JSHeapUsedSize / 1e6,
      domNodes: metrics.Nodes,
      ...map,
      frames: frames.length,
      frameMedianMs: quantile(frames, 0.5),
      frameP95Ms: quantile(frames, 0.95),
      frameMaxMs: Math.max(...frames),
      over20: frames.filter((f) => f > 20).length / frames.length,
      over50: frames.filter((f) => f > 50).length / frames.length,
      problems,
    };
    results.push(result);
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}

await mkdir(OUT, { recursive: true });
await writeFile(`${OUT}/figures.json`, JSON.stringify(results, null, 2));
console.log('\nscale in the browser (headless Chromium, 1280x800; frame times while zooming and dragging the map)');
console.log('articles   file MB  mapped ms  longest task  JS heap MB  DOM nodes  places  clusters  drawn   frames  median  p95   max    >20ms  >50ms');
for (const r of results) {
  console.log(
    [
      String(r.articles).padStart(8),
      r.mb.toFixed(2).padStart(9),
      String(r.mappedMs).padStart(10),
      `${r.longestTaskMs} ms`.padStart(13),
      MB(r.jsHeapMB * 1e6).padStart(11),
      String(r.domNodes).padStart(10),
      String(r.places).padStart(7),
      String(r.clusters).padStart(9),
      String(r.buttons).padStart(6),
      String(r.frames).padStart(8),
      r.frameMedianMs.toFixed(1).padStart(7),
      r.frameP95Ms.toFixed(1).padStart(5),
      r.frameMaxMs.toFixed(0).padStart(5),
      `${(100 * r.over20).toFixed(0)}%`.padStart(8),
      `${(100 * r.over50).toFixed(0)}%`.padStart(6),
    ].join(' '),
  );
  console.log(`         ${r.summary}`);
  for (const p of r.problems) console.log(`         problem: ${p}`);
}
console.log(`\nscreenshots: ${OUT}/map-N.png; figures: ${OUT}/figures.json`);
