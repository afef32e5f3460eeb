// Case 6: spike-train statistics of Gatsby 2021 Q3 on the same data on both sides — two cells ×
// 1000 trials × 2 s at 20 Hz, 1 ms bins: PSTH, JPSTH, cross-correlogram; STA and STC of a
// 40-dimensional white stimulus over 10⁵ time bins — numpy (the way a numpy user computes them,
// bench/peers/coding_numpy.py) against @neurobridge/coding.
import os from 'node:os';
import { join } from 'node:path';
import { importPackage } from './harness/packages.mjs';
import { findPython, runPython, INSTALL_LINE } from './harness/python.mjs';
import { summarize, formatTime, ratio, maxAbsDiff } from './harness/stats.mjs';
import { timeSync } from './harness/timing.mjs';
import { writeF64, readF64 } from './harness/data.mjs';

/**
 * What would close a case-6 target set when numpy ran OpenBLAS's forced Haswell kernels, if numpy
 * on its free kernels now wins (printed only when the target is missed).
 */
const CLOSE = {
  stc: 'Set when numpy ran the forced Haswell kernels; np.cov\'s products now run OpenBLAS\'s AVX-512 kernels. Most of ' +
    '`spikeTriggeredCovariance`\'s time is the prior covariance of the 10⁵ frames, a 40 × 40 × 10⁵ `matmulTN` (compare the row with the ' +
    'prior passed in). What would close it: that product split over frames on core\'s thread pool (summed in a fixed order, so ' +
    'bit-identical), or computing only its lower triangle (a symmetric rank-k update, half the multiply-adds)',
  jpsth: 'Set when numpy ran the forced Haswell kernels; numpy\'s JPSTH is one BLAS product of the count matrices. What would close it: ' +
    'the pair visits split over trials on core\'s thread pool',
};

const HERE = import.meta.dirname;
const TRIALS = 1000, DURATION = 2000, RATE = 20, WIDTH = 1;
const M = DURATION / WIDTH;
/** STA/STC: T frames of a D-dimensional white stimulus, one LN cell at about RATE Hz in 1 ms bins. */
const T = 100_000, D = 40;

/** Stimulus and spike counts: f(x) = 0.02·e^{k·x − 1/2} (mean 0.02 spikes per 1 ms bin), k a unit vector. */
function stimulusProblem(C, createRng) {
  const rng = createRng('bench:peers case 6 stimulus');
  const stimulus = C.gaussianStimulus({ frames: T, dim: D, rng: rng.substream('x') });
  const k = Array.from({ length: D }, (_, i) => Math.cos(i / 3) / Math.sqrt(D / 2));
  const norm = Math.hypot(...k);
  const cell = { filters: [k.map((v) => v / norm)], nonlinearity: (u) => 0.02 * Math.exp(u[0] - 0.5) };
  const w = C.lnPoisson({ stimulus, cells: [cell], rng: rng.substream('n') }).counts[0];
  return { stimulus, w };
}

/** All spikes of one cell, trial after trial, and the spikes per trial (numpy's input). */
function flatten(trains, cell) {
  const counts = Float64Array.from(trains, (t) => t[cell].length);
  const all = new Float64Array(counts.reduce((s, c) => s + c, 0));
  let o = 0;
  for (const t of trains) { all.set(t[cell], o); o += t[cell].length; }
  return { all, counts };
}

/** The JPSTH-side parts: [name, NeuroBridge function, how to flatten its result]. */
function jpsthParts(coding, rec, bins, out) {
  let j = null;
  return [
    ['psth', 'PSTH of both cells (`psth`)', () => [coding.psth(rec, bins, { cell: 0 }).mean, coding.psth(rec, bins, { cell: 1 }).mean], (r) => concat(r)],
    ['jpsth', 'raw JPSTH (`jpsth`, spike pairs, no standard errors, output buffer reused)', () => (j = coding.jpsth(rec, bins, { standardErrors: false, out })).values, (r) => r],
    ['cch', 'cross-correlogram from the JPSTH diagonals (`crossCorrelogram`)', () => coding.crossCorrelogram(j ?? coding.jpsth(rec, bins, { standardErrors: false, out })).values, (r) => r],
  ];
}

function toRows(flat, n) {
  return Array.from({ length: n }, (_, i) => Array.from(flat.subarray(i * n, (i + 1) * n)));
}

function concat(parts) {
  const outArr = new Float64Array(parts.reduce((s, a) => s + a.length, 0));
  let o = 0;
  for (const a of parts) { outArr.set(a, o); o += a.length; }
  return outArr;
}

export async function run(ctx) {
  const { repeats, scratch } = ctx;
  const rows = [], notes = [], targets = [], missing = [];
  const coding = await importPackage('coding', ['poissonTrials', 'psth', 'jpsth', 'crossCorrelogram', 'gaussianStimulus', 'lnPoisson', 'spikeTriggeredAverage', 'spikeTriggeredCovariance']);
  const core = await importPackage('core', ['createRng']);
  if (coding.missing) missing.push(`NeuroBridge side: ${coding.missing}`);
  const py = findPython(['numpy']);
  if (!py) missing.push(`numpy side: no python3 imports numpy — install with: ${INSTALL_LINE}`);
  if (coding.missing || core.missing) return result(rows, notes, targets, missing);
  const loadStart = os.loadavg()[0];
  const reps = Math.max(repeats, 10);
  const C = coding.mod;
  const rec = C.poissonTrials(RATE, { stop: DURATION, trials: TRIALS, rng: core.mod.createRng('bench:peers case 6') });
  const bins = { start: 0, stop: DURATION, width: WIDTH };
  const spikes = [0, 1].map((c) => flatten(rec.trains, c));
  notes.push(`data: ${spikes[0].all.length + spikes[1].all.length} spikes; ${rec.trains.reduce((s, t) => s + t[0].length * t[1].length, 0)} same-trial spike pairs ` +
    `in all trials together, against ${M}² = ${M * M} bin pairs per trial (${(M * M * TRIALS).toExponential(1)} multiply-adds) for the dense product.`);
  let peer = {};
  if (py) {
    spikes.forEach((s, c) => { writeF64(scratch, `spikes${c + 1}.f64`, s.all); writeF64(scratch, `counts${c + 1}.f64`, s.counts); });
    peer = runPython(py, join(HERE, 'coding_numpy.py'), { dir: scratch, trials: TRIALS, bins: M, width: WIDTH, repeats: reps, parts: ['psth', 'jpsth', 'cch'] });
  }
  const { stimulus, w } = stimulusProblem(C, core.mod.createRng);
  if (py) {
    writeF64(scratch, 'X.f64', stimulus.data);
    writeF64(scratch, 'w.f64', w);
    const r = runPython(py, join(HERE, 'coding_numpy.py'), { dir: scratch, trials: TRIALS, bins: M, width: WIDTH, dim: D, repeats: reps, parts: ['sta', 'stc'] });
    peer.sta = r.sta;
    peer.stc = r.stc;
  }
  let nonzero = 0;
  for (const v of w) if (v > 0) nonzero++;
  notes.push(`STA/STC data: ${T} frames × ${D} dimensions (white), ${w.reduce((a, b) => a + b, 0)} spikes in ${nonzero} non-zero bins (${((100 * nonzero) / T).toFixed(1)}%).`);
  const stParts = [
    ['sta', 'STA (`spikeTriggeredAverage`)', () => C.spikeTriggeredAverage(stimulus, w).sta, (r) => r],
    ['stc', 'STC: weighted minus prior covariance, both from the frames, and its eigenvalues (`spikeTriggeredCovariance`, no shuffles)',
      () => C.spikeTriggeredCovariance(stimulus, w, { shuffles: 0 }).eigenvalues, (r) => r],
  ];
  const out = new Float64Array(M * M);
  for (const [name, label, fn, flat] of [...jpsthParts(C, rec, bins, out), ...stParts]) {
    const r = timeSync(fn, { warmup: 2, repeats: reps });
    const nb = { sum: summarize(r.times), cpu: r.cpu, v: flat(r.last) };
    const np = peer?.[name] ? { sum: summarize(peer[name].times), cpu: peer[name].cpu, v: readF64(scratch, `${name}_numpy.f64`) } : null;
    rows.push([label, formatTime(nb.sum, nb.cpu), np ? formatTime(np.sum, np.cpu) : 'not run', ratio(np?.sum, nb.sum),
      np ? `max abs. diff ${maxAbsDiff(nb.v, np.v).toExponential(1)}` : '—']);
    const goal = name === 'jpsth' ? 3 : 1;
    targets.push({
      name: `case 6, ${name}: NeuroBridge ≥ ${goal}× numpy (numpy time / NeuroBridge time)`, value: ratio(np?.sum, nb.sum),
      met: np ? np.sum.median / nb.sum.median >= goal : null, close: CLOSE[name],
    });
  }
  const prior = C.stimulusCovariance(stimulus);
  const known = timeSync(() => C.spikeTriggeredCovariance(stimulus, w, { shuffles: 0, prior: toRows(prior, D) }), { warmup: 1, repeats: reps });
  rows.push(['STC with the prior computed once and passed in (`prior`)', formatTime(summarize(known.times), known.cpu), '—', '—', 'reported only']);
  // the JPSTH as a new user calls it first: standard errors on, fresh output buffers
  const fresh = timeSync(() => C.jpsth(rec, bins), { warmup: 1, repeats: reps });
  rows.push(['raw JPSTH with standard errors, new buffers (`jpsth` defaults)', formatTime(summarize(fresh.times), fresh.cpu), '—', '—', 'reported only']);
  notes.push('numpy computes the JPSTH as C1ᵀC2/K, one BLAS product of the K × M count matrices into a preallocated output (`np.matmul(..., out=J)`), ' +
    'so its work grows with bins² × trials; NeuroBridge visits only the pairs of occupied bins, trial by trial, row by row of the output. Both reuse their output buffer; ' +
    'the last row shows the cost of allocating (and the operating system zeroing) two fresh 2000² buffers per call, which is most of a JPSTH call here.');
  notes.push(`load average (1 min) ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`);
  return result(rows, notes, targets, missing);
}

function result(rows, notes, targets, missing) {
  return {
    title: 'Case 6 — spike-train statistics (Gatsby Q3): PSTH, JPSTH, cross-correlogram, STA and STC',
    description:
      `Two independent Poisson cells at ${RATE} Hz, ${TRIALS} trials of ${DURATION / 1000} s (seeded, drawn by @neurobridge/coding and written to files for numpy), ` +
      `${WIDTH} ms bins (${M} × ${M} JPSTH); STA and STC of a ${D}-dimensional white stimulus over ${T / 1000}k 1 ms bins with the spike counts of an LN cell. numpy: bench/peers/coding_numpy.py (np.histogram, np.bincount, BLAS matmul, np.cov). ` +
      'NeuroBridge: `psth`, `jpsth`, `crossCorrelogram`, `spikeTriggeredAverage`, `spikeTriggeredCovariance` of @neurobridge/coding. Ratio = numpy time / NeuroBridge time (> 1: NeuroBridge faster). ' +
      'Results compared number for number.',
    headers: ['work', 'NeuroBridge: wall time, median (min–max, runs); CPU', 'numpy', 'ratio', 'agreement'],
    rows, notes, targets, missing,
  };
}
