// Exact arithmetic: BigInt rationals and bisection on them, for exact-decimal hand computations.
export * from './rational.js';
