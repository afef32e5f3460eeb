// ns per element of the activation layer (applyActivation, applyActivationDerivative,
// scaleByActivationDerivative) against the scalar loops it replaced in learn (one generic loop
// calling act.f / act.df per element, as mlpForward and mlpBackward had), on 32 768 elements
// (a 128 × 256 layer of the 784-256-256-10 network) of pre-activations uniform in (−3, 3).
// Variants, alternated in the same process:
//   scalar     — `for (q) o[q] = act.f(x[q])` (or d[q] *= act.df(h[q])), one loop for every activation
//   layer js   — the layer with its tanh kernel in plain JavaScript (the fallback without WebAssembly SIMD)
//   layer wasm — the layer with its tanh kernel in WebAssembly SIMD (the default where available)
// and, for tanh, `kernel only`: the WebAssembly kernel on data already in its memory (no copies in or
// out), to show what the chunked Float64Array.set copies cost.
// Figures: medians of CPU time (user + system) over alternated rounds, ns per element.
// Run after a build:  node bench/activations.bench.mjs   (from packages/core)
import { activations, applyActivation, applyActivationDerivative, scaleByActivationDerivative } from '@neurobridge/core';
import { CHUNK, tanhInPlaceForBench, useActivationKernel } from '../dist/elementary/activationKernel.js';

const N = 32768;
function lcg(len, seed, scale) {
  const a = new Float64Array(len);
  let s = seed >>> 0;
  for (let i = 0; i < len; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; a[i] = scale * (2 * (s / 2 ** 32) - 1); }
  return a;
}
const x = lcg(N, 1, 3);
const d0 = lcg(N, 2, 1);
const o = new Float64Array(N);
const d = new Float64Array(N);

// the scalar loops the layer replaced (generic: one call site for every activation)
function scalarF(act, x, o) { const f = act.f; for (let q = 0; q < x.length; q++) o[q] = f(x[q]); }
function scalarDf(act, x, o) { const df = act.df; for (let q = 0; q < x.length; q++) o[q] = df(x[q]); }
function scalarScale(act, h, d) { const df = act.df; for (let q = 0; q < h.length; q++) d[q] *= df(h[q]); }
function scalarScaleY(h, d, y) { for (let q = 0; q < h.length; q++) d[q] *= 1 - y[q] * y[q]; } // learn's tanh branch

const { tanh, sigmoid, erf, relu } = activations;
const yTanh = x.map((v) => tanh.f(v));
const layer = (kind, fn) => () => { useActivationKernel(kind); fn(); };
const cases = [
  ['tanh f', { scalar: () => scalarF(tanh, x, o), 'layer js': layer('js', () => applyActivation(tanh, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivation(tanh, x, o)) }],
  ['tanh df', { scalar: () => scalarDf(tanh, x, o), 'layer js': layer('js', () => applyActivationDerivative(tanh, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivationDerivative(tanh, x, o)) }],
  ['tanh δ·df(h)', { scalar: () => { d.set(d0); scalarScale(tanh, x, d); }, 'layer js': layer('js', () => { d.set(d0); scaleByActivationDerivative(tanh, x, d); }), 'layer wasm': layer('wasm-simd', () => { d.set(d0); scaleByActivationDerivative(tanh, x, d); }) }],
  ['tanh δ·(1−y²)', { scalar: () => { d.set(d0); scalarScaleY(x, d, yTanh); }, 'layer js': layer('js', () => { d.set(d0); scaleByActivationDerivative(tanh, x, d, yTanh); }), 'layer wasm': layer('wasm-simd', () => { d.set(d0); scaleByActivationDerivative(tanh, x, d, yTanh); }) }],
  ['sigmoid f', { scalar: () => scalarF(sigmoid, x, o), 'layer js': layer('js', () => applyActivation(sigmoid, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivation(sigmoid, x, o)) }],
  ['sigmoid df', { scalar: () => scalarDf(sigmoid, x, o), 'layer js': layer('js', () => applyActivationDerivative(sigmoid, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivationDerivative(sigmoid, x, o)) }],
  ['erf f', { scalar: () => scalarF(erf, x, o), 'layer js': layer('js', () => applyActivation(erf, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivation(erf, x, o)) }],
  ['relu f', { scalar: () => scalarF(relu, x, o), 'layer js': layer('js', () => applyActivation(relu, x, o)), 'layer wasm': layer('wasm-simd', () => applyActivation(relu, x, o)) }],
  ['relu δ·df(h)', { scalar: () => { d.set(d0); scalarScale(relu, x, d); }, 'layer js': layer('js', () => { d.set(d0); scaleByActivationDerivative(relu, x, d); }), 'layer wasm': layer('wasm-simd', () => { d.set(d0); scaleByActivationDerivative(relu, x, d); }) }],
];

// ---- correctness: every variant gives the scalar loop's bits
for (const [name, variants] of cases) {
  let ref;
  for (const [v, f] of Object.entries(variants)) {
    f();
    const got = name.includes('δ') ? d.slice() : o.slice();
    if (!ref) { ref = got; continue; }
    for (let q = 0; q < N; q++) if (!Object.is(got[q], ref[q])) { console.error(`FAIL: ${name} ${v} differs from the scalar loop at ${q}`); process.exit(1); }
  }
}
console.log(`every variant equals the scalar loop bit for bit (n = ${N})`);

// ---- alternated rounds, CPU time medians, ns per element
const rounds = Number(process.env.ROUNDS ?? 21);
const reps = 20;
const med = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
const cpu = (f, r = reps) => { const c0 = process.cpuUsage(); for (let q = 0; q < r; q++) f(); const u = process.cpuUsage(c0); return ((u.user + u.system) * 1e3) / r; }; // ns per call
for (const [, variants] of cases) for (const f of Object.values(variants)) for (let w = 0; w < 30; w++) f(); // warm up
console.log(`\nmedian of ${rounds} alternated rounds, CPU time, ns per element (n = ${N}); ratio vs scalar`);
console.log('case             scalar    layer js          layer wasm');
for (const [name, variants] of cases) {
  const t = Object.fromEntries(Object.keys(variants).map((v) => [v, []]));
  for (let r = 0; r < rounds; r++) for (const [v, f] of Object.entries(variants)) t[v].push(cpu(f) / N);
  const ns = (v) => med(t[v]);
  const cell = (v) => `${ns(v).toFixed(2)} (${(ns('scalar') / ns(v)).toFixed(2)}×)`.padEnd(18);
  console.log(`${name.padEnd(17)}${ns('scalar').toFixed(2).padEnd(10)}${cell('layer js')}${cell('layer wasm')}`);
}

// ---- what the copies cost: tanh through the layer (copy in, kernel, copy out) vs the kernel alone
useActivationKernel('wasm-simd');
const chunks = N / CHUNK;
const copyRounds = { layer: [], kernel: [] };
for (let r = 0; r < rounds; r++) {
  copyRounds.layer.push(cpu(() => applyActivation(tanh, x, o)) / N);
  copyRounds.kernel.push(cpu(() => { for (let c = 0; c < chunks; c++) tanhInPlaceForBench(CHUNK); }) / N);
}
console.log(`\ntanh, WebAssembly: through the layer ${med(copyRounds.layer).toFixed(2)} ns/element, kernel alone on data in its memory ${med(copyRounds.kernel).toFixed(2)} ns/element (copies in chunks of ${CHUNK})`);
