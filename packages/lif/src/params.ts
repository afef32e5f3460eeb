import { finiteNumber, knownKeys, show } from '@neurobridge/core';

/**
 * Parameters of the adapting linear integrate-and-fire neuron of the Gatsby 2021 exam, Q1,
 * in reduced units (u = V − E_L, mV; time in ms):
 *
 *   tau du/dt = −u + V0 − g (u + Delta)                       Eq. (3)
 *   dg/dt     = dg · Σ_k δ(t − td − t_k) − g / tauK            Eq. (2)
 *
 * A spike is emitted when u reaches theta; u is then reset to 0. Delta and theta default to
 * the exam's 15 mV; {@link resolveParams} fills them in and checks every value, and
 * {@link fromPhysical} builds these parameters from E_L, E_K, V_th of Eq. (1).
 *
 * Slip in the source: it defines "u ≡ V + E_L"; the reduced equation (3), the reset to
 * E_L ↦ u = 0 and theta = V_th − E_L = 15 mV all need u ≡ V − E_L, which is what we use.
 * @category Parameters
 */
export interface LifParams {
  /** membrane time constant tau, ms (> 0) */
  readonly tau: number;
  /** drive V0, mV (any finite value; V0 ≤ theta never fires) */
  readonly V0: number;
  /** Delta = E_L − E_K, mV (Delta + theta > 0; 15 in the exam). @default 15 */
  readonly Delta?: number;
  /** threshold theta = V_th − E_L, mV (> 0). @default 15 */
  readonly theta?: number;
  /** conductance jump per spike, Δg (dimensionless, ≥ 0) */
  readonly dg: number;
  /** conductance decay time constant tau_K, ms (> 0, or Infinity: no decay) */
  readonly tauK: number;
  /** delay t_d between a spike and its conductance jump, ms (≥ 0, finite) */
  readonly td: number;
}

/**
 * {@link LifParams} with defaults filled in and every value checked, as returned by
 * {@link resolveParams} and {@link fromPhysical}. Delta + theta > 0 and g* = (V0 − theta)/(Delta +
 * theta) (Eq. (5)) is finite.
 * @category Parameters
 */
export interface ResolvedLifParams {
  /** membrane time constant tau, ms (> 0, finite) */
  readonly tau: number;
  /** drive V0, mV (finite; V0 ≤ theta never fires) */
  readonly V0: number;
  /** Delta = E_L − E_K, mV (finite, > −theta; 15 in the exam) */
  readonly Delta: number;
  /** threshold theta = V_th − E_L, mV (> 0, finite; 15 in the exam) */
  readonly theta: number;
  /** conductance jump per spike, Δg (dimensionless, ≥ 0, finite) */
  readonly dg: number;
  /** conductance decay time constant tau_K, ms (> 0, or Infinity: no decay) */
  readonly tauK: number;
  /** delay t_d between a spike and its conductance jump, ms (≥ 0, finite) */
  readonly td: number;
}

/**
 * Delta = E_L − E_K of the exam (E_L = −65 mV, E_K = −80 mV): 15 mV, the default of
 * {@link LifParams.Delta}.
 * @category Parameters
 */
export const EXAM_DELTA = 15;
/**
 * theta = V_th − E_L of the exam (V_th = −50 mV, E_L = −65 mV): 15 mV, the default of
 * {@link LifParams.theta}.
 * @category Parameters
 */
export const EXAM_THETA = 15;

/** Every key {@link LifParams} accepts (a {@link ResolvedLifParams} has the same keys). */
export const LIF_PARAM_KEYS: readonly (keyof LifParams)[] = ['tau', 'V0', 'Delta', 'theta', 'dg', 'tauK', 'td'];

/**
 * Fill in defaults and validate. Throws a TypeError for a value of the wrong kind (a string, or
 * null: only an absent or undefined Delta/theta takes the default) or an unknown key (`Theta: 20`
 * names `theta`), and a RangeError naming the parameter, its value and the allowed range otherwise.
 * @category Parameters
 */
export function resolveParams(p: LifParams): ResolvedLifParams {
  if (p === null || typeof p !== 'object') throw new TypeError(`params must be an object; got ${p === null ? 'null' : typeof p}`);
  knownKeys('params', p, LIF_PARAM_KEYS);
  const tau = finiteNumber('tau', p.tau);
  if (!(tau > 0)) throw new RangeError(`tau must be > 0 (ms); got ${tau}`);
  const V0 = finiteNumber('V0', p.V0);
  const Delta = finiteNumber('Delta', p.Delta === undefined ? EXAM_DELTA : p.Delta);
  const theta = finiteNumber('theta', p.theta === undefined ? EXAM_THETA : p.theta);
  if (!(theta > 0)) throw new RangeError(`theta must be > 0 (mV); got ${theta}`);
  if (!(Delta + theta > 0)) throw new RangeError(`Delta must be > −theta (mV) so that g* is defined; got Delta = ${Delta}, theta = ${theta}`);
  const dg = finiteNumber('dg', p.dg);
  if (!(dg >= 0)) throw new RangeError(`dg must be >= 0; got ${dg}`);
  if (typeof p.tauK !== 'number') throw new TypeError(`tauK must be a number; got ${show(p.tauK)}`);
  const tauK = p.tauK;
  if (Number.isNaN(tauK) || !(tauK > 0)) throw new RangeError(`tauK must be > 0 (ms, or Infinity); got ${tauK}`);
  const td = finiteNumber('td', p.td);
  if (!(td >= 0)) throw new RangeError(`td must be >= 0 (ms); got ${td}`);
  // Every closed form uses g* (Eq. (5)); with V0 near 1.8e308 and Delta + theta small it overflows.
  if (!Number.isFinite((V0 - theta) / (Delta + theta))) {
    throw new RangeError(`g* = (V0 − theta)/(Delta + theta) must be finite; got V0 = ${V0}, Delta = ${Delta}, theta = ${theta}`);
  }
  return { tau, V0, Delta, theta, dg, tauK, td };
}

/**
 * Parameters in physical units (mV, ms), for Eq. (1) of the exam:
 *   tau dV/dt = −(V − E_L) + V0 − g (V − E_K).
 * {@link fromPhysical} turns them into the reduced {@link LifParams} of Eq. (3).
 * @category Parameters
 */
export interface PhysicalLifParams {
  /** leak reversal E_L, mV (the reset potential). */
  readonly EL: number;
  /** potassium reversal E_K, mV. */
  readonly EK: number;
  /** spike threshold V_th, mV. */
  readonly Vth: number;
  /** drive V0, mV (Eq. (1): tau dV/dt = −(V − E_L) + V0 − g (V − E_K)). */
  readonly V0: number;
  /** membrane time constant tau, ms (> 0) */
  readonly tau: number;
  /** conductance jump per spike, Δg (dimensionless, ≥ 0) */
  readonly dg: number;
  /** conductance decay time constant tau_K, ms (> 0, or Infinity: no decay) */
  readonly tauK: number;
  /** delay t_d between a spike and its conductance jump, ms (≥ 0, finite) */
  readonly td: number;
}

/** Every key {@link PhysicalLifParams} accepts. */
export const PHYSICAL_PARAM_KEYS: readonly (keyof PhysicalLifParams)[] = ['EL', 'EK', 'Vth', 'V0', 'tau', 'dg', 'tauK', 'td'];

/**
 * Eq. (1) → Eq. (3): Delta = E_L − E_K, theta = V_th − E_L, u = V − E_L.
 * The exam's values (E_L = −65, E_K = −80, V_th = −50 mV) give Delta = theta = 15 mV.
 * Throws a RangeError naming the physical parameters when V_th ≤ E_L or E_K ≥ V_th.
 * @category Parameters
 */
export function fromPhysical(p: PhysicalLifParams): ResolvedLifParams {
  if (p === null || typeof p !== 'object') throw new TypeError(`params must be an object; got ${p === null ? 'null' : typeof p}`);
  knownKeys('params', p, PHYSICAL_PARAM_KEYS);
  const EL = finiteNumber('EL', p.EL);
  const EK = finiteNumber('EK', p.EK);
  const Vth = finiteNumber('Vth', p.Vth);
  if (!(Vth > EL)) throw new RangeError(`Vth must be > EL (mV); got Vth = ${Vth}, EL = ${EL}`);
  // Delta + theta = Vth − EK: checked here so that the message names the physical parameters.
  if (!(Vth > EK)) throw new RangeError(`EK must be < Vth (mV) so that g* is defined; got EK = ${EK}, Vth = ${Vth}`);
  if (!Number.isFinite(EL - EK)) throw new RangeError(`EL − EK must be finite (mV); got EL = ${EL}, EK = ${EK}`);
  if (!Number.isFinite(Vth - EL)) throw new RangeError(`Vth − EL must be finite (mV); got Vth = ${Vth}, EL = ${EL}`);
  return resolveParams({ tau: p.tau, V0: p.V0, Delta: EL - EK, theta: Vth - EL, dg: p.dg, tauK: p.tauK, td: p.td });
}

/**
 * Inverse of {@link fromPhysical}, given the leak reversal E_L (mV): E_K = E_L − Delta,
 * V_th = E_L + theta; tau, V0, dg, tauK and td are unchanged.
 * @category Parameters
 */
export function toPhysical(p: LifParams, EL: number): PhysicalLifParams {
  const r = resolveParams(p);
  const el = finiteNumber('EL', EL);
  if (!Number.isFinite(el - r.Delta)) throw new RangeError(`EL − Delta must be finite (mV); got EL = ${el}, Delta = ${r.Delta}`);
  if (!Number.isFinite(el + r.theta)) throw new RangeError(`EL + theta must be finite (mV); got EL = ${el}, theta = ${r.theta}`);
  return { EL: el, EK: el - r.Delta, Vth: el + r.theta, V0: r.V0, tau: r.tau, dg: r.dg, tauK: r.tauK, td: r.td };
}

/**
 * V = u + E_L, mV, elementwise (for plotting a recorded u trace as a membrane potential).
 * Writes into `out` when given (length ≥ u.length), else into a new Float64Array.
 * @category Parameters
 */
export function membranePotential(u: ArrayLike<number>, EL: number, out?: Float64Array): Float64Array {
  const el = finiteNumber('EL', EL);
  if (u === null || typeof u !== 'object' || typeof u.length !== 'number') throw new TypeError(`u must be an array-like of finite numbers; got ${show(u)}`);
  if (out !== undefined && !(out instanceof Float64Array)) throw new TypeError(`out must be a Float64Array; got ${show(out)}`);
  const v = out ?? new Float64Array(u.length);
  if (v.length < u.length) throw new RangeError(`out must have length >= ${u.length}; got ${v.length}`);
  for (let i = 0; i < u.length; i++) {
    const x = finiteNumber(`u[${i}]`, u[i]);
    const V = x + el;
    if (!Number.isFinite(V)) throw new RangeError(`u[${i}] + EL must be finite (mV); got u[${i}] = ${x}, EL = ${el}`);
    v[i] = V;
  }
  return v;
}
