// Worker task of the tangent-kernel page (Gatsby "4 Learning", Q7): one sweep over the width n that
// measures, per width, the weight change Δw that fits the training set in the lazy regime (Eq. 32,
// via lazyScales), the empirical kernel against its n → ∞ limit, and the trained network against its
// linearisation on held-out inputs.
import { activations, createRng, symmetricEigen, type Activation } from '@neurobridge/core';
import {
  analyticNtk, empiricalNtk, fitPowerLaw, kernelGradientDescent, lazyScales, linearize, linearizedPredict, mlp, mlpForward,
  toyRegressionTask, trainFullBatch, weightChange, type Mlp, type PowerLawFit,
} from '@neurobridge/learn';

export type NtkActivation = 'tanh' | 'erf' | 'relu';
export interface NtkArgs { seed: number; depth: number; activation: NtkActivation; maxWidth: number; steps: number }

/** The widths of the sweep, up to `maxWidth`. */
export const WIDTHS = [64, 128, 256, 512, 1024] as const;
const P = 8, Q = 8;

export interface NtkSweep {
  widths: number[];
  /** max |Δw^l_ij| and rms Δw^l_ij, [layer][width] (readout last) */
  dwMax: number[][];
  dwRms: number[][];
  /** fitted log–log slopes per layer */
  fitMax: PowerLawFit[];
  fitRms: PowerLawFit[];
  /** relative Frobenius error of the empirical kernel against the limit, per width, and its slope */
  kernelError: number[];
  kernelFit: PowerLawFit;
  /** kernel entries (upper triangle incl. diagonal, train + held-out inputs) at the smallest and largest width */
  kernel: { n: number; empirical: number[]; analytic: number[] }[];
  /** held-out predictions after `steps` steps: network trained vs linearised model, smallest and largest width */
  predictions: { n: number; trained: number[]; linearised: number[] }[];
  testTargets: number[];
  /** rms gap of held-out predictions per width, and its slope */
  gap: number[];
  gapFit: PowerLawFit;
  eta: number[];
  ms: number;
}

const act = (a: NtkActivation): Activation => activations[a];
const upper = (C: Float64Array, p: number) => { const out: number[] = []; for (let i = 0; i < p; i++) for (let j = i; j < p; j++) out.push(C[i * p + j]); return out; };
const frob = (a: ArrayLike<number>) => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i] * a[i]; return Math.sqrt(s); };

export const ntkTasks = {
  /** The width sweep of Q7 for one seed, depth and activation (progress per width). */
  'ntk.sweep'(args: NtkArgs, progress: (f: number) => void): NtkSweep {
    const t0 = performance.now();
    const { seed, depth, activation } = args;
    if (!Number.isInteger(seed)) throw new RangeError('seed must be an integer');
    if (!(Number.isInteger(depth) && depth >= 1 && depth <= 3)) throw new RangeError('depth must be 1, 2 or 3');
    const widths = WIDTHS.filter((n) => n <= args.maxWidth);
    const phi = act(activation);
    const root = createRng(`ntk-page-${seed}`);
    const K = depth + 1;
    const dwMax = Array.from({ length: K }, () => [] as number[]), dwRms = Array.from({ length: K }, () => [] as number[]);
    const kernelError: number[] = [], gap: number[] = [], eta: number[] = [];
    const kernel: NtkSweep['kernel'] = [], predictions: NtkSweep['predictions'] = [];
    let testTargets: number[] = [];
    // work per width grows like n²: progress in those units
    const total = widths.reduce((s, n) => s + n * n, 0);
    let done = 0;
    widths.forEach((n, w) => {
      const task = toyRegressionTask({ inputDim: n, count: P, heldOut: Q, rng: root.substream('task') });
      testTargets = task.testTargets;
      const net: Mlp = mlp({ sizes: [n, ...Array<number>(depth).fill(n), 1], activations: [...Array<Activation>(depth).fill(phi), activations.linear], bias: false, init: 'lecun', rng: root.substream(`net-${n}`) });
      // Q7: Δw that fits the training set, Eq. (32)
      const z = lazyScales(net, task.inputs, task.targets);
      for (let k = 0; k < K; k++) { dwMax[k].push(z.deltaMaxAbs[k]); dwRms[k].push(z.deltaRms[k]); }
      // the kernel on train + held-out inputs against its limit
      const all = [...task.inputs, ...task.testInputs];
      const emp = empiricalNtk(net, all).total;
      const lim = analyticNtk({ depth, activation: activation === 'tanh' ? phi : activation }, all).total;
      const diff = emp.map((v, i) => v - lim[i]);
      kernelError.push(frob(diff) / frob(lim));
      const ends = w === 0 || w === widths.length - 1;
      if (ends) kernel.push({ n, empirical: upper(emp, P + Q), analytic: upper(lim, P + Q) });
      // trained network against its linearisation: the same number of steps at η = 1/λmax(C)
      const model = linearize(net, task.inputs);
      const C = model.kernel.total;
      const lmax = symmetricEigen(Array.from({ length: P }, (_, i) => Array.from(C.subarray(i * P, (i + 1) * P)))).values[0];
      const lr = 1 / lmax;
      eta.push(lr);
      const run = trainFullBatch(net, task.inputs, task.targets, { learningRate: lr, steps: args.steps, recordEvery: args.steps });
      const lin = linearizedPredict(model, weightChange(model, kernelGradientDescent(model, task.targets, { learningRate: lr, steps: args.steps }).a), task.testInputs);
      const out = mlpForward(run.net, Float64Array.from(task.testInputs.flat()), Q).x[K];
      gap.push(Math.sqrt(out.reduce((s, v, i) => s + (v - lin[i]) ** 2, 0) / Q));
      if (ends) predictions.push({ n, trained: Array.from(out), linearised: Array.from(lin) });
      done += n * n;
      progress(done / total);
    });
    return {
      widths: [...widths], dwMax, dwRms,
      fitMax: dwMax.map((y) => fitPowerLaw(widths, y)), fitRms: dwRms.map((y) => fitPowerLaw(widths, y)),
      kernelError, kernelFit: fitPowerLaw(widths, kernelError), kernel, predictions, testTargets, gap, gapFit: fitPowerLaw(widths, gap), eta,
      ms: performance.now() - t0,
    };
  },
};
