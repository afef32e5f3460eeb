// Spike trains and how they are drawn (Gatsby Q3.1–Q3.3): the data, the rates, the models.
export * from './spikeTrains.js';
export * from './window.js';
export * from './rate.js';
export { poissonCount, gammaVariate, exponentialVariate, logFactorial, MAX_POISSON_MEAN } from './randomVariates.js';
export * from './poisson.js';
export * from './trials.js';
export * from './kernels.js';
export { driveRate } from './driveRate.js';
export * from './commonDrive.js';
