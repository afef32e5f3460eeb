// The WebAssembly text of lowrank's rank-2, φ = tanh RK4 stage kernel (networkKernels.ts explains
// the stages). Generated rather than hand-written because the four stages share everything but
// their few lines; `build-network-wasm.mjs` turns it into src/network/networkKernelWasm.ts.
//
// Memory layout (byte offsets, all 16-byte aligned), set up by src/network/networkWasm.ts:
//   0                 [W[j], E[j]] = [1 − e^{−jh}, e^{−jh}] for j < TABLE_SIZE: core's PORTABLE_TANH_TABLES,
//                     interleaved so one v128.load fetches both entries of a lane
//   CONST_AT          the kernel's f64x2 constants, written by the module's own `init()`
//                     (CONST_BYTES reserved; see `CONSTANTS`)
//   then the caller's W (pairs of neurons: [η0_i, η0_{i+1}, η1_i, η1_{i+1}, ξ0_i, ξ0_{i+1}, ξ1_i, ξ1_{i+1}]),
//   x, acc (n doubles each) and the block partials (2 per block of 1024 neurons).
//
// stageK(i0, i1, W, X, A, P, a0, a1, c, r): stage K of RK4 in its linear form (networkKernels.ts,
// `linearStageWeight`) over neurons [i0, i1), i0 a multiple of 1024; (a0, a1) the stage overlap,
// c = d_{K+1}, r = R (stage 3).
// Two neurons per f64x2; each lane does exactly the scalar operations of `fastTanh` and of the JS
// stage loop, in the same order (WebAssembly never fuses or reorders floating-point operations),
// so the lanes give the bits of the JS kernel. Per block the sums Σ ξ_i y_i are kept per parity
// (lane 0: even i, lane 1: odd i) and the block's partial is even + odd — the order the JS kernel
// uses too. An odd last neuron (even parity) goes through the scalar copy of the same operations.
//
// Speed (V8 11.3, Node 20; measured 2026-12-01 on a 2-core AMD EPYC with a scratch harness timing
// the four stages over n = 10⁵): the first version took 5.9 ns per neuron and stage, this one
// 3.2 ns, with the same bits. What mattered, in V8's code for the loop:
//  - constants: an f64x2.splat of a constant is re-materialised inside the loop at every use
//    (movq + vmovq + vmovddup, or pcmpeqd + shifts); loaded once from memory before the loop
//    (`CONSTANTS`, a v128.load is not moved into the loop) they stay in registers or fold into
//    the instructions as stack operands (−11 %);
//  - no select for ±0 and NaN: tanh ≥ 0 before the sign, and the sign is or-ed in from u, so
//    u = ±0 gives ±0 and NaN gives NaN without fastTanh's final `|| x` (−17 %);
//  - f64x2.pmin (one minpd) instead of f64x2.min (NaN and −0 fix-ups; |u| has no −0 and a NaN
//    passes either way) (−10 %);
//  - j = floor(256 y/ln 2 + 1/2) with f64x2.floor (roundpd) and its bits read off after adding
//    2^52, instead of i32x4.trunc_sat_f64x2_s_zero (a long saturating sequence); the same j for
//    y ≥ 0, masked to 14 bits so that a NaN cannot index outside the tables (−8 %);
//  - interleaved tables: two v128.load and two unpacks instead of four f64.load and lane inserts;
//  - two pairs per loop iteration (−3 %);
//  - RK4 in its linear form (acc only, no stage state s; fewer loads, stores and operations):
//    medians 2.8 against 3.1 ns at n = 10⁵, 2.9 against 3.3 ns at n = 10⁶ (this changes the bits, as
//    the JavaScript twin does with it).

// The tanh of both kernels, its constants and the memory layout of tables and constants come from
// core's generator (one source of the f64x2 instruction sequence; a dev-time script, not core's API).
// test/networkWasm.test.ts checks that the constants are core's portableTanh doubles.
import {
  CONST_AT, CONST_BYTES, LN2_OVER_STEPS, STEPS_OVER_LN2, STEPS_PER_OCTAVE, TABLE_SIZE, TANH_CONSTANTS as CONSTANTS, TANH_SATURATION,
  constantBits, constantLocal as cLocal, tanhWat as tanh,
} from '../../core/scripts/activationKernelWat.mjs';

export { CONST_AT, CONST_BYTES, LN2_OVER_STEPS, STEPS_OVER_LN2, STEPS_PER_OCTAVE, TABLE_SIZE, TANH_SATURATION };
export const BLOCK = 1024;

const g = (n) => `(local.get $${n})`;

/**
 * The stage-K update of one pair (V) or one neuron in the linear form of RK4 (networkKernels.ts,
 * `linearStageWeight`): stages 0–2 add c·φ into acc, stage 3 writes x = r·x + (acc + c·φ). Leaves
 * the value whose ξ-sums the stage reports in $Y2/$y2 (φ, or the new x at stage 3).
 */
function body(K, V) {
  const T = V ? 'f64x2' : 'f64';
  const L = V ? 'v128' : 'f64';
  const [U, T_, YY, CC, RR] = V ? ['U', 'T', 'Y2', 'Cv', 'Rv'] : ['u', 't', 'y2', 'c', 'rr'];
  // η loads: pair layout, lane 0 = even neuron; the scalar tail reads lane 0 of its pair
  const u = `(local.set $${U} (${T}.add (${T}.mul (${L}.load ${g('pw')}) ${g(V ? 'A0' : 'a0')}) (${T}.mul (${L}.load offset=16 ${g('pw')}) ${g(V ? 'A1' : 'a1')})))`;
  const load = (p) => `(${L}.load ${g(p)})`;
  const store = (p, x) => `(${L}.store ${g(p)} ${x})`;
  const set = (n, x) => `(local.set $${n} ${x})`;
  const cphi = `(${T}.mul ${g(CC)} ${g(T_)})`;
  if (K === 0) return [u, tanh(V), store('pa', cphi), set(YY, g(T_))].join('\n        ');
  if (K < 3) return [u, tanh(V), store('pa', `(${T}.add ${load('pa')} ${cphi})`), set(YY, g(T_))].join('\n        ');
  return [u, tanh(V), set(YY, `(${T}.add (${T}.mul ${g(RR)} ${load('px')}) (${T}.add ${load('pa')} ${cphi}))`), store('px', g(YY))].join('\n        ');
}

/** One pair of neurons: the stage update, the parity sums Σ ξ_μ y, and the pointers moved on. */
function pairStep(K) {
  return `${body(K, true)}
            (local.set $B0 (f64x2.add ${g('B0')} (f64x2.mul (v128.load offset=32 ${g('pw')}) ${g('Y2')})))
            (local.set $B1 (f64x2.add ${g('B1')} (f64x2.mul (v128.load offset=48 ${g('pw')}) ${g('Y2')})))
${K === 3 ? `            (local.set $px (i32.add ${g('px')} (i32.const 16)))\n` : ''}            (local.set $pa (i32.add ${g('pa')} (i32.const 16)))
            (local.set $pw (i32.add ${g('pw')} (i32.const 64)))`;
}

function stage(K) {
  return `
  (func $stage${K} (param $i0 i32) (param $i1 i32) (param $W i32) (param $X i32) (param $A i32) (param $P i32)
      (param $a0 f64) (param $a1 f64) (param $c f64) (param $rr f64)
    (local $lo i32) (local $hi i32) (local $px i32) (local $pa i32) (local $pw i32) (local $pairs i32) (local $pp i32)
    (local $j0 i32)
    (local $u f64) (local $y f64) (local $r f64) (local $e f64) (local $o f64) (local $t f64) (local $y2 f64)
    (local $A0 v128) (local $A1 v128) (local $Cv v128) (local $Rv v128) (local $B0 v128) (local $B1 v128)
    (local $U v128) (local $Y v128) (local $J v128) (local $R v128) (local $E v128) (local $O v128) (local $T v128)
    (local $Y2 v128) (local $Q0 v128) (local $Q1 v128)
    ${CONSTANTS.map((x) => `(local ${cLocal(x)} v128)`).join(' ')}
    ${CONSTANTS.map((x, k) => `(local.set ${cLocal(x)} (v128.load (i32.const ${CONST_AT + 16 * k})))`).join('\n    ')}
    (local.set $A0 (f64x2.splat ${g('a0')}))
    (local.set $A1 (f64x2.splat ${g('a1')}))
    (local.set $Cv (f64x2.splat ${g('c')}))
    (local.set $Rv (f64x2.splat ${g('rr')}))
    (local.set $lo ${g('i0')})
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s ${g('lo')} ${g('i1')}))
        (local.set $hi (select (i32.add ${g('lo')} (i32.const ${BLOCK})) ${g('i1')} (i32.lt_s (i32.add ${g('lo')} (i32.const ${BLOCK})) ${g('i1')})))
        (local.set $B0 (v128.const i64x2 0 0))
        (local.set $B1 (v128.const i64x2 0 0))
${K === 3 ? `        (local.set $px (i32.add ${g('X')} (i32.shl ${g('lo')} (i32.const 3))))\n` : ''}        (local.set $pa (i32.add ${g('A')} (i32.shl ${g('lo')} (i32.const 3))))
        (local.set $pw (i32.add ${g('W')} (i32.shl ${g('lo')} (i32.const 5))))
        (local.set $pairs (i32.shr_u (i32.sub ${g('hi')} ${g('lo')}) (i32.const 1)))
        ;; two pairs per iteration, then a last pair if the count is odd
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.lt_u ${g('pairs')} (i32.const 2)))
        ${pairStep(K)}
        ${pairStep(K)}
            (local.set $pairs (i32.sub ${g('pairs')} (i32.const 2)))
            (br $pair)))
        (if (i32.ne ${g('pairs')} (i32.const 0))
          (then
        ${pairStep(K)}))
        ;; an odd neuron left at the end of the block: even parity, lane 0
        (if (i32.and (i32.sub ${g('hi')} ${g('lo')}) (i32.const 1))
          (then
        ${body(K, false)}
            (local.set $B0 (f64x2.replace_lane 0 ${g('B0')} (f64.add (f64x2.extract_lane 0 ${g('B0')}) (f64.mul (f64.load offset=32 ${g('pw')}) ${g('y2')}))))
            (local.set $B1 (f64x2.replace_lane 0 ${g('B1')} (f64.add (f64x2.extract_lane 0 ${g('B1')}) (f64.mul (f64.load offset=48 ${g('pw')}) ${g('y2')}))))))
        ;; part[2·(lo/1024)] = Σ_even + Σ_odd (and the same for ξ_1)
        (local.set $pp (i32.add ${g('P')} (i32.shl (i32.shr_u ${g('lo')} (i32.const 10)) (i32.const 4))))
        (f64.store ${g('pp')} (f64.add (f64x2.extract_lane 0 ${g('B0')}) (f64x2.extract_lane 1 ${g('B0')})))
        (f64.store offset=8 ${g('pp')} (f64.add (f64x2.extract_lane 0 ${g('B1')}) (f64x2.extract_lane 1 ${g('B1')})))
        (local.set $lo (i32.add ${g('lo')} (i32.const ${BLOCK})))
        (br $blocks)))
  )`;
}

/** The module text; `shared`: import a shared memory (the thread pool), else an ordinary one. */
export function networkKernelWat(shared) {
  return `;; generated by packages/lowrank/scripts/networkKernelWat.mjs — do not edit
(module
  (import "env" "memory" (memory 1 65536${shared ? ' shared' : ''}))
  ;; init(): writes the constants of the stages at CONST_AT (once per memory, by the thread that made it)
  (func $init
    ${CONSTANTS.map((x, k) => `(v128.store (i32.const ${CONST_AT + 16 * k}) (v128.const ${constantBits(x)}))`).join('\n    ')})
${[0, 1, 2, 3].map(stage).join('\n')}
  (export "init" (func $init))
  (export "stage0" (func $stage0)) (export "stage1" (func $stage1)) (export "stage2" (func $stage2)) (export "stage3" (func $stage3))
)
`;
}
