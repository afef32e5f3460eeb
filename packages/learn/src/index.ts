export * from './matmul.js';
export * from './mlp.js';
export * from './mlpForward.js';
export * from './mlpBackward.js';
export * from './mlpParameters.js';
