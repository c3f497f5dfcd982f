// The release site served on loopback under a sub-path, as GitHub Pages serves a project site.
// Shared by the end-to-end test (tests/e2e/site.test.mjs) and `make measure`
// (scripts/measure-site.mjs). Not a test file itself: node --test runs only *.test.mjs here.
//
// Like many static hosts, it compresses only text types (HTML, CSS, JavaScript, JSON, SVG,
// Markdown) and sends every other file as it is stored: what a reader downloads is then what
// the site's own files weigh (scripts/finish-site.mjs precompresses the binary ones), and
// `transfers` records it, response by response.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { gzipSync, constants as zlib } from 'node:zlib';

export const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png', '.md': 'text/markdown; charset=utf-8' };
/** The types the server compresses (gzip -9, when the client accepts gzip). */
export const TEXT_TYPES = /^(text\/|application\/json|image\/svg\+xml)/;

/**
 * Serves the files of `site` under `prefix` (e.g. '/factmap/') on 127.0.0.1 at a free port.
 * Every requested path is pushed to `served`, and every response's path, type, encoding and
 * body bytes to `transfers`. Resolves to { origin, served, transfers, close, deploy }, where
 * `deploy(dir)` serves another build from then on, at the same address, as a new deploy does.
 */
export async function serveSite({ site, prefix }) {
  const served = [];
  const transfers = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    served.push(path);
    if (!path.startsWith(prefix)) return res.writeHead(404).end('outside the site');
    let file = normalize(path.slice(prefix.length)) || 'index.html';
    if (file.endsWith('/') || file === '.') file = join(file, 'index.html');
    if (file.startsWith('..')) return res.writeHead(403).end();
    let body;
    try {
      body = await readFile(join(site, file));
    } catch {
      return res.writeHead(404).end('not found');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, vary: 'accept-encoding' };
    if (TEXT_TYPES.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      body = gzipSync(body, { level: zlib.Z_BEST_COMPRESSION });
      headers['content-encoding'] = 'gzip';
    }
    transfers.push({ path, type, encoding: headers['content-encoding'] ?? null, bytes: body.length });
    res.writeHead(200, headers).end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
  return { origin, served, transfers, close, deploy: (dir) => { site = dir; } };
}
