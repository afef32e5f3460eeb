// The packages as a researcher gets them: every package packed with `pnpm pack`, the tarballs
// installed with npm into a fresh project outside the workspace, one README script per package
// run there, a TypeScript consumer typechecked under `nodenext` and `bundler` resolution, and each
// package bundled alone with Vite for the browser. (Needs the npm registry for the packages'
// own dependencies: odex, ml-matrix, seedrandom.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..', '..', '..');
const PACKAGES = ['core', 'lif', 'lowrank', 'learn', 'coding', 'exam'];
let dir: string;

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} … failed:\n${(err.stdout ?? '') + (err.stderr ?? '') || err.message}`.slice(0, 4000));
  }
}

/** One script per package, from its README (the smallest that prints something). */
const SCRIPTS: Record<string, string> = {
  core: "import { createRng, portableLog } from '@neurobridge/core';\nconsole.log(createRng(42).normals(2).length, portableLog(Math.E));",
  lif: "import { gStar, spikeTime } from '@neurobridge/lif';\nconst p = { tau: 10, V0: 30, dg: 0.05, tauK: 200, td: 0 };\nconsole.log(gStar(p), spikeTime(p, 0).toFixed(6));",
  lowrank: "import { activations } from '@neurobridge/core';\nimport { fixedPoints } from '@neurobridge/lowrank';\nconsole.log(fixedPoints([[2.2, 0.4], [0.4, 1.3]], activations.tanh).nontrivial.length);",
  learn: "import { activations, createRng } from '@neurobridge/core';\nimport { mlp, empiricalNtk } from '@neurobridge/learn';\nconst net = mlp({ sizes: [3, 16, 1], activations: [activations.tanh, activations.linear], bias: false, rng: createRng(1) });\nconsole.log(empiricalNtk(net, [[1, 0, 0], [0, 1, 0]]).total.length);",
  coding: "import { createRng } from '@neurobridge/core';\nimport { poissonTrials, jpsth } from '@neurobridge/coding';\nconst rec = poissonTrials(20, { stop: 400, trials: 50, rng: createRng(1) });\nconsole.log(jpsth(rec, { stop: 400, width: 50 }).size);",
  exam: "import { allClaims } from '@neurobridge/exam';\nconsole.log(allClaims().length > 100);",
};
const EXPECTED: Record<string, string> = { core: '2 1', lif: '0.5 6.931472', lowrank: '2', learn: '4', coding: '8', exam: 'true' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'neurobridge-pack-'));
  for (const p of PACKAGES) run('pnpm', ['pack', '--pack-destination', dir], join(root, 'packages', p));
  const tarballs = readdirSync(dir).filter((f) => f.endsWith('.tgz')).map((f) => join(dir, f));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
  const ts = (JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')) as { version: string }).version;
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, `typescript@${ts}`, 'vite@8.3.8'], dir);
});

afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('the packed packages in a fresh npm project', () => {
  for (const p of PACKAGES) {
    it(`@neurobridge/${p}: a README script runs from the tarball`, () => {
      writeFileSync(join(dir, `${p}.mjs`), SCRIPTS[p]);
      expect(run(process.execPath, [`${p}.mjs`], dir).trim()).toBe(EXPECTED[p]);
    });
  }
  it("the root README's \"Use it in your own project\" example runs from the tarballs and prints what it shows", () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const m = /<!-- own-project-example[^>]*-->\n```js\n([\s\S]*?)```\s*\n\s*prints\s*\n\s*```text\n([\s\S]*?)```/.exec(readme);
    expect(m, 'the marked block and its output in README.md').not.toBeNull();
    writeFileSync(join(dir, 'index.js'), m![1]);
    expect(run(process.execPath, ['index.js'], dir)).toBe(m![2]);
  });
  for (const resolution of ['nodenext', 'bundler'] as const) {
    it(`a TypeScript consumer typechecks with moduleResolution ${resolution}`, () => {
      // the root README's TypeScript example, then a consumer of several packages' types
      const readme = readFileSync(join(root, 'README.md'), 'utf8');
      const types = /\*\*Types\.\*\*[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme);
      expect(types, 'the TypeScript block of "Use it in your own project"').not.toBeNull();
      writeFileSync(join(dir, `readme-${resolution}.ts`), `${types![1]}export { run };\n`);
      const src = join(dir, `consumer-${resolution}.ts`);
      writeFileSync(src, "import { run as readmeRun } from './readme-" + resolution + ".js';\nexport const fromReadme: number = readmeRun.spikes.length;\nimport { createRng, type Rng } from '@neurobridge/core';\nimport { jpsth, type Jpsth } from '@neurobridge/coding';\nimport { simulate } from '@neurobridge/lif';\nconst r: Rng = createRng(1);\nconst j: Jpsth = jpsth([[[1, 2], [3]]], { stop: 10, width: 5 });\nexport const n: number = r.uniform() + j.size + simulate({ tau: 10, V0: 30, dg: 0.05, tauK: 200, td: 0 }, { duration: 10 }).spikes.length;\n");
      const module = resolution === 'nodenext' ? 'nodenext' : 'esnext';
      run(process.execPath, [join(dir, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--skipLibCheck', 'false', '--module', module, '--moduleResolution', resolution, '--target', 'es2022', '--lib', 'es2022,dom', src], dir);
    });
  }
  for (const p of PACKAGES) {
    it(`@neurobridge/${p} bundles alone for the browser with Vite`, () => {
      writeFileSync(join(dir, `entry-${p}.js`), `import * as m from '@neurobridge/${p}';\nconsole.log(Object.keys(m).length);\n`);
      // a browser build (client conditions: lowrank's and learn's workers resolve to their web variants)
      writeFileSync(join(dir, `vite-${p}.config.mjs`), `export default { logLevel: 'error', build: { outDir: 'out-${p}', emptyOutDir: true, target: 'es2022', rollupOptions: { input: 'entry-${p}.js' } } };\n`);
      run(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--config', `vite-${p}.config.mjs`], dir);
      expect(readdirSync(join(dir, `out-${p}`)).length).toBeGreaterThan(0);
    });
  }

  it('same seed, same bits, Node and browser: one Vite bundle of the tarballs, its seeded fingerprint in Node and in Chromium', async () => {
    // createRng streams and the portable functions (core), a lif spike train and trace, RK4
    // low-rank networks and fixed points, an empirical tangent kernel and seeded spike trains
    // (browser-check/fingerprints.js): ~1900 doubles compared as their 64-bit patterns
    const chrome = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((b) => existsSync(b));
    if (!chrome) throw new Error('Chromium is missing: apt-get update && apt-get install -y chromium (.ci/run installs it)');
    copyFileSync(join(root, 'browser-check', 'fingerprints.js'), join(dir, 'fingerprints.js'));
    writeFileSync(join(dir, 'fp-entry.js'), [
      "import * as core from '@neurobridge/core';",
      "import * as coding from '@neurobridge/coding';",
      "import * as lif from '@neurobridge/lif';",
      "import * as lowrank from '@neurobridge/lowrank';",
      "import * as learn from '@neurobridge/learn';",
      "import * as fp from './fingerprints.js';",
      'const view = new DataView(new ArrayBuffer(8));',
      'const hex = (x) => { view.setFloat64(0, x); return view.getBigUint64(0).toString(16); };',
      'export function fingerprintBits() {',
      '  const all = { core: fp.coreFingerprint({ core }), coding: fp.codingFingerprint({ core, coding }), lif: fp.lifFingerprint({ lif }),',
      '    lowrank: fp.lowrankFingerprint({ core, lowrank }), learn: fp.learnFingerprint({ core, learn }) };',
      '  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.map(hex)]));',
      '}',
      '',
    ].join('\n'));
    writeFileSync(join(dir, 'vite-fp.config.mjs'), "export default { logLevel: 'error', build: { outDir: 'out-fp', emptyOutDir: true, target: 'es2022', minify: false, lib: { entry: 'fp-entry.js', formats: ['es'], fileName: 'fingerprint' } } };\n");
    run(process.execPath, [join(dir, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite-fp.config.mjs'], dir);
    const bundle = readdirSync(join(dir, 'out-fp')).find((f) => f.startsWith('fingerprint') && f.endsWith('.js'))!;
    // Node: the bundle itself, in a fresh process
    const inNode = JSON.parse(run(process.execPath, ['--input-type=module', '-e', `import { fingerprintBits } from './out-fp/${bundle}'; console.log(JSON.stringify(fingerprintBits()));`], dir));
    // Chromium: the same file, served to a page
    writeFileSync(join(dir, 'fp.html'), `<!doctype html><script type="module">import { fingerprintBits } from './out-fp/${bundle}'; window.__bits = fingerprintBits();</script>`);
    const server = createServer((req, res) => {
      const path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0])));
      if (!path.startsWith(dir) || !existsSync(path)) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'Content-Type': extname(path) === '.html' ? 'text/html' : 'text/javascript' }).end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const browser = await chromium.launch({ executablePath: chrome, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/fp.html`);
      await page.waitForFunction(() => (globalThis as { __bits?: unknown }).__bits !== undefined, undefined, { timeout: 120_000 });
      const inBrowser = await page.evaluate(() => (globalThis as { __bits?: Record<string, string[]> }).__bits!);
      expect(errors).toEqual([]);
      for (const name of ['core', 'coding', 'lif', 'lowrank', 'learn']) {
        expect(inNode[name].length, name).toBeGreaterThan(100);
        const first = inNode[name].findIndex((b: string, i: number) => b !== inBrowser[name][i]);
        expect(first, `${name}: first differing number (Node bits vs Chromium bits)`).toBe(-1);
        expect(inBrowser[name].length).toBe(inNode[name].length);
      }
    } finally {
      await browser.close();
      server.close();
    }
  });
});
