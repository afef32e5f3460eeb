import { fastTanh } from './dist/fastTanh.js';
import { rk4StageRank2Tanh } from './dist/networkKernels.js';
const v = process.argv[2];
const n = 1e6;
const W = new Float64Array(4 * n), x = new Float64Array(n), acc = new Float64Array(n), s = new Float64Array(n), part = new Float64Array(2000);
let sd = 1; const rnd = () => ((sd = (sd * 1103515245 + 12345) >>> 0) / 4294967296);
const gauss = () => Math.sqrt(-2 * Math.log(rnd() + 1e-300)) * Math.cos(2 * Math.PI * rnd());
for (let i = 0; i < 4 * n; i++) W[i] = gauss();
for (let i = 0; i < n; i++) x[i] = gauss();
function stage(a0, a1, h) {
  let b0 = 0, b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const xv = x[i];
    const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - xv;
    acc[i] = k;
    const y = xv + 0.5 * h * k;
    b0 += W[o + 2] * y; b1 += W[o + 3] * y;
  }
  return b0 + b1;
}
function stageParam(N, X, Wt, A, a0, a1, h) {
  let b0 = 0, b1 = 0;
  for (let i = 0, o = 0; i < N; i++, o += 4) {
    const xv = X[i];
    const k = fastTanh(Wt[o] * a0 + Wt[o + 1] * a1) - xv;
    A[i] = k;
    const y = xv + 0.5 * h * k;
    b0 += Wt[o + 2] * y; b1 += Wt[o + 3] * y;
  }
  return b0 + b1;
}
function stageBlockedParam(N, X, Wt, A, P, a0, a1, h) {
  for (let lo = 0; lo < N; lo += 1024) {
    const hi = lo + 1024 < N ? lo + 1024 : N;
    let b0 = 0, b1 = 0;
    for (let i = lo; i < hi; i++) {
      const o = 4 * i;
      const xv = X[i];
      const k = fastTanh(Wt[o] * a0 + Wt[o + 1] * a1) - xv;
      A[i] = k;
      const y = xv + 0.5 * h * k;
      b0 += Wt[o + 2] * y; b1 += Wt[o + 3] * y;
    }
    P[lo >> 9] = b0; P[(lo >> 9) + 1] = b1;
  }
  return P[0];
}
const Z = new Float64Array(8 * n); for (let i = 0; i < n; i++) { Z[8*i] = W[4*i]; Z[8*i+1] = W[4*i+1]; Z[8*i+2] = W[4*i+2]; Z[8*i+3] = W[4*i+3]; Z[8*i+4] = x[i]; }
function stageInter(N, Zt, a0, a1, h) {
  let b0 = 0, b1 = 0;
  for (let o = 0, e = 8 * N; o < e; o += 8) {
    const xv = Zt[o + 4];
    const k = fastTanh(Zt[o] * a0 + Zt[o + 1] * a1) - xv;
    Zt[o + 5] = k;
    const y = xv + 0.5 * h * k;
    b0 += Zt[o + 2] * y; b1 += Zt[o + 3] * y;
  }
  return b0 + b1;
}
function stageBlocked(a0, a1, h) {
  for (let lo = 0; lo < n; lo += 1024) {
    const hi = Math.min(lo + 1024, n);
    let b0 = 0, b1 = 0;
    for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
      const xv = x[i];
      const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - xv;
      acc[i] = k;
      const y = xv + 0.5 * h * k;
      b0 += W[o + 2] * y; b1 += W[o + 3] * y;
    }
    part[2 * (lo / 1024)] = b0; part[2 * (lo / 1024) + 1] = b1;
  }
  return part[0];
}
let best = Infinity;
for (let r = 0; r < 15; r++) {
  const t0 = performance.now();
  if (v === 'inter') stageInter(n, Z, 1.54, 0, 0.05); else if (v === 'param') stageParam(n, x, W, acc, 1.54, 0, 0.05); else if (v === 'bparam') stageBlockedParam(n, x, W, acc, part, 1.54, 0, 0.05); else if (v === 'plain') stage(1.54, 0, 0.05); else if (v === 'blocked') stageBlocked(1.54, 0, 0.05); else rk4StageRank2Tanh(0, 0, n, W, x, acc, s, 1.54, 0, 0.05, part);
  best = Math.min(best, performance.now() - t0);
}
console.log(v, (best * 1e6 / n).toFixed(2));
