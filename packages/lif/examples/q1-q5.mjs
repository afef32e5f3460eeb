// A tour of @neurobridge/lif along Gatsby 2021 question 1, one call per sub-question.
// The claims themselves — checked, with tolerances, verdicts, plots and the slips of the source —
// are in the exam report: `pnpm reproduce --only gatsby-q1` (packages/exam/src/claims/gatsbyQ1.ts).
// Run after `pnpm build`: node examples/q1-q5.mjs
import { classify, findBursts, gStar, nSpikes, simulate, spikeTime, steadyStateIsi, tStar } from '@neurobridge/lif';

const p = { tau: 10, V0: 30, dg: 0.1, tauK: Infinity, td: 0 }; // ms, mV; Delta = theta = 15 mV
const fixed = { ...p, dg: 0 };                                   // g stays at g0

console.log('Q1 t_s(0.2), Eq. (4), and the simulated first spike:', spikeTime(p, 0.2), simulate(fixed, { duration: 100, g0: 0.2 }).spikes[0]);
console.log('Q2 g*, Eq. (5), and spikes in 10^6 ms at g = g*:', gStar(p), simulate(fixed, { duration: 1e6, g0: gStar(p) }).spikes.length);
console.log('Q3 n_spikes, Eq. (6), and the simulated count:', nSpikes(p), simulate(p, { duration: 1e6 }).spikes.length);

const q4 = { ...p, dg: 0.2, tauK: 100, td: 1000 };                // td ≫ tauK ≫ t_s(0)
const b = findBursts(simulate(q4, { duration: 14_000 }).spikes, { maxGap: 250, duration: 14_000, skip: 1 });
console.log(`Q4 ${classify(q4).class}: ${b.spikesPerBurst.mean} spikes per burst, bursts of ${b.burstDuration.mean.toFixed(1)} ms, silences of ${b.silentDuration.mean.toFixed(1)} ms`);

const q5 = { ...p, dg: 0.05, tauK: 200 };
console.log('Q5 t*, Eq. (7), and the exact steady interspike interval:', tStar(q5), steadyStateIsi(q5));
