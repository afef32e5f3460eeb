import { describe, expect, it } from 'vitest';
import { activations, createRng, symmetricEigen } from '@neurobridge/core';
import { mlp, type Mlp } from '../src/layered/mlp.js';
import { mlpForward } from '../src/layered/mlpForward.js';
import { mlpBackward } from '../src/layered/mlpBackward.js';
import {
  applyWeightChange, empiricalNtk, fitPowerLaw, linearize, linearizedLoss, linearizedOutput, linearizedPredict,
  solveCoefficients, tangentFeatures, trainFullBatch, weightChange, type WeightChange,
} from '../src/ntk/index.js';

const { tanh, linear } = activations;

function makeNet(sizes: number[], seed: string): Mlp {
  return mlp({ sizes, activations: sizes.slice(1).map((_, k) => (k === sizes.length - 2 ? linear : tanh)), bias: false, init: 'lecun', rng: createRng(seed) });
}
function randomInputs(p: number, d: number, seed: string): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: p }, () => Array.from(rng.normals(d)));
}
function trueLoss(net: Mlp, xs: number[][], ys: number[]): number {
  const out = mlpForward(net, Float64Array.from(xs.flat()), xs.length).x[net.sizes.length - 1];
  return ys.reduce((s, y, mu) => s + 0.5 * (y - out[mu]) ** 2, 0);
}
function norm(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}
function diffNorm(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}
function maxEigen(C: Float64Array, p: number): number {
  return symmetricEigen(Array.from({ length: p }, (_, i) => Array.from(C.subarray(i * p, (i + 1) * p)))).values[0];
}

describe('Q1: the linearised loss Eq. (8) equals the true loss Eq. (6) up to O(|Δw|²)', () => {
  it('the gap |L(w + sD) − L_lin(sD)| has slope 2 in s on a log–log plot', () => {
    const net = makeNet([4, 32, 32, 1], 'q1');
    const xs = randomInputs(6, 4, 'q1-x');
    const ys = [0.5, -1, 0.3, 1.2, -0.4, 0.8];
    const model = linearize(net, xs);
    const rng = createRng('q1-dir');
    const D: WeightChange = { weights: net.weights.map((w) => rng.normals(w.length).map((v) => v / Math.sqrt(w.length))), biases: [] };
    const s = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 1e-1];
    const gap = s.map((si) => {
      const Ds: WeightChange = { weights: D.weights.map((w) => w.map((v) => si * v)), biases: [] };
      return Math.abs(trueLoss(applyWeightChange(net, D, si), xs, ys) - linearizedLoss(model, ys, Ds));
    });
    const fit = fitPowerLaw(s, gap);
    // second-order remainder: slope 2; the s³ term shifts it by at most ~ s_max·|L'''|/|L''| ≈ 0.02 here
    expect(Math.abs(fit.exponent - 2)).toBeLessThan(0.03);
    // and the linear term really cancels: the gap relative to the first-order change vanishes like s
    expect(fit.r2).toBeGreaterThan(0.999);
  });
});

describe('Q2–Q3: gradient descent on the linearised loss with per-layer learning rates', () => {
  const sizes = [5, 16, 16, 1];
  const net = makeNet(sizes, 'q2');
  const xs = randomInputs(6, 5, 'q2-x');
  const ys = [1, -0.5, 0.25, 0.7, -1.1, 0.4];
  const rates = [1, 4, 0.25];
  const model = linearize(net, xs, { layerRates: rates });
  const p = 6;
  const K = 3;
  const eta = 1 / maxEigen(model.kernel.total, p);
  const run = trainFullBatch(net, xs, ys, { learningRate: eta, layerRates: rates, model: 'linearized', steps: 200000, tolerance: 1e-26, recordEvery: 50 });

  /** Σ_μ b_μ x̃^l_μ with x̃^l_μ = ∂f/∂h^l_μ (x^{l−1}_μ)ᵀ, by explicit outer products. */
  function combine(k: number, b: ArrayLike<number>): Float64Array {
    const nIn = sizes[k], nOut = sizes[k + 1];
    const out = new Float64Array(nIn * nOut);
    for (let mu = 0; mu < p; mu++) for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) out[i * nIn + j] += b[mu] * model.features.g[k][mu * nOut + i] * model.features.x[k][mu * nIn + j];
    return out;
  }
  /** least-squares coefficients b of Δw^l on the features x̃^l_μ: (x̃_μ·x̃_ν) b = x̃_μ·Δw^l */
  function project(k: number, D: Float64Array): Float64Array {
    const G = model.kernel.perLayer[k].map((v) => v * sizes[k]);
    const r = new Float64Array(p);
    const nIn = sizes[k], nOut = sizes[k + 1];
    for (let mu = 0; mu < p; mu++) for (let i = 0; i < nOut; i++) for (let j = 0; j < nIn; j++) r[mu] += model.features.g[k][mu * nOut + i] * model.features.x[k][mu * nIn + j] * D[i * nIn + j];
    // tiny Gaussian elimination with partial pivoting (independent of the library's Cholesky)
    const A = Array.from({ length: p }, (_, i) => [...Array.from(G.subarray(i * p, (i + 1) * p)), r[i]]);
    for (let c = 0; c < p; c++) {
      let piv = c;
      for (let i = c + 1; i < p; i++) if (Math.abs(A[i][c]) > Math.abs(A[piv][c])) piv = i;
      [A[c], A[piv]] = [A[piv], A[c]];
      for (let i = c + 1; i < p; i++) {
        const m = A[i][c] / A[c][c];
        for (let j = c; j <= p; j++) A[i][j] -= m * A[c][j];
      }
    }
    const b = new Float64Array(p);
    for (let i = p - 1; i >= 0; i--) {
      let s = A[i][p];
      for (let j = i + 1; j < p; j++) s -= A[i][j] * b[j];
      b[i] = s / A[i][i];
    }
    return b;
  }

  it('converges (the overparameterised linear model fits the data exactly)', () => {
    expect(run.status).toBe('converged');
    expect(run.loss[run.loss.length - 1]).toBeLessThanOrEqual(1e-26);
  });

  it('the residual follows ε_t = (I − ηC)^t ỹ exactly (function-space dynamics of the linear model)', () => {
    let eps = Float64Array.from(ys, (y, mu) => y - model.f0[mu]);
    const C = model.kernel.total;
    for (let t = 0; t <= 500; t++) {
      const r = run.recordedSteps.indexOf(t);
      if (r >= 0) expect(Math.abs(run.loss[r] - 0.5 * norm(eps) ** 2)).toBeLessThan(1e-12 * Math.max(1e-3, run.loss[r]));
      const next = new Float64Array(p);
      for (let i = 0; i < p; i++) {
        let s = eps[i];
        for (let j = 0; j < p; j++) s -= eta * C[i * p + j] * eps[j];
        next[i] = s;
      }
      eps = next;
    }
  });

  it('Q2: Δw^l lies in the span of the x̃^l_μ, with coefficients γ^l a_μ / N_l: the same a_μ in every layer (Eq. 32)', () => {
    const perLayerA: Float64Array[] = [];
    for (let k = 0; k < K; k++) {
      const D = run.weightChange.weights[k];
      const b = project(k, D);
      // in the span: the least-squares remainder is rounding (Gaussian elimination on an O(1)-conditioned Gram)
      expect(diffNorm(combine(k, b), D)).toBeLessThan(1e-9 * norm(D));
      perLayerA.push(b.map((v) => (v * sizes[k]) / model.kernel.gamma[k]));
    }
    for (let k = 0; k < K; k++) {
      // a recovered from each layer separately agrees with the trainer's accumulated η Σ_t ε_μ(t) (Eq. 31)
      expect(diffNorm(perLayerA[k], run.coefficients)).toBeLessThan(1e-7 * norm(run.coefficients));
    }
  });

  it('Q2: the naive answer (Eq. 11/34 with one a for every layer, (Σ_l C^l) a = ỹ) misses the weight change when the rates differ', () => {
    const Csum = new Float64Array(p * p);
    model.kernel.perLayer.forEach((C) => C.forEach((v, i) => (Csum[i] += v)));
    const naiveModel = { ...model, kernel: { ...model.kernel, total: Csum, gamma: new Float64Array(K).fill(1) } };
    const aNaive = solveCoefficients(naiveModel, ys).a;
    const naive = weightChange(naiveModel, aNaive);
    const errs = naive.weights.map((D, k) => diffNorm(D, run.weightChange.weights[k]) / norm(run.weightChange.weights[k]));
    // with γ = (1, 4, 0.25)/5.25 the naive layer changes are off by O(1) factors (measured 0.54, 0.78, 6.1 per layer)
    expect(Math.max(...errs)).toBeGreaterThan(0.5);
    // while the naive fit still interpolates: it is a solution of Eq. (12), just not the one gradient descent finds
    const fNaive = linearizedOutput(model, naive);
    expect(diffNorm(fNaive, ys)).toBeLessThan(1e-9);
  });

  it('Q3: a from ỹ = C a (Eq. 37) reproduces the gradient-descent weight change through Eq. (32)', () => {
    const { a, residual } = solveCoefficients(model, ys);
    expect(diffNorm(a, run.coefficients)).toBeLessThan(1e-7 * norm(a));
    const D = weightChange(model, a);
    for (let k = 0; k < K; k++) expect(diffNorm(D.weights[k], run.weightChange.weights[k])).toBeLessThan(1e-7 * norm(D.weights[k]));
    // and it fits: f_lin(w + Δw) = y
    expect(diffNorm(linearizedOutput(model, D), ys)).toBeLessThan(1e-10);
    expect(diffNorm(residual, ys.map((y, mu) => y - model.f0[mu]))).toBe(0);
    // linearizedPredict at the training inputs is linearizedOutput
    expect(diffNorm(linearizedPredict(model, D, xs), linearizedOutput(model, D))).toBeLessThan(1e-13);
  });
});

describe('trainFullBatch on the network', () => {
  it('one step equals w − η (γ^l/N_l) ∂L/∂w^l with the gradient from mlpBackward', () => {
    const sizes = [3, 7, 5, 1];
    const net = mlp({ sizes, activations: [tanh, tanh, linear], bias: true, biasInit: 0.2, rng: createRng('step') });
    const xs = randomInputs(4, 3, 'step-x');
    const ys = [0.1, -0.2, 0.3, 0.4];
    const rates = [2, 1, 3];
    const eta = 0.7;
    const res = trainFullBatch(net, xs, ys, { learningRate: eta, layerRates: rates, steps: 1 });
    const X = Float64Array.from(xs.flat());
    const cache = mlpForward(net, X, 4);
    const f = cache.x[3];
    const grads = mlpBackward(net, cache, Float64Array.from(ys, (y, mu) => -(y - f[mu])));
    for (let k = 0; k < 3; k++) {
      const c = (eta * rates[k]) / 6 / sizes[k];
      const expected = net.weights[k].map((w, q) => w - c * grads.gradW[k][q]);
      expect(diffNorm(res.net.weights[k], expected)).toBeLessThan(1e-15 * norm(expected));
      const eb = net.biases[k].map((b, i) => b - c * grads.gradB[k][i]);
      expect(diffNorm(res.net.biases[k], eb)).toBeLessThan(1e-15 * norm(eb));
    }
    // the input network is untouched and the recorded loss is the true loss before and after
    expect(res.loss[0]).toBeCloseTo(trueLoss(net, xs, ys), 14);
    expect(res.loss[1]).toBeCloseTo(trueLoss(res.net, xs, ys), 14);
    expect(res.steps).toBe(1);
    expect(res.status).toBe('maxSteps');
  });

  it('a too-large learning rate stops with status diverged, naming the step', () => {
    const net = makeNet([3, 8, 1], 'div');
    const xs = randomInputs(4, 3, 'div-x');
    const lmax = maxEigen(empiricalNtk(net, xs).total, 4);
    const res = trainFullBatch(net, xs, [1, 2, 3, 4], { learningRate: 50 / lmax, model: 'linearized', steps: 5000 });
    expect(res.status).toBe('diverged');
    expect(res.message).toMatch(/at step \d+, more than 1000000000000 × max\(1, initial loss .*\): learningRate .* too large/);
    expect(res.steps).toBeLessThan(5000);
  });
});

describe('bad input to the linear model', () => {
  const net = makeNet([3, 6, 1], 'bad');
  it('a singular C (duplicate inputs) is reported, and the ridge option solves (C + λI) a = ỹ', () => {
    const xs = [[1, 2, 3], [0.5, -1, 2], [1, 2, 3]];
    const model = linearize(net, xs);
    expect(() => solveCoefficients(model, [1, 0, 1])).toThrow(/kernel matrix C is singular or ill-conditioned.*pass \{ ridge: λ > 0 \}/);
    const lambda = 1e-3;
    const { a, residual } = solveCoefficients(model, [1, 0, 1], { ridge: lambda });
    const C = model.kernel.total;
    for (let i = 0; i < 3; i++) {
      let s = lambda * a[i];
      for (let j = 0; j < 3; j++) s += C[i * 3 + j] * a[j];
      expect(Math.abs(s - residual[i])).toBeLessThan(1e-12);
    }
    expect(() => solveCoefficients(model, [1, 0, 1], { ridge: -1 })).toThrow(/options.ridge must be >= 0 and finite; got -1/);
  });
  it('non-finite or missing targets', () => {
    const model = linearize(net, [[1, 2, 3], [0, 1, 0]]);
    expect(() => solveCoefficients(model, [1, NaN])).toThrow(/targets\[1\] must be finite; got NaN/);
    expect(() => solveCoefficients(model, [1])).toThrow(/targets must hold one value per input \(p = 2\); got 1/);
    expect(() => trainFullBatch(net, [[1, 2, 3]], [Infinity], { learningRate: 1 })).toThrow(/targets\[0\] must be finite; got Infinity/);
  });
  it('bad training options', () => {
    expect(() => trainFullBatch(net, [[1, 2, 3]], [1], { learningRate: 0 })).toThrow(/options.learningRate must be > 0 and finite; got 0/);
    expect(() => trainFullBatch(net, [[1, 2, 3]], [1], { learningRate: 1, steps: 1.5 })).toThrow(/options.steps must be an integer in \[0, 10000000\]; got 1.5/);
    expect(() => trainFullBatch(net, [[1, 2, 3]], [1], { learningRate: 1, model: 'kernel' as never })).toThrow(/model must be 'network' or 'linearized'/);
  });
  it('weight changes and coefficients of the wrong shape', () => {
    const model = linearize(net, [[1, 2, 3], [0, 1, 0]]);
    expect(() => weightChange(model, [1])).toThrow(/a must have length 2; got length 1/);
    expect(() => linearizedOutput(model, { weights: [new Float64Array(3)], biases: [] })).toThrow(/delta must be a WeightChange \{ weights, biases \} with 2 weight matrices/);
  });
});

describe('tangentFeatures buffers', () => {
  it('reuses a previous result without changing values', () => {
    const net = makeNet([3, 5, 1], 'reuse');
    const X = Float64Array.from(randomInputs(4, 3, 'reuse-x').flat());
    const a = tangentFeatures(net, X, 4);
    const copy = a.g.map((g) => Float64Array.from(g));
    const b = tangentFeatures(net, X, 4, a);
    expect(b).toBe(a);
    b.g.forEach((g, k) => expect(Array.from(g)).toEqual(Array.from(copy[k])));
  });
});
