/**
 * Seed 001: inputs 1, 2; hidden 3, 4, 5 (σ) with hidden-to-hidden links 3 → 4 and 3 → 5; output 6 with
 * ρ(z) = z²; Itakura–Saito loss L(x, t) = t/x − ln(t/x) − 1. The document's closed forms against
 * backprop and finite differences, for random weights.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, createRng, type Activation } from '@neurobridge/core';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { backward, forward } from '../src/graph/graphPass.js';
import { itakuraSaito } from '../src/training/losses.js';
import { gradientCheck } from '../src/training/gradientCheck.js';

const build = (sigma: Activation) => graphNetwork({
  inputs: ['1', '2'],
  nodes: [
    { name: '3', activation: sigma }, { name: '4', activation: sigma }, { name: '5', activation: sigma },
    { name: '6', activation: activations.square },
  ],
  links: [['1', '3'], ['2', '3'], ['1', '4'], ['2', '4'], ['3', '4'], ['1', '5'], ['2', '5'], ['3', '5'], ['3', '6'], ['4', '6'], ['5', '6']],
});

/** random weights, inputs and a positive target from a seed (core's Rng) */
function draw(net: ReturnType<typeof build>, seed: number) {
  const rng = createRng(seed);
  const params = Object.fromEntries(net.parameters.map((n) => [n, rng.normal()]));
  const input = [rng.normal(), rng.normal()];
  const t = 0.1 + 2 * rng.uniform();
  return { params, input, t };
}

for (const sigma of [activations.sigmoid, activations.tanh]) {
  describe(`seed 001 with σ = ${sigma.name}`, () => {
    const net = build(sigma);
    it('names the parameters like the exam: w13 … w56, b3 … b6', () => {
      expect([...net.parameters].sort()).toEqual(['b3', 'b4', 'b5', 'b6', 'w13', 'w14', 'w15', 'w23', 'w24', 'w25', 'w34', 'w35', 'w36', 'w46', 'w56'].sort());
    });
    it('(a)–(d): dL/dz6 = 2(z6² − t)/z6³, ∂L/∂w46 = 2x4(z6² − t)/z6³, ∂L/∂b6 = dL/dz6, dL/dz3 = dL/dz6 σ\'(z3)(w36 + w34w46σ\'(z4) + w35w56σ\'(z5))', () => {
      fc.assert(fc.property(fc.integer(), (seed) => {
        const { params: p, input, t } = draw(net, seed);
        const r = backward(net, p, input, t, itakuraSaito);
        const z6 = r.z['6'];
        fc.pre(Math.abs(z6) > 1e-3);
        const dLdz6 = (2 * (z6 * z6 - t)) / z6 ** 3;
        const ds = (j: string) => sigma.df(r.z[j]);
        const dLdz3 = dLdz6 * ds('3') * (p.w36 + p.w34 * p.w46 * ds('4') + p.w35 * p.w56 * ds('5'));
        // relative agreement to 1e-12: different but equivalent rounding paths ((x − t)/x² · 2z vs 2(z² − t)/z³)
        const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(a), Math.abs(b), 1e-300));
        close(r.delta['6'], dLdz6);
        close(r.grad.w46, 2 * r.x['4'] * (z6 * z6 - t) / z6 ** 3);
        close(r.grad.b6, dLdz6);
        close(r.delta['3'], dLdz3);
        // the updates of (b) and (c) with step multiplier k
        const k = 0.05;
        close(p.w46 - k * r.grad.w46, p.w46 - 2 * k * r.x['4'] * (z6 * z6 - t) / z6 ** 3);
        close(p.b6 - k * r.grad.b6, p.b6 - 2 * k * (z6 * z6 - t) / z6 ** 3);
      }), { seed: 42, numRuns: 200 });
    });
    it('every gradient equals central finite differences (max relative error < 1e-6)', () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { params, input, t } = draw(net, seed);
        const z6 = forward(net, params, input).z['6'];
        if (Math.abs(z6) < 0.05) continue; // L ~ t/z6² is too steep for h ≈ 6e-6 near z6 = 0
        const check = gradientCheck((q) => { const r = backward(net, q, input, t, itakuraSaito); return { loss: r.loss, grad: r.grad }; }, params);
        expect(check.maxRelativeError).toBeLessThan(1e-6);
      }
    });
    it('slips: (d) reuses dL/dz6 as 2(z6² − t)/z6² (one power short) — off by the factor z6', () => {
      const { params, input, t } = draw(net, 3);
      const r = backward(net, params, input, t, itakuraSaito);
      const z6 = r.z['6'];
      const printed = (2 * (z6 * z6 - t)) / z6 ** 2;
      expect(Math.abs(printed / r.delta['6'] - z6)).toBeLessThan(1e-12 * Math.abs(z6));
      expect(Math.abs(printed - r.delta['6'])).toBeGreaterThan(1e-3 * Math.abs(r.delta['6']));
    });
  });
}

describe('Itakura–Saito loss', () => {
  it('value and derivative (x − t)/x² against finite differences; zero at x = t', () => {
    for (const [x, t] of [[0.5, 2], [3, 0.25], [1.7, 1.7]]) {
      const h = 1e-6;
      const fd = (itakuraSaito.value(x + h, t) - itakuraSaito.value(x - h, t)) / (2 * h);
      // central difference: O(h²) truncation ≈ 1e-12, rounding ≈ 1e-10
      expect(Math.abs(fd - itakuraSaito.derivative(x, t))).toBeLessThan(1e-8);
    }
    expect(itakuraSaito.value(1.7, 1.7)).toBe(0);
  });
  it('log of a non-positive value is a RangeError naming t and x', () => {
    expect(() => itakuraSaito.value(-1, 2)).toThrow(/itakuraSaito: log of a non-positive value: t\/x must be > 0; got t = 2, x = -1/);
    expect(() => itakuraSaito.derivative(1, 0)).toThrow(RangeError);
    expect(() => itakuraSaito.value(0, 1)).toThrow(RangeError);
    // through a network: a target of 0 is reported, never a NaN loss
    const net = build(activations.tanh);
    const { params, input } = draw(net, 1);
    expect(() => backward(net, params, input, 0, itakuraSaito)).toThrow(/t\/x must be > 0; got t = 0/);
  });
});
