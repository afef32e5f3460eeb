// The root README's example for @neurobridge/lif. Run after `pnpm build`: node examples/tour.mjs
import { simulate, spikeTime, gStar, nSpikes, steadyStateIsi, tStar } from '@neurobridge/lif';

const p = { tau: 10, V0: 30, dg: 0.05, tauK: 200, td: 0 };   // ms, mV; Delta = theta = 15
const { spikes } = simulate(p, { duration: 10_000 });
console.log(spikes[0], spikeTime(p, 0));                      // Q1: first spike = t_s(0)
console.log(gStar(p), nSpikes({ ...p, tauK: Infinity }));     // Q2, Q3: g* = 0.5, 10 spikes
console.log(spikes.at(-1) - spikes.at(-2), steadyStateIsi(p), tStar(p)); // Q5: exact vs Eq. (7)
