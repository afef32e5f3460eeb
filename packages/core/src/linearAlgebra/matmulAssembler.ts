/**
 * The WebAssembly module behind the dense products, assembled from its opcodes (no toolchain, no
 * binary blob): one imported memory `env.mem` (the workspace of `matmulTile.ts`) and four exported
 * functions, every address an i32 index in doubles:
 *
 *   panel(kc, a, b, c, ldc, mt, nt, load)   the 4×4 register tiles of one packed panel (see matmulTile.ts)
 *   packRows(src, ls, slivers, kc, dst)     dst[4kc·s + 4p + r] = src[(4s + r)·ls + p]   (lines contiguous in p)
 *   packCols8(src, ps, groups, kc, dst)     dst[4kc·s + 4p + r] = src[p·ps + 4s + r]     (lines side by side),
 *   packCols1(src, ps, slivers, kc, dst)    s < 8·groups, resp. s < slivers
 *
 * The packers rearrange a staged copy of an operand (copied into the workspace with one memcpy,
 * `Float64Array.prototype.set`) into the slivers `panel` reads; they only move doubles, so the bits
 * of the products do not depend on them.
 */

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
const localTee = (i: number): number[] => [0x22, i];
/** signed LEB128 */
const sleb = (v: number): number[] => {
  const o: number[] = [];
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) return [...o, byte];
    o.push(byte | 0x80);
  }
};
const i32Const = (v: number): number[] => [0x41, ...sleb(v)];
const simd = (op: number, ...imm: number[]): number[] => [0xfd, ...uleb(op), ...imm];
/** memarg: alignment hint 2³ (8 bytes), constant byte offset */
const v128Load = (off: number): number[] => simd(0x00, 3, ...uleb(off));
const v128Store = (off: number): number[] => simd(0x0b, 3, ...uleb(off));
const v128Load64Splat = (off: number): number[] => simd(0x0a, 3, ...uleb(off));
const f64Load = (off: number): number[] => [0x2b, 3, ...uleb(off)];
const f64Store = (off: number): number[] => [0x39, 3, ...uleb(off)];
const F64X2_ADD = simd(0xf0);
const F64X2_MUL = simd(0xf2);
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_SHL = 0x74;
const I32_MUL = 0x6c;
const I32_NE = 0x47;
const LOOP = [0x03, 0x40];
const IF = [0x04, 0x40];
const ELSE = 0x05;
const END = 0x0b;
const BR_IF_0 = [0x0d, 0];
const V128_ZERO = simd(0x0c, ...new Array<number>(16).fill(0));

const add = (x: number, v: number[]): number[] => [...localGet(x), ...v, I32_ADD, ...localSet(x)];
const toBytes = (...xs: number[]): number[] => xs.flatMap((x) => [...localGet(x), ...i32Const(3), I32_SHL, ...localSet(x)]);
/** x −= 1; loop again while x ≠ 0 (closes a LOOP) */
const countDown = (x: number): number[] => [...localGet(x), ...i32Const(1), I32_SUB, ...localTee(x), ...BR_IF_0, END];

/**
 * panel(kc, a, b, c, ldc, mt, nt, load): the C tile in eight f64x2 accumulators, per p two pair
 * loads of the B sliver and four v128.load64_splat of the A sliver, then 8 × (f64x2.mul, f64x2.add).
 * The p loop runs on the A pointer alone (exit when it reaches the sliver's end: no separate counter).
 */
function panelBody(): number[] {
  // params: 0 kc, 1 a, 2 b, 3 c, 4 ldc, 5 mt, 6 nt, 7 load (i32; a, b, c, ldc in doubles, made bytes below)
  // i32 locals: 8 sliver stride (bytes), 9 A sliver, 10 C tile, 11 row slivers left, 12 pa, 13 pb, 14 end of pa
  // v128 locals: 15..22 accumulators, acc(r, h) = T[r][2h..2h+1]; 23, 24 B pair; 25 A splat
  const [KC, A, B, C, LDC, MT, NT, LOAD, STRIDE, AI, CI, IT, PA, PB, PEND] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14];
  const acc = (r: number, h: number): number => 15 + 2 * r + h;
  const BPAIR = 23;
  const ASPLAT = 25;
  /** byte address of row r of the current tile: ci + r·ldc */
  const rowAddress = (r: number): number[] => (r === 0 ? localGet(CI) : [...localGet(CI), ...localGet(LDC), ...i32Const(r), I32_MUL, I32_ADD]);
  const body: number[] = [...toBytes(A, B, C, LDC)];
  body.push(...localGet(KC), ...i32Const(5), I32_SHL, ...localSet(STRIDE)); // 4 doubles per p
  body.push(...LOOP); // for each column sliver
  body.push(...localGet(A), ...localSet(AI), ...localGet(C), ...localSet(CI), ...localGet(MT), ...localSet(IT));
  body.push(...LOOP); // for each row sliver
  body.push(...localGet(LOAD), ...IF);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...rowAddress(r), ...v128Load(16 * h), ...localSet(acc(r, h)));
  body.push(ELSE);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...V128_ZERO, ...localSet(acc(r, h)));
  body.push(END);
  body.push(...localGet(AI), ...localSet(PA), ...localGet(B), ...localSet(PB));
  body.push(...localGet(AI), ...localGet(STRIDE), I32_ADD, ...localSet(PEND));
  body.push(...LOOP); // for p = 0 … kc − 1 (kc ≥ 1)
  body.push(...localGet(PB), ...v128Load(0), ...localSet(BPAIR), ...localGet(PB), ...v128Load(16), ...localSet(BPAIR + 1));
  for (let r = 0; r < 4; r++) {
    body.push(...localGet(PA), ...v128Load64Splat(8 * r), ...localSet(ASPLAT));
    for (let h = 0; h < 2; h++) {
      body.push(...localGet(acc(r, h)), ...localGet(ASPLAT), ...localGet(BPAIR + h), ...F64X2_MUL, ...F64X2_ADD, ...localSet(acc(r, h)));
    }
  }
  body.push(...add(PB, i32Const(32)));
  body.push(...localGet(PA), ...i32Const(32), I32_ADD, ...localTee(PA), ...localGet(PEND), I32_NE, ...BR_IF_0, END);
  for (let r = 0; r < 4; r++) for (let h = 0; h < 2; h++) body.push(...rowAddress(r), ...localGet(acc(r, h)), ...v128Store(16 * h));
  body.push(...add(AI, localGet(STRIDE)), ...add(CI, [...localGet(LDC), ...i32Const(2), I32_SHL]));
  body.push(...countDown(IT));
  body.push(...add(B, localGet(STRIDE)), ...add(C, i32Const(32)));
  body.push(...countDown(NT));
  body.push(END);
  return [...vec([[7, I32], [11, V128]]), ...body];
}

/** packRows(src, ls, slivers, kc, dst): per sliver, the four lines read sequentially in p. */
function packRowsBody(): number[] {
  // params: 0 src, 1 ls, 2 slivers, 3 kc, 4 dst (doubles, made bytes); i32 locals: 5 x, 6 end of x, 7 2ls, 8 3ls
  const [SRC, LS, S, KC, DST, X, XEND, LS2, LS3] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const body: number[] = [...toBytes(SRC, LS, KC, DST)];
  body.push(...localGet(LS), ...localGet(LS), I32_ADD, ...localSet(LS2), ...localGet(LS2), ...localGet(LS), I32_ADD, ...localSet(LS3));
  body.push(...LOOP); // for each sliver
  body.push(...localGet(SRC), ...localTee(X), ...localGet(KC), I32_ADD, ...localSet(XEND));
  body.push(...LOOP); // for p = 0 … kc − 1
  const line = [[], localGet(LS), localGet(LS2), localGet(LS3)];
  for (let r = 0; r < 4; r++) {
    body.push(...localGet(DST), ...localGet(X), ...(r === 0 ? [] : [...line[r], I32_ADD]), ...f64Load(0), ...f64Store(8 * r));
  }
  body.push(...add(DST, i32Const(32)));
  body.push(...localGet(X), ...i32Const(8), I32_ADD, ...localTee(X), ...localGet(XEND), I32_NE, ...BR_IF_0, END);
  body.push(...localGet(SRC), ...localGet(LS), ...i32Const(2), I32_SHL, I32_ADD, ...localSet(SRC));
  body.push(...countDown(S));
  body.push(END);
  return [...vec([[4, I32]]), ...body];
}

/**
 * packCols8 / packCols1(src, ps, groups, kc, dst), G = 8 or 1 slivers side by side: per group of G
 * slivers, p inner, the source read 32·G bytes (4 cache lines for G = 8) per p and the slivers
 * written as G sequential streams. Measured 2026-12-08 on a 1024 × 1024 operand (packing all of it,
 * ms, copy in cache): G = 8 0.23 (as fast as packRows and a memcpy), G = 4 0.30, G = 2 0.53,
 * G = 1 0.5, G = 16 0.8; p outer, slivers inner 1.9.
 */
function packColsBody(G: number): number[] {
  // params: 0 src, 1 ps, 2 groups, 3 kc, 4 dst (doubles, made bytes); i32 locals: 5 x, 6 p left, 7 dst stride, 8… 8+G−1 o_q
  const [SRC, PS, S, KC, DST, X, P, DS] = [0, 1, 2, 3, 4, 5, 6, 7];
  const o = (q: number): number => 8 + q;
  const body: number[] = [...toBytes(SRC, PS, DST)];
  body.push(...localGet(KC), ...i32Const(5), I32_SHL, ...localSet(DS)); // 4kc doubles between slivers
  body.push(...LOOP); // for each group of G slivers
  body.push(...localGet(SRC), ...localSet(X), ...localGet(KC), ...localSet(P));
  for (let q = 0; q < G; q++) body.push(...localGet(q === 0 ? DST : o(q - 1)), ...(q === 0 ? [] : [...localGet(DS), I32_ADD]), ...localSet(o(q)));
  body.push(...LOOP); // for p = 0 … kc − 1
  for (let q = 0; q < G; q++) for (const h of [0, 16]) body.push(...localGet(o(q)), ...localGet(X), ...v128Load(32 * q + h), ...v128Store(h));
  for (let q = 0; q < G; q++) body.push(...add(o(q), i32Const(32)));
  body.push(...add(X, localGet(PS)));
  body.push(...countDown(P));
  body.push(...add(SRC, i32Const(32 * G)), ...add(DST, [...localGet(DS), ...i32Const(G), I32_MUL]));
  body.push(...countDown(S));
  body.push(END);
  return [...vec([[3 + G, I32]]), ...body];
}

/** The module bytes: imports env.mem (min 1 page), exports panel, packRows, packCols. */
export function assembleProductModule(): Uint8Array<ArrayBuffer> {
  const i32s = (n: number): number[][] => new Array<number[]>(n).fill([I32]);
  const funcs = [panelBody(), packRowsBody(), packColsBody(8), packColsBody(1)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec(i32s(8)), 0], [0x60, ...vec(i32s(5)), 0]])), // (i32 ×8) → (), (i32 ×5) → ()
    ...section(2, vec([[...name('env'), ...name('mem'), 0x02, 0x00, 1]])), // import memory, min 1 page
    ...section(3, vec([[0], [1], [1], [1]])),
    ...section(7, vec([[...name('panel'), 0x00, 0], [...name('packRows'), 0x00, 1], [...name('packCols8'), 0x00, 2], [...name('packCols1'), 0x00, 3]])),
    ...section(10, vec(funcs.map((f) => [...uleb(f.length), ...f]))),
  ]);
}
