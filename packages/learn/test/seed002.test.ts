/**
 * Seed 002 (CS189 DIS4): constant initialisation and symmetry breaking; logistic regression from zero;
 * the sum-of-sigmoids gradient (2c, 2d); the matrix gradients of ½‖W2 Φ(W1 x + b) − y‖² (2e, 2f); the
 * cost of finite-difference gradients, O(d⁴), against backprop, O(d²).
 */
import { describe, expect, it } from 'vitest';
import { activations, createRng, gradientCentral, type Activation } from '@neurobridge/core';
import { graphNetwork, type GraphNetwork } from '../src/graph/graphNetwork.js';
import { backward, parameterVector } from '../src/graph/graphPass.js';
import { graphObjective, type Sample } from '../src/graph/graphObjective.js';
import { squared, squaredHalf, binaryCrossEntropy } from '../src/training/losses.js';
import { gradientDescent } from '../src/training/gradientDescent.js';
import { mlp } from '../src/layered/mlp.js';
import { mlpForward } from '../src/layered/mlpForward.js';
import { mlpBackward } from '../src/layered/mlpBackward.js';

/** Fully connected d0 → d1 → d2 graph network; unit names h1…, o1…; weights w<layer>_<i>_<j>. */
function twoLayer(d0: number, d1: number, d2: number, g: Activation, out: Activation, bias: boolean): GraphNetwork {
  const inputs = Array.from({ length: d0 }, (_, i) => `x${i + 1}`);
  const hidden = Array.from({ length: d1 }, (_, j) => `h${j + 1}`);
  const outputs = Array.from({ length: d2 }, (_, k) => `o${k + 1}`);
  return graphNetwork({
    inputs,
    nodes: [...hidden.map((name) => ({ name, activation: g, bias })), ...outputs.map((name) => ({ name, activation: out, bias }))],
    links: [
      ...inputs.flatMap((x, i) => hidden.map((h, j) => [x, h, `w1_${i + 1}_${j + 1}`] as [string, string, string])),
      ...hidden.flatMap((h, i) => outputs.map((o, j) => [h, o, `w2_${i + 1}_${j + 1}`] as [string, string, string])),
    ],
  });
}

describe('seed 002 §1: constant initialisation keeps the hidden units identical; random initialisation breaks the symmetry', () => {
  const d0 = 3, d1 = 5, d2 = 2;
  const rng = createRng('seed002-data');
  const samples: Sample[] = Array.from({ length: 6 }, () => ({ input: Array.from({ length: d0 }, () => rng.normal()), target: [rng.uniform(), rng.uniform()] }));
  const net = twoLayer(d0, d1, d2, activations.sigmoid, activations.sigmoid, false);
  const obj = graphObjective(net, samples, squaredHalf);
  const hiddenActivities = (params: Record<string, number>, input: number[]) =>
    Array.from({ length: d1 }, (_, j) => backward(net, params, input, [0, 0], squaredHalf).x[`h${j + 1}`]);

  it('graph network, w = a everywhere: after 1000 steps every hidden unit is bit-identical (weights, activities, δ)', () => {
    const a = 0.3;
    const run = gradientDescent({ objective: obj, params: Object.fromEntries(net.parameters.map((n) => [n, a])), learningRate: 0.5, steps: 1000, record: 'loss' });
    expect(run.status).toBe('maxSteps');
    expect(run.loss).toBeLessThan(run.history.loss[0]); // it did learn something (the outputs differ)
    const p = run.params;
    for (let i = 1; i <= d0; i++) for (let j = 2; j <= d1; j++) expect(p[`w1_${i}_${j}`]).toBe(p[`w1_${i}_1`]);
    for (let j = 1; j <= d2; j++) for (let i = 2; i <= d1; i++) expect(p[`w2_${i}_${j}`]).toBe(p[`w2_1_${j}`]);
    // the outgoing weights of a hidden unit differ between outputs: δ^(2) depends on the targets (§1 (d))
    expect(p.w2_1_1).not.toBe(p.w2_1_2);
    for (const s of samples) {
      const r = backward(net, p, s.input, s.target, squaredHalf);
      for (let j = 2; j <= d1; j++) {
        expect(r.x[`h${j}`]).toBe(r.x.h1);
        expect(r.delta[`h${j}`]).toBe(r.delta.h1);
      }
    }
  });
  it('layered network (mlp), constant init, 1000 steps: the hidden rows of W1 and the columns of W2 stay bit-identical', () => {
    const net2 = mlp({ sizes: [d0, d1, d2], activations: activations.sigmoid, bias: true, init: { constant: 0.3 }, biasInit: 0.1 });
    const batch = samples.length;
    const X = Float64Array.from(samples.flatMap((s) => s.input as number[]));
    const Y = Float64Array.from(samples.flatMap((s) => s.target as number[]));
    const dL = new Float64Array(batch * d2);
    for (let step = 0; step < 1000; step++) {
      const c = mlpForward(net2, X, batch);
      for (let q = 0; q < dL.length; q++) dL[q] = (c.x[2][q] - Y[q]) / batch;
      const g = mlpBackward(net2, c, dL);
      for (let l = 0; l < 2; l++) {
        for (let q = 0; q < g.gradW[l].length; q++) net2.weights[l][q] -= 0.5 * g.gradW[l][q];
        for (let q = 0; q < g.gradB[l].length; q++) net2.biases[l][q] -= 0.5 * g.gradB[l][q];
      }
    }
    const [W1, W2] = net2.weights;
    for (let j = 1; j < d1; j++) {
      for (let i = 0; i < d0; i++) expect(W1[j * d0 + i]).toBe(W1[i]);
      expect(net2.biases[0][j]).toBe(net2.biases[0][0]);
      for (let k = 0; k < d2; k++) expect(W2[k * d1 + j]).toBe(W2[k * d1]);
    }
    expect(W1[0]).not.toBe(0.3);
  });
  it('random initialisation: the hidden units differ after training (symmetry broken)', () => {
    const r2 = createRng('seed002-init');
    const run = gradientDescent({ objective: obj, params: Object.fromEntries(net.parameters.map((n) => [n, 0.3 * r2.normal()])), learningRate: 0.5, steps: 200, record: 'loss' });
    const acts = hiddenActivities(run.params, samples[0].input as number[]);
    expect(new Set(acts).size).toBe(d1);
  });
});

describe('seed 002 §1 (g): logistic regression from zero initialisation reaches the optimum', () => {
  it('gradient descent from w = 0 matches Newton\'s method (IRLS) to 1e-7', () => {
    const rng = createRng('logreg');
    // non-separable data: labels drawn from a logistic model, so the optimum is finite
    const N = 40;
    const data = Array.from({ length: N }, () => {
      const x = [rng.normal(), rng.normal()];
      const p = 1 / (1 + Math.exp(-(1.5 * x[0] - 1 * x[1] + 0.3)));
      return { input: x, target: rng.uniform() < p ? 1 : 0 };
    });
    const net = graphNetwork({ inputs: ['x1', 'x2'], nodes: [{ name: 'p', activation: activations.sigmoid }], links: [['x1', 'p'], ['x2', 'p']] });
    const obj = graphObjective(net, data, binaryCrossEntropy);
    const run = gradientDescent({ objective: obj, params: { wx1p: 0, wx2p: 0, bp: 0 }, learningRate: 2, steps: 20000, tolerance: 1e-11, record: 'loss' });
    expect(run.status).toBe('converged');
    // Newton / IRLS on the mean cross-entropy, θ = (w1, w2, b): independent of backprop
    let th = [0, 0, 0];
    for (let it = 0; it < 50; it++) {
      const g = [0, 0, 0], H = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
      for (const { input: [a, b], target: t } of data) {
        const f = [a, b, 1];
        const p = 1 / (1 + Math.exp(-(th[0] * a + th[1] * b + th[2])));
        for (let i = 0; i < 3; i++) { g[i] += ((p - t) * f[i]) / N; for (let j = 0; j < 3; j++) H[i][j] += (p * (1 - p) * f[i] * f[j]) / N; }
      }
      // solve H d = g by Cramer's rule (3×3)
      const det = (M: number[][]) => M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
      const D = det(H);
      const d = [0, 1, 2].map((c) => det(H.map((row, r) => row.map((v, k) => (k === c ? g[r] : v)))) / D);
      th = th.map((v, i) => v - d[i]);
    }
    // the mean loss is strongly convex near the optimum; gradient ≤ 1e-11 ⇒ parameter error ≲ 1e-10/λmin
    expect(Math.abs(run.params.wx1p - th[0])).toBeLessThan(1e-7);
    expect(Math.abs(run.params.wx2p - th[1])).toBeLessThan(1e-7);
    expect(Math.abs(run.params.bp - th[2])).toBeLessThan(1e-7);
  });
});

describe('seed 002 §2 (c, d): f = (y − Σ_i σ(w_iᵀx + b_i))²', () => {
  it('∂f/∂w_i = 2(Σ_j σ(z_j) − y) σ(z_i)(1 − σ(z_i)) x, ∂f/∂b_i likewise without x — equal to backprop', () => {
    const d = 3, n = 4;
    const inputs = Array.from({ length: d }, (_, k) => `x${k + 1}`);
    const net = graphNetwork({
      inputs,
      nodes: [...Array.from({ length: n }, (_, i) => ({ name: `s${i + 1}`, activation: activations.sigmoid, bias: `b${i + 1}` })),
        { name: 'sum', activation: activations.linear, bias: false }],
      links: [
        ...Array.from({ length: n }, (_, i) => inputs.map((x, k) => [x, `s${i + 1}`, `w${i + 1}_${k + 1}`] as [string, string, string])).flat(),
        // Σ_i σ(z_i): fixed weights 1, not trained
        ...Array.from({ length: n }, (_, i) => [`s${i + 1}`, 'sum', 1] as [string, string, number]),
      ],
    });
    const rng = createRng('2c');
    for (let trial = 0; trial < 20; trial++) {
      const W = Array.from({ length: n }, () => Array.from({ length: d }, () => rng.normal()));
      const b = Array.from({ length: n }, () => rng.normal());
      const x = Array.from({ length: d }, () => rng.normal());
      const y = 2 * rng.normal();
      const params: Record<string, number> = {};
      W.forEach((row, i) => row.forEach((v, k) => { params[`w${i + 1}_${k + 1}`] = v; }));
      b.forEach((v, i) => { params[`b${i + 1}`] = v; });
      const r = backward(net, params, x, y, squared);
      const sig = W.map((row, i) => 1 / (1 + Math.exp(-(row.reduce((s, v, k) => s + v * x[k], 0) + b[i]))));
      const S = sig.reduce((s, v) => s + v, 0);
      const eta = 0.1;
      for (let i = 0; i < n; i++) {
        const common = 2 * (S - y) * sig[i] * (1 - sig[i]);
        // 1e-13 relative: different rounding paths of the same expression
        expect(Math.abs(r.grad[`b${i + 1}`] - common)).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(common)));
        for (let k = 0; k < d; k++) {
          expect(Math.abs(r.grad[`w${i + 1}_${k + 1}`] - common * x[k])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(common * x[k])));
          // (d) one step: w_i ← w_i − 2η(Σσ − y)σ(1 − σ)x
          const updated = params[`w${i + 1}_${k + 1}`] - eta * r.grad[`w${i + 1}_${k + 1}`];
          expect(Math.abs(updated - (W[i][k] - 2 * eta * (S - y) * sig[i] * (1 - sig[i]) * x[k]))).toBeLessThan(1e-13 * (1 + Math.abs(updated)));
        }
      }
    }
  });
});

describe('seed 002 §2 (e, f): ℓ = ½‖W2 Φ(W1 x + b) − y‖²', () => {
  const d = 4;
  /** dense d×d helpers, row-major number[][] — the closed forms, written independently of the kernels */
  const mv = (A: number[][], v: number[]) => A.map((row) => row.reduce((s, a, j) => s + a * v[j], 0));
  const mtv = (A: number[][], v: number[]) => A[0].map((_, j) => A.reduce((s, row, i) => s + row[j] * v[i], 0));
  const outer = (u: number[], v: number[]) => u.map((a) => v.map((b) => a * b));
  const toRows = (W: Float64Array) => Array.from({ length: d }, (_, i) => Array.from(W.subarray(i * d, i * d + d)));

  for (const phi of [activations.tanh, activations.linear]) {
    it(`Φ = ${phi.name}: ∂ℓ/∂W2 = r x2ᵀ, ∂ℓ/∂x1 = (W2ᵀ r) ⊙ Φ'(x1), ∂ℓ/∂W1 = ∂ℓ/∂x1 xᵀ, ∂ℓ/∂b = ∂ℓ/∂x1, ∂ℓ/∂x = W1ᵀ ∂ℓ/∂x1`, () => {
      const rng = createRng(`2e-${phi.name}`);
      const net = mlp({ sizes: [d, d, d], activations: [phi, activations.linear], rng, biasInit: 0 });
      net.biases[0].set(rng.normals(d));
      net.biases[1].fill(0); // the document's network has no second bias
      const x = rng.normals(d), y = rng.normals(d);
      const c = mlpForward(net, x, 1);
      const g = mlpBackward(net, c, c.x[2].map((v, i) => v - y[i]), undefined, { inputGradient: true });
      const W1 = toRows(net.weights[0]), W2 = toRows(net.weights[1]), b = Array.from(net.biases[0]);
      const x1 = mv(W1, Array.from(x)).map((v, i) => v + b[i]);
      const x2 = x1.map(phi.f);
      const r = mv(W2, x2).map((v, i) => v - y[i]);
      const dx1 = mtv(W2, r).map((v, i) => v * phi.df(x1[i]));
      const close = (a: ArrayLike<number>, e: number[]) => e.forEach((v, i) => expect(Math.abs(a[i] - v)).toBeLessThan(1e-13 * (1 + Math.abs(v))));
      close(g.gradW[1], outer(r, x2).flat());
      close(g.gradW[0], outer(dx1, Array.from(x)).flat());
      close(g.gradB[0], dx1);
      close(g.dInput!, mtv(W1, dx1));
      // The document writes ∂ℓ/∂W2 = x2 ∂ℓ/∂x3 and ∂ℓ/∂W1 = x ∂ℓ/∂x1 with ∂ℓ/∂x3 a row vector: that is the
      // outer product x2 rᵀ, the TRANSPOSE of the gradient in W's shape (trace layout, eq. (2)); 2f uses r x2ᵀ.
      const printed = outer(x2, r).flat();
      const transposed = Array.from({ length: d * d }, (_, q) => g.gradW[1][(q % d) * d + Math.floor(q / d)]);
      close(transposed, printed);
      if (phi.name === 'linear') {
        // (f): W1 ← W1 − η W2ᵀ(W2(W1x + b) − y)xᵀ, W2 ← W2 − η(W2(W1x + b) − y)(W1x + b)ᵀ
        close(g.gradW[0], outer(mtv(W2, r), Array.from(x)).flat());
        close(g.gradW[1], outer(r, x1).flat());
      }
    });
  }
});

describe('seed 002 side note: finite-difference gradients cost O(d⁴), backprop O(d²) (counted multiply-adds)', () => {
  /** least-squares slope of log y against log x */
  const slope = (xs: number[], ys: number[]) => {
    const lx = xs.map(Math.log), ly = ys.map(Math.log);
    const mx = lx.reduce((a, b) => a + b) / lx.length, my = ly.reduce((a, b) => a + b) / ly.length;
    return lx.reduce((s, v, i) => s + (v - mx) * (ly[i] - my), 0) / lx.reduce((s, v) => s + (v - mx) ** 2, 0);
  };
  it('fitted exponents over d = 8, 16, 32: finite differences ≈ 4, backprop = 2', () => {
    const ds = [8, 16, 32];
    const fdCost: number[] = [], bpCost: number[] = [];
    for (const d of ds) {
      const net = twoLayer(d, d, d, activations.tanh, activations.linear, true);
      const rng = createRng(`cost-${d}`);
      const sample = [{ input: Array.from(rng.normals(d)), target: Array.from(rng.normals(d)) }];
      const obj = graphObjective(net, sample, squaredHalf, { reduction: 'sum' });
      const theta = parameterVector(net, Array.from({ length: net.parameters.length }, () => 0.2 * rng.normal()));
      const g = new Float64Array(theta.length);
      obj.evaluate(theta, g);
      const fd = gradientCentral((t) => obj.evaluate(t), theta);
      expect(obj.calls!.gradient).toBe(1);
      expect(obj.calls!.value).toBe(2 * net.parameters.length); // two loss evaluations per parameter
      // one loss evaluation = one forward pass = linkCount multiply-adds; backprop = forward + 2·linkCount
      fdCost.push(obj.calls!.value * net.linkCount);
      bpCost.push(obj.calls!.gradient * 3 * net.linkCount);
      // and the two gradients agree
      let worst = 0;
      for (let q = 0; q < g.length; q++) worst = Math.max(worst, Math.abs(g[q] - fd[q]) / Math.max(1e-4, Math.abs(g[q])));
      expect(worst).toBeLessThan(1e-6);
    }
    // FD: 2(2d² + 2d)·2d² = 8d⁴ + 8d³ multiply-adds; the d³ term pulls the fitted slope slightly below 4
    const sFd = slope(ds, fdCost), sBp = slope(ds, bpCost);
    expect(sFd).toBeGreaterThan(3.9);
    expect(sFd).toBeLessThan(4.0);
    expect(Math.abs(sBp - 2)).toBeLessThan(1e-12);
  });
});
