export { resolveParams, fromPhysical, toPhysical, membranePotential, EXAM_DELTA, EXAM_THETA } from './params.js';
export type { LifParams, ResolvedLifParams, PhysicalLifParams } from './params.js';
export { spikeTime, timeToThreshold, thresholdMargin } from './spikeTime.js';
export { gStar } from './gStar.js';
export { nSpikes } from './nSpikes.js';
export { tStar } from './tStar.js';
export { simulate } from './simulate.js';
export type { SimulateOptions, SimulateResult, SimulateStatus, LifTrace } from './simulateTypes.js';
