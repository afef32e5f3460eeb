// Benchmark of the fused network RK4 step (Eq. 1, rank p = 2, φ = tanh) against the memory
// bandwidth bound (a Float64Array triad over the same footprint) and the tanh bound (4n tanh
// evaluations per step), all measured in the same run; plus the cost of the mean field.
// Run after a build:  pnpm --filter @neurobridge/lowrank build && node packages/lowrank/bench/network.bench.mjs
import { loadavg, cpus } from 'node:os';
import { Bench } from 'tinybench';
import { activations, createRng, defineActivation } from '@neurobridge/core';
import { createNetworkPool, createNetworkStepper, gain, sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';

const sizes = (process.argv[2] ?? '1e4,1e5,1e6').split(',').map(Number);
const C = [[0.9, 0.3], [-0.2, 0.7]];
// A copy of tanh that is not core's object: forces the generic kernel (phi.f call, Math.tanh).
const tanhGeneric = defineActivation({ ...activations.tanh, name: 'tanh-generic' });

/**
 * Bytes streamed per neuron per RK4 step (see networkKernels.ts): the classical fused passes of the
 * generic kernels read 200 and write 48; the linear form of the rank-2 tanh kernel reads W four
 * times (128), acc three times and x once (32), and writes acc three times and x once (32).
 */
const BYTES_PER_NEURON_STEP = { classical: 248, linear: 192 };
/** Bytes held per neuron: W (η, ξ packed, 32) + x, acc, s (24). */
const FOOTPRINT_PER_NEURON = 56;

const rows = [];
for (const n of sizes) {
  const net = sampleNetwork({ n, C, rng: createRng(1), xiScale: 1 });
  const x0 = stateWithOverlaps(net, [0.5, -0.3]);
  const fast = createNetworkStepper(net, activations.tanh, x0);
  const generic = createNetworkStepper(net, tanhGeneric, x0);
  const L = Math.ceil((FOOTPRINT_PER_NEURON * n) / 24);
  const a = new Float64Array(L), b = new Float64Array(L).fill(1), c = new Float64Array(L).fill(2);
  const u = new Float64Array(4 * n).map((_, i) => Math.sin(i)), v = new Float64Array(4 * n);
  const time = n >= 1e6 ? 1500 : 600;
  const bench = new Bench({ time, warmupTime: 200 });
  bench
    .add(`triad n=${n}`, () => { for (let i = 0; i < L; i++) a[i] = b[i] + 0.5 * c[i]; })
    .add(`4n Math.tanh n=${n}`, () => { for (let i = 0; i < 4 * n; i++) v[i] = Math.tanh(u[i]); })
    .add(`rk4 step tanh (fused, fast tanh, ${fast.backend}) n=${n}`, () => fast.step(1e-3))
    .add(`rk4 step tanh (generic kernel) n=${n}`, () => generic.step(1e-3));
  await bench.run();
  const ms = Object.fromEntries(bench.tasks.map((t) => [t.name.replace(/ n=.*/, ''), t.result.latency.p50]));
  const triadGBs = (24 * L) / (ms['triad'] * 1e6);
  for (const kind of [`rk4 step tanh (fused, fast tanh, ${fast.backend})`, 'rk4 step tanh (generic kernel)']) {
    const bytes = kind.startsWith('rk4 step tanh (fused') ? BYTES_PER_NEURON_STEP.linear : BYTES_PER_NEURON_STEP.classical;
    const gbs = (bytes * n) / (ms[kind] * 1e6);
    rows.push({
      n,
      task: kind,
      'ms/step': +ms[kind].toFixed(3),
      'steps/s': +(1000 / ms[kind]).toFixed(1),
      'ns/neuron-step': +((ms[kind] * 1e6) / n).toFixed(2),
      'eff. GB/s': +gbs.toFixed(2),
      'triad GB/s': +triadGBs.toFixed(2),
      'vs triad': +(gbs / triadGBs).toFixed(3),
      '4n tanh ms': +ms['4n Math.tanh'].toFixed(3),
      'step / 4n tanh': +(ms[kind] / ms['4n Math.tanh']).toFixed(3),
    });
  }
}
console.log(`Network RK4 step, p = 2, φ = tanh (one step = 4 fused passes, 4n φ evaluations); median latencies.`);
console.log(`machine: ${cpus().length} cores, load average at the end ${loadavg().map((v) => v.toFixed(2)).join(' ')} — ratios are only meaningful on a quiet machine`);
console.table(rows);

// Threads: simulateNetwork on one thread against createNetworkPool on 2 (20 RK4 steps per run;
// the pool is started once, outside the timing). Bit-identical results, checked here too.
const pool = createNetworkPool({ threads: 2 });
const poolRows = [];
for (const n of sizes) {
  const net = sampleNetwork({ n, C, rng: createRng(1), xiScale: 1 });
  const x0 = stateWithOverlaps(net, [0.5, -0.3]);
  const opts = { duration: 20 * 0.05, dt: 0.05, components: [] };
  // alternating runs, not tinybench: its back-to-back loop timed the pool at n = 10⁶ at 256 ms per
  // call against 150–180 ms in alternating or repeated plain calls (2026-12-01; cause not pinned down)
  let one, two;
  const runs = n >= 1e6 ? 9 : 25;
  const times1 = [], times2 = [];
  one = simulateNetwork(net, activations.tanh, x0, opts); // warm-up
  two = await pool.simulateNetwork(net, activations.tanh, x0, opts);
  for (let r = 0; r < runs; r++) {
    let t0 = performance.now();
    one = simulateNetwork(net, activations.tanh, x0, opts);
    times1.push(performance.now() - t0);
    t0 = performance.now();
    two = await pool.simulateNetwork(net, activations.tanh, x0, opts);
    times2.push(performance.now() - t0);
  }
  const median = (a) => a.sort((u, v) => u - v)[a.length >> 1];
  const t1 = median(times1), t2 = median(times2);
  const identical = one.xEnd.every((v, i) => Object.is(v, two.xEnd[i]));
  poolRows.push({ n, '1 thread ms': +t1.toFixed(2), '2 threads ms': +t2.toFixed(2), speed_up: +(t1 / t2).toFixed(2), 'bit-identical': identical });
}
await pool.close();
console.log('simulateNetwork, 20 RK4 steps, p = 2, tanh: one thread against createNetworkPool({ threads: 2 }); medians of alternating runs (set-up of each call included)');
console.table(poolRows);

// Mean field: cost of f(a) (adaptive quadrature) and of integrating Eq. (10) over 20 time constants.
const mf = new Bench({ time: 600 });
let k = 0;
mf.add('gain(tanh, a) quadrature', () => { gain(activations.tanh, 0.3 + (k++ % 100) * 0.05); })
  .add('gain(erf, a) closed form', () => { gain(activations.erf, 0.3 + (k++ % 100) * 0.05); })
  .add('simulateMeanField p=2 tanh, duration 20', () => {
    simulateMeanField([[2, 0.3], [0.3, 0.5]], activations.tanh, [0.8, -0.6], { duration: 20, sampleDt: 0.1 });
  });
await mf.run();
console.log('Mean field');
console.table(mf.tasks.map((t) => ({ task: t.name, 'median ms': +t.result.latency.p50.toFixed(4), 'ops/s': +t.result.throughput.mean.toFixed(0) })));
