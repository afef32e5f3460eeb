// The network itself (Gatsby 2021 Q2 Eqs. (1)–(4), (12)): sampling its loadings, overlaps, the exact
// drift, and RK4 simulation on one thread (JavaScript or WebAssembly SIMD kernels) or on a pool.
export type { LowRankNetwork } from './network.js';
export { sampleNetwork, spectralNorm } from './sampleNetwork.js';
export type { SampleNetworkOptions } from './sampleNetwork.js';
export { simulateNetwork } from './simulateNetwork.js';
export { createNetworkStepper } from './networkStepper.js';
export type { NetworkStepper } from './networkStepper.js';
export type { KernelName } from './networkKernels.js';
export type { SimulateNetworkOptions, SimulateNetworkResult, SimulateNetworkStatus } from './simulateNetworkTypes.js';
export { overlaps, stateWithOverlaps } from './overlaps.js';
export { networkDrift } from './networkDrift.js';
export type { NetworkDrift } from './networkDrift.js';
export { checkedFastTanh as fastTanh } from './fastTanh.js';
export { createNetworkPool } from './networkPool.js';
export type { NetworkPool, NetworkPoolOptions } from './networkPool.js';
