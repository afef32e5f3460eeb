// The root README's example for @neurobridge/lif. Run after `pnpm build`: node examples/tour.mjs
import { simulate, spikeTime, gStar, nSpikes, steadyStateIsi, tStar } from '@neurobridge/lif';

const p = { tau: 10, V0: 30, dg: 0.05, tauK: 200, td: 0 };   // ms, mV; Delta = theta = 15
const { spikes } = simulate(p, { duration: 10_000 });
console.log(spikes[0].toFixed(12), spikeTime(p, 0).toFixed(12)); // Q1: first spike = t_s(0) = τ ln 2
console.log(gStar(p), nSpikes({ ...p, tauK: Infinity }));     // Q2, Q3: g* and the spike count
const isi = spikes.at(-1) - spikes.at(-2);                    // Q5: the simulated steady ISI,
console.log(isi.toFixed(9), steadyStateIsi(p).toFixed(9), tStar(p).toFixed(3)); // exact, Eq. (7)
