// Spike-triggered analysis of joint responses (Gatsby Q3.4–Q3.6): stimuli, LN cells, the
// ensembles' weights, STA and STC with their tests, and the Gaussian-stimulus theory.
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
export * from './subspaceTests.js';
export { predictSpikeTriggered, MAX_QUADRATURE_POINTS } from './spikeTriggeredTheory.js';
export type { PredictSpikeTriggeredOptions, SpikeTriggeredPrediction } from './spikeTriggeredTheory.js';
