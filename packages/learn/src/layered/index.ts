// Layered networks: fully connected feed-forward networks on Float64Array, batched forward and
// backward passes, and the flat parameter vector θ.
export * from './mlp.js';
export * from './mlpForward.js';
export * from './mlpBackward.js';
export * from './mlpParameters.js';
export type { MlpPool, MlpPoolOptions, MlpGradientOptions, MlpPoolGradientOptions, MlpTrainStepOptions, MlpGradientResult, MlpStepResult } from './mlpPool.js';
export { createMlpPool } from './mlpPool.js';
