// Training: per-output losses, objectives on parameter vectors, gradient descent, gradient checks
// and the one-step learning-rate analysis. Independent of the network kind.
export * from './losses.js';
export * from './objective.js';
export * from './gradientDescent.js';
export * from './gradientCheck.js';
export * from './stepSize.js';
