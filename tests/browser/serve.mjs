// serve.mjs — the browser checks' web server: serves one built site folder
// on a loopback port, read-only, the way a production web server would
// (pretty URLs: /news/ → /news/index.html; unknown paths → /404.html with
// status 404), and sends every response with the strict policy the theme
// must work under:  Content-Security-Policy: default-src 'self'.
//
// Only GET and HEAD are answered (405 otherwise).  A request path is
// percent-decoded, normalised and must stay inside the folder after symlinks
// are resolved; anything else is a 404.  The server owns no state besides
// the list of paths it was asked for, which the checks read.
import { createServer } from 'node:http';
import { realpathSync, statSync, createReadStream } from 'node:fs';
import { extname, join, sep } from 'node:path';

export const CSP = "default-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

// The real file a URL path names inside root, as { file, folder }: a
// folder's index.html (folder true) for a folder; null when there is none or
// it would leave root.
function resolveFile(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const parts = [];
  for (const p of decoded.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') return null;
    parts.push(p);
  }
  let file = join(root, ...parts);
  try {
    const folder = statSync(file).isDirectory();
    if (folder) file = join(file, 'index.html');
    const real = realpathSync(file);
    if (!real.startsWith(root + sep)) return null;
    return statSync(real).isFile() ? { file: real, folder } : null;
  } catch {
    return null;
  }
}

// Starts serving `folder` on 127.0.0.1 (a free port).  Resolves to
// { origin, requested, close() }: `requested` lists every path asked for,
// in order, with its status.  options.csp replaces the policy (the search
// bench serves Pagefind, whose WebAssembly needs 'wasm-unsafe-eval').
export function serve(folder, options = {}) {
  const root = realpathSync(folder);
  const requested = [];
  const csp = options.csp || CSP;
  const server = createServer((req, res) => {
    const headers = { 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' });
      res.end();
      requested.push({ path: req.url, status: 405 });
      return;
    }
    const path = new URL(req.url, 'http://localhost').pathname;
    let status = 200;
    let found = resolveFile(root, path);
    if (found && found.folder && !path.endsWith('/')) {
      // a folder without its slash: redirect, as web servers do
      res.writeHead(301, { ...headers, Location: path + '/' });
      res.end();
      requested.push({ path, status: 301 });
      return;
    }
    if (!found) {
      status = 404;
      found = resolveFile(root, '/404.html');
    }
    requested.push({ path, status });
    if (!found) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found\n');
      return;
    }
    const { file } = found;
    res.writeHead(status, {
      ...headers,
      'Content-Type': TYPES[extname(file).toLowerCase()] || 'application/octet-stream',
      'Content-Length': statSync(file).size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requested,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}
