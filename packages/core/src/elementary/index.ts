// Elementary functions that give the same bits on every engine: exp, expm1, log, log1p and tanh
// from IEEE basic operations only, erf, and the activation functions φ with φ' and φ''.
export { defineActivation, activations, linear, tanh, sigmoid, relu, square, erf } from './activations.js';
export type { Activation, ActivationSpec } from './activations.js';
export { applyActivation, applyActivationDerivative, scaleByActivationDerivative } from './activationArrays.js';
export { erfFn } from './erfFn.js';
export { portableExp, portableExpm1, portableLog, portableLog1p } from './portableMath.js';
export { portableTanh } from './portableTanh.js';
export { PORTABLE_TANH_TABLES } from './portableTanhTables.js';
export type { PortableTanhTables } from './portableTanhTables.js';
