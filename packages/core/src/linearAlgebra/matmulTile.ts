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
 *   Assembled below from its opcodes (729 bytes) and compiled synchronously on first use.
 * - 'js': the same tiles in 16 local doubles, for engines without WebAssembly SIMD.
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

/** Bytes of one WebAssembly page. */
const PAGE = 65536;
/** Pages of a 32-bit WebAssembly memory (4 GiB). */
const MAX_PAGES = 65536;

let memory: WebAssembly.Memory | undefined;
/** The workspace (layout chosen by the caller: packed A, packed B, C copy). */
let W = new Float64Array(0);
let wasmPanel: Panel | undefined;
let active: TileKernelName = 'js';

// ---------------------------------------------------------------------------------------------
// WebAssembly assembler for the one function `panel` (indices in doubles).

const uleb = (v: number): number[] => {
  const o: number[] = [];
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    o.push(byte);
  } while (v !== 0);
  return o;
};
const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const I32 = 0x7f;
const V128 = 0x7b;
const localGet = (i: number): number[] => [0x20, i];
const localSet = (i: number): number[] => [0x21, i];
const i32Const = (v: number): number[] => [0x41, v]; // v < 64: one-byte signed LEB128
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
/** memarg: alignment hint 2³ (8 bytes), constant byte offset */
const v128Load = (off: number): number[] => simd(0x00, 3, ...uleb(off));
const v128Store = (off: number): number[] => simd(0x0b, 3, ...uleb(off));
const v128Load64Splat = (off: number): number[] => simd(0x0a, 3, ...uleb(off));
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
const I32_MUL = 0x6c;
const localTee = (i: number): number[] => [0x22, i];
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = 0x05;
const END = 0x0b;
const BR_IF_0 = [0x0d, 0];
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

/** The module bytes: imports env.mem, exports panel(kc, a, b, c, ldc, mt, nt, load). */
function assemblePanel(): Uint8Array<ArrayBuffer> {
  // params: 0 kc, 1 a, 2 b, 3 c, 4 ldc, 5 mt, 6 nt, 7 load (all i32; a, b, c, ldc in doubles, made bytes below)
  // i32 locals: 8 sliver stride (bytes), 9 A sliver, 10 C tile, 11 row slivers left, 12 pa, 13 pb, 14 p
  // v128 locals: 15..22 accumulators, acc(r, h) = T[r][2h..2h+1]; 23, 24 B pair; 25 A splat
  const [KC, A, B, C, LDC, MT, NT, LOAD, STRIDE, AI, CI, IT, PA, PB, P] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const acc = (r: number, h: number): number => 15 + 2 * r + h;
  const BPAIR = 23;
  const ASPLAT = 25;
  /** byte address of row r of the current tile: ci + r·ldc */
  const rowAddress = (r: number): number[] => (r === 0 ? localGet(CI) : [...localGet(CI), ...localGet(LDC), ...i32Const(r), I32_MUL, I32_ADD]);
  const add = (x: number, v: number[]): number[] => [...localGet(x), ...v, I32_ADD, ...localSet(x)];
  const body: number[] = [];
  for (const x of [A, B, C, LDC]) body.push(...localGet(x), ...i32Const(3), I32_SHL, ...localSet(x));
  body.push(...localGet(KC), ...i32Const(5), I32_SHL, ...localSet(STRIDE)); // 4 doubles per p
  body.push(...LOOP); // for each column sliver
  body.push(...localGet(A), ...localSet(AI), ...localGet(C), ...localSet(CI), ...localGet(MT), ...localSet(IT));
  body.push(...LOOP); // for each row sliver
  body.push(...localGet(LOAD), ...IF);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...rowAddress(r), ...v128Load(16 * h), ...localSet(acc(r, h)));
  body.push(ELSE);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...V128_ZERO, ...localSet(acc(r, h)));
  body.push(END);
  body.push(...localGet(AI), ...localSet(PA), ...localGet(B), ...localSet(PB), ...localGet(KC), ...localSet(P));
  body.push(...LOOP); // for p = 0 … kc − 1 (kc ≥ 1)
  body.push(...localGet(PB), ...v128Load(0), ...localSet(BPAIR), ...localGet(PB), ...v128Load(16), ...localSet(BPAIR + 1));
  for (let r = 0; r < 4; r++) {
    body.push(...localGet(PA), ...v128Load64Splat(8 * r), ...localSet(ASPLAT));
    for (let h = 0; h < 2; h++) {
      body.push(...localGet(acc(r, h)), ...localGet(ASPLAT), ...localGet(BPAIR + h), ...F64X2_MUL, ...F64X2_ADD, ...localSet(acc(r, h)));
    }
  }
  body.push(...add(PA, i32Const(32)), ...add(PB, i32Const(32)));
  body.push(...localGet(P), ...i32Const(1), I32_SUB, ...localTee(P), ...BR_IF_0, END);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...rowAddress(r), ...localGet(acc(r, h)), ...v128Store(16 * h));
  body.push(...add(AI, localGet(STRIDE)), ...add(CI, [...localGet(LDC), ...i32Const(2), I32_SHL]));
  body.push(...localGet(IT), ...i32Const(1), I32_SUB, ...localTee(IT), ...BR_IF_0, END);
  body.push(...add(B, localGet(STRIDE)), ...add(C, i32Const(32)));
  body.push(...localGet(NT), ...i32Const(1), I32_SUB, ...localTee(NT), ...BR_IF_0, END);
  body.push(END);
  const func = [...vec([[7, I32], [11, V128]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32], [I32], [I32]]), 0]])), // type (i32 ×8) → ()
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 1]])), // import memory, min 1 page
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('panel'), 0x00, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

function instantiateWasm(): void {
  if (typeof WebAssembly !== 'object') return;
  try {
    const bytes = assemblePanel();
    if (!WebAssembly.validate(bytes)) return;
    const mem = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } });
    wasmPanel = instance.exports.panel as Panel;
    memory = mem;
  } catch {
    wasmPanel = undefined;
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
      active = 'js';
    }
  }
  W = new Float64Array(Math.max(doubles, 2 * W.length));
  return W;
}
