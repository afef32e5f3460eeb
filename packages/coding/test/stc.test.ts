import { describe, expect, it } from 'vitest';
import { createRng, symmetricEigen } from '@neurobridge/core';
import { expectedJointWeight, jointWeights, summedWeights } from '../src/spikeTriggered/jointWeights.js';
import { lnPoisson } from '../src/spikeTriggered/lnModel.js';
import { principalAngles } from '../src/spikeTriggered/principalAngles.js';
import { poissonCount } from '../src/generation/randomVariates.js';
import { MAX_SHUFFLES, spikeTriggeredCovariance } from '../src/spikeTriggered/stc.js';
import { predictSpikeTriggered } from '../src/spikeTriggered/spikeTriggeredTheory.js';
import { gaussianStimulus, type Stimulus } from '../src/spikeTriggered/stimulus.js';
import { combo, dot, eigenvectorAngleBoundDeg, identity, lineAngleDeg, perpendicularChiSquare, unit } from './spikeTriggeredHelpers.js';

/** ΔC by the textbook formula over all frames (zeros included), prior = (1/T)Σ(x − m)(x − m)ᵀ. */
function denseDeltaC(s: Stimulus, w: ArrayLike<number>, prior?: number[][]): number[][] {
  const { data, frames: T, dim: D } = s;
  const mu = new Array(D).fill(0), m = new Array(D).fill(0);
  let W = 0;
  for (let t = 0; t < T; t++) { W += w[t]; for (let i = 0; i < D; i++) { mu[i] += w[t] * data[t * D + i]; m[i] += data[t * D + i] / T; } }
  for (let i = 0; i < D; i++) mu[i] /= W;
  return Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, j) => {
    let c = 0, p = 0;
    for (let t = 0; t < T; t++) {
      c += w[t] * (data[t * D + i] - mu[i]) * (data[t * D + j] - mu[j]);
      p += (data[t * D + i] - m[i]) * (data[t * D + j] - m[j]);
    }
    return c / W - (prior ? prior[i][j] : p / T);
  }));
}

/** z of the mean of x_t over blocks of `block` bins (batch means: valid for dependence shorter than a block). */
function batchZ(values: (t: number) => number, T: number, block: number): number {
  const sums: number[] = [];
  let s = 0;
  for (let t = 0; t < T; t++) { s += values(t); if ((t + 1) % block === 0) { sums.push(s); s = 0; } }
  const m = sums.reduce((a, b) => a + b, 0) / sums.length;
  const v = sums.reduce((a, b) => a + (b - m) ** 2, 0) / (sums.length - 1);
  return m / Math.sqrt(v / sums.length);
}

describe('spikeTriggeredCovariance: the formula and the shuffles', () => {
  const s = gaussianStimulus({ frames: 300, dim: 5, rng: createRng('stc-exact') });
  const w = Array.from({ length: 300 }, (_, t) => (t % 4 === 1 ? (t % 3) + 1 : 0));

  it('ΔC equals the dense formula to 1e-13 (prior from the frames, and a given prior); eigenpairs are core’s', () => {
    for (const prior of [undefined, identity(5)]) {
      const r = spikeTriggeredCovariance(s, w, prior ? { prior } : undefined);
      const ref = denseDeltaC(s, w, prior);
      for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) expect(Math.abs(r.covariance[i * 5 + j] - ref[i][j])).toBeLessThan(1e-13);
      const e = symmetricEigen(ref);
      for (let k = 0; k < 5; k++) expect(Math.abs(r.eigenvalues[k] - e.values[k])).toBeLessThan(1e-13);
      expect(r.significant).toEqual([]);
      expect(r.null).toBeUndefined();
    }
  });

  it('shifts are ≥ maxLag + 1 from 0: with T = 2L + 2 the only shift is L + 1, equal to rolling the weights', () => {
    const L = 149; // T = 300 = 2L + 2
    const r = spikeTriggeredCovariance(s, w, { shuffles: 5, maxLag: L, rng: createRng(3) });
    const rolled = new Array(300).fill(0);
    for (let t = 0; t < 300; t++) rolled[(t + L + 1) % 300] = w[t];
    const ref = spikeTriggeredCovariance(s, rolled);
    const n = r.null as NonNullable<typeof r.null>;
    for (let k = 0; k < 5; k++) {
      expect(Math.abs(n.largest[k] - ref.eigenvalues[0])).toBeLessThan(1e-13);
      expect(Math.abs(n.smallest[k] - ref.eigenvalues[4])).toBeLessThan(1e-13);
    }
    expect(() => spikeTriggeredCovariance(s, w, { shuffles: 5, maxLag: L + 1, rng: createRng(3) })).toThrow('stimulus.frames must be >= 2·maxLag + 2 = 302 for shifted shuffles; got 300');
  });

  it('bit-identical for the same rng; bad options', () => {
    const a = spikeTriggeredCovariance(s, w, { shuffles: 20, rng: createRng(9) });
    const b = spikeTriggeredCovariance(s, w, { shuffles: 20, rng: createRng(9) });
    expect(Buffer.from((a.null as NonNullable<typeof a.null>).largest.buffer).equals(Buffer.from((b.null as NonNullable<typeof b.null>).largest.buffer))).toBe(true);
    expect(() => spikeTriggeredCovariance(s, w, { shuffles: MAX_SHUFFLES + 1, rng: createRng(1) })).toThrow(`options.shuffles must be an integer in [0, ${MAX_SHUFFLES}]; got ${MAX_SHUFFLES + 1}`);
    expect(() => spikeTriggeredCovariance(s, w, { shuffles: 10 })).toThrow('options.rng must be a generator from createRng(seed); got undefined');
    expect(() => spikeTriggeredCovariance(s, w, { quantile: 0.5 })).toThrow('options.quantile must be in (0, 0.5); got 0.5');
    expect(() => spikeTriggeredCovariance(s, w, { maxLag: -1 })).toThrow('options.maxLag must be an integer >= 0; got -1');
    expect(() => spikeTriggeredCovariance(s, w, { prior: identity(4) })).toThrow('options.prior must be 5×5 to match the stimulus dim; got 4 rows');
    expect(() => spikeTriggeredCovariance(s, w, { prior: [[1, 2, 0, 0, 0], [0, 1, 0, 0, 0], [0, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 1]] })).toThrow('options.prior must be symmetric; got options.prior[0][1] = 2, options.prior[1][0] = 0');
    expect(() => spikeTriggeredCovariance(s, w, { suffles: 10 } as never)).toThrow('options.suffles is not an option (did you mean shuffles?');
    expect(() => spikeTriggeredCovariance(s, w.slice(1))).toThrow('weights must have length 300; got length 299');
  });

  it('calibration: weights independent of the stimulus give a significant eigenvalue in ≤ 4 of 20 data sets (family-wise ≈ 2q = 5%)', () => {
    let falsePositives = 0;
    for (let rep = 0; rep < 20; rep++) {
      const rng = createRng(`null-${rep}`);
      const st = gaussianStimulus({ frames: 4000, dim: 8, rng: rng.substream('stim') });
      const counts = Array.from({ length: 4000 }, () => poissonCount(rng, 0.2));
      const r = spikeTriggeredCovariance(st, counts, { shuffles: 60, rng: rng.substream('shuffles') });
      if (r.significant.length > 0) falsePositives++;
    }
    // Binomial(20, 0.05): P(≥ 5) = 0.003
    expect(falsePositives).toBeLessThanOrEqual(4);
  });
});

describe('Q3.5: the joint weighted ensemble supports STC analysis', () => {
  const D = 20, T = 60000, L = 3;
  const k = combo([0.6, -0.8], [unit(D, 4), unit(D, 13)]);
  // symmetric nonlinearities: E[w|x] is even in k·x, so the STA carries no information about k
  const f1 = (u: Float64Array) => 0.1 * (0.2 + u[0] * u[0]);
  const f2 = (u: Float64Array) => 0.2 * Math.cosh(0.8 * u[0]) - 0.1;
  const stimulus = gaussianStimulus({ frames: T, dim: D, rng: createRng('q5-stim') });
  const { counts } = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: f1 }, { filters: [k], nonlinearity: f2 }], rng: createRng('q5-cells') });
  const w = jointWeights(counts[0], counts[1], { maxLag: L });
  const r = spikeTriggeredCovariance(stimulus, w, { shuffles: 100, maxLag: L, quantile: 0.01, rng: createRng('q5-shuffles') });
  const nul = r.null as NonNullable<typeof r.null>;

  it('the STA misses k (not significant, χ² of all D components consistent with 0); one eigenvalue above the null, along k', () => {
    expect(r.staSignificant).toBe(false);
    expect(perpendicularChiSquare(r.sta, [unit(D, 0)], w).p).toBeGreaterThan(1e-3); // STA ≈ 0 off e_0 too
    expect(r.significant.length).toBe(1);
    expect(r.significant[0].sign).toBe(1);
    expect(r.eigenvalues[0]).toBeGreaterThan(3 * nul.upper);
    expect(r.eigenvalues[1]).toBeLessThan(nul.upper);
    expect(lineAngleDeg(r.significant[0].vector, k)).toBeLessThan(eigenvectorAngleBoundDeg(stimulus.data, D, w, k, r.eigenvalues[0]));
  });

  it('kᵀΔC k matches the quadrature prediction for F = f1 f2 + L(r1 f2 + r2 f1) (batch-means z within ±4); the product alone is rejected', () => {
    const r1 = 0.1 * 1.2, r2 = 0.2 * Math.exp(0.32) - 0.1; // E[u²] = 1, E[cosh(bu)] = e^{b²/2}
    const F = expectedJointWeight({ rate1: f1, rate2: f2, meanRate1: r1, meanRate2: r2, maxLag: L });
    const lambda = predictSpikeTriggered({ filters: [k], weight: F }).eigenvalues[0];
    const wrong = predictSpikeTriggered({ filters: [k], weight: (u) => f1(u) * f2(u) }).eigenvalues[0];
    const quad = (t: number) => dot(k, stimulus.data.subarray(t * D, (t + 1) * D)) ** 2;
    // Σ w_t((k·x_t)² − (1 + λ))/Σw ≈ kᵀΔC k − λ (the STA is ≈ 0: its effect is O(1/N))
    expect(Math.abs(batchZ((t) => w[t] * (quad(t) - 1 - lambda), T, 300))).toBeLessThan(4);
    expect(Math.abs(batchZ((t) => w[t] * (quad(t) - 1 - wrong), T, 300))).toBeGreaterThan(6);
  });

  it('a suppressive direction: a single cell with f = 0.5 e^{−(k·x)²/2} gives a significant negative eigenvalue ≈ −½', () => {
    const { counts: c } = lnPoisson({ stimulus, cells: [{ filters: [k], nonlinearity: (u) => 0.5 * Math.exp(-0.5 * u[0] * u[0]) }], rng: createRng('q5-supp') });
    const s = spikeTriggeredCovariance(stimulus, c[0], { shuffles: 60, rng: createRng('q5-supp-shuffles') });
    const last = s.significant.find((d) => d.sign === -1);
    expect(last?.index).toBe(D - 1);
    expect(lineAngleDeg(last?.vector as Float64Array, k)).toBeLessThan(eigenvectorAngleBoundDeg(stimulus.data, D, c[0], k, -0.5));
    // plug-in SE of kᵀĈk for iid (w, x) pairs with ~1.4e4 spikes: ≈ 0.01
    expect(Math.abs(s.eigenvalues[D - 1] + 0.5)).toBeLessThan(0.05);
  });
});

describe('Q3.6: the joint and the simple (n1 + n2) ensembles can find different subspaces', () => {
  const D = 20, T = 60000;
  const k1 = unit(D, 1), k2 = combo([Math.SQRT1_2, Math.SQRT1_2], [unit(D, 6), unit(D, 15)]);
  const stimulus = gaussianStimulus({ frames: T, dim: D, rng: createRng('q6-stim') });
  // orthogonal filters, exponential nonlinearities: f1 f2 = a² e^{(k1 + k2)·x}
  const a = 0.12;
  const { counts } = lnPoisson({
    stimulus, rng: createRng('q6-cells'),
    cells: [{ filters: [k1], nonlinearity: (u) => a * Math.exp(u[0]) }, { filters: [k2], nonlinearity: (u) => a * Math.exp(u[0]) }],
  });
  const opts = (seed: string, maxLag = 0) => ({ shuffles: 100, maxLag, quantile: 0.01, rng: createRng(seed) });
  const diff = combo([1, -1], [k1, k2]), sum = combo([1, 1], [k1, k2]);

  it('simultaneous pairs (maxLag = 0): the joint ensemble is a shifted Gaussian — STA ∝ k1 + k2, no significant eigenvalue', () => {
    const w = jointWeights(counts[0], counts[1], { maxLag: 0 });
    const r = spikeTriggeredCovariance(stimulus, w, opts('q6-joint'));
    expect(r.staSignificant).toBe(true);
    expect(perpendicularChiSquare(r.sta, [sum], w).p).toBeGreaterThan(1e-3);
    expect(r.significant).toEqual([]);
  });

  it('the simple ensemble is a mixture: STA ∝ k1 + k2 and a significant eigenvalue ≈ ½ along k1 − k2 (2-D span{k1, k2})', () => {
    const w = summedWeights(counts[0], counts[1]);
    const r = spikeTriggeredCovariance(stimulus, w, opts('q6-simple'));
    expect(perpendicularChiSquare(r.sta, [sum], w).p).toBeGreaterThan(1e-3);
    expect(r.significant.length).toBe(1);
    const unitDiff = diff.map((v) => v * Math.SQRT1_2);
    const bound = eigenvectorAngleBoundDeg(stimulus.data, D, w, unitDiff, 0.5);
    expect(lineAngleDeg(r.significant[0].vector, diff)).toBeLessThan(bound);
    expect(Math.abs(dot(r.significant[0].vector, diff) ** 2 / 2 * r.eigenvalues[0] - 0.5)).toBeLessThan(0.06); // predicted ½ (SE ≈ 0.015)
    expect(principalAngles([r.sta, r.significant[0].vector], [k1, k2])[1] * 180 / Math.PI).toBeLessThan(bound);
  });

  it('power of "no eigenvalue" for the joint ensemble: the simple weights thinned to the same Σw still show the k1 − k2 eigenvalue', () => {
    const joint = jointWeights(counts[0], counts[1], { maxLag: 0 });
    const simple = summedWeights(counts[0], counts[1]);
    const keep = joint.reduce((x, y) => x + y, 0) / simple.reduce((x, y) => x + y, 0);
    const rng = createRng('thin');
    // binomial thinning, independent of the stimulus: E[w|x] keeps its shape
    const thinned = simple.map((n) => { let m = 0; for (let i = 0; i < n; i++) if (rng.uniform() < keep) m++; return m; });
    const r = spikeTriggeredCovariance(stimulus, thinned, opts('q6-thin'));
    expect(r.significant.length).toBeGreaterThanOrEqual(1);
    const bound = eigenvectorAngleBoundDeg(stimulus.data, D, thinned, diff.map((v) => v * Math.SQRT1_2), 0.5);
    expect(lineAngleDeg(r.significant[0].vector, diff)).toBeLessThan(bound);
  });

  it('with lagged pairs and iid frames (maxLag = 5) the joint ensemble also turns 2-D: E[w|x] = f1 f2 + L(r1 f2 + r2 f1), eigenvalue 5/11 along k1 − k2', () => {
    const L = 5;
    const w = jointWeights(counts[0], counts[1], { maxLag: L });
    const r = spikeTriggeredCovariance(stimulus, w, opts('q6-lag', L));
    const F = expectedJointWeight({ rate1: (u) => a * Math.exp(u[0]), rate2: (u) => a * Math.exp(u[1]), meanRate1: a * Math.exp(0.5), meanRate2: a * Math.exp(0.5), maxLag: L });
    const p = predictSpikeTriggered({ filters: [k1, k2], weight: F });
    expect(Math.abs(p.eigenvalues[0] - 5 / 11)).toBeLessThan(1e-13); // mixture weights 1 : L : L of shifts k1 + k2, k1, k2
    expect(r.significant.length).toBeGreaterThanOrEqual(1);
    const unitDiff = diff.map((v) => v * Math.SQRT1_2);
    expect(lineAngleDeg(r.significant[0].vector, diff)).toBeLessThan(eigenvectorAngleBoundDeg(stimulus.data, D, w, unitDiff, 5 / 11));
  });

  it('same subspace when both cells share it (K1 = K2 = k): both ensembles give span{k}', () => {
    const k = combo([0.6, 0.8], [unit(D, 3), unit(D, 8)]);
    const { counts: c } = lnPoisson({
      stimulus, rng: createRng('q6-same'),
      cells: [{ filters: [k], nonlinearity: (u) => 0.1 * (1 + u[0] * u[0]) }, { filters: [k], nonlinearity: (u) => 0.1 * Math.exp(0.7 * u[0]) }],
    });
    for (const [name, w] of [['joint', jointWeights(c[0], c[1], { maxLag: 2 })], ['simple', summedWeights(c[0], c[1])]] as const) {
      const r = spikeTriggeredCovariance(stimulus, w, opts(`q6-same-${name}`, 2));
      expect(r.staSignificant).toBe(true);
      expect(perpendicularChiSquare(r.sta, [k], w).p).toBeGreaterThan(1e-3);
      for (const d of r.significant) expect(lineAngleDeg(d.vector, k)).toBeLessThan(eigenvectorAngleBoundDeg(stimulus.data, D, w, k, d.value));
      expect(r.significant.length).toBe(1);
    }
  });
});
