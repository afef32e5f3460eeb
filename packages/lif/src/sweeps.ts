import { knownKeys, optionsObject, show, portableExpm1 } from '@neurobridge/core';
import { resolveParams, type LifParams, type ResolvedLifParams } from './params.js';
import { nSpikes } from './nSpikes.js';
import { simulate } from './simulate.js';
import { spikeTime } from './spikeTime.js';
import { steadyStatePanels, steadyStateIsi } from './steadyStateIsi.js';
import { tStar } from './tStar.js';
import { FIRST_PASSAGE_MAX_PANELS } from './firstPassage.js';
import { DEFAULT_MAX_SPIKES, DEFAULT_MAX_STEPS } from './simulateOptions.js';
import type { SimulateStatus } from './simulateTypes.js';

/**
 * Work one sweep may ask for, checked up front: 2·10^7 simulated spikes or Taylor panels in all
 * (about 4 s at the measured ~5·10^6 per second), or 10^7 panels of fixed-point search.
 */
export const SWEEP_MAX_WORK = 20_000_000;

/** The swept values as an array, each checked as params key `key` (messages name `name[i]`). */
function sweep(name: string, key: keyof ResolvedLifParams, xs: ArrayLike<number>, p: ResolvedLifParams): ResolvedLifParams[] {
  if (xs === null || typeof xs !== 'object' || typeof xs.length !== 'number') throw new TypeError(`${name} must be an array of numbers; got ${show(xs)}`);
  return Array.from(xs, (x, i) => {
    try {
      return resolveParams({ ...p, [key]: x });
    } catch (e) {
      // Same class and message as for a single value, prefixed with the element: `dgs[1]: dg must be >= 0; got -1`.
      if (e instanceof TypeError) throw new TypeError(`${name}[${i}]: ${e.message}`);
      if (e instanceof RangeError) throw new RangeError(`${name}[${i}]: ${e.message}`);
      throw e;
    }
  });
}

/** params must be an object before it is spread (a string would spread into keys 0, 1, …). */
function paramsObject(params: LifParams): LifParams {
  if (params === null || typeof params !== 'object') throw new TypeError(`params must be an object; got ${show(params)}`);
  return params;
}

/** options.duration of a simulated sweep: absent → fallback; else a finite number > 0. */
function sweepDuration(options: { duration?: number } | undefined, fallback: number): number {
  const o = knownKeys('options', optionsObject('options', options), ['duration']);
  if (o.duration === undefined) return fallback;
  if (typeof o.duration !== 'number') throw new TypeError(`options.duration must be a number; got ${show(o.duration)}`);
  if (!(o.duration > 0) || !Number.isFinite(o.duration)) throw new RangeError(`options.duration must be finite and > 0 (ms); got ${o.duration}`);
  return o.duration;
}

/**
 * Upper bound of the work of simulate(q, { duration }) from u = 0, g = 0: spikes ≤
 * duration/t_s(0) + 1 (capped at maxSpikes; n_spikes when tauK = Infinity, td = 0), and for finite tauK Taylor panels ≤
 * duration·(1 + gMax)/(3 tau) + duration/(0.2877 tauK) + 2 per spike, with
 * gMax = Δg/(1 − e^{−t_s(0)/tauK}) (every ISI ≥ t_s(0)) — see taylorPanel.ts.
 */
function simulationWork(q: ResolvedLifParams, duration: number): number {
  // simulate's own bounds (maxSpikes, maxSteps) cap any single run.
  return Math.min(DEFAULT_MAX_SPIKES * 3 + DEFAULT_MAX_STEPS, simulationWorkUncapped(q, duration));
}

function simulationWorkUncapped(q: ResolvedLifParams, duration: number): number {
  const ts0 = spikeTime(q, 0);
  let spikes = Math.min(DEFAULT_MAX_SPIKES, Math.floor(duration / ts0) + 1);
  // tauK = Infinity, td = 0: exactly n_spikes (Eq. (6)) before firing stops.
  if (q.tauK === Infinity && q.td === 0 && q.dg > 0) spikes = Math.min(spikes, nSpikes(q));
  if (q.tauK === Infinity || q.dg === 0 || !(q.V0 > q.theta)) return spikes;
  const gMax = q.dg / -portableExpm1(-ts0 / q.tauK);
  return spikes * 3 + (duration * (1 + gMax)) / (3 * q.tau) + duration / (0.2877 * q.tauK);
}

/** Throws when the summed work of a sweep exceeds SWEEP_MAX_WORK (naming the sweep and its params). */
function checkWork(fn: string, what: string, work: number, p: ResolvedLifParams): void {
  if (work > SWEEP_MAX_WORK) {
    throw new RangeError(
      `${fn}: ${what} with tau = ${p.tau} ms, V0 = ${p.V0} mV, Delta = ${p.Delta} mV, theta = ${p.theta} mV, dg = ${p.dg}, tauK = ${p.tauK} ms, td = ${p.td} ms ` +
        `asks for ~${work.toPrecision(3)} simulated spikes and panels; allowed: at most ${SWEEP_MAX_WORK} per sweep (fewer points or a shorter duration)`,
    );
  }
}

/**
 * One point of {@link spikeCountVsDg}: simulated and predicted spike counts at one Δg.
 * @category Sweeps
 */
export interface SpikeCountPoint {
  /** the conductance jump Δg of this point (dimensionless) */
  readonly dg: number;
  /** spikes in [0, duration] by simulation from u = 0, g = 0 */
  readonly simulated: number;
  /** Eq. (6) (meaningful for tauK = Infinity, td = 0) */
  readonly predicted: number;
  /** How the simulation ended: not 'success' when `simulated` counts a run cut short. */
  readonly status: SimulateStatus;
  /** simulate's reason ('' on success). */
  readonly reason: string;
}

/**
 * Spike count vs Δg (Q3): simulated count over `duration` (default 10^6 ms, long enough for
 * tauK = Infinity to have stopped) next to n_spikes of Eq. (6).
 * @category Sweeps
 */
export function spikeCountVsDg(params: LifParams, dgs: ArrayLike<number>, options: { duration?: number } = {}): SpikeCountPoint[] {
  const p = resolveParams(params);
  const duration = sweepDuration(options, 1e6);
  const qs = sweep('dgs', 'dg', dgs, p);
  checkWork('spikeCountVsDg', `${qs.length} dgs × options.duration = ${duration} ms`, qs.reduce((w, q) => w + simulationWork(q, duration), 0), p);
  return qs.map((q) => {
    const r = simulate(q, { duration });
    return { dg: q.dg, simulated: r.spikes.length, predicted: nSpikes(q), status: r.status, reason: r.reason };
  });
}

/**
 * One point of {@link isiVsTauK}: exact steady ISI and t* (Eq. (7)) at one tauK, td = 0.
 * @category Sweeps
 */
export interface IsiPoint {
  /** the conductance decay time constant tau_K of this point, ms */
  readonly tauK: number;
  /** exact steady ISI, ms (steadyStateIsi) */
  readonly isi: number;
  /** Eq. (7), ms */
  readonly tStar: number;
  /** (t* − isi)/isi */
  readonly relError: number;
}

/**
 * Steady ISI vs tauK for td = 0 (Q5): exact fixed point and the approximation t* of Eq. (7).
 * params.td is ignored (set to 0). relError is NaN where both are Infinity (no steady firing).
 * @category Sweeps
 */
export function isiVsTauK(params: LifParams, tauKs: ArrayLike<number>): IsiPoint[] {
  const p = resolveParams({ ...paramsObject(params), td: 0 });
  const qs = sweep('tauKs', 'tauK', tauKs, p);
  // steadyStateIsi refuses one search beyond FIRST_PASSAGE_MAX_PANELS; the sweep bounds their sum.
  let panels = 0;
  for (const q of qs) if (q.tauK !== Infinity && q.dg > 0 && q.V0 > q.theta) panels += Math.min(steadyStatePanels(q), FIRST_PASSAGE_MAX_PANELS);
  if (panels > FIRST_PASSAGE_MAX_PANELS) {
    throw new RangeError(
      `isiVsTauK: ${qs.length} tauKs with tau = ${p.tau} ms ask for ~${panels.toPrecision(3)} panels of fixed-point search (~(t* + tauK·dg)/(3·tau) each); allowed: at most ${FIRST_PASSAGE_MAX_PANELS} per sweep`,
    );
  }
  return qs.map((q) => {
    const tauK = q.tauK;
    const isi = steadyStateIsi(q);
    const ts = tStar(q);
    return { tauK, isi, tStar: ts, relError: (ts - isi) / isi };
  });
}

/**
 * One point of {@link rateVsV0}: firing rates (Hz) at one drive V0.
 * @category Sweeps
 */
export interface RatePoint {
  /** the drive V0 of this point, mV */
  readonly V0: number;
  /** 1000/t_s(0), Hz: no adaptation (Eq. (4) at g = 0) */
  readonly rateNoAdaptation: number;
  /** spikes per second over the second half of the run, with adaptation */
  readonly rateSimulated: number;
  /** 1000/steadyStateIsi, Hz (td = 0 only, else NaN) */
  readonly rateSteady: number;
  /** 1000/t*, Hz (Eq. (7); td = 0 only, else NaN) */
  readonly rateTStar: number;
  /** How the simulation ended: not 'success' when rateSimulated comes from a run cut short. */
  readonly status: SimulateStatus;
  /** simulate's reason ('' on success). */
  readonly reason: string;
}

/**
 * Firing rate vs V0 with and without adaptation. Rates in Hz (times are in ms).
 * `duration` (ms, default 4000) is the simulated run; the rate is counted on its second half.
 * @category Sweeps
 */
export function rateVsV0(params: LifParams, V0s: ArrayLike<number>, options: { duration?: number } = {}): RatePoint[] {
  const p = resolveParams(params);
  const duration = sweepDuration(options, 4000);
  const qs = sweep('V0s', 'V0', V0s, p);
  checkWork('rateVsV0', `${qs.length} V0s × options.duration = ${duration} ms`, qs.reduce((w, q) => w + simulationWork(q, duration), 0), p);
  return qs.map((q) => {
    const V0 = q.V0;
    const ts0 = spikeTime(q, 0);
    const r = simulate(q, { duration });
    const s = r.spikes;
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
      status: r.status,
      reason: r.reason,
    };
  });
}
