// The WebAssembly text of lowrank's rank-2, φ = tanh RK4 stage kernel (networkKernels.ts explains
// the stages). Generated rather than hand-written because the four stages share everything but
// their few lines; `build-network-wasm.mjs` turns it into src/networkKernelWasm.ts.
//
// Memory layout (byte offsets, all 8-byte aligned), set up by src/networkWasm.ts:
//   0                 POW2[j]            = 2^{−j/256}          (TABLE_SIZE doubles; fastTanh.ts)
//   8·TABLE_SIZE      ONE_MINUS_POW2[j]  = 1 − 2^{−j/256}
//   then the caller's W (pairs of neurons: [η0_i, η0_{i+1}, η1_i, η1_{i+1}, ξ0_i, ξ0_{i+1}, ξ1_i, ξ1_{i+1}]),
//   x, acc, s (n doubles each) and the block partials (2 per block of 1024 neurons).
//
// stageK(i0, i1, W, X, A, S, P, a0, a1, h): RK4 stage K over neurons [i0, i1), i0 a multiple of 1024.
// Two neurons per f64x2; each lane does exactly the scalar operations of `fastTanh` and of the JS
// stage loop, in the same order (WebAssembly never fuses or reorders floating-point operations),
// so the lanes give the bits of the JS kernel. Per block the sums Σ ξ_i y_i are kept per parity
// (lane 0: even i, lane 1: odd i) and the block's partial is even + odd — the order the JS kernel
// uses too. An odd last neuron (even parity) goes through the scalar copy of the same operations.

export const STEPS_PER_OCTAVE = 256;
export const LN2_OVER_STEPS = Math.LN2 / STEPS_PER_OCTAVE;
export const STEPS_OVER_LN2 = STEPS_PER_OCTAVE / Math.LN2;
export const TANH_SATURATION = 19.1;
export const TABLE_SIZE = Math.ceil(2 * TANH_SATURATION * STEPS_OVER_LN2) + 2;
export const BLOCK = 1024;

const OM = 8 * TABLE_SIZE;
const num = (v) => (Object.is(v, -0) ? '-0' : v.toString()); // shortest round-trip decimal: the exact double
const g = (n) => `(local.get $${n})`;
const s = (x) => `(f64.const ${num(x)})`;
const v = (x) => `(f64x2.splat (f64.const ${num(x)}))`;

/** fastTanh of $u into $t; `V` selects the f64x2 (two lanes) or the f64 form. */
function tanh(V) {
  const T = V ? 'f64x2' : 'f64';
  const c = V ? v : s;
  const head = `
        (local.set $${V ? 'Y' : 'y'} (${T}.mul ${c(2)} (${T}.min (${T}.abs ${g(V ? 'U' : 'u')}) ${c(TANH_SATURATION)})))`;
  const poly = (r) => `(${T}.mul ${g(r)} (${T}.add ${c(-1)} (${T}.mul ${g(r)} (${T}.add ${c(0.5)} (${T}.mul ${g(r)} (${T}.add ${c(-1 / 6)} (${T}.mul ${g(r)} (${T}.add ${c(1 / 24)} (${T}.mul ${g(r)} ${c(-1 / 120)})))))))))`;
  if (V) {
    return `${head}
        (local.set $J (i32x4.trunc_sat_f64x2_s_zero (f64x2.add (f64x2.mul ${g('Y')} ${v(STEPS_OVER_LN2)}) ${v(0.5)})))
        (local.set $R (f64x2.sub ${g('Y')} (f64x2.mul (f64x2.convert_low_i32x4_s ${g('J')}) ${v(LN2_OVER_STEPS)})))
        (local.set $E ${poly('R')})
        (local.set $J (i32x4.shl ${g('J')} (i32.const 3)))
        (local.set $j0 (i32x4.extract_lane 0 ${g('J')}))
        (local.set $j1 (i32x4.extract_lane 1 ${g('J')}))
        (local.set $O (f64x2.sub
          (f64x2.replace_lane 1 (f64x2.splat (f64.load offset=${OM} ${g('j0')})) (f64.load offset=${OM} ${g('j1')}))
          (f64x2.mul (f64x2.replace_lane 1 (f64x2.splat (f64.load ${g('j0')})) (f64.load ${g('j1')})) ${g('E')})))
        (local.set $T (f64x2.div ${g('O')} (f64x2.sub ${v(2)} ${g('O')})))
        (local.set $T (v128.bitselect (f64x2.neg ${g('T')}) ${g('T')} (f64x2.lt ${g('U')} ${v(0)})))
        (local.set $T (v128.bitselect ${g('U')} ${g('T')} (v128.or (f64x2.eq ${g('T')} ${v(0)}) (f64x2.ne ${g('T')} ${g('T')}))))`;
  }
  return `${head}
        (local.set $j0 (i32.trunc_sat_f64_s (f64.add (f64.mul ${g('y')} ${s(STEPS_OVER_LN2)}) ${s(0.5)})))
        (local.set $r (f64.sub ${g('y')} (f64.mul (f64.convert_i32_s ${g('j0')}) ${s(LN2_OVER_STEPS)})))
        (local.set $e ${poly('r')})
        (local.set $j0 (i32.shl ${g('j0')} (i32.const 3)))
        (local.set $o (f64.sub (f64.load offset=${OM} ${g('j0')}) (f64.mul (f64.load ${g('j0')}) ${g('e')})))
        (local.set $t (f64.div ${g('o')} (f64.sub ${s(2)} ${g('o')})))
        (local.set $t (select (f64.neg ${g('t')}) ${g('t')} (f64.lt ${g('u')} ${s(0)})))
        (local.set $t (select ${g('u')} ${g('t')} (i32.or (f64.eq ${g('t')} ${s(0)}) (f64.ne ${g('t')} ${g('t')}))))`;
}

/** The stage-K update of one pair (V) or one neuron; leaves the new stage state in $Y2/$y2. */
function body(K, V) {
  const T = V ? 'f64x2' : 'f64';
  const L = V ? 'v128' : 'f64';
  const two = V ? v(2) : s(2);
  const [U, T_, XV, K1, KK, YY, H2, H, H6] = V ? ['U', 'T', 'XV', 'K1', 'KK', 'Y2', 'H2v', 'Hv', 'H6v'] : ['u', 't', 'xv', 'k1', 'kk', 'y2', 'h2', 'h', 'h6'];
  // η loads: pair layout, lane 0 = even neuron; the scalar tail reads lane 0 of its pair
  const u = `(local.set $${U} (${T}.add (${T}.mul (${L}.load ${g('pw')}) ${g(V ? 'A0' : 'a0')}) (${T}.mul (${L}.load offset=16 ${g('pw')}) ${g(V ? 'A1' : 'a1')})))`;
  const load = (p) => `(${L}.load ${g(p)})`;
  const store = (p, x) => `(${L}.store ${g(p)} ${x})`;
  const set = (n, x) => `(local.set $${n} ${x})`;
  const lines = [];
  if (K === 0) {
    lines.push(set(XV, load('px')), u, tanh(V), set(KK, `(${T}.sub ${g(T_)} ${g(XV)})`), store('pa', g(KK)),
      set(YY, `(${T}.add ${g(XV)} (${T}.mul ${g(H2)} ${g(KK)}))`));
  } else if (K === 1) {
    lines.push(set(XV, load('px')), set(K1, load('pa')), u, tanh(V),
      set(KK, `(${T}.sub ${g(T_)} (${T}.add ${g(XV)} (${T}.mul ${g(H2)} ${g(K1)})))`),
      store('pa', `(${T}.add ${g(K1)} (${T}.mul ${two} ${g(KK)}))`),
      set(YY, `(${T}.add ${g(XV)} (${T}.mul ${g(H2)} ${g(KK)}))`), store('ps', g(YY)));
  } else if (K === 2) {
    lines.push(u, tanh(V), set(KK, `(${T}.sub ${g(T_)} ${load('ps')})`),
      store('pa', `(${T}.add ${load('pa')} (${T}.mul ${two} ${g(KK)}))`),
      set(YY, `(${T}.add ${load('px')} (${T}.mul ${g(H)} ${g(KK)}))`), store('ps', g(YY)));
  } else {
    lines.push(u, tanh(V), set(KK, `(${T}.sub ${g(T_)} ${load('ps')})`),
      set(YY, `(${T}.add ${load('px')} (${T}.mul ${g(H6)} (${T}.add ${load('pa')} ${g(KK)})))`), store('px', g(YY)));
  }
  return lines.join('\n        ');
}

function stage(K) {
  return `
  (func $stage${K} (param $i0 i32) (param $i1 i32) (param $W i32) (param $X i32) (param $A i32) (param $S i32) (param $P i32)
      (param $a0 f64) (param $a1 f64) (param $h f64)
    (local $lo i32) (local $hi i32) (local $px i32) (local $pa i32) (local $ps i32) (local $pw i32) (local $pairs i32) (local $pp i32)
    (local $j0 i32) (local $j1 i32)
    (local $h2 f64) (local $h6 f64) (local $u f64) (local $y f64) (local $r f64) (local $e f64) (local $o f64) (local $t f64)
    (local $xv f64) (local $k1 f64) (local $kk f64) (local $y2 f64)
    (local $A0 v128) (local $A1 v128) (local $H2v v128) (local $Hv v128) (local $H6v v128) (local $B0 v128) (local $B1 v128)
    (local $U v128) (local $Y v128) (local $J v128) (local $R v128) (local $E v128) (local $O v128) (local $T v128)
    (local $XV v128) (local $K1 v128) (local $KK v128) (local $Y2 v128)
    (local.set $h2 (f64.mul (f64.const 0.5) ${g('h')}))
    (local.set $h6 (f64.div ${g('h')} (f64.const 6)))
    (local.set $A0 (f64x2.splat ${g('a0')}))
    (local.set $A1 (f64x2.splat ${g('a1')}))
    (local.set $H2v (f64x2.splat ${g('h2')}))
    (local.set $Hv (f64x2.splat ${g('h')}))
    (local.set $H6v (f64x2.splat ${g('h6')}))
    (local.set $lo ${g('i0')})
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_s ${g('lo')} ${g('i1')}))
        (local.set $hi (select (i32.add ${g('lo')} (i32.const ${BLOCK})) ${g('i1')} (i32.lt_s (i32.add ${g('lo')} (i32.const ${BLOCK})) ${g('i1')})))
        (local.set $B0 ${v(0)})
        (local.set $B1 ${v(0)})
        (local.set $px (i32.add ${g('X')} (i32.shl ${g('lo')} (i32.const 3))))
        (local.set $pa (i32.add ${g('A')} (i32.shl ${g('lo')} (i32.const 3))))
        (local.set $ps (i32.add ${g('S')} (i32.shl ${g('lo')} (i32.const 3))))
        (local.set $pw (i32.add ${g('W')} (i32.shl ${g('lo')} (i32.const 5))))
        (local.set $pairs (i32.shr_u (i32.sub ${g('hi')} ${g('lo')}) (i32.const 1)))
        (block $pairs_done
          (loop $pair
            (br_if $pairs_done (i32.eqz ${g('pairs')}))
        ${body(K, true)}
            (local.set $B0 (f64x2.add ${g('B0')} (f64x2.mul (v128.load offset=32 ${g('pw')}) ${g('Y2')})))
            (local.set $B1 (f64x2.add ${g('B1')} (f64x2.mul (v128.load offset=48 ${g('pw')}) ${g('Y2')})))
            (local.set $px (i32.add ${g('px')} (i32.const 16)))
            (local.set $pa (i32.add ${g('pa')} (i32.const 16)))
            (local.set $ps (i32.add ${g('ps')} (i32.const 16)))
            (local.set $pw (i32.add ${g('pw')} (i32.const 64)))
            (local.set $pairs (i32.sub ${g('pairs')} (i32.const 1)))
            (br $pair)))
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
${[0, 1, 2, 3].map(stage).join('\n')}
  (export "stage0" (func $stage0)) (export "stage1" (func $stage1)) (export "stage2" (func $stage2)) (export "stage3" (func $stage3))
)
`;
}
