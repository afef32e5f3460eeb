// The WebAssembly text of core's elementwise tanh kernel (src/elementary/activationKernel.ts), and
// the ONE source of the f64x2 tanh instruction sequence: lowrank's RK4 stage kernel
// (packages/lowrank/scripts/networkKernelWat.mjs) imports `tanhWat` and the constants below, so
// both kernels run the same instructions. `build-activation-wasm.mjs` turns `activationKernelWat()`
// into src/elementary/activationKernelWasm.ts (test/activationKernel.test.ts checks the committed
// bytes are what it produces).
//
// tanh: the operations of core's portableTanh (src/elementary/portableTanh.ts), in the same order,
// per lane: y = 2 min(|u|, 19.1), j = round(y·256/ln2), r = y − j·ln2/256, e = e^{−r} − 1 by
// Horner to r⁵, ω = W[j] − E[j]·e, t = ω/(2 − ω), then u's sign. WebAssembly never fuses or
// reorders floating-point operations, so each lane gives portableTanh's bits.
//
// Memory layout shared by both kernels (byte offsets, 16-byte aligned):
//   0          [W[j], E[j]] = [1 − e^{−jh}, e^{−jh}] for j < TABLE_SIZE: core's PORTABLE_TANH_TABLES,
//              interleaved so one v128.load fetches both entries of a lane (written by the caller)
//   CONST_AT   the f64x2 constants of `TANH_CONSTANTS` (then any of the module's own), written by
//              the module's `init()`; CONST_BYTES reserved
//   then the caller's buffers.
//
// Why the instruction choices (lowrank measured them, V8 11.3): constants loaded once from memory
// before the loop (an f64x2.splat is re-materialised at every use); f64x2.pmin (one minpd) rather
// than f64x2.min; j from f64x2.floor and the bits of F + 2^52 (masked to 14 bits so that a NaN
// cannot index outside memory) rather than a saturating conversion; the sign or-ed in from u
// rather than a select (u = ±0 gives ±0, NaN stays NaN).

// The constants of core's portableTanh (PORTABLE_TANH_TABLES: stepsPerOctave, h, invH, saturation,
// E.length), repeated here so the generator runs without a build; test/activationKernel.test.ts
// (and lowrank's test/networkWasm.test.ts) check that they are the same doubles.
export const STEPS_PER_OCTAVE = 256;
export const LN2_OVER_STEPS = Math.LN2 / STEPS_PER_OCTAVE;
export const STEPS_OVER_LN2 = STEPS_PER_OCTAVE / Math.LN2;
export const TANH_SATURATION = 19.1;
export const TABLE_SIZE = Math.ceil(2 * TANH_SATURATION * STEPS_OVER_LN2) + 2;
/** Where the kernels' constants go (after the interleaved tables), and the bytes reserved for them. */
export const CONST_AT = 16 * TABLE_SIZE;
export const CONST_BYTES = 256;
const TWO52 = 4503599627370496;
/** The f64x2 constants of `tanhWat`, in memory order; `mask` and `sign` are i64x2 bit masks. */
export const TANH_CONSTANTS = [2, TANH_SATURATION, STEPS_OVER_LN2, 0.5, LN2_OVER_STEPS, -1, -1 / 6, 1 / 24, -1 / 120, TWO52, 'mask', 'sign'];
if (16 * TANH_CONSTANTS.length > CONST_BYTES) throw new Error('the kernel constants do not fit in CONST_BYTES');
/** The local that holds constant x inside a function (declared and loaded by `constantLocalsWat`). */
export const constantLocal = (x) => `$C${TANH_CONSTANTS.indexOf(x)}`;

const num = (v) => (Object.is(v, -0) ? '-0' : v.toString()); // shortest round-trip decimal: the exact double
const g = (n) => `(local.get $${n})`;
const s = (x) => `(f64.const ${num(x)})`;
/** a constant of the loop: the local that holds it (loaded from memory before the loop) */
const v = (x) => {
  if (!TANH_CONSTANTS.includes(x)) throw new Error(`constant ${x} is not in TANH_CONSTANTS`);
  return `(local.get ${constantLocal(x)})`;
};
/** The v128.const operand of constant x. */
export const constantBits = (x) => (x === 'mask' ? 'i64x2 0x3fff 0x3fff' : x === 'sign' ? 'i64x2 0x8000000000000000 0x8000000000000000' : `f64x2 ${num(x)} ${num(x)}`);
/** `init()`'s stores of the constants at CONST_AT. */
export const constantStoresWat = (indent) => TANH_CONSTANTS.map((x, k) => `(v128.store (i32.const ${CONST_AT + 16 * k}) (v128.const ${constantBits(x)}))`).join(`\n${indent}`);
/** The declarations of the constants' locals, and their loads (put them before the loop). */
export const constantLocalsWat = (indent) => `${TANH_CONSTANTS.map((x) => `(local ${constantLocal(x)} v128)`).join(' ')}
${indent}${TANH_CONSTANTS.map((x, k) => `(local.set ${constantLocal(x)} (v128.load (i32.const ${CONST_AT + 16 * k})))`).join(`\n${indent}`)}`;

/**
 * portableTanh of $u into $t; `V` selects the f64x2 form (two lanes: $U → $T, v128 locals $Y $R $J
 * $E $Q0 $Q1 $O $T and the constants' locals) or the f64 form ($u → $t, f64 locals $y $r $e $o $t,
 * i32 $j0).
 */
export function tanhWat(V) {
  const T = V ? 'f64x2' : 'f64';
  const c = V ? v : s;
  const head = `
        (local.set $${V ? 'Y' : 'y'} (${T}.mul ${c(2)} (${T}.min (${T}.abs ${g(V ? 'U' : 'u')}) ${c(TANH_SATURATION)})))`;
  const poly = (r) => `(${T}.mul ${g(r)} (${T}.add ${c(-1)} (${T}.mul ${g(r)} (${T}.add ${c(0.5)} (${T}.mul ${g(r)} (${T}.add ${c(-1 / 6)} (${T}.mul ${g(r)} (${T}.add ${c(1 / 24)} (${T}.mul ${g(r)} ${c(-1 / 120)})))))))))`;
  if (V) {
    // y = 2 min(|u|, 19.1) (pmin: one minpd), F = floor(256 y/ln2 + 1/2) = j as a double,
    // j's bits from F + 2^52 (masked: a NaN keeps its index inside the tables), ×16 for the
    // interleaved table; r = y − F·ln2/256; ω = W[j] − E[j]·(e^{−r} − 1);
    // t = ω/(2 − ω) ≥ 0, then u's sign or-ed in (tanh(±0) = ±0, NaN stays NaN).
    return `
        (local.set $Y (f64x2.mul ${v(2)} (f64x2.pmin (f64x2.abs ${g('U')}) ${v(TANH_SATURATION)})))
        (local.set $R (f64x2.floor (f64x2.add (f64x2.mul ${g('Y')} ${v(STEPS_OVER_LN2)}) ${v(0.5)})))
        (local.set $J (i64x2.shl (v128.and (f64x2.add ${g('R')} ${v(TWO52)}) ${v('mask')}) (i32.const 4)))
        (local.set $R (f64x2.sub ${g('Y')} (f64x2.mul ${g('R')} ${v(LN2_OVER_STEPS)})))
        (local.set $E ${poly('R')})
        (local.set $Q0 (v128.load (i32x4.extract_lane 0 ${g('J')})))
        (local.set $Q1 (v128.load (i32x4.extract_lane 2 ${g('J')})))
        (local.set $O (f64x2.sub
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 ${g('Q0')} ${g('Q1')})
          (f64x2.mul (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 ${g('Q0')} ${g('Q1')}) ${g('E')})))
        (local.set $T (f64x2.div ${g('O')} (f64x2.sub ${v(2)} ${g('O')})))
        (local.set $T (v128.or ${g('T')} (v128.and ${g('U')} ${v('sign')})))`;
  }
  return `${head}
        (local.set $j0 (i32.trunc_sat_f64_s (f64.add (f64.mul ${g('y')} ${s(STEPS_OVER_LN2)}) ${s(0.5)})))
        (local.set $r (f64.sub ${g('y')} (f64.mul (f64.convert_i32_s ${g('j0')}) ${s(LN2_OVER_STEPS)})))
        (local.set $e ${poly('r')})
        (local.set $j0 (i32.shl ${g('j0')} (i32.const 4)))
        (local.set $o (f64.sub (f64.load ${g('j0')}) (f64.mul (f64.load offset=8 ${g('j0')}) ${g('e')})))
        (local.set $t (f64.div ${g('o')} (f64.sub ${s(2)} ${g('o')})))
        (local.set $t (select (f64.neg ${g('t')}) ${g('t')} (f64.lt ${g('u')} ${s(0)})))
        (local.set $t (select ${g('u')} ${g('t')} (i32.or (f64.eq ${g('t')} ${s(0)}) (f64.ne ${g('t')} ${g('t')}))))`;
}

/** Core's own constant after TANH_CONSTANTS: 1 (for 1 − t²). */
const ONE_AT = CONST_AT + 16 * TANH_CONSTANTS.length;
if (ONE_AT + 16 > CONST_AT + CONST_BYTES) throw new Error('the kernel constants do not fit in CONST_BYTES');

/**
 * One elementwise function over `pairs` pairs of doubles (byte offsets $a, $b, pairs ≥ 0): the pair
 * at $a goes through tanh, `store` says what is written at $b.
 */
function elementwise(name, store) {
  return `
  (func $${name} (param $a i32) (param $b i32) (param $pairs i32)
    (local $U v128) (local $Y v128) (local $J v128) (local $R v128) (local $E v128) (local $O v128) (local $T v128)
    (local $Q0 v128) (local $Q1 v128) (local $one v128)
    ${constantLocalsWat('    ')}
    (local.set $one (v128.load (i32.const ${ONE_AT})))
    (block $done
      (loop $pair
        (br_if $done (i32.eqz ${g('pairs')}))
        (local.set $U (v128.load ${g('a')}))${tanhWat(true)}
        (v128.store ${g('b')} ${store})
        (local.set $a (i32.add ${g('a')} (i32.const 16)))
        (local.set $b (i32.add ${g('b')} (i32.const 16)))
        (local.set $pairs (i32.sub ${g('pairs')} (i32.const 1)))
        (br $pair)))
  )`;
}

/** 1 − t·t, the bits of core's tanh.df */
const DF = `(f64x2.sub ${g('one')} (f64x2.mul ${g('T')} ${g('T')}))`;

/**
 * Core's activation kernel: tanh(a, b, pairs) writes tanh a into b; tanhDf(a, b, pairs) writes
 * 1 − tanh²a into b; tanhScale(a, b, pairs) multiplies b by 1 − tanh²a (d·φ'(h), as `d * df(h)`).
 * `init()` writes the constants (the caller writes the tables). Pointers are byte offsets.
 */
export function activationKernelWat() {
  return `;; generated by packages/core/scripts/activationKernelWat.mjs — do not edit
(module
  (import "env" "memory" (memory 1 65536))
  ;; init(): writes the constants at CONST_AT = ${CONST_AT}
  (func $init
    ${constantStoresWat('    ')}
    (v128.store (i32.const ${ONE_AT}) (v128.const f64x2 1 1)))
${elementwise('tanh', g('T'))}
${elementwise('tanhDf', DF)}
${elementwise('tanhScale', `(f64x2.mul (v128.load ${g('b')}) ${DF})`)}
  (export "init" (func $init))
  (export "tanh" (func $tanh)) (export "tanhDf" (func $tanhDf)) (export "tanhScale" (func $tanhScale))
)
`;
}
