/**
 * Worker module of `createNtkPool` (built to dist/ntk/ntk.worker.js). `setup` receives the shared
 * buffers of a layout once (views on SharedArrayBuffer: shared, not copied) with this worker's
 * index; later calls carry only the layout id, the activation names and — when they changed — the weight
 * arrays (a shared network's own: views on SharedArrayBuffer, posted without a copy), so a kernel evaluation
 * posts no arrays between threads. The matmul workspace of learn is per module, i.e. per worker,
 * and is reused across calls, as is the per-layout scratch.
 *
 * `kernel`: the forward passes layer by layer and the backward passes (units split over the
 * threads, a barrier after each layer: ntkColumns.ts), then this worker's rows of every Gram matrix.
 */
import { ThreadBarrier, serveThread } from '@neurobridge/core';
import type { Mlp } from '../layered/mlp.js';
import { backwardUnits, columnsNonFinite, forwardUnits, readoutUnits } from './ntkColumns.js';
import { computeGramRows, shareRange, type NtkBuffers } from './ntkRows.js';
import { useActivationNames } from './threadActivations.js';

/** What `setup` receives: the layout id, the shape, this worker's place and every shared buffer. */
export interface NtkWorkerSetup extends NtkBuffers {
  id: number;
  sizes: number[];
  bias: boolean;
  index: number;
  threads: number;
  /** shared state of the layout's barrier */
  barrier: Int32Array;
  weights: Float64Array[];
  biases: Float64Array[];
}

interface Layout {
  setup: NtkWorkerSetup;
  net: Mlp;
  activationKey: string;
  barrier: ThreadBarrier;
  scratch: Float64Array;
}

let layout: Layout | null = null;

function current(id: number): Layout {
  if (!layout || layout.setup.id !== id) {
    throw new Error(`ntk worker: layout ${id} was never set up (current: ${layout ? layout.setup.id : 'none'})`);
  }
  return layout;
}

/**
 * What a worker found in the units it wrote: `badH[k]` — a non-finite drive h^k; `badOut` — a
 * non-finite output x^K; `badG[k]` — a non-finite sensitivity g^k (k ≤ K − 2). The calling thread
 * combines the reports in the order of `tangentFeatures`' checks: the forward pass layer by layer
 * (h only; then the output), then the backward pass from the top layer down.
 */
export interface NtkWorkerReport {
  index: number;
  badH: boolean[];
  badOut: boolean;
  badG: boolean[];
}

/** The passes and this worker's Gram rows; every worker of the pool runs it at the same time. */
function kernel(l: Layout): NtkWorkerReport {
  const { sizes, index, threads, p } = l.setup;
  const K = sizes.length - 1;
  const { net, barrier, scratch } = l;
  const { h, x, g } = l.setup;
  const report: NtkWorkerReport = { index, badH: new Array<boolean>(K).fill(false), badOut: false, badG: new Array<boolean>(K).fill(false) };
  try {
    for (let k = 0; k < K; k++) {
      const { lo, hi } = shareRange(sizes[k + 1], threads, index);
      forwardUnits(net, l.setup, k, lo, hi, scratch);
      report.badH[k] = columnsNonFinite(h[k], sizes[k + 1], lo, hi, p);
      if (k === K - 1) {
        report.badOut = columnsNonFinite(x[K], sizes[K], lo, hi, p);
        readoutUnits(net, l.setup, lo, hi);
      }
      barrier.wait();
    }
    for (let k = K - 2; k >= 0; k--) {
      const { lo, hi } = shareRange(sizes[k + 1], threads, index);
      backwardUnits(net, l.setup, k, lo, hi, scratch);
      report.badG[k] = columnsNonFinite(g[k], sizes[k + 1], lo, hi, p);
      barrier.wait();
    }
    const rows = shareRange(p, threads, index);
    computeGramRows(sizes, l.setup, rows.lo, rows.hi);
    return report;
  } catch (e) {
    barrier.break();
    throw e;
  }
}

serveThread({
  setup: (s: NtkWorkerSetup) => {
    let widest = 0;
    for (let k = 1; k < s.sizes.length; k++) {
      const { lo, hi } = shareRange(s.sizes[k], s.threads, s.index);
      widest = Math.max(widest, hi - lo);
    }
    layout = {
      setup: s,
      net: { sizes: s.sizes, activations: [], bias: s.bias, weights: s.weights, biases: s.biases },
      activationKey: '',
      barrier: new ThreadBarrier(s.barrier, s.threads),
      scratch: new Float64Array(s.p * widest),
    };
    return s.index;
  },
  kernel: ({ id, activations, params }: { id: number; activations: string[]; params?: { weights: Float64Array[]; biases: Float64Array[] } }) => {
    const l = current(id);
    // new weight arrays (a shared network's own, or the layout's copies again), sent only when they change
    if (params) l.net = { ...l.net, weights: params.weights, biases: params.biases };
    useActivationNames(l, activations);
    return kernel(l);
  },
});
