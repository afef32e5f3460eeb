/**
 * Rank-p rate networks and their mean field (Gatsby 2021 Q2): the network of Eq. (1)–(3), its
 * overlaps m = ξᵀx/n (Eq. 4) and their large-n dynamics dm/dt = f(|m|) C m − m (Eq. 10), with
 * fixed points, their existence and stability, and rotating solutions. The source is one folder
 * per concept, and the API reference groups the exports the same way.
 *
 * @categoryDescription Network
 * The network itself (`src/network/`): sampling the loadings η, ξ with the covariance of Eq. (3),
 * overlaps (Eq. 4), the finite-n drift (Eq. 12), and fixed-step RK4 simulation of Eq. (1) at
 * O(n·p) per step — on one thread (a JavaScript or WebAssembly SIMD kernel) or on a thread pool.
 * @categoryDescription Mean field
 * The large-n limit (`src/meanField/`): the gain f(a) = E_z[φ'(a z)] (Eq. 9), the overlap
 * dynamics (Eq. 10) and their Jacobian, fixed points α v_k (Eq. 17) with existence and stability
 * (Q3, Q4), and invariant circles for complex eigenvalue pairs.
 * @packageDocumentation
 */
export * from './meanField/index.js';
export * from './network/index.js';
