/**
 * Type tests of the tangent-kernel API: wrong parameter objects must not compile (checked by `tsc`,
 * which fails on an unused @ts-expect-error); the correct calls below must type-check and run.
 */
import { describe, expect, it } from 'vitest';
import { activations, createRng } from '@neurobridge/core';
import { mlp } from '../src/layered/mlp.js';
import { analyticNtk, empiricalNtk, linearize, solveCoefficients, trainFullBatch, type TrainFullBatchResult } from '../src/ntk/index.js';

function neverCalled(): void {
  const net = mlp({ sizes: [2, 3, 1], activations: [activations.tanh, activations.linear], rng: createRng(1) });
  // @ts-expect-error learningRate is required
  trainFullBatch(net, [[1, 2]], [1], { steps: 10 });
  // @ts-expect-error model is 'network' | 'linearized'
  trainFullBatch(net, [[1, 2]], [1], { learningRate: 1, model: 'kernel' });
  // @ts-expect-error analytic activations are 'relu' | 'erf' | an Activation object
  analyticNtk({ depth: 1, activation: 'tanh' }, [[1, 2]]);
  // @ts-expect-error depth is required
  analyticNtk({ activation: 'relu' }, [[1, 2]]);
  // @ts-expect-error layerRates are numbers
  empiricalNtk(net, [[1, 2]], { layerRates: ['1', '2'] });
  // @ts-expect-error ridge is a number
  solveCoefficients(linearize(net, [[1, 2]]), [1], { ridge: true });
}

describe('ntk public types', () => {
  it('compile for correct calls (and the wrong ones above are rejected by tsc)', () => {
    const net = mlp({ sizes: [2, 3, 1], activations: [activations.tanh, activations.linear], bias: false, rng: createRng(1) });
    const r: TrainFullBatchResult<typeof net> = trainFullBatch(net, [[1, 2], [0, 1]], [1, -1], { learningRate: 0.5, steps: 3, model: 'linearized' });
    expect(r.net.sizes).toEqual([2, 3, 1]);
    expect(r.loss.length).toBe(4);
    expect(analyticNtk({ depth: 1, activation: activations.tanh, quadratureOrder: 16 }, [[1, 2]]).total.length).toBe(1);
    expect(typeof neverCalled).toBe('function');
  });
});
