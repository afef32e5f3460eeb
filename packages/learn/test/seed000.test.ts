/**
 * Seed 000: the three-neuron chain x3 = w2 w1 x1 (linear) and x3 = w2 σ(w1 x1) (nonlinear), with
 * l = ½(y − x3)². Gradients against the document's closed forms and finite differences; the update lowers
 * the loss for small α; the dead-ReLU case; the sign table of part (a).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, gradientCentral, type Activation } from '@neurobridge/core';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { backward } from '../src/graph/graphPass.js';
import { graphObjective } from '../src/graph/graphObjective.js';
import { squaredHalf } from '../src/training/losses.js';
import { gradientDescent } from '../src/training/gradientDescent.js';
import { linearChainDirections } from '../src/graph/chainDirections.js';

/** x1 → x2 (activation σ, no bias) → x3 (linear, no bias), weights named w1, w2 as in the document. */
const chain = (sigma: Activation) => graphNetwork({
  inputs: ['1'],
  nodes: [{ name: '2', activation: sigma, bias: false }, { name: '3', activation: activations.linear, bias: false }],
  links: [['1', '2', 'w1'], ['2', '3', 'w2']],
});
/** values in [−3, 3] on a 1e-4 grid (fc.double favours 0 and ±0, which would make most draws degenerate). */
/** exact equality up to the sign of zero (backprop accumulates from +0). */
const same = (a: number, b: number) => expect(a + 0).toBe(b + 0);
const finite = fc.integer({ min: -30000, max: 30000 }).map((k) => k / 10000);

describe('seed 000 (b): linear chain gradients', () => {
  const net = chain(activations.linear);
  it('dl/dx3 = x3 − y, ∂l/∂w2 = (x3 − y) x2, ∂l/∂x2 = (x3 − y) w2, ∂l/∂w1 = (x3 − y) w2 x1 — and finite differences', () => {
    fc.assert(fc.property(finite, finite, finite, finite, (x1, w1, w2, y) => {
      const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
      const x2 = w1 * x1, x3 = w2 * x2;
      // same operations in the same order: exact equality
      same(r.x['3'], x3);
      same(r.dx['3'], x3 - y);
      same(r.grad.w2, (x3 - y) * x2);
      same(r.dx['2'], (x3 - y) * w2);
      expect(Math.abs(r.grad.w1 - (x3 - y) * w2 * x1)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs((x3 - y) * w2 * x1));
      const fd = gradientCentral((p) => 0.5 * (y - p[1] * p[0] * x1) ** 2, [w1, w2]);
      // l is a cubic-free quartic in (w1, w2); central differences at h ≈ 6e-6: error < 1e-8 at this scale
      expect(Math.abs(fd[0] - r.grad.w1)).toBeLessThan(1e-8 * (1 + Math.abs(r.grad.w1)) * 100);
      expect(Math.abs(fd[1] - r.grad.w2)).toBeLessThan(1e-8 * (1 + Math.abs(r.grad.w2)) * 100);
    }), { seed: 42, numRuns: 200 });
  });
  it('(c) the update w ← w − α ∂l/∂w lowers the loss for small α (whenever the gradient is non-zero)', () => {
    fc.assert(fc.property(finite, finite, finite, finite, (x1, w1, w2, y) => {
      const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
      const g2 = r.grad.w1 ** 2 + r.grad.w2 ** 2;
      fc.pre(g2 > 1e-6);
      // α below 1/(Lipschitz bound of the gradient on the segment): 1e-3/(1 + |x1|²(1 + w1² + w2²)) keeps the
      // second-order term below the first-order decrease α‖g‖²
      const alpha = 1e-3 / (1 + x1 * x1 * (1 + w1 * w1 + w2 * w2));
      const after = backward(net, { w1: w1 - alpha * r.grad.w1, w2: w2 - alpha * r.grad.w2 }, [x1], y, squaredHalf);
      expect(after.loss).toBeLessThan(r.loss);
    }), { seed: 42, numRuns: 200 });
  });
});

describe('seed 000 (d): x3 = w2 σ(w1 x1)', () => {
  for (const sigma of [activations.tanh, activations.sigmoid, activations.erf]) {
    it(`${sigma.name}: ∂l/∂w2 = (x3 − y) σ(w1 x1), ∂l/∂w1 = (x3 − y) w2 σ'(w1 x1) x1, equal to finite differences`, () => {
      const net = chain(sigma);
      fc.assert(fc.property(finite, finite, finite, finite, (x1, w1, w2, y) => {
        const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
        const x3 = w2 * sigma.f(w1 * x1);
        const g2 = (x3 - y) * sigma.f(w1 * x1), g1 = (x3 - y) * w2 * sigma.df(w1 * x1) * x1;
        expect(Math.abs(r.grad.w2 - g2)).toBeLessThanOrEqual(4 * Number.EPSILON * (Math.abs(g2) + 1e-300));
        expect(Math.abs(r.grad.w1 - g1)).toBeLessThanOrEqual(8 * Number.EPSILON * (Math.abs(g1) + 1e-300));
        // the document's ∂l/∂x2 = (x3 − y) w2 σ'(w1x1) w1 is really ∂l/∂x1; ∂l/∂x2 is (x3 − y) w2 (slip)
        same(r.dx['2'], (x3 - y) * w2);
        expect(Math.abs(r.dx['1'] - (x3 - y) * w2 * sigma.df(w1 * x1) * w1)).toBeLessThanOrEqual(8 * Number.EPSILON * (Math.abs(r.dx['1']) + 1e-300));
        const fd = gradientCentral((p) => 0.5 * (y - p[1] * sigma.f(p[0] * x1)) ** 2, [w1, w2]);
        expect(Math.abs(fd[0] - g1)).toBeLessThan(1e-7 * (1 + Math.abs(g1)));
        expect(Math.abs(fd[1] - g2)).toBeLessThan(1e-7 * (1 + Math.abs(g2)));
      }), { seed: 42, numRuns: 100 });
    });
  }
});

describe('seed 000: ReLU — opposite signs of x1 and w1 kill both gradients; tanh and sigmoid recover', () => {
  const sample = [{ input: [1.5], target: 2 }];
  const start = { w1: -0.8, w2: 0.7 };
  it('ReLU: ∂l/∂w1 = ∂l/∂w2 = 0 exactly, and 1000 steps leave the weights bit-identical', () => {
    const net = chain(activations.relu);
    const r = backward(net, start, [1.5], 2, squaredHalf);
    expect(r.grad.w1).toBe(0);
    expect(r.grad.w2).toBe(0);
    expect(r.loss).toBe(2); // x3 = 0: l = ½·2²
    const run = gradientDescent({ objective: graphObjective(net, sample, squaredHalf), params: start, learningRate: 0.1, steps: 1000 });
    expect(run.params).toEqual(start);
    expect(run.loss).toBe(2);
  });
  it('the same holds for every x1, w1 of opposite signs (and any w2, y)', () => {
    const net = chain(activations.relu);
    fc.assert(fc.property(fc.double({ min: 0.01, max: 5, noNaN: true }), fc.double({ min: 0.01, max: 5, noNaN: true }), finite, finite, fc.boolean(),
      (a, b, w2, y, flip) => {
        const [x1, w1] = flip ? [a, -b] : [-a, b];
        const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
        expect(r.grad.w1).toBe(0);
        expect(r.grad.w2).toBe(0);
      }), { seed: 42, numRuns: 100 });
  });
  for (const sigma of [activations.tanh, activations.sigmoid]) {
    it(`${sigma.name}: from the same start, gradient descent drives the loss below 1e-8`, () => {
      const net = chain(sigma);
      const r = backward(net, start, [1.5], 2, squaredHalf);
      expect(Math.abs(r.grad.w1)).toBeGreaterThan(1e-3);
      const run = gradientDescent({ objective: graphObjective(net, sample, squaredHalf), params: start, learningRate: 0.2, steps: 5000, tolerance: 1e-10 });
      expect(run.loss).toBeLessThan(1e-8);
      expect(run.history.loss[run.history.loss.length - 1]).toBeLessThan(run.history.loss[0]);
    });
  }
});

describe('seed 000 (a): which way must w1 and w2 move?', () => {
  it('the sign table agrees with backprop on representative values for all 16 sign combinations', () => {
    const net = chain(activations.linear);
    const rows = linearChainDirections();
    expect(rows).toHaveLength(16);
    for (const row of rows) {
      // magnitudes 0.7, 1.3, 0.9 and a target placed so that sign(x3 − y) = row.residual
      const x1 = 0.7 * row.x1, w1 = 1.3 * row.w1, w2 = 0.9 * row.w2;
      const x3 = w2 * w1 * x1;
      const y = x3 - 0.5 * row.residual;
      const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
      expect(Math.sign(r.grad.w1)).toBe(row.dLdw1);
      expect(Math.sign(r.grad.w2)).toBe(row.dLdw2);
      expect(row.w1Move).toBe(r.grad.w1 > 0 ? 'decrease' : 'increase');
      expect(row.w2Move).toBe(r.grad.w2 > 0 ? 'decrease' : 'increase');
    }
  });
  it("the question's case (x1 > 0, w1 < 0, x3 < y): w2 decreases; w1 increases if w2 > 0, decreases if w2 < 0", () => {
    const rows = linearChainDirections({ x1: 1, w1: -1, residual: -1 });
    expect(rows.map((r) => [r.w2, r.w2Move, r.w1Move])).toEqual([[1, 'decrease', 'increase'], [-1, 'decrease', 'decrease']]);
    expect(() => linearChainDirections({ x1: 0 as 1 })).toThrow(/where.x1 must be 1 or -1; got 0/);
  });
});
