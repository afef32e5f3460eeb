// Roots and derivatives: Brent's method and root scans on an interval, finite-difference
// derivatives and gradients.
export { brent, findRoots, BRENT_RTOL } from './roots.js';
export type { BrentOptions, FindRootsOptions } from './roots.js';
export { derivative, gradientCentral, gradientForward, CENTRAL_STEP, FORWARD_STEP } from './finiteDifferences.js';
export type { FiniteDifferenceOptions, DerivativeOptions } from './finiteDifferences.js';
