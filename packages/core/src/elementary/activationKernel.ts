/**
 * The tanh kernel behind the activation layer (activationArrays.ts): over whole arrays,
 *
 *   tanhArray:       o[q] = portableTanh(x[q])
 *   tanhDfArray:     o[q] = 1 − t·t,        t = portableTanh(x[q])   (the bits of activations.tanh.df)
 *   tanhScaleArray:  d[q] = d[q]·(1 − t·t), t = portableTanh(h[q])   (the bits of d[q] * tanh.df(h[q]))
 *
 * with one of two implementations giving the same bits:
 * - 'wasm-simd': two elements per f64x2 (WebAssembly SIMD), each lane doing exactly portableTanh's
 *   operations in the same order on the same tables (PORTABLE_TANH_TABLES, interleaved [W[j], E[j]]
 *   in the module's memory) — WebAssembly never fuses or reorders floating-point operations. The
 *   module (scripts/activationKernelWat.mjs, whose tanh instruction sequence lowrank's RK4 kernel
 *   shares; text in activationKernel.wat, bytes in activationKernelWasm.ts) is compiled
 *   synchronously on first use (about 1.7 kB, under the 4 kB a browser's main thread allows).
 *   Data goes in and out by copying (Float64Array.set) in chunks of CHUNK = 4096 doubles (32 kB,
 *   L1-sized), so the memory has a fixed size (tables, constants, two chunk buffers: 6 pages) and
 *   never needs to grow (unlike matmul's workspace, whose size follows the operands). The views
 *   the copies need are made once and kept: of the chunk buffers, one per distinct length of a
 *   last partial chunk (at most 64 kept), and of a caller's array longer than CHUNK, its chunks
 *   (in a WeakMap keyed by the array, dropped with it) — so calls on the same arrays, as a
 *   training loop makes, allocate nothing. bench/activations.bench.mjs measures the copies
 *   against the gain (about 0.3 of 2.8 ns per element).
 * - 'js': plain loops calling portableTanh, for engines without WebAssembly SIMD (Chrome/Node ≥ 91,
 *   Firefox ≥ 89, Safari ≥ 16.4 have it; elsewhere compilation fails and 'js' is used).
 *
 * Internal to the package (not re-exported by index.ts); `useActivationKernel` exists for the tests
 * and bench/activations.bench.mjs.
 */
import { ACTIVATION_KERNEL_WASM } from './activationKernelWasm.js';
import { portableTanh } from './portableTanh.js';
import { PORTABLE_TANH_TABLES } from './portableTanhTables.js';

export type ActivationKernelName = 'wasm-simd' | 'js';
/** f(a, b, pairs): byte offsets of the two buffers, number of f64x2 pairs. */
type PairFn = (a: number, b: number, pairs: number) => void;

/** Doubles per chunk copied into the module's memory (each of the two chunk buffers). */
export const CHUNK = 4096;
/** Bytes of one WebAssembly page. */
const PAGE = 65536;
/** Interleaved tables [W[j], E[j]] from byte 0, then the module's constants (CONST_AT, CONST_BYTES of the generator). */
const TABLE_SIZE = PORTABLE_TANH_TABLES.E.length;
export const CONST_AT = 16 * TABLE_SIZE;
export const CONST_BYTES = 256;
/** Byte offsets of the two chunk buffers (16-byte aligned: CONST_AT is). */
const A_AT = CONST_AT + CONST_BYTES;
const B_AT = A_AT + 8 * CHUNK;
const BYTES = B_AT + 8 * CHUNK;

let wasmTanh: PairFn | undefined;
let wasmTanhDf: PairFn | undefined;
let wasmTanhScale: PairFn | undefined;
/** The module's memory as doubles; bufA/bufB the chunk buffers (full CHUNK views). */
let M = new Float64Array(0);
let bufA = new Float64Array(0);
let bufB = new Float64Array(0);
/** Views of the first m doubles of a chunk buffer, for a last partial chunk of length m. */
const tailViewsA = new Map<number, Float64Array>();
const tailViewsB = new Map<number, Float64Array>();
const MAX_TAIL_VIEWS = 64;
/** The CHUNK-long views (and the last, shorter one) of caller arrays longer than CHUNK. */
const sourceChunks = new WeakMap<Float64Array, Float64Array[]>();
let active: ActivationKernelName = 'js';
let initialised = false;

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}

function instantiateWasm(): void {
  if (typeof WebAssembly !== 'object') return;
  try {
    const bytes = decode(ACTIVATION_KERNEL_WASM);
    if (!WebAssembly.validate(bytes)) return; // no SIMD here
    const pages = Math.ceil(BYTES / PAGE);
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    const mem = new Float64Array(memory.buffer);
    const { E, W } = PORTABLE_TANH_TABLES;
    for (let j = 0; j < TABLE_SIZE; j++) {
      mem[2 * j] = W[j];
      mem[2 * j + 1] = E[j];
    }
    (exports.init as () => void)();
    wasmTanh = exports.tanh as PairFn;
    wasmTanhDf = exports.tanhDf as PairFn;
    wasmTanhScale = exports.tanhScale as PairFn;
    M = mem;
    bufA = M.subarray(A_AT / 8, A_AT / 8 + CHUNK);
    bufB = M.subarray(B_AT / 8, B_AT / 8 + CHUNK);
  } catch {
    wasmTanh = wasmTanhDf = wasmTanhScale = undefined; // e.g. synchronous compilation refused: 'js'
  }
}

/** Compiles the module once, on first use; on any failure the 'js' loops are used. */
function initialise(): void {
  if (initialised) return;
  initialised = true;
  instantiateWasm();
  active = wasmTanh ? 'wasm-simd' : 'js';
}

/** The kernel in use. */
export function activationKernelName(): ActivationKernelName {
  initialise();
  return active;
}

/** For tests and benchmarks: switch kernel ('wasm-simd' only where available). Returns the kernel now in use. */
export function useActivationKernel(kind: ActivationKernelName): ActivationKernelName {
  initialise();
  active = kind === 'wasm-simd' && wasmTanh ? 'wasm-simd' : 'js';
  return active;
}

/** The first m doubles of chunk buffer A or B (the whole buffer when m = CHUNK). */
function chunkView(views: Map<number, Float64Array>, buf: Float64Array, at: number, m: number): Float64Array {
  if (m === CHUNK) return buf;
  let view = views.get(m);
  if (view === undefined) {
    if (views.size >= MAX_TAIL_VIEWS) views.clear();
    view = M.subarray(at / 8, at / 8 + m);
    views.set(m, view);
  }
  return view;
}

/** Chunk c (elements c·CHUNK … on) of a caller's array, made once per array and kept with it. */
function sourceChunk(a: Float64Array, c: number): Float64Array {
  if (a.length <= CHUNK) return a;
  let views = sourceChunks.get(a);
  const count = Math.ceil(a.length / CHUNK);
  if (views === undefined || views.length !== count || views[count - 1].length !== a.length - (count - 1) * CHUNK) {
    views = [];
    for (let q = 0; q < a.length; q += CHUNK) views.push(a.subarray(q, Math.min(q + CHUNK, a.length)));
    sourceChunks.set(a, views);
  }
  return views[c];
}

/** o = fn(x) chunk by chunk through buffer A (in place there); o may be x. */
function mapChunks(fn: PairFn, x: Float64Array, o: Float64Array): void {
  const n = x.length;
  for (let q = 0; q < n; q += CHUNK) {
    const m = Math.min(CHUNK, n - q);
    bufA.set(sourceChunk(x, q / CHUNK));
    // an odd m: lane 1 of the last pair computes tanh of a stale double, not copied out
    fn(A_AT, A_AT, (m + 1) >> 1);
    o.set(chunkView(tailViewsA, bufA, A_AT, m), q);
  }
}

/** o[q] = portableTanh(x[q]); o may be x. */
export function tanhArray(x: Float64Array, o: Float64Array): void {
  initialise();
  if (active === 'wasm-simd') {
    mapChunks(wasmTanh as PairFn, x, o);
    return;
  }
  for (let q = 0; q < x.length; q++) o[q] = portableTanh(x[q]);
}

/** o[q] = 1 − t·t with t = portableTanh(x[q]) (activations.tanh.df); o may be x. */
export function tanhDfArray(x: Float64Array, o: Float64Array): void {
  initialise();
  if (active === 'wasm-simd') {
    mapChunks(wasmTanhDf as PairFn, x, o);
    return;
  }
  for (let q = 0; q < x.length; q++) {
    const t = portableTanh(x[q]);
    o[q] = 1 - t * t;
  }
}

/** d[q] ← d[q]·(1 − t·t) with t = portableTanh(h[q]) (d[q] * activations.tanh.df(h[q])). */
export function tanhScaleArray(h: Float64Array, d: Float64Array): void {
  initialise();
  if (active === 'wasm-simd') {
    const fn = wasmTanhScale as PairFn;
    const n = h.length;
    for (let q = 0; q < n; q += CHUNK) {
      const m = Math.min(CHUNK, n - q);
      bufA.set(sourceChunk(h, q / CHUNK));
      bufB.set(sourceChunk(d, q / CHUNK));
      fn(A_AT, B_AT, (m + 1) >> 1);
      d.set(chunkView(tailViewsB, bufB, B_AT, m), q);
    }
    return;
  }
  for (let q = 0; q < h.length; q++) {
    const t = portableTanh(h[q]);
    d[q] *= 1 - t * t;
  }
}

/**
 * For bench/activations.bench.mjs: tanh of the first `n` ≤ CHUNK doubles of chunk buffer A, in
 * place, with no copies (what the kernel costs without moving data in and out). Returns buffer A.
 */
export function tanhInPlaceForBench(n: number): Float64Array {
  initialise();
  if (active === 'wasm-simd') (wasmTanh as PairFn)(A_AT, A_AT, (Math.min(n, CHUNK) + 1) >> 1);
  return bufA;
}
