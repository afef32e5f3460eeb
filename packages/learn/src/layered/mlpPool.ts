import {
  createThreadPool, defaultThreadCount, integerInRange, knownKeys, optionsObject, positiveNumber, sharedFloat64Array, sharedInt32Array, show,
  ThreadBarrier, type ThreadPool,
} from '@neurobridge/core';
import { shareGradients, sharedGradients, shareNetwork, sharedNet } from './shareNetwork.js';
import { checkMlp, nonFiniteLayerError, type Mlp } from './mlp.js';
import type { MlpCache } from './mlpForward.js';
import type { MlpGradients } from './mlpBackward.js';
import type { MlpBuffers } from './mlpColumns.js';
import type { MlpWorkerOutputs, MlpWorkerParams, MlpWorkerReport, MlpWorkerRun, MlpWorkerSetup } from './mlp.worker.js';
import { builtInLossName } from './threadLosses.js';
import { squaredHalf, type Loss } from '../training/losses.js';
import { checkElements } from '../internal/check.js';
import { createCallQueue } from '../internal/callQueue.js';
import { activationNames, type BuiltInActivationName } from '../ntk/threadActivations.js';
import { mlpWorkerSource } from '#mlp-worker';

/**
 * Options of `createMlpPool`.
 * @category Layered networks
 */
export interface MlpPoolOptions {
  /** number of worker threads, 1 … 256. @default core's `defaultThreadCount()` (every hardware thread) */
  threads?: number;
}

/**
 * Options of `MlpPool.gradient`.
 * @category Layered networks
 */
export interface MlpGradientOptions {
  /**
   * the per-output loss L(y, t), summed over outputs and samples. learn's built-in losses
   * (`squaredHalf`, `squared`, `itakuraSaito`, `binaryCrossEntropy`) run on the workers (one round
   * of messages per call); any other `Loss` is evaluated on the calling thread between two rounds.
   * @default squaredHalf (½(y − t)², ∂L/∂y = y − t)
   */
  loss?: Loss;
}

/**
 * Options of `MlpPool.gradient`: the loss, and where to write the gradients.
 * @category Layered networks
 */
export interface MlpPoolGradientOptions extends MlpGradientOptions {
  /**
   * gradient buffers to reuse (`createMlpGradients(net, batch)`, without `dInput`), as `mlpBackward`'s
   * `out`: the result's `gradients` is then this object, filled in when the call settles, and the call
   * allocates no large arrays (a fresh 2 MB array costs more than copying into a used one). @default new arrays
   */
  out?: MlpGradients;
}

/**
 * Options of `MlpPool.trainStep`.
 * @category Layered networks
 */
export interface MlpTrainStepOptions extends MlpGradientOptions {
  /** step size η of w ← w − η ∂L/∂w, > 0 and finite. */
  learningRate: number;
}

/**
 * Result of `MlpPool.gradient`: the batch loss, the network's output and the gradients.
 * @category Layered networks
 */
export interface MlpGradientResult {
  /** Σ_q L(y_q, t_q) over the batch × sizes[L] outputs, summed in increasing q (row-major: sample by sample). */
  loss: number;
  /** the output y = x[L] of the forward pass, batch × sizes[L]. */
  output: Float64Array;
  /** ∂L/∂W, ∂L/∂b and δ, as `mlpBackward(net, cache, ∂L/∂y)` gives them (no `dInput`). */
  gradients: MlpGradients;
}

/**
 * Result of `MlpPool.trainStep`: the batch loss and output BEFORE the step (of the forward pass that gave its gradient).
 * @category Layered networks
 */
export interface MlpStepResult {
  /** Σ_q L(y_q, t_q), as in `MlpGradientResult.loss`. */
  loss: number;
  /** the output y = x[L] of the forward pass, batch × sizes[L]. */
  output: Float64Array;
}

/**
 * Worker threads that run the layered network's passes with the units of every layer split between
 * them (`createMlpPool`).
 * @category Layered networks
 */
export interface MlpPool {
  /** number of worker threads */
  readonly threads: number;
  /**
   * `mlpForward(net, input, batch)` on the pool's threads: same validation errors and cache, bit for bit
   * (a new cache every call).
   */
  forward(net: Mlp, input: Float64Array, batch: number): Promise<MlpCache>;
  /**
   * The forward pass, ∂L/∂y = L'(y, t) of the loss entry by entry, and `mlpBackward`: bit for bit what
   * `mlpForward`, a loop `loss += L(y_q, t_q); dLdOut[q] = L'(y_q, t_q)` (q increasing) and
   * `mlpBackward(net, cache, dLdOut)` give on one thread, errors included. `targets` is batch × sizes[L].
   */
  gradient(net: Mlp, input: Float64Array, targets: Float64Array, batch: number, options?: MlpPoolGradientOptions): Promise<MlpGradientResult>;
  /**
   * `gradient`, then the descent step W[l] ← W[l] − η ∂L/∂W[l], b[l] ← b[l] − η ∂L/∂b[l] (each entry
   * `w - η * g`) in the network's own arrays. When the pass or the loss throws, the network is unchanged.
   */
  trainStep(net: Mlp, input: Float64Array, targets: Float64Array, batch: number, options: MlpTrainStepOptions): Promise<MlpStepResult>;
  /**
   * Moves the network's weights and biases into shared memory: each `net.weights[l]` / `net.biases[l]`
   * not already on a SharedArrayBuffer is replaced by a SharedArrayBuffer-backed Float64Array with the
   * same values (the old arrays are no longer the network's). Later calls with this network read
   * (and `trainStep` updates) its arrays in place instead of copying them in (and back). Works with
   * any pool; returns `net`.
   */
  share(net: Mlp): Mlp;
  /**
   * Moves gradient buffers (`createMlpGradients(net, batch)`, without `dInput`) onto SharedArrayBuffer
   * (same values, new arrays), so that `gradient(…, { out })` has the workers write them in place
   * instead of copying the pool's buffers into them after each call (≈ 0.1 ms for 784-256-256-10 at
   * batch 128). As with `mlpBackward`, a call that throws may leave them partly written. Returns them.
   */
  shareGradients(gradients: MlpGradients): MlpGradients;
  /** Terminates the threads; later calls reject. */
  close(): Promise<void>;
}

/** Shared buffers of one shape (sizes, bias, batch), reused by every call with that shape. */
interface Layout extends MlpBuffers {
  id: number;
  key: string;
  sizes: number[];
  bias: boolean;
  /** the pool's copies of the weights, for networks that are not shared */
  weights: Float64Array[];
  biases: Float64Array[];
  barrier: Int32Array;
  status: Int32Array;
  /** the workers hold this layout's buffers */
  sent: boolean;
}

type Mode = 'forward' | 'gradient' | 'train';

/** One call, validated. `input`/`targets` are the caller's arrays, or copies when the call had to wait. */
interface Job {
  mode: Mode;
  net: Mlp;
  names: BuiltInActivationName[];
  input: Float64Array;
  targets: Float64Array | null;
  batch: number;
  loss: Loss;
  /** the built-in loss's name (the workers evaluate it), or null (evaluated on the calling thread) */
  lossName: string | null;
  /** the caller's gradient buffers (checked), or null */
  out: MlpGradients | null;
  learningRate: number | null;
}

function allocateLayout(id: number, key: string, sizes: number[], bias: boolean, batch: number, threads: number): Layout {
  const L = sizes.length - 1;
  const perLayer = (len: (l: number) => number): Float64Array[] => Array.from({ length: L }, (_, l) => sharedFloat64Array(len(l)));
  return {
    id, key, sizes, bias, batch, sent: false, barrier: ThreadBarrier.create(threads).state,
    status: sharedInt32Array(threads),
    weights: perLayer((l) => sizes[l + 1] * sizes[l]),
    biases: perLayer((l) => (bias ? sizes[l + 1] : 0)),
    x: Array.from({ length: L + 1 }, (_, l) => sharedFloat64Array(batch * sizes[l])),
    h: perLayer((l) => batch * sizes[l + 1]),
    delta: perLayer((l) => batch * sizes[l + 1]),
    gradW: perLayer((l) => sizes[l + 1] * sizes[l]),
    gradB: perLayer((l) => (bias ? sizes[l + 1] : 0)),
    targets: sharedFloat64Array(batch * sizes[L]),
    dOut: sharedFloat64Array(batch * sizes[L]),
    lossValues: sharedFloat64Array(batch * sizes[L]),
  };
}

/** mlpForward's checks of `batch` and `input`, with its messages. */
function checkInput(net: Mlp, input: unknown, batch: unknown): void {
  const sizes = net.sizes;
  integerInRange('batch', batch, 1);
  const b = batch as number;
  sizes.forEach((n, l) => checkElements(`batch × sizes[${l}] = ${b} × ${n}`, b * n));
  if (!(input instanceof Float64Array)) throw new TypeError(`input must be a Float64Array (batch × ${sizes[0]}); got ${Object.prototype.toString.call(input)}`);
  if (input.length !== b * sizes[0]) {
    throw new RangeError(`input must have length batch × sizes[0] = ${b} × ${sizes[0]} = ${b * sizes[0]}; got ${input.length}`);
  }
  for (let q = 0; q < input.length; q++) {
    if (!Number.isFinite(input[q])) throw new RangeError(`input[${q}] (sample ${Math.floor(q / sizes[0])}, feature ${q % sizes[0]}) must be finite; got ${input[q]}`);
  }
}

/** The targets of a batch: a Float64Array of batch × sizes[L] finite numbers. */
function checkTargets(net: Mlp, targets: unknown, batch: number): Float64Array {
  const nOut = net.sizes[net.sizes.length - 1];
  if (!(targets instanceof Float64Array)) throw new TypeError(`targets must be a Float64Array (batch × ${nOut}); got ${Object.prototype.toString.call(targets)}`);
  if (targets.length !== batch * nOut) {
    throw new RangeError(`targets must have length batch × sizes[L] = ${batch} × ${nOut} = ${batch * nOut}; got ${targets.length}`);
  }
  for (let q = 0; q < targets.length; q++) {
    if (!Number.isFinite(targets[q])) throw new RangeError(`targets[${q}] (sample ${Math.floor(q / nOut)}, output ${q % nOut}) must be finite; got ${targets[q]}`);
  }
  return targets;
}

/** `out` of `gradient`: the shapes `mlpBackward` requires of its `out` (its messages), and no `dInput`. */
function checkOut(net: Mlp, out: unknown, batch: number): MlpGradients | null {
  if (out === undefined) return null;
  const g = out as Partial<MlpGradients> | null;
  if (g === null || typeof g !== 'object' || !Array.isArray(g.gradW) || !Array.isArray(g.gradB) || !Array.isArray(g.delta)) {
    throw new TypeError(`options.out must be gradient buffers { gradW, gradB, delta } from createMlpGradients(net, batch); got ${show(out)}`);
  }
  const { sizes } = net;
  const L = sizes.length - 1;
  if (g.delta.length !== L || g.gradW.length !== L || g.gradB.length !== L) throw new RangeError(`out must have ${L} layers of gradients; got ${g.delta.length}`);
  const length = (a: unknown): unknown => (a instanceof Float64Array ? a.length : show(a));
  for (let l = 0; l < L; l++) {
    if (length(g.delta[l]) !== batch * sizes[l + 1]) throw new RangeError(`out.delta[${l}] must have length ${batch * sizes[l + 1]}; got ${length(g.delta[l])}`);
    if (length(g.gradW[l]) !== sizes[l + 1] * sizes[l]) throw new RangeError(`out.gradW[${l}] must have length ${sizes[l + 1] * sizes[l]}; got ${length(g.gradW[l])}`);
    if (length(g.gradB[l]) !== (net.bias ? sizes[l + 1] : 0)) throw new RangeError(`out.gradB[${l}] must have length ${net.bias ? sizes[l + 1] : 0}; got ${length(g.gradB[l])}`);
  }
  if (g.dInput !== undefined) throw new TypeError('options.out must not have dInput: the pool does not compute ∂L/∂input (use mlpBackward with { inputGradient: true })');
  return g as MlpGradients;
}

function checkLoss(loss: unknown): Loss {
  if (loss === undefined) return squaredHalf;
  const l = loss as Partial<Loss> | null;
  if (l === null || typeof l !== 'object' || typeof l.value !== 'function' || typeof l.derivative !== 'function') {
    throw new TypeError(`options.loss must be a Loss { name, value, derivative } (e.g. learn's squaredHalf); got ${show(loss)}`);
  }
  return loss as Loss;
}

/** The smallest non-negative entry of the workers' reports, or −1. */
function firstIndex(values: number[]): number {
  let best = -1;
  for (const v of values) if (v >= 0 && (best < 0 || v < best)) best = v;
  return best;
}

/** Validates a call: mlpForward's checks, then the pool's own. */
const readJob = (mode: Mode, net: Mlp, input: Float64Array, targets: Float64Array | null, batch: number, options: unknown, copy: boolean): Job => {
  checkMlp(net);
  checkInput(net, input, batch);
  const names = activationNames(net);
  let loss: Loss = squaredHalf;
  let learningRate: number | null = null;
  let out: MlpGradients | null = null;
  if (mode !== 'forward') {
    checkTargets(net, targets, batch);
    if (mode === 'gradient') {
      const o = knownKeys('options', optionsObject('options', options as MlpPoolGradientOptions | undefined), ['loss', 'out']);
      loss = checkLoss(o.loss);
      out = checkOut(net, o.out, batch);
    } else {
      if (options === null || typeof options !== 'object') throw new TypeError(`options must be an object { learningRate, loss? }; got ${show(options)}`);
      const o = knownKeys('options', options as MlpTrainStepOptions, ['learningRate', 'loss']);
      learningRate = positiveNumber('options.learningRate', o.learningRate);
      loss = checkLoss(o.loss);
    }
  }
  return {
    mode, net, names, batch, loss, lossName: builtInLossName(loss), learningRate, out,
    input: copy ? input.slice() : input,
    targets: targets && copy ? targets.slice() : targets,
  };
};

/** The arrays the workers read: a shared network's own, else the layout's, with the network's values copied in. */
const params = (net: Mlp, l: Layout): MlpWorkerParams => {
  if (sharedNet(net)) return { weights: net.weights.slice(), biases: net.bias ? net.biases.slice() : [] };
  for (let k = 0; k < l.weights.length; k++) {
    l.weights[k].set(net.weights[k]);
    if (net.bias) l.biases[k].set(net.biases[k]);
  }
  return { weights: l.weights, biases: net.bias ? l.biases : [] };
};

const sameParams = (a: MlpWorkerParams | null, b: MlpWorkerParams): boolean =>
  a !== null && a.weights.length === b.weights.length && a.biases.length === b.biases.length
  && a.weights.every((w, k) => w === b.weights[k]) && a.biases.every((w, k) => w === b.biases[k]);

const sameOutputs = (a: MlpWorkerOutputs | null, b: MlpWorkerOutputs): boolean =>
  a !== null && a.gradW.every((w, k) => w === b.gradW[k]) && a.gradB.every((w, k) => w === b.gradB[k]) && a.delta.every((w, k) => w === b.delta[k]);

/** mlpForward's errors, from the workers' reports. */
const forwardErrors = (net: Mlp, reports: MlpWorkerReport[]): void => {
  const L = net.sizes.length - 1;
  const bad = firstIndex(reports.map((r) => r.badH));
  if (bad >= 0) throw nonFiniteLayerError(net, bad, 'the pre-activation h');
  if (reports.some((r) => r.badOut)) throw nonFiniteLayerError(net, L - 1, 'the pre-activation h');
};

/** mlpBackward's errors (δ scanned from the last layer down), from the workers' reports. */
const backwardErrors = (net: Mlp, reports: MlpWorkerReport[]): void => {
  const L = net.sizes.length - 1;
  const l = Math.max(...reports.map((r) => r.badDelta));
  if (l < 0) return;
  if (l === L - 1) throw new RangeError(`δ[${l}] = dLdOut ⊙ act'(h[${l}]) overflowed with finite dLdOut and cache: dLdOut is too large for double precision`);
  throw nonFiniteLayerError(net, l + 1, 'the backpropagated δ');
};

/**
 * Σ_q L(y_q, t_q) from the workers' entrywise loss values, summed in increasing q (the one-thread
 * order); `bad` ≥ 0 is the first output where the built-in loss threw on a worker: the same call
 * throws the same error here, in the reference's order.
 */
function workerLossSum(l: Layout, loss: Loss, bad: number): number {
  const y = l.x[l.sizes.length - 1], t = l.targets;
  let sum = 0;
  for (let q = 0; q < y.length; q++) {
    if (q === bad) {
      loss.value(y[q], t[q]);
      loss.derivative(y[q], t[q]);
      throw new Error(`${loss.name} threw on a worker thread at output ${q} but not on the calling thread`);
    }
    sum += l.lossValues[q];
  }
  return sum;
}

/** A custom loss on the calling thread: Σ_q L(y_q, t_q) returned, ∂L/∂y into dOut (checked finite, as mlpBackward checks dLdOut). */
function callingThreadLoss(l: Layout, loss: Loss): number {
  const y = l.x[l.sizes.length - 1], t = l.targets, d = l.dOut;
  let sum = 0;
  for (let q = 0; q < y.length; q++) {
    sum += loss.value(y[q], t[q]);
    d[q] = loss.derivative(y[q], t[q]);
  }
  for (let q = 0; q < d.length; q++) if (!Number.isFinite(d[q])) throw new RangeError(`dLdOut[${q}] must be finite; got ${d[q]}`);
  return sum;
}

/** `gradient`'s result arrays: the caller's shared buffers (written in place), the caller's buffers (a copy into them), or new copies. */
function gradientsOut(l: Layout, out: MlpGradients | null, inPlace: boolean): MlpGradients {
  if (out && inPlace) return out;
  if (out) {
    for (let k = 0; k < l.gradW.length; k++) {
      out.gradW[k].set(l.gradW[k]);
      out.gradB[k].set(l.gradB[k]);
      out.delta[k].set(l.delta[k]);
    }
    return out;
  }
  return { gradW: l.gradW.map((a) => a.slice()), gradB: l.gradB.map((a) => a.slice()), delta: l.delta.map((a) => a.slice()) };
}

/** After a training step on an unshared network: the pool's updated copies into the network's (current) arrays. */
function copyWeightsBack(net: Mlp, l: Layout): void {
  for (let k = 0; k < l.weights.length; k++) {
    net.weights[k].set(l.weights[k]);
    if (net.bias) net.biases[k].set(l.biases[k]);
  }
}

/** Gives every worker the shared buffers of a layout (once per layout: later calls post no arrays but changed ones). */
async function sendLayout(pool: ThreadPool, l: Layout, threads: number): Promise<void> {
  await pool.all('setup', (w): MlpWorkerSetup => ({
    id: l.id, sizes: l.sizes, bias: l.bias, index: w, threads, barrier: l.barrier, status: l.status, batch: l.batch,
    x: l.x, h: l.h, delta: l.delta, gradW: l.gradW, gradB: l.gradB, targets: l.targets, dOut: l.dOut, lossValues: l.lossValues,
  }));
  l.sent = true;
}

/**
 * A pool of worker threads for the layered network (`Mlp`): `pool.forward`, `pool.gradient` and
 * `pool.trainStep` are `mlpForward`, `mlpForward` + the loss's derivative + `mlpBackward`, and those
 * plus the descent step w ← w − η ∂L/∂w, with the UNITS of every layer split into contiguous ranges,
 * one per thread (mlpColumns.ts): each thread multiplies by its rows of W^l going forward and its
 * columns of W^l going back, and forms its rows of ∂L/∂W^l = δ^lᵀ x^l. Barriers: L − 1 for the
 * forward pass (one after each layer but the last), L − 2 more for the backward pass (one before each
 * product δ^l W^l, 1 ≤ l ≤ L − 2), one more for a training step. The output layer (a few units) every
 * thread computes whole — its pre-activations, the loss, δ^{L−1} and ∂L/∂W^{L−1}, identical bits
 * written by each — so the first backward product δ^{L−1} W^{L−1} needs no barrier; each thread
 * updates only its share of W^{L−1}; the other weight gradients need no barrier (own units). A call with a built-in loss is one round of
 * messages; a custom loss is evaluated on the calling thread between two.
 *
 * Results are BIT-IDENTICAL to the one-thread functions: core's products form every entry as one
 * sequential sum in increasing p, whatever the rows or columns computed, and every elementwise step
 * (bias, φ, δ ⊙ φ', the bias gradient's sum over samples, the update) is the same operation in the
 * same order. Errors are those of the one-thread functions, in their order: `mlpForward`'s checks of
 * the network, batch and input (the same messages) and its non-finite pre-activation errors, then
 * the loss's own RangeError at the first output (in row-major order) where it throws, then
 * `mlpBackward`'s non-finite δ errors. Pool-specific: a TypeError for an activation that is not one
 * of core's built-in ones (functions cannot be sent to a thread), and the checks of `targets` (a
 * Float64Array of batch × sizes[L] finite numbers) and of the options (unknown keys rejected).
 *
 * Memory and the network. A call copies the input and targets into shared memory, and, unless the
 * network is shared (`pool.share(net)`: its arrays on SharedArrayBuffer), its weights too (≈ 2 MB for
 * 784-256-256-10, ≈ 0.05 ms), and a training step copies the updated weights back. The shared buffers
 * are reused while the shape (sizes, bias, batch) stays the same. The results are new arrays copied
 * out of shared memory, or `gradient`'s `out` buffers (allocating fresh arrays costs more than the copy).
 *
 * Ordering and the rule on modifying a network. Calls on one pool run one after the other. The
 * input and targets are read when the call is made (the caller may reuse its arrays at once); the
 * network's weights and biases are read when the call STARTS, after the earlier calls on the pool
 * have settled, so `trainStep` calls made without awaiting each other are the same consecutive steps
 * as awaited ones. Do not write to a network's weights or biases while a call on it is pending (made
 * and not yet settled): a shared network's arrays are read by the workers during the call (and written
 * by `trainStep`), so a concurrent write changes or is lost in the result; an unshared network's
 * arrays are overwritten when a `trainStep` on it settles. Reading them between calls is always fine.
 *
 * When to use it: wide layers (hundreds of units) and batches of tens of samples or more, where the
 * products dominate, on cores not busy with other work (the threads wait for each other at every
 * barrier); starting the threads costs a few hundred milliseconds (each worker loads the package),
 * paid once per pool. Measured 2026-12-08 on the shared 2-core AMD EPYC (Node 20.20), 784-256-256-10
 * tanh, tanh, linear at batch 128, 2 threads, alternating in one process (60 calls each, load ≈ 1.1):
 * one thread (mlpForward + ∂L/∂y + mlpBackward) median 7.33 ms, min 7.01 ms; `gradient` on a shared
 * network 6.55 / 4.61 ms (1.12×, 1.52×), unshared 6.02 / 4.34 ms, with `out` 4.75–5.34 / 4.17–4.28 ms
 * (up to 1.54×, 1.68×); `trainStep` on a shared network 4.65 / 4.24 ms (1.58×, 1.65×). With another
 * job holding one of the two cores the pool was slower than one thread (0.73–0.85×). Details in the
 * package README ("Threads for the layered network").
 *
 * Requirements: the activations must be core's built-in ones (the objects of core's `activations`);
 * a custom activation is a TypeError on the calling thread. Shared memory (SharedArrayBuffer): always
 * on Node; in a browser only on a cross-origin-isolated page (COOP: same-origin, COEP: require-corp),
 * see core's `sharedMemoryAvailable`; browsers start the workers through the bundler-visible factory
 * of `#mlp-worker` (mlpWorkerSource.web.ts), checked in headless Chromium after a Vite build
 * (scripts/browser-check.mjs). Close the pool when done (`await pool.close()`); an idle pool does
 * not keep Node running.
 *
 * @example
 * const pool = createMlpPool({ threads: 2 });
 * pool.share(net);
 * const { loss } = await pool.trainStep(net, input, targets, batch, { learningRate: 0.01 });
 * await pool.close();
 * @category Layered networks
 */
export function createMlpPool(options?: MlpPoolOptions): MlpPool {
  const opts = knownKeys('options', optionsObject('options', options), ['threads']);
  const threads = opts.threads === undefined ? defaultThreadCount() : integerInRange('options.threads', opts.threads, 1, 256);
  // mlp.worker.js: its URL on Node, a bundler-visible `new Worker(new URL(...))` in browsers (#mlp-worker)
  const pool: ThreadPool = createThreadPool(mlpWorkerSource, { threads, name: 'neurobridge-mlp' });
  let layout: Layout | null = null;
  /** the weight arrays the workers hold (sent with the last `run`), or null */
  let sentParams: MlpWorkerParams | null = null;
  /** the gradient arrays the workers write (the layout's at setup, then those of the last call), or null */
  let sentOutputs: MlpWorkerOutputs | null = null;
  let nextId = 1;
  let closed = false;
  const queue = createCallQueue();

  /** The shared buffers of the job's shape (allocated on a change of shape), with its input and targets copied in. */
  const stage = (job: Job): Layout => {
    const { net, batch } = job;
    const key = `${net.sizes.join(',')}|${net.bias}|${batch}`;
    if (!layout || layout.key !== key) {
      layout = allocateLayout(nextId++, key, net.sizes.slice(), Boolean(net.bias), batch, threads);
      sentParams = null;
      sentOutputs = { gradW: layout.gradW, gradB: layout.gradB, delta: layout.delta }; // what `setup` gives the workers
    }
    layout.x[0].set(job.input);
    if (job.targets) layout.targets.set(job.targets);
    return layout;
  };

  /** One round of `run` on every worker; a failure in a worker (a broken barrier) retires the layout. */
  const round = async (l: Layout, run: Omit<MlpWorkerRun, 'id'>): Promise<MlpWorkerReport[]> => {
    try {
      return await pool.all<MlpWorkerReport>('run', () => ({ ...run, id: l.id }));
    } catch (e) {
      if (layout === l) layout = null;
      sentParams = null;
      sentOutputs = null;
      throw e;
    }
  };

  const compute = async (job: Job): Promise<MlpCache | MlpGradientResult | MlpStepResult> => {
    const { net, mode } = job;
    checkMlp(net); // a queued call: the network's arrays may have been replaced since it was made
    const l = stage(job);
    const p = params(net, l);
    const L = l.sizes.length - 1;
    if (!l.sent) await sendLayout(pool, l, threads);
    const send = sameParams(sentParams, p) ? undefined : p;
    sentParams = p;
    const learningRate = mode === 'train' ? job.learningRate : null;
    // gradient buffers on shared memory are written by the workers in place; otherwise the layout's, copied out after
    const inPlace = mode === 'gradient' && job.out !== null && sharedGradients(job.out);
    const outs: MlpWorkerOutputs = inPlace && job.out ? { gradW: job.out.gradW, gradB: job.out.gradB, delta: job.out.delta } : { gradW: l.gradW, gradB: l.gradB, delta: l.delta };
    const outputs = mode !== 'forward' && !sameOutputs(sentOutputs, outs) ? outs : undefined;
    if (outputs) sentOutputs = outputs;
    if (mode === 'forward') {
      forwardErrors(net, await round(l, { activations: job.names, forward: true, backward: false, loss: null, learningRate: null, params: send }));
      return { h: l.h.map((a) => a.slice()), x: l.x.map((a) => a.slice()), batch: l.batch };
    }
    const y = l.x[L], loss = job.loss;
    let sum = 0;
    let reports: MlpWorkerReport[];
    if (job.lossName !== null) {
      // one round: the workers evaluate the built-in loss on their output units
      reports = await round(l, { activations: job.names, forward: true, backward: true, loss: job.lossName, learningRate, params: send, outputs });
      forwardErrors(net, reports);
      sum = workerLossSum(l, loss, firstIndex(reports.map((r) => r.badLoss)));
    } else {
      // a custom loss: the forward pass, ∂L/∂y here, then the backward pass
      forwardErrors(net, await round(l, { activations: job.names, forward: true, backward: false, loss: null, learningRate: null, params: send }));
      sum = callingThreadLoss(l, loss);
      reports = await round(l, { activations: job.names, forward: false, backward: true, loss: null, learningRate, outputs });
    }
    backwardErrors(net, reports);
    const output = y.slice();
    if (mode === 'gradient') return { loss: sum, output, gradients: gradientsOut(l, job.out, inPlace) };
    if (!reports.every((r) => r.updated)) throw new Error('mlp pool: the workers did not apply the training step');
    if (p.weights === l.weights) copyWeightsBack(net, l); // an unshared network: the updated copies go back
    return { loss: sum, output };
  };

  const enqueue = <T>(mode: Mode, net: Mlp, input: Float64Array, targets: Float64Array | null, batch: number, options: unknown): Promise<T> => {
    if (closed) return Promise.reject(new Error('the layered-network pool is closed'));
    // idle: staged at once (copied into shared memory before this returns); busy: the shared buffers are
    // in use, so the job keeps copies of the input and targets until the earlier calls are done
    return queue((idle) => {
      const job = readJob(mode, net, input, targets, batch, options, !idle);
      return () => compute(job);
    }) as Promise<T>;
  };

  return {
    threads,
    forward: (net, input, batch) => enqueue<MlpCache>('forward', net, input, null, batch, undefined),
    gradient: (net, input, targets, batch, options) => enqueue<MlpGradientResult>('gradient', net, input, targets, batch, options),
    trainStep: (net, input, targets, batch, options) => enqueue<MlpStepResult>('train', net, input, targets, batch, options),
    share: shareNetwork,
    shareGradients,
    async close(): Promise<void> {
      closed = true;
      await pool.close();
    },
  };
}
