// The packages as a researcher gets them: every package packed with `pnpm pack`, the tarballs
// installed with npm into a fresh project outside the workspace, one README script per package
// run there, a TypeScript consumer typechecked under `nodenext` and `bundler` resolution, and each
// package bundled alone with Vite for the browser. (Needs the npm registry for the packages'
// own dependencies: odex, ml-matrix, seedrandom.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
});
