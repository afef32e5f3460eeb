// Browser check of the packages (after `pnpm build`): bundles browser-check/ with Vite as an
// application would, serves it with the COOP/COEP headers that SharedArrayBuffer needs, opens
// it in headless Chromium and prints what the page reports (checks of the thread pools against
// the single-thread functions, bit for bit; seeded results of core, coding, lif, lowrank and learn against the same
// computation in Node, bit for bit). Exit code 1 when a check fails, 2 when Chromium is missing
// (install: apt-get install chromium).
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';

const root = resolve(import.meta.dirname, '..');
const browser = ['chromium', 'chromium-browser', 'google-chrome'].map((b) => spawnSync('which', [b]).stdout?.toString().trim()).find(Boolean);
if (!browser) {
  console.error('browser check: no Chromium found — install it with: apt-get update && apt-get install -y chromium');
  process.exit(2);
}
await build({ configFile: join(root, 'browser-check/vite.config.mjs') });
const dist = join(root, 'node_modules/.browser-check');

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
let resolveResult;
const result = new Promise((r) => { resolveResult = r; });
const server = createServer((req, res) => {
  const headers = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  if (req.method === 'POST' && req.url === '/result') {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { res.writeHead(204, headers).end(); resolveResult(JSON.parse(body)); });
    return;
  }
  const path = normalize(join(dist, req.url === '/' ? 'index.html' : decodeURIComponent(req.url.split('?')[0])));
  if (!path.startsWith(dist) || !existsSync(path)) { res.writeHead(404, headers).end(); return; }
  res.writeHead(200, { ...headers, 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/`;
const chrome = spawn(browser, ['--headless=new', '--no-sandbox', '--disable-gpu', '--user-data-dir=/tmp/neurobridge-browser-check', url], { stdio: 'ignore' });
const TIMEOUT_MS = 120_000;
const timer = setTimeout(() => resolveResult({ checks: [{ name: `page reported within ${TIMEOUT_MS / 1000} s`, ok: false }] }), TIMEOUT_MS);
const report = await result;
clearTimeout(timer);
chrome.kill();
server.close();
await compareFingerprints(report);
console.log(`browser: ${report.userAgent ?? browser}`);
for (const c of report.checks) console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${c.name}${c.detail ? ` — ${c.detail}` : ''}`);
const failed = report.checks.filter((c) => !c.ok).length;
console.log(failed ? `${failed} of ${report.checks.length} checks failed` : `all ${report.checks.length} checks passed`);
process.exit(failed ? 1 : 0);

/** The page's seeded results against the same computation in Node (browser-check/fingerprints.js), bit for bit. */
async function compareFingerprints(report) {
  const fp = await import('../browser-check/fingerprints.js');
  const load = (name) => import(pathToFileURL(join(root, 'packages', name, 'dist/index.js')).href);
  const core = await load('core');
  const node = {
    core: fp.coreFingerprint({ core }),
    coding: fp.codingFingerprint({ core, coding: await load('coding') }),
    lif: fp.lifFingerprint({ lif: await load('lif') }),
    lowrank: fp.lowrankFingerprint({ core, lowrank: await load('lowrank') }),
    learn: fp.learnFingerprint({ core, learn: await load('learn') }),
  };
  const view = new DataView(new ArrayBuffer(8));
  const hex = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16); };
  for (const [name, values] of Object.entries(node)) {
    const page = report.fingerprints?.[name];
    const mismatch = page ? values.findIndex((v, i) => hex(v) !== page[i]) : -1;
    const ok = Boolean(page) && page.length === values.length && mismatch < 0;
    report.checks.push({ name: `${name}: seeded results bit-identical in Node and in the browser (${values.length} numbers)`, ok,
      detail: ok ? '' : page ? `first difference at ${mismatch}: Node ${values[mismatch]}, page bits ${page[mismatch]}` : 'the page reported no fingerprint' });
  }
}
