import { activations, createRk4Stepper, createRng, defineActivation, rk4 } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import { overlaps, sampleNetwork, simulateNetwork, stateWithOverlaps } from '../src/index.js';

describe('sampleNetwork: covariance of Eq. (3)', () => {
  it('empirical covariance of (η, ξ) matches [[I, Cᵀ], [C, I]] within 5 standard errors', () => {
    const C = [[0.5, -0.3, 0.1], [0.2, 0.4, 0.0], [-0.1, 0.3, 0.6]];
    const n = 200_000;
    const net = sampleNetwork({ n, C, rng: createRng(7) });
    const p = 3;
    const col = (arr: Float64Array, mu: number) => (i: number) => arr[i * p + mu];
    const vars = [...[0, 1, 2].map((mu) => col(net.eta, mu)), ...[0, 1, 2].map((mu) => col(net.xi, mu))];
    const target = (a: number, b: number): number => {
      if (a === b) return 1;
      if (a < 3 && b < 3) return 0; // ⟨η_μ η_ν⟩ = δ
      if (a >= 3 && b >= 3) return 0; // ⟨ξ_μ ξ_ν⟩ = δ
      return a >= 3 ? C[a - 3][b] : C[b - 3][a]; // ⟨ξ_μ η_ν⟩ = C_μν
    };
    for (let a = 0; a < 6; a++) {
      for (let b = a; b < 6; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += vars[a](i) * vars[b](i);
        const cov = s / n;
        const rho = target(a, b);
        // SE of a sample second moment of unit-variance Gaussians with correlation ρ: √((1 + ρ²)/n)
        const se = Math.sqrt((1 + rho * rho) / n);
        expect(Math.abs(cov - rho)).toBeLessThan(5 * se);
      }
    }
  });

  it('is deterministic for a seed, and xiScale scales ⟨ξξ⟩ only', () => {
    const C = [[0.9, 0.3], [-0.3, 0.9]];
    const a = sampleNetwork({ n: 100, C, rng: createRng('s') });
    const b = sampleNetwork({ n: 100, C, rng: createRng('s') });
    expect(Array.from(a.xi)).toEqual(Array.from(b.xi));
    expect(a.xiScale).toBe(1);
    const n = 100_000;
    const big = sampleNetwork({ n, C: [[2, 0], [0, -1]], rng: createRng(3), xiScale: 2.5 });
    let s00 = 0, s01 = 0, c00 = 0;
    for (let i = 0; i < n; i++) {
      s00 += big.xi[2 * i] ** 2;
      s01 += big.xi[2 * i] * big.xi[2 * i + 1];
      c00 += big.xi[2 * i] * big.eta[2 * i];
    }
    expect(Math.abs(s00 / n - 6.25)).toBeLessThan(5 * 6.25 * Math.sqrt(2 / n));
    expect(Math.abs(s01 / n)).toBeLessThan(5 * 6.25 / Math.sqrt(n));
    expect(Math.abs(c00 / n - 2)).toBeLessThan(5 * Math.sqrt((6.25 + 4) / n));
  });

  it('‖C‖₂ = 1 exactly (a rotation) is allowed: then ξ = C η', () => {
    const th = 0.7;
    const C = [[Math.cos(th), -Math.sin(th)], [Math.sin(th), Math.cos(th)]];
    const net = sampleNetwork({ n: 50, C, rng: createRng(1) });
    for (let i = 0; i < 50; i++) {
      const e0 = net.eta[2 * i], e1 = net.eta[2 * i + 1];
      expect(Math.abs(net.xi[2 * i] - (C[0][0] * e0 + C[0][1] * e1))).toBeLessThan(1e-7);
      expect(Math.abs(net.xi[2 * i + 1] - (C[1][0] * e0 + C[1][1] * e1))).toBeLessThan(1e-7);
    }
  });

  it('rejects ‖C‖₂ > 1, non-square or non-finite C, n < 1, p > n, missing rng', () => {
    const rng = createRng(0);
    expect(() => sampleNetwork({ n: 10, C: [[1.2, 0], [0, 0.5]], rng })).toThrow(/‖C‖₂ <= xiScale = 1.*got ‖C‖₂ = 1\.2/);
    // a matrix whose eigenvalues are < 1 but whose spectral norm is > 1 (non-normal)
    expect(() => sampleNetwork({ n: 10, C: [[0.5, 1.5], [0, 0.5]], rng })).toThrow(/not positive semi-definite/);
    expect(() => sampleNetwork({ n: 10, C: [[1, 0]], rng })).toThrow(/square/);
    expect(() => sampleNetwork({ n: 10, C: [[Infinity]], rng })).toThrow(/C\[0\]\[0\] must be finite; got Infinity/);
    expect(() => sampleNetwork({ n: 0, C: [[0.5]], rng })).toThrow(/n must be an integer >= 1; got 0/);
    expect(() => sampleNetwork({ n: 2.5, C: [[0.5]], rng })).toThrow(/n must be an integer/);
    expect(() => sampleNetwork({ n: 1, C: [[0.5, 0], [0, 0.5]], rng })).toThrow(/p .* must be <= n = 1.*got p = 2/);
    expect(() => sampleNetwork({ n: 10, C: [[0.5]] } as never)).toThrow(/rng must be an Rng/);
    expect(() => sampleNetwork({ n: 10, C: [[0.5]], rng, xiScale: -1 })).toThrow(/xiScale must be > 0/);
  });
});

/** Naive RK4 of Eq. (1) with the n × n matrix J formed explicitly (core's stepper). */
function naiveNetwork(net: ReturnType<typeof sampleNetwork>, phi: (x: number) => number, x0: Float64Array, h: number, steps: number) {
  const { n, p, eta, xi } = net;
  const J = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let s = 0;
    for (let mu = 0; mu < p; mu++) s += eta[i * p + mu] * xi[j * p + mu];
    J[i * n + j] = s / n;
  }
  const rhs = (_t: number, y: Float64Array, dy: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let u = 0;
      for (let j = 0; j < n; j++) u += J[i * n + j] * y[j];
      dy[i] = phi(u) - y[i];
    }
  };
  const stepper = createRk4Stepper(n);
  const y = Float64Array.from(x0);
  for (let k = 0; k < steps; k++) stepper.step(rhs, k * h, y, h);
  return y;
}

describe('simulateNetwork: fused O(n·p) RK4', () => {
  const cases = [
    { p: 2, phi: activations.tanh, C: [[0.9, 0.3], [-0.3, 0.8]], label: 'rank 2, tanh (fast path)' },
    { p: 2, phi: activations.sigmoid, C: [[0.6, 0.2], [0.1, -0.5]], label: 'rank 2, sigmoid' },
    { p: 3, phi: activations.tanh, C: [[0.5, 0.2, 0], [0, 0.6, 0.1], [0.2, 0, -0.4]], label: 'rank 3, tanh' },
    { p: 1, phi: activations.erf, C: [[0.95]], label: 'rank 1, erf' },
  ];
  for (const { p, phi, C, label } of cases) {
    it(`equals naive RK4 with J formed explicitly to 1e-13 (${label})`, () => {
      const n = 80;
      const net = sampleNetwork({ n, C, rng: createRng(`net-${label}`), xiScale: 1.5 });
      const rng = createRng('x0');
      const x0 = Float64Array.from({ length: n }, () => 2 * rng.normal());
      const h = 0.05;
      const steps = 100;
      const res = simulateNetwork(net, phi, x0, { duration: steps * h, dt: h, components: 'all' });
      expect(res.status).toBe('success');
      expect(res.stats.steps).toBe(steps);
      const ref = naiveNetwork(net, phi.f, x0, h, steps);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(res.xEnd[i] - ref[i]));
      // both are the same RK4 in different summation orders: differences are rounding, ~1e-15·steps
      expect(worst).toBeLessThan(1e-13);
      const mRef = overlaps(net, ref);
      for (let mu = 0; mu < p; mu++) expect(Math.abs(res.mEnd[mu] - mRef[mu])).toBeLessThan(1e-13);
      // the recorded x rows are the full state at the sample times
      expect(Array.from(res.x[res.x.length - 1])).toEqual(Array.from(res.xEnd));
    });
  }

  it('m(t) equals RK4 on the closed overlap ODE (Eq. 12) with the same steps: RK4 commutes with m = ξᵀx/n', () => {
    const n = 3000;
    const C = [[1.6, 0.4], [0.4, 0.3]];
    const net = sampleNetwork({ n, C, rng: createRng('closed'), xiScale: 1.8 });
    const x0 = stateWithOverlaps(net, [0.3, -0.2]);
    const m0 = overlaps(net, x0);
    expect(Math.abs(m0[0] - 0.3) + Math.abs(m0[1] + 0.2)).toBeLessThan(1e-14);
    const h = 0.02;
    const steps = 500;
    const res = simulateNetwork(net, activations.tanh, x0, { duration: steps * h, dt: h, sampleDt: 1 });
    const rhs = (_t: number, m: Float64Array, dm: Float64Array) => {
      let s0 = 0, s1 = 0;
      for (let i = 0; i < n; i++) {
        const f = Math.tanh(net.eta[2 * i] * m[0] + net.eta[2 * i + 1] * m[1]);
        s0 += net.xi[2 * i] * f;
        s1 += net.xi[2 * i + 1] * f;
      }
      dm[0] = s0 / n - m[0];
      dm[1] = s1 / n - m[1];
    };
    const ref = rk4(rhs, 0, m0, steps * h, { steps, record: 'all' });
    expect(res.t.length).toBe(11);
    for (let s = 0; s < res.t.length; s++) {
      const k = Math.round(res.t[s] / h);
      for (let mu = 0; mu < 2; mu++) expect(Math.abs(res.m[s][mu] - ref.y[k][mu])).toBeLessThan(1e-12);
    }
    // and it went somewhere: |m| grew from 0.36 towards the nontrivial fixed point
    expect(Math.hypot(...res.mEnd)).toBeGreaterThan(0.6);
  });

  it('reports maxSteps and non-finite states in status', () => {
    const net = sampleNetwork({ n: 20, C: [[0.5]], rng: createRng(1) });
    const x0 = new Float64Array(20).fill(1);
    const capped = simulateNetwork(net, activations.tanh, x0, { duration: 10, dt: 0.1, maxSteps: 7 });
    expect(capped.status).toBe('maxSteps');
    expect(capped.stats.steps).toBe(7);
    expect(capped.tEnd).toBeCloseTo(0.7, 14);
    const bad = defineActivation({ name: 'bad', f: (x) => (Math.abs(x) > 0.1 ? NaN : x), df: () => 1, d2f: () => 0 });
    const r = simulateNetwork(net, bad, stateWithOverlaps(net, [1]), { duration: 1, dt: 0.1 });
    expect(r.status).toBe('nonFinite');
    expect(r.message).toMatch(/non-finite overlap m at t = 0.1/);
  });

  it('rejects bad input', () => {
    const net = sampleNetwork({ n: 5, C: [[0.5]], rng: createRng(1) });
    const x0 = new Float64Array(5);
    expect(() => simulateNetwork(net, activations.tanh, [1, 2], { duration: 1 })).toThrow(/x0 must have length 5/);
    expect(() => simulateNetwork(net, activations.tanh, x0, { duration: -1 })).toThrow(/duration must be > 0/);
    expect(() => simulateNetwork(net, activations.tanh, x0, { duration: 1, dt: 0 })).toThrow(/dt must be > 0/);
    expect(() => simulateNetwork(net, activations.tanh, x0, { duration: 1, components: [7] })).toThrow(/components\[0\] must be an integer in \[0, 4\]/);
    expect(() => simulateNetwork({ ...net, xi: new Float64Array(3) }, activations.tanh, x0, { duration: 1 })).toThrow(/net.xi must have length/);
    expect(() => simulateNetwork(net, activations.tanh, [NaN, 0, 0, 0, 0], { duration: 1 })).toThrow(/x0\[0\] must be finite/);
  });
});
