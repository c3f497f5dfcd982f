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
// With PUBLISHED_SITES="N=DIR,…" (`make scale-published`), it measures instead sites built from
// a corpus of N articles (`factmap synth N … --corpus`, `make e2e-site CORPUS=…`), as a fork
// publishes them: the bytes of a first load (sent, as `make measure` counts them), the site's
// bytes in all, time to the first marker and the longest task meanwhile, time and bytes to open
// a marker on that cold cache, heap, and the same frame times (build times from
// target/scale/published-build.tsv, which the Makefile writes).
// A report, not a test: figures are printed (and saved to target/scale/figures.json, or
// published.json), never asserted. It exits non-zero only when it cannot measure.
//
// Environment: E2E_SITE, E2E_PUBLIC_URL (as `make measure`), SCALE_SIZES (default 10,100,1000),
// PUBLISHED_SITES, CHROMIUM (default /usr/bin/chromium).
import { readFile, writeFile, mkdir, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
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

/** Every animation frame's interval while the reader zooms the map with Ctrl + wheel, drags
 * it and zooms out again, and the longest main-thread task meanwhile: { frames, longestMs }. */
async function frameTimes(page) {
  const box = await page.locator('svg.map').boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.evaluate(() => {
    window.__frames = [];
    window.__interactionLong = [];
    window.__interactionObserver = new PerformanceObserver((l) => {
      for (const e of l.getEntries()) window.__interactionLong.push(e.duration);
    });
    window.__interactionObserver.observe({ type: 'longtask' });
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
  // A task still running when the gestures end is the interaction's too: one frame to land.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
  return page.evaluate(() => {
    window.__recording = false;
    window.__interactionObserver.takeRecords().forEach((e) => window.__interactionLong.push(e.duration));
    window.__interactionObserver.disconnect();
    return { frames: window.__frames.slice(1), longestMs: Math.max(0, ...window.__interactionLong) };
  });
}

const frameSummary = (frames) => ({
  frames: frames.length,
  frameMedianMs: quantile(frames, 0.5),
  frameP95Ms: quantile(frames, 0.95),
  frameMaxMs: Math.max(...frames),
  over20: frames.filter((f) => f > 20).length / frames.length,
  over50: frames.filter((f) => f > 50).length / frames.length,
});

if (process.env.PUBLISHED_SITES) {
  await measurePublished(process.env.PUBLISHED_SITES);
  process.exit(0);
}

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

    const { frames, longestMs: interactionLongestMs } = await frameTimes(page);
    const result = {
      articles: n,
      mb: body.length / 1e6,
      mappedMs,
      summary,
      longestTaskMs: Math.round(longest),
      interactionLongestMs: Math.round(interactionLongestMs),
      jsHeapMB: metrics.JSHeapUsedSize / 1e6,
      domNodes: metrics.Nodes,
      ...map,
      ...frameSummary(frames),
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
console.log('articles   file MB  mapped ms  longest task  JS heap MB  DOM nodes  places  clusters  drawn   frames  median  p95   max    >20ms  >50ms  longest task while interacting');
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
      `${r.interactionLongestMs} ms`.padStart(9),
    ].join(' '),
  );
  console.log(`         ${r.summary}`);
  for (const p of r.problems) console.log(`         problem: ${p}`);
}
console.log(`\nscreenshots: ${OUT}/map-N.png; figures: ${OUT}/figures.json`);

/** The bytes of every file under `dir`. */
async function bytesUnder(dir) {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? await bytesUnder(path) : (await stat(path)).size;
  }
  return total;
}

/** Bytes the server sent from transfer `from` on, each path's first response once. */
function sentSince(transfers, from) {
  const seen = new Map();
  for (const t of transfers.slice(from)) if (!seen.has(t.path)) seen.set(t.path, t.bytes);
  return { bytes: [...seen.values()].reduce((a, b) => a + b, 0), files: seen.size };
}

/** `make scale-published`: each site of PUBLISHED_SITES loaded as a first visitor loads it. */
async function measurePublished(spec) {
  const sites = spec.split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => {
    const [n, dir] = pair.split('=');
    return { n: parseInt(n, 10), dir };
  });
  const builds = new Map();
  for (const line of (await readFile(`${OUT}/published-build.tsv`, 'utf8').catch(() => '')).split('\n')) {
    const [n, precomputeS, buildS] = line.split('\t');
    if (buildS) builds.set(parseInt(n, 10), { precomputeS: Number(precomputeS), buildS: Number(buildS) });
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const rows = [];
  try {
    for (const { n, dir } of sites) {
      const site = await serveSite({ site: dir, prefix: PREFIX });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
      try {
        await page.addInitScript(() => {
          window.__loadLong = [];
          new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__loadLong.push(e.duration); }).observe({ type: 'longtask', buffered: true });
        });
        const from = site.transfers.length;
        await page.goto(`${site.origin}${PREFIX}`, { timeout: 600_000 });
        await page.locator('svg.map [role=button][data-geonameid]').first().waitFor({ state: 'attached', timeout: 600_000 });
        const mapReadyMs = await page.evaluate(() => performance.now());
        await page.waitForFunction(() => document.documentElement.dataset.app === 'live', null, { timeout: 600_000 });
        await page.waitForLoadState('networkidle');
        const firstLoad = sentSince(site.transfers, from);
        const loadLongestMs = await page.evaluate(() => Math.max(0, ...window.__loadLong));
        // Opening a marker on this cold cache: the first one drawn on its own.
        const marker = page.locator('svg.map .marks .fact-group:not(.clustered) [role=button][data-geonameid]').first();
        const beforeOpen = site.transfers.length;
        const opened = Date.now();
        // By keyboard, as the map offers it: a pointer would need the marker clear of every
        // other shape on a crowded map.
        await marker.focus();
        await page.keyboard.press('Enter');
        await page.locator('.source-panel .mentions blockquote[data-doc]').first().waitFor({ timeout: 60_000 });
        const openMs = Date.now() - opened;
        const open = sentSince(site.transfers, beforeOpen);
        await page.keyboard.press('Escape');
        const cdp = await context.newCDPSession(page);
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('Performance.enable');
        const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
        await page.locator('svg.map').scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${OUT}/published-${n}.png` });
        const { frames, longestMs } = await frameTimes(page);
        rows.push({
          articles: n,
          ...builds.get(n),
          siteBytes: await bytesUnder(dir),
          firstLoadSent: firstLoad.bytes,
          firstLoadFiles: firstLoad.files,
          mapReadyMs: Math.round(mapReadyMs),
          loadLongestMs: Math.round(loadLongestMs),
          openMs,
          openSent: open.bytes,
          openFiles: open.files,
          jsHeapMB: metrics.JSHeapUsedSize / 1e6,
          domNodes: metrics.Nodes,
          ...frameSummary(frames),
          interactionLongestMs: Math.round(longestMs),
          problems,
        });
      } finally {
        await context.close();
        await site.close();
      }
    }
  } finally {
    await browser.close();
  }
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}/published.json`, JSON.stringify(rows, null, 2));
  const kB = (b) => (b / 1000).toFixed(1);
  console.log('\npublished sites (headless Chromium, 1280x800, a first visit; frame times while zooming and dragging the map)');
  console.log('articles  precompute s  build s  site MB  first load kB sent  map ready ms  longest task  open marker ms  kB  files  JS heap MB  DOM nodes  p95 ms  max ms  longest task while interacting');
  for (const r of rows) {
    console.log(
      [
        String(r.articles).padStart(8),
        (r.precomputeS ?? NaN).toFixed(0).padStart(13),
        (r.buildS ?? NaN).toFixed(0).padStart(8),
        MB(r.siteBytes).padStart(8),
        kB(r.firstLoadSent).padStart(19),
        String(r.mapReadyMs).padStart(13),
        `${r.loadLongestMs} ms`.padStart(13),
        String(r.openMs).padStart(15),
        kB(r.openSent).padStart(4),
        String(r.openFiles).padStart(6),
        MB(r.jsHeapMB * 1e6).padStart(11),
        String(r.domNodes).padStart(10),
        r.frameP95Ms.toFixed(1).padStart(7),
        r.frameMaxMs.toFixed(0).padStart(7),
        `${r.interactionLongestMs} ms`.padStart(10),
      ].join(' '),
    );
    for (const p of r.problems) console.log(`         problem: ${p}`);
  }
  console.log(`\nscreenshots: ${OUT}/published-N.png; figures: ${OUT}/published.json`);
}
