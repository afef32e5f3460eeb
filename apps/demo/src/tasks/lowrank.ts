// Worker tasks of the lowrank page (Gatsby Q2): the full network against the mean field, and the
// finite-size sweep (network − mean field vs n over several seeds). Also the page's φ choices,
// shared by the page (main thread) and the worker (a function cannot cross threads: φ travels
// by name and shift).
import { activations, createRng, defineActivation, type Activation } from '@neurobridge/core';
import { createNetworkPool, fixedPoints, limitCycles, sampleNetwork, simulateMeanField, simulateNetwork, spectralNorm, stateWithOverlaps, type LowRankNetwork, type SimulateNetworkOptions } from '@neurobridge/lowrank';

export type PhiName = 'tanh' | 'erf' | 'sigmoid' | 'sigshift';
export const PHI_NAMES: readonly PhiName[] = ['tanh', 'erf', 'sigmoid', 'sigshift'];

/** slope of the shifted sigmoid φ(x) = σ(G(x − b)) − σ(−G b): φ'(b) = G/4 = 1 */
const G = 4;
const sig = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const shifted = new Map<number, Activation>();

/** The activation by name: core's own objects for the built-ins (lowrank recognises them for its bounds). */
export function makePhi(name: PhiName, b: number): Activation {
  if (name !== 'sigshift') return activations[name];
  let phi = shifted.get(b);
  if (!phi) {
    const s0 = sig(-G * b);
    phi = defineActivation({
      name: `σ(4(x − ${b})) − σ(−4·${b})`,
      f: (x) => sig(G * (x - b)) - s0,
      df: (x) => { const s = sig(G * (x - b)), r = sig(-G * (x - b)); return G * s * r; },
      d2f: (x) => { const s = sig(G * (x - b)), r = sig(-G * (x - b)); return G * G * s * r * (r - s); },
    });
    shifted.set(b, phi);
  }
  return phi;
}

/** sup |φ − c| (Stein's bound on the fixed-point amplitudes); the shifted sigmoid spans an interval of length 1. */
export const phiBound = (name: PhiName) => (name === 'sigmoid' || name === 'sigshift' ? 0.5 : 1);

/** ⟨ξξ⟩ = s²: s = 1 (Eq. 3) when ‖C‖₂ ≤ 1, else s = ‖C‖₂, the smallest scale for which the Gaussian exists. */
export const xiScaleFor = (norm: number) => (norm > 1 ? norm : 1);

export interface LowrankArgs {
  C: number[][];
  phi: PhiName;
  b: number;
  n: number;
  seed: number;
  m0: number[];
  /** also run the finite-size sweep (it does not depend on n) */
  sweep: boolean;
  /** threads for the network run: 2 when the page is cross-origin isolated (lowrank's pool, built-in φ only), else 1 */
  threads?: number;
}

export const NET_DURATION = 30, NET_DT = 0.05, NET_SAMPLE = 0.25;
export const SWEEP_NS = [500, 707, 1000, 1414, 2000, 2828, 4000, 5657, 8000], SWEEP_SEEDS = 4, SWEEP_DURATION = 10;

/** RMS over the common samples of |m_net(t) − m_mf(t)|₂ */
function rmsError(a: Float64Array[], b: Float64Array[]): number {
  let e = 0;
  const S = Math.min(a.length, b.length);
  for (let s = 0; s < S; s++) for (let k = 0; k < a[s].length; k++) e += (a[s][k] - b[s][k]) ** 2;
  return Math.sqrt(e / S);
}

/** component μ of a list of overlap vectors */
const column = (m: Float64Array[], mu: number) => Float64Array.from(m, (v) => v[mu]);

export const lowrankTasks = {
  /** Fixed points (with stability) and rotating circles of the mean field, Eq. (10). */
  'lowrank.fixed'(a: { C: number[][]; phi: PhiName; b: number }) {
    const t0 = performance.now(), phi = makePhi(a.phi, a.b);
    // lowrank knows the amplitude bound of its own φ; for the shifted sigmoid, Stein's |f(a)| ≤ B√(2/π)/a with |λ| ≤ ‖C‖₂
    const opts = a.phi === 'sigshift' ? { maxAmplitude: Math.max(1e-3, 1.02 * spectralNorm(a.C) * phiBound(a.phi) * Math.sqrt(2 / Math.PI)) } : undefined;
    const fp = fixedPoints(a.C, phi, opts);
    const cycles = limitCycles(a.C, phi, opts).cycles;
    return { fp, cycles, ms: performance.now() - t0 };
  },

  /** One network of n neurons against the mean field from m0; optionally the error-vs-n sweep. */
  async 'lowrank.network'(a: LowrankArgs, progress: (f: number) => void) {
    const phi = makePhi(a.phi, a.b), p = a.C.length;
    const s = xiScaleFor(spectralNorm(a.C));
    const t0 = performance.now();
    const net = sampleNetwork({ n: a.n, C: a.C, rng: createRng(`lowrank/${a.seed}`), xiScale: s });
    const r = await runNetwork(net, phi, stateWithOverlaps(net, a.m0), { duration: NET_DURATION, dt: NET_DT, sampleDt: NET_SAMPLE, components: [] }, a.phi !== 'sigshift' ? a.threads ?? 1 : 1);
    const mf = simulateMeanField(a.C, phi, a.m0, { duration: NET_DURATION, sampleDt: NET_SAMPLE, rtol: 1e-9, atol: 1e-11 });
    const networkMs = performance.now() - t0;
    progress(a.sweep ? 0.2 : 1);
    let sweep: { n: number[]; err: number[]; slope: number; c: number; ms: number } | null = null;
    if (a.sweep) {
      const t1 = performance.now();
      const ref = simulateMeanField(a.C, phi, a.m0, { duration: SWEEP_DURATION, sampleDt: NET_SAMPLE, rtol: 1e-9, atol: 1e-11 });
      const total = SWEEP_NS.reduce((x, y) => x + y, 0) * SWEEP_SEEDS;
      let done = 0;
      const err = SWEEP_NS.map((n) => {
        let sq = 0;
        for (let k = 0; k < SWEEP_SEEDS; k++) {
          const nk = sampleNetwork({ n, C: a.C, rng: createRng(`lowrank/${a.seed}/sweep/${n}/${k}`), xiScale: s });
          const rk = simulateNetwork(nk, phi, stateWithOverlaps(nk, a.m0), { duration: SWEEP_DURATION, dt: NET_DT, sampleDt: NET_SAMPLE, components: [] });
          sq += rmsError(rk.m, ref.m) ** 2; // RMS over seeds of the RMS over time
          done += n;
          progress(0.2 + (0.8 * done) / total);
        }
        return Math.sqrt(sq / SWEEP_SEEDS);
      });
      // least-squares slope of log err vs log n
      const xs = SWEEP_NS.map(Math.log), ys = err.map(Math.log), mx = xs.reduce((u, v) => u + v) / xs.length, my = ys.reduce((u, v) => u + v) / ys.length;
      const slope = xs.reduce((u, x, i) => u + (x - mx) * (ys[i] - my), 0) / xs.reduce((u, x) => u + (x - mx) ** 2, 0);
      // the n^(−1/2) law through the points (least squares in log space with the slope fixed)
      const c = Math.exp(SWEEP_NS.reduce((u, n, i) => u + Math.log(err[i]) + 0.5 * Math.log(n), 0) / SWEEP_NS.length);
      sweep = { n: SWEEP_NS, err, slope, c, ms: performance.now() - t1 };
    }
    return {
      p, xiScale: s, status: r.status, message: r.message, t: r.t, threads: r.threads,
      mNet: Array.from({ length: p }, (_, mu) => column(r.m, mu)),
      mMf: Array.from({ length: p }, (_, mu) => column(mf.m, mu)),
      error: rmsError(r.m, mf.m), networkMs, sweep,
    };
  },
};

export type LowrankResult = Awaited<ReturnType<(typeof lowrankTasks)['lowrank.network']>>;

/**
 * The network run, on lowrank's thread pool when threads > 1 (the page is cross-origin isolated,
 * so shared memory exists; the pool gives the same bits as one thread), else on this worker.
 */
async function runNetwork(net: LowRankNetwork, phi: Activation, x0: Float64Array, o: SimulateNetworkOptions, threads: number) {
  if (threads > 1 && typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated) {
    const pool = createNetworkPool({ threads });
    try {
      return { ...(await pool.simulateNetwork(net, phi, x0, o)), threads };
    } finally {
      await pool.close();
    }
  }
  return { ...simulateNetwork(net, phi, x0, o), threads: 1 };
}
export type FixedResult = ReturnType<(typeof lowrankTasks)['lowrank.fixed']>;
