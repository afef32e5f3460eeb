/**
 * Issue 16, as properties over learn's public API (fast-check, fixed seed): a random bad value in
 * any slot of a call is a TypeError or RangeError whose message names that slot, within bounded
 * time; random valid calls keep their documented invariants (finite, symmetric kernels; statuses
 * from the documented set; never a NaN result without a status).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, createRng } from '@neurobridge/core';
import {
  empiricalNtk, forward, gradientDescent, graphNetwork, graphObjective, kernelGradientDescent, linearize, mlp, mlpForward,
  solveCoefficients, squaredHalf, trainFullBatch,
} from '../src/index.js';

const { tanh, linear } = activations;
const SEED = 16;
/**
 * A hang guard, not a speed test: every call below is small and a bad value is refused in
 * microseconds; 3 s (a loaded CI machine) means real work began on bad input.
 */
const BOUND_MS = 3000;

const bad = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -1, 1e300, -1e300, 0.5, '1', null, undefined, true, {}, [], () => 1, 2 ** 60),
  fc.string({ maxLength: 3 }),
);

const net = mlp({ sizes: [2, 4, 1], activations: [tanh, linear], rng: createRng(1) });
const graph = graphNetwork({ inputs: ['x', 'y'], nodes: [{ name: 'h', activation: tanh }, { name: 'o', activation: linear }], links: [['x', 'h'], ['y', 'h'], ['h', 'o']] });
const obj = graphObjective(graph, [{ input: [1, 2], target: 0.5 }], squaredHalf);
const model = linearize(net, [[1, 0], [0, 1], [1, 1]]);

/** Call sites with one slot replaced by a value `v`, and the name the message must contain. */
const slots: { name: string; valid: unknown; call: (v: unknown) => unknown; optional?: true }[] = [
  { name: 'params.wxh', valid: 0.3, call: (v) => forward(graph, { wxh: v, wyh: 0.1, bh: 0, who: 1, bo: 0 } as never, [1, 2]) },
  { name: 'input[1]', valid: 2, call: (v) => forward(graph, [0.3, 0.1, 0, 1, 0], [1, v] as never) },
  { name: 'options.learningRate', valid: 0.1, call: (v) => gradientDescent({ objective: obj, params: [0.3, 0.1, 0, 1, 0], learningRate: v as never, steps: 3 }) },
  { name: 'options.steps', valid: 3, call: (v) => gradientDescent({ objective: obj, params: [0.3, 0.1, 0, 1, 0], learningRate: 0.1, steps: v as never }) },
  { name: 'options.params[2]', valid: 0, call: (v) => gradientDescent({ objective: obj, params: [0.3, 0.1, v, 1, 0] as never, learningRate: 0.1, steps: 3 }) },
  { name: 'options.sizes[1]', valid: 3, call: (v) => mlp({ sizes: [2, v, 1] as never, activations: tanh, init: { constant: 0.1 } }) },
  { name: 'batch', valid: 1, call: (v) => mlpForward(net, Float64Array.of(1, 2), v as never) },
  { name: 'inputs[0][1]', valid: 0.5, call: (v) => empiricalNtk(net, [[1, v] as never]) },
  { name: 'layerRates[0]', valid: 1, call: (v) => empiricalNtk(net, [[1, 2]], { layerRates: [v, 1] as never }) },
  { name: 'targets[1]', valid: 0, call: (v) => solveCoefficients(model, [1, v, 1] as never) },
  { name: 'options.ridge', valid: 0.1, optional: true, call: (v) => solveCoefficients(model, [1, 0, 1], { ridge: v as never }) },
  { name: 'options.learningRate', valid: 0.1, call: (v) => kernelGradientDescent(model, [1, 0, 1], { learningRate: v as never, steps: 3 }) },
  { name: 'options.steps', valid: 3, optional: true, call: (v) => trainFullBatch(net, [[1, 2]], [1], { learningRate: 0.1, steps: v as never }) },
];

/** The slot accepts v (a valid value of another form: 0.5 as a learning rate, −1 as an input). */
function accepted(call: (v: unknown) => unknown, v: unknown): boolean {
  try { call(v); return true; } catch { return false; }
}

describe('random bad values are clear errors naming the parameter, within bounded time', () => {
  it('every slot, every kind of bad value', () => {
    let rejected = 0;
    fc.assert(fc.property(fc.integer({ min: 0, max: slots.length - 1 }), bad, (k, v) => {
      const s = slots[k];
      const t0 = performance.now();
      let err: unknown;
      try { s.call(v); } catch (e) { err = e; }
      expect(performance.now() - t0).toBeLessThan(BOUND_MS);
      if (err === undefined) {
        if (v === undefined && s.optional) return; // undefined is the documented default
        // some "bad" values are valid in some slots (0.5, −1, 1e300 as an input): then no error is right
        expect(typeof v).toBe('number');
        expect(Number.isFinite(v)).toBe(true);
        return;
      }
      rejected++;
      expect(err instanceof TypeError || err instanceof RangeError, String(err)).toBe(true);
      expect((err as Error).message, `slot ${s.name}, value ${String(v)}`).toContain(s.name);
    }), { seed: SEED, numRuns: 400 });
    expect(rejected).toBeGreaterThan(300);
    // the valid values pass, so the errors above come from the bad value, not from the call site
    for (const s of slots) expect(accepted(s.call, s.valid), s.name).toBe(true);
  });
  it('misspelt keys in every options object are TypeErrors with the key', () => {
    const key = fc.constantFrom('setps', 'learningrate', 'ridg', 'layerRate', 'reductoin', 'tolerence', 'xyz');
    const sites: ((k: string) => unknown)[] = [
      (k) => gradientDescent({ objective: obj, params: [0.3, 0.1, 0, 1, 0], learningRate: 0.1, steps: 1, [k]: 1 } as never),
      (k) => trainFullBatch(net, [[1, 2]], [1], { learningRate: 0.1, steps: 1, [k]: 1 } as never),
      (k) => kernelGradientDescent(model, [1, 0, 1], { learningRate: 0.1, steps: 1, [k]: 1 } as never),
      (k) => solveCoefficients(model, [1, 0, 1], { [k]: 1 } as never),
      (k) => empiricalNtk(net, [[1, 2]], { [k]: 1 } as never),
      (k) => graphObjective(graph, [{ input: [1, 2], target: 0.5 }], squaredHalf, { [k]: 1 } as never),
      (k) => mlp({ sizes: [2, 1], activations: tanh, init: { constant: 0 }, [k]: 1 } as never),
    ];
    fc.assert(fc.property(fc.integer({ min: 0, max: sites.length - 1 }), key, (i, k) => {
      expect(() => sites[i](k)).toThrow(TypeError);
      expect(() => sites[i](k)).toThrow(new RegExp(`\\.${k} is not an option`));
    }), { seed: SEED, numRuns: 100 });
  });
});

describe('random valid calls keep their invariants', () => {
  it('empiricalNtk: a finite, symmetric kernel with a non-negative diagonal', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 5 }), fc.integer(), (p, seed) => {
      const rng = createRng(seed);
      const n = mlp({ sizes: [3, 1 + rng.int(6), 1], activations: [tanh, linear], rng });
      const C = empiricalNtk(n, rng.normals(3 * p)).total;
      for (let i = 0; i < p; i++) {
        expect(C[i * p + i]).toBeGreaterThanOrEqual(0);
        // C = Σ_l γ^l G_l ⊙ X_l / N_l from matmulNT Grams: symmetric up to the order of one sum, a few ulps
        for (let j = 0; j < p; j++) expect(Math.abs(C[i * p + j] - C[j * p + i])).toBeLessThanOrEqual(1e-14 * (Math.abs(C[i * p + j]) + 1e-300));
      }
      expect(C.every(Number.isFinite)).toBe(true);
    }), { seed: SEED, numRuns: 60 });
  });
  it('gradientDescent: any learning rate ends with a documented status, and a finite loss unless it says otherwise', () => {
    fc.assert(fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.integer({ min: 0, max: 50 }), (logEta, steps) => {
      const r = gradientDescent({ objective: obj, params: [0.3, 0.1, 0, 1, 0], learningRate: 10 ** logEta, steps, record: 'loss' });
      expect(['maxSteps', 'converged', 'nonFinite', 'diverged']).toContain(r.status);
      if (r.status === 'maxSteps' || r.status === 'converged') {
        expect(Number.isFinite(r.loss)).toBe(true);
        expect(Object.values(r.params).every(Number.isFinite)).toBe(true);
      } else {
        expect(r.message).toMatch(/smaller learningRate/);
      }
      expect(r.history.loss).toHaveLength(r.steps + 1);
    }), { seed: SEED, numRuns: 200 });
  });
});
