/**
 * Spike trains of two cells over many trials, their JPSTH and spike-triggered analysis (Gatsby
 * 2021 Q3). Times in ms, rates in Hz, kernels in 1/ms. The source is one folder per concept,
 * and the API reference groups the exports the same way.
 *
 * @categoryDescription Generation
 * Spike trains and how they are drawn (`src/generation/`): rates ρ(t) in Hz, exact
 * inhomogeneous Poisson trains (thinning, time rescaling), the independent (Q3.1), doubly
 * stochastic (Q3.2) and common-drive (Q3.3) trial models, their kernels, and the random variates
 * behind them.
 * @categoryDescription Statistics
 * What is measured from the trials (`src/statistics/`): bins, the PSTH, the raw JPSTH
 * J_mn = (1/K) Σ_k n⁽¹ᵏ⁾_m n⁽²ᵏ⁾_n from spike pairs, its predictors and normalisation,
 * cross-correlograms and coincidence histograms, and the χ², normal and Student tails.
 * @categoryDescription Closed forms
 * The expected JPSTH of the Q3.1–Q3.3 models in closed form (`src/closedForms/`): R_m R_n,
 * (1 + γ²) R_m R_n, R_m R_n + α² ∫ρ⁽³⁾ K_m K_n, and the goodness-of-fit test of a recording
 * against one of them.
 * @categoryDescription Spike-triggered analysis
 * Gatsby Q3.4–Q3.6 (`src/spikeTriggered/`): Gaussian stimuli, linear–nonlinear–Poisson cells,
 * the joint and summed ensembles' weights, the weighted STA and STC with their shuffle and
 * subspace tests, principal angles, and the Gaussian-stimulus prediction of STA and ΔC.
 * @categoryDescription Package
 * The package itself.
 * @packageDocumentation
 */

/**
 * The package version.
 * @category Package
 */
export const version = '0.1.0';
export * from './generation/index.js';
export * from './statistics/index.js';
export * from './closedForms/index.js';
export * from './spikeTriggered/index.js';
