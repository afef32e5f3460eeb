// Beyond the exam: complex eigenvalues of C — rotation on an invariant circle.
import { activations, createRng } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { existence, gain, limitCycles, sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '../src/index.js';

const rotation = (rho: number, th: number) => [[rho * Math.cos(th), -rho * Math.sin(th)], [rho * Math.sin(th), rho * Math.cos(th)]];

/** Unwrapped phase increments of a sampled planar trajectory. */
function phaseRate(t: Float64Array, m: Float64Array[], from: number): number {
  let total = 0;
  let start = -1;
  for (let s = 1; s < t.length; s++) {
    if (t[s - 1] < from) continue;
    if (start < 0) start = t[s - 1];
    let d = Math.atan2(m[s][1], m[s][0]) - Math.atan2(m[s - 1][1], m[s - 1][0]);
    if (d > Math.PI) d -= 2 * Math.PI;
    if (d < -Math.PI) d += 2 * Math.PI;
    total += d;
  }
  return total / (t[t.length - 1] - start);
}

describe('C = ρ R(θ): |m| → a with f(a) ρ cos θ = 1, phase rate f(a) ρ sin θ = tan θ', () => {
  const rho = 2;
  const theta = 0.5;
  const C = rotation(rho, theta);

  it('limitCycles predicts radius, angular velocity and stability', () => {
    const { cycles, pairs } = limitCycles(C, activations.tanh);
    expect(pairs.length).toBe(1);
    expect(pairs[0].conformal).toBe(true);
    expect(cycles.length).toBe(1);
    const c = cycles[0];
    expect(Math.abs(gain(activations.tanh, c.radius) * rho * Math.cos(theta) - 1)).toBeLessThan(1e-14);
    expect(Math.abs(c.angularVelocity - Math.tan(theta))).toBeLessThan(1e-14);
    expect(c.stable).toBe(true);
    expect(existence(C, activations.tanh).every((e) => !e.exists)).toBe(true);
  });

  it('the mean field converges onto the circle and rotates at tan θ', () => {
    const c = limitCycles(C, activations.tanh).cycles[0];
    const r = simulateMeanField(C, activations.tanh, [0.05, -0.02], { duration: 60, sampleDt: 0.05 });
    for (let s = 0; s < r.t.length; s++) {
      // radial exponent a f'(a) ρ cos θ ≈ −0.5 here: after t = 40, the radius is within 1e-8
      if (r.t[s] >= 40) expect(Math.abs(Math.hypot(r.m[s][0], r.m[s][1]) - c.radius)).toBeLessThan(1e-8);
    }
    expect(Math.abs(phaseRate(r.t, r.m, 40) - Math.tan(theta))).toBeLessThan(1e-7);
  });

  it('the full network (n = 4000, xiScale 2.5) follows: radius and rate within finite-size error', () => {
    const c = limitCycles(C, activations.tanh).cycles[0];
    const n = 4000;
    const net = sampleNetwork({ n, C, rng: createRng('rotation'), xiScale: 2.5 });
    const x0 = stateWithOverlaps(net, [0.05, -0.02]);
    // RK4 at dt = 0.1: local error ~1e−6 per unit time, far below the finite-size effects
    const res = simulateNetwork(net, activations.tanh, x0, { duration: 50, dt: 0.1, sampleDt: 0.1 });
    expect(res.status).toBe('success');
    // xiScale 2.5 > ρ, so ξ = C η + L w with L ≠ 0 (a generic network, not ξ = C η). Tolerance
    // xiScale/√n ≈ 0.04: the relative sampling error of the drift (1/n) Σ ξ_i φ(η_i·m), whose
    // terms have sd ≲ xiScale·|φ| ≤ xiScale.
    const tol = 2.5 / Math.sqrt(n);
    let rMean = 0, count = 0;
    for (let s = 0; s < res.t.length; s++) if (res.t[s] >= 30) { rMean += Math.hypot(res.m[s][0], res.m[s][1]); count++; }
    rMean /= count;
    expect(Math.abs(rMean / c.radius - 1)).toBeLessThan(tol);
    expect(Math.abs(phaseRate(res.t, res.m, 30) / Math.tan(theta) - 1)).toBeLessThan(tol);
    // and the mean field it approximates is not the trivial answer: m = 0 and the start are far away
    expect(c.radius).toBeGreaterThan(1);
  }, 30_000);

  it('within Eq. (3) exactly (‖C‖₂ = 0.99 ≤ 1) with φ = erf (f(0) = 2/√π > 1)', () => {
    const C3 = rotation(0.99, 0.3);
    const { cycles } = limitCycles(C3, activations.erf);
    expect(cycles.length).toBe(1);
    // closed form: 2/√π (1 + 2a²)^(−1/2) ρ cos θ = 1
    const k = (2 / Math.sqrt(Math.PI)) * 0.99 * Math.cos(0.3);
    expect(Math.abs(cycles[0].radius - Math.sqrt((k * k - 1) / 2))).toBeLessThan(1e-14);
    // the mean field rotates on that circle at tan θ (a network on the predicted circle is exam claim gatsby-q2.3-rotation:
    // φ = erf costs ~10× tanh per evaluation, too slow for the unit suite)
    // radial exponent a f'(a) ρ cos θ ≈ −0.12 here: after t = 200 the radius is within e^{−24}
    const r = simulateMeanField(C3, activations.erf, [0.1, 0], { duration: 200, sampleDt: 0.05 });
    const last = r.m[r.m.length - 1];
    expect(Math.abs(Math.hypot(last[0], last[1]) - cycles[0].radius)).toBeLessThan(1e-8);
    expect(Math.abs(phaseRate(r.t, r.m, 150) - Math.tan(0.3))).toBeLessThan(1e-7);
    // and the loadings for this C exist: ‖C‖₂ = 0.99 ≤ 1
    expect(() => sampleNetwork({ n: 10, C: C3, rng: createRng(1) })).not.toThrow();
  });

  it('embedded in p = 3 with a weaker real mode: the cycle is stable; a stronger real mode destabilises it', () => {
    const C3 = [[1.6, -1.2, 0], [1.2, 1.6, 0], [0, 0, 0.8]];
    const weak = limitCycles(C3, activations.tanh).cycles[0];
    expect(weak.transverseExponents.length).toBe(1);
    expect(Math.abs(weak.transverseExponents[0].re - (0.8 / 1.6 - 1))).toBeLessThan(1e-12);
    expect(weak.stable).toBe(true);
    const strong = [[1.6, -1.2, 0], [1.2, 1.6, 0], [0, 0, 2.4]];
    expect(limitCycles(strong, activations.tanh).cycles[0].stable).toBe(false);
  });

  it('a non-normal plane is reported as not conformal', () => {
    const { pairs, cycles } = limitCycles([[1, -4], [1, 1]], activations.tanh);
    expect(pairs[0].conformal).toBe(false);
    expect(cycles.length).toBe(0);
  });
});
