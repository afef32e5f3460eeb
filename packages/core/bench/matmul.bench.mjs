// Multiply-add rate of matmulNN / matmulTN / matmulNT / matmulNNColumns at the shapes of learn's two
// heavy users (bench/peers case 8): the 784-256-256-10 backward pass on a batch of 128, and
// empiricalNtk (p = 64 inputs, hidden width 1024), against the WebAssembly multiply-add ceiling of
// this machine measured in the same process (bench/peers/harness/wasmCeiling.mjs: f64x2 mul + add on
// 12 register accumulators, nothing else). Variants, alternated round by round in the same process:
//   baseline  — the kernel of 2026-11-23 (operands packed in JavaScript, 4×4 WebAssembly tile with a
//               p counter), copied below with its own WebAssembly memory
//   wasm      — the current kernel (operands staged with one memcpy and packed in WebAssembly)
//   js        — the current kernel's plain-JavaScript tile (engines without WebAssembly SIMD)
// Figures: medians over ROUNDS alternated rounds of wall time (performance.now), as GFLOP/s (a
// multiply-add = 2 flops); the ratio wasm / baseline with the spread of the per-round ratios
// (quartiles); and wasm as a fraction of the ceiling: the harness's loop (assembleCeiling) run on this
// thread for ≈ 5 ms in every round, next to the kernels, so that both see the same load.
// Run after a build:  node bench/matmul.bench.mjs   (from packages/core; ROUNDS=15 JS=0 to skip the js tile)
import os from 'node:os';
import { matmulNN, matmulTN, matmulNT, matmulNNColumns } from '@neurobridge/core';
import { useTileKernel } from '../dist/linearAlgebra/matmulTile.js';
import { assembleCeiling, FLOPS_PER_ITERATION, measureWasmCeiling } from '../../../bench/peers/harness/wasmCeiling.mjs';

// ---- baseline: the kernel of 2026-11-23 (matmul.ts + matmulTile.ts before the staged packing), kept here
const BKC = 256, BNC = 256;
function basePack(X, ls, ps, first, count, pc, kc, W, base) {
  const full = count - (count % 4);
  if (ps === 1) {
    for (let s0 = 0; s0 < full; s0 += 4) {
      const x0 = (first + s0) * ls + pc, x1 = x0 + ls, x2 = x1 + ls, x3 = x2 + ls;
      for (let p = 0, o = base + s0 * kc; p < kc; p++, o += 4) {
        W[o] = X[x0 + p]; W[o + 1] = X[x1 + p]; W[o + 2] = X[x2 + p]; W[o + 3] = X[x3 + p];
      }
    }
  } else {
    for (let p = 0; p < kc; p++) {
      const x = (pc + p) * ps + first;
      for (let s0 = 0, o = base + 4 * p; s0 < full; s0 += 4, o += 4 * kc) {
        W[o] = X[x + s0]; W[o + 1] = X[x + s0 + 1]; W[o + 2] = X[x + s0 + 2]; W[o + 3] = X[x + s0 + 3];
      }
    }
  }
  if (full < count) {
    for (let p = 0, o = base + full * kc; p < kc; p++, o += 4) {
      for (let r = 0; r < 4; r++) W[o + r] = full + r < count ? X[(first + full + r) * ls + (pc + p) * ps] : 0;
    }
  }
}
const uleb = (v) => { const o = []; do { let b = v & 0x7f; v >>>= 7; if (v !== 0) b |= 0x80; o.push(b); } while (v !== 0); return o; };
const vec = (items) => [...uleb(items.length), ...items.flat()];
const section = (id, bytes) => [id, ...uleb(bytes.length), ...bytes];
const wname = (s) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
function baseAssemble() {
  const simd = (op, ...imm) => [0xfd, ...uleb(op), ...imm];
  const [lg, ls, lt, ic] = [(i) => [0x20, i], (i) => [0x21, i], (i) => [0x22, i], (v) => [0x41, v]];
  const [ld, st, spl] = [(o) => simd(0x00, 3, ...uleb(o)), (o) => simd(0x0b, 3, ...uleb(o)), (o) => simd(0x0a, 3, ...uleb(o))];
  const [ADD, MUL, ZERO] = [simd(0xf0), simd(0xf2), simd(0x0c, ...new Array(16).fill(0))];
  const [IADD, ISUB, ISHL, IMUL, LOOP, IF, ELSE, END, BRIF] = [0x6a, 0x6b, 0x74, 0x6c, [0x03, 0x40], [0x04, 0x40], 0x05, 0x0b, [0x0d, 0]];
  const [KC, A, B, C, LDC, MT, NT, LOAD, STRIDE, AI, CI, IT, PA, PB, P] = [...Array(15).keys()];
  const acc = (r, h) => 15 + 2 * r + h, BPAIR = 23, ASPLAT = 25;
  const row = (r) => (r === 0 ? lg(CI) : [...lg(CI), ...lg(LDC), ...ic(r), IMUL, IADD]);
  const add = (x, v) => [...lg(x), ...v, IADD, ...ls(x)];
  const b = [];
  for (const x of [A, B, C, LDC]) b.push(...lg(x), ...ic(3), ISHL, ...ls(x));
  b.push(...lg(KC), ...ic(5), ISHL, ...ls(STRIDE), ...LOOP, ...lg(A), ...ls(AI), ...lg(C), ...ls(CI), ...lg(MT), ...ls(IT), ...LOOP, ...lg(LOAD), ...IF);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) b.push(...row(r), ...ld(16 * h), ...ls(acc(r, h)));
  b.push(ELSE);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) b.push(...ZERO, ...ls(acc(r, h)));
  b.push(END, ...lg(AI), ...ls(PA), ...lg(B), ...ls(PB), ...lg(KC), ...ls(P), ...LOOP);
  b.push(...lg(PB), ...ld(0), ...ls(BPAIR), ...lg(PB), ...ld(16), ...ls(BPAIR + 1));
  for (let r = 0; r < 4; r++) {
    b.push(...lg(PA), ...spl(8 * r), ...ls(ASPLAT));
    for (let h = 0; h < 2; h++) b.push(...lg(acc(r, h)), ...lg(ASPLAT), ...lg(BPAIR + h), ...MUL, ...ADD, ...ls(acc(r, h)));
  }
  b.push(...add(PA, ic(32)), ...add(PB, ic(32)), ...lg(P), ...ic(1), ISUB, ...lt(P), ...BRIF, END);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) b.push(...row(r), ...lg(acc(r, h)), ...st(16 * h));
  b.push(...add(AI, lg(STRIDE)), ...add(CI, [...lg(LDC), ...ic(2), ISHL]), ...lg(IT), ...ic(1), ISUB, ...lt(IT), ...BRIF, END);
  b.push(...add(B, lg(STRIDE)), ...add(C, ic(32)), ...lg(NT), ...ic(1), ISUB, ...lt(NT), ...BRIF, END, END);
  const func = [...vec([[7, 0x7f], [11, 0x7b]]), ...b];
  return new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, vec([[0x60, ...vec(new Array(8).fill([0x7f])), 0]])),
    ...section(2, vec([[...wname('env'), ...wname('mem'), 2, 0, 1]])), ...section(3, vec([[0]])),
    ...section(7, vec([[...wname('panel'), 0, 0]])), ...section(10, vec([[...uleb(func.length), ...func]]))]);
}
const baseMemory = new WebAssembly.Memory({ initial: 1 });
const basePanel = new WebAssembly.Instance(new WebAssembly.Module(baseAssemble()), { env: { mem: baseMemory } }).exports.panel;
function baseWorkspace(doubles) {
  const have = baseMemory.buffer.byteLength;
  if (have < doubles * 8) baseMemory.grow(Math.ceil((doubles * 8 - have) / 65536));
  return new Float64Array(baseMemory.buffer);
}
function baseProduct(layout, A, B, m, n, k, C, bStride = n, bFirst = 0) {
  const mPad = Math.ceil(m / 4) * 4, ldc = Math.ceil(n / 4) * 4, kcMax = Math.min(BKC, k);
  const bBase = mPad * kcMax, cBase = bBase + Math.min(BNC, ldc) * kcMax;
  const W = baseWorkspace(cBase + mPad * ldc);
  for (let pc = 0; pc < k; pc += BKC) {
    const kc = Math.min(BKC, k - pc);
    if (layout === 'TN') basePack(A, 1, m, 0, m, pc, kc, W, 0);
    else basePack(A, k, 1, 0, m, pc, kc, W, 0);
    for (let jc = 0; jc < n; jc += BNC) {
      const nc = Math.min(BNC, n - jc);
      if (layout === 'NT') basePack(B, k, 1, jc, nc, pc, kc, W, bBase);
      else basePack(B, 1, bStride, bFirst + jc, nc, pc, kc, W, bBase);
      basePanel(kc, 0, bBase, cBase + jc, ldc, mPad / 4, Math.ceil(nc / 4), pc > 0 ? 1 : 0);
    }
  }
  for (let i = 0; i < m; i++) C.set(W.subarray(cBase + i * ldc, cBase + i * ldc + n), i * n);
}

// ---- shapes (layout, m, n, k; for NNColumns n is nB and the columns are [0, nB/2), one of two threads)
const shapes = [
  ['NT', 128, 256, 784, 'case 8 mlp: forward layer 1 (X W¹ᵀ)'],
  ['TN', 256, 784, 128, 'case 8 mlp: ∂L/∂W¹ = δᵀ X'],
  ['NN', 128, 256, 256, 'case 8 mlp: δ¹ = δ² W²'],
  ['NT', 64, 1024, 1024, 'case 8 ntk: h² = x¹ W²ᵀ'],
  ['NN', 64, 1024, 1024, 'case 8 ntk: g¹ = g² W²'],
  ['NT', 64, 64, 1024, 'case 8 ntk: Gram x xᵀ'],
  ['NNC', 64, 1024, 1024, 'case 8 ntk pool: matmulNNColumns, half the columns'],
  ['TN', 256, 256, 128, 'mlp: ∂L/∂W²'],
  ['TN', 1024, 1024, 64, 'ntk: Σ_μ c_μ g_μ x_μᵀ'],
  ['NT', 16, 1024, 1024, 'skinny: 16 rows'],
  ['NT', 512, 1024, 1024, 'large'],
];

function lcg(len, seed) {
  const a = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; a[i] = s / 2 ** 32 - 0.5; }
  return a;
}
const withJs = process.env.JS !== '0';
const cases = shapes.map(([L, m, nB, k, where]) => {
  const n = L === 'NNC' ? nB / 2 : nB;
  const A = lcg(m * k, 1), B = lcg(k * nB, 2), C = new Float64Array(m * n);
  // naive sequential sum, the reference every result must equal bit for bit
  const a = L === 'TN' ? (i, p) => A[p * m + i] : (i, p) => A[i * k + p];
  const b = L === 'NT' ? (p, j) => B[j * k + p] : (p, j) => B[p * nB + j];
  const ref = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) { let s = 0; for (let p = 0; p < k; p++) s += a(i, p) * b(p, j); ref[i * n + j] = s; }
  const current = {
    NN: () => matmulNN(A, B, m, n, k, C), TN: () => matmulTN(A, B, m, n, k, C), NT: () => matmulNT(A, B, m, n, k, C),
    NNC: () => matmulNNColumns(A, B, m, k, nB, 0, n, C),
  }[L];
  const variants = {
    baseline: () => baseProduct(L === 'NNC' ? 'NN' : L, A, B, m, n, k, C, nB, 0),
    wasm: () => { useTileKernel('wasm-simd'); current(); },
    ...(withJs ? { js: () => { useTileKernel('js'); current(); } } : {}),
  };
  return { L, m, n, k, where, C, ref, variants, flops: 2 * m * n * k };
});

// ---- correctness: every variant equals the naive loop bit for bit
for (const c of cases) {
  for (const [name, f] of Object.entries(c.variants)) {
    c.C.fill(NaN);
    f();
    let bad = 0;
    for (let q = 0; q < c.ref.length; q++) if (!Object.is(c.C[q], c.ref[q])) bad++;
    if (bad) { console.error(`FAIL: ${name} ${c.L} ${c.m}×${c.n}×${c.k} differs from the naive loop in ${bad} entries`); process.exit(1); }
  }
}
useTileKernel('wasm-simd');
console.log('every variant equals the naive sequential loop bit for bit at every shape below');

// ---- the one-thread ceiling: the harness's loop on this thread, timed in every round next to the
// kernels (the load of the shared machine changes within seconds), plus the harness's own worker-thread
// measurement before and after, for reference
const ceilingRun = new WebAssembly.Instance(new WebAssembly.Module(assembleCeiling())).exports.run;
ceilingRun(1e5, 0.5, 1);
const ceilingIters = 1e5; // ≈ 0.5 ms at 25 GFLOP/s
const ceilingRound = () => {
  const t0 = performance.now();
  for (let i = 0; i < 10; i++) ceilingRun(ceilingIters, 0.5, 1);
  return (10 * FLOPS_PER_ITERATION * ceilingIters) / ((performance.now() - t0) * 1e6);
};
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const w0 = (await measureWasmCeiling({ runs: 5 })).one;
console.log(`load average ${load()}; ceiling in a worker (harness): median ${w0.median.toFixed(1)}, best ${w0.gflops.toFixed(1)} GFLOP/s`);

// ---- alternated rounds, wall-time medians
const rounds = Number(process.env.ROUNDS ?? 15);
const q = (xs, f) => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
const results = [];
const allCeilings = [];
for (const c of cases) {
  const reps = Math.max(1, Math.round(1e8 / c.flops));
  const t = Object.fromEntries(Object.keys(c.variants).map((v) => [v, []]));
  const ceil = [];
  for (let r = 0; r < rounds; r++) {
    ceil.push(ceilingRound());
    for (const [name, f] of Object.entries(c.variants)) {
      if (name === 'js' && r % 3 !== 0) continue; // the js tile is 5× slower: every third round
      const t0 = performance.now();
      for (let i = 0; i < (name === 'js' ? 1 : reps); i++) f();
      t[name].push((performance.now() - t0) / (name === 'js' ? 1 : reps));
    }
  }
  useTileKernel('wasm-simd');
  allCeilings.push(...ceil);
  results.push({ c, t, ceil });
}
const w1 = (await measureWasmCeiling({ runs: 5 })).one;
console.log(`load average ${load()}; ceiling in a worker after: median ${w1.median.toFixed(1)}, best ${w1.gflops.toFixed(1)}; on this thread, all rounds: median ${q(allCeilings, 0.5).toFixed(1)} (quartiles ${q(allCeilings, 0.25).toFixed(1)}–${q(allCeilings, 0.75).toFixed(1)}) GFLOP/s`);
console.log(`\nmedian of ${rounds} alternated rounds (js: ${Math.ceil(rounds / 3)}), wall time, GFLOP/s; "of ceiling": per round, wasm / the ceiling loop timed in that round (median, quartiles)`);
console.log('shape (m×n×k)          ceiling  baseline  wasm    wasm/baseline (quartiles)  of ceiling (quartiles)  js      where');
for (const { c, t, ceil } of results) {
  const g = (name) => c.flops / q(t[name], 0.5) / 1e6;
  const ratios = t.wasm.map((x, i) => t.baseline[i] / x);
  const fractions = t.wasm.map((x, i) => (100 * c.flops) / (x * 1e6) / ceil[i]);
  const cols = [
    `${c.L.padEnd(3)} ${`${c.m}×${c.n}×${c.k}`.padEnd(19)}`, q(ceil, 0.5).toFixed(1).padEnd(9), g('baseline').toFixed(1).padEnd(10), g('wasm').toFixed(1).padEnd(8),
    `${q(ratios, 0.5).toFixed(2)}× (${q(ratios, 0.25).toFixed(2)}–${q(ratios, 0.75).toFixed(2)})`.padEnd(27),
    `${q(fractions, 0.5).toFixed(0)} % (${q(fractions, 0.25).toFixed(0)}–${q(fractions, 0.75).toFixed(0)})`.padEnd(24),
    (withJs ? g('js').toFixed(2) : '-').padEnd(8), c.where,
  ];
  console.log(cols.join(''));
}
