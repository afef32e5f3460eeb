// `pnpm demo`: serves apps/demo/dist (built by `pnpm demo:build`) on localhost with the COOP/COEP
// headers that cross-origin isolation needs (so the thread pools can be used), and prints the
// address. Usage: node serve.mjs [--port N]
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';

const dist = join(import.meta.dirname, 'dist');
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

/** Start the server; resolves to { url, close }. */
export function serve(port = 0, host = '127.0.0.1') {
  if (!existsSync(join(dist, 'index.html'))) throw new Error('apps/demo/dist is missing: run `pnpm demo:build` first');
  const server = createServer((req, res) => {
    const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
    const path = normalize(join(dist, req.url === '/' ? 'index.html' : decodeURIComponent(req.url.split('?')[0])));
    if (!path.startsWith(dist) || !existsSync(path) || statSync(path).isDirectory()) { res.writeHead(404, headers).end('not found'); return; }
    res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve({ url: `http://${host}:${server.address().port}/`, close: () => server.close() })));
}

if (process.argv[1] === import.meta.filename) {
  const i = process.argv.indexOf('--port');
  const { url } = await serve(i > 0 ? Number(process.argv[i + 1]) : 5173);
  console.log(`NeuroBridge demo: ${url}  (Ctrl-C to stop)`);
}
