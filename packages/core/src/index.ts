/**
 * Numerical building blocks shared by the NeuroBridge packages: ODE integration with located
 * events, dense linear algebra, Gaussian quadrature, seeded portable randomness, elementary
 * functions that give the same bits on every engine, roots and finite differences, thread
 * pools, and the argument checks behind every error message. The source is one folder per
 * concept, and the API reference groups the exports the same way.
 *
 * @categoryDescription Integration
 * ODE integration (`src/integration/`): `integrate`, adaptive Gragg–Bulirsch–Stoer
 * extrapolation (odex) with dense output, continuous events located by Brent's method on the
 * dense output, scheduled changes at known times, and an output grid; fixed-step RK4 and Euler
 * (`rk4`, `euler`) and their single-step steppers. Problem, solver and result are kept apart:
 * a numerical failure is a `status`, bad configuration throws.
 * @categoryDescription Linear algebra
 * Dense matrices (`src/linearAlgebra/`): Cholesky, symmetric and general eigendecompositions
 * (Householder + QL/QR, ported from ml-matrix with iteration caps and exact power-of-two
 * scaling), linear solves (LU with partial pivoting and a condition estimate), the Float64Array
 * kernels `dot`, `axpy`, `matvec`, and cache-blocked row-major products `matmulNN`/`TN`/`NT`
 * whose 4×4 panel kernel runs in WebAssembly SIMD where available, with the same bits as the
 * naive loop.
 * @categoryDescription Quadrature
 * Gaussian quadrature (`src/quadrature/`): Gauss–Hermite and Gauss–Legendre rules of order up
 * to 2000, and E[f(z)] for z ~ N(0, 1) by a fixed Hermite rule (`expectNormal`) or adaptively
 * with an error estimate (`expectNormalAdaptive`).
 * @categoryDescription Randomness
 * Seeded randomness (`src/randomness/`): `createRng(seed)` returns a generator object (xor4096,
 * bit-identical on every engine, with named substreams) that every random function takes; there
 * is no global default. Multivariate normal samples by Cholesky or eigendecomposition.
 * @categoryDescription Elementary functions
 * Functions of one variable (`src/elementary/`): exp, expm1, log, log1p built from IEEE basic
 * operations only (so Node and browsers agree to the bit), a table tanh on them (its tables
 * exported for kernels that must reproduce it, as lowrank's WebAssembly kernel does), erf, and the
 * activation functions φ (linear, tanh, sigmoid, relu, square, erf) with φ' and φ''.
 * @categoryDescription Roots and derivatives
 * Scalar calculus (`src/calculus/`): Brent's method for a bracketed root, a scan for every root
 * on an interval, and central or forward finite-difference derivatives and gradients.
 * @categoryDescription Threads
 * Thread pools (`src/threads/`) over Node worker_threads or Web Workers, chosen by the package's
 * conditional `#threads-platform` import: a pool that runs named handlers in workers, shared
 * Float64Array/Int32Array memory and a barrier on it.
 * @categoryDescription Validation
 * The argument checks (`src/validate.ts`) behind the error messages of every NeuroBridge
 * package: a `TypeError` for the wrong kind of value, a `RangeError` for the wrong size, each
 * naming the parameter, its value and the allowed range; unknown option keys with "did you mean".
 * @categoryDescription Package
 * The package itself.
 * @packageDocumentation
 */

/**
 * The package version (that of package.json).
 * @category Package
 */
export const version = '0.1.0';
export * from './integration/index.js';
export * from './linearAlgebra/index.js';
export * from './quadrature/index.js';
export * from './randomness/index.js';
export * from './elementary/index.js';
export * from './calculus/index.js';
export * from './threads/index.js';
export * from './validate.js';
