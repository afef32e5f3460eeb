// The full lazy-training sweep of Q7: n = 64 … 4096, several seeds, every layer n wide (two tanh
// hidden layers, linear readout, LeCun init, p = 8 training inputs from a fixed latent task).
// Prints plot-ready TSV tables (Δw versus n; trained-vs-linearised gap; empirical vs analytic kernel)
// and the fitted exponents with their spread over seeds.
// Run after a build:  node packages/learn/examples/ntk-scaling.mjs [--full] [maxWidth] [seeds=3]
//   default (quick, what `pnpm examples` runs, ~16 s): n = 64 … 2048, training sweep up to 1024;
//   --full: n = 64 … 4096, training sweep up to 2048 (~65 s). maxWidth overrides either.
import { activations, createRng, symmetricEigen } from '@neurobridge/core';
import {
  mlp, mlpForward, analyticNtk, empiricalNtk, fitPowerLaw, kernelGradientDescent, lazyScales, linearize, linearizedPredict,
  toyRegressionTask, trainFullBatch, weightChange,
} from '@neurobridge/learn';

const { tanh, erf, linear } = activations;
const args = process.argv.slice(2);
const full = args.includes('--full');
const [widthArg, seedArg] = args.filter((a) => a !== '--full');
const maxWidth = Number(widthArg ?? (full ? 4096 : 2048));
const nSeeds = Number(seedArg ?? 3);
const seeds = Array.from({ length: nSeeds }, (_, i) => i + 1);
const widths = [64, 128, 256, 512, 1024, 2048, 4096].filter((n) => n <= maxWidth);
const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;
const std = (xs) => Math.sqrt(xs.reduce((s, v) => s + (v - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
const e = (x) => x.toExponential(4);
const net = (sizes, seed, act = tanh) => mlp({ sizes, activations: sizes.slice(1).map((_, k) => (k === sizes.length - 2 ? linear : act)), bias: false, init: 'lecun', rng: createRng(seed) });

console.log(`# mode: ${full ? 'full (--full)' : 'quick (default; --full for n up to 4096, ~65 s)'}: n = 64 … ${maxWidth}, training sweep up to ${Math.min(maxWidth, full ? 2048 : 1024)}, ${nSeeds} seeds`);

// ---- 1. sizes of Q7 at every width and seed
console.log('# Q7 sweep: two tanh hidden layers, all layers n wide, p = 8; rms and max over entries, per seed');
console.log(['n', 'seed', 'dfdh1_rms', 'dfdh2_rms', 'C_diag', 'a_rms', 'dw1_rms', 'dw2_rms', 'dw3_rms', 'dw1_max', 'dw2_max', 'dw3_max', 'rel1', 'rel2', 'rel3', 'seconds'].join('\t'));
const rows = seeds.map(() => []);
for (const n of widths) {
  for (const [si, seed] of seeds.entries()) {
    const t0 = performance.now();
    const task = toyRegressionTask({ inputDim: n, count: 8, heldOut: 0, rng: createRng(`task-${seed}`) });
    const s = lazyScales(net([n, n, n, 1], `net-${seed}-${n}`), task.inputs, task.targets);
    rows[si].push(s);
    console.log([n, seed, ...s.dfdhRms.subarray(0, 2), s.kernelDiagonal, s.aRms, ...s.deltaRms, ...s.deltaMaxAbs, ...s.relativeChange].map((v, i) => (i < 2 ? v : e(v))).join('\t') + `\t${((performance.now() - t0) / 1000).toFixed(1)}`);
  }
}
console.log('\n# fitted exponents over n (mean ± std over seeds), prediction, error, verdict');
let failures = 0;
/** exponent with spread over seeds, the prediction, the error and a verdict (band: ±0.15 for a typical size) */
const report = (name, pick, predicted, accept = (m) => Math.abs(m - predicted) < 0.15, note = '') => {
  const per = rows.map((r) => fitPowerLaw(widths, r.map(pick)).exponent);
  const m = mean(per);
  const ok = accept(m);
  if (!ok) failures++;
  console.log(`${name.padEnd(20)}\t${m.toFixed(3)} ± ${std(per).toFixed(3)}\tpredicted ${predicted}${note}\terror ${Math.abs(m - predicted).toFixed(3)}\t${ok ? 'REPRODUCED' : 'NOT REPRODUCED'}`);
};
const maxBand = (p) => (m) => m > p - 0.1 && m < p + 0.45;
const extreme = ' (× extreme-value factor: accepted in [p−0.1, p+0.45])';
report('dfdh layer 1 (rms)', (s) => s.dfdhRms[0], -0.5);
report('dfdh layer 2 (rms)', (s) => s.dfdhRms[1], -0.5);
report('C_mumu', (s) => s.kernelDiagonal, 0);
report('a (rms)', (s) => s.aRms, 0);
report('dw layer 1 (rms)', (s) => s.deltaRms[0], -1.5);
report('dw layer 2 (rms)', (s) => s.deltaRms[1], -1.5);
report('dw readout (rms)', (s) => s.deltaRms[2], -1);
report('dw layer 1 (max)', (s) => s.deltaMaxAbs[0], -1.5, maxBand(-1.5), extreme);
report('dw layer 2 (max)', (s) => s.deltaMaxAbs[1], -1.5, maxBand(-1.5), extreme);
report('dw readout (max)', (s) => s.deltaMaxAbs[2], -1, maxBand(-1), extreme);
report('max/rms layer 2', (s) => s.deltaMaxAbs[1] / s.deltaRms[1], 0, (m) => m > 0, ' (grows like a power of ln n: accepted if > 0)');
report('|dw|/|w| layer 1', (s) => s.relativeChange[0], -1);
report('|dw|/|w| layer 2', (s) => s.relativeChange[1], -1);
report('|dw|/|w| readout', (s) => s.relativeChange[2], -0.5);

// ---- 2. trained network vs linearised model on held-out inputs (one hidden layer: training costs O(p n²) per step)
const trainWidths = widths.filter((n) => n <= Math.min(maxWidth, full ? 2048 : 1024));
const T = 60;
console.log(`\n# trained network (T = ${T} full-batch steps, η = 1/λ_max(C)) vs linearised model after the same steps, 8 held-out inputs; one tanh hidden layer`);
console.log(['n', 'seed', 'train_loss', 'rms_gap_heldout', 'rms_change_heldout', 'seconds'].join('\t'));
const gaps = seeds.map(() => []);
for (const n of trainWidths) {
  for (const [si, seed] of seeds.entries()) {
    const t0 = performance.now();
    const task = toyRegressionTask({ inputDim: n, count: 8, heldOut: 8, rng: createRng(`task-${seed}`) });
    const n0 = net([n, n, 1], `heldout-${seed}-${n}`);
    const model = linearize(n0, task.inputs);
    const lmax = symmetricEigen(Array.from({ length: 8 }, (_, i) => Array.from(model.kernel.total.subarray(i * 8, i * 8 + 8)))).values[0];
    const eta = 1 / lmax;
    const run = trainFullBatch(n0, task.inputs, task.targets, { learningRate: eta, steps: T, recordEvery: T });
    const { a } = kernelGradientDescent(model, task.targets, { learningRate: eta, steps: T });
    const lin = linearizedPredict(model, weightChange(model, a), task.testInputs);
    const X = Float64Array.from(task.testInputs.flat());
    const out = mlpForward(run.net, X, 8).x[2];
    const f0 = mlpForward(n0, X, 8).x[2];
    let g = 0;
    let c = 0;
    for (let i = 0; i < 8; i++) {
      g += (out[i] - lin[i]) ** 2;
      c += (out[i] - f0[i]) ** 2;
    }
    gaps[si].push(Math.sqrt(g / 8));
    console.log([n, seed, e(run.loss[run.loss.length - 1]), e(Math.sqrt(g / 8)), e(Math.sqrt(c / 8)), ((performance.now() - t0) / 1000).toFixed(1)].join('\t'));
  }
}
const gapEx = gaps.map((g) => fitPowerLaw(trainWidths, g).exponent);
const gapOk = mean(gapEx) <= -0.5;
if (!gapOk) failures++;
console.log(`gap exponent: ${mean(gapEx).toFixed(3)} ± ${std(gapEx).toFixed(3)} (theory: O(n^-1/2) or faster, accepted if <= -0.5)\t${gapOk ? 'REPRODUCED' : 'NOT REPRODUCED'}`);

// ---- 3. empirical vs analytic kernel (erf, two hidden layers, input dimension 8)
console.log('\n# empirical kernel vs analyticNtk (erf, two hidden layers, d = 8, p = 5, layer rates 1:2:0.5): relative Frobenius error over >= 8 seeds');
console.log(['n', 'mean_rel_error', 'std']. join('\t'));
const xs = Array.from({ length: 5 }, (_, i) => Array.from(createRng(`kin-${i}`).normals(8)));
const ana = analyticNtk({ depth: 2, activation: 'erf', layerRates: [1, 2, 0.5] }, xs).total;
const kernelErr = [];
const kernelSeeds = Array.from({ length: Math.max(8, nSeeds) }, (_, i) => i + 1);
for (const n of widths) {
  const errs = kernelSeeds.map((seed) => {
    const emp = empiricalNtk(net([8, n, n, 1], `kernel-${seed}-${n}`, erf), xs, { layerRates: [1, 2, 0.5] }).total;
    let a = 0;
    let b = 0;
    for (let i = 0; i < 25; i++) {
      a += (emp[i] - ana[i]) ** 2;
      b += ana[i] ** 2;
    }
    return Math.sqrt(a / b);
  });
  kernelErr.push(mean(errs));
  console.log([n, e(mean(errs)), e(std(errs))].join('\t'));
}
const kf = fitPowerLaw(widths, kernelErr);
const kOk = Math.abs(kf.exponent + 0.5) < 0.15;
if (!kOk) failures++;
console.log(`kernel error exponent: ${kf.exponent.toFixed(3)} ± ${kf.exponentStderr.toFixed(3)} (predicted -0.5, error ${Math.abs(kf.exponent + 0.5).toFixed(3)})\t${kOk ? 'REPRODUCED' : 'NOT REPRODUCED'}`);
console.log(failures === 0 ? '\nall scaling claims reproduced' : `\n${failures} scaling claim(s) not reproduced`);
process.exitCode = failures === 0 ? 0 : 1;
