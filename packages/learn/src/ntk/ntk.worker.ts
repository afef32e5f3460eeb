/**
 * Worker module of `createNtkPool` (built to dist/ntk/ntk.worker.js). Each worker owns one
 * contiguous range of examples. `setup` receives the shared buffers of a layout once (views on
 * SharedArrayBuffer: shared, not copied); later calls carry only the layout id (and the
 * activation names), so a kernel evaluation sends no arrays between threads. The matmul
 * workspace of learn is per module, i.e. per worker, and is reused across calls.
 */
import { serveThread } from '@neurobridge/core';
import type { Mlp } from '../mlp.js';
import { computeFeatureRows, computeGramRows, featureRows, type NtkBuffers } from './ntkRows.js';
import type { TangentFeatures } from './tangentFeatures.js';
import { activationsFromNames } from './threadActivations.js';

/** What `setup` receives: the layout id, the shape, this worker's rows and every shared buffer. */
export interface NtkWorkerSetup extends NtkBuffers {
  id: number;
  sizes: number[];
  bias: boolean;
  lo: number;
  hi: number;
  weights: Float64Array[];
  biases: Float64Array[];
}

interface Layout {
  setup: NtkWorkerSetup;
  rows: TangentFeatures;
  net: Mlp;
  activationKey: string;
}

let layout: Layout | null = null;

function current(id: number): Layout {
  if (!layout || layout.setup.id !== id) {
    throw new Error(`ntk worker: layout ${id} was never set up (current: ${layout ? layout.setup.id : 'none'})`);
  }
  return layout;
}

serveThread({
  setup: (s: NtkWorkerSetup) => {
    layout = {
      setup: s,
      rows: featureRows(s.sizes, s, s.lo, s.hi),
      net: { sizes: s.sizes, activations: [], bias: s.bias, weights: s.weights, biases: s.biases },
      activationKey: '',
    };
    return s.hi - s.lo;
  },
  features: ({ id, activations }: { id: number; activations: string[] }) => {
    const l = current(id);
    const key = activations.join(',');
    if (key !== l.activationKey) {
      l.net = { ...l.net, activations: activationsFromNames(activations) };
      l.activationKey = key;
    }
    computeFeatureRows(l.net, l.setup, l.setup.lo, l.setup.hi, l.rows);
    return l.setup.hi - l.setup.lo;
  },
  grams: ({ id }: { id: number }) => {
    const l = current(id);
    computeGramRows(l.setup.sizes, l.setup, l.setup.lo, l.setup.hi);
    return l.setup.hi - l.setup.lo;
  },
});
