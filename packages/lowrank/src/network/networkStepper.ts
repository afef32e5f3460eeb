/**
 * A stateful RK4 stepper for the network Eq. (1): holds x (length n) and its overlaps
 * m = ξᵀx/n, advances both in place with the fused O(n·p) kernels of networkKernels.ts.
 * No allocation per step. `simulateNetwork` is built on it; use it directly to step
 * interactively (a demo) or to benchmark the kernel.
 */
import type { Activation } from '@neurobridge/core';
import { activations, finiteVector, integerInRange, positiveNumber } from '@neurobridge/core';
import { checkLoadings, checkNetwork, type LowRankNetwork } from './network.js';
import { stableStep } from './networkRunPlan.js';
import { advanceOverlap, blockCount, linearDecay, linearOverlaps, linearStageWeight, overlapsPacked, packLoadings, runStage, sumPartials, type KernelName, type LinearOverlaps, type StageBuffers } from './networkKernels.js';
import { activation } from '../internal/validate.js';
import { createWasmKernel, overlapsPairs, packLoadingsPairs, type WasmKernel } from './networkWasm.js';

/**
 * A network state x (length n) and its overlaps m = ξᵀx/n (Eq. 4), advanced in place by RK4 steps
 * of Eq. (1) with no allocation per step — the engine of {@link simulateNetwork}, for stepping
 * interactively or benchmarking the kernel. Made by {@link createNetworkStepper}.
 * @category Network
 */
export interface NetworkStepper {
  /** number of neurons */
  readonly n: number;
  /** rank p (number of patterns) */
  readonly p: number;
  /** the state x (live view; writing it requires calling `sync()`) */
  readonly x: Float64Array;
  /** the overlaps m = ξᵀ x / n of the current state (live view) */
  readonly m: Float64Array;
  /** which kernel runs: 'rank2-tanh' (fast tanh), 'rank2', or 'general' */
  readonly kernel: KernelName;
  /** how it runs: WebAssembly SIMD ('rank2-tanh' where available; the same bits) or JavaScript */
  readonly backend: 'wasm-simd' | 'js';
  /** advances `count` RK4 steps of size h (time constants) */
  step(h: number, count?: number): void;
  /** recomputes m after x was written from outside */
  sync(): void;
}

/** The kernel for rank p and φ: the inlined-tanh one only for core's own `activations.tanh`. */
export function kernelFor(p: number, phi: Activation): KernelName {
  return p === 2 ? (phi === activations.tanh ? 'rank2-tanh' : 'rank2') : 'general';
}

/** Scratch of one stepper: reduced sums (length p) and the linear form's overlaps. */
interface StepScratch {
  b: Float64Array;
  sums: Float64Array;
  lin: LinearOverlaps;
}

/**
 * One RK4 step of the stage kernels over all n neurons on one thread: the four stages, each
 * followed by the block reduction and the next stage's overlap. On entry `a` holds m(x); on exit m(x_new).
 */
export function stepAllStages(kernel: KernelName, buf: StageBuffers, a: Float64Array, h: number, phi: (u: number) => number, scratch: StepScratch): void {
  const { n, p, part } = buf;
  const blocks = blockCount(n);
  const invN = 1 / n;
  for (let stage = 0; stage < 4; stage++) {
    runStage(kernel, stage, 0, n, buf, part, a, h, phi, scratch.b);
    sumPartials(part, p, blocks, invN, scratch.sums);
    advanceOverlap(kernel, stage, h, scratch.sums, scratch.lin, a);
  }
}

/**
 * A {@link NetworkStepper} for `net` and φ from x(0) = x0 (length n, copied). The kernel follows from
 * p and φ ({@link KernelName}); a step h above RK4's stability limit for the leak of Eq. (1)
 * (h ≤ 2.785…) throws.
 * @category Network
 */
export function createNetworkStepper(net: LowRankNetwork, phi: Activation, x0: ArrayLike<number>): NetworkStepper {
  checkNetwork('net', net);
  activation('phi', phi);
  const { n, p } = net;
  const xIn = finiteVector('x0', x0, n);
  checkLoadings('net', net);
  const kernel = kernelFor(p, phi);
  const m = new Float64Array(p);
  const wasm = kernel === 'rank2-tanh' ? createWasmKernel(n, false) : null;
  if (wasm) return wasmStepper(net, wasm, xIn, m);
  const buf: StageBuffers = {
    n, p, x: xIn,
    W: packLoadings(n, p, net.eta, net.xi),
    acc: new Float64Array(n),
    s: new Float64Array(kernel === 'rank2-tanh' ? 0 : n), // the linear form of rank2-tanh stores no stage state
    part: new Float64Array(p * blockCount(n)),
  };
  const scratch: StepScratch = { b: new Float64Array(p), sums: new Float64Array(p), lin: linearOverlaps() };
  const f = phi.f;
  overlapsPacked(n, p, buf.W, buf.x, m, buf.part);
  return {
    n, p, x: buf.x, m, kernel, backend: 'js',
    step(h: number, count = 1): void {
      stableStep('h', positiveNumber('h', h));
      integerInRange('count', count, 0);
      for (let k = 0; k < count; k++) stepAllStages(kernel, buf, m, h, f, scratch);
    },
    sync(): void {
      overlapsPacked(n, p, buf.W, buf.x, m, buf.part);
    },
  };
}

/** The rank-2 tanh stepper on the WebAssembly SIMD kernel: x is a view on the module's memory. */
function wasmStepper(net: LowRankNetwork, wasm: WasmKernel, xIn: Float64Array, m: Float64Array): NetworkStepper {
  const { n } = net;
  packLoadingsPairs(n, net.eta, net.xi, wasm.W);
  wasm.x.set(xIn);
  const blocks = blockCount(n);
  const invN = 1 / n;
  const sums = new Float64Array(2);
  const lin = linearOverlaps();
  const weights = new Float64Array(4);
  overlapsPairs(n, wasm.W, wasm.x, m, wasm.part0);
  return {
    n, p: 2, x: wasm.x, m, kernel: 'rank2-tanh', backend: 'wasm-simd',
    step(h: number, count = 1): void {
      stableStep('h', positiveNumber('h', h));
      integerInRange('count', count, 0);
      for (let stage = 0; stage < 4; stage++) weights[stage] = linearStageWeight(stage, h);
      const r = linearDecay(h);
      for (let k = 0; k < count; k++) {
        for (let stage = 0; stage < 4; stage++) {
          wasm.stage(stage, 0, n, m[0], m[1], weights[stage], r, 0);
          sumPartials(wasm.part0, 2, blocks, invN, sums);
          advanceOverlap('rank2-tanh', stage, h, sums, lin, m);
        }
      }
    },
    sync(): void {
      overlapsPairs(n, wasm.W, wasm.x, m, wasm.part0);
    },
  };
}
