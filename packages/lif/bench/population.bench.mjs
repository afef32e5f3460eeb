// Population benchmark: 1000 independent adapting LIF neurons (Gatsby 2021 Q1), V0 spread
// linearly over 20–40 mV, tau = 10 ms, Delta = theta = 15 mV, dg = 0.05, tauK = 200 ms,
// 10 s of model time, td = 0 and td = 5 ms. Single thread.
// Run after a build:  cd packages/lif && npx tsc -p tsconfig.build.json && node bench/population.bench.mjs
//
// Figures: simulated neuron-seconds per wall second and spikes per wall second for
// `simulate` (method 'exact': exact spike times), as ratios against a baseline measured in
// the same run: a plain Float64Array clock-driven loop at dt = 0.1 ms with exponential-Euler
// updates (what Brian2 runs for this model; spike times on the grid, error up to dt).
// The 'odex' reference path is timed on 4 neurons spread over V0 (×250 extrapolated) for scale.
// Quote the ratios: the machine may be shared, which inflates all absolute times alike.
import { Bench } from 'tinybench';
import { simulate } from '@neurobridge/lif';

const N = 1000;
const T = 10_000; // ms
const BASE = { tau: 10, Delta: 15, theta: 15, dg: 0.05, tauK: 200 };
const V0 = Float64Array.from({ length: N }, (_, i) => 20 + (20 * i) / (N - 1));
const ITER = Number(process.env.BENCH_ITERATIONS ?? 3);
const ODEX_NEURONS = 4;

function runExact(td, count = N, method = 'exact') {
  let spikes = 0;
  const stride = N / count;
  for (let k = 0; k < count; k++) {
    const i = Math.floor(k * stride);
    spikes += simulate({ ...BASE, V0: V0[i], td }, { duration: T, method }).spikes.length;
  }
  return spikes;
}

/**
 * Clock-driven baseline, dt = 0.1 ms: at fixed g over a step, u relaxes exponentially to
 * u∞ = (V0 − gΔ)/(1+g) (exponential Euler); g decays by e^{−dt/tauK}; threshold u ≥ θ tested
 * on the grid; delayed jumps through a ring buffer of td/dt steps.
 */
function runClock(td, dt = 0.1) {
  const { tau, Delta, theta, dg, tauK } = BASE;
  const steps = Math.round(T / dt);
  const u = new Float64Array(N);
  const g = new Float64Array(N);
  const dgDecay = Math.exp(-dt / tauK);
  const delaySteps = Math.round(td / dt);
  const ring = delaySteps > 0 ? new Uint8Array((delaySteps + 1) * N) : null;
  let spikes = 0;
  for (let s = 0; s < steps; s++) {
    const slot = ring ? (s % (delaySteps + 1)) * N : 0;
    for (let i = 0; i < N; i++) {
      if (ring && ring[slot + i]) {
        g[i] += dg;
        ring[slot + i] = 0;
      }
      const gi = g[i];
      const a = (1 + gi) / tau;
      const uInf = (V0[i] - gi * Delta) / (1 + gi);
      u[i] = uInf + (u[i] - uInf) * Math.exp(-a * dt);
      g[i] = gi * dgDecay;
      if (u[i] >= theta) {
        u[i] = 0;
        spikes++;
        if (ring) ring[((s + delaySteps) % (delaySteps + 1)) * N + i] = 1;
        else g[i] += dg;
      }
    }
  }
  return spikes;
}

const counts = {};
/** CPU time (user + system, ms) per task, next to tinybench's wall-clock latency: on a shared machine wall time is inflated by other processes, CPU time much less. */
const cpu = {};
const timed = (key, fn) => () => {
  const c0 = process.cpuUsage();
  counts[key] = fn();
  const c = process.cpuUsage(c0);
  (cpu[key] ??= []).push((c.user + c.system) / 1000);
};
const bench = new Bench({ iterations: ITER, time: 0, warmupIterations: 1, warmupTime: 0 });
for (const td of [0, 5]) {
  bench.add(`exact, td = ${td} ms (1000 neurons)`, timed(`exact${td}`, () => runExact(td)));
  bench.add(`clock dt = 0.1 ms baseline, td = ${td} ms (1000 neurons)`, timed(`clock${td}`, () => runClock(td)));
  bench.add(`odex reference, td = ${td} ms (${ODEX_NEURONS} neurons)`, timed(`odex${td}`, () => runExact(td, ODEX_NEURONS, 'odex')));
}
/** median CPU seconds of the measured runs (the warm-up run is the first entry). */
const cpuSeconds = (key) => {
  const xs = cpu[key].slice(1).sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)] / 1000;
};
await bench.run();
console.table(bench.table());

const mean = (name) => bench.tasks.find((t) => t.name === name).result.latency.mean; // ms
console.log('\nPer-run figures (mean wall time over the iterations):');
for (const td of [0, 5]) {
  const te = mean(`exact, td = ${td} ms (1000 neurons)`) / 1000;
  const tc = mean(`clock dt = 0.1 ms baseline, td = ${td} ms (1000 neurons)`) / 1000;
  const to = (mean(`odex reference, td = ${td} ms (${ODEX_NEURONS} neurons)`) / 1000) * (N / ODEX_NEURONS);
  const neuronSeconds = (N * T) / 1000;
  console.log(`td = ${td} ms:`);
  console.log(`  exact : ${te.toFixed(3)} s wall, ${counts[`exact${td}`]} spikes, ${(neuronSeconds / te).toFixed(0)} neuron-s/s, ${(counts[`exact${td}`] / te / 1e6).toFixed(3)} M spikes/s`);
  console.log(`  clock : ${tc.toFixed(3)} s wall, ${counts[`clock${td}`]} spikes, ${(neuronSeconds / tc).toFixed(0)} neuron-s/s, ${(counts[`clock${td}`] / tc / 1e6).toFixed(3)} M spikes/s`);
  console.log(`  odex  : ${to.toFixed(1)} s wall (extrapolated from ${ODEX_NEURONS} neurons ×${N / ODEX_NEURONS})`);
  const ce = cpuSeconds(`exact${td}`), cc = cpuSeconds(`clock${td}`);
  console.log(`  CPU time (median): exact ${ce.toFixed(3)} s → ${(neuronSeconds / ce).toFixed(0)} neuron-s/s, ${(counts[`exact${td}`] / ce / 1e6).toFixed(3)} M spikes/s; clock ${cc.toFixed(3)} s; ratio ${(ce / cc).toFixed(3)}`);
  console.log(`  ratio exact/clock wall time: ${(te / tc).toFixed(3)}  (exact is ${(tc / te).toFixed(2)}× the clock-driven speed); odex/exact: ${(to / te).toFixed(0)}×`);
}
