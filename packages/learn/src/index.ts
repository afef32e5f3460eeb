/**
 * Backpropagation by hand on graph and layered networks, and the empirical and analytic neural
 * tangent kernel (Gatsby 2021 Q4). The source is one folder per concept, and the API reference
 * groups the exports the same way.
 *
 * @categoryDescription Graph networks
 * Named neurons and links in any acyclic arrangement (`src/graph/`): forward and backward passes,
 * exact rational passes, traces, and the dataset objectives of seeds 000–004.
 * @categoryDescription Layered networks
 * Fully connected feed-forward networks on Float64Array (`src/layered/`): batched forward and
 * backward passes and the flat parameter vector θ.
 * @categoryDescription Tangent kernel
 * The empirical and infinite-width neural tangent kernel, the linearised model and lazy training
 * (`src/ntk/`, Q4).
 * @categoryDescription Training
 * Losses, objectives on parameter vectors, gradient descent, gradient checks and step sizes
 * (`src/training/`), for any network kind.
 * @categoryDescription Exact arithmetic
 * BigInt rationals for exact-decimal checks of hand computations (`src/exact/`).
 * @packageDocumentation
 */
// the dense products moved to @neurobridge/core (coding uses them too); re-exported for existing callers
export { matmulNN, matmulTN, matmulNT, matmulNNColumns } from '@neurobridge/core';
export * from './layered/index.js';
export * from './graph/index.js';
export * from './training/index.js';
export * from './exact/index.js';
export * from './ntk/index.js';
