// Quadrature: Gauss–Hermite and Gauss–Legendre rules, and Gaussian expectations E[f(z)],
// z ~ N(0, 1), by a fixed Hermite rule or adaptively with an error estimate.
export { gaussHermite, gaussLegendre } from './gaussQuadrature.js';
export type { GaussRule } from './gaussQuadrature.js';
export { expectNormal } from './expectNormal.js';
export { expectNormalAdaptive, NORMAL_CUTOFF } from './expectNormalAdaptive.js';
export type { ExpectNormalAdaptiveOptions, ExpectNormalAdaptiveResult } from './expectNormalAdaptive.js';
