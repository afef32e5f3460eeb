/**
 * Seed 004 (INF264 homework 4): one forward/backward pass and one gradient step of the 2-1-1 ReLU
 * network ŷ = w3·g(w0 x[0] + w1 x[1] + w2) + w4 on D = {((2, 1), 1.3), ((−3, 2), 1.9)}, θ = (1, 1, 0, 1, 0),
 * L = (ŷ − y)², 𝓛 = mean. The hand values below were computed on paper from the document's equations
 * (1)–(5); the exact rational pass and the floating-point backprop must both reproduce them.
 */
import { describe, expect, it } from 'vitest';
import { activations } from '@neurobridge/core';
import { graphNetwork } from '../src/graph/graphNetwork.js';
import { forward } from '../src/graph/graphPass.js';
import { datasetBackward, graphObjective } from '../src/graph/graphObjective.js';
import { datasetBackwardExact } from '../src/graph/graphExact.js';
import { squared } from '../src/training/losses.js';
import { Rational, bisectExact } from '../src/exact/rational.js';
import { lossAfterStep, learningRateThreshold } from '../src/training/stepSize.js';
import { gradientCheck } from '../src/training/gradientCheck.js';

const net = graphNetwork({
  inputs: ['x0', 'x1'],
  nodes: [
    { name: 'h', activation: activations.relu, bias: 'w2' },
    { name: 'yhat', activation: activations.linear, bias: 'w4' },
  ],
  links: [['x0', 'h', 'w0'], ['x1', 'h', 'w1'], ['h', 'yhat', 'w3']],
});
const theta0 = { w0: 1, w1: 1, w2: 0, w3: 1, w4: 0 };
const D = [{ input: [2, 1], target: 1.3 }, { input: [-3, 2], target: 1.9 }];
const names = ['w0', 'w1', 'w2', 'w3', 'w4'] as const;
const R = (s: string) => Rational.from(s);

describe('seed 004: forward pass, loss, gradients, one step at η = 0.01 (exact decimals)', () => {
  const exact = datasetBackwardExact(net, theta0, D, squared);
  const float = datasetBackward(net, theta0, D, squared);

  it('Q1: ŷ(x1) = 3, ŷ(x2) = 0 (z(x2) = −1 < 0 so the ReLU is off)', () => {
    expect(exact.perSample[0].x.yhat.equals(R('3'))).toBe(true);
    expect(exact.perSample[1].x.yhat.equals(R('0'))).toBe(true);
    expect(exact.perSample[1].z.h.equals(R('-1'))).toBe(true);
    expect(forward(net, theta0, [2, 1]).outputs).toEqual([3]);
    expect(forward(net, theta0, [-3, 2]).outputs).toEqual([0]);
  });
  it('Q2: 𝓛(D) = ((3 − 1.3)² + (0 − 1.9)²)/2 = (2.89 + 3.61)/2 = 3.25', () => {
    expect(exact.perSample[0].loss.toString()).toBe('2.89');
    expect(exact.perSample[1].loss.toString()).toBe('3.61');
    expect(exact.loss.toString()).toBe('3.25');
    // float: (3 − 1.3)² and (−1.9)² carry the binary representation error of 1.3 and 1.9 (≈ 1e-16 relative)
    expect(Math.abs(float.loss - 3.25)).toBeLessThan(4 * Number.EPSILON * 3.25);
  });
  it('Q4: per-sample gradients (6.8, 3.4, 3.4, 10.2, 3.4) and (0, 0, 0, 0, −3.8); mean (3.4, 1.7, 1.7, 5.1, −0.2)', () => {
    const g1 = ['6.8', '3.4', '3.4', '10.2', '3.4'], g2 = ['0', '0', '0', '0', '-3.8'], g = ['3.4', '1.7', '1.7', '5.1', '-0.2'];
    names.forEach((n, i) => {
      expect(exact.perSample[0].grad[n].toString()).toBe(g1[i]);
      expect(exact.perSample[1].grad[n].toString()).toBe(g2[i]);
      expect(exact.grad[n].toString()).toBe(g[i]);
      // backprop in doubles: within a few ulps of the exact decimal
      expect(Math.abs(float.grad[n] - Number(g[i]))).toBeLessThan(8 * Number.EPSILON * Math.max(1, Math.abs(Number(g[i]))));
    });
    // δ_ŷ(x2) = 2(0 − 1.9) = −3.8 but δ_h(x2) = δ_ŷ · w3 · g'(−1) = 0: the second sample teaches only the output bias
    expect(exact.perSample[1].delta.h.sign()).toBe(0);
  });
  it('Q5–Q6: θ − 0.01 ∇𝓛 = (0.966, 0.983, −0.017, 0.949, 0.002) and the loss falls to 2.8556474…', () => {
    const eta = R('0.01');
    const theta1 = Object.fromEntries(names.map((n) => [n, R(String(theta0[n])).sub(eta.mul(exact.grad[n]))]));
    expect(names.map((n) => theta1[n].toString())).toEqual(['0.966', '0.983', '-0.017', '0.949', '0.002']);
    const after = datasetBackwardExact(net, theta1, D, squared);
    // by hand: z(x1) = 2.898, ŷ(x1) = 0.949·2.898 + 0.002 = 2.752202; z(x2) = −0.949 (off), ŷ(x2) = 0.002
    expect(after.perSample[0].x.yhat.toString()).toBe('2.752202');
    expect(after.perSample[1].x.yhat.toString()).toBe('0.002');
    // ((1.452202)² + (1.898)²)/2 = (2.108890648804 + 3.602404)/2
    expect(after.perSample[0].loss.toString()).toBe('2.108890648804');
    expect(after.loss.toString()).toBe('2.855647324402');
    expect(after.loss.cmp(exact.loss)).toBe(-1);
  });
  it('backprop equals central finite differences at θ0 (away from the ReLU kink: z = 3 and −1)', () => {
    const r = gradientCheck(graphObjective(net, D, squared), Float64Array.from(names, (n) => theta0[n]));
    // loss O(1), h ≈ 6e-6: FD error ≈ 1e-10 absolute; the dataset loss is piecewise quadratic so truncation is 0
    expect(r.maxRelativeError).toBeLessThan(1e-8);
  });
});

describe('seed 004 Q7: the effect of η — loss after one step, and the threshold beyond which it rises', () => {
  const obj = graphObjective(net, D, squared);
  const theta = Float64Array.from(names, (n) => theta0[n]);
  /**
   * Closed form (by hand from the document's equations): with g = (3.4, 1.7, 1.7, 5.1, −0.2),
   * z1(η) = 3 − 10.2η (on for η < 3/10.2), z2(η) = −1 + 5.1η (on for η > 1/5.1 = 0.19608),
   * ŷ1 = (1 − 5.1η) z1 + 0.2η, ŷ2 = (1 − 5.1η) max(0, z2) + 0.2η,  φ(η) = ½[(ŷ1 − 1.3)² + (ŷ2 − 1.9)²].
   */
  const phiExact = (eta: Rational): Rational => {
    const w3 = R('1').sub(R('5.1').mul(eta)), w4 = R('0.2').mul(eta);
    const z1 = R('3').sub(R('10.2').mul(eta)), z2 = R('-1').add(R('5.1').mul(eta));
    const relu = (z: Rational) => (z.sign() > 0 ? z : R('0'));
    const e1 = w3.mul(relu(z1)).add(w4).sub(R('1.3')), e2 = w3.mul(relu(z2)).add(w4).sub(R('1.9'));
    return e1.mul(e1).add(e2.mul(e2)).div(2);
  };
  it('the closed form φ(η) equals the network loss at θ − η∇𝓛 on a sweep of η', () => {
    const etas = Array.from({ length: 41 }, (_, k) => k * 0.01);
    const sweep = lossAfterStep(obj, theta, etas);
    etas.forEach((e, k) => {
      const ref = phiExact(R(String(e))).toNumber();
      expect(Math.abs(sweep.loss[k] - ref)).toBeLessThan(1e-13 * (1 + ref));
    });
    expect(sweep.loss[1]).toBeLessThan(sweep.loss0);
  });
  it('threshold η* (first root of φ(η) = φ(0)) by Brent in doubles equals the exact-arithmetic bisection to 1e-14', () => {
    const r = learningRateThreshold(obj, theta, { maxEta: 1 });
    expect(r.status).toBe('found');
    const phi0 = phiExact(R('0'));
    const br = bisectExact((e) => phiExact(e).sub(phi0), R(String(r.threshold - 1e-9)), R(String(r.threshold + 1e-9)), 30);
    const exactRoot = br.lo.toNumber();
    expect(Math.abs(r.threshold - exactRoot)).toBeLessThan(1e-14);
    // it lies beyond both kinks: sample 1's hidden unit has switched off (η > 3/10.2) and sample 2's on
    // (η > 1/5.1), so on this piece ŷ1 = 0.2η and ŷ2 = −(1 − 5.1η)² + 0.2η
    expect(exactRoot).toBeGreaterThan(3 / 10.2);
    expect(exactRoot).toBeLessThan(0.32);
    expect(r.roots).toHaveLength(1);
    // on that piece φ is the quartic ½[(0.2η − 1.3)² + (−2.9 + 10.4η − 26.01η²)²], expanded by hand:
    // 5.05 − 30.42η + 129.529η² − 270.504η³ + 338.26005η⁴
    const q = (e: Rational) => ['5.05', '-30.42', '129.529', '-270.504', '338.26005'].reduceRight((acc, c) => acc.mul(e).add(R(c)), R('0'));
    for (const e of ['0.3', '0.3190906829', '0.5', '3']) expect(q(R(e)).equals(phiExact(R(e)))).toBe(true);
    // below the threshold the step helps, above it hurts
    expect(phiExact(R(String(exactRoot * 0.99))).cmp(phi0)).toBe(-1);
    expect(phiExact(R(String(exactRoot * 1.01))).cmp(phi0)).toBe(1);
  });
});

describe('step-size helpers: bad input', () => {
  it('rejects a non-positive maxEta, a short parameter vector and non-finite η', () => {
    const obj = graphObjective(net, D, squared);
    const th = Float64Array.of(1, 1, 0, 1, 0);
    expect(() => learningRateThreshold(obj, th, { maxEta: 0 })).toThrow(/options.maxEta must be > 0 and finite; got 0/);
    expect(() => learningRateThreshold(obj, th.subarray(0, 4), { maxEta: 1 })).toThrow(/theta must have length 5; got length 4/);
    expect(() => lossAfterStep(obj, th, [NaN])).toThrow(/etas\[0\] must be finite; got NaN/);
    // a maxEta below the threshold: reported as a status, not an error
    expect(learningRateThreshold(obj, th, { maxEta: 0.1 }).status).toBe('notFound');
  });
});
