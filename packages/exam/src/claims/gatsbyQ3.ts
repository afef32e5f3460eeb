// Gatsby 2021, question 3 (coding): the JPSTH of two cells (Q3.1–Q3.3) and spike-triggered
// analysis of their joint responses (Q3.4–Q3.6), on @neurobridge/coding. The exam prints no
// solution to question 3: `expected` is the derived answer, checked against simulation.
import {
  commonDriveTrials, crossCorrelogram, doublyStochasticTrials, expectedJpsthCommonDrive, expectedJpsthDoublyStochastic,
  expectedJpsthIndependent, exponentialKernel, jpsth, jpsthGoodnessOfFit, poissonTrials, shufflePredictor, studentTwoSidedP, subtractMatrix,
  type BinMatrix, type JpsthFit, type SpikeRecording,
} from '@neurobridge/coding';
import { compare, pValue } from '../judge.js';
import { spikeTriggeredClaims } from './gatsbyQ3SpikeTriggered.js';
import type { Claim, ClaimResult, PlotData, Slip } from '../types.js';

const rate = (t: number) => 25 + 15 * Math.sin(t / 50); // Hz, t in ms
const RATE = { rate, max: 40 };
const STOP = 400, TRIALS = 4000;
const bins = { start: 0, stop: STOP, width: 25 }; // 16 bins of Δ = 25 ms

/** Level of the combined test: a correct formula fails it with probability 1e-3 per seed. */
const LEVEL = 1e-3;
/** A deliberately wrong formula must be rejected at this level on the same spikes (the test's power). */
const POWER_LEVEL = 1e-6;
const FIT_REASON = 'p of jpsthGoodnessOfFit: the smallest of its three p-values (per-bin z with Bonferroni, Hotelling T² on 4 × 4 blocks → χ²(16), total pairs z) times 3 (Bonferroni over the three); ' +
  `a correct formula gives p < ${LEVEL} with probability ${LEVEL} for any seed`;

const combined = (f: JpsthFit) => Math.min(1, 3 * Math.min(f.bonferroniP, f.blocks.p, f.total.p));
const fitText = (f: JpsthFit) => `max|z| ${f.maxAbsZ.toFixed(2)} over ${f.tested} bin pairs, Hotelling T² ${f.blocks.statistic.toFixed(1)} on ${f.blocks.dof} dof, total-pairs z ${f.total.z.toFixed(2)}`;

/** Row m of the measured and expected JPSTH against the bin centre of cell 2. */
function rowPlot(title: string, rec: SpikeRecording, expected: BinMatrix, m: number): PlotData {
  const j = jpsth(rec, bins, { standardErrors: false });
  const M = j.size, x = Array.from({ length: M }, (_, n) => (n + 0.5) * bins.width);
  return {
    title, x: { label: `cell-2 bin centre (cell-1 bin ${m})`, unit: 'ms' }, y: { label: 'pairs per trial' },
    series: [
      { name: 'measured J', x, y: Array.from(j.values.subarray(m * M, (m + 1) * M)), style: 'points' },
      { name: 'closed form', x, y: Array.from(expected.values.subarray(m * M, (m + 1) * M)) },
    ],
  };
}

/**
 * A closed form against simulation: reproduced when the combined p ≥ LEVEL and the wrong
 * formula is rejected (p < POWER_LEVEL) on the same recording.
 */
function fitClaim(rec: SpikeRecording, right: BinMatrix, wrong: BinMatrix, wrongName: string, plotTitle: string): ClaimResult {
  const f = jpsthGoodnessOfFit(rec, right), w = jpsthGoodnessOfFit(rec, wrong);
  const p = combined(f), pw = combined(w);
  const r = pValue('the closed form', `J of ${rec.trains.length} simulated trials`, p, LEVEL, FIT_REASON, {
    details: `${fitText(f)}; power: ${wrongName} gives p = ${pw.toExponential(1)} (must be < ${POWER_LEVEL})`,
    plot: rowPlot(plotTitle, rec, right, 8),
  });
  return pw < POWER_LEVEL ? r : { ...r, verdict: 'failed' };
}

const q31: Claim = {
  id: 'gatsby-q3.1', source: 'gatsby', question: 'Q3.1',
  statement: 'For two independent inhomogeneous Poisson cells with rate ρ(t), E[J_mn] = ρ(t_m)ρ(t_n)Δ² — exactly R_m R_n with R_m = ∫_bin m ρ dt.',
  method: `${TRIALS} trials of two cells, ρ(t) = 25 + 15 sin(t/50 ms) Hz over ${STOP} ms, Δ = 25 ms (poissonTrials), against expectedJpsthIndependent; power: the Q3.2 form with a gain factor 1.2 must be rejected.`,
  run(ctx) {
    const rec = poissonTrials(RATE, { stop: STOP, trials: TRIALS, rng: ctx.rng() });
    return fitClaim(rec, expectedJpsthIndependent(rate, bins), expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.2 }), 'a gain factor 1 + γ² = 1.2', 'Q3.1: JPSTH row, independent cells');
  },
};

const q31binned: Claim = {
  id: 'gatsby-q3.1-binned', source: 'gatsby', question: 'Q3.1',
  statement: "The exam's assumption that ρ is constant within a bin (ρ(t_m)ρ(t_n)Δ²) is the midpoint rule: its relative error is about Δ²ρ''/(12ρ), so it vanishes as Δ².",
  method: "The largest relative difference between the binned and the exact (bin-integrated) closed form over the 16 × 16 JPSTH, against twice the midpoint rule's leading error term max_m Δ²|ρ''(t_m)|/(24ρ(t_m)).",
  run() {
    const exact = expectedJpsthIndependent(rate, bins), binned = expectedJpsthIndependent(rate, bins, { form: 'binned' });
    let worst = 0;
    for (let i = 0; i < exact.values.length; i++) worst = Math.max(worst, Math.abs(binned.values[i] / exact.values[i] - 1));
    let predicted = 0;
    for (let m = 0; m < 16; m++) { const t = 12.5 + 25 * m; predicted = Math.max(predicted, (2 * 625 * (15 / 2500) * Math.abs(Math.sin(t / 50))) / (24 * rate(t))); }
    const widths = [20, 10, 5, 2.5];
    const total = (b: BinMatrix) => b.values.reduce((a, v) => a + v, 0);
    const err = widths.map((w) => { const b = { start: 0, stop: 320, width: w }; return Math.abs(total(expectedJpsthIndependent(rate, b, { form: 'binned' })) / total(expectedJpsthIndependent(rate, b)) - 1); });
    return compare(predicted, worst, { rel: 0.1, reason: 'the next term of the midpoint rule is O(Δ⁴ρ⁗/ρ), about 5% of the leading one at Δ = 25 ms against the 314 ms period' }, {
      details: `error of Σ_mn J_mn at Δ = ${widths.join(', ')} ms: ${err.map((x) => x.toExponential(2)).join(', ')} (ratios ${err.slice(1).map((x, k) => (err[k] / x).toFixed(3)).join(', ')}; Δ² gives 4)`,
      plot: { title: 'Q3.1: binned form error against Δ', x: { label: 'bin width Δ', unit: 'ms', log: true }, y: { label: 'relative error of Σ J', log: true }, series: [{ name: 'binned vs exact', x: widths, y: err, style: 'points' }, { name: 'Δ² (slope 2)', x: widths, y: widths.map((w) => (err[0] * w * w) / 400) }] },
    });
  },
};

const q32: Claim = {
  id: 'gatsby-q3.2', source: 'gatsby', question: 'Q3.2',
  statement: 'With a gain g⁽ᵏ⁾ shared by both cells on a trial (mean 1, variance γ²), E[J_mn] = (1 + γ²)ρ(t_m)ρ(t_n)Δ², since E[g²] = 1 + γ².',
  method: `${TRIALS} doubly stochastic trials (Gamma gain, γ² = 0.3; doublyStochasticTrials) against expectedJpsthDoublyStochastic; power: the gain factor dropped (the Q3.1 answer) must be rejected.`,
  run(ctx) {
    const rec = doublyStochasticTrials(RATE, { stop: STOP, trials: TRIALS, gainVariance: 0.3, rng: ctx.rng() });
    return fitClaim(rec, expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.3 }), expectedJpsthIndependent(rate, bins), 'the gain factor dropped', 'Q3.2: JPSTH row, shared trial gain');
  },
};

/**
 * Batch means: the recording cut into `batches` groups of trials, a statistic per group (iid
 * across groups), its mean and standard error, and the two-sided p of a t test against `expected`
 * for each component (Bonferroni over components).
 */
function batchTest(rec: SpikeRecording, batches: number, stat: (trains: Float64Array[][]) => ArrayLike<number>, expected: ArrayLike<number>) {
  const size = Math.floor(rec.trains.length / batches);
  const values = Array.from({ length: batches }, (_, g) => Array.from(stat(rec.trains.slice(g * size, (g + 1) * size))));
  const n = expected.length;
  const mean = Array.from({ length: n }, (_, d) => values.reduce((a, v) => a + v[d], 0) / batches);
  const se = mean.map((mu, d) => Math.sqrt(values.reduce((a, v) => a + (v[d] - mu) ** 2, 0) / (batches - 1) / batches));
  const t = mean.map((mu, d) => (mu - expected[d]) / se[d]);
  const p = Math.min(1, n * Math.min(...t.map((x) => studentTwoSidedP(x, batches - 1))));
  return { mean, se, t, p };
}

const q32excess: Claim = {
  id: 'gatsby-q3.2-excess', source: 'gatsby', question: 'Q3.2',
  statement: 'The gain adds γ²R_mR_n over the whole JPSTH — the same excess near the diagonal and far from it — unlike a fast coupling, which adds only near the diagonal.',
  method: `J − shuffle predictor divided by R_mR_n, averaged near the diagonal (|m − n| ≤ 1) and away from it, in 20 batches of ${TRIALS / 20} trials (the batches are iid; a t test with 19 dof per average, Bonferroni over the two).`,
  run(ctx) {
    const gamma2 = 0.3;
    const rec = doublyStochasticTrials(RATE, { stop: STOP, trials: TRIALS, gainVariance: gamma2, rng: ctx.rng() });
    const R = expectedJpsthIndependent(rate, bins).values, M = 16;
    const excessRatios = (trains: Float64Array[][]) => {
      const j = jpsth(trains, bins, { standardErrors: false });
      const ex = subtractMatrix(j, shufflePredictor(j)).values;
      let near = 0, far = 0, nn = 0, nf = 0;
      for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) { const r = ex[m * M + n] / R[m * M + n]; if (Math.abs(m - n) <= 1) { near += r; nn++; } else { far += r; nf++; } }
      return [near / nn, far / nf];
    };
    const b = batchTest(rec, 20, excessRatios, [gamma2, gamma2]);
    return pValue(`γ² = ${gamma2} near and far`, `${b.mean[0].toFixed(3)} ± ${b.se[0].toFixed(3)} near, ${b.mean[1].toFixed(3)} ± ${b.se[1].toFixed(3)} far`, b.p, LEVEL,
      `t test of batch means (19 dof), Bonferroni over the two regions: a correct claim fails with probability ${LEVEL}`);
  },
};

const DRIVE = { driverRate: 40, kernel: exponentialKernel({ tau: 10 }), alpha: 0.6, driveStart: -200 };

const q33: Claim = {
  id: 'gatsby-q3.3', source: 'gatsby', question: 'Q3.3',
  statement: 'Under common drive, E[J_mn] = R_mR_n + α²∫dτ ρ⁽³⁾(τ)K_m(τ)K_n(τ) with K_m(τ) = ∫_bin m k(t − τ)dt — a single integral over the driver’s spike time (binned: Δ²[ρ(t_m)ρ(t_n) + α²∫ρ⁽³⁾(τ)k(t_m − τ)k(t_n − τ)dτ]).',
  method: `${TRIALS} trials simulated exactly (no time grid; commonDriveTrials: exponential k with τ_k = 10 ms, ρ⁽³⁾ = 40 Hz, α = 0.6, driver from −200 ms) against expectedJpsthCommonDrive (Gauss–Legendre per bin pair); power: α instead of α² must be rejected.`,
  run(ctx) {
    const rec = commonDriveTrials({ ...DRIVE, stop: STOP, trials: TRIALS, rng: ctx.rng() });
    return fitClaim(rec, expectedJpsthCommonDrive(DRIVE, bins), expectedJpsthCommonDrive({ ...DRIVE, alpha: Math.sqrt(DRIVE.alpha) }, bins), 'α instead of α²', 'Q3.3: JPSTH row, common drive');
  },
};

const q33binned: Claim = {
  id: 'gatsby-q3.3-binned', source: 'gatsby', question: 'Q3.3',
  statement: 'When the kernel is faster than a bin (τ_k = 10 ms < Δ = 25 ms), taking ρ and k constant within a bin is wrong: the bin-integrated form K_m(τ) is needed.',
  method: 'The same simulation tested against the binned and the exact closed forms.',
  run(ctx) {
    const rec = commonDriveTrials({ ...DRIVE, stop: STOP, trials: TRIALS, rng: ctx.rng() });
    const exact = combined(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(DRIVE, bins)));
    const binned = combined(jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(DRIVE, bins, { form: 'binned' })));
    const ok = exact >= LEVEL && binned < POWER_LEVEL;
    return { expected: `binned rejected (p < ${POWER_LEVEL}), exact accepted (p ≥ ${LEVEL})`, measured: `binned p ${binned.toExponential(1)}, exact p ${exact.toPrecision(2)}`,
      error: binned, errorKind: 'p-value (binned)', tolerance: POWER_LEVEL, toleranceReason: FIT_REASON, verdict: ok ? 'reproduced' : 'failed' };
  },
};

const q33correlogram: Claim = {
  id: 'gatsby-q3.3-correlogram', source: 'gatsby', question: 'Q3.3',
  statement: 'The excess correlogram (J − shuffle predictor summed along the diagonals) is α²Σ_m C_m,m+d: peaked at lag 0 with a width set by τ_k.',
  method: `20 batches of ${TRIALS / 20} trials, lags −75 … 75 ms; a t test per lag (19 dof) against the closed form minus its own α = 0 value (R_mR_n does not depend on α), Bonferroni over the 7 lags.`,
  run(ctx) {
    const rec = commonDriveTrials({ ...DRIVE, stop: STOP, trials: TRIALS, rng: ctx.rng() });
    const lags = 3;
    const theory = crossCorrelogram(subtractMatrix(expectedJpsthCommonDrive(DRIVE, bins), expectedJpsthCommonDrive({ ...DRIVE, alpha: 0 }, bins)), { maxLag: lags });
    const b = batchTest(rec, 20, (trains) => { const j = jpsth(trains, bins, { standardErrors: false }); return crossCorrelogram(subtractMatrix(j, shufflePredictor(j)), { maxLag: lags }).values; }, theory.values);
    const x = Array.from(theory.times);
    return pValue(`α²ΣC at lag 0: ${theory.values[lags].toFixed(3)} pairs/trial`, `${b.mean[lags].toFixed(3)} ± ${b.se[lags].toFixed(3)}`, b.p, LEVEL,
      `t tests of batch means (19 dof), Bonferroni over 7 lags: a correct claim fails with probability ${LEVEL}`, {
        plot: { title: 'Q3.3: excess cross-correlogram', x: { label: 'lag (cell 2 − cell 1)', unit: 'ms' }, y: { label: 'excess pairs per trial' }, series: [{ name: 'J − shuffle predictor', x, y: b.mean, style: 'points' }, { name: 'α²ΣC (closed form)', x, y: Array.from(theory.values) }] },
      });
  },
};

export const claims: Claim[] = [q31, q31binned, q32, q32excess, q33, q33binned, q33correlogram, ...spikeTriggeredClaims];

export const slips: Slip[] = [
  {
    source: 'gatsby', location: 'Q3, definition of the JPSTH',
    printed: 'pairs (i, j) with t_i^{(1,k)} ∈ [(m−1)Δ, mΔ) and t_i^{(2,k)} ∈ [(n−1)Δ, nΔ)',
    correct: 't_j^{(2,k)} for cell 2: the pair is spike i of cell 1 and spike j of cell 2 (a typo no number can show)', claim: null,
  },
];

