export const version = '0.1.0';
// spike trains, bins and rates
export * from './spikeTrains.js';
export * from './window.js';
export * from './bins.js';
export * from './rate.js';
export * from './randomVariates.js';
// generation (Gatsby Q3.1–Q3.3 models)
export * from './poisson.js';
export * from './trials.js';
export * from './kernels.js';
export { driveRate } from './driveRate.js';
export * from './commonDrive.js';
// statistics
export * from './psth.js';
export * from './jpsth.js';
export * from './predictors.js';
export * from './crossCorrelogram.js';
// closed forms and their tests
export * from './expectedJpsth.js';
export * from './chiSquare.js';
export * from './jpsthFit.js';
