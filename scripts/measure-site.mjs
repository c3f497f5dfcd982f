#!/usr/bin/env node
// `make measure`: the page figures the team reports. A report, not a test: figures are printed,
// never asserted, so a slow machine cannot make it fail. It exits non-zero only when it cannot
// measure (no built site, the page does not start, Chromium or Lighthouse does not run).
//
//   1. bytes of the first paint: every file the page requests up to the load event and network
//      idle (recorded, not guessed), as stored and as sent by a server that compresses only text
//      types (tests/e2e/serve.mjs, as many static hosts do: the binary files travel as stored,
//      which scripts/finish-site.mjs precompresses), against a 350 kB budget of bytes sent
//      (OK/OVER); the same for a phone; the bytes sent for a reader's first own article (from
//      reaching the workbench to the article mapped); and the files the first paint does not
//      request
//   2. first contentful paint, "map ready" (the first place marker in the map's SVG) and long
//      tasks: medians of N loads in headless Chromium, each in a fresh context; the same for a
//      static copy of the rendered page (scripts removed), and the ratio app FCP / static FCP
//   3. Lighthouse (performance, accessibility, best practices), desktop preset and default mobile
//   4. screenshots at 1280x800 and 390x844
//
// Output: a text report on stdout, everything in target/measure/figures.json, the screenshots
// and Lighthouse's JSON reports beside it.
//
// Environment: E2E_SITE (default target/e2e-site, built by `make e2e-site`), E2E_PUBLIC_URL
// (default /factmap/), MEASURE_RUNS or --runs N (loads per median, default 7), CHROMIUM
// (default /usr/bin/chromium), MEASURE_SKIP_LIGHTHOUSE=1 to leave Lighthouse out.
import { readFile, writeFile, mkdir, readdir, stat } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { join, relative } from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { serveSite } from '../tests/e2e/serve.mjs';

const SITE = process.env.E2E_SITE ?? 'target/e2e-site';
const PREFIX = process.env.E2E_PUBLIC_URL ?? '/factmap/';
const OUT = 'target/measure';
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const runsArg = process.argv.indexOf('--runs');
const RUNS = Math.max(1, parseInt(runsArg > 0 ? process.argv[runsArg + 1] : process.env.MEASURE_RUNS ?? '7', 10) || 7);
const BUDGET_GZIP = 350_000; // 350 kB (SI: 1 kB = 1000 bytes), gzip -9, of everything the first paint fetches
const STATIC_PAGE = 'static-baseline.html';
const MAP_MARKER = 'svg.map [role=button]';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const CHROME_FLAGS = ['--headless=new', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--no-default-browser-check'];
if (process.getuid?.() === 0) CHROME_FLAGS.push('--no-sandbox');

// Runs at document start in every measured page: long tasks and the moment the first marker
// appears, so neither depends on when the test harness gets around to asking.
const PROBE = `(() => {
  window.__measure = { longTasks: [], mapReady: null, interactive: null };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__measure.longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { window.__measure.longTaskError = String(e); }
  // Interactive: the live app has mounted (src/app.rs marks <html data-app="live">); until
  // then a prerendered page shows the map but its controls do nothing.
  const check = () => {
    const m = window.__measure;
    if (m.mapReady === null && document.querySelector(${JSON.stringify(MAP_MARKER)})) m.mapReady = performance.now();
    if (m.interactive === null && document.documentElement.dataset.app === 'live') m.interactive = performance.now();
    if (m.mapReady !== null && m.interactive !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-app'] });
  document.addEventListener('readystatechange', check);
})();`;

const kB = (n) => (n / 1000).toFixed(1);
const ms = (n) => (n == null ? '—' : `${Math.round(n)} ms`);
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
const gzip9 = (buf) => gzipSync(buf, { level: zlibConstants.Z_BEST_COMPRESSION }).length;

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(p)));
    else out.push(p);
  }
  return out;
}

/** One load of `url` in a fresh context; returns its timings, requests and problems. */
async function load(browser, url, { viewport = DESKTOP, keepOpen = false } = {}) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript({ content: PROBE });
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('request', (r) => requests.push({ url: r.url(), type: r.resourceType() }));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  await page.locator(MAP_MARKER).first().waitFor({ state: 'attached', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  await page.waitForTimeout(300); // let the last long task be reported
  const figures = await page.evaluate(() => {
    const paint = Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime]));
    const nav = performance.getEntriesByType('navigation')[0];
    const m = window.__measure;
    return {
      fcp: paint['first-contentful-paint'] ?? null,
      fp: paint['first-paint'] ?? null,
      mapReady: m.mapReady,
      interactive: m.interactive,
      domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
      loadEvent: nav?.loadEventEnd ?? null,
      longTasks: m.longTasks.length,
      longTaskMs: m.longTasks.reduce((s, t) => s + t.duration, 0),
      longestTaskMs: m.longTasks.reduce((s, t) => Math.max(s, t.duration), 0),
      longTaskError: m.longTaskError ?? null,
      markers: document.querySelectorAll('svg.map [role=button]').length,
      // When each file was asked for, to tell what the first paint waited on from what came after.
      resourceStarts: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.startTime]),
    };
  });
  const result = { ...figures, requests, problems };
  if (keepOpen) return { result, page, context };
  await context.close();
  return { result };
}

/**
 * A reader's first own article, in a fresh context: the page loaded, then everything sent from
 * reaching the workbench until a pasted 5 kB article is mapped (the workbench, the worker, the
 * gazetteer and its shards, the whole base map).
 */
async function firstOwnArticle(browser, appUrl, site) {
  const context = await browser.newContext({ viewport: DESKTOP });
  const page = await context.newPage();
  await page.goto(appUrl, { waitUntil: 'load', timeout: 120_000 });
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached', timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const from = site.transfers.length;
  await page.locator('section.workbench').scrollIntoViewIfNeeded();
  await page.locator('.add-articles textarea').waitFor({ timeout: 120_000 });
  let text = '';
  for (let i = 0; text.length < 5000; i++) text += `Russian drones struck an energy facility in Lviv overnight, the governor said in update ${i + 1}. Officials in Zaporizhzhia reported ${i + 2} people injured.\n\n`;
  await page.locator('.add-articles textarea').fill(text);
  await page.getByRole('button', { name: 'Add this article' }).click();
  await page.locator('.added-article', { hasText: 'mapped' }).waitFor({ timeout: 120_000 });
  await page.waitForLoadState('networkidle', { timeout: 120_000 });
  const files = [...sentSince(site.transfers, from).values()];
  let raw = 0;
  for (const f of files) raw += (await stat(join(SITE, f.path.slice(PREFIX.length))).catch(() => ({ size: 0 }))).size;
  await context.close();
  return { sent: files.reduce((s, f) => s + f.bytes, 0), raw, files };
}

/** The rendered page as static HTML: no scripts, no preloads of the app, the same stylesheet. */
async function staticCopy(page) {
  return page.evaluate(() => {
    const root = document.documentElement.cloneNode(true);
    root.removeAttribute('data-app');
    for (const el of root.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]')) el.remove();
    return '<!DOCTYPE html>\n' + root.outerHTML;
  });
}

function runLighthouse(url, preset, jsonPath) {
  // Its own package (scripts/lighthouse), which scripts/bootstrap.sh --measure installs.
  const require = createRequire(new URL('./lighthouse/package.json', import.meta.url));
  const cli = join(require.resolve('lighthouse/package.json'), '..', 'cli', 'index.js');
  const args = [
    cli, url,
    '--quiet', '--no-enable-error-reporting',
    '--only-categories=performance,accessibility,best-practices',
    '--output=json', `--output-path=${jsonPath}`,
    `--chrome-flags=${CHROME_FLAGS.join(' ')}`,
    '--max-wait-for-load=120000',
  ];
  if (preset === 'desktop') args.push('--preset=desktop');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROMIUM }, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse ${preset} exited ${code}: ${err.slice(-2000)}`))));
  });
}

/** The figures the report needs from one Lighthouse result (lhr). */
function summariseLighthouse(lhr, origin) {
  const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
  // axe's selectors stop at the class (g.mark); the snippet's data-geonameid or id pins the element.
  const pin = (node) => {
    if (!node?.selector) return null;
    const attr = /\s(data-geonameid|id)="([^"]*)"/.exec(node.snippet ?? '');
    return attr && !node.selector.includes(attr[2]) ? `${node.selector}[${attr[1]}="${attr[2]}"]` : node.selector;
  };
  const failing = (category) => lhr.categories[category].auditRefs
    .filter((ref) => lhr.audits[ref.id])
    .map((ref) => ({ ref, a: lhr.audits[ref.id] }))
    .filter(({ a }) => a.score !== null && a.score < 1 && !['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode))
    .map(({ ref, a }) => ({
      id: a.id,
      title: a.title,
      score: a.score,
      weight: ref.weight,
      displayValue: a.displayValue ?? null,
      items: (a.details?.items ?? []).map((it) => ({
        selector: pin(it.node),
        snippet: it.node?.snippet ?? null,
        label: it.node?.nodeLabel ?? null,
        explanation: it.node?.explanation ?? it.description ?? it.subItems?.items?.[0]?.error ?? null,
        url: typeof it.url === 'string' ? it.url : (it.scriptUrl ?? it.source?.url ?? null),
      })),
    }));
  const metric = (id) => lhr.audits[id]?.numericValue ?? null;
  const perfRefs = lhr.categories.performance.auditRefs.filter((r) => !r.group || !['metrics'].includes(r.group));
  const opportunities = perfRefs
    .map((ref) => lhr.audits[ref.id])
    .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'informative')
    .map((a) => {
      const savings = a.metricSavings ?? {};
      return {
        id: a.id,
        title: a.title,
        displayValue: a.displayValue ?? null,
        savingsMs: a.details?.overallSavingsMs ?? Math.max(0, savings.LCP ?? 0, savings.FCP ?? 0, savings.TBT ?? 0),
        savingsBytes: a.details?.overallSavingsBytes ?? null,
        metricSavings: savings,
        score: a.score,
      };
    })
    .sort((x, y) => (y.savingsMs - x.savingsMs) || ((y.savingsBytes ?? 0) - (x.savingsBytes ?? 0)) || (x.score - y.score))
    .slice(0, 6);
  const requested = (lhr.audits['network-requests']?.details?.items ?? []).map((it) => it.url);
  const offHost = requested.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  return {
    lighthouseVersion: lhr.lighthouseVersion,
    formFactor: lhr.configSettings?.formFactor,
    scores: { performance: score('performance'), accessibility: score('accessibility'), 'best-practices': score('best-practices') },
    metrics: {
      fcpMs: metric('first-contentful-paint'), lcpMs: metric('largest-contentful-paint'), tbtMs: metric('total-blocking-time'),
      cls: metric('cumulative-layout-shift'), speedIndexMs: metric('speed-index'),
    },
    failingAccessibility: failing('accessibility'),
    failingBestPractices: failing('best-practices'),
    topPerformanceOpportunities: opportunities,
    requests: requested.length,
    offHostRequests: offHost,
    runWarnings: lhr.runWarnings ?? [],
    runtimeError: lhr.runtimeError ?? null,
  };
}

/** Bytes the server sent per path from `from` on (the first response for each path). */
function sentSince(transfers, from) {
  const sent = new Map();
  for (const t of transfers.slice(from)) if (!sent.has(t.path)) sent.set(t.path, t);
  return sent;
}

/** The site's files `requests` asked for, once each: stored size, bytes sent, and gzip -9. */
async function filesOf(requests, origin, sent) {
  const seen = new Set();
  const needed = [];
  for (const r of requests) {
    if (!r.url.startsWith(origin)) continue;
    const path = decodeURIComponent(new URL(r.url).pathname);
    if (!path.startsWith(PREFIX)) continue;
    let file = path.slice(PREFIX.length) || 'index.html';
    if (file.endsWith('/')) file += 'index.html';
    if (seen.has(file)) continue;
    seen.add(file);
    const body = await readFile(join(SITE, file)).catch(() => null);
    const t = sent.get(path);
    needed.push({ file, type: r.type, raw: body?.length ?? null, gzip: body ? gzip9(body) : null, sent: t?.bytes ?? null, encoding: t?.encoding ?? null, missing: !body });
  }
  return { seen, needed };
}

async function main() {
  try {
    await stat(join(SITE, 'index.html'));
  } catch {
    throw new Error(`no built site in ${SITE}: run \`make measure\` (or \`make e2e-site\` first)`);
  }
  await mkdir(OUT, { recursive: true });
  const site = await serveSite({ site: SITE, prefix: PREFIX });
  const appUrl = `${site.origin}${PREFIX}`;
  const staticUrl = `${site.origin}${PREFIX}${STATIC_PAGE}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROME_FLAGS.filter((f) => !f.startsWith('--headless')) });
  const figures = { date: new Date().toISOString(), site: SITE, publicUrl: PREFIX, runs: RUNS, chromium: browser.version() };
  const out = [];
  const say = (line = '') => { out.push(line); console.log(line); };
  try {
    // 1. What the first paint fetches: one recorded load, up to load + network idle.
    const firstFrom = site.transfers.length;
    const first = await load(browser, appUrl, { keepOpen: true });
    const offHost = first.result.requests.filter((r) => !r.url.startsWith(site.origin) && !r.url.startsWith('data:'));
    const { seen, needed } = await filesOf(first.result.requests, site.origin, sentSince(site.transfers, firstFrom));
    const totalRaw = needed.reduce((s, f) => s + (f.raw ?? 0), 0);
    const totalGzip = needed.reduce((s, f) => s + (f.gzip ?? 0), 0);
    const totalSent = needed.reduce((s, f) => s + (f.sent ?? 0), 0);
    // The page itself is always before the paint; another file is if it was asked for before it.
    const starts = new Map(first.result.resourceStarts.map(([path, t]) => [decodeURIComponent(path).slice(PREFIX.length), t]));
    for (const f of needed) f.beforePaint = f.file === 'index.html' || (starts.has(f.file) && first.result.fcp != null && starts.get(f.file) < first.result.fcp);
    const beforePaintGzip = needed.filter((f) => f.beforePaint).reduce((s, f) => s + (f.gzip ?? 0), 0);
    const beforePaintSent = needed.filter((f) => f.beforePaint).reduce((s, f) => s + (f.sent ?? 0), 0);
    const notRequested = [];
    for (const p of (await listFiles(SITE)).sort()) {
      const file = relative(SITE, p);
      if (seen.has(file) || file === STATIC_PAGE) continue;
      const body = await readFile(p);
      notRequested.push({ file, raw: body.length, gzip: gzip9(body) });
    }
    figures.firstPaintFiles = needed;
    figures.firstPaintTotal = { raw: totalRaw, gzip: totalGzip, sent: totalSent, beforePaintGzip, beforePaintSent, budget: BUDGET_GZIP, verdict: totalSent <= BUDGET_GZIP ? 'OK' : 'OVER' };
    figures.notRequestedAtFirstPaint = notRequested;
    // A phone draws its own, taller map (src/app.rs, FactmapPage): the same load at its size.
    const phoneFrom = site.transfers.length;
    const phoneLoad = await load(browser, appUrl, { viewport: PHONE });
    const phone = await filesOf(phoneLoad.result.requests, site.origin, sentSince(site.transfers, phoneFrom));
    const phoneGzip = phone.needed.reduce((s, f) => s + (f.gzip ?? 0), 0);
    const phoneSent = phone.needed.reduce((s, f) => s + (f.sent ?? 0), 0);
    figures.phoneTotal = { gzip: phoneGzip, sent: phoneSent, beyondDesktop: phone.needed.filter((f) => !seen.has(f.file)).map((f) => f.file), verdict: phoneSent <= BUDGET_GZIP ? 'OK' : 'OVER' };
    figures.firstOwnArticle = await firstOwnArticle(browser, appUrl, site);
    figures.firstLoadProblems = first.result.problems;
    figures.firstLoadOffHostRequests = offHost.map((r) => r.url);

    // The static baseline: the rendered page, scripts removed, served beside the app.
    const html = await staticCopy(first.page);
    await first.context.close();
    await writeFile(join(SITE, STATIC_PAGE), html);
    await writeFile(join(OUT, STATIC_PAGE), html);
    figures.staticBaseline = { url: `${PREFIX}${STATIC_PAGE}`, raw: Buffer.byteLength(html), gzip: gzip9(Buffer.from(html)) };

    say(`factmap page figures — ${figures.date}, ${SITE} served at ${appUrl}, Chromium ${figures.chromium}`);
    say();
    say('Bytes of the first paint (every request up to load + network idle), as stored, as sent by a server');
    say('that compresses only text types (as many static hosts do), and gzip -9 of the stored file');
    say(`  ${pad('file', 46)} ${pad('type', 11)} ${lpad('stored', 11)} ${lpad('sent', 11)} ${lpad('gzip -9', 11)}  asked for`);
    for (const f of needed) say(`  ${pad(f.file, 46)} ${pad(f.type, 11)} ${lpad(f.missing ? 'missing' : `${kB(f.raw)} kB`, 11)} ${lpad(f.sent == null ? '' : `${kB(f.sent)} kB`, 11)} ${lpad(f.missing ? '' : `${kB(f.gzip)} kB`, 11)}  ${f.beforePaint ? 'before the first paint' : 'after it'}`);
    say(`  ${pad('total', 46)} ${pad('', 11)} ${lpad(`${kB(totalRaw)} kB`, 11)} ${lpad(`${kB(totalSent)} kB`, 11)} ${lpad(`${kB(totalGzip)} kB`, 11)}`);
    say(`  of which asked for before the first paint: ${kB(beforePaintSent)} kB sent (the prerendered page; the app comes after it)`);
    say(`  budget ${kB(BUDGET_GZIP)} kB sent for all of it, the app included: ${figures.firstPaintTotal.verdict} (${kB(totalSent)} kB, ${((100 * totalSent) / BUDGET_GZIP).toFixed(0)}% of the budget)`);
    say(`  a phone (${PHONE.width}x${PHONE.height}), the same way: ${kB(phoneSent)} kB sent, ${figures.phoneTotal.verdict} (${((100 * phoneSent) / BUDGET_GZIP).toFixed(0)}% of the budget); beyond the desktop's: ${figures.phoneTotal.beyondDesktop.join(', ') || 'nothing'}`);
    const own = figures.firstOwnArticle;
    say(`A reader's first own article (a 5 kB paste, from reaching the workbench until it is mapped): ${kB(own.sent)} kB sent, ${kB(own.raw)} kB as stored, in ${own.files.length} files:`);
    for (const f of own.files) say(`  ${pad(f.path.slice(PREFIX.length), 46)} ${lpad(`${kB(f.bytes)} kB`, 11)} ${f.encoding ? `(${f.encoding} by the server)` : '(as stored)'}`);
    if (offHost.length) say(`  OFF-HOST requests: ${offHost.map((r) => r.url).join(', ')}`);
    say('Files of the site the first paint does not request');
    for (const f of notRequested) say(`  ${pad(f.file, 44)} ${pad('', 11)} ${lpad(`${kB(f.raw)} kB`, 11)} ${lpad(`${kB(f.gzip)} kB`, 11)}`);
    say(`Static baseline ${PREFIX}${STATIC_PAGE}: ${kB(figures.staticBaseline.raw)} kB raw, ${kB(figures.staticBaseline.gzip)} kB gzip (+ the stylesheet)`);
    say();

    // 2. Timings: app and static page alternate, each load in a fresh context.
    const app = [];
    const staticRuns = [];
    for (let i = 0; i < RUNS; i++) {
      app.push((await load(browser, appUrl)).result);
      staticRuns.push((await load(browser, staticUrl)).result);
    }
    const summary = (runs) => ({
      fcpMs: median(runs.map((r) => r.fcp)),
      mapReadyMs: median(runs.map((r) => r.mapReady)),
      interactiveMs: median(runs.map((r) => r.interactive)),
      loadEventMs: median(runs.map((r) => r.loadEvent)),
      longTasks: median(runs.map((r) => r.longTasks)),
      longTaskTotalMs: median(runs.map((r) => r.longTaskMs)),
      longestTaskMs: median(runs.map((r) => r.longestTaskMs)),
      markers: median(runs.map((r) => r.markers)),
      fcpAllMs: runs.map((r) => (r.fcp == null ? null : Math.round(r.fcp))),
      mapReadyAllMs: runs.map((r) => (r.mapReady == null ? null : Math.round(r.mapReady))),
      problems: [...new Set(runs.flatMap((r) => r.problems))],
    });
    figures.app = summary(app);
    figures.static = summary(staticRuns);
    figures.fcpRatio = figures.app.fcpMs && figures.static.fcpMs ? figures.app.fcpMs / figures.static.fcpMs : null;
    figures.fcpRatioTarget = 1.5;
    say(`First paint and map ready: medians of ${RUNS} loads, headless Chromium, fresh context each, ${DESKTOP.width}x${DESKTOP.height}, no throttling`);
    say(`  ${pad('', 14)} ${lpad('FCP', 9)} ${lpad('map ready', 10)} ${lpad('interactive', 12)} ${lpad('load', 9)} ${lpad('long tasks', 11)} ${lpad('total', 9)} ${lpad('longest', 9)} ${lpad('markers', 8)}`);
    for (const [name, s] of [['app', figures.app], ['static page', figures.static]]) {
      say(`  ${pad(name, 14)} ${lpad(ms(s.fcpMs), 9)} ${lpad(ms(s.mapReadyMs), 10)} ${lpad(ms(s.interactiveMs), 12)} ${lpad(ms(s.loadEventMs), 9)} ${lpad(s.longTasks, 11)} ${lpad(ms(s.longTaskTotalMs), 9)} ${lpad(ms(s.longestTaskMs), 9)} ${lpad(s.markers, 8)}`);
    }
    say(`  app FCP each load:       ${figures.app.fcpAllMs.join(', ')} ms; map ready: ${figures.app.mapReadyAllMs.join(', ')} ms`);
    say(`  static FCP each load:    ${figures.static.fcpAllMs.join(', ')} ms`);
    say('  (map ready = the first marker is in the DOM; when it is before FCP, the first paint already shows the map;');
    say('   interactive = the live app has replaced the prerendered copy: markers, filters and panels respond)');
    say(`  app FCP / static FCP = ${figures.fcpRatio == null ? '—' : figures.fcpRatio.toFixed(2)} (target ≤ 1.5: ${figures.fcpRatio != null && figures.fcpRatio <= 1.5 ? 'OK' : 'OVER'})`);
    for (const p of figures.app.problems) say(`  app: ${p}`);
    for (const p of figures.static.problems) say(`  static: ${p}`);
    say();

    // 3. Screenshots.
    for (const [name, viewport] of [['desktop', DESKTOP], ['phone', PHONE]]) {
      const shot = await load(browser, appUrl, { viewport, keepOpen: true });
      await shot.page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
      await shot.context.close();
    }
    figures.screenshots = [join(OUT, 'desktop.png'), join(OUT, 'phone.png')];
    say(`Screenshots: ${figures.screenshots.join(', ')} (${DESKTOP.width}x${DESKTOP.height}, ${PHONE.width}x${PHONE.height})`);
    say();
  } finally {
    await browser.close();
  }

  // 4. Lighthouse, after the browser above is closed so the two do not share the CPU.
  if (process.env.MEASURE_SKIP_LIGHTHOUSE !== '1') {
    figures.lighthouse = {};
    for (const preset of ['desktop', 'mobile']) {
      const jsonPath = join(OUT, `lighthouse-${preset}.json`);
      await runLighthouse(appUrl, preset, jsonPath);
      const lhr = JSON.parse(await readFile(jsonPath, 'utf8'));
      const l = summariseLighthouse(lhr, site.origin);
      figures.lighthouse[preset] = l;
      say(`Lighthouse ${l.lighthouseVersion}, ${preset}${preset === 'mobile' ? ' (default: simulated slow 4G, 4x CPU slowdown)' : ' preset'}: performance ${l.scores.performance}, accessibility ${l.scores.accessibility}, best practices ${l.scores['best-practices']}`);
      if (l.runtimeError) say(`  runtime error: ${l.runtimeError.code} ${l.runtimeError.message}`);
      const m = l.metrics;
      say(`  FCP ${ms(m.fcpMs)}, LCP ${ms(m.lcpMs)}, TBT ${ms(m.tbtMs)}, CLS ${m.cls == null ? '—' : m.cls.toFixed(3)}, Speed Index ${ms(m.speedIndexMs)}`);
      say(`  requests ${l.requests}; to other hosts: ${l.offHostRequests.length ? l.offHostRequests.join(', ') : 'none'}`);
      for (const w of l.runWarnings) say(`  warning: ${w}`);
      for (const [label, list] of [['accessibility', l.failingAccessibility], ['best practices', l.failingBestPractices]]) {
        if (!list.length) { say(`  failing ${label} audits: none`); continue; }
        say(`  failing ${label} audits:`);
        for (const a of list) {
          say(`    ${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}${a.weight === 0 ? ' [weight 0: not in the score]' : ''}`);
          for (const it of a.items) {
            const where = it.selector ?? (it.url ? it.url.replace(site.origin, '') : '');
            const label = it.label ? ` "${it.label}"` : '';
            const why = it.explanation ? ` — ${it.explanation.replace(/\s+/g, ' ').replace(/^Fix any of the following: /, '').slice(0, 200)}` : '';
            if (where || why) say(`      ${where}${label}${why}`);
          }
        }
      }
      say('  top performance opportunities:');
      if (!l.topPerformanceOpportunities.length) say('    none');
      for (const o of l.topPerformanceOpportunities) {
        const saving = [o.savingsMs ? `~${Math.round(o.savingsMs)} ms` : null, o.savingsBytes ? `~${kB(o.savingsBytes)} kB` : null].filter(Boolean).join(', ');
        say(`    ${o.id}: ${o.title}${o.displayValue ? ` — ${o.displayValue}` : ''}${saving ? ` [savings ${saving}]` : ''}`);
      }
    }
    say();
  }

  await site.close();
  await writeFile(join(OUT, 'figures.json'), JSON.stringify(figures, null, 2) + '\n');
  await writeFile(join(OUT, 'report.txt'), out.join('\n') + '\n');
  say(`Figures: ${join(OUT, 'figures.json')}; this report: ${join(OUT, 'report.txt')}`);
}

main().catch((e) => {
  console.error(`measure-site: ${e.stack ?? e}`);
  process.exit(1);
});
