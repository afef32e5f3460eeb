import { activations, createRng, defineActivation, type Activation } from '@neurobridge/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  binaryCrossEntropy, createMlpGradients, createMlpPool, defineLoss, itakuraSaito, mlp, mlpBackward, mlpForward, squared, squaredHalf,
  type Loss, type Mlp, type MlpCache, type MlpGradients, type MlpPool,
} from '../src/index.js';

// The pool's workers run the BUILT worker module (dist/layered/mlp.worker.js, found by core's Node
// platform when src/layered/mlp.worker.js does not exist): run `pnpm build` before these tests,
// as CI does. A stale dist/ would show here as results that are not bit-identical.

const { tanh, relu, erf, linear, sigmoid } = activations;

function net(sizes: number[], acts: Activation[], bias: boolean, seed: string): Mlp {
  const n = mlp({ sizes, activations: acts, bias, init: 'lecun', rng: createRng(seed) });
  if (bias) {
    const rng = createRng(`${seed}-b`);
    for (const b of n.biases) for (let i = 0; i < b.length; i++) b[i] = 0.3 * rng.normal();
  }
  return n;
}

function uniforms(n: number, seed: string): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => rng.uniform());
}

function normals(n: number, seed: string, scale = 1): Float64Array {
  const a = createRng(seed).normals(n);
  for (let i = 0; i < n; i++) a[i] *= scale;
  return a;
}

/** An independent copy of a network (its own arrays, not shared). */
function clone(n: Mlp): Mlp {
  return { ...n, weights: n.weights.map((w) => new Float64Array(w)), biases: n.biases.map((b) => new Float64Array(b)) };
}

/** Index of the first entry whose bits differ (Object.is: −0 ≠ 0, NaN = NaN), or −1. */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSameArrays(actual: Float64Array[], expected: Float64Array[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((a, l) => expect(firstDifference(a, expected[l]), `${label}[${l}]`).toBe(-1));
}

function expectSameCache(actual: MlpCache, expected: MlpCache, label: string): void {
  expect(actual.batch, label).toBe(expected.batch);
  expectSameArrays(actual.h, expected.h, `${label} h`);
  expectSameArrays(actual.x, expected.x, `${label} x`);
}

function expectSameGradients(actual: MlpGradients, expected: MlpGradients, label: string): void {
  expectSameArrays(actual.gradW, expected.gradW, `${label} gradW`);
  expectSameArrays(actual.gradB, expected.gradB, `${label} gradB`);
  expectSameArrays(actual.delta, expected.delta, `${label} delta`);
  expect(actual.dInput, label).toBeUndefined();
}

/**
 * The one-thread reference, written from the public one-thread functions: mlpForward, the loss
 * entry by entry (value then derivative, q increasing), mlpBackward.
 */
function reference(n: Mlp, input: Float64Array, targets: Float64Array, batch: number, loss: Loss = squaredHalf) {
  const cache = mlpForward(n, input, batch);
  const y = cache.x[cache.x.length - 1];
  const dLdOut = new Float64Array(y.length);
  let sum = 0;
  for (let q = 0; q < y.length; q++) {
    sum += loss.value(y[q], targets[q]);
    dLdOut[q] = loss.derivative(y[q], targets[q]);
  }
  const gradients = mlpBackward(n, cache, dLdOut);
  return { loss: sum, output: y, gradients, cache };
}

/** The one-thread training step: the reference gradient, then w ← w − η g in place. */
function referenceStep(n: Mlp, input: Float64Array, targets: Float64Array, batch: number, eta: number, loss: Loss = squaredHalf) {
  const r = reference(n, input, targets, batch, loss);
  for (let l = 0; l < n.weights.length; l++) {
    const W = n.weights[l], gW = r.gradients.gradW[l];
    for (let q = 0; q < W.length; q++) W[q] -= eta * gW[q];
    const b = n.biases[l], gb = r.gradients.gradB[l];
    for (let i = 0; i < b.length; i++) b[i] -= eta * gb[i];
  }
  return { loss: r.loss, output: r.output };
}

/** Shapes × activations × bias: widths below the thread count, batch 1, uneven unit splits. */
const CASES: { label: string; sizes: number[]; acts: Activation[]; bias: boolean; batch: number }[] = [
  { label: 'tanh 3-9-7-2, no bias, batch 7', sizes: [3, 9, 7, 2], acts: [tanh, tanh, linear], bias: false, batch: 7 },
  { label: 'relu 5-13-1, bias, batch 2 (one output unit: threads without units)', sizes: [5, 13, 1], acts: [relu, linear], bias: true, batch: 2 },
  { label: 'erf 2-3-11-2-3, bias, batch 10 (widths below the thread count)', sizes: [2, 3, 11, 2, 3], acts: [erf, erf, erf, linear], bias: true, batch: 10 },
  { label: 'sigmoid 16-64-33-4, no bias, batch 33', sizes: [16, 64, 33, 4], acts: [sigmoid, tanh, sigmoid], bias: false, batch: 33 },
  { label: 'one sample, 4-5-3 tanh/linear, bias', sizes: [4, 5, 3], acts: [tanh, linear], bias: true, batch: 1 },
  { label: 'one layer 6-5 relu, bias, batch 3', sizes: [6, 5], acts: [relu], bias: true, batch: 3 },
  { label: 'linear 8-1-8, bias, batch 5 (a one-unit bottleneck)', sizes: [8, 1, 8], acts: [linear, relu], bias: true, batch: 5 },
];

const HANG_GUARD_MS = 60_000;

describe('createMlpPool', () => {
  const pools = new Map<number, MlpPool>();
  beforeAll(() => {
    for (const threads of [1, 2, 3, 4]) pools.set(threads, createMlpPool({ threads }));
  });
  afterAll(async () => {
    await Promise.all([...pools.values()].map((p) => p.close()));
  });

  it('forward and gradient are bit-identical to mlpForward + loss + mlpBackward for 1–4 threads, shared and unshared', async () => {
    for (const c of CASES) {
      const n = net(c.sizes, c.acts, c.bias, c.label);
      const X = normals(c.batch * c.sizes[0], `${c.label}-x`);
      const T = normals(c.batch * c.sizes[c.sizes.length - 1], `${c.label}-t`);
      const expected = reference(n, X, T, c.batch);
      // not degenerate: a test of all-zero gradients would prove little
      expect(expected.gradients.gradW.every((g) => g.some((v) => v !== 0)), c.label).toBe(true);
      const shared = clone(n);
      for (const [threads, pool] of pools) {
        expect(pool.threads).toBe(threads);
        if (threads === 1) pool.share(shared);
        for (const [kind, m] of [['unshared', n], ['shared', shared]] as const) {
          const label = `${c.label}, ${threads} threads, ${kind}`;
          expectSameCache(await pool.forward(m, X, c.batch), expected.cache, label);
          const got = await pool.gradient(m, X, T, c.batch);
          expect(Object.is(got.loss, expected.loss), label).toBe(true);
          expect(firstDifference(got.output, expected.output), label).toBe(-1);
          expectSameGradients(got.gradients, expected.gradients, label);
        }
      }
      // the pool never changes a network in gradient (nor the shared copy's values)
      expectSameArrays(shared.weights, n.weights, `${c.label} weights`);
    }
  }, HANG_GUARD_MS);

  it('every built-in loss (one round on the workers) and a custom loss (two rounds) give the one-thread bits', async () => {
    const n = net([4, 12, 6, 3], [tanh, relu, sigmoid], true, 'losses');
    const batch = 9;
    const X = normals(batch * 4, 'losses-x');
    const T01 = uniforms(batch * 3, 'losses-t'); // in [0, 1): targets of binaryCrossEntropy
    const Tpos = Float64Array.from(T01, (t) => t + 0.1); // positive: itakuraSaito's t/x > 0 with sigmoid outputs
    const huber = defineLoss({
      name: 'huber',
      value: (x, t) => (Math.abs(x - t) < 0.5 ? 0.5 * (x - t) ** 2 : 0.5 * (Math.abs(x - t) - 0.25)),
      derivative: (x, t) => (Math.abs(x - t) < 0.5 ? x - t : 0.5 * Math.sign(x - t)),
    });
    const cases: [Loss, Float64Array][] = [[squaredHalf, T01], [squared, T01], [binaryCrossEntropy, T01], [itakuraSaito, Tpos], [huber, T01]];
    for (const [loss, T] of cases) {
      const expected = reference(n, X, T, batch, loss);
      for (const [threads, pool] of pools) {
        const got = await pool.gradient(n, X, T, batch, { loss });
        const label = `${loss.name}, ${threads} threads`;
        expect(Object.is(got.loss, expected.loss), label).toBe(true);
        expectSameGradients(got.gradients, expected.gradients, label);
      }
    }
  }, HANG_GUARD_MS);

  it('784-256-256-10 tanh, tanh, linear at batch 128: gradient and a training step bit-identical on 2 threads', async () => {
    const n = net([784, 256, 256, 10], [tanh, tanh, linear], true, 'mnist');
    const batch = 128;
    const X = normals(batch * 784, 'mnist-x');
    const T = normals(batch * 10, 'mnist-t');
    const pool = pools.get(2)!;
    const expected = reference(n, X, T, batch);
    const got = await pool.gradient(n, X, T, batch);
    expect(Object.is(got.loss, expected.loss)).toBe(true);
    expectSameGradients(got.gradients, expected.gradients, '784-256-256-10');
    const one = clone(n), two = pool.share(clone(n));
    const r1 = referenceStep(one, X, T, batch, 1e-3);
    const r2 = await pool.trainStep(two, X, T, batch, { learningRate: 1e-3 });
    expect(Object.is(r2.loss, r1.loss)).toBe(true);
    expectSameArrays(two.weights, one.weights, 'weights after a step');
    expectSameArrays(two.biases, one.biases, 'biases after a step');
  }, HANG_GUARD_MS);

  it('several trainStep calls (awaited, or queued without awaiting) equal the same steps on one thread', async () => {
    for (const c of CASES) {
      const base = net(c.sizes, c.acts, c.bias, `${c.label}-train`);
      const batch = c.batch;
      const nOut = c.sizes[c.sizes.length - 1];
      const batches = [0, 1, 2, 3].map((k) => ({ X: normals(batch * c.sizes[0], `${c.label}-x${k}`), T: normals(batch * nOut, `${c.label}-t${k}`) }));
      const eta = 0.05;
      const one = clone(base);
      const expected = batches.map(({ X, T }) => referenceStep(one, X, T, batch, eta));
      for (const [threads, pool] of pools) {
        for (const kind of ['unshared', 'shared'] as const) {
          const m = clone(base);
          if (kind === 'shared') pool.share(m);
          const label = `${c.label}, ${threads} threads, ${kind}`;
          // the first two awaited one by one, the last two queued at once (weights are read when a call starts)
          const results = [await pool.trainStep(m, batches[0].X, batches[0].T, batch, { learningRate: eta })];
          results.push(await pool.trainStep(m, batches[1].X, batches[1].T, batch, { learningRate: eta }));
          const third = pool.trainStep(m, batches[2].X, batches[2].T, batch, { learningRate: eta });
          const fourth = pool.trainStep(m, batches[3].X, batches[3].T, batch, { learningRate: eta });
          results.push(await third, await fourth);
          results.forEach((r, k) => {
            expect(Object.is(r.loss, expected[k].loss), `${label} step ${k}`).toBe(true);
            expect(firstDifference(r.output, expected[k].output), `${label} step ${k}`).toBe(-1);
          });
          expectSameArrays(m.weights, one.weights, `${label} weights`);
          expectSameArrays(m.biases, one.biases, `${label} biases`);
          if (kind === 'shared') expect(m.weights.every((w) => w.buffer instanceof SharedArrayBuffer)).toBe(true);
        }
      }
    }
  }, HANG_GUARD_MS);

  it('a trainStep with a custom loss (two rounds) equals the one-thread step', async () => {
    const cube = defineLoss({ name: 'quartic', value: (x, t) => (x - t) ** 4 / 4, derivative: (x, t) => (x - t) ** 3 });
    const base = net([3, 7, 2], [tanh, linear], true, 'custom-step');
    const X = normals(15, 'custom-step-x'), T = normals(10, 'custom-step-t');
    const one = clone(base);
    const e1 = referenceStep(one, X, T, 5, 0.1, cube);
    const e2 = referenceStep(one, X, T, 5, 0.1, cube);
    for (const pool of pools.values()) {
      const m = pool.share(clone(base));
      const r1 = await pool.trainStep(m, X, T, 5, { learningRate: 0.1, loss: cube });
      const r2 = await pool.trainStep(m, X, T, 5, { learningRate: 0.1, loss: cube });
      expect([Object.is(r1.loss, e1.loss), Object.is(r2.loss, e2.loss)]).toEqual([true, true]);
      expectSameArrays(m.weights, one.weights, 'weights');
    }
  }, HANG_GUARD_MS);

  it('gradient writes into options.out when given (same bits, the same object), checked as mlpBackward checks its out', async () => {
    const n = net([5, 9, 4], [tanh, linear], true, 'out');
    const X = normals(15, 'out-x'), T = normals(12, 'out-t');
    const expected = reference(n, X, T, 3);
    for (const pool of pools.values()) {
      const out = createMlpGradients(n, 3);
      const W0 = out.gradW[0];
      const got = await pool.gradient(n, X, T, 3, { out });
      expect(got.gradients).toBe(out);
      expect(out.gradW[0]).toBe(W0);
      expectSameGradients(out, expected.gradients, 'out');
    }
    const pool = pools.get(2)!;
    const dLdOut = new Float64Array(12);
    const bad: [string, unknown][] = [
      ['one layer short', { ...createMlpGradients(n, 3), delta: [new Float64Array(27)] }],
      ['delta of another batch', createMlpGradients(n, 4)],
      ['gradW of the wrong length', { ...createMlpGradients(n, 3), gradW: [new Float64Array(45), new Float64Array(3)] }],
      ['gradB of the wrong length', { ...createMlpGradients(n, 3), gradB: [new Float64Array(9), new Float64Array(5)] }],
    ];
    for (const [label, out] of bad) {
      let expected: Error | undefined;
      try { mlpBackward(n, mlpForward(n, X, 3), dLdOut, out as MlpGradients); } catch (e) { expected = e as Error; }
      expect(expected, label).toBeInstanceOf(RangeError);
      await expect(pool.gradient(n, X, T, 3, { out: out as MlpGradients }), label).rejects.toThrow(expected!.message);
    }
    await expect(pool.gradient(n, X, T, 3, { out: createMlpGradients(n, 3, true) })).rejects.toThrow(/must not have dInput/);
    await expect(pool.gradient(n, X, T, 3, { out: [] as unknown as MlpGradients })).rejects.toThrow(TypeError);
  });

  it('repeated calls keep the one-thread bits (the threads never accumulate into the same shared entry)', async () => {
    // the output layer is computed whole by every thread; a sum two threads shared would race, and a
    // race shows up as a difference in some of many calls, not in one
    const n = net([6, 7, 3], [tanh, linear], true, 'race');
    const X = normals(30, 'race-x'), T = normals(15, 'race-t');
    const expected = reference(n, X, T, 5);
    for (const [threads, pool] of pools) {
      if (threads < 2) continue;
      for (let r = 0; r < 150; r++) {
        const got = await pool.gradient(n, X, T, 5);
        expectSameGradients(got.gradients, expected.gradients, `${threads} threads, call ${r}`);
      }
    }
  });

  it('shareGradients(out): the workers write the shared buffers in place (same bits), and later calls never write into them', async () => {
    const n = net([5, 9, 4], [tanh, linear], true, 'shared-out');
    const X = normals(15, 'shared-out-x'), T = normals(12, 'shared-out-t');
    const X2 = normals(15, 'shared-out-x2');
    for (const pool of pools.values()) {
      const out = createMlpGradients(n, 3);
      expect(pool.shareGradients(out)).toBe(out);
      for (const a of [...out.gradW, ...out.gradB, ...out.delta]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
      const W0 = out.gradW[0];
      const got = await pool.gradient(n, X, T, 3, { out });
      expect(got.gradients).toBe(out);
      expect(out.gradW[0]).toBe(W0); // written in place, not rebound
      const expected = reference(n, X, T, 3);
      expectSameGradients(out, expected.gradients, 'shared out');
      // calls without out, with an unshared out and a training step use the pool's own buffers again
      const kept = { gradW: out.gradW.map((a) => a.slice()), gradB: out.gradB.map((a) => a.slice()), delta: out.delta.map((a) => a.slice()) };
      const plain = createMlpGradients(n, 3);
      expectSameGradients((await pool.gradient(n, X2, T, 3)).gradients, reference(n, X2, T, 3).gradients, 'no out');
      expectSameGradients((await pool.gradient(n, X2, T, 3, { out: plain })).gradients, reference(n, X2, T, 3).gradients, 'unshared out');
      const stepped = clone(n);
      await pool.trainStep(stepped, X2, T, 3, { learningRate: 0.1 });
      expectSameGradients(out, { ...kept, dInput: undefined }, 'the shared buffers after other calls');
      // … and the shared buffers again, after those calls
      await pool.gradient(n, X2, T, 3, { out });
      expectSameGradients(out, reference(n, X2, T, 3).gradients, 'shared out, second time');
    }
    const pool = pools.get(2)!;
    expect(() => pool.shareGradients({} as MlpGradients)).toThrow(TypeError);
    expect(() => pool.shareGradients(createMlpGradients(n, 3, true))).toThrow(/must not have dInput/);
  });

  it('share() rebinds the arrays to shared memory with the same values, idempotently', () => {
    const pool = pools.get(2)!;
    const n = net([3, 4, 2], [tanh, linear], true, 'share');
    const before = clone(n);
    const W0 = n.weights[0];
    expect(pool.share(n)).toBe(n);
    expect(n.weights[0]).not.toBe(W0);
    for (const a of [...n.weights, ...n.biases]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expectSameArrays(n.weights, before.weights, 'weights');
    expectSameArrays(n.biases, before.biases, 'biases');
    const W = n.weights[0];
    pool.share(n);
    expect(n.weights[0]).toBe(W); // already shared: kept
    const noBias = pool.share(net([3, 4, 2], [tanh, linear], false, 'share-nb'));
    expect(noBias.biases.every((b) => b.length === 0)).toBe(true);
    expect(() => pool.share({} as Mlp)).toThrow(TypeError);
  });

  it('reads the input and targets when called, the weights when the call starts', async () => {
    const pool = pools.get(2)!;
    const n = net([4, 10, 3], [tanh, linear], true, 'queued');
    const batch = 6;
    const X = normals(batch * 4, 'queued-x'), T = normals(batch * 3, 'queued-t');
    const X0 = X.slice(), T0 = T.slice();
    const first = pool.gradient(n, X, T, batch);
    const second = pool.gradient(n, X, T, batch); // queued: input and targets copied now
    X[0] = 5; T[1] = -3;
    const e = reference(n, X0, T0, batch);
    expectSameGradients((await first).gradients, e.gradients, 'first');
    expectSameGradients((await second).gradients, e.gradients, 'second');
    // another shape in between keeps working (the layout is re-allocated)
    const other = net([2, 3, 1], [erf, linear], false, 'queued-other');
    const [a, b] = await Promise.all([pool.forward(other, normals(4, 'o'), 2), pool.forward(n, X, batch)]);
    expectSameCache(a, mlpForward(other, normals(4, 'o'), 2), 'other');
    expectSameCache(b, mlpForward(n, X, batch), 'n');
  }, HANG_GUARD_MS);

  it('rejects a custom activation with a TypeError naming it', async () => {
    const pool = pools.get(2)!;
    const softsign = defineActivation({ name: 'softsign', f: (x) => x / (1 + Math.abs(x)), df: (x) => 1 / (1 + Math.abs(x)) ** 2, d2f: () => 0 });
    const n = net([2, 4, 1], [softsign, linear], false, 'custom');
    const X = normals(6, 'custom-x');
    expect(mlpForward(n, X, 3).x.length).toBe(3); // fine on one thread
    await expect(pool.forward(n, X, 3)).rejects.toThrow(TypeError);
    await expect(pool.gradient(n, X, new Float64Array(3), 3)).rejects.toThrow(/net\.activations\[0\] must be one of core's built-in activations .*; got a custom activation "softsign"/);
    const tanhCopy = defineActivation({ name: 'tanh', f: tanh.f, df: tanh.df, d2f: tanh.d2f });
    await expect(pool.forward(net([2, 4, 1], [tanh, tanhCopy], false, 'c2'), X, 3)).rejects.toThrow(/net\.activations\[1\] .*got a custom activation "tanh"/);
  });

  it('rejects bad networks, batches and inputs with the errors of mlpForward', async () => {
    const pool = pools.get(2)!;
    const n = net([3, 4, 2], [tanh, linear], true, 'bad');
    const good = normals(6, 'bad-x');
    const bad: [string, Mlp, unknown, unknown][] = [
      ['NaN input', n, Float64Array.from([1, 2, NaN, 0, 0, 0]), 2],
      ['input of the wrong length', n, new Float64Array(7), 2],
      ['input of the wrong kind', n, [1, 2, 3, 4, 5, 6], 2],
      ['batch 0', n, good, 0],
      ['batch 1.5', n, good, 1.5],
      ['batch of the wrong kind', n, good, '2'],
      ['missing weights', { ...n, weights: [n.weights[0]] }, good, 2],
      ['wrong bias length', { ...n, biases: [n.biases[0], new Float64Array(3)] }, good, 2],
      ['weights of the wrong length', { ...n, weights: [n.weights[0], new Float64Array(3)] }, good, 2],
      ['a non-activation', { ...n, activations: [tanh, 3 as unknown as Activation] }, good, 2],
      ['not a network', null as unknown as Mlp, good, 2],
      ['a NaN weight', { ...n, weights: [Float64Array.from(n.weights[0], (v, i) => (i === 5 ? NaN : v)), n.weights[1]] }, good, 2],
      ['an infinite bias of the last layer', { ...n, biases: [n.biases[0], Float64Array.of(1, Infinity)] }, good, 2],
      ['overflow with finite weights', { ...n, weights: [n.weights[0].map(() => 1e300), n.weights[1].map(() => 1e300)], activations: [linear, linear] }, Float64Array.from(good, () => 1e10), 2],
    ];
    for (const [label, network, X, batch] of bad) {
      let expected: Error | undefined;
      try {
        mlpForward(network, X as Float64Array, batch as number);
      } catch (e) {
        expected = e as Error;
      }
      expect(expected, label).toBeInstanceOf(Error);
      for (const call of [
        () => pool.forward(network, X as Float64Array, batch as number),
        () => pool.gradient(network, X as Float64Array, new Float64Array(4), batch as number),
        () => pool.trainStep(network, X as Float64Array, new Float64Array(4), batch as number, { learningRate: 0.1 }),
      ]) {
        const got = await call().then(() => undefined, (e: Error) => e);
        expect(got, label).toBeInstanceOf(expected!.constructor);
        expect(got!.message, label).toBe(expected!.message);
      }
    }
    // a failed training step leaves the network unchanged
    const m = clone(n);
    m.weights[1][3] = NaN;
    const snapshot = clone(m);
    await expect(pool.trainStep(m, good, new Float64Array(4), 2, { learningRate: 0.1 })).rejects.toThrow(/net\.weights\[1\]\[3\]/);
    expectSameArrays(m.weights, snapshot.weights, 'after a failed step');
  });

  it('throws the loss\'s own error at the first output where it throws, before any update; and δ overflow as mlpBackward', async () => {
    const pool = pools.get(3)!;
    const n = net([3, 5, 4], [tanh, sigmoid], true, 'loss-errors');
    const X = normals(9, 'loss-errors-x');
    const T = uniforms(12, 'loss-errors-t');
    T[7] = 1.5; T[10] = -1; // outside binaryCrossEntropy's [0, 1] at outputs 7 and 10
    let expected: Error | undefined;
    try { reference(n, X, T, 3, binaryCrossEntropy); } catch (e) { expected = e as Error; }
    expect(expected).toBeInstanceOf(RangeError);
    const m = pool.share(clone(n));
    const got = await pool.trainStep(m, X, T, 3, { learningRate: 0.1, loss: binaryCrossEntropy }).then(() => undefined, (e: Error) => e);
    expect(got).toBeInstanceOf(RangeError);
    expect(got!.message).toBe(expected!.message);
    expectSameArrays(m.weights, n.weights, 'unchanged');
    // squared: the value overflows (a RangeError of the loss) where the derivative does not
    const big = net([2, 2], [linear], false, 'big');
    big.weights[0].fill(1e154);
    const Xb = Float64Array.of(1, 1, 1, 1), Tb = Float64Array.of(-1e154, 0, 0, 0);
    let e2: Error | undefined;
    try { reference(big, Xb, Tb, 2, squared); } catch (e) { e2 = e as Error; }
    await expect(pool.gradient(big, Xb, Tb, 2, { loss: squared })).rejects.toThrow(e2!.message);
    // δ of the output overflows with a finite ∂L/∂y (a custom loss: two rounds; erf' (0) = 2/√π > 1)
    const steep = defineLoss({ name: 'steep', value: () => 0, derivative: () => 1.7e308 });
    const tiny = net([2, 2], [erf], false, 'tiny');
    tiny.weights[0].fill(1e-3);
    const Xt = Float64Array.of(0.5, 0.5, 0.1, 0.1), Tt = new Float64Array(4);
    let e3: Error | undefined;
    try { reference(tiny, Xt, Tt, 2, steep); } catch (e) { e3 = e as Error; }
    expect(e3?.message).toMatch(/overflowed/);
    const got3 = await pool.gradient(tiny, Xt, Tt, 2, { loss: steep }).then(() => undefined, (e: Error) => e);
    expect(got3).toBeInstanceOf(RangeError);
    expect(got3?.message).toBe(e3?.message);
    // a hidden δ overflows with finite weights (δ⁰ = δ¹ W¹ with W¹ = 1e308), built-in loss: one round
    const deep = net([2, 2, 2], [linear, linear], false, 'deep');
    deep.weights[0].fill(1e-300);
    deep.weights[1].fill(1e308);
    const Xd = Float64Array.of(1, 1, 1, 1), Td = Float64Array.of(-1e8, -1e8, 0, 0);
    let e4: Error | undefined;
    try { reference(deep, Xd, Td, 2); } catch (e) { e4 = e as Error; }
    expect(e4?.message).toMatch(/backpropagated δ of layer 1 overflowed/);
    for (const p of pools.values()) {
      const got4 = await p.gradient(deep, Xd, Td, 2).then(() => undefined, (e: Error) => e);
      expect(got4?.message).toBe(e4?.message);
    }
  });

  it('validates targets, options and the pool options; rejects after close and leaves no call pending', async () => {
    const pool = pools.get(2)!;
    const n = net([3, 4, 2], [tanh, linear], true, 'opts');
    const X = normals(6, 'opts-x'), T = normals(4, 'opts-t');
    await expect(pool.gradient(n, X, new Float64Array(3), 2)).rejects.toThrow('targets must have length batch × sizes[L] = 2 × 2 = 4; got 3');
    await expect(pool.gradient(n, X, [1, 2, 3, 4] as unknown as Float64Array, 2)).rejects.toThrow(TypeError);
    await expect(pool.gradient(n, X, Float64Array.of(0, NaN, 0, 0), 2)).rejects.toThrow('targets[1] (sample 0, output 1) must be finite; got NaN');
    await expect(pool.gradient(n, X, T, 2, { loss: squared, lr: 1 } as object)).rejects.toThrow(/lr/);
    await expect(pool.gradient(n, X, T, 2, { loss: 'squared' as unknown as Loss })).rejects.toThrow(TypeError);
    await expect(pool.trainStep(n, X, T, 2, {} as { learningRate: number })).rejects.toThrow('options.learningRate must be a number; got undefined');
    await expect(pool.trainStep(n, X, T, 2, { learningRate: -1 })).rejects.toThrow(RangeError);
    await expect(pool.trainStep(n, X, T, 2, { learningRate: 0.1, momentum: 0.9 } as { learningRate: number })).rejects.toThrow(/momentum/);
    await expect(pool.trainStep(n, X, T, 2, undefined as unknown as { learningRate: number })).rejects.toThrow(TypeError);
    expect(() => createMlpPool({ threads: 0 })).toThrow('options.threads must be an integer in [1, 256]; got 0');
    expect(() => createMlpPool({ threads: 2, thread: 1 } as object)).toThrow(/thread/);
    expect(() => createMlpPool(null as unknown as object)).toThrow(TypeError);
    // the pool still works after all these rejections
    expectSameGradients((await pool.gradient(n, X, T, 2)).gradients, reference(n, X, T, 2).gradients, 'after errors');

    const p = createMlpPool({ threads: 2 });
    const big = net([16, 128, 128, 4], [tanh, tanh, linear], true, 'close-busy');
    const Xb = normals(32 * 16, 'close-busy-x'), Tb = normals(32 * 4, 'close-busy-t');
    const running = p.gradient(big, Xb, Tb, 32);
    const queued = p.trainStep(big, Xb, Tb, 32, { learningRate: 0.1 });
    await p.close();
    await expect(running).rejects.toThrow(/closed/);
    await expect(queued).rejects.toThrow(/closed/);
    await expect(p.forward(big, Xb, 32)).rejects.toThrow('the layered-network pool is closed');
    await p.close(); // closing twice is harmless
  }, HANG_GUARD_MS);
});
