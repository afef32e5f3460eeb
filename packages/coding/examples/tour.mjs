// The README example for @neurobridge/coding (Gatsby Q3.2). Run after `pnpm build`: node examples/tour.mjs
import { createRng } from '@neurobridge/core';
import { doublyStochasticTrials, expectedJpsthDoublyStochastic, expectedJpsthIndependent, jpsth, jpsthGoodnessOfFit } from '@neurobridge/coding';

const rate = (t) => 25 + 15 * Math.sin(t / 50);              // ρ(t) in Hz, t in ms
const bins = { stop: 400, width: 25 };                        // 16 bins of Δ = 25 ms
const rec = doublyStochasticTrials({ rate, max: 40 }, { stop: 400, trials: 4000, gainVariance: 0.3, rng: createRng(1) });
const J = jpsth(rec, bins);                                   // raw JPSTH, from the spike pairs
const E = expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.3 }); // Q3.2: (1 + γ²) R_m R_n
console.log(J.values[17].toFixed(3), '±', J.se[17].toFixed(3), 'expected', E.values[17].toFixed(3));
console.log(jpsthGoodnessOfFit(rec, E).blocks.p.toFixed(2));   // p of the formula: accepted
console.log(jpsthGoodnessOfFit(rec, expectedJpsthIndependent(rate, bins)).blocks.p.toExponential(1)); // gain dropped: rejected
