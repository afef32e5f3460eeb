// the dense products moved to @neurobridge/core (coding uses them too); re-exported for existing callers
export { matmulNN, matmulTN, matmulNT, matmulNNColumns } from '@neurobridge/core';
export * from './mlp.js';
export * from './mlpForward.js';
export * from './mlpBackward.js';
export * from './mlpParameters.js';
export * from './losses.js';
export * from './graphNetwork.js';
export * from './graphPass.js';
export * from './objective.js';
export * from './gradientCheck.js';
export * from './gradientDescent.js';
export * from './trace.js';
export * from './rational.js';
export * from './graphExact.js';
export * from './stepSize.js';
export * from './chainDirections.js';
export * from './ntk/index.js';
