import { assembleProductModule } from './matmulAssembler.js';

/**
 * The panel kernel behind `matmulNN`/`matmulTN`/`matmulNT`, and the scratch workspace it works in.
 *
 *   panel(kc, a, b, c, ldc, mt, nt, load): for every 4×4 tile (it < mt row slivers, jt < nt column slivers)
 *   W[c + (4it + r)·ldc + 4jt + q] (+)= Σ_{p=0}^{kc−1} W[a + 4kc·it + 4p + r] · W[b + 4kc·jt + 4p + q]
 *
 * W is one Float64Array workspace holding packed A (slivers of 4 rows interleaved per p), packed B
 * (slivers of 4 columns interleaved per p) — so the kernel reads both sequentially — and a copy of C
 * (row stride ldc). With `load` the sums start from the values in the C copy, otherwise from 0;
 * kc, mt, nt ≥ 1. Each entry is ONE sequential sum in increasing p — (((c + a₀b₀) + a₁b₁) + a₂b₂) + … —
 * so a product built from panels has exactly the bits of the naive loop `s = c; for (p…) s += a·b`,
 * whichever implementation runs:
 * - 'wasm-simd': the 4×4 tile of C held in eight f64x2 registers (WebAssembly SIMD: f64x2.mul then
 *   f64x2.add, which WebAssembly never fuses, so each lane rounds exactly as the scalar loop does).
 *   Assembled from its opcodes in matmulAssembler.ts (one 1448-byte module, with the packers that
 *   rearrange staged operands, `packersFunction`) and compiled synchronously on first use (under
 *   the 4 kB a browser allows for a synchronous compile on its main thread).
 * - 'js': the same tiles in 16 local doubles, for engines without WebAssembly SIMD; the operands
 *   are then packed in JavaScript (matmul.ts).
 *
 * Tile shape, measured 2026-12-08 (AMD EPYC, 48 kB L1d; Node 20.20 / V8 11.3) on one packed panel
 * (m = 64 or 128 rows, 256 columns, kc = 256) against the WebAssembly ceiling of
 * bench/peers/harness/wasmCeiling.mjs (25–26 GFLOP/s on one thread), medians of 7 alternated runs:
 * 4×4 (8 accumulators, per p 2 pair loads + 4 splat loads) 20.4–20.7 GFLOP/s, 77–83 % of the
 * ceiling, kept; 2×8 19.0–21.0 (a tie); 3×6 17.5–18.0; 5×4 18.8; 1×12 16.8; 4×6 14.7; 6×4 14.4;
 * 3×8 14.4; unrolled by 2 in p: 4×4 15.5–15.6, 5×4 16.1, 6×4 14.6, 4×6 16.4, 8×2 11.9; 4×4 with A
 * stored pre-splatted (v128.load instead of v128.load64_splat) 20.3 (no gain). V8 (--print-wasm-code) hoists all of a
 * p step's loads to its top, so tiles past 8 accumulators (+ 2 pairs + 4 splats + 1 product = 15 of
 * the 15 allocatable xmm registers) spill to the stack inside the loop; it also unrolls the p loop by
 * itself. The p loop now runs on the A pointer alone (exit when it reaches the sliver's end), one
 * loop operation fewer than the counter of 2026-11-23. With B's pair loads hoisted out (a diagnostic,
 * wrong results) the same tile reached 88 %: the loads, not the arithmetic, hold the tile below the
 * ceiling.
 * WebAssembly is a web standard, not a Node-only API; SIMD needs Chrome/Node ≥ 91, Firefox ≥ 89,
 * Safari ≥ 16.4 — elsewhere WebAssembly.validate fails and 'js' is used.
 *
 * Internal to the package (not re-exported by index.ts); `useTileKernel` exists for the tests and
 * bench/matmul.bench.mjs.
 */

/** Tile height (rows of A per packed sliver) and width (columns of B per packed sliver). */
export const MR = 4;
export const NR = 4;

export type TileKernelName = 'wasm-simd' | 'js';
type Panel = (kc: number, a: number, b: number, c: number, ldc: number, mt: number, nt: number, load: number) => void;
/** packRows / packCols8 / packCols1 of matmulAssembler.ts: (src, stride, slivers or groups, kc, dst), indices in doubles. */
type Packer = (src: number, stride: number, slivers: number, kc: number, dst: number) => void;
export interface Packers { rows: Packer; cols8: Packer; cols1: Packer }

/** Bytes of one WebAssembly page. */
const PAGE = 65536;
/** Pages of a 32-bit WebAssembly memory (4 GiB). */
const MAX_PAGES = 65536;

let memory: WebAssembly.Memory | undefined;
/** The workspace (layout chosen by the caller: packed A, packed B, C copy, staged A and B). */
let W = new Float64Array(0);
let wasmPanel: Panel | undefined;
let wasmPackers: Packers | undefined;
let active: TileKernelName = 'js';

function instantiateWasm(): void {
  if (typeof WebAssembly !== 'object') return;
  try {
    const bytes = assembleProductModule();
    if (!WebAssembly.validate(bytes)) return;
    const mem = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } });
    const e = instance.exports;
    wasmPanel = e.panel as Panel;
    wasmPackers = { rows: e.packRows as Packer, cols8: e.packCols8 as Packer, cols1: e.packCols1 as Packer };
    memory = mem;
  } catch {
    wasmPanel = undefined;
    wasmPackers = undefined;
    memory = undefined;
  }
}

// ---------------------------------------------------------------------------------------------

/** The same panel in plain JavaScript: 16 accumulators per tile, one sequential sum each. */
function jsPanel(kc: number, a: number, b: number, c: number, ldc: number, mt: number, nt: number, load: number): void {
  const w = W;
  for (let jt = 0; jt < nt; jt++, b += 4 * kc, c += 4) {
    for (let it = 0, ai = a; it < mt; it++, ai += 4 * kc) {
      const c0 = c + 4 * it * ldc, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc;
      let t00 = 0, t01 = 0, t02 = 0, t03 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0;
      let t20 = 0, t21 = 0, t22 = 0, t23 = 0, t30 = 0, t31 = 0, t32 = 0, t33 = 0;
      if (load) {
        t00 = w[c0]; t01 = w[c0 + 1]; t02 = w[c0 + 2]; t03 = w[c0 + 3];
        t10 = w[c1]; t11 = w[c1 + 1]; t12 = w[c1 + 2]; t13 = w[c1 + 3];
        t20 = w[c2]; t21 = w[c2 + 1]; t22 = w[c2 + 2]; t23 = w[c2 + 3];
        t30 = w[c3]; t31 = w[c3 + 1]; t32 = w[c3 + 2]; t33 = w[c3 + 3];
      }
      for (let p = 0, pa = ai, pb = b; p < kc; p++, pa += 4, pb += 4) {
        const x0 = w[pa], x1 = w[pa + 1], x2 = w[pa + 2], x3 = w[pa + 3];
        const y0 = w[pb], y1 = w[pb + 1], y2 = w[pb + 2], y3 = w[pb + 3];
        t00 += x0 * y0; t01 += x0 * y1; t02 += x0 * y2; t03 += x0 * y3;
        t10 += x1 * y0; t11 += x1 * y1; t12 += x1 * y2; t13 += x1 * y3;
        t20 += x2 * y0; t21 += x2 * y1; t22 += x2 * y2; t23 += x2 * y3;
        t30 += x3 * y0; t31 += x3 * y1; t32 += x3 * y2; t33 += x3 * y3;
      }
      w[c0] = t00; w[c0 + 1] = t01; w[c0 + 2] = t02; w[c0 + 3] = t03;
      w[c1] = t10; w[c1 + 1] = t11; w[c1 + 2] = t12; w[c1 + 3] = t13;
      w[c2] = t20; w[c2 + 1] = t21; w[c2 + 2] = t22; w[c2 + 3] = t23;
      w[c3] = t30; w[c3 + 1] = t31; w[c3 + 2] = t32; w[c3 + 3] = t33;
    }
  }
}

let initialised = false;

/** Compiles the WebAssembly tile once, on first use; on any failure the 'js' tile is used. */
function initialise(): void {
  if (initialised) return;
  initialised = true;
  instantiateWasm();
  active = wasmPanel ? 'wasm-simd' : 'js';
  if (memory) W = new Float64Array(memory.buffer);
}

/** The tile kernel in use. */
export function tileKernelName(): TileKernelName {
  initialise();
  return active;
}

/** For tests: switch kernel ('wasm-simd' only where available). Returns the kernel now in use. */
export function useTileKernel(kind: TileKernelName): TileKernelName {
  initialise();
  active = kind === 'wasm-simd' && wasmPanel ? 'wasm-simd' : 'js';
  return active;
}

/** The current panel function (works on the workspace; call `workspace` first, it may replace W). */
export function panelFunction(): Panel {
  initialise();
  return active === 'wasm-simd' ? (wasmPanel as Panel) : jsPanel;
}

/**
 * The WebAssembly packers (staged operand → slivers, in the workspace) when the 'wasm-simd' tile is
 * in use, else undefined (the 'js' kernel packs in JavaScript). Read it after `workspace`.
 */
export function packersFunction(): Packers | undefined {
  initialise();
  return active === 'wasm-simd' ? wasmPackers : undefined;
}

/**
 * The workspace view with at least `doubles` entries, grown on demand (doubling, so that the
 * steady state allocates nothing; never shrunk). Growing WebAssembly memory detaches the old view:
 * callers must use the returned array, not one from an earlier call, and read `panelFunction()`
 * after it (a refused growth switches to the 'js' panel).
 */
export function workspace(doubles: number): Float64Array {
  initialise();
  if (W.length >= doubles) return W;
  if (memory) {
    const need = Math.ceil((doubles * 8) / PAGE);
    const have = memory.buffer.byteLength / PAGE;
    try {
      memory.grow(Math.max(need, Math.min(2 * have, MAX_PAGES)) - have);
      W = new Float64Array(memory.buffer);
      return W;
    } catch {
      // beyond what the engine grants a WebAssembly memory (4 GiB at most): continue in plain
      // JavaScript, which gives the same bits
      memory = undefined;
      wasmPanel = undefined;
      wasmPackers = undefined;
      active = 'js';
    }
  }
  W = new Float64Array(Math.max(doubles, 2 * W.length));
  return W;
}
