// Worker tasks of the neuron page: the sweeps and the regime (classify may simulate for long).
import { classify, findBursts, isiVsTauK, simulate, spikeCountVsDg, spikeTime } from '@neurobridge/lif';

export interface NeuronParams { tau: number; V0: number; dg: number; tauK: number; td: number }

const range = (a: number, b: number, n: number, log = false) => Array.from({ length: n }, (_, i) => (log ? a * (b / a) ** (i / (n - 1)) : a + ((b - a) * i) / (n - 1)));

export const neuronTasks = {
  /** Spike count vs Δg (Eq. (6) and simulation, τK = ∞), ISI vs τK (t* vs exact), bursts vs td, the regime. */
  'neuron.sweeps'(p: NeuronParams, progress: (f: number) => void) {
    const dgs = range(Math.max(0.005, p.dg / 5), p.dg * 5, 24, true);
    const counts = spikeCountVsDg({ ...p, tauK: Infinity, td: 0 }, dgs, { duration: 1e5 });
    progress(0.25);
    const tauKs = range(20, 5000, 16, true);
    const isi = isiVsTauK({ ...p, td: 0 }, tauKs);
    progress(0.5);
    const ts0 = spikeTime(p, 0);
    const tds = range(Math.max(1, 2 * ts0), 40 * ts0 + 200, 10);
    const bursts = tds.map((td, i) => {
      const duration = 8 * (td + p.tauK) + 100 * ts0;
      const s = simulate({ ...p, td }, { duration, maxSpikes: 200_000 }).spikes;
      const b = findBursts(s, { maxGap: Math.max(3 * ts0, 0.5 * td), duration, skip: 1 });
      progress(0.5 + (0.4 * (i + 1)) / tds.length);
      return { td, burst: b.burstDuration.mean, silence: b.silentDuration.mean };
    });
    const regime = classify(p);
    return { counts, isi, bursts, regime: { class: regime.class, reason: regime.reason } };
  },
};
