// Multiply-add rate of matmulNN / matmulTN / matmulNT at the shapes of learn's two heavy users:
// empiricalNtk (p = 64 inputs, hidden width 1024: X Wᵀ, g W, and the TN feature sums) and the
// 784-256-256-10 backward pass on a batch of 128. Variants, alternated in the same process:
//   previous  — the kernel this one replaced (2×4 axpy blocks for NN/TN, 2×2 dot blocks for NT), copied below
//   tile js   — packed panels + 4×4 tile in plain JavaScript
//   tile wasm — packed panels + 4×4 tile in WebAssembly SIMD (the default where available)
// Figures: medians of CPU time (user + system) over many alternated rounds — less sensitive than wall
// time to other jobs on a shared machine — as G multiply-adds/s and as ratios against `previous`.
// Run after a build:  node bench/matmul.bench.mjs   (from packages/core)
import { Bench } from 'tinybench';
import { matmulNN, matmulTN, matmulNT } from '@neurobridge/core';
import { useTileKernel } from '../dist/linearAlgebra/matmulTile.js';

// ---- previous kernel (commit c5851fe), kept here as the baseline
const KB = 64, JB = 256;
function prevStrided(A, si, sp, B, C, m, n, k) {
  for (let jj = 0; jj < n; jj += JB) {
    const jEnd = Math.min(n, jj + JB);
    for (let pp = 0; pp < k; pp += KB) {
      const pEnd = Math.min(k, pp + KB);
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const c0 = i * n, c1 = c0 + n, a0 = i * si, a1 = a0 + si;
        let p = pp;
        for (; p + 3 < pEnd; p += 4) {
          const x00 = A[a0 + p * sp], x01 = A[a0 + (p + 1) * sp], x02 = A[a0 + (p + 2) * sp], x03 = A[a0 + (p + 3) * sp];
          const x10 = A[a1 + p * sp], x11 = A[a1 + (p + 1) * sp], x12 = A[a1 + (p + 2) * sp], x13 = A[a1 + (p + 3) * sp];
          const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = jj; j < jEnd; j++) {
            const y0 = B[b0 + j], y1 = B[b1 + j], y2 = B[b2 + j], y3 = B[b3 + j];
            C[c0 + j] += x00 * y0 + x01 * y1 + x02 * y2 + x03 * y3;
            C[c1 + j] += x10 * y0 + x11 * y1 + x12 * y2 + x13 * y3;
          }
        }
        for (; p < pEnd; p++) {
          const x0 = A[a0 + p * sp], x1 = A[a1 + p * sp], b0 = p * n;
          for (let j = jj; j < jEnd; j++) { const y = B[b0 + j]; C[c0 + j] += x0 * y; C[c1 + j] += x1 * y; }
        }
      }
      if (i < m) {
        const c0 = i * n, a0 = i * si;
        let p = pp;
        for (; p + 3 < pEnd; p += 4) {
          const x00 = A[a0 + p * sp], x01 = A[a0 + (p + 1) * sp], x02 = A[a0 + (p + 2) * sp], x03 = A[a0 + (p + 3) * sp];
          const b0 = p * n, b1 = b0 + n, b2 = b1 + n, b3 = b2 + n;
          for (let j = jj; j < jEnd; j++) C[c0 + j] += x00 * B[b0 + j] + x01 * B[b1 + j] + x02 * B[b2 + j] + x03 * B[b3 + j];
        }
        for (; p < pEnd; p++) { const x0 = A[a0 + p * sp], b0 = p * n; for (let j = jj; j < jEnd; j++) C[c0 + j] += x0 * B[b0 + j]; }
      }
    }
  }
}
function prevNT(A, B, m, n, k, C) {
  let i = 0;
  for (; i + 1 < m; i += 2) {
    const a0 = i * k, a1 = a0 + k;
    let j = 0;
    for (; j + 1 < n; j += 2) {
      const b0 = j * k, b1 = b0 + k;
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
      for (let p = 0; p < k; p++) { const x0 = A[a0 + p], x1 = A[a1 + p], y0 = B[b0 + p], y1 = B[b1 + p]; s00 += x0 * y0; s01 += x0 * y1; s10 += x1 * y0; s11 += x1 * y1; }
      C[i * n + j] = s00; C[i * n + j + 1] = s01; C[(i + 1) * n + j] = s10; C[(i + 1) * n + j + 1] = s11;
    }
    if (j < n) { const b0 = j * k; let s0 = 0, s1 = 0; for (let p = 0; p < k; p++) { const y = B[b0 + p]; s0 += A[a0 + p] * y; s1 += A[a1 + p] * y; } C[i * n + j] = s0; C[(i + 1) * n + j] = s1; }
  }
  if (i < m) { const a0 = i * k; for (let j = 0; j < n; j++) { const b0 = j * k; let s = 0; for (let p = 0; p < k; p++) s += A[a0 + p] * B[b0 + p]; C[i * n + j] = s; } }
}
const previous = {
  NN: (A, B, m, n, k, C) => { C.fill(0, 0, m * n); prevStrided(A, k, 1, B, C, m, n, k); },
  TN: (A, B, m, n, k, C) => { C.fill(0, 0, m * n); prevStrided(A, 1, m, B, C, m, n, k); },
  NT: prevNT,
};
const current = { NN: matmulNN, TN: matmulTN, NT: matmulNT };

// ---- shapes (m, n, k) and where they occur
const shapes = [
  ['NN', 64, 1024, 1024, 'ntk: g¹ = g² W² (p × n · n × n)'],
  ['NT', 64, 1024, 1024, 'ntk: h² = x¹ W²ᵀ (forward)'],
  ['TN', 1024, 1024, 64, 'ntk: Σ_μ c_μ g_μ x_μᵀ (linearize)'],
  ['NT', 64, 64, 1024, 'ntk: Gram x xᵀ'],
  ['NT', 128, 256, 784, 'mlp: forward layer 1 (X W¹ᵀ)'],
  ['TN', 256, 784, 128, 'mlp: ∂L/∂W¹ = δᵀ X'],
  ['TN', 256, 256, 128, 'mlp: ∂L/∂W²'],
  ['NN', 128, 256, 256, 'mlp: δ¹ = δ² W²'],
  ['NN', 128, 784, 256, 'NN at 128×784 · 784×256 (brief)'],
];

function lcg(len, seed) {
  const a = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; a[i] = s / 2 ** 32 - 0.5; }
  return a;
}
const cases = shapes.map(([L, m, n, k, where]) => {
  const A = lcg(m * k, 1), B = lcg(k * n, 2), C = new Float64Array(m * n);
  // naive sequential sum, the reference every tile result must equal bit for bit
  const a = L === 'TN' ? (i, p) => A[p * m + i] : (i, p) => A[i * k + p];
  const b = L === 'NT' ? (p, j) => B[j * k + p] : (p, j) => B[p * n + j];
  const ref = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { let s = 0; for (let p = 0; p < k; p++) s += a(i, p) * b(p, j); ref[i * n + j] = s; }
  const variants = {
    previous: () => previous[L](A, B, m, n, k, C),
    'tile js': () => { useTileKernel('js'); current[L](A, B, m, n, k, C); },
    'tile wasm': () => { useTileKernel('wasm-simd'); current[L](A, B, m, n, k, C); },
  };
  return { L, m, n, k, where, C, ref, variants, macs: m * n * k };
});

// ---- correctness: tiles equal the naive loop bit for bit; previous within its rounding
for (const c of cases) {
  for (const [name, f] of Object.entries(c.variants)) {
    f();
    let bad = 0, worst = 0;
    for (let q = 0; q < c.ref.length; q++) { if (c.C[q] !== c.ref[q]) bad++; worst = Math.max(worst, Math.abs(c.C[q] - c.ref[q])); }
    if (name !== 'previous' && bad) { console.error(`FAIL: ${name} ${c.L} ${c.m}×${c.n}×${c.k} differs from the naive loop in ${bad} entries`); process.exit(1); }
    if (name === 'previous' && worst > 1e-12) { console.error('FAIL: previous kernel disagrees'); process.exit(1); }
  }
}
console.log('tile kernels (js, wasm) equal the naive sequential loop bit for bit at every shape below');

// ---- tinybench table (wall time, one shape per row group)
const bench = new Bench({ time: 200, warmupTime: 50 });
for (const c of cases) for (const [name, f] of Object.entries(c.variants)) bench.add(`${c.L} ${c.m}×${c.n}×${c.k} ${name}`, f);
await bench.run();
console.table(bench.table());

// ---- alternated rounds, CPU time medians
const rounds = Number(process.env.ROUNDS ?? 15);
const med = (xs) => { const s = [...xs].sort((x, y) => x - y); return s[s.length >> 1]; };
console.log(`\nmedian of ${rounds} alternated rounds, CPU time; G multiply-adds/s and ratio vs previous`);
console.log('layout  m×n×k            previous      tile js           tile wasm         where');
for (const c of cases) {
  const reps = Math.max(1, Math.round(3e7 / c.macs));
  const t = { previous: [], 'tile js': [], 'tile wasm': [] };
  for (let r = 0; r < rounds; r++) for (const [name, f] of Object.entries(c.variants)) {
    const c0 = process.cpuUsage();
    for (let q = 0; q < reps; q++) f();
    const u = process.cpuUsage(c0);
    t[name].push((u.user + u.system) / 1e6 / reps);
  }
  const g = (name) => c.macs / med(t[name]) / 1e9;
  const cell = (name) => `${g(name).toFixed(2)} G (${(g(name) / g('previous')).toFixed(2)}×)`.padEnd(18);
  console.log(`${c.L}      ${`${c.m}×${c.n}×${c.k}`.padEnd(17)}${`${g('previous').toFixed(2)} G`.padEnd(14)}${cell('tile js')}${cell('tile wasm')}${c.where}`);
}
useTileKernel('wasm-simd');
