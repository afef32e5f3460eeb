// Bundles browser-check/ the way an application would (Vite, module workers), with the
// packages' built dist/ (their exports maps; no `source` condition) — see scripts/browser-check.mjs.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = (name) => fileURLToPath(new URL(`../packages/${name}`, import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  resolve: { alias: { '@neurobridge/core': pkg('core'), '@neurobridge/lowrank': pkg('lowrank'), '@neurobridge/learn': pkg('learn'), '@neurobridge/coding': pkg('coding'), '@neurobridge/lif': pkg('lif') } },
  worker: { format: 'es' },
  build: { outDir: fileURLToPath(new URL('../node_modules/.browser-check', import.meta.url)), emptyOutDir: true, target: 'es2022' },
});
