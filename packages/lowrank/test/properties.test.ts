// Property-based tests of the whole public API (issue 16): random valid input keeps the documented
// invariants; random invalid input — a wrong kind, NaN, ±Infinity, negative, huge, empty, a
// misspelt key — always gives a TypeError or RangeError that names the parameter, within bounded
// time. Fixed fast-check seed; the file runs in a few seconds.
import { activations, createRng, type Activation } from '@neurobridge/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createNetworkStepper, existence, fastTanh, fixedPoints, gain, gainClosedForm, gainDerivative, gainDerivativeClosedForm,
  gaussianExpectation, jacobian, limitCycles, meanFieldRhs, networkDrift, overlaps, sampleNetwork, simulateMeanField,
  simulateNetwork, spectralNorm, stateWithOverlaps,
} from '../src/index.js';
import { symmetricWithEigenvalues } from './helpers.js';

const SEED = 16;
const tanh = activations.tanh;
const net = sampleNetwork({ n: 30, C: [[1.5, 0], [0, 0.5]], rng: createRng(1), xiScale: 2 });
const x0 = stateWithOverlaps(net, [0.3, 0.1]);

/** Bad values by the kind of parameter they are offered to (none of them is valid there). */
const notANumber = ['1', null, [], {}, true, () => 1, undefined as unknown];
const badPositive = [...notANumber.filter((v) => v !== undefined), NaN, Infinity, -Infinity, -1, 0, -0, -1e300];
const badInteger = [...badPositive, 1.5, 1e300, 2 ** 60];
const badVector = ['1', null, {}, [], [NaN, 0], [0, Infinity], [null, 0], ['1', 0], [0, -Infinity], [1, 2, 3]];
const badMatrix = ['1', null, [], [[NaN]], [[null]], [[1, 2]], [1], [[Infinity]], [[1, 0], [0]], [['1']], { length: 1e7 }];
const badPhi = [null, Math.tanh, {}, '1', { f: Math.tanh }];
const badOptions = ['1', null, 3, true];

type Case = { param: string; bad: unknown[]; call: (v: unknown) => unknown };
const any = (v: unknown) => v as never;

/** One case per parameter of every export: the call with that parameter replaced by a bad value. */
const cases: Case[] = [
  { param: 'phi', bad: badPhi, call: (v) => gain(any(v), 1) },
  { param: 'a', bad: badPositive.filter((v) => v !== 0 && v !== -0), call: (v) => gain(tanh, any(v)) },
  { param: 'a', bad: badPositive.filter((v) => v !== 0 && v !== -0), call: (v) => gainDerivative(tanh, any(v)) },
  { param: 'a', bad: badPositive.filter((v) => v !== 0 && v !== -0), call: (v) => gainClosedForm(activations.erf, any(v)) },
  { param: 'phi', bad: badPhi, call: (v) => gainDerivativeClosedForm(any(v), 1) },
  { param: 'options', bad: badOptions, call: (v) => gainDerivative(tanh, 1, any(v)) },
  { param: 'method', bad: ['Stein', 3, null, ''], call: (v) => gainDerivative(tanh, 1, { method: any(v) }) },
  { param: 'g', bad: [...notANumber.filter((v) => typeof v !== 'function' && v !== undefined), 3], call: (v) => gaussianExpectation(any(v)) },
  { param: 'options.atol', bad: [...notANumber.filter((v) => v !== undefined), NaN, Infinity, -1], call: (v) => gaussianExpectation(Math.cos, { atol: any(v) }) },
  { param: 'options.maxPanels', bad: [...badInteger, 1e5], call: (v) => gaussianExpectation(Math.cos, { maxPanels: any(v) }) },
  { param: 'options.breakpoints', bad: ['1', null, {}, [NaN], [null], ['1']], call: (v) => gaussianExpectation(Math.cos, { breakpoints: any(v) }) },
  { param: 'C', bad: badMatrix, call: (v) => meanFieldRhs(any(v), tanh, [0.1]) },
  { param: 'm', bad: badVector, call: (v) => meanFieldRhs([[1, 0], [0, 1]], tanh, any(v)) },
  { param: 'out', bad: ['1', [0, 0], new Float64Array(3), new Float32Array(2)], call: (v) => meanFieldRhs([[1, 0], [0, 1]], tanh, [1, 0], any(v)) },
  { param: 'C', bad: badMatrix, call: (v) => jacobian(any(v), tanh, [0.1]) },
  { param: 'm', bad: badVector, call: (v) => jacobian([[1, 0], [0, 1]], tanh, any(v)) },
  { param: 'C', bad: badMatrix, call: (v) => fixedPoints(any(v), tanh) },
  { param: 'phi', bad: badPhi, call: (v) => fixedPoints([[2]], any(v)) },
  { param: 'options', bad: badOptions, call: (v) => existence([[2]], tanh, any(v)) },
  { param: 'options.maxAmplitude', bad: badPositive.filter((v) => v !== undefined), call: (v) => limitCycles([[2]], tanh, { maxAmplitude: any(v) }) },
  { param: 'C', bad: badMatrix, call: (v) => spectralNorm(any(v)) },
  { param: 'C', bad: [...badMatrix, [[2]]], call: (v) => sampleNetwork({ n: 10, C: any(v), rng: createRng(1) }) },
  { param: 'n', bad: [...badInteger, 1e9, 1e12], call: (v) => sampleNetwork({ n: any(v), C: [[0.5]], rng: createRng(1) }) },
  { param: 'rng', bad: [null, '1', {}, Math.random], call: (v) => sampleNetwork({ n: 10, C: [[0.5]], rng: any(v) }) },
  { param: 'xiScale', bad: badPositive.filter((v) => v !== undefined), call: (v) => sampleNetwork({ n: 10, C: [[0.5]], rng: createRng(1), xiScale: any(v) }) },
  { param: 'options', bad: badOptions, call: (v) => sampleNetwork(any(v)) },
  { param: 'net', bad: [null, '1', {}, { n: 30, p: 2 }, { ...net, n: 1.5 }, { ...net, xi: [] }], call: (v) => simulateNetwork(any(v), tanh, x0, { duration: 1 }) },
  { param: 'phi', bad: badPhi, call: (v) => simulateNetwork(net, any(v), x0, { duration: 1 }) },
  { param: 'x0', bad: badVector, call: (v) => simulateNetwork(net, tanh, any(v), { duration: 1 }) },
  { param: 'options', bad: badOptions, call: (v) => simulateNetwork(net, tanh, x0, any(v)) },
  { param: 'duration', bad: badPositive, call: (v) => simulateNetwork(net, tanh, x0, { duration: any(v) }) },
  // dt = 2.9 with duration 100: 35 steps of 2.857 > 2.785 (dt is rounded down to divide the duration)
  { param: 'dt', bad: [...badPositive.filter((v) => v !== undefined), 2.9, 1e6, 1e-300], call: (v) => simulateNetwork(net, tanh, x0, { duration: 100, dt: any(v) }) },
  { param: 'sampleDt', bad: [...badPositive.filter((v) => v !== undefined), 1e-300], call: (v) => simulateNetwork(net, tanh, x0, { duration: 1e4, dt: 0.01, sampleDt: any(v), maxSteps: 1e7 }) },
  { param: 'maxSteps', bad: badInteger.filter((v) => v !== undefined && v !== 1e300 && v !== 2 ** 60), call: (v) => simulateNetwork(net, tanh, x0, { duration: 1, maxSteps: any(v) }) },
  { param: 'components', bad: ['some', null, {}, [30], [-1], [0.5], [null]], call: (v) => simulateNetwork(net, tanh, x0, { duration: 1, components: any(v) }) },
  { param: 'h', bad: badPositive.filter((v) => v !== undefined), call: (v) => createNetworkStepper(net, tanh, x0).step(any(v)) },
  { param: 'x', bad: badVector, call: (v) => overlaps(net, any(v)) },
  { param: 'm0', bad: badVector, call: (v) => stateWithOverlaps(net, any(v)) },
  { param: 'm', bad: badVector, call: (v) => networkDrift(net, tanh, any(v)) },
  { param: 'C', bad: badMatrix, call: (v) => simulateMeanField(any(v), tanh, [0.1], { duration: 1 }) },
  { param: 'm0', bad: badVector, call: (v) => simulateMeanField([[1, 0], [0, 1]], tanh, any(v), { duration: 1 }) },
  { param: 'sampleDt', bad: [...badPositive.filter((v) => v !== undefined), 1e-300], call: (v) => simulateMeanField([[2]], tanh, [0.1], { duration: 1, sampleDt: any(v) }) },
  { param: 'rtol', bad: badPositive.filter((v) => v !== undefined), call: (v) => simulateMeanField([[2]], tanh, [0.1], { duration: 1, rtol: any(v) }) },
  { param: 'x', bad: ['1', null, {}, [], true], call: (v) => fastTanh(any(v)) },
];

/** Options objects and their keys: a misspelt key (case changed, a letter dropped or doubled) is a TypeError. */
const optionCalls: { keys: string[]; call: (o: object) => unknown }[] = [
  { keys: ['duration', 'dt', 'sampleDt', 'components', 'maxSteps'], call: (o) => simulateNetwork(net, tanh, x0, { duration: 1, ...o }) },
  { keys: ['duration', 'sampleDt', 'rtol', 'atol', 'maxSteps'], call: (o) => simulateMeanField([[2]], tanh, [0.1], { duration: 1, ...o }) },
  { keys: ['n', 'C', 'rng', 'xiScale'], call: (o) => sampleNetwork({ n: 10, C: [[0.5]], rng: createRng(1), ...o }) },
  { keys: ['maxAmplitude'], call: (o) => fixedPoints([[2]], tanh, o) },
  { keys: ['maxAmplitude'], call: (o) => existence([[2]], tanh, o) },
  { keys: ['maxAmplitude'], call: (o) => limitCycles([[2]], tanh, o) },
  { keys: ['method'], call: (o) => gainDerivative(tanh, 1, o) },
  { keys: ['atol', 'rtol', 'breakpoints', 'maxPanels'], call: (o) => gaussianExpectation(Math.cos, o) },
];

/** Runs `call`, which must throw a TypeError or RangeError naming `param`, within 2 s. */
function expectNamedError(call: () => unknown, param: string): void {
  const t0 = performance.now();
  let error: unknown = null;
  try {
    call();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - t0;
  expect(ms, `${param}: ${ms} ms`).toBeLessThan(2000);
  expect(error instanceof TypeError || error instanceof RangeError, `${param}: ${String(error)}`).toBe(true);
  expect((error as Error).message).toContain(param);
}

describe('invalid input: a TypeError or RangeError naming the parameter, within 2 s', () => {
  it('every parameter of every export, with every kind of bad value', () => {
    const caseIndex = fc.integer({ min: 0, max: cases.length - 1 });
    fc.assert(
      fc.property(caseIndex, fc.nat(), (c, k) => {
        const { param, bad, call } = cases[c];
        expectNamedError(() => call(bad[k % bad.length]), param);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('and systematically: every bad value of every case', () => {
    for (const { param, bad, call } of cases) for (const v of bad) expectNamedError(() => call(v), param);
  });

  it('a misspelt key of any options object is a TypeError naming it and the key it resembles', () => {
    const misspell = fc.tuple(fc.integer({ min: 0, max: optionCalls.length - 1 }), fc.nat(), fc.nat(), fc.constantFrom('case', 'drop', 'double'));
    fc.assert(
      fc.property(misspell, ([c, k, pos, how]) => {
        const { keys, call } = optionCalls[c];
        const key = keys[k % keys.length];
        const i = pos % key.length;
        const wrong = how === 'case' ? key.toUpperCase() : how === 'drop' ? key.slice(0, i) + key.slice(i + 1) : key.slice(0, i) + key[i] + key.slice(i);
        fc.pre(!keys.includes(wrong) && wrong.length > 0);
        let error: unknown = null;
        try {
          call({ [wrong]: 1 });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(TypeError);
        expect((error as Error).message).toContain(`options.${wrong} is not an option`);
        expect((error as Error).message).toContain(`did you mean`);
      }),
      { seed: SEED, numRuns: 120 },
    );
  });
});

/** A scale 10^k over the double range, for magnitudes that overflow or underflow products. */
const scale = fc.integer({ min: -250, max: 250 }).map((k) => 10 ** k);

describe('valid input: documented invariants', () => {
  it('gain(tanh, a) lies in (0, 1] and under the Stein bound √(2/π)/a, for a up to 1e300', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e300, noNaN: true }), (a) => {
        const f = gain(tanh, a);
        expect(f).toBeGreaterThan(0);
        expect(f).toBeLessThanOrEqual(1);
        // |f(a)| ≤ B√(2/π)/a (amplitudes.ts); 1e-12 relative for the quadrature's tolerance
        if (a > 0) expect(f * a).toBeLessThanOrEqual(Math.sqrt(2 / Math.PI) * (1 + 1e-12));
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('meanFieldRhs is odd in m (exactly) and finite, or a RangeError naming m, at any magnitude', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), scale, scale, (c, m, sc, sm) => {
        const C = [[c[0] * sc, c[1] * sc], [c[2] * sc, c[3] * sc]];
        const mm = m.map((v) => v * sm);
        let F: Float64Array;
        try {
          F = meanFieldRhs(C, tanh, mm);
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
          expect((e as Error).message).toMatch(/^m: /);
          return;
        }
        const G = meanFieldRhs(C, tanh, mm.map((v) => -v));
        for (let i = 0; i < 2; i++) {
          expect(Number.isFinite(F[i])).toBe(true);
          expect(G[i]).toBe(-F[i] || 0 * G[i]); // F(−m) = −F(m): negation is exact in every step
        }
      }),
      { seed: SEED, numRuns: 80 },
    );
  });

  it('spectralNorm(s·C) = s·spectralNorm(C) for s = 10^k, k ∈ [−250, 250]', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 4, maxLength: 4 }), scale, (c, s) => {
        const C = [[c[0], c[1]], [c[2], c[3]]];
        const base = spectralNorm(C);
        fc.pre(base > 1e-3);
        const scaled = spectralNorm(C.map((row) => row.map((v) => v * s)));
        // s·C rounds each entry (½ ulp) and the eigen-solve of C Cᵀ adds a few ulp: 1e-14 relative
        expect(Math.abs(scaled / (s * base) - 1)).toBeLessThan(1e-14);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('fixedPoints(tanh), C symmetric scaled to any magnitude: one point per λ > 1, relative residual ≤ 1e-12, only the largest stable', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: -5, max: 290 }), (p, seed, k) => {
        const rng = createRng(seed);
        const values = Array.from({ length: p }, () => (rng.uniform() * 2 - 0.5) * 10 ** k);
        const { C } = symmetricWithEigenvalues(values, () => rng.normal());
        const fp = fixedPoints(C, tanh);
        const above = fp.eigenvalues.filter((l) => l.re > 1).length;
        expect(fp.nontrivial.length).toBe(above);
        for (const q of fp.nontrivial) {
          // residual of f(α)Cm − m relative to |m| = α: rounding of C m over p terms
          expect(q.residual / q.alpha).toBeLessThanOrEqual(1e-12);
          if (q.k === 0 && (fp.eigenvalues[1]?.re ?? -Infinity) < q.lambda * (1 - 1e-6)) expect(q.stability).toBe('stable');
          if (q.k > 0) expect(q.stable).toBe(false);
        }
      }),
      { seed: SEED, numRuns: 25 },
    );
  });

  it('simulateNetwork with a bounded φ: any dt either runs to success with finite states or is a RangeError naming dt', () => {
    const phis: Activation[] = [activations.tanh, activations.sigmoid, activations.erf];
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 20, noNaN: true }), fc.integer({ min: 0, max: 2 }), (dt, duration, which) => {
        let r;
        try {
          r = simulateNetwork(net, phis[which], x0, { duration, dt, components: 'all' });
        } catch (e) {
          expect(e).toBeInstanceOf(RangeError);
          expect((e as Error).message).toMatch(/^dt must be <= 2\.785/);
          expect(Math.min(dt, duration)).toBeGreaterThan(2.7);
          return;
        }
        expect(r.status).toBe('success');
        expect(r.xEnd.every(Number.isFinite)).toBe(true);
        expect(r.mEnd.every(Number.isFinite)).toBe(true);
      }),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('simulateMeanField at any magnitude of m0 ends with a status and a finite state, or says nonFinite', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), scale, (m, s) => {
        const r = simulateMeanField([[2, -1], [1, 2]], tanh, m.map((v) => v * s), { duration: 2, maxSteps: 400 });
        expect(['success', 'maxSteps', 'nonFinite']).toContain(r.status);
        if (r.status !== 'nonFinite') expect(r.mEnd.every(Number.isFinite)).toBe(true);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });
});
