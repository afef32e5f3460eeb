import { integerInRange, knownKeys, positiveNumber, show, solve } from '@neurobridge/core';
import { optionsObject } from '../options.js';
import { addCounts } from '../statistics/binCounts.js';
import { resolveBins, type Bins } from '../statistics/bins.js';
import { chiSquareSurvival, normalTwoSidedP } from '../statistics/chiSquare.js';
import { checkBinMatrix, checkCells, jpsth, type BinMatrix } from '../statistics/jpsth.js';
import { checkRecording, type RecordingInput } from '../generation/spikeTrains.js';

/**
 * How well a recording's JPSTH matches an expected JPSTH (a closed form).
 * @category Closed forms
 */
export interface JpsthFit {
  /** per bin pair, z_mn = (J_mn − E_mn)/se_mn (0 where not tested) */
  readonly z: Float64Array;
  /** bin pairs tested: expected pairs over all trials K·E_mn ≥ minExpectedPairs and se > 0 */
  readonly tested: number;
  /** the largest |z| over the tested bins */
  readonly maxAbsZ: number;
  /** Bonferroni family-wise p of maxAbsZ: min(1, tested · P(|Z| > maxAbsZ)), valid under any dependence */
  readonly bonferroniP: number;
  /** Hotelling's T² on the trial-by-trial joint counts summed over B × B blocks, against χ²(B²) */
  readonly blocks: {
    /** T² = K d̄ᵀS⁻¹d̄ over the B² block sums */
    readonly statistic: number;
    /** degrees of freedom of the χ² reference, B² */
    readonly dof: number;
    /** P(χ²_dof > T²) */
    readonly p: number;
  };
  /** z of the mean total pairs per trial, N⁽¹⁾N⁽²⁾, against Σ E_mn, with its two-sided p */
  readonly total: {
    /** (mean of N⁽¹⁾N⁽²⁾ over trials − Σ E_mn)/its standard error (0 when the SE is 0) */
    readonly z: number;
    /** two-sided normal p of z, P(|Z| > |z|) */
    readonly p: number;
  };
}

/**
 * Options of jpsthGoodnessOfFit.
 * @category Closed forms
 */
export interface JpsthFitOptions {
  /** the two cells. @default [0, 1] */
  readonly cells?: readonly [number, number];
  /** B: the window is cut into B equal blocks per cell for the Hotelling test (B must divide the bins). @default 4 */
  readonly blocks?: number;
  /** a bin pair enters the per-bin test when K·E_mn reaches this (the z is near normal then). @default 25 */
  readonly minExpectedPairs?: number;
}

/**
 * Test a recording against an expected JPSTH with three statistics of known distribution:
 * - per bin pair z_mn = (J_mn − E_mn)/se_mn, se from the trials (asymptotically N(0, 1) per
 *   bin), combined by Bonferroni over the tested bins;
 * - Hotelling's T² = K d̄ᵀS⁻¹d̄ on the B² block sums of each trial's joint counts,
 *   (Σ_{m∈a} n⁽¹⁾_m)(Σ_{n∈b} n⁽²⁾_n) minus their expectation (trials are independent, so
 *   T² → χ²(B²) as K grows; K ≥ 10·B² is required);
 * - z of the total pairs per trial N⁽¹⁾N⁽²⁾.
 * A correct formula gives p-values uniform on [0, 1]; a wrong one drives them to 0.
 * @category Closed forms
 */
export function jpsthGoodnessOfFit(recording: RecordingInput, expected: BinMatrix, options?: JpsthFitOptions): JpsthFit {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['cells', 'blocks', 'minExpectedPairs']);
  const cells = checkCells(o.cells);
  checkBinMatrix('expected', expected);
  const b = resolveBins(expected.bins, 'expected.bins'), M = expected.size;
  for (let i = 0; i < expected.values.length; i++) {
    if (!Number.isFinite(expected.values[i])) throw new RangeError(`expected.values[${i}] must be finite; got ${show(expected.values[i])}`);
  }
  const B = integerInRange('blocks', o.blocks === undefined ? 4 : o.blocks, 1, M);
  if (M % B !== 0) throw new RangeError(`blocks must divide the ${M} bins of expected${o.blocks === undefined ? ' (default 4)' : ''}; got ${B}`);
  const minPairs = positiveNumber('minExpectedPairs', o.minExpectedPairs === undefined ? 25 : o.minExpectedPairs);
  const trains = checkRecording(recording, cells);
  const K = trains.length;
  if (K < 10 * B * B) throw new RangeError(`recording must have at least 10·blocks² = ${10 * B * B} trials for the block test; got ${K}`);
  const j = jpsth(trains, b, { cells });
  const perBin = perBinZ(j.values, j.se as Float64Array, expected.values, K, minPairs);
  const blockSums = trialBlockProducts(trains, cells, b, B);
  return { ...perBin, blocks: hotelling(blockSums, blockExpectation(expected, B), K), total: totalPairs(blockSums, expected, K, B) };
}

function perBinZ(J: Float64Array, se: Float64Array, E: Float64Array, K: number, minPairs: number) {
  const z = new Float64Array(J.length);
  let tested = 0, maxAbsZ = 0;
  for (let i = 0; i < J.length; i++) {
    if (!(K * E[i] >= minPairs) || !(se[i] > 0)) continue;
    z[i] = (J[i] - E[i]) / se[i];
    tested++;
    maxAbsZ = Math.max(maxAbsZ, Math.abs(z[i]));
  }
  return { z, tested, maxAbsZ, bonferroniP: tested === 0 ? 1 : Math.min(1, tested * normalTwoSidedP(maxAbsZ)) };
}

/** Per trial, the B² products (counts of cell 1 in block a)·(counts of cell 2 in block b). */
function trialBlockProducts(trains: Float64Array[][], cells: readonly [number, number], b: Bins, B: number): Float64Array[] {
  const coarse: Bins = { start: b.start, stop: b.stop, width: (b.stop - b.start) / B, count: B };
  return trains.map((trial) => {
    const n1 = new Float64Array(B), n2 = new Float64Array(B);
    addCounts(trial[cells[0]], coarse, n1);
    addCounts(trial[cells[1]], coarse, n2);
    const out = new Float64Array(B * B);
    for (let a = 0; a < B; a++) for (let c = 0; c < B; c++) out[a * B + c] = n1[a] * n2[c];
    return out;
  });
}

function blockExpectation(e: BinMatrix, B: number): Float64Array {
  const M = e.size, w = M / B, out = new Float64Array(B * B);
  for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) out[Math.floor(m / w) * B + Math.floor(n / w)] += e.values[m * M + n];
  return out;
}

/** Hotelling's one-sample T² = K d̄ᵀ S⁻¹ d̄ with S the sample covariance of the per-trial vectors. */
function hotelling(x: Float64Array[], mu: Float64Array, K: number) {
  const p = mu.length;
  const mean = new Float64Array(p);
  for (const v of x) for (let i = 0; i < p; i++) mean[i] += v[i] / K;
  const S = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const v of x) for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) S[i][k] += ((v[i] - mean[i]) * (v[k] - mean[k])) / (K - 1);
  const d = Array.from(mean, (m, i) => m - mu[i]);
  const y = solve(S, d);
  let t2 = 0;
  for (let i = 0; i < p; i++) t2 += K * d[i] * y[i];
  return { statistic: t2, dof: p, p: chiSquareSurvival(t2, p) };
}

function totalPairs(blockSums: Float64Array[], e: BinMatrix, K: number, B: number) {
  let expected = 0;
  for (let i = 0; i < e.values.length; i++) expected += e.values[i];
  let s = 0, s2 = 0;
  for (const v of blockSums) {
    let t = 0;
    for (let i = 0; i < B * B; i++) t += v[i];
    s += t;
    s2 += t * t;
  }
  const mean = s / K, se = Math.sqrt(Math.max(0, s2 / K - mean * mean) / (K - 1));
  const z = se > 0 ? (mean - expected) / se : 0;
  return { z, p: normalTwoSidedP(z) };
}
