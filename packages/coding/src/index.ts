export const version = '0.1.0';
// spike trains, bins and rates
export * from './spikeTrains.js';
export * from './window.js';
export * from './bins.js';
export * from './rate.js';
export { poissonCount, gammaVariate, exponentialVariate, logFactorial, MAX_POISSON_MEAN } from './randomVariates.js';
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
export * from './subspaceTests.js';
export * from './jpsthFit.js';
// spike-triggered analysis (Gatsby Q3.4–Q3.6)
export { gaussianStimulus, exponentialCorrelation, delayEmbed, stimulusCovariance, MAX_STIMULUS_VALUES } from './stimulus.js';
export type { Stimulus, GaussianStimulusOptions } from './stimulus.js';
export { lnPoisson, MAX_CELLS } from './lnModel.js';
export type { Nonlinearity, LnCell, LnPoissonOptions, LnPoissonResult } from './lnModel.js';
export { jointWeights, summedWeights, expectedJointWeight } from './jointWeights.js';
export type { JointWeightsOptions, ExpectedJointWeightOptions } from './jointWeights.js';
export { spikeTriggeredAverage } from './spikeTriggered.js';
export type { SpikeTriggeredAverageOptions, SpikeTriggeredAverageResult } from './spikeTriggered.js';
export { spikeTriggeredCovariance, MAX_SHUFFLES } from './stc.js';
export type { SpikeTriggeredCovarianceOptions, SpikeTriggeredCovarianceResult, SignificantDirection, ShuffleNull } from './stc.js';
export { principalAngles, orthonormalBasis } from './principalAngles.js';
export { predictSpikeTriggered, MAX_QUADRATURE_POINTS } from './spikeTriggeredTheory.js';
export type { PredictSpikeTriggeredOptions, SpikeTriggeredPrediction } from './spikeTriggeredTheory.js';
