// End-to-end: the reader's collection when the browser's storage fails (src/app/library.rs,
// src/app/idb.rs): localStorage full to the byte, IndexedDB over its quota or unavailable, a
// second tab writing the same collection, and a paste far over the article limit. Each case
// checks what the reader sees and what is still there after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { serveSite } from './serve.mjs';

const SITE = process.env.E2E_SITE ?? 'target/e2e-site';
const PREFIX = process.env.E2E_PUBLIC_URL ?? '/factmap/';

let site, origin, browser;

before(async () => {
  site = await serveSite({ site: SITE, prefix: PREFIX });
  ({ origin } = site);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await site?.close();
});

/** A fresh browser profile (one origin's storage), with `init` run in every page before its scripts. */
async function profile(init) {
  // No service worker: its cache shares the origin's quota, which these tests set themselves.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true, serviceWorkers: 'block' });
  if (init) await context.addInitScript(init);
  return context;
}

/** Opens the site in `context` with the workbench loaded; records errors as the main suite does. */
async function tab(context) {
  const page = await context.newPage();
  const problems = [];
  // (Where a test keeps the service worker out, Playwright says so: that is no problem.)
  page.on('console', (m) => { if ((m.type() === 'error' || m.type() === 'warning') && !m.text().includes('registration blocked by Playwright')) problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(`${origin}${PREFIX}`);
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.locator('section.workbench').scrollIntoViewIfNeeded();
  await page.locator('.add-articles textarea').waitFor();
  return { page, problems };
}

async function reload(page) {
  await page.reload();
  await page.locator('html[data-app="live"]').waitFor({ state: 'attached' });
  await page.locator('section.workbench').scrollIntoViewIfNeeded();
  await page.locator('.add-articles textarea').waitFor();
}

/** Adds a pasted article and waits until the page lists it (not until it is mapped). */
async function add(page, text) {
  const before = await page.locator('.added-article').count();
  await page.locator('.add-articles textarea').fill(text);
  await page.getByRole('button', { name: 'Add this article' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.added-article').length > n, before);
}

const titles = (page) => page.locator('.added-article .added-title strong').allInnerTexts();

/** Fills localStorage to the byte: halving the chunk until not even one more character fits. */
const fillLocalStorage = (page) => page.evaluate(() => {
  let n = 0;
  for (let size = 1 << 20; size >= 1;) {
    try {
      localStorage.setItem(`f${n}`, 'x'.repeat(size));
      n++;
    } catch {
      size = Math.floor(size / 2);
    }
  }
  return n;
});

/** The collection as IndexedDB holds it (its articles' first lines), or null. */
const inIndexedDb = (page) => page.evaluate(() => new Promise((resolve) => {
  const open = indexedDB.open('factmap', 1);
  open.onupgradeneeded = () => open.result.createObjectStore('kv');
  open.onsuccess = () => {
    const get = open.result.transaction('kv').objectStore('kv').get('factmap.collection');
    get.onsuccess = () => {
      open.result.close();
      resolve(get.result ? JSON.parse(get.result).articles.map((a) => a.text.split('\n')[0]) : null);
    };
  };
  open.onerror = () => resolve(null);
}));

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const chunks = [];
  for await (const c of await file.createReadStream()) chunks.push(c);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

test('localStorage full to the byte: articles move to IndexedDB, and a reload finds them though the marker could not be written', async () => {
  const context = await profile();
  const { page, problems } = await tab(context);
  assert.ok((await fillLocalStorage(page)) > 3);
  await add(page, 'Drones hit Lviv on Tuesday, the governor said.');
  await add(page, 'Shelling hit Odesa on Wednesday, officials said.');
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('factmap', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('kv').objectStore('kv').get('factmap.collection');
      get.onsuccess = () => { open.result.close(); resolve((get.result ?? '').includes('Odesa')); };
    };
  }));
  assert.deepEqual(await inIndexedDb(page), ['Drones hit Lviv on Tuesday, the governor said.', 'Shelling hit Odesa on Wednesday, officials said.']);
  assert.equal(await page.evaluate(() => localStorage.getItem('factmap.collection.in-indexeddb')), null, 'the marker did not fit');
  assert.equal(await page.locator('.store-problem').count(), 0);
  await reload(page);
  await page.waitForFunction(() => document.querySelectorAll('.added-article').length === 2);
  await page.locator('svg.map [role=button][aria-label^="Odesa,"]').waitFor({ timeout: 60_000 });

  // A second tab writes the same collection while the first is open: neither loses the other's.
  const second = await tab(context);
  await second.page.waitForFunction(() => document.querySelectorAll('.added-article').length === 2);
  await add(second.page, 'A missile hit Poltava on Thursday.');
  await add(page, 'Drones were shot down over Sumy on Friday.');
  await page.waitForFunction(() => document.querySelectorAll('.added-article').length === 4);
  await second.page.waitForFunction(() => document.querySelectorAll('.added-article').length === 4);
  await reload(page);
  await page.waitForFunction(() => document.querySelectorAll('.added-article').length === 4);
  assert.equal((await inIndexedDb(page)).length, 4);
  assert.deepEqual([...problems, ...second.problems], []);
  await context.close();
});

test('a second tab adding to a collection in localStorage: both articles are kept', async () => {
  const context = await profile();
  const first = await tab(context);
  const second = await tab(context);
  await add(first.page, 'Drones hit Lviv on Tuesday, the governor said.');
  await add(second.page, 'Shelling hit Odesa on Wednesday, officials said.');
  // The first tab is told, and shows the second's article too.
  await first.page.waitForFunction(() => document.querySelectorAll('.added-article').length === 2);
  await reload(first.page);
  await first.page.waitForFunction(() => document.querySelectorAll('.added-article').length === 2);
  assert.deepEqual((await titles(first.page)).sort(), ['Drones hit Lviv on Tuesday, the governor said.', 'Shelling hit Odesa on Wednesday, officials said.']);
  assert.deepEqual([...first.problems, ...second.problems], []);
  await context.close();
});

test('no IndexedDB (a private window) and localStorage full: the reader is told, can download the collection, and what was kept before stays', async () => {
  // As Firefox's private windows did: the database cannot be opened.
  const context = await profile(() => {
    IDBFactory.prototype.open = () => { throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'); };
  });
  const { page, problems } = await tab(context);
  await add(page, 'Drones hit Lviv on Tuesday, the governor said.');
  const kept = await page.evaluate(() => localStorage.getItem('factmap.collection'));
  assert.match(kept, /Lviv/);
  await fillLocalStorage(page);
  await add(page, 'Shelling hit Odesa on Wednesday, officials said.');
  const alert = page.locator('.store-problem[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /could not be kept in this browser: .*did not allow mutations.*Download your collection/s);
  const saved = await download(page, alert.getByRole('button', { name: 'Download your collection' }));
  assert.deepEqual(saved.articles.map((a) => a.text), ['Drones hit Lviv on Tuesday, the governor said.', 'Shelling hit Odesa on Wednesday, officials said.']);
  assert.equal(await page.evaluate(() => localStorage.getItem('factmap.collection')), kept, 'the previous copy is untouched');
  await reload(page);
  assert.deepEqual(await titles(page), ['Drones hit Lviv on Tuesday, the governor said.']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('IndexedDB over its quota: the write is not taken for done, the reader is told, and the collection kept before stays', async () => {
  const context = await profile();
  const { page, problems } = await tab(context);
  // Chromium's own quota check, as a full disk or a small profile would have it: room for a
  // short article, not for a long one. (Set before the database is first opened: an open
  // one keeps the quota it started with.)
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 400_000 });
  await fillLocalStorage(page);
  await add(page, 'Drones hit Lviv on Tuesday, the governor said.');
  await page.waitForFunction(() => new Promise((resolve) => {
    const open = indexedDB.open('factmap', 1);
    open.onsuccess = () => {
      const get = open.result.transaction('kv').objectStore('kv').get('factmap.collection');
      get.onsuccess = () => { open.result.close(); resolve(Boolean(get.result)); };
    };
  }));
  await page.evaluate(() => {
    // Words of random letters: the browser compresses what it stores, so a repeated text
    // would take little room.
    const word = () => Array.from({ length: 3 + Math.floor(Math.random() * 8) }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
    const area = document.querySelector('.add-articles textarea');
    area.value = `Shelling hit Odesa on Wednesday.\n\n${Array.from({ length: 200_000 }, word).join(' ')}`;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.getByRole('button', { name: 'Add this article' }).click();
  const alert = page.locator('.store-problem[role=alert]');
  await alert.waitFor();
  assert.match(await alert.innerText(), /storage for this site is full/);
  assert.deepEqual(await inIndexedDb(page), ['Drones hit Lviv on Tuesday, the governor said.']);
  // Once there is room again (the reader freed some), trying again keeps both.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await alert.getByRole('button', { name: 'Try again' }).click();
  await alert.waitFor({ state: 'detached' });
  assert.equal((await inIndexedDb(page)).length, 2);
  await reload(page);
  assert.deepEqual(await titles(page), ['Drones hit Lviv on Tuesday, the governor said.', 'Shelling hit Odesa on Wednesday.']);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a paste far over the 2 MB limit is refused as it arrives', async () => {
  const context = await profile();
  const { page, problems } = await tab(context);
  const started = Date.now();
  const taken = await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Drones hit Lviv. '.repeat(1_200_000));
    const area = document.querySelector('.add-articles textarea');
    area.focus();
    // `false` when the page refused it (the browser does not insert it then).
    return area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.equal(taken, false);
  assert.match(await page.locator('.add-outcome').innerText(), /Not pasted: the text is 20\.4 MB; one article can be at most 2 MB/);
  assert.equal(await page.locator('.add-articles textarea').inputValue(), '');
  console.log(`# a 20 MB paste refused in ${Date.now() - started} ms`);
  assert.deepEqual(problems, []);
  await context.close();
});
