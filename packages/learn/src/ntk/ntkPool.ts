import {
  createThreadPool, defaultThreadCount, integerInRange, knownKeys, optionsObject, sharedFloat64Array, ThreadBarrier, type ThreadPool,
} from '@neurobridge/core';
import type { Mlp } from '../layered/mlp.js';
import { checkKernel, kernelFromGrams, ntkOptions, type EmpiricalNtk, type NtkOptions } from './empiricalNtk.js';
import { nonFiniteLayerError } from '../layered/mlp.js';
import { layerGammas, readInputs, validateNetwork, type NtkInputs } from './network.js';
import type { NtkWorkerReport, NtkWorkerSetup } from './ntk.worker.js';
import type { NtkBuffers } from './ntkRows.js';
import { activationNames, type BuiltInActivationName } from './threadActivations.js';
import { ntkWorkerSource } from '#ntk-worker';
import { shareNetwork, sharedNet } from '../layered/shareNetwork.js';
import { createCallQueue } from '../internal/callQueue.js';

/**
 * Options of `createNtkPool`.
 * @category Tangent kernel
 */
export interface NtkPoolOptions {
  /** number of worker threads, 1 … 256. @default core's `defaultThreadCount()` (every hardware thread) */
  threads?: number;
}

/**
 * Worker threads that evaluate `empiricalNtk` with the examples split between them (`createNtkPool`).
 * @category Tangent kernel
 */
export interface NtkPool {
  /** number of worker threads */
  readonly threads: number;
  /**
   * `empiricalNtk(net, inputs, options)` on the pool's threads: same arguments, validation and
   * result, bit for bit. The network and inputs are read when the call is made (later changes to
   * them do not affect it) — except a shared network's arrays (`share`), read in place while the
   * call runs; calls on one pool run one after the other.
   */
  empiricalNtk(net: Mlp, inputs: NtkInputs, options?: NtkOptions): Promise<EmpiricalNtk>;
  /**
   * Moves the network's weights and biases into shared memory (each array not already on a
   * SharedArrayBuffer is replaced by a shared copy with the same values; the same function as
   * `createMlpPool().share`). Later calls with this network read its arrays in place instead of
   * copying them in (8 MB for a 1024-wide hidden layer: about 1 ms on the calling thread, while the
   * workers wait). Do not write to a shared network's arrays while a call on it is pending. Returns `net`.
   */
  share(net: Mlp): Mlp;
  /** Terminates the threads; later calls reject. */
  close(): Promise<void>;
}

/** Shared buffers of one shape (sizes, bias, p), reused by every call with that shape. */
interface Layout extends NtkBuffers {
  id: number;
  key: string;
  sizes: number[];
  bias: boolean;
  weights: Float64Array[];
  biases: Float64Array[];
  /** the workers hold this layout's buffers */
  sent: boolean;
  barrier: Int32Array;
}

/** One call, validated; `weights`/`biases` are the network's own arrays, or copies when the call had to wait. */
interface Job {
  sizes: number[];
  bias: boolean;
  weights: Float64Array[];
  biases: Float64Array[];
  names: BuiltInActivationName[];
  data: Float64Array;
  p: number;
  gamma: Float64Array;
  /** the network's own arrays are on shared memory and are read in place (no copy into the layout) */
  inPlace: boolean;
}

/** The weight arrays the workers read: the layout's copies, or a shared network's own. */
interface Params {
  weights: Float64Array[];
  biases: Float64Array[];
}

function allocateLayout(id: number, key: string, sizes: number[], bias: boolean, p: number, threads: number): Layout {
  const K = sizes.length - 1;
  const perLayer = (len: (k: number) => number): Float64Array[] => Array.from({ length: K }, (_, k) => sharedFloat64Array(len(k)));
  return {
    id, key, sizes, bias, p, sent: false, barrier: ThreadBarrier.create(threads).state,
    weights: perLayer((k) => sizes[k + 1] * sizes[k]),
    biases: bias ? perLayer((k) => sizes[k + 1]) : [],
    h: perLayer((k) => p * sizes[k + 1]),
    x: Array.from({ length: K + 1 }, (_, k) => sharedFloat64Array(p * sizes[k])),
    g: perLayer((k) => p * sizes[k + 1]),
    output: sharedFloat64Array(p),
    gramG: perLayer(() => p * p),
    gramX: perLayer(() => p * p),
  };
}

/**
 * A pool of worker threads for the empirical neural tangent kernel: `pool.empiricalNtk(net, inputs)`
 * is `empiricalNtk(net, inputs)` (Eqs. 13, 16, 36) on several threads. One call of the workers does
 * it all: the forward passes layer by layer and the backward passes (Eqs. 14, 15, 18) with the UNITS
 * of every layer split into contiguous ranges, one per thread, and a barrier after each layer
 * (ntkColumns.ts) — so each thread packs only its share of every weight matrix and runs its products
 * on all p rows; then each thread computes its rows (examples) of the 2K Gram matrices g[k] g[k]ᵀ and
 * x[k] x[k]ᵀ; the calling thread combines them exactly as `empiricalNtk` does. Each call copies the
 * weights (unless the network is shared: `pool.share(net)`, read in place) and inputs into shared memory; the shared buffers are
 * reused while the shape (sizes, bias, p) stays the same, and no array is posted between threads
 * after a shape's first call.
 *
 * Results are BIT-IDENTICAL to `empiricalNtk`: every entry of every layer is formed by the same
 * operations in the same order (learn's matmul sums each entry in one fixed order whatever the
 * blocking, the rows or the columns computed), and the combination is the same function
 * (`kernelFromGrams`).
 *
 * When to use it: wide networks (n ≳ 512), where the O(p n²) passes dominate. Starting the threads
 * costs a few hundred milliseconds (each worker loads the package), paid once per pool; each call
 * adds one round of messages, the copy of the weights into shared memory on the calling thread
 * (≈ 1.5 ms for the 10⁶ weights of n = 1024) and 2K − 1 barriers.
 * Measured 2026-11-23 on the 2-core AMD EPYC (Node 20.20), p = 64, 16-n-n-1 tanh network, 2 threads:
 * `node packages/learn/bench/ntk.bench.mjs` (mean wall time, `empiricalNtk` in the same run):
 *   n = 256: 6.7 vs 6.0 ms (0.90×: no gain at this width)
 *   n = 1024: 26.4 vs 45.0 ms (1.71×); n = 4096: 333 vs 472 ms (1.42×); start-up 272 ms.
 * `node bench/peers/run.mjs --only=4` (case 4, medians of 10 calls): pool 24.5 ms, `empiricalNtk`
 * 31.1 ms, numpy's explicit contraction (2 BLAS threads) 279 ms — 11.4× the pool. Inside a call
 * (timers in the workers, n = 1024): about 1.5 ms for layer 1 (mostly Math.tanh), 6–8 ms for the
 * forward product of layer 2 and its tanh, 5–8 ms for the backward product, 1.5–2.5 ms for the Gram
 * rows; the two threads slow each other down (shared cache and memory), so a layer takes 0.6–0.8 of
 * the single-thread time rather than 0.5.
 *
 * Requirements: the activations must be core's built-in ones (the objects of core's `activations`:
 * functions cannot be sent to a thread, so their names are sent and mapped back in the workers); a
 * custom activation is a TypeError on the calling thread. Shared memory (SharedArrayBuffer): always
 * on Node; in a browser only on a cross-origin-isolated page (COOP: same-origin, COEP: require-corp),
 * see core's `sharedMemoryAvailable`; browsers start the workers through the bundler-visible factory
 * of `#ntk-worker` (ntkWorkerSource.web.ts), checked in headless Chromium after a Vite build. Close the pool when done (`await pool.close()`); an idle pool
 * does not keep Node running.
 *
 * @example
 * const pool = createNtkPool({ threads: 2 });
 * const { total } = await pool.empiricalNtk(net, inputs);
 * await pool.close();
 * @category Tangent kernel
 */
export function createNtkPool(options?: NtkPoolOptions): NtkPool {
  const opts = knownKeys('options', optionsObject('options', options), ['threads']);
  const threads = opts.threads === undefined ? defaultThreadCount() : integerInRange('options.threads', opts.threads, 1, 256);
  // ntk.worker.js: its URL on Node, a bundler-visible `new Worker(new URL(...))` in browsers (#ntk-worker)
  const pool: ThreadPool = createThreadPool(ntkWorkerSource, { threads, name: 'neurobridge-ntk' });
  let layout: Layout | null = null;
  /** the weight arrays the workers hold (the layout's at setup, then those of the last call), or null */
  let sentParams: Params | null = null;
  let nextId = 1;
  let closed = false;
  const queue = createCallQueue();

  /** Validates a call (the errors of `empiricalNtk`, plus the TypeError of a custom activation). */
  const readJob = (net: Mlp, inputs: NtkInputs, options: NtkOptions, copy: boolean): Job => {
    const K = validateNetwork(net);
    const names = activationNames(net);
    const opts = ntkOptions(options);
    const { data, p } = readInputs(inputs, net.sizes[0], 'inputs', Math.max(...net.sizes));
    const gamma = layerGammas(opts.layerRates, K);
    const own = (a: Float64Array[]): Float64Array[] => (copy ? a.map((w) => w.slice()) : a.slice());
    return {
      sizes: net.sizes.slice(), bias: Boolean(net.bias), weights: own(net.weights), biases: net.bias ? own(net.biases) : [],
      names, data, p, gamma, inPlace: !copy && sharedNet(net),
    };
  };

  /** Copies the job's weights and inputs into the shared buffers of its shape (allocated on a change of shape). */
  const stage = (job: Job): Layout => {
    const key = `${job.sizes.join(',')}|${job.bias}|${job.p}`;
    if (!layout || layout.key !== key) {
      layout = allocateLayout(nextId++, key, job.sizes, job.bias, job.p, threads);
      sentParams = { weights: layout.weights, biases: layout.biases }; // what `setup` gives the workers
    }
    if (!job.inPlace) {
      for (let k = 0; k < job.weights.length; k++) layout.weights[k].set(job.weights[k]);
      for (let k = 0; k < job.biases.length; k++) layout.biases[k].set(job.biases[k]);
    }
    layout.x[0].set(job.data);
    return layout;
  };

  const compute = async (l: Layout, job: Job): Promise<EmpiricalNtk> => {
    if (!l.sent) {
      await pool.all('setup', (w): NtkWorkerSetup => ({
        id: l.id, sizes: l.sizes, bias: l.bias, index: w, threads, barrier: l.barrier, p: l.p,
        weights: l.weights, biases: l.biases, h: l.h, x: l.x, g: l.g, output: l.output, gramG: l.gramG, gramX: l.gramX,
      }));
      l.sent = true;
    }
    const params: Params = job.inPlace ? { weights: job.weights, biases: job.biases } : { weights: l.weights, biases: l.biases };
    const same = sentParams !== null && params.weights.every((w, k) => w === sentParams?.weights[k]) && params.biases.every((b, k) => b === sentParams?.biases[k]);
    sentParams = params;
    let reports: NtkWorkerReport[];
    try {
      reports = await pool.all<NtkWorkerReport>('kernel', () => ({ id: l.id, activations: job.names, params: same ? undefined : params }));
    } catch (e) {
      sentParams = null; // a failed round: send the arrays again next time
      throw e;
    }
    // as empiricalNtk (tangentFeatures' checks, in its order): a non-finite pass names the weight — the
    // forward drives layer by layer, then the output, then the sensitivities from the top layer down;
    // the workers scan the units each wrote (ntk.worker.ts)
    const K = job.weights.length;
    for (let k = 0; k < K; k++) if (reports.some((r) => r.badH[k])) throw nonFiniteLayerError(job, k, 'the pre-activation h');
    if (reports.some((r) => r.badOut)) throw nonFiniteLayerError(job, K - 1, 'the pre-activation h');
    for (let k = K - 2; k >= 0; k--) if (reports.some((r) => r.badG[k])) throw nonFiniteLayerError(job, k + 1, 'the sensitivity ∂f/∂h');
    return checkKernel(kernelFromGrams(l, l.p, l.gramG, l.gramX, job.gamma, l.output));
  };

  return {
    threads,
    empiricalNtk(net: Mlp, inputs: NtkInputs, options: NtkOptions = {}): Promise<EmpiricalNtk> {
      if (closed) return Promise.reject(new Error('the NTK pool is closed'));
      // idle: copied into shared memory now, so later changes to net or inputs cannot leak in; busy: the
      // shared buffers are in use, so the job keeps copies and is staged when the earlier calls are done
      return queue((idle) => {
        const job = readJob(net, inputs, options, !idle);
        return () => compute(stage(job), job);
      });
    },
    share: shareNetwork,
    async close(): Promise<void> {
      closed = true;
      await pool.close();
    },
  };
}
