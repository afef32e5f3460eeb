/**
 * `simulateNetwork` on several threads: the same fused RK4 kernels, the neurons split in
 * contiguous blocks over a pool of worker threads that meet at a barrier after each RK4 stage
 * (networkThreadRun.ts). Results are bit-identical to `simulateNetwork` for any thread count.
 *
 * When it pays: each stage costs ~3 ns per neuron (rank 2, tanh, WebAssembly) against a barrier of a few µs,
 * so from n ≈ 10⁴ on; at n = 10⁶ two threads on a 2-core machine run the 200-step case of
 * BENCHMARKS.md (case 3) in about half the single-thread time. Starting the workers takes tens
 * of ms, once per pool: create a pool, run many simulations, close it.
 *
 * Limits: φ must be one of core's built-in `activations` (a function cannot cross threads; its
 * name does). Shared memory (SharedArrayBuffer) is always there on Node; in a browser the page
 * must be cross-origin isolated (COOP: same-origin, COEP: require-corp).
 */
import { activations, createThreadPool, sharedFloat64Array, show, ThreadBarrier, type Activation, type ThreadPool } from '@neurobridge/core';
import { networkWorkerSource } from '#network-worker';
import { checkLoadings, checkNetwork, type LowRankNetwork } from './network.js';
import { blockCount, overlapsPacked, packLoadings } from './networkKernels.js';
import { networkResult, planNetworkRun } from './networkRunPlan.js';
import { createWasmKernel, overlapsPairs, packLoadingsPairs } from './networkWasm.js';
import { kernelFor } from './networkStepper.js';
import type { NetworkThreadJob, NetworkThreadOutcome } from './networkThreadRun.js';
import type { SimulateNetworkOptions, SimulateNetworkResult } from './simulateNetworkTypes.js';
import { activation, optionsWithKeys } from '../internal/validate.js';

/**
 * Options of {@link createNetworkPool}.
 * @category Network
 */
export interface NetworkPoolOptions {
  /** worker threads, 1 … 256. @default every hardware thread (core's `defaultThreadCount()`) */
  threads?: number;
}

/**
 * A pool of worker threads that runs {@link simulateNetwork} with the neurons split in blocks over
 * the threads, bit-identical to the single-thread run for any thread count. Create it once, run many
 * simulations, close it.
 * @category Network
 */
export interface NetworkPool {
  /** number of worker threads */
  readonly threads: number;
  /** `simulateNetwork(net, phi, x0, options)` on the pool's threads; same validation and result. */
  simulateNetwork(net: LowRankNetwork, phi: Activation, x0: ArrayLike<number>, options: SimulateNetworkOptions): Promise<SimulateNetworkResult>;
  /** Stops the workers; later calls reject. */
  close(): Promise<void>;
}

/** The name of φ among core's activations, or a TypeError. */
function builtinActivationName(phi: Activation): string {
  const builtin = (activations as Record<string, Activation>)[phi.name];
  if (builtin !== phi) {
    throw new TypeError(
      `phi must be one of core's built-in activations (${Object.keys(activations).join(', ')}) to run on threads; got ${show(phi.name)} (a custom activation cannot cross threads: use simulateNetwork)`,
    );
  }
  return phi.name;
}

/** Every key {@link NetworkPoolOptions} accepts. */
export const NETWORK_POOL_OPTION_KEYS: readonly (keyof NetworkPoolOptions)[] = ['threads'];

/**
 * Starts a {@link NetworkPool} (tens of ms: worker_threads on Node, module Web Workers in browsers,
 * where the page must be cross-origin isolated for shared memory). Its runs take φ from core's
 * built-in `activations` only: a function cannot cross threads.
 * @category Network
 */
export function createNetworkPool(options: NetworkPoolOptions = {}): NetworkPool {
  if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object {threads?}; got ${show(options)}`);
  optionsWithKeys('options', options, NETWORK_POOL_OPTION_KEYS);
  const pool: ThreadPool = createThreadPool(networkWorkerSource, { threads: options.threads, name: 'neurobridge-lowrank' });
  const threads = pool.size;
  return {
    threads,
    async simulateNetwork(net, phi, x0, runOptions) {
      checkNetwork('net', net);
      activation('phi', phi);
      const phiName = builtinActivationName(phi);
      const plan = planNetworkRun(net, x0, runOptions);
      checkLoadings('net', net);
      const { n, p } = net;
      const blocks = blockCount(n);
      const kernel = kernelFor(p, phi);
      const m0 = new Float64Array(p);
      const barrier = ThreadBarrier.create(threads).state;
      const { x: _x, ...planData } = plan;
      void _x;
      // rank 2, tanh: the WebAssembly SIMD kernel on a shared memory where it can run; else JavaScript on shared arrays
      const wasm = kernel === 'rank2-tanh' ? createWasmKernel(n, true) : null;
      let job: Omit<NetworkThreadJob, 'index'>;
      let x: Float64Array;
      if (wasm) {
        packLoadingsPairs(n, net.eta, net.xi, wasm.W);
        wasm.x.set(plan.x);
        overlapsPairs(n, wasm.W, wasm.x, m0, wasm.part0);
        x = wasm.x;
        job = { threads, n, p, W: null, x: null, acc: null, s: null, part0: null, part1: null, wasm: wasm.memory, barrier, m0, kernel, phi: phiName, plan: planData };
      } else {
        const W = packLoadings(n, p, net.eta, net.xi, sharedFloat64Array(2 * n * p));
        x = sharedFloat64Array(n);
        x.set(plan.x);
        const part0 = sharedFloat64Array(p * blocks);
        overlapsPacked(n, p, W, x, m0, part0);
        job = {
          threads, n, p, W, x, acc: sharedFloat64Array(n), s: kernel === 'rank2-tanh' ? sharedFloat64Array(0) : sharedFloat64Array(n), // the linear form stores no stage state
          part0, part1: sharedFloat64Array(p * blocks),
          wasm: null, barrier, m0, kernel, phi: phiName, plan: planData,
        };
      }
      const outcomes = await pool.all<NetworkThreadOutcome>('simulate', (index): NetworkThreadJob => ({ ...job, index }));
      const first = outcomes[0];
      return networkResult(plan, first.samples!, n, first.done, first.finite, x, first.mEnd);
    },
    close: () => pool.close(),
  };
}
