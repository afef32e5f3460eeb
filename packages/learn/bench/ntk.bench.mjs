// empiricalNtk (factorised, Eq. 16: O(p n²) forward/backward + O(p² n) Gram) against the explicit
// contraction of per-example gradients (O(p² n²)), measured in the same run.
// p = 64 inputs of dimension 16, two tanh hidden layers of width n, linear readout.
// Also `createNtkPool` (the same kernel with the examples split over 2 worker threads; pool started
// once, outside the timing, its start-up reported separately) against empiricalNtk in the same run.
// Run after a build:  node packages/learn/bench/ntk.bench.mjs
// Optional peer baseline: numpy's explicit contraction (J Jᵀ with BLAS), if python3 + numpy are installed.
import { spawnSync } from 'node:child_process';
import { Bench } from 'tinybench';
import { activations, createRng } from '@neurobridge/core';
import { mlp, empiricalNtk, explicitNtk, createNtkPool } from '@neurobridge/learn';

const { tanh, linear } = activations;
const p = 64;
const d = 16;
const widths = [256, 1024, 4096];
/** explicit contraction materialises p × n² doubles per layer: 512 MB at n = 1024, 8.6 GB at 4096 (not run) */
const explicitMax = 1024;
const rng = createRng('ntk-bench');
const inputs = Array.from({ length: p }, () => Array.from(rng.normals(d)));

const poolThreads = 2;
const t0 = performance.now();
const pool = createNtkPool({ threads: poolThreads });
const startNet = mlp({ sizes: [d, 8, 1], activations: [tanh, linear], bias: false, init: 'lecun', rng: createRng('start') });
await pool.empiricalNtk(startNet, inputs); // the threads have loaded the package and answered once
const startupMs = performance.now() - t0;

const bench = new Bench({ time: 1500, iterations: 3, warmupIterations: 1 });
const nets = new Map();
for (const n of widths) {
  const net = mlp({ sizes: [d, n, n, 1], activations: [tanh, tanh, linear], bias: false, init: 'lecun', rng: createRng(`net-${n}`) });
  nets.set(n, net);
  bench.add(`empiricalNtk n=${n}`, () => empiricalNtk(net, inputs));
  bench.add(`createNtkPool(${poolThreads}) n=${n}`, async () => { await pool.empiricalNtk(net, inputs); });
  if (n <= explicitMax) bench.add(`explicitNtk n=${n}`, () => explicitNtk(net, inputs));
}
await bench.run();
console.table(bench.table());

const mean = (name) => bench.tasks.find((t) => t.name === name)?.result?.latency?.mean;
/** CPU time (user + system) per call, ms: less sensitive than wall time to other jobs on a shared machine */
const cpuMs = (fn, reps) => {
  fn();
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / reps;
};
/** the same for an async call; process.cpuUsage counts every thread of the process, the pool's workers included */
const cpuMsAsync = async (fn, reps) => {
  await fn();
  const c0 = process.cpuUsage();
  for (let r = 0; r < reps; r++) await fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / reps;
};
const cpu = new Map();
for (const n of widths) {
  const net = nets.get(n);
  cpu.set(`empiricalNtk n=${n}`, cpuMs(() => empiricalNtk(net, inputs), n <= 1024 ? 5 : 2));
  cpu.set(`pool n=${n}`, await cpuMsAsync(() => pool.empiricalNtk(net, inputs), n <= 1024 ? 5 : 2));
  if (n <= explicitMax) cpu.set(`explicitNtk n=${n}`, cpuMs(() => explicitNtk(net, inputs), 2));
}
// the pool's kernel is the same bits as empiricalNtk's (tested in test/ntkPool.test.ts); checked here once more
const identical = new Map();
for (const n of widths) {
  const a = empiricalNtk(nets.get(n), inputs).total;
  const b = (await pool.empiricalNtk(nets.get(n), inputs)).total;
  identical.set(n, a.every((v, i) => Object.is(v, b[i])));
}
await pool.close();
console.log('\nwidth\tempiricalNtk ms wall (cpu)\texplicitNtk ms wall (cpu)\tspeed-up wall (cpu)\tmax |C_fact − C_explicit| / max |C|');
for (const n of widths) {
  const f = mean(`empiricalNtk n=${n}`);
  const e = mean(`explicitNtk n=${n}`);
  const fc = cpu.get(`empiricalNtk n=${n}`);
  const ec = cpu.get(`explicitNtk n=${n}`);
  let agree = '';
  if (n <= explicitMax) {
    const a = empiricalNtk(nets.get(n), inputs).total;
    const b = explicitNtk(nets.get(n), inputs).total;
    let m = 0;
    let s = 0;
    for (let i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
      s = Math.max(s, Math.abs(b[i]));
    }
    agree = (m / s).toExponential(2);
  }
  console.log(`${n}\t${f.toFixed(1)} (${fc.toFixed(1)})\t${e ? `${e.toFixed(1)} (${ec.toFixed(1)})` : '(not run: p·n² memory)'}\t${e ? `${(e / f).toFixed(1)}× (${(ec / fc).toFixed(1)}×)` : '—'}\t${agree}`);
}

console.log(`\ncreateNtkPool({ threads: ${poolThreads} }): start-up (threads started, package loaded, first call answered) ${startupMs.toFixed(0)} ms, once per pool`);
console.log('width\tempiricalNtk ms wall (cpu)\tcreateNtkPool ms wall (cpu, all threads)\tspeed-up wall\tbit-identical');
for (const n of widths) {
  const f = mean(`empiricalNtk n=${n}`);
  const q = mean(`createNtkPool(${poolThreads}) n=${n}`);
  console.log(`${n}\t${f.toFixed(1)} (${cpu.get(`empiricalNtk n=${n}`).toFixed(1)})\t${q.toFixed(1)} (${cpu.get(`pool n=${n}`).toFixed(1)})\t${(f / q).toFixed(2)}×\t${identical.get(n)}`);
}

// numpy peer: explicit per-example gradients J (p × Σ n_l n_{l−1}) and J Jᵀ, best of 3
const py = `
import numpy as np, time, json, sys
p, d = ${p}, ${d}
out = {}
for n in (256, 1024):
    rng = np.random.default_rng(0)
    W = [rng.standard_normal((n, d)) / np.sqrt(d), rng.standard_normal((n, n)) / np.sqrt(n), rng.standard_normal((1, n)) / np.sqrt(n)]
    X = rng.standard_normal((p, d))
    best = 1e9; bestcpu = 1e9
    for rep in range(3):
        t0 = time.perf_counter(); c0 = time.process_time()
        xs = [X]; hs = []
        for l, w in enumerate(W):
            h = xs[-1] @ w.T; hs.append(h)
            xs.append(np.tanh(h) if l < 2 else h)
        g = [None, None, np.ones((p, 1))]
        for l in (1, 0):
            g[l] = (g[l + 1] @ W[l + 1]) * (1 - np.tanh(hs[l]) ** 2)
        C = np.zeros((p, p))
        for l in range(3):
            J = np.einsum('pi,pj->pij', g[l], xs[l]).reshape(p, -1)
            C += (J @ J.T) / xs[l].shape[1] / 3
        best = min(best, time.perf_counter() - t0); bestcpu = min(bestcpu, time.process_time() - c0)
    out[n] = [best * 1000, bestcpu * 1000]
print(json.dumps({'numpy': np.__version__, 'ms': out}))
`;
const r = spawnSync('python3', ['-c', py], { encoding: 'utf8', timeout: 600_000 });
if (r.status === 0) {
  const res = JSON.parse(r.stdout.trim().split('\n').pop());
  console.log(`\nnumpy ${res.numpy} explicit contraction (same shapes, best of 3; cpu = all threads) vs empiricalNtk and createNtkPool(${poolThreads}):`);
  for (const n of [256, 1024]) {
    const f = mean(`empiricalNtk n=${n}`);
    const fc = cpu.get(`empiricalNtk n=${n}`);
    const q = mean(`createNtkPool(${poolThreads}) n=${n}`);
    const [w, c] = res.ms[n];
    console.log(`n=${n}\tnumpy explicit ${w.toFixed(1)} ms wall (${c.toFixed(1)} cpu)\tempiricalNtk ${f.toFixed(1)} ms wall (${fc.toFixed(1)} cpu)\tratio ${(w / f).toFixed(2)}× wall (${(c / fc).toFixed(2)}× cpu)` +
      `\tpool ${q.toFixed(1)} ms wall, ratio ${(w / q).toFixed(2)}× wall`);
  }
} else {
  console.log('\nnumpy peer baseline skipped (python3 with numpy not available):', (r.stderr || r.error?.message || '').split('\n')[0]);
}
