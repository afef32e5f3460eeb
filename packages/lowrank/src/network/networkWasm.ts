/**
 * The WebAssembly SIMD backend of the rank-2, φ = tanh network kernel (scripts/networkKernelWat.mjs,
 * text in networkKernel.wat): two neurons per f64x2, each lane doing exactly the operations of
 * `fastTanh` and of `rk4StageRank2Tanh` in the same order, so both backends give the same bits
 * (test/networkWasm.test.ts). WebAssembly is a web standard, not a Node-only API; SIMD needs
 * Node ≥ 16.4, Chrome ≥ 91, Firefox ≥ 89, Safari ≥ 16.4. Where the module cannot be compiled
 * (no SIMD, or a browser's main thread refusing synchronous compilation of a module this size),
 * `createWasmKernel` returns null and the JavaScript kernel runs instead.
 *
 * All buffers of a run live in the module's memory: core's tanh tables (PORTABLE_TANH_TABLES,
 * interleaved: entry j is [W[j], E[j]] = [1 − e^{−jh}, e^{−jh}], h = ln2/256, so one 16-byte load
 * serves a lane; the generator's h, 1/h and 19.1 are core's, test/networkWasm.test.ts), the
 * kernel's constants (written by its `init()`), the loadings W (pairs of neurons interleaved: [η0_i, η0_{i+1}, η1_i, η1_{i+1}, ξ0_i, ξ0_{i+1}, ξ1_i, ξ1_{i+1}]), x, acc
 * and two buffers of block partials. The memory never grows, so views on it stay valid. For the
 * thread pool the memory is shared and every worker instantiates the module on it.
 */
import { PORTABLE_TANH_TABLES } from '@neurobridge/core';
import { TABLE_SIZE } from './fastTanh.js';
import { BLOCK, blockCount, sumPartials } from './networkKernels.js';
import { NETWORK_KERNEL_WASM, NETWORK_KERNEL_WASM_SHARED } from './networkKernelWasm.js';

type StageFn = (i0: number, i1: number, W: number, X: number, A: number, P: number, a0: number, a1: number, c: number, r: number) => void;

/** Byte offsets of the buffers in the module's memory. */
export interface WasmLayout {
  n: number;
  W: number;
  X: number;
  A: number;
  P0: number;
  P1: number;
  bytes: number;
}

export interface WasmKernel {
  readonly memory: WebAssembly.Memory;
  readonly layout: WasmLayout;
  /** views on the memory */
  readonly W: Float64Array;
  readonly x: Float64Array;
  readonly acc: Float64Array;
  readonly part0: Float64Array;
  readonly part1: Float64Array;
  /**
   * RK4 stage `stage` (linear form, networkKernels.ts) over [i0, i1) (i0 a multiple of BLOCK) with stage
   * overlap (a0, a1), weight c = linearStageWeight(stage, h) and r = linearDecay(h); block partials into part `which`
   */
  stage(stage: number, i0: number, i1: number, a0: number, a1: number, c: number, r: number, which: 0 | 1): void;
}

const PAGE = 65536;
/** Bytes after the tables reserved for the module's constants (CONST_BYTES of scripts/networkKernelWat.mjs). */
const CONST_BYTES = 256;
const MAX_PAGES = 65536;
const align16 = (b: number): number => Math.ceil(b / 16) * 16;

/** Where each buffer of an n-neuron run goes. */
export function wasmLayout(n: number): WasmLayout {
  const W = align16(16 * TABLE_SIZE) + CONST_BYTES;
  const X = W + 64 * Math.ceil(n / 2);
  const A = X + align16(8 * n);
  const P0 = A + align16(8 * n);
  const P1 = P0 + 16 * blockCount(n);
  return { n, W, X, A, P0, P1, bytes: P1 + 16 * blockCount(n) };
}

const modules = new Map<boolean, WebAssembly.Module | null>();

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

/** The compiled module (ordinary or shared memory), or null where it cannot be compiled here. */
function kernelModule(shared: boolean): WebAssembly.Module | null {
  if (!modules.has(shared)) {
    let mod: WebAssembly.Module | null = null;
    try {
      if (typeof WebAssembly === 'object') mod = new WebAssembly.Module(decode(shared ? NETWORK_KERNEL_WASM_SHARED : NETWORK_KERNEL_WASM) as BufferSource);
    } catch {
      mod = null; // no SIMD, or synchronous compilation refused: the JavaScript kernel runs
    }
    modules.set(shared, mod);
  }
  return modules.get(shared) ?? null;
}

/** Test hook: force the JavaScript kernel (true) or allow WebAssembly again (false). */
let disabled = false;
export function disableWasmKernel(value: boolean): void {
  disabled = value;
}

/**
 * A kernel for n neurons on a new memory (shared for the thread pool), with the tanh tables in
 * place, or on an existing memory set up by another thread (`memory`). Null when WebAssembly SIMD
 * is not available here or n needs more than the 4 GiB of a WebAssembly memory.
 */
export function createWasmKernel(n: number, shared: boolean, memory?: WebAssembly.Memory): WasmKernel | null {
  if (disabled) return null;
  const mod = kernelModule(shared);
  if (!mod) return null;
  const layout = wasmLayout(n);
  const pages = Math.ceil(layout.bytes / PAGE);
  if (pages > MAX_PAGES) return null;
  let mem = memory;
  if (!mem) {
    try {
      mem = new WebAssembly.Memory({ initial: pages, maximum: pages, shared });
    } catch {
      return null; // e.g. shared memory outside a cross-origin-isolated page
    }
    const { E, W } = PORTABLE_TANH_TABLES;
    const tables = new Float64Array(mem.buffer, 0, 2 * TABLE_SIZE);
    for (let j = 0; j < TABLE_SIZE; j++) {
      tables[2 * j] = W[j];
      tables[2 * j + 1] = E[j];
    }
  }
  const { exports } = new WebAssembly.Instance(mod, { env: { memory: mem } });
  if (!memory) (exports.init as () => void)();
  const fns = [exports.stage0, exports.stage1, exports.stage2, exports.stage3] as unknown as StageFn[];
  const view = (at: number, len: number): Float64Array => new Float64Array(mem!.buffer, at, len);
  const { W, X, A, P0, P1 } = layout;
  return {
    memory: mem,
    layout,
    W: view(W, 8 * Math.ceil(n / 2)),
    x: view(X, n),
    acc: view(A, n),
    part0: view(P0, 2 * blockCount(n)),
    part1: view(P1, 2 * blockCount(n)),
    stage(stage, i0, i1, a0, a1, c, r, which) {
      fns[stage](i0, i1, W, X, A, which === 0 ? P0 : P1, a0, a1, c, r);
    },
  };
}

/** Packs eta, xi (n × 2, row-major) into the pair layout of the WebAssembly kernel. */
export function packLoadingsPairs(n: number, eta: Float64Array, xi: Float64Array, W: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const o = 8 * (i >> 1) + (i & 1);
    W[o] = eta[2 * i];
    W[o + 2] = eta[2 * i + 1];
    W[o + 4] = xi[2 * i];
    W[o + 6] = xi[2 * i + 1];
  }
}

/** m = ξᵀ x / n from the pair layout, in the block order of `overlapsPacked` (the same bits). */
export function overlapsPairs(n: number, W: Float64Array, x: Float64Array, m: Float64Array, part: Float64Array): void {
  for (let lo = 0, blk = 0; lo < n; lo += BLOCK, blk++) {
    const hi = Math.min(lo + BLOCK, n);
    for (let mu = 0; mu < 2; mu++) {
      let b = 0;
      for (let i = lo; i < hi; i++) b += W[8 * (i >> 1) + 4 + 2 * mu + (i & 1)] * x[i];
      part[2 * blk + mu] = b;
    }
  }
  sumPartials(part, 2, blockCount(n), 1 / n, m);
}
