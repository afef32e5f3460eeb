/**
 * The 4×4 tile kernel behind `matmulNN`/`matmulTN`/`matmulNT`, and the scratch workspace it reads.
 *
 *   tile(kc, a, b, load):  T[r][q] (+)= Σ_{p=0}^{kc−1} Ap[a + 4p + r] · Bp[b + 4p + q],   r, q ∈ 0..3
 *
 * where Ap and Bp are packed panels in the workspace W (4 rows of A, resp. 4 columns of B, interleaved
 * per p, so both are read sequentially), and T is the 16-double tile at W[0..15] (row-major 4×4). With
 * `load` the sums start from the values already in T, otherwise from 0. Each of the 16 entries is
 * ONE sequential sum in increasing p — (((t + a₀b₀) + a₁b₁) + a₂b₂) + … — so a product built from
 * tiles gives exactly the bits of the naive loop `s = 0; for (p…) s += a·b` (or `s = C` with
 * `accumulate`), whichever kernel runs.
 *
 * Two implementations with identical results:
 * - 'wasm-simd': a 4×4 tile held in eight f64x2 registers (WebAssembly SIMD, separate mul then add —
 *   WebAssembly never fuses them, so every lane rounds exactly as the scalar loop does). Assembled
 *   below from its opcodes (about 400 bytes), compiled synchronously on first use.
 * - 'js': the same tile in 16 local doubles, used where WebAssembly SIMD is unavailable.
 * WebAssembly is a web standard (no Node-only API); SIMD needs Chrome/Node ≥ 91, Firefox ≥ 89,
 * Safari ≥ 16.4 — older engines fall back to 'js' (checked with WebAssembly.validate).
 *
 * Internal to the package (not re-exported by index.ts); `useTileKernel` exists for the tests.
 */

/** Tile height (rows of A per packed sliver) and width (columns of B per packed sliver). */
export const MR = 4;
export const NR = 4;
/** Doubles at the start of the workspace reserved for the tile T. */
export const TILE = MR * NR;

export type TileKernelName = 'wasm-simd' | 'js';
type Tile = (kc: number, a: number, b: number, load: number) => void;

/** Bytes of one WebAssembly page. */
const PAGE = 65536;

let memory: WebAssembly.Memory | undefined;
/** The workspace: tile, then packed A, then packed B (layout chosen by the caller). */
let W = new Float64Array(TILE);
let wasmTile: Tile | undefined;
let active: TileKernelName = 'js';

// ---------------------------------------------------------------------------------------------
// WebAssembly assembler for the one function `tile(kc, a, b, load)` (indices in doubles).

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

/** The module bytes: imports env.mem, exports tile(kc, a, b, load). */
function assembleTile(): Uint8Array<ArrayBuffer> {
  // params 0 kc, 1 a, 2 b, 3 load; locals 4..11 accumulators T[r][2h..2h+1] = acc(r, h); 12, 13 B pair; 14 A splat
  const acc = (r: number, h: number): number => 4 + 2 * r + h;
  const body: number[] = [];
  // a, b: indices in doubles → byte addresses
  for (const i of [1, 2]) body.push(...localGet(i), ...i32Const(3), I32_SHL, ...localSet(i));
  // if (load) acc(r, h) = T[r][2h..2h+1]   (T at byte 0; accumulators are zero-initialised otherwise)
  body.push(...localGet(3), 0x04, 0x40);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...i32Const(0), ...v128Load(16 * (2 * r + h)), ...localSet(acc(r, h)));
  body.push(0x0b);
  // if (kc) do { … } while (--kc)
  body.push(...localGet(0), 0x04, 0x40, 0x03, 0x40);
  body.push(...localGet(2), ...v128Load(0), ...localSet(12), ...localGet(2), ...v128Load(16), ...localSet(13));
  for (let r = 0; r < 4; r++) {
    body.push(...localGet(1), ...v128Load64Splat(8 * r), ...localSet(14));
    for (let h = 0; h < 2; h++) {
      body.push(...localGet(acc(r, h)), ...localGet(14), ...localGet(12 + h), ...F64X2_MUL, ...F64X2_ADD, ...localSet(acc(r, h)));
    }
  }
  body.push(...localGet(1), ...i32Const(32), I32_ADD, ...localSet(1));
  body.push(...localGet(2), ...i32Const(32), I32_ADD, ...localSet(2));
  body.push(...localGet(0), ...i32Const(1), I32_SUB, 0x22, 0, 0x0d, 0); // local.tee kc; br_if loop
  body.push(0x0b, 0x0b);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...i32Const(0), ...localGet(acc(r, h)), ...v128Store(16 * (2 * r + h)));
  body.push(0x0b);
  const func = [...vec([[11, V128]]), ...body];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32]]), 0]])), // type (i32 ×4) → ()
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 1]])), // import memory, min 1 page
    ...section(3, vec([[0]])),
    ...section(7, vec([[...name('tile'), 0x00, 0]])),
    ...section(10, vec([[...uleb(func.length), ...func]])),
  ]);
}

let initialised = false;

/** Compiles the WebAssembly tile once, on first use; on any failure the 'js' tile is used. */
function initialise(): void {
  if (initialised) return;
  initialised = true;
  instantiateWasm();
  active = wasmTile ? 'wasm-simd' : 'js';
  if (memory) W = new Float64Array(memory.buffer);
}

function instantiateWasm(): void {
  if (typeof WebAssembly !== 'object') return;
  try {
    const bytes = assembleTile();
    if (!WebAssembly.validate(bytes)) return;
    const mem = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { mem } });
    wasmTile = instance.exports.tile as Tile;
    memory = mem;
  } catch {
    wasmTile = undefined;
    memory = undefined;
  }
}

// ---------------------------------------------------------------------------------------------

/** The same tile in plain JavaScript: 16 accumulators, one sequential sum each. */
function jsTile(kc: number, a: number, b: number, load: number): void {
  const w = W;
  let t00 = 0, t01 = 0, t02 = 0, t03 = 0, t10 = 0, t11 = 0, t12 = 0, t13 = 0;
  let t20 = 0, t21 = 0, t22 = 0, t23 = 0, t30 = 0, t31 = 0, t32 = 0, t33 = 0;
  if (load) {
    t00 = w[0]; t01 = w[1]; t02 = w[2]; t03 = w[3]; t10 = w[4]; t11 = w[5]; t12 = w[6]; t13 = w[7];
    t20 = w[8]; t21 = w[9]; t22 = w[10]; t23 = w[11]; t30 = w[12]; t31 = w[13]; t32 = w[14]; t33 = w[15];
  }
  for (let p = 0; p < kc; p++, a += 4, b += 4) {
    const x0 = w[a], x1 = w[a + 1], x2 = w[a + 2], x3 = w[a + 3];
    const y0 = w[b], y1 = w[b + 1], y2 = w[b + 2], y3 = w[b + 3];
    t00 += x0 * y0; t01 += x0 * y1; t02 += x0 * y2; t03 += x0 * y3;
    t10 += x1 * y0; t11 += x1 * y1; t12 += x1 * y2; t13 += x1 * y3;
    t20 += x2 * y0; t21 += x2 * y1; t22 += x2 * y2; t23 += x2 * y3;
    t30 += x3 * y0; t31 += x3 * y1; t32 += x3 * y2; t33 += x3 * y3;
  }
  w[0] = t00; w[1] = t01; w[2] = t02; w[3] = t03; w[4] = t10; w[5] = t11; w[6] = t12; w[7] = t13;
  w[8] = t20; w[9] = t21; w[10] = t22; w[11] = t23; w[12] = t30; w[13] = t31; w[14] = t32; w[15] = t33;
}

/** The tile kernel in use. */
export function tileKernelName(): TileKernelName {
  initialise();
  return active;
}

/** For tests: switch kernel ('wasm-simd' only where available). Returns the kernel now in use. */
export function useTileKernel(kind: TileKernelName): TileKernelName {
  initialise();
  active = kind === 'wasm-simd' && wasmTile ? 'wasm-simd' : 'js';
  return active;
}

/** The current tile function (read it after `workspace`, which may replace W). */
export function tileFunction(): Tile {
  initialise();
  return active === 'wasm-simd' ? (wasmTile as Tile) : jsTile;
}

/**
 * The workspace view with at least `doubles` entries, grown on demand (doubling, so that the
 * steady state allocates nothing). Growing WebAssembly memory detaches the old view: callers must
 * use the returned array, not one from an earlier call.
 */
export function workspace(doubles: number): Float64Array {
  initialise();
  if (W.length >= doubles) return W;
  if (memory) {
    const need = Math.ceil((doubles * 8) / PAGE);
    const have = memory.buffer.byteLength / PAGE;
    memory.grow(Math.max(need, 2 * have) - have);
    W = new Float64Array(memory.buffer);
  } else {
    W = new Float64Array(Math.max(doubles, 2 * W.length));
  }
  return W;
}
