import { resolveParams, type LifParams } from './params.js';
import { gStar } from './gStar.js';
import { nSpikes } from './nSpikes.js';
import { spikeTime } from './spikeTime.js';
import { tStar } from './tStar.js';
import { steadyStateIsi } from './steadyStateIsi.js';
import { simulate } from './simulate.js';
import { findBursts } from './bursts.js';
import { knownKeys, optionsObject, show } from '@neurobridge/core';

/**
 * Most spikes classify counts by simulation (tauK = Infinity with a delay; simulate's default
 * maxSpikes). A neuron that fires more before adaptation stops it is refused up front.
 */
export const CLASSIFY_MAX_SPIKES = 1_000_000;
/** Spikes simulated to judge the td > 0, finite-tauK regimes. */
const REGIME_MAX_SPIKES = 2_000_000;

/**
 * Long-run firing class (see {@link classify}): 'silent' (V0 ≤ theta, no spike), 'finite'
 * (tauK = Infinity, Δg > 0: firing stops once g ≥ g*), 'tonic' (regular firing) or 'bursting'
 * (td > 0: bursts separated by silences, Q4).
 * @category Analysis
 */
export type FiringClass = 'silent' | 'finite' | 'tonic' | 'bursting';

/**
 * What {@link classify} returns: the class, why, and the numbers that go with the class.
 * @category Analysis
 */
export interface Classification {
  /** The long-run firing class. */
  readonly class: FiringClass;
  /** Why, with the numbers that decided it. */
  readonly reason: string;
  /** 'finite': the total number of spikes. */
  readonly spikes?: number;
  /** 'tonic': the steady interspike interval, ms. */
  readonly isi?: number;
  /** 'bursting': mean spikes per burst after the first cycle. */
  readonly spikesPerBurst?: number;
  /** 'bursting': mean burst period (start to start), ms, after the first cycle. */
  readonly period?: number;
}

/**
 * Options of {@link classify}; used only when the class is decided by simulation (td > 0 with
 * finite tauK).
 * @category Analysis
 */
export interface ClassifyOptions {
  /**
   * Model time simulated when the class is decided by simulation (td > 0 with finite tauK),
   * ms. @default 40·(td + tauK) + 200·t_s(0), capped at 1e7 ms
   */
  readonly duration?: number;
  /** ISI max/min ratio up to which a train counts as regular (tonic). @default 1.5 */
  readonly regularity?: number;
}

const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : String(x));

/**
 * Long-run firing class of the neuron started at u = 0, g = 0 (Gatsby 2021 Q1):
 * - 'silent': V0 ≤ θ, the equilibrium V0 is below threshold even at g = 0 (Eq. (10)).
 * - 'tonic': Δg = 0 (ISI t_s(0), Eq. (4)); or td = 0 with finite tauK — after each spike
 *   the state is (0, G) and the 1-D return map converges to its fixed point (steadyStateIsi);
 *   or td > 0 when the simulated train is regular (max/min ISI ≤ regularity) after the transient.
 * - 'finite': tauK = Infinity and Δg > 0 — g only grows and firing stops once g ≥ g*
 *   (Eq. (6) for td = 0; counted by simulation for td > 0).
 * - 'bursting': td > 0, finite tauK, and the simulated train (second half) splits into
 *   bursts of ≥ 2 spikes separated by silences (Q4). The split uses findBursts with
 *   maxGap = √(min ISI · max ISI). A train that is neither regular nor bursting is reported
 *   as 'tonic' with the ISI spread in the reason.
 * @category Analysis
 */
export function classify(params: LifParams, options: ClassifyOptions = {}): Classification {
  const p = resolveParams(params);
  const o = knownKeys('options', optionsObject('options', options), ['duration', 'regularity']);
  // Only an absent or undefined option takes its default; null or a string is a TypeError.
  if (o.duration !== undefined && typeof o.duration !== 'number') throw new TypeError(`options.duration must be a number; got ${show(o.duration)}`);
  if (o.regularity !== undefined && typeof o.regularity !== 'number') throw new TypeError(`options.regularity must be a number; got ${show(o.regularity)}`);
  if (o.duration !== undefined && !(o.duration > 0 && Number.isFinite(o.duration))) throw new RangeError(`duration must be finite and > 0 (ms); got ${o.duration}`);
  if (o.regularity !== undefined && !(o.regularity > 1)) throw new RangeError(`regularity must be > 1; got ${o.regularity}`);
  const { tau, V0, theta, dg, tauK, td } = p;
  if (!(V0 > theta)) {
    return { class: 'silent', reason: `V0 = ${fmt(V0)} <= theta = ${fmt(theta)}: the equilibrium u = V0 never reaches threshold (Eq. (10) at g = 0)` };
  }
  const ts0 = spikeTime(p, 0);
  if (dg === 0) {
    return { class: 'tonic', isi: ts0, reason: `dg = 0 (no adaptation): regular firing every t_s(0) = ${fmt(ts0)} ms (Eq. (4))` };
  }
  const gs = gStar(p);
  if (tauK === Infinity) {
    if (td === 0) {
      const n = nSpikes(p);
      return { class: 'finite', spikes: n, reason: `tauK = Infinity, td = 0: each spike adds dg = ${fmt(dg)} for good; firing stops once g >= g* = ${fmt(gs)}, after n_spikes = ${n} (Eq. (6))` };
    }
    // With a delay, spikes keep coming until the delayed jumps push g to g*: at least the
    // n_spikes of Eq. (6), and every spike until the first jump lands at t_s(0) + td.
    const atLeast = Math.max(nSpikes(p), Math.floor(td / ts0) + 1);
    if (atLeast > CLASSIFY_MAX_SPIKES) {
      throw new RangeError(
        `classify: tauK = Infinity, td = ${td} ms, dg = ${dg}: the neuron fires at least ${atLeast} spikes before adaptation stops it ` +
          `(td/t_s(0) + 1 = ${Math.floor(td / ts0) + 1}, n_spikes = ${nSpikes(p)}); allowed: at most ${CLASSIFY_MAX_SPIKES} (counted by simulation)`,
      );
    }
    let duration = td + 10 * tau + 2 * ts0 * (nSpikes(p) + 1);
    for (let i = 0; i < 60 && Number.isFinite(duration); i++) {
      const r = simulate(p, { duration, maxSpikes: CLASSIFY_MAX_SPIKES });
      const s = r.spikes;
      const settled = r.gEnd >= gs && (s.length === 0 || s[s.length - 1] + td <= duration);
      if (settled && !r.truncated) {
        return { class: 'finite', spikes: s.length, reason: `tauK = Infinity, td = ${fmt(td)} ms: g only grows; the ${s.length} spikes emitted before the delayed jumps reach g* = ${fmt(gs)} are all (simulated)` };
      }
      duration *= 2;
    }
    throw new RangeError(`classify: could not settle the spike count for tauK = Infinity, td = ${td} ms, dg = ${dg} within ${CLASSIFY_MAX_SPIKES} simulated spikes`);
  }
  if (td === 0) {
    const isi = steadyStateIsi(p);
    return { class: 'tonic', isi, reason: `td = 0, tauK = ${fmt(tauK)} ms: after each spike the state is (u = 0, g = G) and the return map G -> G e^{-T(G)/tauK} + dg settles to its fixed point: steady ISI = ${fmt(isi)} ms (Eq. (7) gives t* = ${fmt(tStar(p))} ms)` };
  }
  const duration = o.duration ?? Math.min(1e7, 40 * (td + tauK) + 200 * ts0);
  const regularity = o.regularity ?? 1.5;
  const r = simulate(p, { duration, maxSpikes: REGIME_MAX_SPIKES });
  // A run cut short (maxSpikes, maxSteps) is judged on what was simulated, and says so.
  const ran = r.truncated ? `stopped at t = ${fmt(r.tEnd)} ms of the ${fmt(duration)} ms asked (${r.reason})` : `simulated ${fmt(duration)} ms`;
  const all = r.spikes;
  const half = all.filter((t) => t >= r.tEnd / 2);
  if (half.length < 3) {
    return { class: 'tonic', isi: NaN, reason: `too few spikes in the second half of the run to judge (${half.length}; ${ran}); pass a longer duration` };
  }
  let minIsi = Infinity;
  let maxIsi = 0;
  for (let i = 1; i < half.length; i++) {
    const d = half[i] - half[i - 1];
    if (d < minIsi) minIsi = d;
    if (d > maxIsi) maxIsi = d;
  }
  if (maxIsi <= regularity * minIsi) {
    const isi = (half[half.length - 1] - half[0]) / (half.length - 1);
    return { class: 'tonic', isi, reason: `td = ${fmt(td)} ms, tauK = ${fmt(tauK)} ms: regular after the transient (${ran}; ISIs in [${fmt(minIsi)}, ${fmt(maxIsi)}] ms), mean ISI ${fmt(isi)} ms` };
  }
  const b = findBursts(half, { maxGap: Math.sqrt(minIsi * maxIsi), duration: r.tEnd, skip: 1 });
  if (b.spikesPerBurst.n >= 2 && b.spikesPerBurst.mean >= 2) {
    return {
      class: 'bursting',
      spikesPerBurst: b.spikesPerBurst.mean,
      period: b.period.mean,
      reason: `td = ${fmt(td)} ms, tauK = ${fmt(tauK)} ms: bursts of ${fmt(b.spikesPerBurst.mean)} spikes lasting ${fmt(b.burstDuration.mean)} ms, silences of ${fmt(b.silentDuration.mean)} ms, period ${fmt(b.period.mean)} ms (${ran})`,
    };
  }
  const isi = (half[half.length - 1] - half[0]) / (half.length - 1);
  return { class: 'tonic', isi, reason: `td = ${fmt(td)} ms: irregular but not bursting (ISIs in [${fmt(minIsi)}, ${fmt(maxIsi)}] ms), mean ISI ${fmt(isi)} ms` };
}
