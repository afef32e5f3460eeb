// Issue 16, as properties over core's public API (fast-check, fixed seed: deterministic runs):
// - random invalid input (wrong kind, NaN, ±Infinity, negative, huge, empty, misspelt keys) in
//   any parameter of any export: a TypeError or RangeError whose message names that parameter,
//   within 2 s;
// - random valid input keeps the documented invariants.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as core from '@neurobridge/core';
import type { Rhs } from '@neurobridge/core';

const SEED = 16;
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyFn = (...args: any[]) => unknown;

const decay: Rhs = (_t, y, d) => {
  d[0] = -y[0];
};
const rng = core.createRng('reliability');

/** Bad values by what the parameter expects. Each list holds only values that are invalid there. */
const KINDS = ['1', null, 1n, {}, [1], true, Symbol('x')];
const BAD = {
  /** a finite number */
  finite: [Number.NaN, Infinity, -Infinity, undefined, ...KINDS],
  /** any number (NaN allowed: it propagates) */
  number: [undefined, ...KINDS],
  /** an integer count >= 1 */
  count1: [0, -1, 1.5, Number.NaN, Infinity, 1e12, 2 ** 60, undefined, ...KINDS],
  /** an integer count >= 0 (allocated) */
  count0: [-1, 1.5, Number.NaN, Infinity, 1e12, undefined, ...KINDS],
  /** a function */
  fn: [null, undefined, 3, 'f', {}, [() => 0]],
  /** a non-empty vector of finite numbers */
  vector1: [[], [Number.NaN], [1, null], ['1'], [Infinity], 'abc', null, undefined, 5, { length: 1e12 }, { length: -1 }, { length: Number.NaN }, [1n]],
  /** a vector of finite numbers, possibly empty */
  vector0: [[Number.NaN], [1, null], ['1'], [-Infinity], 'abc', null, undefined, 5, { length: 1e12 }, { length: 1.5 }],
  /** a non-empty square matrix of finite numbers */
  matrix: [[], [[1, 2]], [[Number.NaN]], [[1, '2'], [2, 1]], [[Infinity]], null, undefined, 'm', [[1], [2]], [null], [[1n]], 7],
  /** an optional options object */
  options: [null, 3, 'x', true, { typo: 1 }, { TOL: 1 }],
};

/** One export: valid arguments, their names as a caller sees them, and bad values for each. */
interface Case {
  name: string;
  fn: AnyFn;
  args: unknown[];
  params: { name: string; bad: unknown[] }[];
}

const square = [[2, 1], [1, 2]];
const CASES: Case[] = [
  {
    name: 'integrate', fn: core.integrate, args: [decay, 0, [1], 1, {}],
    params: [
      { name: 'rhs', bad: BAD.fn }, { name: 't0', bad: BAD.finite }, { name: 'y0', bad: BAD.vector1 }, { name: 't1', bad: BAD.finite },
      { name: 'options', bad: [...BAD.options, { rtol: -1 }, { atol: Number.NaN }, { maxSteps: 0.5 }, { maxEvents: -1 }, { maxStepSize: '1' }, { eventTol: 0 }, { sample: { dt: 0 } }, { sample: { dt: 1e-12 } }, { sample: [2] }, { events: [{}] }, { events: [{ value: () => 0, directon: 1 }] }, { schedule: [{ t: 5, affect: () => {} }] }, { rtol: null }] },
    ],
  },
  ...(['rk4', 'euler'] as const).map((name): Case => ({
    name, fn: core[name], args: [decay, 0, [1], 1, { steps: 4 }],
    params: [
      { name: 'rhs', bad: BAD.fn }, { name: 't0', bad: BAD.finite }, { name: 'y0', bad: BAD.vector1 }, { name: 't1', bad: BAD.finite },
      { name: 'options', bad: [...BAD.options, undefined, {}, { steps: 1e12 }, { steps: 0 }, { steps: 2, record: 'some' }, { steps: 2, maxSteps: 1 }, { steps: 5e7, maxSteps: 1e8 }, { steps: '2' }] },
    ],
  })),
  ...(['createRk4Stepper', 'createEulerStepper'] as const).map((name): Case => ({ name, fn: core[name], args: [2], params: [{ name: 'dim', bad: BAD.count1 }] })),
  ...(['erfFn', 'portableExp', 'portableExpm1', 'portableLog', 'portableLog1p'] as const).map((name): Case => ({ name, fn: core[name], args: [0.5], params: [{ name: 'x', bad: BAD.number }] })),
  // the activations' f, df, d2f are inner-loop primitives (called per unit by learn and lowrank):
  // like dot and axpy they take numbers unchecked; the callers validate their inputs once
  { name: 'defineActivation', fn: core.defineActivation, args: [{ name: 'a', f: Math.sin, df: Math.cos, d2f: Math.sin }], params: [{ name: 'spec', bad: [null, 3, {}, { name: '', f: Math.sin, df: Math.cos, d2f: Math.sin }, { name: 'a', f: 1, df: Math.cos, d2f: Math.sin }, { name: 'a', f: Math.sin, df: Math.cos, d2f: Math.sin, d3f: Math.cos }] }] },
  { name: 'createRng', fn: core.createRng, args: [1], params: [{ name: 'seed', bad: BAD.finite.filter((v) => v !== '1') }] },
  { name: 'rng.normals', fn: (n: number) => rng.normals(n), args: [3], params: [{ name: 'n', bad: BAD.count0 }] },
  { name: 'rng.int', fn: (n: number) => rng.int(n), args: [3], params: [{ name: 'n', bad: BAD.count1.filter((v) => v !== 1e12).concat(2 ** 53 + 2) }] },
  { name: 'rng.substream', fn: (s: string) => rng.substream(s), args: ['a'], params: [{ name: 'name', bad: [null, undefined, 3, 1n, {}] }] },
  {
    name: 'multivariateNormal', fn: core.multivariateNormal, args: [rng, [0, 0], square, 2, {}],
    params: [
      { name: 'rng', bad: [null, 3, {}, 'rng'] }, { name: 'mean', bad: BAD.vector1 }, { name: 'cov', bad: [...BAD.matrix, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [[1, 2], [2, 1]]] },
      { name: 'count', bad: BAD.count0 }, { name: 'options', bad: [...BAD.options, { method: 'svd' }, { method: null }, { tol: -1 }] },
    ],
  },
  ...(['gradientCentral', 'gradientForward'] as const).map((name): Case => ({
    name, fn: core[name], args: [(x: Float64Array) => x[0] * x[0], [1, 2], {}],
    params: [{ name: 'f', bad: BAD.fn }, { name: 'x', bad: BAD.vector0 }, { name: 'options', bad: [...BAD.options, { h: 0 }, { h: Number.NaN }, { h: '1' }, { h: 1e-300 }] }],
  })),
  {
    name: 'derivative', fn: core.derivative, args: [Math.sin, 1, {}],
    params: [{ name: 'f', bad: BAD.fn }, { name: 'x', bad: BAD.finite }, { name: 'options', bad: [...BAD.options, { method: 'back' }, { method: null }, { h: -1 }, { h: 1e-300 }] }],
  },
  ...(['cholesky', 'symmetricEigen', 'eigen'] as const).map((name): Case => ({ name, fn: core[name], args: [square], params: [{ name: 'A', bad: BAD.matrix }] })),
  {
    name: 'solve', fn: core.solve, args: [square, [1, 2], {}],
    params: [{ name: 'A', bad: [...BAD.matrix, [[1, 1], [1, 1]]] }, { name: 'b', bad: [...BAD.vector1, [1, 2, 3]] }, { name: 'options', bad: [...BAD.options, { rcondMin: 0 }, { rcondMin: 2 }] }],
  },
  ...(['brent', 'findRoots'] as const).map((name): Case => ({
    name, fn: core[name], args: [(x: number) => x - 0.25, -1, 1, {}],
    params: [
      { name: 'f', bad: BAD.fn }, { name: 'a', bad: BAD.finite }, { name: 'b', bad: BAD.finite },
      { name: 'options', bad: [...BAD.options, { xtol: 0 }, { rtol: 1e-20 }, { maxIter: 0 }, { maxIter: 1.5 }, ...(name === 'findRoots' ? [{ samples: 0 }, { samples: 1e9 }] : [])] },
    ],
  })),
  ...(['gaussHermite', 'gaussLegendre'] as const).map((name): Case => ({ name, fn: core[name], args: [5], params: [{ name: 'order', bad: [...BAD.count1, 2001] }] })),
  { name: 'expectNormal', fn: core.expectNormal, args: [Math.cos, 16], params: [{ name: 'f', bad: BAD.fn }, { name: 'order', bad: BAD.count1.filter((v) => v !== undefined) }] },
  {
    name: 'expectNormalAdaptive', fn: core.expectNormalAdaptive, args: [Math.cos, {}],
    params: [{ name: 'f', bad: BAD.fn }, { name: 'options', bad: [...BAD.options, { tol: 0 }, { maxOrder: 8 }, { maxPanels: 0 }, { breakpoints: [Number.NaN] }, { breakpoints: 'x' }] }],
  },
  { name: 'dot', fn: core.dot, args: [[1, 2], [3, 4]], params: [{ name: 'a', bad: [null, undefined, 3, 'ab', {}] }, { name: 'b', bad: [null, undefined, 3, 'ab', [1]] }] },
  { name: 'axpy', fn: core.axpy, args: [2, [1, 2], new Float64Array(2)], params: [{ name: 'alpha', bad: BAD.number }, { name: 'x', bad: [null, 'ab', [1]] }, { name: 'y', bad: [null, undefined, 'ab', new Float64Array(3)] }] },
  {
    name: 'matvec', fn: core.matvec, args: [new Float64Array(4), 2, 2, [1, 2]],
    params: [{ name: 'A', bad: [null, 'abcd', new Float64Array(3)] }, { name: 'rows', bad: BAD.count0 }, { name: 'cols', bad: BAD.count0 }, { name: 'x', bad: [null, [1]] }],
  },
  ...(['matmulNN', 'matmulTN', 'matmulNT'] as const).map((name): Case => ({
    name, fn: core[name], args: [new Float64Array(4), new Float64Array(4), 2, 2, 2],
    params: [
      { name: 'A', bad: [null, [1, 2, 3, 4], new Float64Array(3)] }, { name: 'B', bad: [null, new Float64Array(1)] },
      { name: 'm', bad: BAD.count0 }, { name: 'n', bad: BAD.count0 }, { name: 'k', bad: BAD.count0.filter((v) => v !== 1e12) },
    ],
  })),
  ...(['sharedFloat64Array', 'sharedInt32Array'] as const).map((name): Case => ({ name, fn: core[name], args: [4], params: [{ name: 'length', bad: BAD.count0 }] })),
  { name: 'finiteVector', fn: (v: unknown) => core.finiteVector('x', v), args: [[1]], params: [{ name: 'x', bad: BAD.vector0 }] },
  { name: 'knownKeys', fn: (v: object) => core.knownKeys('options', v, ['a']), args: [{ a: 1 }], params: [{ name: 'options', bad: [null, 3, 'x', { b: 1 }] }] },
];

/** Every (case, parameter, bad value) triple, so fast-check draws from all of them. */
const TRIPLES = CASES.flatMap((c) => c.params.flatMap((p, i) => p.bad.map((v) => ({ c, i, name: p.name, v }))));

describe('random invalid input: a TypeError or RangeError naming the parameter, at once', () => {
  it('every export refuses every bad value of every parameter (all triples, then 2000 random mixes)', () => {
    /** '' when the call threw as it should, else what went wrong */
    const problem = (c: Case, i: number, name: string, v: unknown): string => {
      const args = c.args.slice();
      args[i] = v;
      const start = performance.now();
      let err: unknown = null;
      try {
        c.fn(...args);
      } catch (e) {
        err = e;
      }
      const ms = performance.now() - start;
      const where = `${c.name} with ${name} = ${core.show(v)}`;
      if (err === null) return `${where}: returned`;
      if (!(err instanceof TypeError || err instanceof RangeError)) return `${where}: threw ${String(err)}`;
      // the message names the parameter; property reads of undefined/null never reach the caller
      if (!err.message.includes(name)) return `${where}: message does not name ${name}: ${err.message}`;
      if (/Cannot read propert|is not a function|is not iterable|Invalid (typed )?array length|Cannot convert|Cannot mix BigInt/.test(err.message)) return `${where}: engine message ${err.message}`;
      // a hang guard, not a speed test: refusing bad input takes microseconds; 3 s means work began
      if (ms > 3000) return `${where}: took ${ms.toFixed(0)} ms`;
      return '';
    };
    const problems = TRIPLES.map(({ c, i, name, v }) => problem(c, i, name, v)).filter((p) => p !== '');
    expect(problems).toEqual([]);
    expect(TRIPLES.length).toBeGreaterThan(600);
    fc.assert(
      fc.property(fc.constantFrom(...TRIPLES), ({ c, i, name, v }) => problem(c, i, name, v) === ''),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('random misspellings of option keys: TypeError naming options.<key> (did you mean …)', () => {
    const known: [AnyFn, string[], (o: object) => unknown][] = [
      [core.integrate, ['rtol', 'atol', 'maxSteps', 'maxEvents', 'events', 'schedule', 'sample', 'maxStepSize', 'eventTol'], (o) => core.integrate(decay, 0, [1], 1, o as any)],
      [core.rk4, ['steps', 'record', 'maxSteps'], (o) => core.rk4(decay, 0, [1], 1, { steps: 2, ...o } as any)],
      [core.brent, ['xtol', 'rtol', 'maxIter'], (o) => core.brent((x) => x, -1, 1, o as any)],
      [core.findRoots, ['samples', 'xtol', 'rtol', 'maxIter'], (o) => core.findRoots((x) => x, -1, 1, o as any)],
      [core.expectNormalAdaptive, ['tol', 'maxOrder', 'breakpoints', 'maxPanels'], (o) => core.expectNormalAdaptive(Math.cos, o as any)],
      [core.derivative, ['h', 'method'], (o) => core.derivative(Math.sin, 1, o as any)],
      [core.solve, ['rcondMin'], (o) => core.solve([[1]], [1], o as any)],
      [core.multivariateNormal, ['method', 'tol'], (o) => core.multivariateNormal(rng, [0], [[1]], 1, o as any)],
    ];
    // a misspelling: one character dropped, doubled or swapped, or the case changed
    const misspell = fc.tuple(fc.nat(), fc.nat({ max: 3 })).map(([pos, how]) => (key: string) => {
      const p = pos % key.length;
      if (how === 0) return key.slice(0, p) + key.slice(p + 1);
      if (how === 1) return key.slice(0, p) + key[p] + key.slice(p);
      if (how === 2 && p + 1 < key.length) return key.slice(0, p) + key[p + 1] + key[p] + key.slice(p + 2);
      return key.toUpperCase();
    });
    fc.assert(
      fc.property(fc.constantFrom(...known), fc.nat(), misspell, ([, keys, call], k, spell) => {
        const key = spell(keys[k % keys.length]);
        if (keys.includes(key) || key === '') return;
        let err: unknown = null;
        try {
          call({ [key]: 1 });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(TypeError);
        expect((err as Error).message).toContain(`options.${key} is not an option`);
        expect((err as Error).message).toMatch(/did you mean \w+\?/);
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('random valid input keeps the documented invariants', () => {
  const EPS = Number.EPSILON;

  it('eigen, symmetricEigen: eigenvalues scale exactly with A·2^s, s in [−1000, 1000] (no NaN, no hang)', () => {
    // entries are multiples of 2^-20 in [−1, 1], so every A·2^s is exact (no subnormals)
    const entry = fc.integer({ min: -(2 ** 20), max: 2 ** 20 }).map((k) => k / 2 ** 20);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: -1000, max: 1000 }), fc.array(entry, { minLength: 36, maxLength: 36 }), (n, s, flat) => {
        const A = Array.from({ length: n }, (_, i) => flat.slice(i * n, i * n + n));
        const S = A.map((row, i) => row.map((v, j) => (v + A[j][i]) / 2));
        const f = 2 ** s;
        const ref = core.eigen(A);
        const got = core.eigen(A.map((row) => row.map((v) => v * f)));
        expect(Array.from(got.re)).toEqual(Array.from(ref.re, (v) => v * f));
        expect(Array.from(got.im)).toEqual(Array.from(ref.im, (v) => v * f));
        const sref = core.symmetricEigen(S);
        const sgot = core.symmetricEigen(S.map((row) => row.map((v) => v * f)));
        expect(Array.from(sgot.values)).toEqual(Array.from(sref.values, (v) => v * f));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('cholesky and solve at any magnitude 2^s: L·Lᵀ = A and A·x = b to backward-stable accuracy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 1e6 }), (n, s, seed) => {
        const r = core.createRng(seed);
        const B = Array.from({ length: n }, () => Array.from(r.normals(n)));
        const f = 2 ** s;
        // B·Bᵀ + n·I: SPD, condition number O(n); scaled exactly by 2^s
        const A = B.map((_, i) => B.map((__, j) => (B[i].reduce((acc, b, k) => acc + b * B[j][k], 0) + (i === j ? n : 0)) * f));
        const L = core.cholesky(A);
        let worst = 0;
        let norm = 0;
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            let llt = 0;
            for (let k = 0; k < n; k++) llt += L[i][k] * L[j][k];
            worst = Math.max(worst, Math.abs(llt - A[i][j]));
            norm = Math.max(norm, Math.abs(A[i][j]));
          }
        }
        // Cholesky is backward stable: |L·Lᵀ − A| <= c·n·ε·|L|·|Lᵀ|, and |L|·|Lᵀ| <= n·max|A| for SPD A
        expect(worst).toBeLessThanOrEqual(4 * n * n * EPS * norm);
        const xs = Array.from(r.normals(n));
        const b = A.map((row) => row.reduce((acc, a, k) => acc + a * xs[k], 0));
        const x = core.solve(A, b);
        // forward error <= cond·(backward error): cond(A) <= 1 + ‖B‖²/n = O(n) here, so 1e3·n·ε·max|x|
        const scale = Math.max(...xs.map(Math.abs));
        for (let i = 0; i < n; i++) expect(Math.abs(x[i] - xs[i])).toBeLessThanOrEqual(1e3 * n * EPS * scale);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('expectNormal: exact for z^d, d <= 2n − 1, never flagged; e^{c z²} (c > ½, E = ∞) always flagged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 60 }), fc.nat(), (n, dRaw) => {
        const d = dRaw % (2 * n);
        const exact = d % 2 === 1 ? 0 : Array.from({ length: d / 2 }, (_, k) => 2 * k + 1).reduce((p, v) => p * v, 1); // (d − 1)!!
        const got = core.expectNormal((z) => z ** d, n);
        // the sum of n terms of size <= E|z|^d, each rounded: n·ε·E|z|^d (E|z|^d <= (d−1)!!·√(d+1))
        const size = Array.from({ length: Math.ceil(d / 2) }, (_, k) => 2 * k + 1).reduce((p, v) => p * v, 1) * Math.sqrt(d + 1);
        expect(Math.abs(got - exact)).toBeLessThanOrEqual(4 * n * EPS * size);
      }),
      { seed: SEED, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 300 }), fc.double({ min: 0.55, max: 3, noNaN: true }), (n, c) => {
        expect(() => core.expectNormal((z) => Math.exp(c * z * z), n)).toThrow(/diverges|must return a finite number/);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rk4: t0 … t1 on the grid, status success, yEnd = R(−kh)^steps for y′ = −k·y', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.double({ min: 0.01, max: 2, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (steps, kh, t1) => {
        const k = (kh * steps) / t1;
        const r = core.rk4((_t, y, dy) => { dy[0] = -k * y[0]; }, 0, [1], t1, { steps });
        expect(r.status).toBe('success');
        expect(r.t.length).toBe(steps + 1);
        expect(r.t[0]).toBe(0);
        expect(r.t[steps]).toBe(t1);
        const z = -(k * t1) / steps;
        const R = 1 + z + z * z / 2 + z ** 3 / 6 + z ** 4 / 24; // RK4's stability function
        // each step rounds a few times: relative error <= 16·steps·ε (|R| <= 1 for kh <= 2)
        expect(Math.abs(r.yEnd[0] - R ** steps)).toBeLessThanOrEqual(16 * steps * EPS * Math.max(Math.abs(R) ** steps, EPS));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('integrate: y′ = −k·y within the tolerance, status success, ends at t1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.1, max: 5, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), (k, t1) => {
        const r = core.integrate((_t, y, dy) => { dy[0] = -k * y[0]; }, 0, [1], t1, { rtol: 1e-10, atol: 1e-12 });
        expect(r.status).toBe('success');
        expect(r.tEnd).toBe(t1);
        // global error of a decaying scalar problem stays within ~100 local tolerances
        const exact = Math.exp(-k * t1);
        expect(Math.abs(r.yEnd[0] - exact)).toBeLessThanOrEqual(100 * (1e-12 + 1e-10 * exact));
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('brent and derivative on random smooth functions', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), fc.double({ min: 0.1, max: 5, noNaN: true }), (root, width) => {
        const x = core.brent((t) => (t - root) * (1 + t * t), root - width, root + 2 * width);
        // the default tolerances end on one of the two doubles around the sign change
        expect(Math.abs(x - root)).toBeLessThanOrEqual(4 * EPS * Math.max(Math.abs(root - width), Math.abs(root + 2 * width)));
        const d = core.derivative(Math.sin, root);
        // central step h = ε^{1/3}·max(1, |x|) ≈ 6e-5 at |x| = 10: truncation h²/6 ≈ 6e-10, rounding ε/h ≈ 4e-12
        expect(Math.abs(d - Math.cos(root))).toBeLessThanOrEqual(1e-9);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
