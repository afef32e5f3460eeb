/**
 * The tables of the table-method tanh (portableTanh.ts), shared with lowrank's network kernels
 * (its JavaScript kernel calls {@link portableTanh}, its WebAssembly kernel copies these tables into
 * its memory), so core's tanh activation and the network's tanh are the same bits:
 *
 *   E[j] = e^{−jh},   W[j] = 1 − e^{−jh} = −expm1(−jh),   h = ln2/256 (the double Math.LN2/256),
 *
 * for j = 0 … 14 110, both from the correctly rounded portableExp/portableExpm1 with the same double
 * argument jh, so the same bits in every JavaScript engine (Math.exp/Math.expm1 differ between
 * engines in the last bit). Built once at load (about 2 ms, 220 kB together).
 */
import { portableExp, portableExpm1 } from './portableMath.js';

/**
 * The tables and constants of {@link portableTanh}: y = 2 min(|x|, saturation), j = round(y·invH),
 * r = y − j·h, tanh|x| = ω/(2 − ω) with ω = W[j] − E[j]·(e^{−r} − 1).
 * @category Elementary functions
 */
export interface PortableTanhTables {
  /** E[j] = e^{−jh}, correctly rounded; `ceil(2·saturation·invH) + 2` entries (14 111). Read only: portableTanh uses this very array. */
  readonly E: Float64Array;
  /** W[j] = 1 − e^{−jh} = −expm1(−jh), correctly rounded; as many entries as E. Read only, as E. */
  readonly W: Float64Array;
  /** Table entries per octave of e^{−y}: 256. */
  readonly stepsPerOctave: number;
  /** h = ln2/256, the double Math.LN2 / 256 (the step of y between table entries). */
  readonly h: number;
  /** 1/h, the double 256 / Math.LN2 (picks j = round(y/h); any nearby value would do, but every copy of the algorithm must use this one). */
  readonly invH: number;
  /** |x| beyond which tanh x rounds to ±1 (1 − tanh 19.1 < 2^{−54}): 19.1. */
  readonly saturation: number;
}

const STEPS_PER_OCTAVE = 256;
const H = Math.LN2 / STEPS_PER_OCTAVE;
const INV_H = STEPS_PER_OCTAVE / Math.LN2;
const SATURATION = 19.1;
/** j = round(2·19.1/h) ≤ 14 110 (+1 spare). */
const TABLE_SIZE = Math.ceil(2 * SATURATION * INV_H) + 2;

const E = new Float64Array(TABLE_SIZE);
const W = new Float64Array(TABLE_SIZE);
for (let j = 0; j < TABLE_SIZE; j++) {
  E[j] = portableExp(-j * H);
  W[j] = -portableExpm1(-j * H);
}

/**
 * The tables of {@link portableTanh}, E[j] = e^{−jh} and W[j] = 1 − e^{−jh} with h = ln2/256,
 * correctly rounded, so the same bits in every engine; for code that must reproduce portableTanh
 * bit for bit elsewhere (lowrank's WebAssembly kernel copies them into its memory). The arrays
 * are portableTanh's own (a typed array cannot be frozen): do not write into them.
 * @category Elementary functions
 */
export const PORTABLE_TANH_TABLES: PortableTanhTables = Object.freeze({
  E,
  W,
  stepsPerOctave: STEPS_PER_OCTAVE,
  h: H,
  invH: INV_H,
  saturation: SATURATION,
});
