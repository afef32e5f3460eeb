export const version = '0.1.0';
export * from './integrateTypes.js';
export * from './integrate.js';
export * from './fixedStep.js';
