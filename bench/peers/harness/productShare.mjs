// The products of the backprop pass (case 5) split as `createMlpPool` splits them, run on worker
// threads at once with nothing else: no barriers, no activations, nothing inside the timed calls
// but the one round of messages that starts and ends each (as in the pool). Each thread runs its share of the units of every layer — the forward products X Wᵀ of its
// rows of W, its columns of δ W (`matmulNNColumns`), its rows of the weight gradients δᵀ x — on its
// own inputs (the values do not matter to the speed). The wall time of the slowest thread bounds
// what a pass split this way can reach on this machine with core's products: case 8 reports the
// pool against it, so a miss of the ceiling target shows how much of it is the products themselves
// running side by side (shared caches and memory), and how much the rest of the pass.
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { summarize } from './stats.mjs';

/** Contiguous ranges of units per thread, as learn's pools share them. */
const shareRange = (n, threads, index) => ({ lo: Math.floor((index * n) / threads), hi: Math.floor(((index + 1) * n) / threads) });

/** One thread's products of the pass for layer sizes `sizes` and batch `batch` (fresh operands, seeded by position). */
function threadProducts(core, sizes, batch, threads, index) {
  const L = sizes.length - 1;
  const fill = (n, seed) => Float64Array.from({ length: n }, (_, i) => Math.sin(seed + 0.37 * i));
  const x = sizes.map((n, l) => fill(batch * n, l));
  const W = sizes.slice(1).map((n, l) => fill(n * sizes[l], 10 + l));
  const delta = sizes.slice(1).map((n, l) => fill(batch * n, 20 + l));
  const out = new Float64Array(Math.max(...sizes) * Math.max(...sizes) + batch * Math.max(...sizes));
  const block = new Float64Array(batch * Math.max(...sizes));
  return () => {
    for (let l = 0; l < L; l++) {
      const { lo, hi } = shareRange(sizes[l + 1], threads, index);
      core.matmulNT(x[l], W[l].subarray(lo * sizes[l], hi * sizes[l]), batch, hi - lo, sizes[l], out);
    }
    for (let l = L - 1; l >= 0; l--) {
      const { lo, hi } = shareRange(sizes[l + 1], threads, index);
      core.matmulTN(delta[l].subarray(0, batch * (hi - lo)), x[l], hi - lo, sizes[l], batch, out);
      if (l > 0) {
        const c = shareRange(sizes[l], threads, index);
        core.matmulNNColumns(delta[l], W[l], batch, sizes[l + 1], sizes[l], c.lo, c.hi, block);
      }
    }
  };
}

/**
 * The tile kernel alone: core's internal `panel` (dist/linearAlgebra/matmulTile.js) summing a
 * 128 × 196 by 196 × 128 chunk of packed operands (what the products of the pass feed it, 400 kB:
 * they stay in L2) eight times per call — no copying, no packing, no memory traffic to speak of.
 * Flops per call: PANEL_FLOPS.
 */
export const PANEL_FLOPS = 8 * 2 * 128 * 128 * 196;
async function panelOnly(corePath) {
  const { panelFunction, workspace } = await import(pathToFileURL(corePath.replace(/index\.js$/, 'linearAlgebra/matmulTile.js')).href);
  const kc = 196, m = 128, n = 128;
  const W = workspace(m * kc + n * kc + m * n);
  for (let i = 0; i < m * kc + n * kc; i++) W[i] = Math.sin(i);
  const panel = panelFunction();
  return () => { for (let r = 0; r < 8; r++) panel(kc, 0, m * kc, m * kc + n * kc, n, m / 4, n / 4, 1); };
}

if (!isMainThread && workerData?.productShare) {
  const { corePath, sizes, batch, threads, index, warmup, panel } = workerData.productShare;
  const core = await import(pathToFileURL(corePath).href);
  const work = panel ? await panelOnly(corePath) : threadProducts(core, sizes, batch, threads, index);
  for (let i = 0; i < warmup; i++) work();
  parentPort.on('message', () => {
    const t0 = performance.now();
    work();
    parentPort.postMessage(performance.now() - t0);
  });
  parentPort.postMessage('ready');
}

/**
 * Wall seconds per round for `threads` workers running their shares at once (a round ends when the
 * slowest is done): { sum } (stats.mjs summary over `repeats` rounds), after `warmup` untimed calls
 * in each worker (V8 tiers the code up per thread). With `panel`, each worker runs the tile kernel
 * alone on operands already packed (`PANEL_FLOPS` per call) instead of its share of the products.
 */
export async function timeProductShares({ corePath, sizes, batch, threads, repeats = 20, warmup = 40, panel = false }) {
  const workers = Array.from({ length: threads }, (_, index) => new Worker(new URL(import.meta.url), {
    workerData: { productShare: { corePath, sizes, batch, threads, index, warmup, panel } },
  }));
  try {
    await Promise.all(workers.map((w) => new Promise((res, rej) => { w.once('message', res); w.once('error', rej); })));
    const times = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await Promise.all(workers.map((w) => new Promise((res) => { w.once('message', res); w.postMessage('go'); })));
      times.push((performance.now() - t0) / 1e3);
    }
    return { sum: summarize(times) };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
