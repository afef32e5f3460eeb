// Backward pass of a 784-256-256-10 layered network (tanh, tanh, linear) on a batch of 128:
// @neurobridge/learn's mlpBackward (cache-blocked kernels) against the same computation with
// ml-matrix's mmul and with a naive triple loop on Float64Array, measured in the same run.
// Each variant computes ∂L/∂W and ∂L/∂b of all three layers and δ of every layer (not ∂L/∂input).
// Run after a build: node bench/backprop.bench.mjs   (from packages/learn)
import { Bench } from 'tinybench';
import { Matrix } from 'ml-matrix';
import { activations, createRng } from '@neurobridge/core';
import { mlp, mlpForward, mlpBackward, createMlpGradients } from '@neurobridge/learn';

const sizes = [784, 256, 256, 10];
const batch = 128;
const acts = [activations.tanh, activations.tanh, activations.linear];
const rng = createRng('bench-backprop');
const net = mlp({ sizes, activations: acts, rng, biasInit: 0.01 });
const input = rng.normals(batch * sizes[0]);
const cache = mlpForward(net, input, batch);
const dLdOut = rng.normals(batch * sizes[3]);
const L = sizes.length - 1;

// --- ours
const grads = createMlpGradients(net, batch);
const ours = () => mlpBackward(net, cache, dLdOut, grads);

// --- ml-matrix: same algebra, products by Matrix#mmul (inputs converted once, outside the timing)
const toM = (a, rows, cols) => new Matrix(Array.from({ length: rows }, (_, i) => Array.from(a.subarray(i * cols, i * cols + cols))));
const Wm = net.weights.map((W, l) => toM(W, sizes[l + 1], sizes[l]));
const Xm = cache.x.map((x, l) => toM(x, batch, sizes[l]));
const Hm = cache.h.map((h, l) => toM(h, batch, sizes[l + 1]));
const dOutM = toM(dLdOut, batch, sizes[L]);
function withMlMatrix() {
  const out = [];
  let delta = dOutM.clone();
  for (let s = 0; s < batch; s++) for (let i = 0; i < sizes[L]; i++) delta.data[s][i] *= acts[L - 1].df(Hm[L - 1].data[s][i]);
  for (let l = L - 1; l >= 0; l--) {
    const gW = delta.transpose().mmul(Xm[l]);
    const gB = delta.sum('column');
    out.push(gW, gB);
    if (l > 0) {
      const prev = delta.mmul(Wm[l]);
      const df = acts[l - 1].df, H = Hm[l - 1].data;
      for (let s = 0; s < batch; s++) for (let i = 0; i < sizes[l]; i++) prev.data[s][i] *= df(H[s][i]);
      delta = prev;
    }
  }
  return out;
}

// --- naive: textbook triple loops on Float64Array, no blocking
const nd = sizes.slice(1).map((n) => new Float64Array(batch * n));
const ngW = net.weights.map((W) => new Float64Array(W.length));
const ngB = net.biases.map((b) => new Float64Array(b.length));
function naive() {
  const dOut = nd[L - 1], hL = cache.h[L - 1];
  for (let q = 0; q < dOut.length; q++) dOut[q] = dLdOut[q] * acts[L - 1].df(hL[q]);
  for (let l = L - 1; l >= 0; l--) {
    const nIn = sizes[l], nOut = sizes[l + 1], d = nd[l], x = cache.x[l], gW = ngW[l], gB = ngB[l];
    for (let i = 0; i < nOut; i++) {
      let sb = 0;
      for (let s = 0; s < batch; s++) sb += d[s * nOut + i];
      gB[i] = sb;
      for (let j = 0; j < nIn; j++) {
        let sum = 0;
        for (let s = 0; s < batch; s++) sum += d[s * nOut + i] * x[s * nIn + j];
        gW[i * nIn + j] = sum;
      }
    }
    if (l > 0) {
      const prev = nd[l - 1], W = net.weights[l], h = cache.h[l - 1], df = acts[l - 1].df;
      for (let s = 0; s < batch; s++) for (let j = 0; j < nIn; j++) {
        let sum = 0;
        for (let i = 0; i < nOut; i++) sum += d[s * nOut + i] * W[i * nIn + j];
        prev[s * nIn + j] = sum * df(h[s * nIn + j]);
      }
    }
  }
}

// --- the three agree (max relative difference of ∂L/∂W over all layers)
ours(); naive();
const mm = withMlMatrix();
let worstNaive = 0, worstMl = 0;
for (let l = 0; l < L; l++) {
  const gm = mm[2 * (L - 1 - l)];
  const scale = grads.gradW[l].reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  for (let i = 0; i < sizes[l + 1]; i++) for (let j = 0; j < sizes[l]; j++) {
    const v = grads.gradW[l][i * sizes[l] + j];
    worstNaive = Math.max(worstNaive, Math.abs(v - ngW[l][i * sizes[l] + j]) / scale);
    worstMl = Math.max(worstMl, Math.abs(v - gm.get(i, j)) / scale);
  }
}
console.log(`backward pass ${sizes.join('-')}, batch ${batch}; max |ΔgradW|/max|gradW|: vs naive ${worstNaive.toExponential(1)}, vs ml-matrix ${worstMl.toExponential(1)}`);
if (!(worstNaive < 1e-12 && worstMl < 1e-12)) { console.error('FAIL: the variants disagree'); process.exit(1); }

const bench = new Bench({ time: 1000, iterations: 10, warmup: true });
bench.add('@neurobridge/learn mlpBackward (blocked)', ours).add('ml-matrix mmul', withMlMatrix).add('naive triple loop', naive);
await bench.run();
console.table(bench.table());
const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean;
const tOurs = mean('@neurobridge/learn mlpBackward (blocked)'), tMl = mean('ml-matrix mmul'), tNaive = mean('naive triple loop');
const macs = batch * (sizes[1] * sizes[0] + 2 * sizes[2] * sizes[1] + 2 * sizes[3] * sizes[2]);
console.log(`mean time per backward pass: ours ${tOurs.toFixed(2)} ms (${(macs / tOurs / 1e6).toFixed(2)} GMAC/s), ml-matrix ${tMl.toFixed(2)} ms, naive ${tNaive.toFixed(2)} ms`);
console.log(`speed-up: ${(tMl / tOurs).toFixed(2)}× over ml-matrix mmul (target ≥ 3×: ${tMl / tOurs >= 3 ? 'met' : 'NOT met'}), ${(tNaive / tOurs).toFixed(2)}× over the naive loop`);
