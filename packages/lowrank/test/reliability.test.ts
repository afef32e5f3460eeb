// Issue 16: no silent wrong answers, no hangs, every bad input a clear error — one test per
// weakness found in the public API (each failed before its fix).
import { activations, createRng, defineActivation } from '@neurobridge/core';
import { describe, expect, it } from 'vitest';
import {
  createNetworkPool, createNetworkStepper, existence, fastTanh, fixedPoints, gain, gainClosedForm, gainDerivative,
  gaussianExpectation, jacobian, limitCycles, meanFieldRhs, networkDrift, overlaps, sampleNetwork, simulateMeanField,
  simulateNetwork, spectralNorm, stateWithOverlaps,
} from '../src/index.js';

const tanh = activations.tanh;
const small = () => sampleNetwork({ n: 40, C: [[2, 0], [0, 0.5]], rng: createRng(1), xiScale: 2.5 });

describe('misspelt option keys are TypeErrors with a "did you mean"', () => {
  it('every options object of the public API', () => {
    const net = small();
    const x0 = stateWithOverlaps(net, [0.5, 0.1]);
    expect(() => simulateNetwork(net, tanh, x0, { duration: 1, dT: 0.1 } as never)).toThrow(/options.dT is not an option \(did you mean dt\?/);
    expect(() => sampleNetwork({ n: 10, C: [[0.5]], rng: createRng(1), xiscale: 2 } as never)).toThrow(/options.xiscale is not an option \(did you mean xiScale\?/);
    expect(() => simulateMeanField([[2]], tanh, [1], { duration: 1, rTol: 1e-3 } as never)).toThrow(/options.rTol is not an option \(did you mean rtol\?/);
    expect(() => fixedPoints([[2]], tanh, { maxamplitude: 3 } as never)).toThrow(/options.maxamplitude is not an option \(did you mean maxAmplitude\?/);
    expect(() => existence([[2]], tanh, { maxAmp: 3 } as never)).toThrow(TypeError);
    expect(() => limitCycles([[2]], tanh, { maxAmplitud: 3 } as never)).toThrow(/did you mean maxAmplitude/);
    expect(() => gainDerivative(tanh, 1, { methd: 'stein' } as never)).toThrow(/options.methd is not an option \(did you mean method\?/);
    expect(() => gaussianExpectation((z) => z * z, { atoll: 1 } as never)).toThrow(/options.atoll is not an option \(did you mean atol\?/);
    expect(() => createNetworkPool({ thread: 2 } as never)).toThrow(/options.thread is not an option \(did you mean threads\?/);
  });

  it('the thread pool rejects the same misspelt key', async () => {
    const pool = createNetworkPool({ threads: 1 });
    try {
      const net = small();
      await expect(pool.simulateNetwork(net, tanh, new Float64Array(40), { duration: 1, maxstep: 3 } as never)).rejects.toThrow(/did you mean maxSteps/);
    } finally {
      await pool.close();
    }
  });
});

describe('values are not coerced; null options and functions are checked', () => {
  it('null options, non-function g, strings', () => {
    expect(() => gainDerivative(tanh, 1, null as never)).toThrow(/options must be an object; got null/);
    expect(() => fixedPoints([[2]], defineActivation({ ...tanh, name: 'mine' }), null as never)).toThrow(/options must be an object; got null/);
    expect(() => gaussianExpectation(3 as never)).toThrow(/g must be a function; got 3/);
    expect(() => gaussianExpectation((z) => z, { breakpoints: [null] } as never)).toThrow(/options.breakpoints\[0\] must be a number; got null/);
    expect(() => gaussianExpectation((z) => z, { atol: NaN })).toThrow(/options.atol must be >= 0/);
    expect(() => gainDerivative(tanh, 1, { method: 3 } as never)).toThrow(TypeError);
    expect(() => fastTanh('1' as never)).toThrow(/x must be a number; got "1"/);
    expect(() => gainClosedForm(activations.erf, NaN)).toThrow(/a must be/);
    expect(() => meanFieldRhs([[2]], tanh, [1], [0] as never)).toThrow(/out must be a Float64Array/);
  });

  it('a user φ whose φ\' is NaN makes gain throw naming phi, not return NaN', () => {
    const bad = defineActivation({ name: 'bad', f: (x) => x, df: () => NaN, d2f: () => 0 });
    expect(() => gain(bad, 1)).toThrow(/phi.df/);
  });
});

describe('divergence: an RK4 step beyond the stability limit is refused', () => {
  it('simulateNetwork with dt = 1e6 (states of 1e226 reported as success before) is a RangeError naming dt', () => {
    const net = small();
    const x0 = stateWithOverlaps(net, [0.5, 0.1]);
    expect(() => simulateNetwork(net, tanh, x0, { duration: 1e7, dt: 1e6 })).toThrow(/dt .*2\.785.*got dt = 1000000/);
    // dt = 3 gave a plausible m but |x| grown 2600-fold outside span ξ
    expect(() => simulateNetwork(net, tanh, x0, { duration: 100, dt: 3 })).toThrow(RangeError);
    // a duration shorter than dt makes the step the duration
    expect(() => simulateNetwork(net, tanh, x0, { duration: 5, dt: 10 })).toThrow(/duration = 5/);
    // a step at the limit is accepted and stays bounded for a bounded φ (observed max |x| 1.24)
    const r = simulateNetwork(net, tanh, x0, { duration: 27.85, dt: 2.785 });
    expect(r.status).toBe('success');
    for (const v of r.xEnd) expect(Math.abs(v)).toBeLessThan(10);
    expect(() => createNetworkStepper(net, tanh, x0).step(1e6)).toThrow(/h must be <= 2\.785/);
  });

  it('the thread pool refuses the same step', async () => {
    const pool = createNetworkPool({ threads: 1 });
    try {
      await expect(pool.simulateNetwork(small(), tanh, new Float64Array(40), { duration: 1e7, dt: 1e6 })).rejects.toThrow(RangeError);
    } finally {
      await pool.close();
    }
  });
});

describe('unbounded work and memory are refused up front, in the user\'s parameters', () => {
  it('dt = 1e-300 asks for 1e300 steps: RangeError naming dt and duration; with maxSteps given it runs part', () => {
    const net = small();
    expect(() => simulateNetwork(net, tanh, new Float64Array(40), { duration: 1, dt: 1e-300 })).toThrow(/dt = 1e-300 .*duration = 1.*maxSteps/);
    const part = simulateNetwork(net, tanh, new Float64Array(40), { duration: 1, dt: 1e-300, maxSteps: 3 });
    expect(part.status).toBe('maxSteps');
  });

  it('recording more samples than memory allows is a RangeError naming sampleDt', () => {
    const net = small();
    expect(() => simulateNetwork(net, tanh, new Float64Array(40), { duration: 1e6, dt: 0.5, sampleDt: 0.5 })).toThrow(/sampleDt/);
    expect(() => simulateMeanField([[2]], tanh, [1], { duration: 1, sampleDt: 1e-300 })).toThrow(/sampleDt = 1e-300/);
  });

  it('n = 1e12 (Invalid typed array length before) and n = 1e9 (killed the process) are RangeErrors naming n', () => {
    expect(() => sampleNetwork({ n: 1e12, C: [[0.5]], rng: createRng(1) })).toThrow(/n·p = 1000000000000/);
    expect(() => sampleNetwork({ n: 1e9, C: [[0.5]], rng: createRng(1) })).toThrow(/n must be/);
  });

  it('gaussianExpectation caps maxPanels (the panel search is quadratic in it)', () => {
    expect(() => gaussianExpectation((z) => z, { maxPanels: 1e12 })).toThrow(/options.maxPanels must be an integer in \[1, 20000\]/);
  });

  it('simulateMeanField stops at its step budget with status maxSteps (a rotation for t = 1e6 took 6 minutes before)', () => {
    // the default budget is 5000 steps (README); a smaller one keeps the test short, same code path
    const r = simulateMeanField([[2, -2], [2, 2]], tanh, [0.1, 0], { duration: 1e6, maxSteps: 300 });
    expect(r.status).toBe('maxSteps');
    expect(r.message).toMatch(/maxSteps \(300\)/);
  });

  it('a huge C or p is refused before any allocation', () => {
    expect(() => spectralNorm({ length: 1e6 } as never)).toThrow(/C must have at most/);
    const big = Array.from({ length: 101 }, (_, i) => Array.from({ length: 101 }, (_, j) => (i === j ? 2 : 0)));
    expect(() => fixedPoints(big, tanh)).toThrow(/C must be at most 100 × 100/);
  });
});

describe('extreme magnitudes: the right answer, or an error naming the user\'s parameter', () => {
  it('fixedPoints with C entries near 1e300 (threw "a must be >= 0 and finite" before)', () => {
    const fp = fixedPoints([[1e300, 0], [0, 1]], tanh);
    expect(fp.nontrivial.length).toBe(1);
    const q = fp.nontrivial[0];
    // f(α)·1e300 = 1 with f(a) ≈ √(2/π)/a for large a (tanh: ∫φ' = 2): α ≈ 0.7979e300
    expect(q.alpha / 1e300).toBeCloseTo(Math.sqrt(2 / Math.PI), 12);
    expect(q.residual / q.alpha).toBeLessThan(1e-13); // relative residual at rounding level
    expect(q.stability).toBe('stable');
    expect(existence([[1e300]], tanh)[0].exists).toBe(true);
  });

  it('simulateMeanField, meanFieldRhs and jacobian at |m| near 1e300', () => {
    // C = 2, tanh: dm/dt = f(m)·2m − m; at m = 1e300 this is ≈ −1e300 (f ≈ 8e−301)
    const rhs = meanFieldRhs([[2]], tanh, [1e300]);
    expect(rhs[0] / 1e300).toBeCloseTo(2 * Math.sqrt(2 / Math.PI) * 1e-300 * 1e300 / 1e300 - 1, 12);
    const J = jacobian([[2]], tanh, [1e300]);
    expect(Number.isFinite(J[0][0])).toBe(true);
    expect(J[0][0]).toBeCloseTo(-1, 12); // f(a) C + a f'(a) C − 1 → −1: f and a f' cancel at large a
    const r = simulateMeanField([[2]], tanh, [1e300], { duration: 1 });
    expect(r.status).toBe('success');
    expect(r.mEnd[0] / 1e300).toBeCloseTo(Math.exp(-1), 8);
    // linear φ with C = 100 overflows for real: a status, not a thrown internal message
    const wild = simulateMeanField([[100]], activations.linear, [1], { duration: 100 });
    expect(wild.status).toBe('nonFinite');
  });

  it('spectralNorm and sampleNetwork beyond the square range of doubles', () => {
    expect(spectralNorm([[1e200]])).toBe(1e200);
    expect(spectralNorm([[1e-200]])).toBe(1e-200);
    expect(spectralNorm([[1e300, 1e300], [1e300, 1e300]]) / 2e300).toBeCloseTo(1, 14);
    const net = sampleNetwork({ n: 10, C: [[1e300]], rng: createRng(1), xiScale: 1e301 });
    expect(net.xi.every(Number.isFinite)).toBe(true);
  });

  it('limitCycles for a rotation scaled to 1e300 finds the circle (returned none before)', () => {
    const { cycles } = limitCycles([[1e300, -1e300], [1e300, 1e300]], tanh);
    expect(cycles.length).toBe(1);
    // f(a) Re λ = 1 with f(a) = √(2/π)/a up to O(a⁻³) (tanh: ∫φ' = 2), so a = √(2/π)·1e300
    expect(cycles[0].radius / (Math.sqrt(2 / Math.PI) * 1e300)).toBeCloseTo(1, 12);
    expect(cycles[0].angularVelocity).toBeCloseTo(1, 12); // Im λ / Re λ
    expect(cycles[0].stability).toBe('stable');
  });

  it('overlaps, stateWithOverlaps and networkDrift: non-finite results are RangeErrors naming the argument', () => {
    const net = small();
    expect(() => overlaps(net, new Float64Array(40).fill(1.7e308))).toThrow(/x/);
    const unit = sampleNetwork({ n: 40, C: [[0.5]], rng: createRng(2) }); // ξ ~ N(0, 1): x ≈ m0·ξ overflows
    expect(() => stateWithOverlaps(unit, [1.7e308])).toThrow(/m0: the state with overlaps m0 = \[1.7e\+308\] overflows/);
    expect(() => networkDrift(net, activations.square, [1e200, 1e200])).toThrow(/m/);
    const nanNet = { ...net, xi: Float64Array.from(net.xi, (v, i) => (i === 7 ? NaN : v)) };
    expect(() => overlaps(nanNet, new Float64Array(40))).toThrow(/net.xi\[7\] must be finite/);
    expect(() => simulateNetwork(nanNet, tanh, new Float64Array(40), { duration: 1 })).toThrow(/net.xi\[7\] must be finite/);
  });
});
