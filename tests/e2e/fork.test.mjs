// End-to-end: a fork that adds an article publishes it mapped. A copy of corpus/ gets a new
// article (and its manifest entry) but keeps the places and facts computed for the shipped
// articles, as a fork's commit would; the site is built from that copy as the Pages workflow
// builds it (`make site`), served under the sub-path, and the new article's places are on its
// map and in its reader. The build is a second release build of the app (about two and a half
// minutes here: the factmap CLI to compute the places, then the three WebAssembly modules), so
// it runs once, in this file alone; the next `make e2e-site` builds the app again for corpus/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveSite } from './serve.mjs';

const PREFIX = process.env.E2E_PUBLIC_URL ?? '/factmap/';
const WORK = 'target/e2e-fork';
const CORPUS = `${WORK}/corpus`;
const SITE = `${WORK}/site`;
const ID = '005_fork_example';
const HEADLINE = 'Police fire tear gas at protesters in Nairobi as dock workers walk out in Mombasa';
const ARTICLE = `${HEADLINE}

Police fired tear gas at hundreds of protesters in Nairobi on Tuesday, witnesses said, as anger over unpaid wages spread across Kenya.

Dock workers in Mombasa walked off the job on Wednesday, halting shipments at the port, officials said. In Kisumu, traders closed their shops in support.
`;

let site, browser, built;

before(async () => {
  await rm(WORK, { recursive: true, force: true });
  await cp('corpus', CORPUS, { recursive: true });
  await writeFile(`${CORPUS}/${ID}.txt`, ARTICLE);
  const manifest = JSON.parse(await readFile(`${CORPUS}/manifest.json`, 'utf8'));
  manifest[ID] = { published: '2025-03-14', date_note: "Written for the end-to-end test of a fork's articles." };
  await writeFile(`${CORPUS}/manifest.json`, JSON.stringify(manifest, null, 2) + '\n');
  const check = spawnSync('node', ['scripts/corpus-fingerprint.mjs', '--check', CORPUS], { encoding: 'utf8' });
  built = { stale: check.status, said: check.stderr };
  const started = Date.now();
  const make = spawnSync('make', ['--no-print-directory', 'site', `CORPUS=${CORPUS}`, `DIST=${SITE}`, `PUBLIC_URL=${PREFIX}`], { encoding: 'utf8', maxBuffer: 64 << 20, timeout: 30 * 60_000 });
  built.status = make.status;
  built.output = `${make.stdout}\n${make.stderr}`.slice(-4000);
  built.seconds = Math.round((Date.now() - started) / 1000);
  console.log(`# the fork's site was built in ${built.seconds} s`);
  site = await serveSite({ site: SITE, prefix: PREFIX });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
  // Only the built site is worth keeping to look at.
  await rm(CORPUS, { recursive: true, force: true });
});

test("a fork's added article is published with its places and facts", async () => {
  assert.equal(built.stale, 1, `the copy is seen as stale before the build: ${built.said}`);
  assert.match(built.said, new RegExp(`added ${ID}\\.txt, changed manifest\\.json|changed manifest\\.json.*added ${ID}`));
  assert.equal(built.status, 0, `make site failed:\n${built.output}`);
  // Computed in the copy, recorded there; the shipped corpus is untouched.
  const toponyms = JSON.parse(await readFile(`${CORPUS}/toponyms.json`, 'utf8'));
  assert.deepEqual([...new Set(toponyms[ID].map((t) => t.name))].sort(), ['Kenya', 'Kisumu', 'Mombasa', 'Nairobi']);
  assert.ok(!(ID in JSON.parse(await readFile('corpus/toponyms.json', 'utf8'))), 'corpus/ is not written');
  assert.equal(spawnSync('node', ['scripts/corpus-fingerprint.mjs', '--check', CORPUS]).status, 0, 'the copy is recorded as computed');

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(`${site.origin}${PREFIX}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  // Listed with the shipped articles.
  const headlines = await page.locator('.documents .doc-headline').allTextContents();
  assert.equal(headlines.length, 7);
  assert.ok(headlines.includes(HEADLINE), `${HEADLINE} is listed: ${headlines}`);
  // Its places are on the map as it first shows: the prerendered copy was drawn with them too.
  for (const town of ['Nairobi', 'Mombasa', 'Kisumu']) {
    await page.locator(`svg.map [role=button][aria-label^="${town},"]`).waitFor({ state: 'attached' });
  }
  // And in its reader, with its fact.
  await page.getByRole('link', { name: new RegExp(HEADLINE.slice(0, 40)) }).click();
  await page.waitForURL(new RegExp(`\\?doc=${ID}$`));
  // Its text arrives in its shard (the site is sharded: the last tests).
  await page.locator('.reader a.place').first().waitFor();
  const placed = await page.locator('.reader a.place').evaluateAll((as) => [...new Set(as.map((a) => a.textContent))].sort());
  assert.deepEqual(placed, ['Kenya', 'Kisumu', 'Mombasa', 'Nairobi']);
  const facts = JSON.parse(await readFile(`${CORPUS}/facts.json`, 'utf8'));
  const ours = facts.facts.filter((f) => f.sources.some((s) => s.doc === ID));
  assert.deepEqual(ours.map((f) => [f.kind, f.place?.name]), [['protest', 'Nairobi']]);
  // The reader's link to Nairobi selects it: its panel lists the protest, in the article's words.
  await page.locator('.reader a.place', { hasText: 'Nairobi' }).first().click();
  const fact = page.locator('.place-facts li.fact[data-kind="protest"]');
  await fact.waitFor();
  assert.match(await fact.innerText(), /tear gas/);
  assert.deepEqual(problems, []);
  await context.close();
});

// Six articles are more than the five a site embeds (src/shards.rs): the fork's site is
// sharded, so the tests above read its texts from shards too. Here: how many, and what a
// missing one does.
test("a sharded fork's marker takes one shard, named by its content, and quotes it verbatim", async () => {
  assert.equal(built.status, 0, `make site failed:\n${built.output}`);
  const names = (await readdir(`${SITE}/shards`)).sort();
  assert.ok(names.length > 7, `${names.length} shards: one per article file and one per place`);
  for (const name of names) {
    const bytes = gunzipSync(await readFile(`${SITE}/shards/${name}`));
    assert.equal(name, `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.bin`, `${name} is named by its content`);
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const shards = [];
  page.on('request', (r) => { if (r.url().includes('/shards/')) shards.push(r.url()); });
  await page.goto(`${site.origin}${PREFIX}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  // The reader's first article comes in its shard.
  await page.locator('.reader .shard-pending').waitFor({ state: 'detached' });
  await page.locator('.reader p').nth(3).waitFor();
  assert.equal(shards.length, 1, `the first article's shard alone: ${shards}`);
  const marker = page.locator('svg.map .fact-group:not(.clustered) [role=button]').first();
  const name = (await marker.getAttribute('aria-label')).split(',')[0];
  await marker.click();
  const quote = page.locator('.source-panel .mentions blockquote').first();
  await quote.waitFor();
  assert.equal(shards.length, 2, `opening ${name} fetched one shard: ${shards}`);
  const quoted = await quote.innerText();
  assert.ok(quoted.trim().length > 20, `a sentence is quoted: ${quoted}`);
  // Verbatim: the sentence is in the article the reader opens from it.
  await page.locator('.source-panel .mentions a.read').first().click();
  const mark = page.locator('.reader mark.quoted');
  await mark.waitFor();
  assert.equal((await mark.innerText()).trim(), quoted.trim());
  // Closed and opened again: from the page's memory, no fetch.
  const fetched = shards.length;
  await page.keyboard.press('Escape');
  await marker.click();
  await quote.waitFor();
  assert.equal(shards.length, fetched, 'a shard is fetched once');
  assert.deepEqual(problems, []);
  await context.close();
});

test("a sharded fork's missing shard is said in its panel, and the rest of the map works", async () => {
  // No service worker: its fetches would not be the page's, which the test stands in for.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${site.origin}${PREFIX}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.locator('.reader .shard-pending').waitFor({ state: 'detached' });
  // From here on every shard is missing (a deploy that lost them), or damaged.
  let served = 0;
  await page.route('**/shards/*.bin', (route) => (served++ % 2 === 0 ? route.fulfill({ status: 404, body: 'gone' }) : route.fulfill({ status: 200, body: Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]) })));
  const markers = page.locator('svg.map .fact-group:not(.clustered) [role=button]');
  await markers.nth(0).click();
  const failed = page.locator('.source-panel .shard-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /could not be loaded: the site answered HTTP 404\. The rest of the map still works/);
  // Another marker: its panel opens, and says why its sentences are missing too.
  const second = (await markers.nth(1).getAttribute('aria-label')).split(',')[0];
  await markers.nth(1).click();
  await page.locator('#panel-title', { hasText: second }).waitFor();
  await page.locator('.source-panel .shard-failed', { hasText: 'damaged' }).waitFor();
  // The lists and the reader's heading still work.
  await page.locator('.documents .doc-headline', { hasText: HEADLINE }).click();
  await page.locator('#reader-title', { hasText: HEADLINE }).waitFor();
  await page.locator('.reader .shard-failed').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

// The index the page embeds holds the facts' counts by kind and each place's colour, not the
// facts: a filter fetches them, in one index shard named by its content, and the page is drawn
// again with them; a missing one is said where the filter is, and the map keeps every place.
test("a sharded fork's filter fetches every fact in one index shard, and a missing one is said", async () => {
  assert.equal(built.status, 0, `make site failed:\n${built.output}`);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const shards = [];
  page.on('request', (r) => { if (r.url().includes('/shards/')) shards.push(r.url()); });
  await page.goto(`${site.origin}${PREFIX}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.locator('.reader .shard-pending').waitFor({ state: 'detached' });
  const status = page.locator('.fact-filters .filter-status');
  const [, before, total] = (await status.innerText()).match(/(\d+) of (\d+) facts shown/);
  assert.equal(before, total);
  const fetched = shards.length;
  // Unticking a kind: one fetch, and fewer facts shown.
  const kind = page.locator('.fact-filters .kinds label.kind').first();
  const count = Number((await kind.locator('.count').innerText()).replace(/\D/g, ''));
  await kind.locator('input').uncheck();
  await page.waitForFunction(() => !document.querySelector('.fact-filters .shard-pending') && /^\d+ of/.test(document.querySelector('.fact-filters .filter-status').innerText));
  const [, after, totalAfter] = (await status.innerText()).match(/(\d+) of (\d+) facts shown/);
  assert.equal(totalAfter, total);
  assert.equal(Number(after), Number(total) - count);
  assert.equal(shards.length, fetched + 1, `one index shard: ${shards.slice(fetched)}`);
  assert.equal(await page.locator('.fact-filters .kinds label.kind').first().locator('input').isChecked(), false, 'the filter survives the page drawn again');
  await context.close();

  // The same, its shard missing.
  const again = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const missing = await again.newPage();
  missing.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await missing.goto(`${site.origin}${PREFIX}`);
  await missing.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await missing.locator('.reader .shard-pending').waitFor({ state: 'detached' });
  await missing.route('**/shards/*.bin', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const markers = await missing.locator('svg.map [role=button][data-geonameid]').count();
  await missing.locator('.fact-filters .kinds label.kind input').first().uncheck();
  const failed = missing.locator('.fact-filters .shard-failed');
  await failed.waitFor();
  assert.match(await failed.innerText(), /could not be loaded: the site answered HTTP 404\. The map shows every place/);
  assert.equal(await missing.locator('svg.map [role=button][data-geonameid]').count(), markers);
  assert.deepEqual(problems, []);
  await again.close();
});
