// Graph networks: named neurons and links in any acyclic arrangement, backpropagation on them
// (in floating point and in exact rationals), readable traces and the seeds' dataset objectives.
export * from './graphNetwork.js';
export * from './graphPass.js';
export * from './graphObjective.js';
export * from './graphExact.js';
export * from './trace.js';
export * from './chainDirections.js';
