// What is measured from many trials of two cells: bins, PSTH, JPSTH, predictors,
// correlograms, and the chi-square, normal and Student tails the tests use.
export * from './bins.js';
export * from './psth.js';
export * from './jpsth.js';
export * from './predictors.js';
export * from './crossCorrelogram.js';
export * from './chiSquare.js';
