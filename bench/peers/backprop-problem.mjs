// The problem of cases 5 and 7, shared: one forward + backward pass of a 784-256-256-10 network
// (tanh, tanh, linear output, biases, L = ½ Σ (y − t)² over a batch of 128), its seeded weights,
// inputs and targets, its work in multiply-adds, and NeuroBridge's pass on it.
import { normals } from './harness/data.mjs';
import { summarize } from './harness/stats.mjs';
import { timeAsync, timeSync } from './harness/timing.mjs';

export const SIZES = [784, 256, 256, 10];
/**
 * Untimed calls before the pool is timed: its workers run their code cold at first (V8 compiles it in
 * tiers, per thread); calls got faster over the first ~20 (measured 2026-12-08: 8–19 ms, then 4.5–5 ms).
 */
const POOL_WARMUP = 25;
export const B = 128;

/** Seeded inputs X (B × 784), targets T (B × 10), LeCun-scaled weights Wl (out × in, row-major) and biases bl. */
export function problem() {
  const scale = (a, s) => { for (let i = 0; i < a.length; i++) a[i] *= s; return a; };
  const pr = { X: normals(B * SIZES[0], 21), T: normals(B * SIZES[3], 22) };
  for (let l = 0; l < 3; l++) {
    pr[`W${l + 1}`] = scale(normals(SIZES[l + 1] * SIZES[l], 23 + l), 1 / Math.sqrt(SIZES[l]));
    pr[`b${l + 1}`] = scale(normals(SIZES[l + 1], 33 + l), 0.1);
  }
  return pr;
}

/**
 * Multiply-adds of one pass: the forward products X Wᵀ of the 3 layers, the weight gradients δᵀ x of
 * the 3 layers (same sizes), and the deltas δ W of layers 3 and 2 (none is formed for the inputs).
 */
export const PASS_MACS = B * (SIZES[0] * SIZES[1] + SIZES[1] * SIZES[2] + SIZES[2] * SIZES[3]) * 2 +
  B * (SIZES[1] * SIZES[2] + SIZES[2] * SIZES[3]);

/** Arrays concatenated in numpy's order: gW1, gb1, gW2, gb2, gW3, gb3. */
export function concat(parts) {
  const out = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of parts) { out.set(a, o); o += a.length; }
  return out;
}

/** Lengths of gW1, gb1, gW2, gb2, gW3, gb3 (to compare the gradients array by array). */
export const GRAD_PARTS = [0, 1, 2].flatMap((l) => [SIZES[l + 1] * SIZES[l], SIZES[l + 1]]);

/** The problem's network as a learn `mlp` (tanh, tanh, linear; biases), weights copied in. */
function neuroBridgeNet(learn, core, pr) {
  const { tanh, linear } = core.activations;
  const net = learn.mlp({ sizes: SIZES, activations: [tanh, tanh, linear], bias: true, init: { constant: 0 } });
  for (let l = 0; l < 3; l++) { net.weights[l].set(pr[`W${l + 1}`]); net.biases[l].set(pr[`b${l + 1}`]); }
  return net;
}

/**
 * NeuroBridge's pass with preallocated cache and gradient buffers: () => { gradW, gradB }.
 * `learn` and `core` are the imported packages.
 */
export function neuroBridgePass(learn, core, pr) {
  const { mlpForward, mlpBackward, createMlpCache, createMlpGradients } = learn;
  const net = neuroBridgeNet(learn, core, pr);
  const cache = createMlpCache(net, B);
  const grads = createMlpGradients(net, B);
  const dOut = new Float64Array(B * SIZES[3]);
  return () => {
    mlpForward(net, pr.X, B, cache);
    const y = cache.x[3];
    for (let i = 0; i < dOut.length; i++) dOut[i] = y[i] - pr.T[i]; // ∂(½Σ(y − t)²)/∂y
    return mlpBackward(net, cache, dOut, grads);
  };
}

/** The gradients of a NeuroBridge pass result, concatenated in numpy's order. */
export function neuroBridgeGrads(res) {
  return concat([0, 1, 2].flatMap((l) => [res.gradW[l], res.gradB[l]]));
}

/** NeuroBridge's pass timed as both cases time it (5 warm-up runs): { sum, cpu, g } with g its gradients. */
export function timeNeuroBridgePass(learn, core, pr, repeats) {
  const r = timeSync(neuroBridgePass(learn, core, pr), { warmup: 5, repeats });
  return { sum: summarize(r.times), cpu: r.cpu, g: neuroBridgeGrads(r.last) };
}

/**
 * The same pass on `createMlpPool({ threads })`: `pool.gradient(net, X, T, B, { out })` with the network
 * in the pool's shared memory (`pool.share`, as a training loop keeps it) and reused gradient buffers, also
 * on shared memory (`pool.shareGradients`: the workers write them in place) —
 * forward, ∂(½Σ(y − t)²)/∂y and backward in one round of messages. Started and closed here; the start-up
 * (threads, package loaded in each, first call) is returned apart and not in the timings.
 */
export async function timeNeuroBridgePoolPass(learn, core, pr, repeats, threads) {
  const t0 = performance.now();
  const pool = learn.createMlpPool({ threads });
  try {
    const net = pool.share(neuroBridgeNet(learn, core, pr));
    const out = learn.createMlpGradients(net, B);
    if (typeof pool.shareGradients === 'function') pool.shareGradients(out); // written in place by the workers
    await pool.gradient(net, pr.X, pr.T, B, { out });
    const startup = (performance.now() - t0) / 1e3;
    const r = await timeAsync(() => pool.gradient(net, pr.X, pr.T, B, { out }), { warmup: POOL_WARMUP, repeats });
    return { sum: summarize(r.times), cpu: r.cpu, g: neuroBridgeGrads(r.last.gradients), startup };
  } finally {
    await pool.close();
  }
}
