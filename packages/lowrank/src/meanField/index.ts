// The mean field of the low-rank network (Gatsby 2021 Q2 Eqs. (9)–(10), (17)): the gain, the overlap
// dynamics, their fixed points, existence, stability and rotating solutions.
export { gain, gainDerivative, gainClosedForm, gainDerivativeClosedForm } from './gain.js';
export type { GainDerivativeOptions } from './gain.js';
export { gaussianExpectation, GAUSSIAN_RANGE } from './gaussianExpectation.js';
export type { GaussianExpectationOptions, GaussianExpectationResult } from './gaussianExpectation.js';
export { meanFieldRhs } from './meanFieldRhs.js';
export { jacobian } from './jacobian.js';
export { simulateMeanField } from './simulateMeanField.js';
export type { SimulateMeanFieldOptions, SimulateMeanFieldResult } from './simulateMeanField.js';
export { fixedPoints, STABILITY_TOL } from './fixedPoints.js';
export type { ComplexNumber, FixedPoint, FixedPointsResult, Stability } from './fixedPoints.js';
export { existence } from './existence.js';
export type { ExistenceEntry } from './existence.js';
export type { AmplitudeOptions } from './amplitudes.js';
export { limitCycles, CONFORMAL_TOL } from './limitCycles.js';
export type { ComplexPair, LimitCycle } from './limitCycles.js';
