// Spike-triggered average and covariance benchmark (Gatsby 2021 Q3.4–Q3.5 workload): a white
// Gaussian stimulus of T = 10^5 frames × D = 40, spike-count weights from one LN Poisson cell
// with ≈ 2% of bins non-zero. Single thread.
// Run after a build:  cd packages/coding && npx tsc -p tsconfig.build.json && node bench/spikeTriggered.bench.mjs
//
// Figures: ns per frame (wall time / T) of
//   - spikeTriggeredAverage (skips zero weights),
//   - stimulusCovariance (the dense prior Σ_t (x_t − m)(x_t − m)ᵀ/T, register-blocked 4×4),
//   - spikeTriggeredCovariance with prior 'frames' (STA + weighted STC + prior + 40×40 eigen),
//   - spikeTriggeredCovariance with a known prior (no dense pass),
//   - one circular-shift shuffle (from a run with 50 shuffles).
// When python3 with numpy is on the PATH (and BENCH_NUMPY != 0), the same data are written to a
// temporary file and numpy times `w @ X / w.sum()`, `np.cov(X.T, aweights=w)` and `np.cov(X.T)`
// on the same machine, so the ratio is meaningful even on a shared machine.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const bench = new Bench({ iterations: ITER, time: 0, warmupIterations: 2, warmupTime: 0 });
bench
  .add('spikeTriggeredAverage', () => spikeTriggeredAverage(stimulus, w))
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

if (process.env.BENCH_NUMPY !== '0') compareNumpy(sta, prior, stc);

/** Time numpy on the same X and w (float64), median of ITER runs, when python3 + numpy exist. */
function compareNumpy(staMs, priorMs, stcMs) {
  const dir = mkdtempSync(join(tmpdir(), 'st-bench-'));
  try {
    writeFileSync(join(dir, 'X.bin'), Buffer.from(stimulus.data.buffer));
    writeFileSync(join(dir, 'w.bin'), Buffer.from(w.buffer));
    const script = `
import numpy as np, time, json, sys
X = np.fromfile(sys.argv[1] + '/X.bin').reshape(${T}, ${D}); w = np.fromfile(sys.argv[1] + '/w.bin')
def med(f):
    ts = []
    for _ in range(${ITER + 2}):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    ts = sorted(ts[2:]); return 1e3 * ts[len(ts) // 2]
out = {'sta': med(lambda: w @ X / w.sum()), 'covw': med(lambda: np.cov(X.T, aweights=w)), 'prior': med(lambda: np.cov(X.T)), 'version': np.__version__}
print(json.dumps(out))`;
    const r = spawnSync('python3', ['-c', script, dir], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.log(`\n(numpy comparison skipped: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()})`);
      return;
    }
    const np = JSON.parse(r.stdout);
    const npTotal = np.sta + np.covw + np.prior;
    console.log(`\nnumpy ${np.version} on the same data (median ms): w @ X / w.sum() ${np.sta.toFixed(2)}, np.cov(X.T, aweights=w) ${np.covw.toFixed(2)}, np.cov(X.T) ${np.prior.toFixed(2)}; total ${npTotal.toFixed(2)} ms (${ns(npTotal)} ns/frame)`);
    console.log(`ratios (numpy time / ours; > 1: ours is faster): STA ${(np.sta / staMs).toFixed(2)}, prior ${(np.prior / priorMs).toFixed(2)}, STA + STC ${(npTotal / (staMs + stcMs)).toFixed(2)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
