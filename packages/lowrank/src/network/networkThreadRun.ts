/**
 * One thread's share of a parallel network run (networkPool.ts): every thread steps through the
 * whole run, applying each RK4 stage to its own blocks of neurons and meeting the others at a
 * barrier after every stage (four per step), where each thread sums all block partials in the
 * same fixed order — so all threads hold the same overlaps, and the results are bit-identical
 * to the single-thread `simulateNetwork` for any number of threads.
 *
 * Memory: W, x, acc, s and two block-partial buffers live on shared memory. Stage k writes the
 * partials of buffer k mod 2: a thread that runs ahead into stage k+1 cannot overwrite the
 * partials another thread is still summing, and it cannot reach stage k+2 before that thread
 * has passed the barrier after stage k+1. Thread 0 records the samples (it may read any x_i
 * after the barrier that ends a step: x is next written by stage 3 of the following step).
 */
import { activations, ThreadBarrier, type Activation } from '@neurobridge/core';
import { advanceOverlap, BLOCK, blockCount, linearDecay, linearOverlaps, linearStageWeight, runStage, sumPartials, type KernelName, type StageBuffers } from './networkKernels.js';
import { afterStep, recordSample, type NetworkRunPlan, type NetworkSamples } from './networkRunPlan.js';
import { createWasmKernel } from './networkWasm.js';

/** What the pool sends each thread (typed arrays on shared memory; everything else is plain data). */
export interface NetworkThreadJob {
  index: number;
  threads: number;
  n: number;
  p: number;
  /** the JavaScript kernel's buffers (shared memory), or null with `wasm` */
  W: Float64Array | null;
  x: Float64Array | null;
  acc: Float64Array | null;
  s: Float64Array | null;
  part0: Float64Array | null;
  part1: Float64Array | null;
  /** the WebAssembly kernel's shared memory (rank 2, tanh), set up by the calling thread */
  wasm: WebAssembly.Memory | null;
  barrier: Int32Array;
  m0: Float64Array;
  kernel: KernelName;
  /** name of one of core's `activations` */
  phi: string;
  plan: Omit<NetworkRunPlan, 'x'>;
}

export interface NetworkThreadOutcome {
  done: number;
  finite: boolean;
  /** thread 0 only */
  samples: NetworkSamples | null;
  mEnd: Float64Array;
}

/** Blocks [b0, b1) of thread `index` of `threads`: contiguous, sizes differing by at most one. */
export function threadBlocks(n: number, index: number, threads: number): [number, number] {
  const blocks = blockCount(n);
  return [Math.floor((index * blocks) / threads), Math.floor(((index + 1) * blocks) / threads)];
}

export function runNetworkThread(job: NetworkThreadJob): NetworkThreadOutcome {
  const { index, threads, n, p, kernel, plan } = job;
  const phi = (activations as Record<string, Activation>)[job.phi];
  if (!phi) throw new TypeError(`phi must name one of core's activations; got ${job.phi}`);
  const barrier = new ThreadBarrier(job.barrier, threads);
  try {
    const [b0, b1] = threadBlocks(n, index, threads);
    const i0 = b0 * BLOCK;
    const i1 = Math.min(b1 * BLOCK, n);
    const wasm = job.wasm ? createWasmKernel(n, true, job.wasm) : null;
    if (job.wasm && !wasm) throw new Error('the WebAssembly kernel cannot be instantiated in this worker');
    const x = wasm ? wasm.x : job.x!;
    const parts = wasm ? [wasm.part0, wasm.part1] : [job.part0!, job.part1!];
    const buf: StageBuffers | null = wasm ? null : { n, p, W: job.W!, x, acc: job.acc!, s: job.s!, part: job.part0! };
    const a = Float64Array.from(job.m0);
    const b = new Float64Array(p);
    const sums = new Float64Array(p);
    const lin = linearOverlaps();
    const blocks = blockCount(n);
    const invN = 1 / n;
    const f = phi.f;
    const record = index === 0;
    const samples: NetworkSamples | null = record ? { t: [], m: [], x: [] } : null;
    const runPlan = { ...plan, x };
    if (samples) recordSample(samples, plan.components, 0, a, x);
    let done = 0;
    let finite = true;
    for (let k = 1; k <= plan.todo && finite; k++) {
      for (let stage = 0; stage < 4; stage++) {
        const which = (stage & 1) as 0 | 1;
        if (wasm) wasm.stage(stage, i0, i1, a[0], a[1], linearStageWeight(stage, plan.h), linearDecay(plan.h), which);
        else runStage(kernel, stage, i0, i1, buf!, parts[which], a, plan.h, f, b);
        barrier.wait();
        sumPartials(parts[which], p, blocks, invN, sums);
        advanceOverlap(kernel, stage, plan.h, sums, lin, a);
      }
      done = k;
      finite = afterStep(runPlan, samples ?? { t: [], m: [], x: [] }, k, a, x, record);
    }
    return { done, finite, samples, mEnd: a };
  } catch (e) {
    barrier.break();
    throw e;
  }
}
