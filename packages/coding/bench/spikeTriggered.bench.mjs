// Spike-triggered average and covariance benchmark (Gatsby 2021 Q3.4–Q3.5 workload): a white
// Gaussian stimulus of T = 10^5 frames × D = 40, spike-count weights from one LN Poisson cell
// with ≈ 2% of bins non-zero. Single thread.
// Run after a build:  cd packages/coding && npx tsc -p tsconfig.build.json && node bench/spikeTriggered.bench.mjs
//
// Figures: ns per frame (wall time / T) of
//   - spikeTriggeredAverage (skips zero weights),
//   - stimulusCovariance (the dense prior Σ_t (x_t − m)(x_t − m)ᵀ/T on core's matmulTN), as a
//     ratio against a baseline measured in the same run: the same two passes written plainly
//     (centred frame, then the upper triangle of its outer product),
//   - spikeTriggeredCovariance with prior 'frames' (STA + weighted STC + prior + 40×40 eigen),
//   - spikeTriggeredCovariance with a known prior (no dense pass),
//   - one circular-shift shuffle (from a run with 50 shuffles).
// numpy on the same work is case 6 of `pnpm bench:peers`.
import { Bench } from 'tinybench';
import { createRng } from '@neurobridge/core';
import {
  gaussianStimulus, lnPoisson, spikeTriggeredAverage, spikeTriggeredCovariance, stimulusCovariance,
} from '@neurobridge/coding';

const T = 100_000, D = 40;
const ITER = Number(process.env.BENCH_ITERATIONS ?? 15);
const rng = createRng('bench-st');
const stimulus = gaussianStimulus({ frames: T, dim: D, rng: rng.substream('stimulus') });
const k = new Float64Array(D).fill(1 / Math.sqrt(D));
// mean rate 0.015·e^{0.5} ≈ 0.025 spikes/bin → P(n > 0) ≈ 2%
const { counts } = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: (u) => 0.015 * Math.exp(u[0]) }], rng: rng.substream('cell') });
const w = counts[0];
const nonZero = w.reduce((a, v) => a + (v > 0 ? 1 : 0), 0);
const identity = Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => (i === j ? 1 : 0)));
const SHUFFLES = 50;

/** Baseline: the prior covariance written plainly (mean, then Σ (x − m)(x − m)ᵀ over the upper triangle). */
function plainCovariance() {
  const m = new Float64Array(D), c = new Float64Array(D * D), y = new Float64Array(D);
  for (let t = 0; t < T; t++) for (let i = 0; i < D; i++) m[i] += stimulus.data[t * D + i] / T;
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < D; i++) y[i] = stimulus.data[t * D + i] - m[i];
    for (let i = 0; i < D; i++) { const yi = y[i], row = i * D; for (let j = i; j < D; j++) c[row + j] += yi * y[j]; }
  }
  for (let i = 0; i < D; i++) for (let j = i; j < D; j++) c[j * D + i] = c[i * D + j] /= T;
  return c;
}

const bench = new Bench({ iterations: ITER, time: 0, warmupIterations: 2, warmupTime: 0 });
bench
  .add('spikeTriggeredAverage', () => spikeTriggeredAverage(stimulus, w))
  .add('baseline: plain covariance loop', plainCovariance)
  .add('stimulusCovariance (dense prior)', () => stimulusCovariance(stimulus))
  .add("spikeTriggeredCovariance, prior 'frames'", () => spikeTriggeredCovariance(stimulus, w))
  .add('spikeTriggeredCovariance, known prior', () => spikeTriggeredCovariance(stimulus, w, { prior: identity }))
  .add(`spikeTriggeredCovariance, known prior, ${SHUFFLES} shuffles`, () => spikeTriggeredCovariance(stimulus, w, { prior: identity, shuffles: SHUFFLES, rng: createRng(1) }));
await bench.run();
console.table(bench.table());

const median = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50; // ms
const ns = (ms) => ((ms * 1e6) / T).toFixed(1);
const sta = median('spikeTriggeredAverage');
const prior = median('stimulusCovariance (dense prior)');
const stc = median("spikeTriggeredCovariance, prior 'frames'");
const known = median('spikeTriggeredCovariance, known prior');
const perShuffle = (median(`spikeTriggeredCovariance, known prior, ${SHUFFLES} shuffles`) - known) / SHUFFLES;
console.log(`\nT = ${T}, D = ${D}, non-zero weights: ${nonZero} (${((100 * nonZero) / T).toFixed(2)}%), Σw = ${w.reduce((a, b) => a + b, 0)}`);
console.log('median wall time (ms) and ns per frame:');
console.log(`  STA                         ${sta.toFixed(2)} ms  ${ns(sta)} ns/frame`);
console.log(`  prior covariance            ${prior.toFixed(2)} ms  ${ns(prior)} ns/frame`);
console.log(`  STC (incl. STA, prior, eig) ${stc.toFixed(2)} ms  ${ns(stc)} ns/frame`);
console.log(`  STC with known prior        ${known.toFixed(2)} ms  ${ns(known)} ns/frame`);
console.log(`  STA + STC (numpy's task)    ${(sta + stc).toFixed(2)} ms  ${ns(sta + stc)} ns/frame`);
console.log(`  one shuffle                 ${perShuffle.toFixed(3)} ms`);

const plain = median('baseline: plain covariance loop');
console.log(`  plain covariance loop       ${plain.toFixed(2)} ms  ${ns(plain)} ns/frame  (stimulusCovariance is ${(plain / prior).toFixed(1)}× faster)`);
const a = stimulusCovariance(stimulus), b = plainCovariance();
let diff = 0;
for (let i = 0; i < a.length; i++) diff = Math.max(diff, Math.abs(a[i] - b[i]));
console.log(`  max |difference| between the two: ${diff.toExponential(1)} (summation order differs)`);
if (!(diff < 1e-12)) process.exit(1);
