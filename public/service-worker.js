// factmap's service worker: the site keeps working offline after a first visit. Published by
// scripts/finish-site.mjs as sw.js at the root of the site (its scope: the site's base path),
// with `SITE` set before this text: the build's `version` (a hash of every file the build
// published), the `shell` a visit needs to show the map (the page, its start-up script,
// stylesheet, icon, the app, the workbench's loader, the whole base map, the web app manifest;
// `shellBytes` in all), fetched at install when the origin's storage has room for them,
// and every file of the site (`files`, relative to the scope; a sharded corpus's shards,
// `shards/HASH.bin`, are known by that pattern rather than listed). The page registers it after
// its load event (the start-up script), so the first paint never waits on it.
//
// - Every file but the page is named by its content, so a cached copy is always right: taken
//   from the cache, else fetched and kept (the gazetteer and its shards when the worker first
//   needs them, the workbench and the worker when a reader first adds an article).
// - The page itself (its address does not change) is asked of the network first, so a deploy
//   is seen at once when online; offline, or after NAVIGATION_WAIT with no answer, it is this
//   version's copy, which names only files this version caches.
// - A new deploy is a new sw.js (its `version` changed): it installs beside the old one and
//   takes over once no page of the old version is open, so an open page never loses the files
//   it names. It then keeps from the old caches the files it still lists (same name, same
//   content) and deletes them.
/* global SITE */
const CACHE = `factmap-${SITE.version}`;
const SCOPE = new URL(self.registration.scope);
const FILES = new Set(SITE.files);
const NAVIGATION_WAIT = 4000;

/** The file `url` names, relative to the scope ('' for the page), or null outside it. */
const fileOf = (url) => (url.origin === SCOPE.origin && url.pathname.startsWith(SCOPE.pathname) ? decodeURIComponent(url.pathname.slice(SCOPE.pathname.length)) : null);

/**
 * Whether `bytes` more leave the origin's storage at most half full. The reader's collection
 * (localStorage, IndexedDB) shares that quota, and on a host like GitHub Pages every project
 * site of one owner does too: a copy for offline use must never take the room a reader's
 * articles need. Without room the site still works, online.
 */
async function roomFor(bytes) {
  const { usage = 0, quota = Infinity } = (await navigator.storage?.estimate?.()) ?? {};
  return usage + bytes <= quota / 2;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    if (await roomFor(SITE.shellBytes)) {
      await (await caches.open(CACHE)).addAll(SITE.shell.map((file) => new URL(file, SCOPE).href));
    }
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const name of await caches.keys()) {
      if (name === CACHE || !name.startsWith('factmap-')) continue;
      const old = await caches.open(name);
      for (const request of await old.keys()) {
        const file = fileOf(new URL(request.url));
        if (file && FILES.has(file) && !(await cache.match(request))) {
          const response = await old.match(request);
          if (response) await cache.put(request, response);
        }
      }
      await caches.delete(name);
    }
    // The first visit's page, loaded before there was a worker, is served from here on too: what
    // it fetches next (a reader's first article) is kept for the next visit.
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const file = fileOf(url);
  if (file === null) return;
  if (request.mode === 'navigate' && (file === '' || file === 'index.html')) {
    event.respondWith(page(request));
  } else if ((FILES.has(file) || /^shards\/[0-9a-f]{16}\.bin$/.test(file)) && file !== 'sw.js') {
    event.respondWith(kept(event, url));
  }
});

/** The page: the network's answer, else this version's copy. */
async function page(request) {
  const copy = caches.open(CACHE).then((cache) => cache.match(SCOPE.href));
  const network = fetch(request);
  network.catch(() => {}); // when the copy was answered first
  const slow = new Promise((resolve) => setTimeout(resolve, NAVIGATION_WAIT)).then(async () => (await copy) ?? network);
  try {
    const response = await Promise.race([network, slow]);
    return response.ok ? response : ((await copy) ?? response);
  } catch {
    return (await copy) ?? Response.error();
  }
}

/**
 * A file named by its content: the cached copy, else the network's, kept once whole (the page
 * reads it meanwhile, so a download's progress shows as it comes).
 */
async function kept(event, url) {
  const cache = await caches.open(CACHE);
  const key = url.origin + url.pathname;
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.status === 200) {
    const copy = response.clone();
    event.waitUntil((async () => {
      const body = await copy.blob();
      if (await roomFor(body.size)) await cache.put(key, new Response(body, { status: 200, headers: copy.headers }));
    })().catch(() => {}));
  }
  return response;
}
