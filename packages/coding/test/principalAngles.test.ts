import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { orthonormalBasis, principalAngles } from '../src/spikeTriggered/principalAngles.js';
import { dot } from './spikeTriggeredHelpers.js';

const deg = Math.PI / 180;

describe('principalAngles', () => {
  it('closed cases in R³: identical → 0, orthogonal → π/2, two planes at a dihedral angle φ → (0, φ)', () => {
    expect(Array.from(principalAngles([[1, 0, 0], [0, 1, 0]], [[1, 1, 0], [1, -1, 0]]))).toEqual([0, 0]);
    expect(Array.from(principalAngles([[1, 0, 0]], [[0, 0, 3]]))).toEqual([Math.PI / 2]);
    for (const phi of [1e-9, 1e-4, 0.3, 1, Math.PI / 2 - 1e-6]) {
      const a = principalAngles([[1, 0, 0], [0, 1, 0]], [[2, 0, 0], [0, Math.cos(phi), Math.sin(phi)]]);
      expect(a[0]).toBe(0);
      // relative accuracy ~1e-15 even for φ = 1e-9 (asin of the residual, not acos of the cosine)
      expect(Math.abs(a[1] - phi)).toBeLessThanOrEqual(4e-16 * Math.max(1, phi) + 2e-16 * phi);
    }
  });

  it('a line against a plane, and the symmetry angles(A, B) = angles(B, A)', () => {
    // line (1,1,1)/√3 vs the xy-plane: angle = asin(1/√3) = 35.26°
    const a = principalAngles([[1, 1, 1]], [[1, 0, 0], [0, 1, 0]]);
    expect(Math.abs(a[0] - Math.asin(1 / Math.sqrt(3)))).toBeLessThan(1e-15);
    const b = principalAngles([[1, 0, 0], [0, 1, 0]], [[1, 1, 1]]);
    expect(b[0]).toBe(a[0]);
  });

  it('random subspaces in R^40: invariant to the basis chosen, angles in [0, π/2]; rotation by θ in 2-D planes gives θ', () => {
    const rng = createRng('angles');
    const D = 40;
    const rand = () => Array.from(rng.normals(D));
    const A = [rand(), rand(), rand()], B = [rand(), rand()];
    const ref = principalAngles(A, B);
    const A2 = [A[0].map((v, i) => v + 2 * A[1][i]), A[1].map((v, i) => v - A[2][i]), A[2].map((v) => 5 * v)];
    const alt = principalAngles(A2, B);
    for (let k = 0; k < 2; k++) {
      expect(Math.abs(alt[k] - ref[k])).toBeLessThan(1e-13);
      expect(ref[k] >= 0 && ref[k] <= Math.PI / 2).toBe(true);
    }
    // Q = orthonormal basis; rotate q0 towards a vector orthogonal to span Q by θ: angles (0, θ) against span{q0', q1}
    const Q = orthonormalBasis([rand(), rand(), rand()]);
    for (const theta of [5 * deg, 40 * deg, 85 * deg]) {
      const rotated = Q[0].map((v, i) => Math.cos(theta) * v + Math.sin(theta) * Q[2][i]);
      const ang = principalAngles([Q[0], Q[1]], [rotated, Q[1]]);
      expect(Math.abs(ang[0])).toBeLessThan(1e-14);
      expect(Math.abs(ang[1] - theta)).toBeLessThan(1e-14);
    }
  });
});

describe('orthonormalBasis', () => {
  it('QᵀQ = I to rounding even for nearly parallel inputs', () => {
    const Q = orthonormalBasis([[1, 0, 0, 0], [1, 1e-7, 0, 0], [1, 1e-7, 1e-7, 0]]);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(dot(Q[i], Q[j]) - (i === j ? 1 : 0))).toBeLessThan(1e-15);
  });

  it('bad input', () => {
    expect(() => orthonormalBasis([[1, 0], [2, 0]])).toThrow(/vectors\[1\] must be linearly independent of vectors\[0…0\]; its residual norm is 0/);
    expect(() => orthonormalBasis([])).toThrow('vectors must hold at least one vector; got 0');
    expect(() => orthonormalBasis([[1, 0], [0, 1], [1, 1]])).toThrow('vectors must hold at most 2 vectors of length 2; got 3');
    expect(() => orthonormalBasis([[1, 0], [0, NaN]])).toThrow('vectors[1][1] must be finite; got NaN');
    expect(() => principalAngles([[1, 0]], [[1, 0, 0]])).toThrow('b must hold vectors of length 2 (as a); got length 3');
    expect(() => principalAngles([[1, 0], [0, 1, 0]], [[1, 0]])).toThrow('a[1] must have length 2; got length 3');
  });
});
