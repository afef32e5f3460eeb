import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, createRng, gradientCentral, type Activation } from '@neurobridge/core';
import { mlp } from '../src/layered/mlp.js';
import { mlpForward, createMlpCache } from '../src/layered/mlpForward.js';
import { mlpBackward } from '../src/layered/mlpBackward.js';
import { mlpGetParameters, mlpSetParameters, mlpFlattenGradients } from '../src/layered/mlpParameters.js';

const { tanh, sigmoid, linear, relu, square } = activations;

/** Per-sample reference forward pass written directly from h = W x + b, x' = act(h). */
function referenceOutput(sizes: number[], acts: Activation[], W: Float64Array[], b: Float64Array[], x0: ArrayLike<number>): number[] {
  let x = Array.from(x0);
  for (let l = 0; l < sizes.length - 1; l++) {
    const next: number[] = [];
    for (let i = 0; i < sizes[l + 1]; i++) {
      let h = b.length ? b[l][i] ?? 0 : 0;
      for (let j = 0; j < sizes[l]; j++) h += W[l][i * sizes[l] + j] * x[j];
      next.push(acts[l].f(h));
    }
    x = next;
  }
  return x;
}

describe('mlp construction', () => {
  it('lays out weights sizes[l+1] × sizes[l] row-major, with the init function called as (layer, i, j)', () => {
    const net = mlp({ sizes: [3, 2, 1], activations: tanh, init: (l, i, j) => 100 * l + 10 * i + j, biasInit: 0.5 });
    expect(Array.from(net.weights[0])).toEqual([0, 1, 2, 10, 11, 12]);
    expect(Array.from(net.weights[1])).toEqual([100, 101]);
    expect(Array.from(net.biases[0])).toEqual([0.5, 0.5]);
    expect(net.activations).toHaveLength(2);
    const nb = mlp({ sizes: [3, 2], activations: [relu], bias: false, init: { constant: 0.25 } });
    expect(nb.biases[0].length).toBe(0);
    expect(Array.from(nb.weights[0])).toEqual(new Array(6).fill(0.25));
  });
  it('random inits have the documented standard deviation (lecun 1/√fanIn, he √(2/fanIn), xavier √(2/(in+out)))', () => {
    // 400×500 = 200 000 draws: the sample std has relative standard error 1/√(2·200000) ≈ 0.0016;
    // the tolerance 0.01 is six standard errors.
    for (const [init, std] of [['lecun', 1 / Math.sqrt(500)], ['he', Math.sqrt(2 / 500)], ['xavier', Math.sqrt(2 / 900)]] as const) {
      const net = mlp({ sizes: [500, 400], activations: linear, init, rng: createRng(`init-${init}`) });
      const w = net.weights[0];
      let s2 = 0;
      for (const v of w) s2 += v * v;
      expect(Math.abs(Math.sqrt(s2 / w.length) / std - 1)).toBeLessThan(0.01);
    }
  });
  it('the same seed gives the same weights', () => {
    const a = mlp({ sizes: [4, 3, 2], activations: tanh, rng: createRng(7) });
    const b = mlp({ sizes: [4, 3, 2], activations: tanh, rng: createRng(7) });
    expect(a.weights).toEqual(b.weights);
  });
  it('rejects bad options with errors naming the parameter', () => {
    expect(() => mlp({ sizes: [3], activations: tanh })).toThrow(/sizes must have at least 2 entries/);
    expect(() => mlp({ sizes: [3, 0], activations: tanh })).toThrow(/options.sizes\[1\] must be an integer >= 1; got 0/);
    expect(() => mlp({ sizes: [3, 2, 1], activations: [tanh] })).toThrow(/activations must have one entry per layer \(2\); got 1/);
    expect(() => mlp({ sizes: [3, 2], activations: tanh })).toThrow(/rng is required/);
    expect(() => mlp({ sizes: [3, 2], activations: tanh, init: { normal: -1 }, rng: createRng(1) })).toThrow(/init.normal/);
    expect(() => mlp({ sizes: [3, 2], activations: {} as Activation })).toThrow(TypeError);
  });
});

describe('mlpForward', () => {
  it('equals a per-sample reference loop, for every sample of a batch', () => {
    const sizes = [5, 4, 3, 2];
    const acts = [tanh, relu, sigmoid];
    const net = mlp({ sizes, activations: acts, rng: createRng('fwd'), biasInit: 0.1 });
    const batch = 7;
    const input = createRng('fwd-in').normals(batch * 5);
    const c = mlpForward(net, input, batch);
    for (let s = 0; s < batch; s++) {
      const ref = referenceOutput(sizes, acts, net.weights, net.biases, input.subarray(s * 5, s * 5 + 5));
      // summation order differs (2×2 blocked dot products): agreement to a few ulps
      for (let i = 0; i < 2; i++) expect(Math.abs(c.x[3][s * 2 + i] - ref[i])).toBeLessThan(1e-15);
    }
    expect(Array.from(c.x[0])).toEqual(Array.from(input));
  });
  it('reuses a cache without allocating and rejects mismatched sizes', () => {
    const net = mlp({ sizes: [2, 3, 1], activations: tanh, rng: createRng(3) });
    const cache = createMlpCache(net, 4);
    const h0 = cache.h[0];
    const input = new Float64Array(8).map((_, q) => q / 8);
    expect(mlpForward(net, input, 4, cache).h[0]).toBe(h0);
    expect(() => mlpForward(net, new Float64Array(7), 4)).toThrow(/input must have length batch × sizes\[0\] = 4 × 2 = 8; got 7/);
    expect(() => mlpForward(net, input.subarray(0, 4), 2, cache)).toThrow(/cache.batch must equal batch \(2\); got 4/);
    expect(() => mlpBackward(net, cache, new Float64Array(3))).toThrow(/dLdOut must have length batch × sizes\[L\] = 4 × 1 = 4; got 3/);
  });
});

describe('mlpBackward equals central finite differences', () => {
  /** Loss ½‖x_L − y‖² summed over the batch; dL/dx_L = x_L − y. */
  function setup(sizes: number[], acts: Activation[], bias: boolean, batch: number, seed: number) {
    const rng = createRng(seed);
    const net = mlp({ sizes, activations: acts, bias, rng, biasInit: bias ? 0.05 : 'zeros' });
    const input = rng.normals(batch * sizes[0]);
    const target = rng.normals(batch * sizes[sizes.length - 1]);
    const lossOf = (theta: Float64Array) => {
      mlpSetParameters(net, theta);
      const out = mlpForward(net, input, batch).x[sizes.length - 1];
      let s = 0;
      for (let q = 0; q < out.length; q++) s += 0.5 * (out[q] - target[q]) ** 2;
      return s;
    };
    return { net, input, target, lossOf };
  }
  it('for random widths, smooth activations, with and without biases (relative error < 1e-7)', () => {
    const smooth = [tanh, sigmoid, linear, square];
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 2, maxLength: 4 }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
      fc.boolean(), fc.integer({ min: 1, max: 4 }), fc.integer(),
      (sizes, actIdx, bias, batch, seed) => {
        const acts = sizes.slice(1).map((_, l) => smooth[actIdx[l % 3]]);
        const { net, input, target, lossOf } = setup(sizes, acts, bias, batch, seed);
        const theta = mlpGetParameters(net);
        const cache = mlpForward(net, input, batch);
        const out = cache.x[sizes.length - 1];
        const dL = out.map((v, q) => v - target[q]);
        const g = mlpFlattenGradients(net, mlpBackward(net, cache, dL));
        const fd = gradientCentral(lossOf, theta);
        // central differences with the default step: truncation + rounding ≈ 1e-9 relative to
        // the gradient scale; 1e-7 leaves two orders of margin.
        const scale = Math.max(1, ...Array.from(fd, Math.abs));
        for (let q = 0; q < theta.length; q++) expect(Math.abs(g[q] - fd[q]) / scale).toBeLessThan(1e-7);
      }), { seed: 42, numRuns: 60 });
  });
  it('δ[l] is ∂L/∂h[l] and dInput is ∂L/∂x[0] (finite differences on the input)', () => {
    const sizes = [3, 4, 2];
    const { net, input, target } = setup(sizes, [tanh, sigmoid], true, 2, 11);
    const cache = mlpForward(net, input, 2);
    const dL = cache.x[2].map((v, q) => v - target[q]);
    const g = mlpBackward(net, cache, dL, undefined, { inputGradient: true });
    const lossOfInput = (x: Float64Array) => {
      const o = mlpForward(net, x, 2).x[2];
      let s = 0;
      for (let q = 0; q < o.length; q++) s += 0.5 * (o[q] - target[q]) ** 2;
      return s;
    };
    const fd = gradientCentral(lossOfInput, input);
    for (let q = 0; q < input.length; q++) expect(Math.abs(g.dInput![q] - fd[q])).toBeLessThan(1e-8);
    // δ of the output layer = (x − y) σ'(h)
    for (let q = 0; q < 4; q++) expect(g.delta[1][q]).toBe(dL[q] * sigmoid.df(cache.h[1][q]));
  });
  it('gradients are summed over the batch: the batch gradient is the sum of single-sample gradients', () => {
    const sizes = [4, 3, 2];
    const { net, input, target } = setup(sizes, [relu, linear], true, 3, 5);
    const grad = (x: Float64Array, y: Float64Array, batch: number) => {
      const c = mlpForward(net, x, batch);
      return mlpFlattenGradients(net, mlpBackward(net, c, c.x[2].map((v, q) => v - y[q])));
    };
    const full = grad(input, target, 3);
    const sum = new Float64Array(full.length);
    for (let s = 0; s < 3; s++) {
      const gs = grad(input.slice(4 * s, 4 * s + 4), target.slice(2 * s, 2 * s + 2), 1);
      for (let q = 0; q < sum.length; q++) sum[q] += gs[q];
    }
    for (let q = 0; q < sum.length; q++) expect(Math.abs(full[q] - sum[q])).toBeLessThan(1e-14 * (1 + Math.abs(sum[q])));
  });
});

describe('non-finite values are reported, never propagated silently', () => {
  it('a NaN input or gradient is a RangeError naming its position', () => {
    const net = mlp({ sizes: [2, 2], activations: tanh, init: { constant: 0.1 } });
    expect(() => mlpForward(net, Float64Array.of(0, 1, NaN, 2), 2)).toThrow(/input\[2\] \(sample 1, feature 0\) must be finite; got NaN/);
    const c = mlpForward(net, Float64Array.of(0, 1), 1);
    expect(() => mlpBackward(net, c, Float64Array.of(1, Infinity))).toThrow(/dLdOut\[1\] must be finite; got Infinity/);
  });
});
