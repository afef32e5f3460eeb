/**
 * Type tests of the public API: wrong parameter objects must not compile (checked by `tsc`, which
 * fails on an unused @ts-expect-error), and the calls below must type-check.
 */
import { describe, expect, it } from 'vitest';
import { activations, createRng } from '@neurobridge/core';
import { mlp, type Mlp } from '../src/layered/mlp.js';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { backward, type GraphBackwardResult } from '../src/graph/graphPass.js';
import { gradientDescent } from '../src/training/gradientDescent.js';
import { defineLoss, squaredHalf } from '../src/training/losses.js';

function neverCalled(): void {
  // @ts-expect-error activations must be Activation objects, not names
  mlp({ sizes: [2, 1], activations: 'tanh' });
  // @ts-expect-error unknown init scheme
  mlp({ sizes: [2, 1], activations: activations.tanh, init: 'glorot' });
  // @ts-expect-error sizes is required
  mlp({ activations: activations.tanh });
  // @ts-expect-error a link needs from and to
  graphNetwork({ inputs: ['a'], nodes: [], links: [{ from: 'a' }] });
  // @ts-expect-error learningRate is required
  gradientDescent({ objective: () => ({ loss: 0, grad: {} }), params: {}, steps: 1 });
  // @ts-expect-error a loss needs a derivative
  defineLoss({ name: 'x', value: () => 0 });
}

describe('public types', () => {
  it('compile for correct calls (and the wrong ones above are rejected by tsc)', () => {
    const net: Mlp = mlp({ sizes: [2, 1], activations: [activations.tanh], init: { normal: 0.1 }, rng: createRng(1) });
    const g = graphNetwork({ inputs: ['a'], nodes: [{ name: 'o', activation: activations.linear }], links: [['a', 'o', 'w']] });
    const r: GraphBackwardResult = backward(g, { w: 1, bo: 0 }, [2], 1, squaredHalf);
    expect(net.sizes).toEqual([2, 1]);
    expect(r.grad.w).toBe(2);
    expect(typeof neverCalled).toBe('function');
  });
});
