// Case 7: the JavaScript peer. The forward + backward pass of case 5 (784-256-256-10, batch 128,
// tanh, linear output, biases, L = ½ Σ (y − t)²) in TensorFlow.js (@tensorflow/tfjs-core 4.22 with
// its wasm backend — XNNPACK kernels compiled to WebAssembly SIMD — and its plain-JavaScript cpu
// backend), against @neurobridge/learn's `mlpForward` + `mlpBackward`, in the same run.
// TF.js computes in float32 (neither backend has a float64 dtype), so its gradients are compared
// with NeuroBridge's float64 ones to float32 accuracy (GRADIENT_TOLERANCE below).
import os from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { importPackage, ROOT } from './harness/packages.mjs';
import { summarize, formatTime, ratio, maxRelDiff } from './harness/stats.mjs';
import { timeSync } from './harness/timing.mjs';
import { SIZES, B, problem, PASS_MACS, GRAD_PARTS, timeNeuroBridgePass, timeNeuroBridgePoolPass } from './backprop-problem.mjs';

/** float32 unit roundoff, 2^−24. */
const U32 = 2 ** -24;
/**
 * Largest accepted max_i |g_tf − g_nb| / max_i |g_nb| per gradient array (gW1, gb1, …, gb3). Every
 * input is rounded to float32 (relative error ≤ u = 2^−24 ≈ 6e-8), and each gradient entry is the
 * end of a chain of five float32 products and sums of up to k = 784 terms; the worst-case bound of
 * one such sum is about k·u ≈ 4.7e-5 (Higham's γ_k), the typical error √k·u ≈ 1.7e-6. 1e-4 ≈ twice
 * the worst case of one product (the chain compounds a few of them) still flags any real error
 * (a wrong sign, layout or term is O(1)) while accepting float32 rounding; expected ~1e-6.
 */
const GRADIENT_TOLERANCE = 1e-4;
const PART_NAMES = ['∂L/∂W¹', '∂L/∂b¹', '∂L/∂W²', '∂L/∂b²', '∂L/∂W³', '∂L/∂b³'];

/** Row-major (rows × cols) → its transpose (cols × rows), as a Float32Array. */
function transposed32(a, rows, cols) {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j];
  return out;
}

async function loadTf() {
  const req = createRequire(join(ROOT, 'package.json'));
  try {
    const tf = await import('@tensorflow/tfjs-core');
    await import('@tensorflow/tfjs-backend-cpu');
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // the backend fetches its .wasm binaries by path: point it at the installed package's dist/
    wasm.setWasmPaths(`${dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
    return { tf, wasm, version: tf.version_core };
  } catch (e) {
    return { missing: `TensorFlow.js is not installed (root devDependencies @tensorflow/tfjs-core, -backend-cpu, -backend-wasm; pnpm install): ${e.message.split('\n')[0]}` };
  }
}

/**
 * The two TF.js passes on the current backend, each () => [gW1, gb1, gW2, gb2, gW3, gb3] as tensors
 * (weight gradients out × in, as NeuroBridge's), both the backward pass written out as numpy's peer
 * writes it (tfjs-core alone registers no gradient functions, so `tf.grads` needs the full
 * @tensorflow/tfjs package; its gradients of `matMul` are the transposed products of 'flags' anyway).
 * - 'flags': numpy's script transcribed, weights out × in and `matMul`'s transpose flags
 *   (X·Wᵀ forward, δᵀ·x for the weight gradients);
 * - 'untransposed': every product an untransposed `matMul` — the forward pass on Wᵀ (in × out, as
 *   TF.js's dense layers hold their kernels), the deltas on W, the weight gradients on `tf.transpose(δ)`;
 *   the wasm backend 4.22 sends only untransposed products to XNNPACK.
 * Both layouts of the weights are made once, outside the timing (numpy's W.T is free as well).
 */
function tfPasses(tf, pr) {
  const X = tf.tensor2d(Float32Array.from(pr.X), [B, SIZES[0]]);
  const T = tf.tensor2d(Float32Array.from(pr.T), [B, SIZES[3]]);
  const Wt = [0, 1, 2].map((l) => tf.tensor2d(transposed32(pr[`W${l + 1}`], SIZES[l + 1], SIZES[l]), [SIZES[l], SIZES[l + 1]]));
  const W = [0, 1, 2].map((l) => tf.tensor2d(Float32Array.from(pr[`W${l + 1}`]), [SIZES[l + 1], SIZES[l]]));
  const b = [0, 1, 2].map((l) => tf.tensor1d(Float32Array.from(pr[`b${l + 1}`])));
  const flags = () => tf.tidy(() => {
    const x1 = tf.tanh(tf.add(tf.matMul(X, W[0], false, true), b[0]));
    const x2 = tf.tanh(tf.add(tf.matMul(x1, W[1], false, true), b[1]));
    const y = tf.add(tf.matMul(x2, W[2], false, true), b[2]);
    const d3 = tf.sub(y, T);
    const d2 = tf.mul(tf.matMul(d3, W[2]), tf.sub(1, tf.square(x2)));
    const d1 = tf.mul(tf.matMul(d2, W[1]), tf.sub(1, tf.square(x1)));
    return [
      tf.matMul(d1, X, true, false), tf.sum(d1, 0),
      tf.matMul(d2, x1, true, false), tf.sum(d2, 0),
      tf.matMul(d3, x2, true, false), tf.sum(d3, 0),
    ];
  });
  const untransposed = () => tf.tidy(() => {
    const x1 = tf.tanh(tf.add(tf.matMul(X, Wt[0]), b[0]));
    const x2 = tf.tanh(tf.add(tf.matMul(x1, Wt[1]), b[1]));
    const y = tf.add(tf.matMul(x2, Wt[2]), b[2]);
    const d3 = tf.sub(y, T);
    const d2 = tf.mul(tf.matMul(d3, W[2]), tf.sub(1, tf.square(x2)));
    const d1 = tf.mul(tf.matMul(d2, W[1]), tf.sub(1, tf.square(x1)));
    return [
      tf.matMul(tf.transpose(d1), X), tf.sum(d1, 0),
      tf.matMul(tf.transpose(d2), x1), tf.sum(d2, 0),
      tf.matMul(tf.transpose(d3), x2), tf.sum(d3, 0),
    ];
  });
  const dispose = () => tf.dispose([X, T, ...Wt, ...W, ...b]);
  return { flags, untransposed, dispose };
}

/** Gradient tensors → float64, numpy's order and layout (weight gradients out × in). */
function readGrads(gs) {
  const parts = gs.map((t) => Float64Array.from(t.dataSync()));
  const out = new Float64Array(GRAD_PARTS.reduce((s, n) => s + n, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

/** Worst per-array max|Δ| / max|ref| over the six gradient arrays, and which array. */
function gradientAgreement(g, ref) {
  let worst = 0, at = 0, o = 0;
  GRAD_PARTS.forEach((n, i) => {
    const d = maxRelDiff(g.subarray(o, o + n), ref.subarray(o, o + n));
    if (!(d <= worst)) { worst = d; at = i; }
    o += n;
  });
  return { worst, at };
}

export async function run(ctx) {
  const { repeats } = ctx;
  const rows = [], notes = [], targets = [], missing = [];
  const learn = await importPackage('learn', ['mlp', 'mlpForward', 'mlpBackward', 'createMlpCache', 'createMlpGradients']);
  if (learn.missing) missing.push(`NeuroBridge side: ${learn.missing}`);
  const core = await importPackage('core', ['activations']);
  if (core.missing && !learn.missing) missing.push(`NeuroBridge side: ${core.missing}`);
  const tfjs = await loadTf();
  if (tfjs.missing) missing.push(`TF.js side: ${tfjs.missing}`);
  const loadStart = os.loadavg()[0];
  const pr = problem();
  const reps = Math.max(repeats, 20);

  let nb = null;
  if (!learn.missing && !core.missing) {
    nb = timeNeuroBridgePass(learn.mod, core.mod, pr, reps);
  }
  // issue 17's figure: the pass on two threads (createMlpPool, the 1-thread bits)
  const nbPool = !learn.missing && !core.missing && typeof learn.mod.createMlpPool === 'function'
    ? await timeNeuroBridgePoolPass(learn.mod, core.mod, pr, reps, 2) : null;
  const tfRows = {};
  if (!tfjs.missing) {
    const { tf, wasm } = tfjs;
    for (const backend of ['wasm', 'cpu']) {
      ctx.log(`  TF.js ${backend} backend`);
      if (!(await tf.setBackend(backend))) { missing.push(`TF.js ${backend} backend failed to initialise`); continue; }
      await tf.ready();
      if (backend === 'wasm') {
        const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
        const threaded = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
        notes.push(`TF.js wasm backend: ${simd ? 'SIMD' : 'no SIMD'} binary, ${threaded ? 'multithreaded' : 'single-threaded'} ` +
          `(${wasm.getThreadsCount?.() ?? '?'} thread; the threaded binary needs cross-origin-isolated SharedArrayBuffer, which TF.js does not detect in Node).`);
      }
      const passes = tfPasses(tf, pr);
      try {
        for (const [kind, fn] of [['untransposed', passes.untransposed], ['flags', passes.flags]]) {
          // the cpu backend is ~50× slower: fewer timed runs there (at least `repeats`)
          const n = backend === 'cpu' ? repeats : reps;
          const r = timeSync(() => { const g = fn(); tf.dispose(g); }, { warmup: backend === 'cpu' ? 1 : 5, repeats: n });
          const gs = fn();
          const g = readGrads(gs);
          tf.dispose(gs);
          tfRows[`${backend}-${kind}`] = { sum: summarize(r.times), cpu: r.cpu, g };
        }
      } finally {
        passes.dispose();
      }
    }
  }
  const agree = (x) => {
    if (!x || !nb) return '—';
    const { worst, at } = gradientAgreement(x.g, nb.g);
    return `vs NeuroBridge: max rel. diff ${worst.toExponential(1)} (worst array ${PART_NAMES[at]}; tolerance ${GRADIENT_TOLERANCE.toExponential(0)}: ${worst <= GRADIENT_TOLERANCE ? 'within' : 'OUTSIDE'})`;
  };
  const label = {
    'wasm-untransposed': 'TF.js wasm backend, untransposed products (`tf.transpose` where needed)',
    'wasm-flags': 'TF.js wasm backend, numpy\'s script transcribed (`matMul` transpose flags)',
    'cpu-untransposed': 'TF.js cpu backend, untransposed products',
    'cpu-flags': 'TF.js cpu backend, `matMul` transpose flags',
  };
  for (const key of ['wasm-untransposed', 'wasm-flags', 'cpu-untransposed', 'cpu-flags']) {
    const x = tfRows[key];
    rows.push([label[key], 'float32', x ? formatTime(x.sum, x.cpu) : 'not run', ratio(x?.sum, nb?.sum), agree(x)]);
  }
  rows.push(['NeuroBridge learn `mlpForward` + `mlpBackward` (1 thread)', 'float64', nb ? formatTime(nb.sum, nb.cpu) : 'not available', nb ? '1 (baseline)' : '—', 'reference (agrees with numpy to 1e-15, case 5)']);
  rows.push(['NeuroBridge learn `createMlpPool` (2 threads), `pool.gradient`, shared network', 'float64', nbPool ? formatTime(nbPool.sum, nbPool.cpu) : 'not run',
    ratio(nbPool?.sum, nb?.sum), nbPool && nb ? (nbPool.g.every((v, i) => Object.is(v, nb.g[i])) ? 'the 1-thread gradients, bit for bit' : 'DIFFERS from the 1-thread gradients') : '—']);
  const best = (a, b) => (a && b ? (a.sum.median <= b.sum.median ? a : b) : a ?? b);
  const cpuBest = best(tfRows['cpu-untransposed'], tfRows['cpu-flags']);
  const wasmBest = best(tfRows['wasm-untransposed'], tfRows['wasm-flags']);
  targets.push({
    name: 'case 7 (issue 17): NeuroBridge `createMlpPool` (2 threads) ≥ 3× faster than TF.js\'s cpu backend (its faster variant; TF.js time / NeuroBridge time), float32 against float64',
    value: ratio(cpuBest?.sum, nbPool?.sum), met: cpuBest && nbPool ? cpuBest.sum.median / nbPool.sum.median >= 3 : null,
  });
  targets.push({
    name: 'case 7 (reported, no target): TF.js cpu backend time / NeuroBridge 1-thread time (its faster variant)',
    value: ratio(cpuBest?.sum, nb?.sum), met: null, reported: true,
  });
  targets.push({
    name: 'case 7 (reported, no target): TF.js wasm backend time (its faster variant, 1 thread) / NeuroBridge time, 2-thread pool and 1 thread, float32 against float64',
    value: `${ratio(wasmBest?.sum, nbPool?.sum)} and ${ratio(wasmBest?.sum, nb?.sum)}`, met: null, reported: true,
  });
  const worstAll = Object.values(tfRows).map((x) => (nb ? gradientAgreement(x.g, nb.g).worst : NaN));
  if (worstAll.length && nb) {
    targets.push({
      name: `case 7: TF.js's float32 gradients agree with NeuroBridge's float64 ones to ${GRADIENT_TOLERANCE.toExponential(0)} (max |Δ| / max |g| per array, worst of the six arrays and the four TF.js rows)`,
      value: Math.max(...worstAll).toExponential(1), met: worstAll.every((w) => w <= GRADIENT_TOLERANCE),
    });
  }
  const rate = (x) => (x ? `${((2 * PASS_MACS) / x.sum.median / 1e9).toFixed(2)}` : '—');
  notes.push(`Precision: TF.js's wasm and cpu backends compute in float32 (no float64 dtype): unit roundoff 2^−24 ≈ ${U32.toExponential(1)}, ` +
    'against 2^−53 ≈ 1.1e-16 for NeuroBridge and numpy. A float32 pass moves half the bytes and, in WebAssembly SIMD, fits 4 lanes in a ' +
    'v128 (f32x4) where float64 fits 2 (f64x2): twice the multiply-adds per instruction. Tolerance of the gradient check: ' +
    `${GRADIENT_TOLERANCE.toExponential(0)} — inputs rounded to float32, sums of up to 784 terms (worst-case bound k·u ≈ ${(784 * U32).toExponential(1)}, typical √k·u ≈ ${(Math.sqrt(784) * U32).toExponential(1)}).`);
  notes.push(`Rates (2 flops per multiply-add, ${(2 * PASS_MACS / 1e6).toFixed(0)} MFLOP per pass, median wall time): NeuroBridge ${rate(nb)} GFLOP/s (float64); ` +
    `TF.js wasm ${rate(tfRows['wasm-untransposed'])} (untransposed) and ${rate(tfRows['wasm-flags'])} (transpose flags), cpu ${rate(tfRows['cpu-untransposed'])} and ${rate(tfRows['cpu-flags'])} GFLOP/s (float32).`);
  if (tfRows['wasm-untransposed'] && tfRows['wasm-flags'] && tfRows['wasm-flags'].sum.median > 1.5 * tfRows['wasm-untransposed'].sum.median) {
    notes.push(`TF.js wasm: the transcription with transpose flags is ${ratio(tfRows['wasm-flags'].sum, tfRows['wasm-untransposed'].sum)} slower than the untransposed pass: ` +
      'the wasm backend (4.22) hands only untransposed operands to XNNPACK and computes a `matMul` with a transpose flag in a plain loop of its own. The gradients of `matMul` ' +
      'that `tf.grads` forms (with the full @tensorflow/tfjs package) are such transposed products (dy·Bᵀ, Aᵀ·dy).');
  }
  const dense = (lab, x) => x && ctx.dense?.push({ case: 7, label: lab, flops: 2 * PASS_MACS, sum: x.sum, threads: 1 });
  dense('backprop, TF.js wasm backend, untransposed products (float32), for scale', tfRows['wasm-untransposed']);
  notes.push(`load average (1 min) ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`);
  return {
    title: 'Case 7 — backprop against TensorFlow.js, 784-256-256-10, batch 128, one forward + backward pass',
    description:
      `The pass of case 5 (same seeded weights, inputs and targets; tanh, tanh, linear; L = ½ Σ (y − t)² over the batch) in TensorFlow.js ${tfjs.version ?? ''} ` +
      '(@tensorflow/tfjs-core with @tensorflow/tfjs-backend-wasm and @tensorflow/tfjs-backend-cpu, from npm; bench/peers/case-tfjs.mjs), ' +
      'with the backward pass written out as numpy\'s peer writes it, in two ways per backend: transcribed with `matMul`\'s transpose flags, and with ' +
      'every product untransposed (weights also held in × out, as TF.js\'s dense layers hold them, and `tf.transpose` of the deltas); both weight layouts ' +
      'are prepared once outside the timing. NeuroBridge: `mlpForward` + `mlpBackward`, as in case 5, timed again in this case. ' +
      'Ratio = row time / NeuroBridge time (> 1: NeuroBridge faster). TF.js computes in float32, NeuroBridge in float64: the precision is in its own column.',
    headers: ['side', 'precision', 'wall time, median (min–max, runs); CPU', 'ratio', 'gradient agreement'],
    rows, notes, targets, missing,
  };
}
