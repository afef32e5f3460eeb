/**
 * The adapting linear integrate-and-fire neuron of the Gatsby 2021 exam, Q1, in reduced units
 * (u = V − E_L, mV; time in ms): tau du/dt = −u + V0 − g (u + Delta) (Eq. (3)), with g jumping
 * by Δg a delay td after each spike and decaying with tauK (Eq. (2)). Closed forms for every
 * printed result, an exact event-driven simulator, and the analyses and sweeps of the exam's
 * questions. The source is one file per idea, and the API reference groups the exports by concept.
 *
 * @categoryDescription Parameters
 * The model's parameters (`src/params.ts`): the reduced `{ tau, V0, Delta, theta, dg, tauK, td }`
 * of Eq. (3) with the exam's defaults Delta = theta = 15 mV, their validation, and the
 * conversion to and from the physical E_L, E_K, V_th of Eq. (1).
 * @categoryDescription Closed forms
 * The exam's formulas: the time to threshold t_s(g) (Eq. (4)), the silencing conductance g*
 * (Eq. (5)), the spike count n_spikes (Eq. (6)), the approximate steady interval t* (Eq. (7)),
 * and the exact steady interval and first-passage time they approximate (a fixed point of the
 * spike-to-spike map, Taylor panels where g decays).
 * @categoryDescription Simulation
 * `simulate`: exact event-driven simulation of Eqs. (2)–(3) with delayed conductance jumps, or
 * the odex reference path on core's `integrate`; its options, its result (spike times, end
 * state, optional u(t), g(t) trace) and the status that says how a run ended.
 * @categoryDescription Analysis
 * Reading a spike train: bursts and their statistics (spikes per burst, burst and silent
 * durations, period), summary statistics, and the long-run firing class of a parameter set
 * (silent, finite, tonic, bursting; Q3–Q5).
 * @categoryDescription Sweeps
 * One parameter varied, simulation next to the closed form: spike count vs Δg (Eq. (6)), steady
 * ISI vs tauK (t*, Eq. (7)), firing rate vs V0 with and without adaptation (Q3, Q5).
 * @packageDocumentation
 */
export { resolveParams, fromPhysical, toPhysical, membranePotential, EXAM_DELTA, EXAM_THETA } from './params.js';
export type { LifParams, ResolvedLifParams, PhysicalLifParams } from './params.js';
export { spikeTime } from './spikeTime.js';
export { gStar } from './gStar.js';
export { nSpikes } from './nSpikes.js';
export { tStar } from './tStar.js';
export { simulate } from './simulate.js';
export type { SimulateOptions, SimulateResult, SimulateStatus, LifTrace } from './simulateTypes.js';
export { steadyState, steadyStateIsi } from './steadyStateIsi.js';
export type { SteadyState } from './steadyStateIsi.js';
export { passageTime } from './firstPassage.js';
export { findBursts, stats } from './bursts.js';
export type { Burst, BurstAnalysis, FindBurstsOptions, Stats } from './bursts.js';
export { classify } from './classify.js';
export type { Classification, ClassifyOptions, FiringClass } from './classify.js';
export { spikeCountVsDg, isiVsTauK, rateVsV0 } from './sweeps.js';
export type { SpikeCountPoint, IsiPoint, RatePoint } from './sweeps.js';
