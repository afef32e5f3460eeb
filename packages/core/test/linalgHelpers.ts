import { createRng } from '@neurobridge/core';

/** n×n matrix with N(0,1) entries from a seeded Rng. */
export function randomMatrix(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => Array.from(rng.normals(n)));
}

/** (B + Bᵀ)/2 of a random B: exactly symmetric. */
export function randomSymmetric(n: number, seed: number): number[][] {
  const B = randomMatrix(n, seed);
  return B.map((row, i) => row.map((_, j) => 0.5 * (B[i][j] + B[j][i])));
}

/** B·Bᵀ + n·I: symmetric positive definite with condition number O(n). */
export function randomSpd(n: number, seed: number): number[][] {
  const B = randomMatrix(n, seed);
  return B.map((_, i) => B.map((__, j) => B[i].reduce((s, b, k) => s + b * B[j][k], 0) + (i === j ? n : 0)));
}

/** max |a_ij| */
export function maxAbs(A: ArrayLike<ArrayLike<number>>): number {
  let m = 0;
  for (let i = 0; i < A.length; i++) for (let j = 0; j < A[i].length; j++) m = Math.max(m, Math.abs(A[i][j]));
  return m;
}

/** Frobenius norm */
export function frob(A: number[][]): number {
  return Math.sqrt(A.reduce((s, r) => s + r.reduce((t, x) => t + x * x, 0), 0));
}
