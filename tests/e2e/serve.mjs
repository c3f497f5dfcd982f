// The release site served on loopback under a sub-path, as GitHub Pages serves a project site.
// Shared by the end-to-end test (tests/e2e/site.test.mjs) and `make measure`
// (scripts/measure-site.mjs). Not a test file itself: node --test runs only *.test.mjs here.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';

export const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8' };

/**
 * Serves the files of `site` under `prefix` (e.g. '/factmap/') on 127.0.0.1 at a free port.
 * Every requested path is pushed to `served`. Resolves to { origin, served, close }.
 */
export async function serveSite({ site, prefix }) {
  const served = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    served.push(path);
    if (!path.startsWith(prefix)) return res.writeHead(404).end('outside the site');
    let file = normalize(path.slice(prefix.length)) || 'index.html';
    if (file.endsWith('/') || file === '.') file = join(file, 'index.html');
    if (file.startsWith('..')) return res.writeHead(403).end();
    try {
      const body = await readFile(join(site, file));
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
  return { origin, served, close };
}
