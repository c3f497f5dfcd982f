#!/usr/bin/env node
// Finishes a release site that Trunk built, so that it paints at once and runs under a strict
// Content-Security-Policy:
//
//   1. Trunk's inline start-up script moves to a file of its own (named by its hash), so the
//      policy needs no 'unsafe-inline' (Trunk has no option for this: trunk-rs/trunk#288, and
//      the nonce it bakes in is the same on every load, so it protects nothing). On a
//      prerendered page it starts the app once the copy's first paint has been presented.
//   2. The first view is prerendered: the built page is loaded once in Chromium, and its body,
//      as the app drew it, is written into index.html. A reader sees the map, the places and
//      the article before the WebAssembly has even arrived; the app replaces the copy with the
//      live page when it starts (src/app.rs, `mount`). Without Chromium (or with
//      --no-prerender) this step is skipped with a warning: the site works, it paints later.
//   3. The policy goes in a <meta> at the top of <head>.
//   4. wasm-bindgen's JavaScript glue (the app's and the worker's) is minified with terser (npm
//      dev dependency): 9.4 → 7.1 kB gzip for the app's, which Trunk's minifier leaves alone.
//   5. The stylesheet is minified with csso (npm dev dependency): 5.1 → 4.2 kB gzip.
//   6. Every file fetched after the first paint is published under a name that carries a hash
//      of its content, and the binary ones (the WebAssembly, gazetteer.bin and its shards,
//      basemap.bin) gzip -9 compressed as NAME.gzip, unpacked in the browser with
//      DecompressionStream (src/app/published.rs): a static host compresses only the types it
//      chooses, so what travels is what `make measure` measures, on any host. The map from built
//      to published names is `factmapFiles`, set by the start-up script (for the page and the
//      workbench) and by the worker's loader (for the worker).
//   7. The site works offline after a first visit: a service worker (public/service-worker.js,
//      published as sw.js, a name that never changes, where the browser looks for updates),
//      told this build's files and a version hashed from all of them, and registered by the
//      start-up script after the load event; and a web app manifest (manifest-HASH.json), so
//      the site can be installed.
//
// Usage: node scripts/finish-site.mjs DIST PUBLIC_URL [--no-prerender]
import { readFile, writeFile, access, readdir, unlink } from 'node:fs/promises';
import { gzipSync, constants as zlib } from 'node:zlib';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';

const [dist, publicUrl = '/'] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const prerender = !process.argv.includes('--no-prerender');
if (!dist) {
  console.error('usage: finish-site.mjs DIST PUBLIC_URL [--no-prerender]');
  process.exit(2);
}
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// What the page may load and run: its own files only; WebAssembly compiled from them.
export const POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "manifest-src 'self'",
].join('; ');

// Put before Trunk's start-up code. The app replaces the prerendered view as it mounts, and a
// node the browser has painted but not yet presented when it is removed is dropped from the
// largest-contentful-paint candidates: the page would count as painted only once the
// WebAssembly had arrived and run. So the app is fetched and started once the prerendered view
// has been presented: the first largest-contentful-paint entry, or first-contentful-paint where
// that is not supported, or a frame where neither is; never more than a second and a half
// later. Until then the document, its stylesheet and the paint have the network to themselves
// (Trunk's preloads of the app are removed below), which is what a slow phone needs first;
// Lighthouse's simulation likewise counts toward LCP every request that ended before it.
const WAIT_FOR_PAINT = `if (document.getElementById('prerendered') && document.visibilityState === 'visible') {
  await new Promise((resolve) => {
    const types = PerformanceObserver.supportedEntryTypes ?? [];
    const type = ['largest-contentful-paint', 'paint'].find((t) => types.includes(t));
    let observer = null;
    const done = () => { observer?.disconnect(); clearTimeout(timer); setTimeout(resolve, 0); };
    const timer = setTimeout(done, 1500);
    if (type) {
      observer = new PerformanceObserver(done);
      observer.observe({ type, buffered: true });
    } else {
      requestAnimationFrame(() => requestAnimationFrame(done));
    }
  });
}
`;

const indexPath = join(dist, 'index.html');
let html = await readFile(indexPath, 'utf8');
if (html.includes('http-equiv="Content-Security-Policy"')) {
  console.log(`finish-site: ${indexPath} is already finished`);
  process.exit(0);
}

// 4. The glue, minified before the prerender loads it (so the copy is drawn by what ships). The
// app's is an ES module; the worker's a classic script whose top-level names are its interface.
const { minify } = await import('terser');
// The loaders are minified once step 6 has written the published names into them.
for (const name of (await readdir(dist)).filter((n) => /^factmap-.*\.js$/.test(n) && !n.endsWith('-loader.js'))) {
  const path = join(dist, name);
  const source = await readFile(path, 'utf8');
  const { code } = await minify(source, { module: /^export /m.test(source), compress: true, mangle: true });
  await writeFile(path, code);
}

// 6. Files fetched after the first paint: named by content, the binary ones precompressed.
const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
/** Publishes the built file `name`; returns its published name. */
async function publish(name, { rehash = true, compress = false } = {}) {
  const bytes = await readFile(join(dist, name));
  let out = rehash ? name.replace(/^(.*?)((?:_bg)?\.[a-z]+)$/, (_, stem, ext) => `${stem}-${hashOf(bytes)}${ext}`) : name;
  let body = bytes;
  if (compress) {
    out += '.gzip';
    body = gzipSync(bytes, { level: zlib.Z_BEST_COMPRESSION });
  }
  await writeFile(join(dist, out), body);
  if (out !== name) await unlink(join(dist, name));
  return out;
}
/** Rewrites `text`, failing loudly when what it expects is not there (Trunk changed its output). */
function replaceOnce(text, from, to, what) {
  if (!text.includes(from)) {
    console.error(`finish-site: ${what}: ${JSON.stringify(from)} not found`);
    process.exit(1);
  }
  return text.replace(from, to);
}
// The response of a fetched NAME.gzip, as the WebAssembly it holds.
const UNPACK = `(r) => (r.ok ? new Response(r.body.pipeThrough(new DecompressionStream('gzip')), { headers: { 'content-type': 'application/wasm' } }) : Promise.reject(new Error(\`\${r.url}: HTTP \${r.status}\`)))`;
const pageFiles = {};
const workerFiles = {};
for (const shard of (await readdir(join(dist, 'gazetteer'))).filter((n) => n.endsWith('.bin')).sort()) {
  // Already named by their content (the core's manifest lists them so).
  workerFiles[`gazetteer/${shard}`] = await publish(`gazetteer/${shard}`, { rehash: false, compress: true });
}
workerFiles['gazetteer.bin'] = await publish('gazetteer.bin', { compress: true });
// A sharded corpus's shards (src/shards.rs): already named by their content, which the page's
// index lists, so they keep their names and stay out of the file map; gzip -9 in place (the
// page unpacks what starts as gzip).
for (const shard of (await readdir(join(dist, 'shards')).catch(() => [])).filter((n) => n.endsWith('.bin'))) {
  const path = join(dist, 'shards', shard);
  const bytes = await readFile(path);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) await writeFile(path, gzipSync(bytes, { level: zlib.Z_BEST_COMPRESSION }));
}
pageFiles['basemap.bin'] = await publish('basemap.bin', { compress: true });
for (const [module, fix] of [
  // The worker's loader: a classic worker script (public/factmap-worker-loader.js).
  ['worker', (loader, glue, wasm) => `self.factmapFiles = ${JSON.stringify(workerFiles)};\nconst unpack = ${UNPACK};\n`
    + replaceOnce(replaceOnce(loader, "'./factmap-worker.js'", `'./${glue}'`, 'worker loader'), "module_or_path: './factmap-worker_bg.wasm'", `module_or_path: fetch('./${wasm}').then(unpack)`, 'worker loader')],
  // The workbench's loader: a classic script on the page (public/factmap-workbench-loader.js).
  ['workbench', (loader, glue, wasm) => replaceOnce(replaceOnce(replaceOnce(loader, '(() => {', `(() => {\n  const unpack = ${UNPACK};`, 'workbench loader'), "'factmap-workbench.js'", `'${glue}'`, 'workbench loader'), "module_or_path: 'factmap-workbench_bg.wasm'", `module_or_path: fetch('${wasm}').then(unpack)`, 'workbench loader')],
]) {
  const glue = await publish(`factmap-${module}.js`);
  const wasm = await publish(`factmap-${module}_bg.wasm`, { compress: true });
  const loader = `factmap-${module}-loader.js`;
  const { code } = await minify(fix(await readFile(join(dist, loader), 'utf8'), glue, wasm), { compress: true, mangle: true });
  await writeFile(join(dist, loader), code);
  pageFiles[loader] = await publish(loader);
}

// 1. The start-up script, out of line.
const inline = /<script type="module"(?: nonce="[^"]*")?>([\s\S]*?)<\/script>/g;
const scripts = [...html.matchAll(inline)];
if (scripts.length !== 1) {
  console.error(`finish-site: expected Trunk's one inline start-up script, found ${scripts.length}`);
  process.exit(1);
}
// Trunk's static import would fetch the app at once: it becomes a dynamic one, after the wait,
// with the WebAssembly fetched alongside the glue rather than after it (one round trip, not two).
const staticImport = /^import init, \* as bindings from ('[^']+');$/m;
const wasmPath = /module_or_path: ('[^']+\.wasm')/;
if (!staticImport.test(scripts[0][1]) || !wasmPath.test(scripts[0][1])) {
  console.error("finish-site: Trunk's start-up script does not load the app as expected");
  process.exit(1);
}
const wasmUrl = scripts[0][1].match(wasmPath)[1];
const appGlue = scripts[0][1].match(staticImport)[1].slice(1, -1).slice(publicUrl.length);
// The app draws the base map itself when there is no prerendered copy, or when the reader
// keeps articles of their own (src/protocol.rs's storage keys), which move the map: then the
// whole map is fetched alongside the app rather than once it has started, and handed over as
// `factmapBasemap` (src/app/base_map.rs), so the page is drawn once, with its land. A phone's
// map is taller than the copy's (narrower than 700 px: src/app.rs, FactmapPage): its own
// prerendered base map (step 2, named by the copy's data-narrow) is fetched alongside the app
// instead, and added to the copy, whose base maps the app takes over by frame; the whole map
// only if the copy names none. (The globals and keys named here are src/protocol.rs's:
// tests/protocol.rs checks.)
const FETCH_BASEMAP = `const keeps = (key) => { try { return localStorage.getItem(key) !== null; } catch { return false; } };
const copy = document.getElementById('prerendered');
const own = keeps('factmap.collection') || keeps('factmap.collection.in-indexeddb');
const narrow = copy && !own && innerWidth < 700 ? copy.dataset.narrow : undefined;
const gunzip = (r) => new Response(r.body.pipeThrough(new DecompressionStream('gzip')));
const basemap = !copy || own || (innerWidth < 700 && !narrow)
  ? fetch('${publicUrl}${pageFiles['basemap.bin']}').then((r) => (r.ok ? gunzip(r).arrayBuffer() : null)).catch(() => null)
  : null;
const backdrop = narrow ? fetch('${publicUrl}' + narrow).then((r) => (r.ok ? gunzip(r).text() : null)).catch(() => null) : null;`;
const initCall = /^const wasm = await init\(/m;
if (!initCall.test(scripts[0][1])) {
  console.error("finish-site: Trunk's start-up script does not start the app as expected");
  process.exit(1);
}
// 7. The service worker, registered once the page has loaded: its install fetches the shell
// (from the browser's cache, where the host allows one), and nothing of it may compete with
// the first paint. Before any await, so the load event cannot pass unseen.
const REGISTER_WORKER = `if ('serviceWorker' in navigator) {
  const register = () => navigator.serviceWorker.register('${publicUrl}sw.js', { scope: '${publicUrl}' }).catch(() => {});
  if (document.readyState === 'complete') register(); else addEventListener('load', register, { once: true });
}
`;
// The app's WebAssembly, precompressed like the lazily fetched files (step 6).
const wasmFile = wasmUrl.slice(1, -1).slice(publicUrl.length);
const wasmPublished = await publish(wasmFile, { rehash: false, compress: true });
const boot = `globalThis.factmapFiles = ${JSON.stringify(pageFiles)};\nconst unpack = ${UNPACK};\n` + REGISTER_WORKER + WAIT_FOR_PAINT + scripts[0][1].trim()
  .replace(staticImport, `const wasmResponse = fetch('${publicUrl}${wasmPublished}').then(unpack);\n${FETCH_BASEMAP}\nconst bindings = await import($1);\nconst init = bindings.default;`)
  .replace(wasmPath, 'module_or_path: wasmResponse')
  .replace(initCall, "globalThis.factmapBasemap = await basemap;\nconst drawn = await backdrop;\nif (drawn) copy.insertAdjacentHTML('beforeend', drawn);\nconst wasm = await init(") + '\n';
const bootName = `boot-${createHash('sha256').update(boot).digest('hex').slice(0, 16)}.js`;
await writeFile(join(dist, bootName), boot);
html = html.replace(scripts[0][0], `<script type="module" src="${publicUrl}${bootName}"></script>`);
html = html.replace(/ nonce="[^"]*"/g, '');
html = html.replace(/<link rel="(?:modulepreload|preload)" href="[^"]*factmap-web-[^"]*"[^>]*>/g, '');
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /<style[\s>]/.test(html) || /\son[a-z]+=/.test(html)) {
  console.error('finish-site: index.html still has inline script or style; the policy would block it');
  process.exit(1);
}

// 5. The stylesheet, minified by csso (npm dev dependency; rules kept in their order, so the
// cascade is as written) with its Subresource Integrity hash written anew: Trunk minifies CSS
// only together with its HTML, whose output this script does not parse. The file keeps
// Trunk's name, a hash of the source, which still changes whenever the source does.
const csso = await import('csso');
const minifyCss = csso.minify ?? csso.default.minify;
const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+\.css)" integrity="(sha384-[^"]+)"/g)];
if (stylesheets.length === 0) {
  console.error("finish-site: Trunk's stylesheet link was not found");
  process.exit(1);
}
for (const [, href, integrity] of stylesheets) {
  const path = join(dist, href.startsWith(publicUrl) ? href.slice(publicUrl.length) : href);
  const { css } = minifyCss(await readFile(path, 'utf8'), { restructure: false });
  await writeFile(path, css);
  html = html.replace(integrity, `sha384-${createHash('sha384').update(css).digest('base64')}`);
}

// 7. The web app manifest, named by its content like the other files.
const icon = html.match(/<link rel="icon" href="([^"]+)"/);
if (!icon) {
  console.error("finish-site: Trunk's icon link was not found");
  process.exit(1);
}
const appManifest = JSON.stringify({
  name: 'factmap',
  short_name: 'factmap',
  description: 'What the news reports, where and when, checked against the exact words of its sources.',
  id: './',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  icons: [{ src: icon[1].slice(publicUrl.length), sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
}, null, 2) + '\n';
const manifestName = `manifest-${hashOf(Buffer.from(appManifest))}.json`;
await writeFile(join(dist, manifestName), appManifest);
html = html.replace(icon[0], `<link rel="manifest" href="${publicUrl}${manifestName}" />\n    ${icon[0]}`);

// 3. The policy, before anything it governs.
html = html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${POLICY}" />`);
await writeFile(indexPath, html);

// 7. The service worker: its version is a hash of every file the site publishes (index.html as
// it is before the prerender, which draws what those files hold; written before it, so the
// page the prerender loads finds the worker it registers, and again after it, with the phone's
// prerendered base map).
// What a first visit's page loads before the worker can take it over (the workbench's loader
// comes with every page), the whole base map (any zoomed-in map) and, once drawn, the phone's
// base map.
const shell = ['', bootName, ...stylesheets.map(([, href]) => href.slice(publicUrl.length)), icon[1].slice(publicUrl.length), appGlue, wasmPublished, pageFiles['factmap-workbench-loader.js'], pageFiles['basemap.bin'], manifestName];
const workerSource = await readFile(new URL('../public/service-worker.js', import.meta.url), 'utf8');
/** Writes sw.js for the files the site has now; returns what it was told. */
async function writeServiceWorker() {
  const files = (await listFiles(dist)).map((p) => relative(dist, p).split('\\').join('/')).filter((f) => f !== 'sw.js').sort();
  const version = createHash('sha256');
  // index.html as it was before the prerender, so that the version does not depend on it twice.
  for (const file of files) version.update(`${file}\0`).update(file === 'index.html' ? unfinished : await readFile(join(dist, file)));
  for (const file of shell.slice(1)) {
    if (!files.includes(file)) {
      console.error(`finish-site: the service worker's shell names ${file}, which the site does not have`);
      process.exit(1);
    }
  }
  let shellBytes = 0;
  for (const file of shell) shellBytes += (await readFile(join(dist, file || 'index.html'))).length;
  // A sharded corpus's shards (thousands of them) are not listed one by one: the worker keeps
  // whatever it fetches under shards/, all of it named by content (src/shards.rs).
  const site = { version: version.digest('hex').slice(0, 16), shell, shellBytes, files: files.filter((f) => !f.startsWith('shards/')) };
  const { code } = await minify(`const SITE = ${JSON.stringify(site)};\n${workerSource}`, { compress: true, mangle: true });
  await writeFile(join(dist, 'sw.js'), code);
  return site;
}
const unfinished = html;
let serviceWorkerSite = await writeServiceWorker();
// 2. The first view, prerendered; and the base map of a phone's taller map, in a file of its
// own (backdrop-narrow-HASH.html.gzip, named by the copy's data-narrow), which the start-up
// script fetches on a phone instead of the whole base map: the frame it was drawn for, its
// main map and overview, as the app draws them (gzip, some 14 kB rather than the whole map's 44).
if (prerender) {
  try {
    await access(CHROMIUM);
    const { body, narrow } = await snapshot(dist, publicUrl);
    let narrowName = null;
    if (narrow) {
      await writeFile(join(dist, 'backdrop-narrow.html'), `<div hidden>${narrow}</div>`);
      narrowName = await publish('backdrop-narrow.html', { compress: true });
      shell.push(narrowName);
    } else {
      console.warn("finish-site: warning: no prerendered base map for a phone's map; a phone fetches the whole map");
    }
    html = html.replace(/<body>([\s\S]*?)<\/body>/, (_, rest) => `<body>\n    <div id="prerendered"${narrowName ? ` data-narrow="${narrowName}"` : ''}>${body}</div>${rest}</body>`);
    await writeFile(indexPath, html);
    serviceWorkerSite = await writeServiceWorker();
    console.log(`finish-site: prerendered the first view (${(body.length / 1000).toFixed(1)} kB of HTML)${narrowName ? ` and a phone's base map (${narrowName})` : ''}`);
  } catch (err) {
    console.warn(`finish-site: warning: no prerendered first view (${err.message.split('\n')[0]}); the site still works`);
  }
}
console.log(`finish-site: ${indexPath}: start-up script in ${bootName}, Content-Security-Policy set, service worker version ${serviceWorkerSite.version} (${serviceWorkerSite.shell.length} files fetched at install, ${serviceWorkerSite.files.length} known)`);

/** Every file under `dir`, recursively. */
async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else out.push(path);
  }
  return out;
}

/** The page's body as the app draws it at 1280x800, without scripts; and the base map of the
 * taller map a phone's window (390x844) draws: its `svg.map` with the frame and only the
 * groups of the base map, `null` if the page drew none. */
async function snapshot(site, prefix) {
  const { chromium } = await import('playwright-core');
  const { serveSite } = await import('../tests/e2e/serve.mjs');
  const server = await serveSite({ site, prefix });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  /** The page as drawn in a window of `viewport`, once its map shows its land and places. */
  const drawn = async (viewport) => {
    const page = await browser.newPage({ viewport });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${server.origin}${prefix}`);
    // The page draws the base map itself once it has fetched it (there is no copy to take it
    // from yet): the copy must hold it, with the frame it was drawn for (svg.map's data-frame).
    await page.locator('svg.map[data-frame] g.backdrop path.land').first().waitFor({ timeout: 30_000 });
    // The first place shown (the first in the document may be one a cluster draws, hidden).
    await page.locator('svg.map [role=button]:visible').first().waitFor({ timeout: 30_000 });
    // A sharded corpus's first article arrives in its shard: the copy shows it, not "Loading".
    await page.waitForFunction(() => !document.querySelector('.shard-pending'), null, { timeout: 30_000 });
    if (errors.length) throw new Error(`the page reported errors: ${errors.join('; ')}`);
    return page;
  };
  try {
    const body = await (await drawn({ width: 1280, height: 800 })).evaluate(() => {
      const body = document.body.cloneNode(true);
      for (const el of body.querySelectorAll('script, noscript')) el.remove();
      // The copy is a picture of the page until the app starts: nothing in it takes focus.
      for (const el of body.querySelectorAll('[tabindex]')) el.setAttribute('tabindex', '-1');
      return body.innerHTML.trim();
    });
    const narrow = await (await drawn({ width: 390, height: 844 })).evaluate(() => {
      const map = document.querySelector('svg.map[data-frame]');
      const backdrop = map?.querySelector('g.backdrop');
      if (!backdrop) return null;
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('class', 'map');
      svg.setAttribute('data-frame', map.getAttribute('data-frame'));
      for (const group of [backdrop, map.querySelector('g.inset-land')]) if (group) svg.append(group.cloneNode(true));
      return svg.outerHTML;
    });
    return { body, narrow };
  } finally {
    await browser.close();
    await server.close();
  }
}
