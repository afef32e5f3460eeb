/**
 * Worker module of `createMlpPool` (built to dist/layered/mlp.worker.js). `setup` receives the
 * shared buffers of a layout (shape and batch) once, with this worker's index; `run` carries the
 * layout id, the activation and loss names, what to compute, and the weight arrays only when they
 * differ from the previous call's (views on SharedArrayBuffer: shared, not copied). The worker
 * keeps its units' blocks of h, φ(h) and δ (mlpColumns.ts) across calls.
 */
import { ThreadBarrier, serveThread } from '@neurobridge/core';
import type { Mlp } from './mlp.js';
import {
  backwardUnits, forwardUnits, gatherOutputGradient, gradientUnits, lossUnits, outputDeltaUnits, outputNonFinite, updateUnits,
  type MlpBuffers, type UnitBlocks,
} from './mlpColumns.js';
import { lossFromName } from './threadLosses.js';
import { useActivationNames } from '../ntk/threadActivations.js';
import { shareRange } from '../ntk/ntkRows.js';

/** What `setup` receives: the layout id, the shape, this worker's place and the shared buffers of one batch size. */
export interface MlpWorkerSetup extends MlpBuffers {
  id: number;
  sizes: number[];
  bias: boolean;
  index: number;
  threads: number;
  /** shared state of the layout's barrier */
  barrier: Int32Array;
  /** one slot per worker: 1 when its share of a training step found a non-finite value or a loss error */
  status: Int32Array;
}

/** The network's arrays the workers read (and a training step updates): the pool's copies, or a shared network's own. */
export interface MlpWorkerParams {
  weights: Float64Array[];
  biases: Float64Array[];
}

/** One call: which passes to run. */
export interface MlpWorkerRun {
  id: number;
  activations: string[];
  /** forward pass (false: the forward pass of this call ran in an earlier round) */
  forward: boolean;
  /** backward pass: from a built-in loss (its name), or from ∂L/∂y in `dOut` (null) */
  backward: boolean;
  loss: string | null;
  /** the descent step w ← w − η ∂L/∂w after the backward pass, or null */
  learningRate: number | null;
  /** new weight arrays, sent only when they changed */
  params?: MlpWorkerParams;
  /** where to write ∂L/∂W, ∂L/∂b and δ (the layout's buffers, or the caller's shared ones), sent only when they changed */
  outputs?: MlpWorkerOutputs;
}

/** The gradient arrays the workers write: the layout's, or the caller's buffers on shared memory. */
export interface MlpWorkerOutputs {
  gradW: Float64Array[];
  gradB: Float64Array[];
  delta: Float64Array[];
}

/** What a worker reports of its units (the calling thread combines the reports in the order of mlpForward/mlpBackward's checks). */
export interface MlpWorkerReport {
  /** first layer l whose h^l block has a non-finite entry, or −1 */
  badH: number;
  /** the output block has a non-finite entry */
  badOut: boolean;
  /** first flat index where the built-in loss threw, or −1 */
  badLoss: number;
  /** highest layer l whose δ^l block has a non-finite entry, or −1 */
  badDelta: number;
  /** whether the descent step was applied (by every worker: they decide together) */
  updated: boolean;
}

interface Layout {
  setup: MlpWorkerSetup;
  blocks: UnitBlocks;
  barrier: ThreadBarrier;
  net: Mlp;
  activationKey: string;
}

let layout: Layout | null = null;

function current(id: number): Layout {
  if (!layout || layout.setup.id !== id) {
    throw new Error(`mlp worker: layout ${id} was never set up (current: ${layout ? layout.setup.id : 'none'})`);
  }
  return layout;
}

/**
 * This worker's share of a call; every worker of the pool runs it at the same time. Barriers: one
 * after each layer of the forward pass but the last (the next layer needs every unit of x^{l+1});
 * one before each backward product δ^l W^l of a hidden layer (it needs every unit of δ^l). The
 * output layer (a few units) every worker computes whole — forward, loss, δ^{L−1}, ∂L/∂W^{L−1},
 * the same bits written by each — so the first backward product needs no barrier; every other
 * weight gradient needs only the worker's own units. A training step adds
 * one barrier, after which every worker has finished reading the weights and knows whether any
 * worker found a non-finite value or a loss error (then no weight changes, as the one-thread
 * reference throws before its update).
 */
function run(l: Layout, r: MlpWorkerRun): MlpWorkerReport {
  const { setup, blocks, barrier, net } = l;
  const L = setup.sizes.length - 1;
  const report: MlpWorkerReport = { badH: -1, badOut: false, badLoss: -1, badDelta: -1, updated: false };
  try {
    if (r.forward) {
      for (let k = 0; k < L; k++) {
        if (forwardUnits(net, setup, blocks, k) && report.badH < 0) report.badH = k;
        if (k < L - 1) barrier.wait();
      }
      report.badOut = outputNonFinite(blocks, L);
    }
    if (!r.backward) return report;
    if (r.loss !== null) report.badLoss = lossUnits(lossFromName(r.loss), net, setup, blocks);
    else gatherOutputGradient(net, setup, blocks);
    if (outputDeltaUnits(net, setup, blocks)) report.badDelta = L - 1;
    for (let k = L - 1; k >= 1; k--) {
      // δ^k complete: the output layer's δ^{L−1} each thread computed whole; a hidden layer's needs every thread
      if (k < L - 1) barrier.wait();
      if (backwardUnits(net, setup, blocks, k) && report.badDelta < 0) report.badDelta = k - 1;
      gradientUnits(net, setup, blocks, k);
    }
    gradientUnits(net, setup, blocks, 0);
    if (r.learningRate !== null) {
      const failed = report.badH >= 0 || report.badOut || report.badLoss >= 0 || report.badDelta >= 0;
      setup.status[setup.index] = failed ? 1 : 0;
      barrier.wait(); // every read of the weights done, every status written
      if (!setup.status.some((v) => v !== 0)) {
        for (let k = 0; k < L; k++) updateUnits(net, setup, blocks, k, r.learningRate);
        report.updated = true;
      }
    }
    return report;
  } catch (e) {
    barrier.break();
    throw e;
  }
}

serveThread({
  setup: (s: MlpWorkerSetup) => {
    const K = s.sizes.length - 1;
    const last = shareRange(s.sizes[K], s.threads, s.index);
    const blocks: UnitBlocks = { lo: [], hi: [], ownLo: [], ownHi: [], h: [], x: [], d: [], dOwn: new Float64Array(s.batch * (last.hi - last.lo)) };
    for (let k = 0; k < K; k++) {
      const own = shareRange(s.sizes[k + 1], s.threads, s.index);
      // the output layer is computed whole by every thread (no barrier before the first backward product)
      const { lo, hi } = k === K - 1 ? { lo: 0, hi: s.sizes[K] } : own;
      blocks.lo.push(lo);
      blocks.hi.push(hi);
      blocks.ownLo.push(own.lo);
      blocks.ownHi.push(own.hi);
      for (const b of [blocks.h, blocks.x, blocks.d]) b.push(new Float64Array(s.batch * (hi - lo)));
    }
    layout = {
      setup: s,
      blocks,
      barrier: new ThreadBarrier(s.barrier, s.threads),
      net: { sizes: s.sizes, activations: [], bias: s.bias, weights: [], biases: [] },
      activationKey: '',
    };
    return s.index;
  },
  run: (r: MlpWorkerRun) => {
    const l = current(r.id);
    useActivationNames(l, r.activations);
    if (r.params) l.net = { ...l.net, weights: r.params.weights, biases: r.params.biases };
    if (r.outputs) l.setup = { ...l.setup, gradW: r.outputs.gradW, gradB: r.outputs.gradB, delta: r.outputs.delta };
    return run(l, r);
  },
});
