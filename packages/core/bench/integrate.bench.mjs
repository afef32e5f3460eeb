// Cost of the integration layer, as ratios against baselines measured in the same run.
// Run after a build:  cd packages/core && npx tsc -p tsconfig.build.json && node bench/integrate.bench.mjs
//
//   integrate, 2-state and 1000-state: ns per accepted step and per rhs evaluation; baseline:
//     a bare Float64Array loop making the same number of rhs evaluations (the work any
//     method must do), so the ratio is the integrator's overhead factor.
//   integrate with resets (leaky integrator, 1000 spikes): µs per spike; baseline: 1000
//     integrate calls over one known period each (restarts by hand, no event location), so
//     the ratio is the cost of locating and handling the events.
//   dense output: the same runs with one sample inside the interval (which switches odex's
//     dense output on) over the plain runs; then ms per further full-state sample of the
//     1000-state system (odex's interpolant looks each component up by a linear search, so a
//     full state costs O(n²)).
//   RK4 stepper: state-updates per second; baseline: the bare loop with the same 4 rhs
//     evaluations per step and one axpy.
import { Bench } from 'tinybench';
import { createRk4Stepper, integrate } from '@neurobridge/core';

const TIME_MS = Number(process.env.BENCH_TIME ?? 400);

// --- problems ---------------------------------------------------------------------------
const oscillator = (_t, y, d) => {
  d[0] = y[1];
  d[1] = -y[0];
};
const N = 1000;
/** ring of damped units, y_i' = −y_i + 0.5·sin(y_{i−1}) + 0.1·cos t */
const ring = (t, y, d) => {
  const drive = 0.1 * Math.cos(t);
  d[0] = -y[0] + 0.5 * Math.sin(y[N - 1]) + drive;
  for (let i = 1; i < N; i++) d[i] = -y[i] + 0.5 * Math.sin(y[i - 1]) + drive;
};
const ringY0 = Float64Array.from({ length: N }, (_, i) => Math.sin(i));

const tau = 10;
const I = 1.5;
const theta = 1;
const period = tau * Math.log(I / (I - theta));
const lif = (_t, u, d) => {
  d[0] = (I - u[0]) / tau;
};
const spike = { value: (_t, u) => u[0] - theta, direction: 1, affect: (_t, u) => void (u[0] = 0) };

/** the bare baseline: `count` rhs evaluations into preallocated buffers */
function bareEvaluations(rhs, y0, count) {
  const y = Float64Array.from(y0);
  const d = new Float64Array(y.length);
  for (let k = 0; k < count; k++) {
    rhs(k * 1e-3, y, d);
    for (let i = 0; i < y.length; i++) y[i] += 1e-9 * d[i];
  }
  return y[0];
}

// --- counts for the per-step figures (one run each) -------------------------------------
const opts2 = { rtol: 1e-8, atol: 1e-10 };
const optsN = { rtol: 1e-8, atol: 1e-10 };
const st2 = integrate(oscillator, 0, [1, 0], 100, opts2).stats;
const stN = integrate(ring, 0, ringY0, 10, optsN).stats;
const nSpikes = 1000;
const tSpikes = (nSpikes + 0.5) * period;
const stSpk = integrate(lif, 0, [0], tSpikes, { events: [spike] }).stats;
const nSamples = 20;
const oneSample = (T) => [T / 2];
const manySamples = (T) => Array.from({ length: nSamples + 1 }, (_, i) => (T * (i + 0.5)) / (nSamples + 1));
const RK4_STEPS = 200;

let sink = 0;
const bench = new Bench({ name: 'core integrate', time: TIME_MS, warmupTime: 100 });
bench
  .add('integrate 2-state', () => void (sink += integrate(oscillator, 0, [1, 0], 100, opts2).yEnd[0]))
  .add('baseline 2-state: same rhs evaluations', () => void (sink += bareEvaluations(oscillator, [1, 0], st2.nEval)))
  .add('integrate 1000-state', () => void (sink += integrate(ring, 0, ringY0, 10, optsN).yEnd[0]))
  .add('baseline 1000-state: same rhs evaluations', () => void (sink += bareEvaluations(ring, ringY0, stN.nEval)))
  .add('integrate 1000 resets', () => void (sink += integrate(lif, 0, [0], tSpikes, { events: [spike] }).yEnd[0]))
  .add('baseline: 1000 integrate calls of one period', () => {
    for (let k = 0; k < nSpikes; k++) sink += integrate(lif, 0, [0], period).yEnd[0];
  })
  .add('integrate 2-state, dense output (1 sample)', () => {
    sink += integrate(oscillator, 0, [1, 0], 100, { ...opts2, sample: oneSample(100) }).yEnd[0];
  })
  .add('integrate 1000-state, dense output (1 sample)', () => {
    sink += integrate(ring, 0, ringY0, 10, { ...optsN, sample: oneSample(10) }).yEnd[0];
  })
  .add(`integrate 1000-state, dense output (${nSamples + 1} samples)`, () => {
    sink += integrate(ring, 0, ringY0, 10, { ...optsN, sample: manySamples(10) }).yEnd[0];
  })
  .add(`rk4 stepper 1000-state x ${RK4_STEPS}`, () => {
    const s = createRk4Stepper(N);
    const y = Float64Array.from(ringY0);
    for (let k = 0; k < RK4_STEPS; k++) s.step(ring, k * 0.01, y, 0.01);
    sink += y[0];
  })
  .add('baseline rk4: bare loop, 4 evals + axpy per step', () => void (sink += bareEvaluations(ring, ringY0, 4 * RK4_STEPS)));

await bench.run();
console.log(`${bench.name} (tinybench, ${TIME_MS} ms per task, Node ${process.version})`);
console.table(bench.table());

// medians: the machine is shared, and the mean is pulled by GC pauses and other processes
const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.p50 * 1e6; // ns
const f = (x, d = 1) => x.toFixed(d);
const i2 = mean('integrate 2-state');
const b2 = mean('baseline 2-state: same rhs evaluations');
const iN = mean('integrate 1000-state');
const bN = mean('baseline 1000-state: same rhs evaluations');
const iS = mean('integrate 1000 resets');
const bS = mean('baseline: 1000 integrate calls of one period');
const d2 = mean('integrate 2-state, dense output (1 sample)');
const d1 = mean('integrate 1000-state, dense output (1 sample)');
const dM = mean(`integrate 1000-state, dense output (${nSamples + 1} samples)`);
const r4 = mean(`rk4 stepper 1000-state x ${RK4_STEPS}`);
const b4 = mean('baseline rk4: bare loop, 4 evals + axpy per step');
console.log(`
2-state   : ${st2.nAccept} steps, ${st2.nEval} evals; ${f(i2 / st2.nAccept, 0)} ns/step, ${f(i2 / st2.nEval, 0)} ns/eval; ` +
  `integrate / bare evaluations = ${f(i2 / b2)}x
1000-state: ${stN.nAccept} steps, ${stN.nEval} evals; ${f(iN / stN.nAccept / 1e3)} us/step, ${f(iN / stN.nEval / 1e3, 2)} us/eval; ` +
  `integrate / bare evaluations = ${f(iN / bN, 2)}x
resets    : ${stSpk.nEvents} spikes, ${stSpk.nEval} evals; ${f(iS / stSpk.nEvents / 1e3)} us/spike; ` +
  `events / hand restarts = ${f(iS / bS, 2)}x
dense     : run time with dense output / without = ${f(d2 / i2, 2)}x (2-state), ${f(d1 / iN, 2)}x (1000-state)
sampling  : ${f((dM - d1) / nSamples / 1e6, 2)} ms per full-state sample of the 1000-state system (${f((dM - d1) / nSamples / N / N, 2)} ns × n²)
rk4       : ${f((N * RK4_STEPS) / (r4 * 1e-9) / 1e6)} M state-updates/s; rk4 / bare loop = ${f(r4 / b4, 2)}x
(sink ${sink.toExponential(2)})`);
