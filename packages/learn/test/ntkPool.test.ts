import { activations, createRng, defineActivation, type Activation } from '@neurobridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNtkPool, empiricalNtk, mlp, type EmpiricalNtk, type Mlp, type NtkPool } from '../src/index.js';
import { shareRange } from '../src/ntk/ntkRows.js';

// The pool's workers run the BUILT worker module (dist/ntk/ntk.worker.js, found by core's Node
// platform when the source file src/ntk/ntk.worker.js does not exist): run `pnpm build` before
// these tests, as CI does. A stale dist/ would show here as results that are not bit-identical.

const { tanh, relu, erf, linear, sigmoid } = activations;

function net(sizes: number[], acts: Activation[], bias: boolean, seed: string): Mlp {
  const n = mlp({ sizes, activations: acts, bias, init: 'lecun', rng: createRng(seed) });
  if (bias) {
    const rng = createRng(`${seed}-b`);
    for (const b of n.biases) for (let i = 0; i < b.length; i++) b[i] = 0.3 * rng.normal();
  }
  return n;
}

function inputs(p: number, d: number, seed: string): Float64Array {
  return createRng(seed).normals(p * d);
}

/** Index of the first entry whose bits differ (Object.is: −0 ≠ 0, NaN = NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameBits(actual: EmpiricalNtk, expected: EmpiricalNtk): void {
  expect(actual.p).toBe(expected.p);
  expect(firstDifference(actual.gamma, expected.gamma)).toBe(-1);
  expect(firstDifference(actual.total, expected.total)).toBe(-1);
  expect(firstDifference(actual.output, expected.output)).toBe(-1);
  expect(actual.perLayer.length).toBe(expected.perLayer.length);
  actual.perLayer.forEach((c, k) => expect(firstDifference(c, expected.perLayer[k])).toBe(-1));
  expect(actual.total).toEqual(expected.total);
}

/** Shapes × activations × bias; p chosen so that 2 and 3 threads get unequal and (p = 2) empty row ranges. */
const CASES: { label: string; sizes: number[]; acts: Activation[]; bias: boolean; p: number; rates?: number[] }[] = [
  { label: 'tanh 3-9-7-1, no bias, p = 7', sizes: [3, 9, 7, 1], acts: [tanh, tanh, linear], bias: false, p: 7 },
  { label: 'relu 5-13-1, bias, p = 2 (fewer examples than threads)', sizes: [5, 13, 1], acts: [relu, linear], bias: true, p: 2 },
  { label: 'erf 2-6-11-5-1, bias, p = 10, unequal layer rates', sizes: [2, 6, 11, 5, 1], acts: [erf, erf, erf, linear], bias: true, p: 10, rates: [1, 2, 0.5, 3] },
  { label: 'tanh 16-64-64-1 with a sigmoid readout, no bias, p = 33', sizes: [16, 64, 64, 1], acts: [tanh, tanh, sigmoid], bias: false, p: 33 },
  { label: 'one example, 4-5-1 tanh, bias', sizes: [4, 5, 1], acts: [tanh, linear], bias: true, p: 1 },
];

describe('createNtkPool', () => {
  const pools = new Map<number, NtkPool>();
  beforeAll(() => {
    for (const threads of [1, 2, 3]) pools.set(threads, createNtkPool({ threads }));
  });
  afterAll(async () => {
    await Promise.all([...pools.values()].map((p) => p.close()));
  });

  it('shareRange partitions n items (examples, units) into contiguous ranges of ⌊n/T⌋ or ⌈n/T⌉', () => {
    for (const [p, T] of [[7, 2], [7, 3], [2, 3], [1, 3], [64, 2], [10, 4]]) {
      let next = 0;
      for (let w = 0; w < T; w++) {
        const { lo, hi } = shareRange(p, T, w);
        expect(lo).toBe(next);
        expect(hi - lo).toBeGreaterThanOrEqual(Math.floor(p / T));
        expect(hi - lo).toBeLessThanOrEqual(Math.ceil(p / T));
        next = hi;
      }
      expect(next).toBe(p);
    }
  });

  it('is bit-identical to empiricalNtk for 1, 2 and 3 threads, every shape (one pool reused across shapes)', async () => {
    for (const c of CASES) {
      const n = net(c.sizes, c.acts, c.bias, c.label);
      const X = inputs(c.p, c.sizes[0], `${c.label}-x`);
      const options = c.rates ? { layerRates: c.rates } : {};
      const expected = empiricalNtk(n, X, options);
      // the kernel is not degenerate (a test of all-zero matrices would prove little)
      expect(expected.total.some((v) => v !== 0)).toBe(true);
      for (const [threads, pool] of pools) {
        expect(pool.threads).toBe(threads);
        const got = await pool.empiricalNtk(n, X, options);
        expectSameBits(got, expected);
      }
    }
  });

  it('accepts the inputs as an array of vectors, and a second call with new weights sees them', async () => {
    const pool = pools.get(2)!;
    const n = net([3, 8, 8, 1], [tanh, tanh, linear], true, 'update');
    const rows = Array.from({ length: 5 }, (_, mu) => [mu - 2, 0.5 * mu, 1 - mu]);
    expectSameBits(await pool.empiricalNtk(n, rows), empiricalNtk(n, rows));
    for (const w of n.weights) for (let i = 0; i < w.length; i++) w[i] *= 1.5; // a training step would change them
    for (const b of n.biases) b[0] += 1;
    expectSameBits(await pool.empiricalNtk(n, rows), empiricalNtk(n, rows));
  });

  it('share(net): the weights move to shared memory with the same values, are read in place, and give the same bits', async () => {
    for (const [threads, pool] of pools) {
      const n = net([5, 12, 9, 1], [tanh, erf, linear], true, `shared-${threads}`);
      const X = inputs(6, 5, `shared-x-${threads}`);
      const expected = empiricalNtk(n, X);
      const before = n.weights.map((w) => w.slice());
      expect(pool.share(n)).toBe(n);
      n.weights.forEach((w, k) => {
        expect(w.buffer).toBeInstanceOf(SharedArrayBuffer);
        expect(firstDifference(w, before[k])).toBe(-1);
      });
      expectSameBits(await pool.empiricalNtk(n, X), expected);
      // a change between calls is seen (the workers read the shared arrays, not a stale copy) …
      for (const w of n.weights) for (let i = 0; i < w.length; i++) w[i] *= 0.75;
      expectSameBits(await pool.empiricalNtk(n, X), empiricalNtk(n, X));
      // … and an unshared network of the same shape after it uses its own values, not the shared ones
      const plain = net([5, 12, 9, 1], [tanh, erf, linear], true, `plain-${threads}`);
      expectSameBits(await pool.empiricalNtk(plain, X), empiricalNtk(plain, X));
      expectSameBits(await pool.empiricalNtk(n, X), empiricalNtk(n, X));
    }
  });

  it('reads the network and inputs when called: calls made before earlier ones finish are not affected by later changes', async () => {
    const pool = pools.get(2)!;
    const n = net([4, 10, 10, 1], [tanh, relu, linear], true, 'queued');
    const X = inputs(9, 4, 'queued-x');
    const before = empiricalNtk(n, X);
    const first = pool.empiricalNtk(n, X);
    const second = pool.empiricalNtk(n, X); // queued behind the first: must keep today's weights
    n.weights[1][0] += 2;
    n.biases[0][3] -= 1;
    X[5] = 7;
    const third = pool.empiricalNtk(n, X);
    const other = net([2, 3, 1], [erf, linear], false, 'queued-other'); // another shape in between
    const fourth = pool.empiricalNtk(other, inputs(4, 2, 'queued-o'));
    const after = empiricalNtk(n, X);
    expect(firstDifference(before.total, after.total)).not.toBe(-1);
    expectSameBits(await first, before);
    expectSameBits(await second, before);
    expectSameBits(await third, after);
    expectSameBits(await fourth, empiricalNtk(other, inputs(4, 2, 'queued-o')));
  });

  it('rejects a custom activation with a TypeError naming it (functions cannot cross threads)', async () => {
    const pool = pools.get(2)!;
    const softsign = defineActivation({ name: 'softsign', f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2, d2f: () => 0 });
    const n = net([2, 4, 1], [softsign, linear], false, 'custom');
    const X = inputs(3, 2, 'custom-x');
    expect(empiricalNtk(n, X).total.length).toBe(9); // fine on one thread
    await expect(pool.empiricalNtk(n, X)).rejects.toThrow(TypeError);
    await expect(pool.empiricalNtk(n, X)).rejects.toThrow(/net\.activations\[0\] must be one of core's built-in activations .*; got a custom activation "softsign"/);
    // a look-alike of a built-in is not the built-in: its functions could differ
    const tanhCopy = defineActivation({ name: 'tanh', f: tanh.f, df: tanh.df, d2f: tanh.d2f });
    const m = net([2, 4, 1], [tanh, tanhCopy], false, 'custom2');
    await expect(pool.empiricalNtk(m, X)).rejects.toThrow(/net\.activations\[1\] .*got a custom activation "tanh"/);
    // the pool still works afterwards
    const ok = net([2, 4, 1], [tanh, linear], false, 'custom3');
    expectSameBits(await pool.empiricalNtk(ok, X), empiricalNtk(ok, X));
  });

  it('rejects bad networks, inputs and options with the errors of empiricalNtk', async () => {
    const pool = pools.get(2)!;
    const n = net([3, 4, 1], [tanh, linear], true, 'bad');
    const good = inputs(2, 3, 'bad-x');
    const bad: [string, Mlp, unknown, unknown][] = [
      ['NaN input', n, Float64Array.from([1, 2, NaN, 0, 0, 0]), {}],
      ['length not a multiple of the dimension', n, new Float64Array(7), {}],
      ['no examples', n, [], {}],
      ['a row of the wrong length', n, [[1, 2, 3], [1, 2]], {}],
      ['inputs of the wrong kind', n, 'abc', {}],
      ['a row of the wrong kind', n, [[1, 2, 3], 5], {}],
      ['vector readout', { ...n, sizes: [3, 4, 2] }, good, {}],
      ['missing weights', { ...n, weights: [n.weights[0]] }, good, {}],
      ['wrong bias length', { ...n, biases: [n.biases[0], new Float64Array(3)] }, good, {}],
      ['a non-activation', { ...n, activations: [tanh, 3 as unknown as Activation] }, good, {}],
      ['layer rates of the wrong length', n, good, { layerRates: [1] }],
      ['negative layer rate', n, good, { layerRates: [1, -1] }],
      ['not a network', null as unknown as Mlp, good, {}],
    ];
    for (const [label, network, X, options] of bad) {
      let expected: Error | undefined;
      try {
        empiricalNtk(network, X as Float64Array, options as object);
      } catch (e) {
        expected = e as Error;
      }
      expect(expected, label).toBeInstanceOf(Error);
      const got = await pool.empiricalNtk(network, X as Float64Array, options as object).then(() => undefined, (e: Error) => e);
      expect(got, label).toBeInstanceOf(expected!.constructor);
      expect(got!.message, label).toBe(expected!.message);
    }
  });

  it('a non-finite pass gives the error of empiricalNtk (the workers scan the units they wrote), for 1, 2 and 3 threads', async () => {
    const { relu: reluAct } = activations;
    const withWeights = (sizes: number[], acts: Activation[], fill: (k: number, i: number) => number): Mlp => {
      const n = net(sizes, acts, false, `nonfinite-${sizes.join('-')}`);
      n.weights.forEach((w, k) => { for (let i = 0; i < w.length; i++) w[i] = fill(k, i); });
      return n;
    };
    const positive = Float64Array.from({ length: 8 }, (_, i) => 0.5 + 0.25 * i); // p = 4 examples of dimension 2, all > 0
    const cases: [string, Mlp, Float64Array][] = [
      ['a NaN weight in the middle layer', withWeights([2, 6, 5, 1], [tanh, tanh, linear], (k, i) => (k === 1 && i === 7 ? NaN : 0.3)), positive],
      ['an infinite readout weight', withWeights([2, 6, 5, 1], [tanh, tanh, linear], (k, i) => (k === 2 && i === 0 ? Infinity : 0.3)), positive],
      ['finite weights whose drives overflow', withWeights([2, 4, 4, 1], [linear, linear, linear], () => 1e200), positive],
      // forward tiny (1e-300 · 1e200 · 1e200 = 1e100), backward g⁰ = Σ W² W¹ ≈ 1e400: only the sensitivities overflow
      ['finite weights whose sensitivities overflow', withWeights([2, 4, 4, 1], [reluAct, reluAct, linear], (k) => (k === 0 ? 1e-300 : 1e200)), positive],
    ];
    for (const [label, n, X] of cases) {
      let expected: Error | undefined;
      try {
        empiricalNtk(n, X);
      } catch (e) {
        expected = e as Error;
      }
      expect(expected, label).toBeInstanceOf(RangeError);
      for (const [threads, pool] of pools) {
        const got = await pool.empiricalNtk(n, X).then(() => undefined, (e: Error) => e);
        expect(got, `${label}, ${threads} threads`).toBeInstanceOf(RangeError);
        expect(got!.message, `${label}, ${threads} threads`).toBe(expected!.message);
      }
    }
    // the sensitivity case is a sensitivity error (not caught by the forward scans)
    expect(() => empiricalNtk(cases[3][1], positive)).toThrow(/sensitivity/);
  });

  it('validates its options, and rejects calls after close', async () => {
    expect(() => createNtkPool({ threads: 0 })).toThrow(RangeError);
    expect(() => createNtkPool({ threads: 0 })).toThrow('options.threads must be an integer in [1, 256]; got 0');
    expect(() => createNtkPool({ threads: 1.5 })).toThrow(/options\.threads/);
    expect(() => createNtkPool({ threads: '2' as unknown as number })).toThrow(TypeError);
    expect(() => createNtkPool(null as unknown as object)).toThrow(TypeError);
    const pool = createNtkPool({ threads: 1 });
    const n = net([2, 3, 1], [tanh, linear], false, 'closed');
    const X = inputs(2, 2, 'closed-x');
    expectSameBits(await pool.empiricalNtk(n, X), empiricalNtk(n, X));
    await pool.close();
    await expect(pool.empiricalNtk(n, X)).rejects.toThrow('the NTK pool is closed');
    await pool.close(); // closing twice is harmless
  });

  it('close() while calls are running or queued rejects them instead of leaving them pending', async () => {
    const pool = createNtkPool({ threads: 2 });
    const n = net([4, 64, 64, 1], [tanh, tanh, linear], false, 'close-busy');
    const X = inputs(8, 4, 'close-busy-x');
    const running = pool.empiricalNtk(n, X);
    const queued = pool.empiricalNtk(n, X);
    await pool.close();
    await expect(running).rejects.toThrow(/closed/);
    await expect(queued).rejects.toThrow(/closed/);
  });
});
