/**
 * Type tests of the layered-network pool: wrong parameter objects must not compile (checked by `tsc`,
 * which fails on an unused @ts-expect-error); the correct calls below must type-check and run.
 */
import { describe, expect, it } from 'vitest';
import { activations, createRng } from '@neurobridge/core';
import { createMlpGradients, createMlpPool, mlp, squared, type MlpGradientResult, type MlpPool, type MlpStepResult } from '../src/index.js';

async function neverCalled(pool: MlpPool): Promise<void> {
  const net = mlp({ sizes: [2, 3, 1], activations: [activations.tanh, activations.linear], rng: createRng(1) });
  const x = new Float64Array(2), t = new Float64Array(1);
  // @ts-expect-error learningRate is required
  await pool.trainStep(net, x, t, 1, { loss: squared });
  // @ts-expect-error options are required by trainStep
  await pool.trainStep(net, x, t, 1);
  // @ts-expect-error the loss is a Loss object, not its name
  await pool.gradient(net, x, t, 1, { loss: 'squared' });
  // @ts-expect-error input is a Float64Array
  await pool.forward(net, [1, 2], 1);
  // @ts-expect-error targets come before the batch size
  await pool.gradient(net, x, 1, t);
  // @ts-expect-error threads is a number
  createMlpPool({ threads: '2' });
  // @ts-expect-error trainStep returns no gradients (use gradient)
  (await pool.trainStep(net, x, t, 1, { learningRate: 0.1 })).gradients;
}

describe('mlp pool public types', () => {
  it('compile for correct calls (and the wrong ones above are rejected by tsc)', async () => {
    const pool = createMlpPool({ threads: 1 });
    try {
      const net = pool.share(mlp({ sizes: [2, 3, 1], activations: [activations.tanh, activations.linear], rng: createRng(1) }));
      const x = Float64Array.of(1, 2), t = Float64Array.of(0.5);
      const g: MlpGradientResult = await pool.gradient(net, x, t, 1, { loss: squared, out: createMlpGradients(net, 1) });
      const s: MlpStepResult = await pool.trainStep(net, x, t, 1, { learningRate: 0.1 });
      expect(g.gradients.gradW.length).toBe(2);
      expect(s.output.length).toBe(1);
      expect((await pool.forward(net, x, 1)).x.length).toBe(3);
      expect(typeof neverCalled).toBe('function');
    } finally {
      await pool.close();
    }
  }, 30_000);
});
