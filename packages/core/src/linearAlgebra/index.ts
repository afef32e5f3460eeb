// Dense linear algebra: Cholesky, symmetric and general eigendecompositions, linear solves,
// Float64Array kernels and cache-blocked matrix products (WebAssembly SIMD panel kernel).
export type { MatrixInput } from './matrixInput.js';
export { cholesky, choleskyFactor } from './cholesky.js';
export type { CholeskyFactor } from './cholesky.js';
export { symmetricEigen, symmetricEigenOf } from './symmetricEigen.js';
export type { SymmetricEigenResult } from './symmetricEigen.js';
export { eigen } from './eigen.js';
export type { EigenResult } from './eigen.js';
export { solve } from './solve.js';
export type { SolveOptions } from './solve.js';
export { dot, axpy, matvec } from './kernels.js';
export { matmulNN, matmulTN, matmulNT, matmulNNColumns } from './matmul.js';
