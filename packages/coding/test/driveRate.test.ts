import { describe, expect, it } from 'vitest';
import { driveRate, exponentialKernel, alphaKernel, resolveRate } from '@neurobridge/coding';

describe('driveRate — ρ(t) = ∫_{t₀}^t k(t − τ) ρ⁽³⁾(τ) dτ (Gatsby Q3.3 identity)', () => {
  it('constant driver, exponential kernel: ρ = ρ₃(1 − e^{−(t − t₀)/τ}) and Λ in closed form', () => {
    const tau = 10, r3 = 30e-3, t0 = -20;
    const rho = driveRate(resolveRate('rho3', 30, t0, 500), exponentialKernel({ tau }), t0, 0, 500);
    for (const t of [0, 3, 50, 499]) expect(Math.abs(rho.at(t) - r3 * (1 - Math.exp(-(t - t0) / tau)))).toBeLessThan(1e-17);
    // Λ(t) = ∫_0^t ρ = r3[t − τ e^{t₀/τ}(1 − e^{−t/τ})]
    const L = (t: number) => r3 * (t - tau * Math.exp(t0 / tau) * (1 - Math.exp(-t / tau)));
    for (const t of [1, 40, 500]) expect(Math.abs(rho.cumulative(t) - L(t))).toBeLessThan(1e-14 * L(500));
    expect(rho.bound).toBe(r3);
  });
  it('sinusoidal driver, exponential kernel: equals the analytic convolution to 1e-13 relative', () => {
    // ρ₃ = a + b sin ωτ from t₀ = 0: ρ(t) = a(1 − e^{−t/τ}) + b[sin ωt − ωτ cos ωt + ωτ e^{−t/τ}]/(1 + ω²τ²)
    const a = 20, b = 10, w = 1 / 30, tau = 7;
    const exact = (t: number) => (a * (1 - Math.exp(-t / tau)) + (b * (Math.sin(w * t) - w * tau * Math.cos(w * t) + w * tau * Math.exp(-t / tau))) / (1 + w * w * tau * tau)) / 1000;
    const rho = driveRate(resolveRate('rho3', { rate: (t) => a + b * Math.sin(w * t), max: a + b }, 0, 400), exponentialKernel({ tau }), 0, 0, 400);
    for (const t of [0.5, 10, 123.4, 399]) expect(Math.abs(rho.at(t) - exact(t))).toBeLessThan(1e-13 * 0.03);
  });
  it('alpha kernel with a constant driver from t₀: ρ = ρ₃ K(t − t₀)', () => {
    const k = alphaKernel({ tau: 4 });
    const rho = driveRate(resolveRate('rho3', 50, 0, 100), k, 0, 0, 100);
    expect(rho.at(8)).toBeCloseTo(0.05 * (1 - 3 * Math.exp(-2)), 16);
  });
});
