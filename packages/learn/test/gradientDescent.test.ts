import { describe, expect, it } from 'vitest';
import { activations } from '@neurobridge/core';
import { gradientDescent } from '../src/training/gradientDescent.js';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { graphObjective } from '../src/graph/graphObjective.js';
import { squaredHalf } from '../src/training/losses.js';

/** L(a, b) = ½(a − 1)² + 2(b + 2)²: closed-form iterates a_k = 1 + (1 − η_a)^k (a0 − 1), b_k = −2 + (1 − 4η_b)^k (b0 + 2) */
const quad = (p: Record<string, number>) => ({ loss: 0.5 * (p.a - 1) ** 2 + 2 * (p.b + 2) ** 2, grad: { a: p.a - 1, b: 4 * (p.b + 2) } });

describe('gradientDescent', () => {
  it('reproduces the closed-form iterates of a separable quadratic with per-parameter learning rates', () => {
    const r = gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: { a: 0.5, b: 0.1 }, steps: 20 });
    expect(r.status).toBe('maxSteps');
    expect(r.history.loss).toHaveLength(21);
    expect(r.history.params).toHaveLength(21);
    for (let k = 0; k <= 20; k++) {
      expect(Math.abs(r.history.params![k].a - (1 + 0.5 ** k * 2))).toBeLessThan(1e-15);
      expect(Math.abs(r.history.params![k].b - (-2 + 0.6 ** k * 2))).toBeLessThan(1e-15);
    }
    expect(r.loss).toBe(r.history.loss[20]);
  });
  it('per-group learning rates on a graph network (weights vs biases); a zero rate freezes a group', () => {
    const net = graphNetwork({ inputs: ['x'], nodes: [{ name: 'o', activation: activations.linear }], links: [['x', 'o']] });
    const obj = graphObjective(net, [{ input: [1], target: 2 }, { input: [2], target: 3 }], squaredHalf);
    const r = gradientDescent({ objective: obj, params: { wxo: 0, bo: 0 }, learningRate: { weight: 0.1, bias: 0 }, steps: 50 });
    expect(r.params.bo).toBe(0);
    expect(r.params.wxo).not.toBe(0);
    const own = gradientDescent({ objective: obj, params: { wxo: 0, bo: 0 }, learningRate: { weight: 0.1, bo: 0.3 }, steps: 1 });
    // one step from 0: ∂/∂b = mean(o − y) = −2.5, ∂/∂w = mean((o − y)x) = −4
    expect(own.params.bo).toBe(0.75);
    expect(own.params.wxo).toBeCloseTo(0.4, 15);
  });
  it('stops on tolerance, reports divergence as status diverged, and validates options', () => {
    const conv = gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: 0.2, steps: 10000, tolerance: 1e-12, record: 'loss' });
    expect(conv.status).toBe('converged');
    expect(conv.steps).toBeLessThan(10000);
    expect(conv.history.params).toBeUndefined();
    const div = gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: 1, steps: 10000 });
    // b: factor (1 − 4) = −3 per step, the loss × 9 per step: beyond 1e12 × L0 after 13 steps, long before overflow
    expect(div.status).toBe('diverged');
    expect(div.steps).toBe(13);
    expect(div.message).toMatch(/diverged: loss .* after 13 steps.*try a smaller learningRate/);
    expect(() => gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: -1, steps: 1 })).toThrow(/options.learningRate must be > 0 and finite; got -1/);
    expect(() => gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: { a: 1 }, steps: 1 })).toThrow(/learningRate has no entry for parameter 'b'/);
    expect(() => gradientDescent({ objective: quad, params: { a: 3, b: 0 }, learningRate: 0.1, steps: 1.5 })).toThrow(/options.steps must be an integer in \[0, 10000000\]; got 1.5/);
  });
});
