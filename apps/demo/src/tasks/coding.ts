// Worker tasks of the coding page (Gatsby Q3.1–Q3.3): simulate two cells over many trials under
// one of the three generative models, and compute the PSTHs, the JPSTH, the shuffle-corrected
// cross-correlogram and the model's closed-form expected JPSTH, with a goodness-of-fit test.
import { createRng } from '@neurobridge/core';
import {
  commonDriveTrials, crossCorrelogram, doublyStochasticTrials, expectedJpsthCommonDrive, expectedJpsthDoublyStochastic,
  expectedJpsthIndependent, exponentialKernel, jpsth, jpsthGoodnessOfFit, poissonTrials, resolveBins, shufflePredictor,
  subtractMatrix, type BinMatrix, type SpikeRecording,
} from '@neurobridge/coding';

export type CodingModel = 'independent' | 'gain' | 'drive';

export interface CodingParams {
  model: CodingModel;
  /** common drive: the share α of the intensity through the driver, in [0, 1] */
  alpha: number;
  /** doubly stochastic: the variance γ² of the trial gain */
  gamma2: number;
  /** the exponential kernel's time constant, ms */
  tau: number;
  /** number of trials K */
  trials: number;
  /** mean rate of the driver ρ⁽³⁾ (and so of the cells), Hz */
  rate: number;
  /** the random seed */
  seed: number;
}

/** The window and bins: 480 ms in 24 bins of Δ = 20 ms. */
export const STOP = 480, WIDTH = 20;
/** Period of the driver's rate modulation, ms, and its depth. */
const PERIOD = 240, DEPTH = 0.5;
/** Trials drawn in the raster. */
const RASTER_TRIALS = 20;
/** Largest |lag| of the correlogram, in bins. */
const MAX_LAG = 10;

export interface CodingResult {
  size: number;
  /** bin centres, ms */
  centres: Float64Array;
  /** measured JPSTH and the closed form, row-major (m = cell-1 bin) */
  measured: Float64Array;
  expected: Float64Array;
  /** the excess: measured J − shuffle predictor, and the closed form's E − R⊗R */
  excess: Float64Array;
  expectedExcess: Float64Array;
  /** PSTHs of the two cells and the model rate averaged over each bin, Hz */
  psth1: Float64Array;
  psth2: Float64Array;
  modelRate: Float64Array;
  /** standard error of the cell-1 PSTH, Hz */
  psthSe: Float64Array;
  /** correlogram: lag (ms), measured Σ_m (J − shuffle)_{m,m+d}, closed form Σ_m (E − R⊗R)_{m,m+d} */
  lags: Float64Array;
  cchMeasured: Float64Array;
  cchExpected: Float64Array;
  /** raster: spike time (ms) and row (trial) of the first trials */
  raster: { x1: number[]; y1: number[]; x2: number[]; y2: number[]; xd: number[]; yd: number[] };
  /** summary numbers */
  spikesPerTrial: [number, number];
  pairsPerTrial: number;
  expectedPairsPerTrial: number;
  fit: { blocks: number; p: number; pIndependent: number | null } | null;
  ms: number;
}

const sum = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]; return s; };

export const codingTasks = {
  /** Simulate the chosen model and compute every statistic the coding page draws. */
  'coding.run'(p: CodingParams, progress: (f: number) => void): CodingResult {
    const t0 = performance.now();
    const { model, alpha, gamma2, tau, trials, rate, seed } = p;
    if (!(alpha >= 0 && alpha <= 1)) throw new RangeError('α must be in [0, 1]');
    if (!(gamma2 >= 0)) throw new RangeError('γ² must be ≥ 0');
    if (!(tau > 0)) throw new RangeError('τ must be > 0');
    if (!(Number.isInteger(trials) && trials >= 2)) throw new RangeError('trials must be a whole number ≥ 2');
    if (!(rate > 0)) throw new RangeError('rate must be > 0');
    const bins = { stop: STOP, width: WIDTH }, b = resolveBins(bins), M = b.count;
    const kernel = exponentialKernel({ tau });
    const driverRate = { rate: (t: number) => rate * (1 + DEPTH * Math.sin((2 * Math.PI * t) / PERIOD)), max: rate * (1 + DEPTH) };
    const driveStart = -10 * tau; // the driver fires long enough before the window for ρ = k ∗ ρ⁽³⁾ to have settled
    // ρ(t) = (k ∗ ρ⁽³⁾)(t) from driveStart, the cells' mean rate in all three models; in closed form for the
    // exponential kernel and the sinusoidal driver (equal to coding's quadrature of it to 1e-13 Hz, 15× faster)
    const w = (2 * Math.PI) / PERIOD, q = w * tau, phase0 = Math.sin(w * driveStart) - q * Math.cos(w * driveStart);
    const cellRate = {
      rate: (t: number) => { const e = Math.exp(-(t - driveStart) / tau); return rate * (1 - e + (DEPTH * (Math.sin(w * t) - q * Math.cos(w * t) - e * phase0)) / (1 + q * q)); },
      max: rate * (1 + DEPTH),
    };
    const rng = createRng(`coding ${seed}`);
    let rec: SpikeRecording;
    if (model === 'independent') rec = poissonTrials(cellRate, { stop: STOP, trials, rng });
    else if (model === 'gain') rec = doublyStochasticTrials(cellRate, { stop: STOP, trials, gainVariance: gamma2, rng });
    else rec = commonDriveTrials({ driverRate, kernel, alpha, driveStart, stop: STOP, trials, rng });
    progress(0.4);

    const J = jpsth(rec, bins);
    const indep = expectedJpsthIndependent(cellRate, bins);
    let E: BinMatrix;
    if (model === 'independent') E = indep;
    else if (model === 'gain') E = expectedJpsthDoublyStochastic(cellRate, bins, { gainVariance: gamma2 });
    else E = expectedJpsthCommonDrive({ driverRate, kernel, alpha, driveStart }, bins);
    progress(0.7);

    const excess = subtractMatrix(J, shufflePredictor(J)), expectedExcess = subtractMatrix(E, indep);
    const cchM = crossCorrelogram(excess, { maxLag: MAX_LAG });
    const cchE = crossCorrelogram(expectedExcess, { maxLag: MAX_LAG });
    // R_m = ∫_bin m ρ is the square root of the independent closed form's diagonal R_m R_m
    const modelRate = Float64Array.from({ length: M }, (_, m) => (1000 * Math.sqrt(indep.values[m * M + m])) / WIDTH);

    // goodness of fit: Hotelling's T² on B × B blocks needs K ≥ 10·B²
    const B = [4, 3, 2].find((k) => trials >= 10 * k * k);
    let fit: CodingResult['fit'] = null;
    if (B !== undefined) {
      const p1 = jpsthGoodnessOfFit(rec, E, { blocks: B }).blocks.p;
      const p0 = model === 'independent' ? null : jpsthGoodnessOfFit(rec, indep, { blocks: B }).blocks.p;
      fit = { blocks: B, p: p1, pIndependent: p0 };
    }
    progress(0.9);

    const raster: CodingResult['raster'] = { x1: [], y1: [], x2: [], y2: [], xd: [], yd: [] };
    for (let k = 0; k < Math.min(RASTER_TRIALS, trials); k++) {
      const [a, c] = rec.trains[k];
      for (const t of a) { raster.x1.push(t); raster.y1.push(k + 1); }
      for (const t of c) { raster.x2.push(t); raster.y2.push(k + 1.3); }
      const d = rec.driver?.[k];
      if (d) for (const t of d) if (t >= 0 && t < STOP) { raster.xd.push(t); raster.yd.push(k + 1.6); }
    }
    let n1 = 0, n2 = 0;
    for (const tr of rec.trains) { n1 += tr[0].length; n2 += tr[1].length; }
    const centres = Float64Array.from({ length: M }, (_, m) => (m + 0.5) * WIDTH);
    return {
      size: M, centres, measured: J.values, expected: E.values, excess: excess.values, expectedExcess: expectedExcess.values,
      psth1: J.psth1.rate, psth2: J.psth2.rate, psthSe: J.psth1.se.map((s) => (1000 * s) / WIDTH), modelRate,
      lags: cchM.times, cchMeasured: cchM.values, cchExpected: cchE.values,
      raster, spikesPerTrial: [n1 / trials, n2 / trials], pairsPerTrial: sum(J.values), expectedPairsPerTrial: sum(E.values),
      fit, ms: performance.now() - t0,
    };
  },
};
