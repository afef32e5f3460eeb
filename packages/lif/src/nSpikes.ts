import { resolveParams, type LifParams } from './params.js';
import { thresholdMargin } from './spikeTime.js';

/**
 * n_spikes, Gatsby 2021 Q1 Eq. (6), for tauK = Infinity and td = 0 starting at g = 0:
 *   n_spikes = ⌈ (1/Δg) (V0 − θ)/(Δ + θ) ⌉ = ⌈ g* / Δg ⌉.
 *
 * Derivation from the dynamics: after k spikes g = kΔg, and a (k+1)-th spike happens iff
 * kΔg < g* (strictly: at g = g* the voltage reaches theta only asymptotically). So the
 * count is #{k ≥ 0 : kΔg < g*}, which is ⌈g* / Δg⌉ both when g* / Δg is an integer m
 * (k = 0..m−1, m spikes) and when it is not. Eq. (6) is right in the integer case too;
 * the solution text's "stops spiking when g > g*" (solution 3) should read g ≥ g*.
 *
 * Evaluated by that count with the same firing test the simulator uses (A(kΔg) > 0,
 * Eq. (10)), so that an exactly representable integer case agrees with simulation to the
 * last bit (for g* / Δg < 2^52). Returns 0 for V0 ≤ θ and Infinity for Δg = 0 with V0 > θ
 * (tonic firing).
 * tauK and td are ignored (the formula assumes tauK = Infinity, td = 0).
 * @category Closed forms
 */
export function nSpikes(params: LifParams): number {
  const p = resolveParams(params);
  const { V0, Delta, theta, dg } = p;
  if (!(thresholdMargin(V0, Delta, theta, 0) > 0)) return 0;
  if (dg === 0) return Infinity;
  const x = (V0 - theta) / (Delta + theta) / dg;
  // Beyond 2^52 consecutive integers are not representable, so neither is a count that
  // differs by one: return Eq. (6) as it stands (Infinity if g*/Δg overflows).
  if (!(x < 2 ** 52)) return Math.ceil(x);
  // Start from Eq. (6) and correct by the exact predicate (at most a step or two).
  let n = Math.max(1, Math.ceil(x));
  while (n > 1 && !(thresholdMargin(V0, Delta, theta, (n - 1) * dg) > 0)) n--;
  while (thresholdMargin(V0, Delta, theta, n * dg) > 0) n++;
  return n;
}
