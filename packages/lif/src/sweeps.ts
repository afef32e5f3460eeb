import { resolveParams, type LifParams } from './params.js';
import { nSpikes } from './nSpikes.js';
import { simulate } from './simulate.js';
import { spikeTime } from './spikeTime.js';
import { steadyStateIsi } from './steadyStateIsi.js';
import { tStar } from './tStar.js';

function numbers(name: string, xs: ArrayLike<number>): number[] {
  if (xs === null || typeof xs !== 'object' || typeof xs.length !== 'number') throw new TypeError(`${name} must be an array of numbers`);
  return Array.from(xs, (x, i) => {
    if (typeof x !== 'number' || Number.isNaN(x)) throw new RangeError(`${name}[${i}] must be a number; got ${x}`);
    return x;
  });
}

export interface SpikeCountPoint {
  readonly dg: number;
  /** spikes in [0, duration] by simulation from u = 0, g = 0 */
  readonly simulated: number;
  /** Eq. (6) (meaningful for tauK = Infinity, td = 0) */
  readonly predicted: number;
}

/**
 * Spike count vs Δg (Q3): simulated count over `duration` (default 10^6 ms, long enough for
 * tauK = Infinity to have stopped) next to n_spikes of Eq. (6).
 */
export function spikeCountVsDg(params: LifParams, dgs: ArrayLike<number>, options: { duration?: number } = {}): SpikeCountPoint[] {
  const p = resolveParams(params);
  const duration = options.duration ?? 1e6;
  return numbers('dgs', dgs).map((dg) => {
    const q = { ...p, dg };
    return { dg, simulated: simulate(q, { duration }).spikes.length, predicted: nSpikes(q) };
  });
}

export interface IsiPoint {
  readonly tauK: number;
  /** exact steady ISI, ms (steadyStateIsi) */
  readonly isi: number;
  /** Eq. (7), ms */
  readonly tStar: number;
  /** (t* − isi)/isi */
  readonly relError: number;
}

/** Steady ISI vs tauK for td = 0 (Q5): exact fixed point and the approximation t* of Eq. (7). */
export function isiVsTauK(params: LifParams, tauKs: ArrayLike<number>): IsiPoint[] {
  const p = resolveParams({ ...params, td: 0 });
  return numbers('tauKs', tauKs).map((tauK) => {
    const q = { ...p, tauK };
    const isi = steadyStateIsi(q);
    const ts = tStar(q);
    return { tauK, isi, tStar: ts, relError: (ts - isi) / isi };
  });
}

export interface RatePoint {
  readonly V0: number;
  /** 1000/t_s(0), Hz: no adaptation (Eq. (4) at g = 0) */
  readonly rateNoAdaptation: number;
  /** spikes per second over the second half of the run, with adaptation */
  readonly rateSimulated: number;
  /** 1000/steadyStateIsi, Hz (td = 0 only, else NaN) */
  readonly rateSteady: number;
  /** 1000/t*, Hz (Eq. (7); td = 0 only, else NaN) */
  readonly rateTStar: number;
}

/**
 * Firing rate vs V0 with and without adaptation. Rates in Hz (times are in ms).
 * `duration` (ms, default 4000) is the simulated run; the rate is counted on its second half.
 */
export function rateVsV0(params: LifParams, V0s: ArrayLike<number>, options: { duration?: number } = {}): RatePoint[] {
  const p = resolveParams(params);
  const duration = options.duration ?? 4000;
  return numbers('V0s', V0s).map((V0) => {
    const q = { ...p, V0 };
    const ts0 = spikeTime(q, 0);
    const s = simulate(q, { duration }).spikes;
    let late = 0;
    for (let i = 0; i < s.length; i++) if (s[i] >= duration / 2) late++;
    const steady = q.td === 0 ? steadyStateIsi(q) : NaN;
    const ts = q.td === 0 ? tStar(q) : NaN;
    return {
      V0,
      rateNoAdaptation: 1000 / ts0,
      rateSimulated: (1000 * late) / (duration / 2),
      rateSteady: 1000 / steady,
      rateTStar: 1000 / ts,
    };
  });
}
