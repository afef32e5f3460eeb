// The threaded path runs the built worker (dist/network/network.worker.js): `pnpm build` before `pnpm test`, as CI does.
import { activations, createRng, defineActivation, type Activation } from '@neurobridge/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createNetworkPool, sampleNetwork, simulateNetwork, stateWithOverlaps, type NetworkPool, type SimulateNetworkOptions, type SimulateNetworkResult } from '../src/index.js';
import type { LowRankNetwork } from '../src/network/network.js';
import { disableWasmKernel } from '../src/network/networkWasm.js';

/** Bitwise equality of two results (Object.is per entry: −0 and NaN count). */
function expectIdentical(a: SimulateNetworkResult, b: SimulateNetworkResult): void {
  const same = (u: ArrayLike<number>, v: ArrayLike<number>): boolean => u.length === v.length && Array.from(u).every((x, i) => Object.is(x, v[i]));
  expect(b.status).toBe(a.status);
  expect(b.message).toBe(a.message);
  expect(b.stats).toEqual(a.stats);
  expect(b.tEnd).toBe(a.tEnd);
  expect(same(a.t, b.t)).toBe(true);
  expect(same(a.components, b.components)).toBe(true);
  expect(same(a.xEnd, b.xEnd)).toBe(true);
  expect(same(a.mEnd, b.mEnd)).toBe(true);
  expect(b.m.length).toBe(a.m.length);
  expect(a.m.every((row, s) => same(row, b.m[s]))).toBe(true);
  expect(b.x.length).toBe(a.x.length);
  expect(a.x.every((row, s) => same(row, b.x[s]))).toBe(true);
}

describe('createNetworkPool: simulateNetwork on threads', () => {
  const pools = new Map<number, NetworkPool>();
  const pool = (threads: number): NetworkPool => {
    if (!pools.has(threads)) pools.set(threads, createNetworkPool({ threads }));
    return pools.get(threads)!;
  };
  afterAll(async () => { await Promise.all([...pools.values()].map((p) => p.close())); });

  const cases: { name: string; n: number; C: number[][]; phi: Activation; xiScale?: number; options: SimulateNetworkOptions }[] = [
    // rank 2, tanh: the inlined-tanh kernel; n spans several reduction blocks and is not a multiple of one
    { name: 'rank 2, tanh, n = 5000', n: 5000, C: [[2, 0], [0, 0.5]], phi: activations.tanh, xiScale: 2.5, options: { duration: 2, dt: 0.05, components: [0, 1234, 4999] } },
    // rank 2, another φ: the generic rank-2 kernel; fewer blocks than threads for 3 threads
    { name: 'rank 2, erf, n = 2100', n: 2100, C: [[1.5, 0.4], [-0.4, 1.5]], phi: activations.erf, xiScale: 2, options: { duration: 1, dt: 0.1, sampleDt: 0.3, components: 'all' } },
    // rank 3: the general kernel; a single block (n < 1024), so some threads own no neurons
    { name: 'rank 3, sigmoid, n = 700', n: 700, C: [[1, 0.2, 0], [0, 1.2, 0.1], [0.3, 0, 0.8]], phi: activations.sigmoid, xiScale: 1.5, options: { duration: 1, dt: 0.1 } },
  ];

  for (const c of cases) {
    it(`${c.name}: bit-identical to the single-thread simulateNetwork on 1, 2 and 3 threads`, async () => {
      const net = sampleNetwork({ n: c.n, C: c.C, rng: createRng(`pool-${c.name}`), xiScale: c.xiScale });
      const x0 = stateWithOverlaps(net, c.C.map((_, mu) => 0.5 + 0.1 * mu));
      const reference = simulateNetwork(net, c.phi, x0, c.options);
      expect(reference.status).toBe('success');
      for (const threads of [1, 2, 3]) expectIdentical(reference, await pool(threads).simulateNetwork(net, c.phi, x0, c.options));
    });
  }

  it('rank 2, tanh: the pool on the WebAssembly kernel (shared memory) and on the JavaScript one (shared arrays) give the same bits', async () => {
    const net = sampleNetwork({ n: 4097, C: [[2, 0], [0, 0.5]], rng: createRng('pool-wasm'), xiScale: 2.5 });
    const x0 = stateWithOverlaps(net, [0.4, 0.2]);
    const options = { duration: 1, dt: 0.05, components: [0, 4096] };
    const reference = simulateNetwork(net, activations.tanh, x0, options);
    const viaWasm = await pool(2).simulateNetwork(net, activations.tanh, x0, options);
    disableWasmKernel(true); // the calling thread decides; the workers follow
    try {
      expectIdentical(reference, await pool(2).simulateNetwork(net, activations.tanh, x0, options));
    } finally {
      disableWasmKernel(false);
    }
    expectIdentical(reference, viaWasm);
  });

  it('stops with the same status as simulateNetwork: maxSteps, and nonFinite at the same step', async () => {
    const net = sampleNetwork({ n: 3000, C: [[0.5]], rng: createRng(1) });
    const x0 = new Float64Array(3000).fill(1);
    const capped = await pool(2).simulateNetwork(net, activations.tanh, x0, { duration: 10, dt: 0.1, maxSteps: 7 });
    expect(capped.status).toBe('maxSteps');
    expectIdentical(simulateNetwork(net, activations.tanh, x0, { duration: 10, dt: 0.1, maxSteps: 7 }), capped);
    // linear φ with C = 400: m grows like e^{399 t} and overflows to ±Infinity within t = 2
    const wild: LowRankNetwork = sampleNetwork({ n: 3000, C: [[400]], rng: createRng(2), xiScale: 400 });
    const opts = { duration: 4, dt: 0.002 };
    const single = simulateNetwork(wild, activations.linear, stateWithOverlaps(wild, [1]), opts);
    expect(single.status).toBe('nonFinite');
    expectIdentical(single, await pool(2).simulateNetwork(wild, activations.linear, stateWithOverlaps(wild, [1]), opts));
  });

  it('the pool can be reused with other sizes and ranks between calls', async () => {
    const p = pool(2);
    for (const [n, C] of [[1500, [[1.2]]], [4096, [[2, 0], [0, 0.5]]], [1500, [[1.2]]]] as const) {
      const net = sampleNetwork({ n, C: C as unknown as number[][], rng: createRng(n), xiScale: 2.5 });
      const x0 = stateWithOverlaps(net, C.map(() => 0.3));
      expectIdentical(simulateNetwork(net, activations.tanh, x0, { duration: 0.5, dt: 0.05 }), await p.simulateNetwork(net, activations.tanh, x0, { duration: 0.5, dt: 0.05 }));
    }
  });

  it('refuses custom activations, bad input and bad options with the same errors as simulateNetwork', async () => {
    const p = pool(2);
    const net = sampleNetwork({ n: 50, C: [[0.5]], rng: createRng(3) });
    const mine = defineActivation({ name: 'tanh', f: Math.tanh, df: (x) => 1 - Math.tanh(x) ** 2, d2f: () => 0 });
    await expect(p.simulateNetwork(net, mine, new Float64Array(50), { duration: 1 })).rejects.toThrow(TypeError);
    await expect(p.simulateNetwork(net, mine, new Float64Array(50), { duration: 1 })).rejects.toThrow(/built-in activations .* cannot cross threads/);
    await expect(p.simulateNetwork(net, activations.tanh, [1, 2], { duration: 1 })).rejects.toThrow(/x0 must have length 50/);
    await expect(p.simulateNetwork(net, activations.tanh, new Float64Array(50), { duration: -1 })).rejects.toThrow(RangeError);
    expect(() => createNetworkPool({ threads: 0 })).toThrow(/threads must be/);
  });
});
