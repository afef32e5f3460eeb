/**
 * tanh for the network hot loop: core's {@link portableTanh}, a table method about 1.5–2× faster
 * than Math.tanh in V8 on inputs of random sign, and the same bits in every engine:
 *
 *   tanh x = sign(x) · ω/(2 − ω),   ω = 1 − e^{−y},  y = 2 min(|x|, 19.1),
 *
 * with y = j·h + r, h = ln2/256, j = round(y/h), |r| ≤ h/2, and
 *
 *   ω = (1 − e^{−jh}) − e^{−jh}·(e^{−r} − 1),
 *
 * from core's tables E[j] = e^{−jh}, W[j] = 1 − e^{−jh} (PORTABLE_TANH_TABLES, correctly rounded)
 * and e^{−r} − 1 by its Taylor polynomial to r⁵. So the rank-2 tanh kernels (JavaScript and
 * WebAssembly) and every other use of core's `activations.tanh` compute the same tanh, bit for
 * bit. This file adds only the checked public wrapper and the table size the WebAssembly kernel
 * lays out its memory with (networkWasm.ts copies E and W into it, interleaved).
 *
 * Design (measured 2026-11-23, shared 2-core AMD EPYC, Node 20; scratch harness, medians of
 * alternating repetitions in one process, with lowrank's own tables of 2^{−j/256}, which differed
 * from core's by an ulp at some entries): the previous version (64 entries per octave, degree 6,
 * Math.sign, whose branch mispredicts on random signs) took 10.9 ns per call on random-sign inputs
 * held in L1, this one 9.2 ns. In the rank-2 RK4 kernel the new version was faster in 8 of 8
 * paired runs, by 5–21 % (median about 8 %): 21–24 → 19.5–21.7 ns per neuron and stage at
 * n = 10⁶; the rest of the step is memory traffic (the same loop with tanh replaced by a multiply
 * takes about 7.6 ns). Processing two neurons per iteration gave no gain. The tables hold 14 111
 * entries each (220 kB together). Accuracy against Math.tanh on the dense grid of
 * test/fastTanh.test.ts: ≤ 3.4e−16 absolute, ≤ 5e−16 relative (re-measured with core's tables).
 */

import { PORTABLE_TANH_TABLES, portableTanh, show } from '@neurobridge/core';

/** Entries of each of core's tanh tables (14 111), the length the WebAssembly kernel's memory layout reserves. */
export const TABLE_SIZE = PORTABLE_TANH_TABLES.E.length;

/** The kernels' tanh: core's portableTanh itself (one implementation; see the top of this file). */
export const fastTanh: (x: number) => number = portableTanh;

/**
 * The public fastTanh: the table-based tanh of the rank-2 tanh kernel, tanh x = sign(x)·ω/(2 − ω)
 * with ω = 1 − e^{−2|x|} from core's tables of e^{−jh}, h = ln2/256 (src/network/fastTanh.ts) —
 * bit for bit core's `portableTanh` and `activations.tanh.f`, within 3.4e−16 absolute and 5e−16
 * relative of Math.tanh. A drop-in for Math.tanh (±Infinity → ±1, NaN → NaN, as IEEE and
 * Math.tanh do) that refuses non-numbers instead of coercing them. The kernels call the unchecked
 * function.
 * @category Network
 */
export function checkedFastTanh(x: number): number {
  if (typeof x !== 'number') throw new TypeError(`x must be a number; got ${show(x)}`);
  return fastTanh(x);
}
