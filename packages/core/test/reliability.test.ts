// Issue 16 (reliability) for core's public API: every call ends, within seconds, in a correct
// result (with a status where numerics can fail) or a TypeError/RangeError naming the caller's
// parameter. One test per weakness found; each failed before its fix (see CHANGELOG).
import { describe, expect, it } from 'vitest';
import {
  brent,
  cholesky,
  createRk4Stepper,
  createRng,
  createThreadPool,
  defineActivation,
  derivative,
  dot,
  eigen,
  erfFn,
  euler,
  expectNormal,
  expectNormalAdaptive,
  findRoots,
  finiteVector,
  gradientCentral,
  gradientForward,
  integrate,
  knownKeys,
  matmulNN,
  matvec,
  multivariateNormal,
  portableExp,
  portableLog,
  rk4,
  sharedFloat64Array,
  show,
  solve,
  symmetricEigen,
  tanh,
} from '@neurobridge/core';
import type { Rhs } from '@neurobridge/core';
import { decompose } from '../src/linearAlgebra/evd.js';

const decay: Rhs = (_t, y, d) => {
  d[0] = -y[0];
};
const id = (x: number): number => x;
/** Calls `fn` and returns what it threw (fails the test when it returns). */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}
// `any` on purpose: the calls below pass what TypeScript would refuse, as JavaScript callers can
/* eslint-disable @typescript-eslint/no-explicit-any */
const bad = (v: unknown): any => v;

describe('misspelt option keys are TypeErrors with a hint (knownKeys), for every options object', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['integrate', () => integrate(decay, 0, [1], 1, bad({ rTol: 1e-3 })), /options\.rTol is not an option of integrate \(did you mean rtol\?/],
    ['integrate event', () => integrate(decay, 0, [1], 1, { events: [bad({ value: () => 1, directon: 1 })] }), /options\.events\[0\]\.directon is not a key of options\.events\[0\] \(did you mean direction\?/],
    ['integrate schedule', () => integrate(decay, 0, [1], 1, { schedule: [bad({ t: 0.5, affect: () => {}, at: 1 })] }), /options\.schedule\[0\]\.at is not a key/],
    ['integrate sample', () => integrate(decay, 0, [1], 1, { sample: bad({ dt: 0.1, DT: 1 }) }), /options\.sample\.DT is not a key of options\.sample/],
    ['rk4', () => rk4(decay, 0, [1], 1, bad({ steps: 10, recrod: 'end' })), /options\.recrod is not an option of rk4 \(did you mean record\?/],
    ['euler', () => euler(decay, 0, [1], 1, bad({ step: 10 })), /options\.step is not an option of euler/],
    ['multivariateNormal', () => multivariateNormal(createRng(1), [0], [[1]], 1, bad({ methd: 'eigen' })), /options\.methd is not an option \(did you mean method\?/],
    ['gradientCentral', () => gradientCentral((x) => x[0], [1], bad({ H: 1e-3 })), /options\.H is not an option \(did you mean h\?/],
    ['gradientForward', () => gradientForward((x) => x[0], [1], bad({ step: 1e-3 })), /options\.step is not an option/],
    ['derivative', () => derivative(id, 1, bad({ metod: 'forward' })), /options\.metod is not an option \(did you mean method\?/],
    ['brent', () => brent(id, -1, 1, bad({ xTol: 1e-3 })), /options\.xTol is not an option \(did you mean xtol\?/],
    ['findRoots', () => findRoots(id, -1, 1, bad({ sample: 10 })), /options\.sample is not an option \(did you mean samples\?/],
    ['expectNormalAdaptive', () => expectNormalAdaptive(id, bad({ breakpoint: [0] })), /options\.breakpoint is not an option \(did you mean breakpoints\?/],
    ['solve', () => solve([[1]], [1], bad({ rcondmin: 1e-3 })), /options\.rcondmin is not an option \(did you mean rcondMin\?/],
    ['createThreadPool', () => createThreadPool(new URL('file:///nowhere.js'), bad({ thread: 2 })), /options\.thread is not an option \(did you mean threads\?/],
    ['defineActivation', () => defineActivation(bad({ name: 'x', f: id, df: id, d2f: id, d2F: id })), /spec\.d2F is not a key of spec/],
  ];
  for (const [name, call, message] of cases) {
    it(name, () => {
      const e = thrown(call);
      expect(e).toBeInstanceOf(TypeError);
      expect(e.message).toMatch(message);
    });
  }
  it('a class instance as an event keeps its own fields (only object literals are checked)', () => {
    class Crossing {
      count = 0;
      value(_t: number, y: Float64Array): number {
        return y[0] - 0.5;
      }
    }
    expect(integrate(decay, 0, [1], 1, { events: [new Crossing()] }).events.length).toBe(1);
  });
});

describe('values are not coerced: null, strings, BigInts are TypeErrors', () => {
  it('an option given as null is not its default', () => {
    expect(() => integrate(decay, 0, [1], 1, bad({ rtol: null }))).toThrow(new TypeError('options.rtol must be a number; got null'));
    expect(() => integrate(decay, 0, [1], 1, bad({ maxSteps: null }))).toThrow(new TypeError('options.maxSteps must be an integer; got null'));
    expect(() => integrate(decay, 0, [1], 1, bad({ maxStepSize: null }))).toThrow(TypeError);
    expect(() => rk4(decay, 0, [1], 1, bad({ steps: 2, record: null }))).toThrow(/options\.record must be 'all' or 'end'; got null/);
    expect(() => multivariateNormal(createRng(1), [0], [[1]], 1, bad({ method: null }))).toThrow(new TypeError("options.method must be one of 'cholesky', 'eigen'; got null"));
    expect(() => derivative(id, 1, bad({ method: null }))).toThrow(TypeError);
  });
  it('elementary functions refuse strings, null and BigInts', () => {
    expect(() => portableExp(bad('1'))).toThrow(new TypeError('x must be a number; got "1"'));
    expect(() => portableLog(bad(1n))).toThrow(new TypeError('x must be a number; got 1n'));
    expect(() => erfFn(bad(null))).toThrow(new TypeError('x must be a number; got null'));
    expect(Number.isNaN(tanh.df(Number.NaN))).toBe(true); // NaN is a number: it propagates
  });
  it('sizes given as strings, flags given as strings', () => {
    expect(() => sharedFloat64Array(bad('3'))).toThrow(new TypeError('length must be an integer; got "3"'));
    expect(() => matmulNN(new Float64Array(1), new Float64Array(1), bad('1'), 1, 1)).toThrow(new TypeError('matmulNN: m must be a non-negative integer; got "1"'));
    expect(() => matmulNN(new Float64Array(1), new Float64Array(1), 1, 1, 1, undefined, bad('yes'))).toThrow(new TypeError('matmulNN: accumulate must be a boolean; got "yes"'));
    expect(() => matvec(new Float64Array(2), bad('1'), 2, [1, 1])).toThrow(TypeError);
  });
  it('show prints BigInts and symbols as what they are', () => {
    expect(show(5n)).toBe('5n');
    expect(show(Symbol('s'))).toBe('Symbol(s)');
  });
});

describe('work and memory are checked up front (RangeError in the caller\'s terms, at once)', () => {
  it('fixed-step methods: steps beyond options.maxSteps, or a trajectory beyond 1 GiB', () => {
    const t = Date.now();
    expect(() => rk4(decay, 0, [1], 1, { steps: 1e12, record: 'end' })).toThrow(
      'options.steps must be <= options.maxSteps = 10000000 (the bound on the work asked for; raise maxSteps to run more); got 1000000000000',
    );
    expect(() => euler(decay, 0, [1], 1, { steps: 5e7, maxSteps: 1e8 })).toThrow(/options\.steps = 50000000 with record 'all' and 1 state variables needs 13200000264 bytes; at most 1073741824 \(1 GiB\)/);
    expect(Date.now() - t).toBeLessThan(1000);
    expect(rk4(decay, 0, [1], 1, { steps: 3, maxSteps: 3 }).status).toBe('success');
  });
  it('allocations: a vector, a stepper, normals, draws, shared memory, products, matrices', () => {
    const big = 1e12;
    expect(() => finiteVector('x', { length: big })).toThrow(new RangeError('x must have length <= 134217728; got length 1000000000000'));
    expect(() => finiteVector('x', { length: Number.NaN })).toThrow(new TypeError('x must be an array-like of finite numbers; got an object with length NaN'));
    expect(() => createRk4Stepper(big)).toThrow(/dim must be <= 134217728/);
    expect(() => createRng(1).normals(big)).toThrow(/n must be <= 134217728/);
    expect(() => multivariateNormal(createRng(1), [0], [[1]], big)).toThrow(/count·\(d \+ 32\) must be <= 134217728/);
    expect(() => sharedFloat64Array(big)).toThrow(RangeError);
    expect(() => matmulNN(new Float64Array(0), new Float64Array(0), 1e6, 1e6, 0)).toThrow(/matmulNN: m·n must be <= 134217728/);
    const row = new Array(20000).fill(0);
    expect(() => cholesky(new Array(20000).fill(row))).toThrow(/A must have at most 134217728 entries \(n <= 11585\); got 20000×20000/);
  });
});

describe('extreme magnitudes: exact power-of-two scaling', () => {
  it('symmetricEigen of entries near 1e300 gives the eigenvalues (was: "Cannot read properties of undefined")', () => {
    const S = [[1, 0.2, 0], [0.2, -1, 0.3], [0, 0.3, 0.5]];
    const r1 = symmetricEigen(S);
    const big = 2 ** 996; // ≈ 6.7e299
    const r = symmetricEigen(S.map((row) => row.map((v) => v * big)));
    // the scaled problem is the original one times an exact power of two: identical bits
    expect(Array.from(r.values)).toEqual(Array.from(r1.values, (v) => v * big));
    expect(r.vectors.map((v) => Array.from(v))).toEqual(r1.vectors.map((v) => Array.from(v)));
  });
  it('eigen near 1e300 (was: an endless QR loop) and near 1e-300 (was: a real pair instead of 1e-300 ± 2.45e-300i)', () => {
    const A = [[1, 2, 0.1], [-3, 1, 0.4], [1, 1, 1]];
    const a1 = eigen(A);
    for (const s of [2 ** 996, 2 ** -996]) {
      const r = eigen(A.map((row) => row.map((v) => v * s)));
      expect(Array.from(r.re)).toEqual(Array.from(a1.re, (v) => v * s));
      expect(Array.from(r.im)).toEqual(Array.from(a1.im, (v) => v * s));
    }
    const tiny = eigen([[1e-300, 2e-300], [-3e-300, 1e-300]]);
    expect(Array.from(tiny.re)).toEqual([1e-300, 1e-300]);
    // √6·1e-300, to a few ulps (the QR step forms √(|p² + w|) on the scaled entries)
    expect(Math.abs(tiny.im[0] / (Math.sqrt(6) * 1e-300) - 1)).toBeLessThan(4 * Number.EPSILON);
  });
  it('an eigenvalue beyond the double range is a RangeError, not Infinity', () => {
    expect(() => symmetricEigen([[1.7e308, 1.7e308], [1.7e308, 1.7e308]])).toThrow(/A has an eigenvalue beyond the double range/);
  });
  it('cholesky near 1.8e308: symmetrising (x + y)/2 overflowed to Infinity', () => {
    const L = cholesky([[1.7e308, 1.7e308], [1.7e308, 1.75e308]]);
    expect(Math.abs(L[1][1] / Math.sqrt(0.05e308) - 1)).toBeLessThan(1e-12); // 0.05e308 = 1.75e308 − 1.7e308 exactly to 1 ulp of 1.7e308
  });
  it('solve near 1e308: ‖A‖₁ overflowed, a well-conditioned A was called singular', () => {
    const x = solve([[1e308, 1e308], [-1e308, 1e308]], [1e308, 1e308]);
    expect(Array.from(x)).toEqual([0, 1]); // x0 + x1 = 1, −x0 + x1 = 1
  });
});

describe('eigendecomposition has an iteration cap (ml-matrix\'s has none)', () => {
  // a random non-symmetric 6×6: its QR needs more than one sweep per eigenvalue
  const A = createRng('evd-cap').normals(36);
  it('QR (hqr2) and QL (tql2) report non-convergence instead of looping', () => {
    const r = decompose(6, A, false, { qr: 1 });
    expect(r.ok).toBe(false);
    expect(r.reason).toMatch(/the QR iteration did not converge within 1 sweeps/);
    const S = Float64Array.from([2, 1, 0, 1, 2, 1, 0, 1, 2]);
    const q = decompose(3, S, true, { ql: 1 });
    expect(q.ok).toBe(false);
    expect(q.reason).toMatch(/the QL iteration did not converge within 1 sweeps/);
    expect(decompose(6, A, false).ok).toBe(true);
  });
});

describe('non-finite results are flagged', () => {
  it('expectNormal of e^{z²} (E = ∞) is a RangeError, not 1.08e48', () => {
    expect(() => expectNormal((z) => Math.exp(z * z))).toThrow(/f: E\[f\(z\)\] diverges or lies beyond the order-64 rule/);
    expect(() => expectNormal((z) => Math.exp(0.6 * z * z), 20)).toThrow(RangeError);
    expect(expectNormal((z) => z ** 6, 4)).toBeCloseTo(15, 12); // exact polynomial: not flagged
    expect(expectNormal((z) => z ** 3, 2)).toBe(0); // z³ at order 2 (degree 2n − 1): not flagged
    // E[e^{z²/4}] = √2 converges; f overflows at the first probe 3·x_max ≈ 96, so the probe steps back
    expect(Math.abs(expectNormal((z) => Math.exp((z * z) / 4), 256) - Math.SQRT2)).toBeLessThan(1e-12);
  });
  it('expectNormalAdaptive of 1e-300·e^{z²}: the Hermite doubling "converged" to 1e-278', () => {
    expect(() => expectNormalAdaptive((z) => 1e-300 * Math.exp(z * z))).toThrow(/diverges/);
    expect(expectNormalAdaptive(tanh.df).evaluations).toBe(16 + 32 + 64 + 128 + 256 + 2);
  });
  it('rk4/euler report a non-finite state with a status (was: NaN/Infinity in yEnd, no flag)', () => {
    const blowUp: Rhs = (_t, y, d) => {
      d[0] = y[0] * y[0];
    };
    for (const record of ['all', 'end'] as const) {
      const r = rk4(blowUp, 0, [1], 10, { steps: 100, record });
      expect(r.status).toBe('nonFinite');
      expect(r.message).toMatch(/state became non-finite \(y\[0\] = (Infinity|NaN)\) in step \d+/);
      expect(Number.isFinite(r.yEnd[0])).toBe(true);
      expect(r.t[r.t.length - 1]).toBe(r.tEnd);
      expect(r.y.length).toBe(r.t.length);
      // y = 1/(1 − t) blows up at t = 1; the h = 0.1 steps see it a few steps later
      expect(r.tEnd).toBeGreaterThan(0.5);
      expect(r.tEnd).toBeLessThan(2);
    }
    expect(rk4(decay, 0, [1], 1, { steps: 4 }).status).toBe('success');
  });
  it('derivative with a step below the resolution of x was 0/0 = NaN', () => {
    expect(() => derivative((x) => x * x, 1e10, { h: 1e-10 })).toThrow(/options\.h = 1e-10 is below the resolution of x = 10000000000/);
    expect(() => gradientCentral((x) => x[0], [1e10], { h: 1e-10 })).toThrow(/below the resolution of x\[0\]/);
    expect(() => derivative(id, Number.MAX_VALUE)).toThrow(/the default step .* beyond the double range/);
  });
  it('solve: rcondMin above 1 refused every matrix as singular', () => {
    expect(() => solve([[1]], [1], { rcondMin: 2 })).toThrow(new RangeError('options.rcondMin must be in (0, 1] (rcond never exceeds 1); got 2'));
  });
});

describe('errors never come from a property read of undefined or null', () => {
  it('options null, arguments null', () => {
    expect(() => createThreadPool(new URL('file:///nowhere.js'), bad(null))).toThrow(new TypeError('options must be an object; got null'));
    expect(() => dot(bad(null), [1])).toThrow(new TypeError('dot: a must be an array or typed array of numbers; got null'));
    expect(() => knownKeys('options', bad(null), ['a'])).toThrow(new TypeError('options must be an object; got null'));
    expect(() => createRk4Stepper(1).step(decay, 0, bad(undefined), 0.1)).toThrow(new TypeError('y must be a Float64Array of length 1; got undefined'));
    expect(() => createRk4Stepper(1).step(decay, 0, new Float64Array(1), Number.NaN)).toThrow(new RangeError('h must be finite; got NaN'));
  });
  it('ctx.schedule prints a non-number time with show()', () => {
    const run = () => integrate(decay, 0, [1], 1, { schedule: [{ t: 0.5, affect: (_t, _y, ctx) => ctx.schedule(bad('0.7'), () => {}) }] });
    expect(run).toThrow(/got "0\.7"$/);
  });
  it('fixed-step span beyond the double range names t0 and t1', () => {
    expect(() => rk4(decay, -1.7e308, [1], 1.7e308, { steps: 2 })).toThrow(/t1 − t0 must be finite \(\|t1 − t0\| <= 1\.8e308\); got t0 = -1\.7e\+308, t1 = 1\.7e\+308/);
  });
});
