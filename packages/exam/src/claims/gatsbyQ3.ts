// Gatsby 2021, question 3 (coding): the JPSTH of two cells (Q3.1–Q3.3) and spike-triggered
// analysis of their joint responses (Q3.4–Q3.6), on @neurobridge/coding. The exam prints no
// solution to question 3: `expected` is the derived answer, checked against simulation.
import {
  commonDriveTrials, crossCorrelogram, doublyStochasticTrials, expectedJpsthCommonDrive, expectedJpsthDoublyStochastic,
  expectedJpsthIndependent, exponentialKernel, jpsth, jpsthGoodnessOfFit, poissonTrials, shufflePredictor, subtractMatrix,
  type BinMatrix, type JpsthFit, type SpikeRecording,
} from '@neurobridge/coding';
import { compare, pValue } from '../judge.js';
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

export const claims: Claim[] = [q31];
export const slips: Slip[] = [
  {
    source: 'gatsby', location: 'Q3, definition of the JPSTH',
    printed: 'pairs (i, j) with t_i^{(1,k)} ∈ [(m−1)Δ, mΔ) and t_i^{(2,k)} ∈ [(n−1)Δ, nΔ)',
    correct: 't_j^{(2,k)} for cell 2: the pair is spike i of cell 1 and spike j of cell 2 (a typo no number can show)', claim: null,
  },
];

