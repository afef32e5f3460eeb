// Case 3: the low-rank rate network of Gatsby 2021 Q2, Eq. (1)-(2), p = 2, phi = tanh,
// 200 classical RK4 steps: numpy (BLAS products + np.tanh, preallocated buffers) against
// @neurobridge/lowrank's `simulateNetwork` (fused O(n·p) RK4 kernel), same loadings and x(0).
import os from 'node:os';
import { join } from 'node:path';
import { importPackage } from './harness/packages.mjs';
import { findPython, runPython, INSTALL_LINE } from './harness/python.mjs';
import { summarize, formatTime, ratio, maxAbsDiff } from './harness/stats.mjs';
import { timeAsync, timeSync } from './harness/timing.mjs';
import { measureParallelScaling } from './harness/parallelProbe.mjs';
import { normals, writeF64, readF64 } from './harness/data.mjs';

const HERE = import.meta.dirname;
const SIZES = [1e4, 1e5, 1e6];
const P = 2;
const STEPS = 200;
const DT = 0.05;
/** Size at which the harness also measures where the time goes (cheap enough to repeat). */
const PROBE_N = 1e5;
/** numpy with one BLAS thread runs for the sizes below this (all of them; lower it if the command must be shorter). */
const ONE_THREAD_NUMPY_BELOW = Infinity;
/**
 * C = diag(2, 0.5) with ξ's standard deviation s = 2.5 (lowrank's `xiScale`; ‖C‖₂ ≤ s is what a
 * Gaussian with the covariance of Eq. (3) needs). With f(|m|)·2 = 1 solvable for tanh, the
 * overlaps relax to a non-zero fixed point, so tanh sees O(1) arguments throughout the run.
 */
const C = [[2, 0], [0, 0.5]];
const XI_SCALE = 2.5;

/** η ~ N(0, I), ξ = C η + L w, L = diag(√(s² − C_μμ²)) (C diagonal); x(0) = η_1. n × p row-major. */
function network(n) {
  const eta = normals(n * P, 1000 + n);
  const w = normals(n * P, 2000 + n);
  const xi = new Float64Array(n * P);
  for (let i = 0; i < n; i++) {
    for (let mu = 0; mu < P; mu++) {
      const c = C[mu][mu];
      xi[i * P + mu] = c * eta[i * P + mu] + Math.sqrt(XI_SCALE ** 2 - c * c) * w[i * P + mu];
    }
  }
  const x0 = new Float64Array(n);
  for (let i = 0; i < n; i++) x0[i] = eta[i * P];
  return { net: { n, p: P, C, eta, xi, xiScale: XI_SCALE }, x0 };
}

export async function run(ctx) {
  const { repeats, scratch } = ctx;
  const rows = [], notes = [], targets = [], missing = [];
  const lowrank = await importPackage('lowrank', ['simulateNetwork', 'createNetworkPool']);
  if (lowrank.missing) missing.push(`NeuroBridge side: ${lowrank.missing}`);
  // the activation must be the very object lowrank's core exports (its tanh kernel is chosen by identity)
  const core = await importPackage('core', ['activations']);
  if (core.missing && !lowrank.missing) missing.push(`NeuroBridge side: ${core.missing}`);
  const py = findPython(['numpy']);
  if (!py) missing.push(`numpy side: no python3 imports numpy — install with: ${INSTALL_LINE}`);
  const nbReady = !lowrank.missing && !core.missing;
  let oneThreadRatio = null; // numpy (1 BLAS thread) time / NeuroBridge 1-thread time at n = 10^6
  const THREADS = 2;
  // the pool is started once, outside the timings (as OpenBLAS's threads are)
  let pool = null;
  if (nbReady) {
    const t0 = performance.now();
    pool = lowrank.mod.createNetworkPool({ threads: THREADS });
    const tiny = network(2048);
    await pool.simulateNetwork(tiny.net, core.mod.activations.tanh, tiny.x0, { duration: DT, dt: DT });
    notes.push(`NeuroBridge pool start-up (${THREADS} worker threads, module load, first tiny run): ${(performance.now() - t0).toFixed(0)} ms, once per pool, not in the timings.`);
  }

  for (const n of SIZES) {
    ctx.log(`  n = ${n}`);
    const loadStart = os.loadavg()[0];
    const { net, x0 } = network(n);
    let nbSum = null, nbCpu = null, nbX = null, nbM = null, poolSum = null, poolCpu = null, poolAgreement = '—';
    if (nbReady) {
      const { simulateNetwork } = lowrank.mod;
      const tanh = core.mod.activations.tanh;
      const opts = { duration: STEPS * DT, dt: DT, sampleDt: STEPS * DT, components: [] };
      // warm-up on a short run of the same size (JIT), then the timed full runs
      simulateNetwork(net, tanh, x0, { ...opts, duration: 10 * DT, sampleDt: 10 * DT });
      const r = timeSync(() => simulateNetwork(net, tanh, x0, opts), { warmup: 0, repeats });
      nbSum = summarize(r.times);
      nbCpu = r.cpu;
      nbX = r.last.xEnd;
      nbM = r.last.mEnd;
      if (r.last.status !== 'success') notes.push(`n = ${n}: NeuroBridge status ${r.last.status}: ${r.last.message}`);
      if (n === PROBE_N) {
        // diagnosis: the same fused loop with phi = identity (generic kernel): the cost without tanh
        const lin = timeSync(() => simulateNetwork(net, core.mod.activations.linear, x0, opts), { warmup: 1, repeats });
        // fastest runs: the least disturbed by other work on the machine
        const cpuTanh = summarize(r.cpu).min, cpuLin = summarize(lin.cpu).min;
        const nsTanh = 1e9 * cpuTanh / (4 * STEPS * n), nsLin = 1e9 * cpuLin / (4 * STEPS * n);
        notes.push(`Profile (n = ${n}): NeuroBridge's tanh kernel (WebAssembly SIMD, two neurons per f64x2, table-based tanh) spends ` +
          `${nsTanh.toFixed(1)} ns of CPU per neuron and RK4 stage (fastest run); the scalar JavaScript kernel with phi = identity ` +
          `(no tanh, the same arrays streamed) takes ${nsLin.toFixed(1)} ns (tanh kernel / that loop: ${(nsTanh / nsLin).toFixed(2)}×)` +
          (nsTanh > 2 * nsLin ? ': the tanh is still most of the cost.' : ': two tanh per f64x2 cost about what the plain scalar loop costs without any.'));
      }
      if (r.last.stats.steps !== STEPS) notes.push(`n = ${n}: NeuroBridge took ${r.last.stats.steps} steps, not ${STEPS}.`);
      const probe = await measureParallelScaling();
      const tanh2 = core.mod.activations.tanh;
      await pool.simulateNetwork(net, tanh2, x0, { ...opts, duration: 10 * DT, sampleDt: 10 * DT }); // warm-up (JIT in the workers)
      const rp = await timeAsync(() => pool.simulateNetwork(net, tanh2, x0, opts), { warmup: 0, repeats });
      poolSum = summarize(rp.times);
      poolCpu = rp.cpu;
      let identical = rp.last.xEnd.length === nbX.length;
      for (let i = 0; identical && i < nbX.length; i++) if (!Object.is(nbX[i], rp.last.xEnd[i])) identical = false;
      for (let mu = 0; identical && mu < P; mu++) if (!Object.is(nbM[mu], rp.last.mEnd[mu])) identical = false;
      poolAgreement = identical ? 'bit-identical to the 1-thread run (x(10), m(10))' : `differs from the 1-thread run: max |Δx_i| = ${maxAbsDiff(nbX, rp.last.xEnd).toExponential(1)}`;
      notes.push(`n = ${n}: just before the pool runs, two threads gave ${probe.ratio.toFixed(2)}× the throughput of one (busy-loop probe; 2× = two free cores); ` +
        `the pool ran ${(nbSum.median / poolSum.median).toFixed(2)}× faster than the 1-thread run.`);
    }
    let npSum = null, npCpu = null, npM = null, agreement = '—', np1 = null;
    if (py) {
      writeF64(scratch, 'eta.f64', net.eta);
      writeF64(scratch, 'xi.f64', net.xi);
      writeF64(scratch, 'x0.f64', x0);
      const r = runPython(py, join(HERE, 'lowrank_numpy.py'), { dir: scratch, n, p: P, dt: DT, steps: STEPS, repeats, tanh_probe: n === PROBE_N });
      npSum = summarize(r.times);
      npCpu = r.cpu;
      npM = r.m;
      if (r.tanh_share !== null) {
        notes.push(`Profile (n = ${n}): numpy spends ${(1e9 * summarize(r.cpu).min / (4 * STEPS * n)).toFixed(1)} ns of CPU per neuron and RK4 stage (fastest run), ` +
          `${(100 * r.tanh_share).toFixed(0)}% of it in np.tanh (the same number of np.tanh calls timed alone).`);
      }
      if (nbX) {
        const xNp = readF64(scratch, 'x_end_numpy.f64');
        agreement = `max |Δx_i| = ${maxAbsDiff(nbX, xNp).toExponential(1)}, max |Δm_μ| = ${maxAbsDiff(nbM, npM).toExponential(1)}`;
      }
      // numpy held to one core, as the 1-thread NeuroBridge run is
      if (n < ONE_THREAD_NUMPY_BELOW) {
        const r1 = runPython(py, join(HERE, 'lowrank_numpy.py'), { dir: scratch, n, p: P, dt: DT, steps: STEPS, repeats },
          { env: { OPENBLAS_NUM_THREADS: '1' } });
        np1 = { sum: summarize(r1.times), cpu: r1.cpu };
      }
    }
    const mText = nbM ? `m(10) = (${Array.from(nbM).map((v) => v.toFixed(4)).join(', ')})` : npM ? `m(10) = (${npM.map((v) => v.toFixed(4)).join(', ')})` : '—';
    rows.push([n.toExponential(0), `numpy ${py?.versions.numpy ?? ''} (default: OpenBLAS up to 2 threads)`, npSum ? formatTime(npSum, npCpu) : 'not run', ratio(npSum, poolSum), mText]);
    if (n < ONE_THREAD_NUMPY_BELOW) {
      rows.push([n.toExponential(0), 'numpy, OPENBLAS_NUM_THREADS=1', np1 ? formatTime(np1.sum, np1.cpu) : 'not run', ratio(np1?.sum, poolSum), '(same computation)']);
    }
    rows.push([n.toExponential(0), 'NeuroBridge lowrank `simulateNetwork` (1 thread)', nbSum ? formatTime(nbSum, nbCpu) : 'not available',
      ratio(nbSum, poolSum), agreement]);
    rows.push([n.toExponential(0), `NeuroBridge lowrank \`createNetworkPool\` (${THREADS} threads)`, poolSum ? formatTime(poolSum, poolCpu) : 'not available',
      poolSum ? '1 (baseline)' : '—', poolAgreement]);
    if (npSum && npCpu) {
      const c = summarize(npCpu).median / npSum.median;
      if (c > 1.2) {
        notes.push(`n = ${n}: default numpy's CPU time is ${c.toFixed(2)}× its wall time (OpenBLAS threads on the p × n products); ` +
          `numpy held to one BLAS thread takes ${np1 ? ratio(np1.sum, npSum) : '—'} the default's wall time (what the second thread buys).`);
      }
    }
    if (n === 1e6 && np1 && nbSum) oneThreadRatio = np1.sum.median / nbSum.median;
    if (n === 1e6) {
      targets.push({
        name: `case 3: NeuroBridge ≥ 1.5× numpy at n = 10^6 (default numpy time / NeuroBridge ${THREADS}-thread pool time)`,
        value: ratio(npSum, poolSum), met: npSum && poolSum ? npSum.median / poolSum.median >= 1.5 : null,
        close: 'numpy\'s work here is two p × n products per RK4 stage with p = 2 (memory-bound: the BLAS kernel width hardly matters) and ' +
          'np.tanh; when this misses, compare the two-thread throughput of the machine table and the pool\'s CPU time per wall second ' +
          '(about 1 when the second worker found no free core). What would close it on a loaded machine: nothing in the kernel — re-run ' +
          'when two cores are free',
      });
      targets.push({
        name: 'case 3 (reported, no target): default numpy time / NeuroBridge 1-thread time at n = 10^6',
        value: ratio(npSum, nbSum), met: null, reported: true,
      });
    }
    notes.push(`n = ${n}: load average (1 min) ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`);
  }
  if (pool) await pool.close();
  if (py && ONE_THREAD_NUMPY_BELOW <= 1e6) notes.push('numpy with OPENBLAS_NUM_THREADS=1 is not run at n = 10^6 (to keep the whole `pnpm bench:peers` under 10 minutes); at the smaller sizes it takes about the default\'s wall time (notes above): np.tanh, single-threaded, dominates.');
  notes.push(`Threads: \`createNetworkPool({ threads: ${THREADS} })\` splits the neurons into contiguous blocks over worker threads that meet at a barrier after each ` +
    'RK4 stage (800 per run) and sum the per-block overlaps in one fixed order, so its results are bit-identical to the 1-thread `simulateNetwork` (checked above). ' +
    'numpy\'s products go to OpenBLAS (pthreads, up to 2 threads); np.tanh, about half of numpy\'s time, is single-threaded.');
  if (targets.some((t) => t.met === false)) {
    notes.push('Diagnosis of the miss: the fused kernel is compute-bound on the tanh (profile above: the same loop with phi = identity ' +
      'costs a fraction of the time); ' +
      (oneThreadRatio !== null ? `numpy held to one BLAS thread runs in ${oneThreadRatio.toFixed(2)}× NeuroBridge's 1-thread time at n = 10^6; ` : '') +
      'the pool\'s gain over one thread is bounded by the two-thread throughput of the machine (notes above).');
  }
  return {
    title: 'Case 3 — low-rank network, p = 2, tanh, 200 RK4 steps',
    description:
      'dx_i/dt = tanh(Σ_μ η_μi m_μ) − x_i, m = ξᵀx/n (Gatsby 2021 Q2 Eqs. (1), (2), (4)); RK4 with dt = 0.05, 200 steps; ' +
      'C = diag(2, 0.5), ξ standard deviation 2.5, x(0) = η_1; both sides get the same loadings and x(0) (seeded, written ' +
      'to files by the harness). numpy: bench/peers/lowrank_numpy.py (two (p × n) BLAS products and one np.tanh per ' +
      'stage, out= buffers). NeuroBridge: `simulateNetwork(net, tanh, x0, { duration: 10, dt: 0.05 })` (WebAssembly SIMD kernel, bit-identical to its JavaScript twin), and the same on `createNetworkPool({ threads: 2 })`. ' +
      'Ratio = row time / NeuroBridge time (> 1: NeuroBridge faster). Agreement: x(10) and m(10) of the two sides.',
    headers: ['n', 'side', 'wall time, median (min–max, runs); CPU', 'ratio', 'result / agreement'],
    rows, notes, targets, missing,
  };
}
