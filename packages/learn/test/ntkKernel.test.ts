import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, createRng, symmetricEigen, type Activation } from '@neurobridge/core';
import { mlp, type Mlp } from '../src/layered/mlp.js';
import { mlpForward } from '../src/layered/mlpForward.js';
import { mlpBackward } from '../src/layered/mlpBackward.js';
import { empiricalNtk, explicitNtk, tangentFeatures, type WeightChange } from '../src/ntk/index.js';

const { tanh, relu, linear, erf } = activations;

function randomInputs(p: number, d: number, seed: string): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: p }, () => Array.from(rng.normals(d)));
}

function net(sizes: number[], hidden: Activation, seed: string, bias = false): Mlp {
  const acts = sizes.slice(1).map((_, k) => (k === sizes.length - 2 ? linear : hidden));
  return mlp({ sizes, activations: acts, bias, init: 'lecun', biasInit: bias ? 0.3 : 'zeros', rng: createRng(seed) });
}

/** Per-example gradient ∂f/∂w from part 1's backprop (a batch of one, dL/dout = 1): independent of src/ntk. */
function backpropGradient(n: Mlp) {
  return (_mu: number, input: Float64Array): WeightChange => {
    const g = mlpBackward(n, mlpForward(n, input, 1), new Float64Array([1]));
    return { weights: g.gradW.map((w) => Float64Array.from(w)), biases: n.bias ? g.gradB.map((b) => Float64Array.from(b)) : [] };
  };
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

describe('Q4–Q5: tangent features by Eq. (16) and the recursion Eq. (18)', () => {
  it('∂f/∂w^l = ∂f/∂h^l (x^{l−1})ᵀ matches central finite differences of f in every weight', () => {
    const n = net([3, 5, 4, 1], tanh, 'fd');
    const x = Float64Array.from([0.3, -1.2, 0.8]);
    const tf = tangentFeatures(n, x, 1);
    const f = () => mlpForward(n, x, 1).x[3][0];
    const h = 1e-5;
    let worst = 0;
    for (let k = 0; k < 3; k++) {
      const nIn = n.sizes[k];
      for (let i = 0; i < n.sizes[k + 1]; i++) {
        for (let j = 0; j < nIn; j++) {
          const w = n.weights[k];
          const q = i * nIn + j;
          const w0 = w[q];
          w[q] = w0 + h;
          const fp = f();
          w[q] = w0 - h;
          const fm = f();
          w[q] = w0;
          const fd = (fp - fm) / (2 * h);
          worst = Math.max(worst, Math.abs(fd - tf.g[k][i] * tf.x[k][j]));
        }
      }
    }
    // central differences: truncation h²|f'''|/6 ~ 1e-11, rounding ε|f|/h ~ 1e-11, values O(0.1–1)
    expect(worst).toBeLessThan(1e-9);
  });

  it('∂f/∂h^l from Eq. (18) equals the δ of a training backprop (mlpBackward, dL/df = 1) to rounding', () => {
    for (const act of [tanh, relu, erf]) {
      const n = net([6, 17, 9, 11, 1], act, `bp-${act.name}`, true);
      const X = Float64Array.from(randomInputs(7, 6, 'bp-in').flat());
      const tf = tangentFeatures(n, X, 7);
      const g = mlpBackward(n, mlpForward(n, X, 7), new Float64Array(7).fill(1));
      for (let k = 0; k < 4; k++) {
        // same products summed in the same kernel order: agreement to a few ulps of the largest entry
        expect(maxAbsDiff(tf.g[k], g.delta[k])).toBeLessThanOrEqual(1e-14 * Math.max(1, maxAbs(g.delta[k])));
      }
    }
  });
});

describe('tangentFeatures: the tanh shortcut φ\' = 1 − x² (x = tanh h from the forward pass)', () => {
  it('gives the bits of core\'s tanh.df(h): same features and kernel as a look-alike tanh that takes the generic path', () => {
    // the look-alike is not === activations.tanh, so tangentFeatures calls its df(h) per entry
    const tanhCopy = Object.freeze({ name: 'tanh-copy', f: tanh.f, df: tanh.df, d2f: tanh.d2f });
    for (const bias of [false, true]) {
      const a = net([5, 40, 30, 1], tanh, `shortcut-${bias}`, bias);
      const b: Mlp = { ...a, activations: [tanhCopy, tanhCopy, linear] };
      const X = Float64Array.from(randomInputs(9, 5, 'shortcut-x').flat().map((v) => 3 * v)); // saturated units too
      const ta = tangentFeatures(a, X, 9);
      const tb = tangentFeatures(b, X, 9);
      for (let k = 0; k < 3; k++) {
        expect(ta.g[k].every((v, i) => Object.is(v, tb.g[k][i]))).toBe(true);
        expect(ta.x[k + 1].every((v, i) => Object.is(v, tb.x[k + 1][i]))).toBe(true);
      }
      expect(empiricalNtk(a, X).total).toEqual(empiricalNtk(b, X).total);
    }
  });
});

describe('empiricalNtk: factorised kernel (Eq. 16) vs explicit contraction of per-example gradients', () => {
  const cases: [string, number[], Activation, boolean, number[] | undefined][] = [
    ['tanh, no bias, equal rates', [4, 12, 10, 1], tanh, false, undefined],
    ['relu, bias, per-layer rates', [5, 8, 8, 8, 1], relu, true, [1, 3, 0.5, 2]],
    ['erf, one hidden layer', [3, 20, 1], erf, false, [2, 1]],
  ];
  for (const [label, sizes, act, bias, rates] of cases) {
    it(label, () => {
      const n = net(sizes, act, label, bias);
      const xs = randomInputs(9, sizes[0], `in-${label}`);
      const fast = empiricalNtk(n, xs, { layerRates: rates });
      const slow = explicitNtk(n, xs, { layerRates: rates, perExampleGradient: backpropGradient(n) });
      const scale = maxAbs(slow.total);
      // two summation orders of the same O(n²) products: relative agreement ~ n·ε
      for (let k = 0; k < sizes.length - 1; k++) expect(maxAbsDiff(fast.perLayer[k], slow.perLayer[k])).toBeLessThan(1e-13 * Math.max(1, maxAbs(slow.perLayer[k])));
      expect(maxAbsDiff(fast.total, slow.total)).toBeLessThan(1e-13 * scale);
      // γ^l = η^l/Σ η (Eq. 33) and C = Σ γ^l C^l (Eq. 36)
      const eta = rates ?? sizes.slice(1).map(() => 1);
      const sum = eta.reduce((s, v) => s + v, 0);
      expect(Array.from(fast.gamma)).toEqual(eta.map((v) => v / sum));
      const recombined = new Float64Array(81);
      fast.perLayer.forEach((C, k) => C.forEach((v, i) => (recombined[i] += fast.gamma[k] * v)));
      expect(maxAbsDiff(recombined, fast.total)).toBeLessThan(1e-15 * scale);
      // the outputs f(w, x_μ) come with the kernel
      expect(maxAbsDiff(fast.output, mlpForward(n, Float64Array.from(xs.flat()), 9).x[sizes.length - 1])).toBe(0);
    });
  }

  it('C is symmetric positive semi-definite, and scaling the readout by s multiplies C^l (l ≤ L) by s² and leaves C^{L+1} (property, seeded)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.1, max: 5, noNaN: true }), fc.string(), (p, width, depth, s, seed) => {
        const sizes = [3, ...Array(depth).fill(width), 1];
        const n = net(sizes, tanh, `psd-${seed}`);
        const xs = randomInputs(p, 3, `psd-in-${seed}`);
        const C = empiricalNtk(n, xs);
        const tr = Array.from({ length: p }, (_, i) => C.total[i * p + i]).reduce((a, b) => a + b, 0);
        for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) expect(C.total[i * p + j]).toBe(C.total[j * p + i]);
        const rows = Array.from({ length: p }, (_, i) => Array.from(C.total.subarray(i * p, (i + 1) * p)));
        const { values } = symmetricEigen(rows);
        // a Gram matrix: eigenvalues >= 0 up to the rounding of the eigen solver, ~ p ε trace
        expect(values[p - 1]).toBeGreaterThanOrEqual(-1e-13 * tr);
        const K = sizes.length - 1;
        const scaled: Mlp = { ...n, weights: n.weights.map((w, k) => (k === K - 1 ? w.map((v) => s * v) : w)) };
        const Cs = empiricalNtk(scaled, xs);
        for (let k = 0; k < K; k++) {
          const factor = k === K - 1 ? 1 : s * s;
          expect(maxAbsDiff(Cs.perLayer[k], C.perLayer[k].map((v) => factor * v))).toBeLessThanOrEqual(1e-13 * factor * Math.max(1e-300, maxAbs(C.perLayer[k])));
        }
      }),
      { seed: 42, numRuns: 40 },
    );
  });

  it('explicitNtk without a gradient callback (outer products of its own backprop) agrees too', () => {
    const n = net([4, 9, 7, 1], tanh, 'default-explicit', true);
    const xs = randomInputs(6, 4, 'default-explicit-in');
    const a = empiricalNtk(n, xs, { layerRates: [1, 2, 3] }).total;
    const b = explicitNtk(n, xs, { layerRates: [1, 2, 3] }).total;
    expect(maxAbsDiff(a, b)).toBeLessThan(1e-13 * maxAbs(b));
  });

  it('accepts a flat Float64Array of inputs and gives the same kernel', () => {
    const n = net([4, 6, 1], tanh, 'flat');
    const xs = randomInputs(5, 4, 'flat-in');
    expect(Array.from(empiricalNtk(n, Float64Array.from(xs.flat())).total)).toEqual(Array.from(empiricalNtk(n, xs).total));
  });
});

describe('empiricalNtk: bad input', () => {
  const n = net([3, 4, 1], tanh, 'bad');
  it('empty inputs', () => {
    expect(() => empiricalNtk(n, [])).toThrow(/inputs must hold at least one example; got 0/);
    expect(() => empiricalNtk(n, new Float64Array(0))).toThrow(RangeError);
  });
  it('mismatched dimensions', () => {
    expect(() => empiricalNtk(n, [[1, 2, 3], [1, 2]])).toThrow(/inputs\[1\] must have length sizes\[0\] = 3; got 2/);
    expect(() => empiricalNtk(n, new Float64Array(7))).toThrow(/multiple of the input dimension sizes\[0\] = 3; got 7/);
  });
  it('non-finite inputs', () => {
    expect(() => empiricalNtk(n, [[1, NaN, 3]])).toThrow(/inputs\[0\]\[1\] must be finite; got NaN/);
  });
  it('a vector output or malformed network', () => {
    const two = mlp({ sizes: [3, 4, 2], activations: tanh, rng: createRng(1) });
    expect(() => empiricalNtk(two, [[1, 2, 3]])).toThrow(/sizes\[2\] must be 1 \(scalar readout/);
    expect(() => empiricalNtk({ ...n, weights: [n.weights[0]] }, [[1, 2, 3]])).toThrow(/net.weights must hold 2 matrices; got 1/);
  });
  it('bad layer rates', () => {
    expect(() => empiricalNtk(n, [[1, 2, 3]], { layerRates: [1] })).toThrow(/layerRates must hold one rate per weight layer \(2\); got 1/);
    expect(() => empiricalNtk(n, [[1, 2, 3]], { layerRates: [1, -1] })).toThrow(/layerRates\[1\] must be finite and >= 0; got -1/);
    expect(() => empiricalNtk(n, [[1, 2, 3]], { layerRates: [0, 0] })).toThrow(/must not all be 0/);
  });
});
