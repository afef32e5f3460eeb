// Seeded, portable randomness: the generator object every random function takes, and
// multivariate normal samples.
export { createRng } from './rng.js';
export type { Rng } from './rng.js';
export { multivariateNormal } from './multivariateNormal.js';
export type { MultivariateNormalOptions } from './multivariateNormal.js';
