// JPSTH benchmark: two independent Poisson cells at 20 Hz, 1000 trials × 2 s, 1 ms bins (a 2000 ×
// 2000 JPSTH), and the generation of the three Q3 models on the same window.
// Run after a build:  cd packages/coding && npx tsc -p tsconfig.build.json && node bench/jpsth.bench.mjs
//
// Figures are ratios against a baseline measured in the same run: the JPSTH the dense way, per
// trial the outer product of the two binned count vectors added into the bins² matrix (what
// "the trial mean of outer products of binned counts" costs written plainly, bins² × trials
// multiply-adds), against `jpsth`, which visits only the pairs of occupied bins. CPU time
// (user + system) is printed beside tinybench's wall-clock latency: on a shared machine wall time
// is inflated by other processes, CPU time much less.
import { Bench } from 'tinybench';
import { createRng } from '@neurobridge/core';
import { commonDriveTrials, doublyStochasticTrials, exponentialKernel, jpsth, poissonTrials } from '@neurobridge/coding';

const TRIALS = 1000, STOP = 2000, WIDTH = 1, M = STOP / WIDTH;
const ITER = Number(process.env.BENCH_ITERATIONS ?? 5);
const rec = poissonTrials(20, { stop: STOP, trials: TRIALS, rng: createRng('bench jpsth') });
const bins = { stop: STOP, width: WIDTH };

/** Dense baseline: binned counts per trial, then Σ_k n⁽¹ᵏ⁾ ⊗ n⁽²ᵏ⁾ over all M² entries, / K. */
function denseJpsth(out) {
  out.fill(0);
  const a = new Float64Array(M), b = new Float64Array(M);
  for (const trial of rec.trains) {
    a.fill(0); b.fill(0);
    for (const t of trial[0]) a[Math.floor(t / WIDTH)]++;
    for (const t of trial[1]) b[Math.floor(t / WIDTH)]++;
    for (let m = 0; m < M; m++) {
      const am = a[m];
      if (am === 0) continue; // the dense method's one cheap shortcut; the row loop below is still M long
      const row = m * M;
      for (let n = 0; n < M; n++) out[row + n] += am * b[n];
    }
  }
  for (let i = 0; i < out.length; i++) out[i] /= TRIALS;
  return out;
}

const cpu = {};
const results = {};
const timed = (key, fn) => () => {
  const c0 = process.cpuUsage();
  results[key] = fn();
  const c = process.cpuUsage(c0);
  (cpu[key] ??= []).push((c.user + c.system) / 1000);
};
const out = new Float64Array(M * M), denseOut = new Float64Array(M * M), seOut = new Float64Array(M * M);
const gen = { stop: STOP, trials: TRIALS, rng: createRng('bench generation') };
const bench = new Bench({ iterations: ITER, time: 0, warmupIterations: 1, warmupTime: 0 });
bench
  .add('dense baseline: outer products of binned counts', timed('dense', () => denseJpsth(denseOut)))
  .add('jpsth (pairs, output buffer reused)', timed('pairs', () => jpsth(rec, bins, { standardErrors: false, out }).values))
  .add('jpsth with standard errors (buffers reused)', timed('pairsSe', () => jpsth(rec, bins, { out, seOut }).values))
  .add('jpsth defaults (new buffers)', timed('fresh', () => jpsth(rec, bins).values))
  .add('poissonTrials, 2 cells × 1000 trials × 2 s', timed('poisson', () => poissonTrials(20, gen)))
  .add('doublyStochasticTrials, γ² = 0.3', timed('gain', () => doublyStochasticTrials(20, { ...gen, gainVariance: 0.3 })))
  .add('commonDriveTrials, exponential k (τ = 10 ms), α = 0.6', timed('drive', () => commonDriveTrials({ ...gen, driverRate: 20, kernel: exponentialKernel({ tau: 10 }), alpha: 0.6 })));
await bench.run();

const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
let identical = true;
for (let i = 0; i < out.length; i++) if (results.dense[i] !== results.pairs[i]) { identical = false; break; }
console.log(`JPSTH ${M} × ${M}, ${TRIALS} trials, ${rec.trains.reduce((s, t) => s + t[0].length * t[1].length, 0)} same-trial spike pairs`);
for (const task of bench.tasks) {
  const key = Object.keys(cpu).find((k) => task.name.startsWith({ dense: 'dense', pairs: 'jpsth (pairs', pairsSe: 'jpsth with', fresh: 'jpsth defaults', poisson: 'poissonTrials', gain: 'doubly', drive: 'commonDrive' }[k]));
  console.log(`  ${task.name.padEnd(58)} wall ${task.result.latency.mean.toFixed(1).padStart(8)} ms   CPU median ${median(cpu[key]).toFixed(1).padStart(8)} ms`);
}
const ratio = (a, b) => (median(cpu[a]) / median(cpu[b])).toFixed(1);
console.log(`dense baseline / jpsth (CPU): ${ratio('dense', 'pairs')}×; with standard errors: ${ratio('dense', 'pairsSe')}×; defaults with new buffers: ${ratio('dense', 'fresh')}×`);
console.log(`jpsth bit-identical to the dense baseline: ${identical}`);
if (!identical) process.exit(1);
