// Type tests: wrong parameter objects must not compile (checked by `tsc --noEmit` over test/).
import { activations, createRng } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { createNetworkStepper, fixedPoints, sampleNetwork, simulateMeanField, simulateNetwork } from '../src/index.js';

function neverCalled(): void {
  // @ts-expect-error rng is required
  sampleNetwork({ n: 10, C: [[0.5]] });
  // @ts-expect-error n must be a number
  sampleNetwork({ n: '10', C: [[0.5]], rng: createRng(1) });
  const net = sampleNetwork({ n: 10, C: [[0.5]], rng: createRng(1) });
  // @ts-expect-error duration is required
  simulateNetwork(net, activations.tanh, new Float64Array(10), { dt: 0.1 });
  // @ts-expect-error components is an index list or 'all'
  simulateNetwork(net, activations.tanh, new Float64Array(10), { duration: 1, components: 'some' });
  // @ts-expect-error phi must be an Activation, not a bare function
  fixedPoints([[2]], Math.tanh);
  // @ts-expect-error options.duration is required
  simulateMeanField([[2]], activations.tanh, [0.1], {});
  // @ts-expect-error the stepper is created from a network, not a matrix
  createNetworkStepper([[0.5]], activations.tanh, [0]);
}

describe('public types', () => {
  it('the negative cases above are type errors (see tsc); the stepper reports its kernel', () => {
    expect(typeof neverCalled).toBe('function');
    const net = sampleNetwork({ n: 10, C: [[0.5, 0], [0, 0.2]], rng: createRng(1) });
    const st = createNetworkStepper(net, activations.tanh, new Float64Array(10).fill(0.3));
    expect(st.kernel).toBe('rank2-tanh');
    st.x.fill(0);
    st.sync();
    expect(Array.from(st.m)).toEqual([0, 0]);
    expect(() => st.step(-1)).toThrow(/h must be > 0/);
  });
});
