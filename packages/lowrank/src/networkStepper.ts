/**
 * A stateful RK4 stepper for the network Eq. (1): holds x (length n) and its overlaps
 * m = ξᵀx/n, advances both in place with the fused O(n·p) kernels of networkKernels.ts.
 * No allocation per step. `simulateNetwork` is built on it; use it directly to step
 * interactively (a demo) or to benchmark the kernel.
 */
import type { Activation } from '@neurobridge/core';
import { activations, finiteVector, integerInRange, positiveNumber } from '@neurobridge/core';
import { checkNetwork, type LowRankNetwork } from './network.js';
import { overlapsPacked, packLoadings, rk4StepGeneral, rk4StepRank2, rk4StepRank2Tanh } from './networkKernels.js';
import { activation } from './validate.js';

export interface NetworkStepper {
  readonly n: number;
  readonly p: number;
  /** the state x (live view; writing it requires calling `sync()`) */
  readonly x: Float64Array;
  /** the overlaps m = ξᵀ x / n of the current state (live view) */
  readonly m: Float64Array;
  /** which kernel runs: 'rank2-tanh' (inlined fast tanh), 'rank2', or 'general' */
  readonly kernel: 'rank2-tanh' | 'rank2' | 'general';
  /** advances `count` RK4 steps of size h (time constants) */
  step(h: number, count?: number): void;
  /** recomputes m after x was written from outside */
  sync(): void;
}

export function createNetworkStepper(net: LowRankNetwork, phi: Activation, x0: ArrayLike<number>): NetworkStepper {
  checkNetwork('net', net);
  activation('phi', phi);
  const { n, p } = net;
  const x = finiteVector('x0', x0, n);
  const W = packLoadings(n, p, net.eta, net.xi);
  const acc = new Float64Array(n);
  const s = new Float64Array(n);
  const m = new Float64Array(p);
  const a = new Float64Array(p);
  const b = new Float64Array(p);
  const f = phi.f;
  const kernel = p === 2 ? (phi === activations.tanh ? 'rank2-tanh' : 'rank2') : 'general';
  overlapsPacked(n, p, W, x, m);
  return {
    n, p, x, m, kernel,
    step(h: number, count = 1): void {
      positiveNumber('h', h);
      integerInRange('count', count, 0);
      if (kernel === 'rank2-tanh') for (let k = 0; k < count; k++) rk4StepRank2Tanh(n, W, x, acc, s, m, h);
      else if (kernel === 'rank2') for (let k = 0; k < count; k++) rk4StepRank2(n, W, x, acc, s, m, h, f);
      else for (let k = 0; k < count; k++) rk4StepGeneral(n, p, W, x, acc, s, m, h, f, a, b);
    },
    sync(): void {
      overlapsPacked(n, p, W, x, m);
    },
  };
}
