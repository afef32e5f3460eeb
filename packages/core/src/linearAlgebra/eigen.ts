import { squareMatrix, type MatrixInput } from './matrixInput.js';
import { normalizeWithSign } from './normalizeWithSign.js';
import { decompose } from './evd.js';
import { scaled, scaleExponent, unscale } from './scaleMatrix.js';

/**
 * Eigenvalues λ_k = re[k] + i·im[k] of a general real matrix, with real eigenvector columns.
 * @category Linear algebra
 */
export interface EigenResult {
  /** real parts, sorted descending (a complex pair stays adjacent, positive imaginary part first) */
  re: Float64Array;
  /** imaginary parts */
  im: Float64Array;
  /**
   * n×n rows; column k belongs to eigenvalue k. A real eigenvalue has a real unit
   * eigenvector (largest-|component| positive). For a complex pair at k, k+1 (im[k] > 0)
   * the eigenvector of λ_k is V[:,k] + i·V[:,k+1] (and its conjugate for λ_{k+1}), scaled
   * so that |V[:,k]|² + |V[:,k+1]|² = 1 and with the phase fixed: its component of largest
   * modulus is real and positive. Then A·V = V·D with D block diagonal, blocks
   * [[re, im], [−im, re]] (ml-matrix/JAMA convention).
   */
  vectors: number[][];
}

/**
 * General real eigendecomposition by ml-matrix's algorithm (Hessenberg reduction + shifted
 * QR, JAMA's hqr2; an exactly symmetric A takes the symmetric path, as in ml-matrix), ported
 * with an iteration cap (evd.ts), re-ordered by real part, descending; ties by
 * imaginary part, descending. A matrix with max|a| outside [2^-450, 2^450] is first scaled by
 * an exact power of two (scaleMatrix.ts).
 * Eigenvectors of defective or nearly defective matrices are ill-conditioned, as always.
 * @throws TypeError/RangeError for a non-square or non-finite A; RangeError when the QR
 *   iteration does not converge within 30·max(10, n) sweeps per eigenvalue (or meets a
 *   non-finite value), or when an eigenvalue lies beyond the double range.
 * @category Linear algebra
 */
export function eigen(A: MatrixInput): EigenResult {
  const { n, a } = squareMatrix('A', A);
  const k = scaleExponent(a);
  const evd = decompose(n, k === 0 ? a : scaled(a, k), false);
  if (!evd.ok) throw new RangeError(`A (${n}×${n}): eigendecomposition failed: ${evd.reason}`);
  const reIn = k === 0 ? evd.d : evd.d.map((x) => unscale(x, k));
  const imIn = k === 0 ? evd.e : evd.e.map((x) => unscale(x, k));
  for (let j = 0; j < n; j++) {
    if (!Number.isFinite(reIn[j]) || !Number.isFinite(imIn[j])) {
      throw new RangeError(`A has an eigenvalue beyond the double range: |λ| = ${Math.hypot(evd.d[j], evd.e[j])}·2^${k} > 1.8e308`);
    }
  }
  const V = { get: (i: number, j: number): number => evd.V[i][j] };
  // blocks: a real eigenvalue (size 1) or a conjugate pair (size 2, im > 0 first)
  const blocks: { start: number; size: 1 | 2 }[] = [];
  for (let k = 0; k < n; ) {
    if (imIn[k] !== 0 && k + 1 < n && imIn[k + 1] === -imIn[k] && reIn[k + 1] === reIn[k]) {
      blocks.push({ start: k, size: 2 });
      k += 2;
    } else {
      blocks.push({ start: k, size: 1 });
      k += 1;
    }
  }
  blocks.sort((p, q) => reIn[q.start] - reIn[p.start] || imIn[q.start] - imIn[p.start] || p.start - q.start);
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const vectors: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  let col = 0;
  for (const { start, size } of blocks) {
    if (size === 1) {
      re[col] = reIn[start];
      im[col] = 0;
      const v = new Float64Array(n);
      for (let i = 0; i < n; i++) v[i] = V.get(i, start);
      normalizeWithSign(v);
      for (let i = 0; i < n; i++) vectors[i][col] = v[i];
      col += 1;
    } else {
      // v = u + i·w; scale to unit norm and rotate the phase so that the component of largest
      // modulus (first on ties) is real and positive: v ← v·conj(c)/|c|, c = v_p
      let p = 0;
      let big = -1;
      let norm2 = 0;
      for (let i = 0; i < n; i++) {
        const m2 = V.get(i, start) ** 2 + V.get(i, start + 1) ** 2;
        norm2 += m2;
        if (m2 > big) {
          big = m2;
          p = i;
        }
      }
      const cRe = V.get(p, start);
      const cIm = V.get(p, start + 1);
      const s = big > 0 && norm2 > 0 ? 1 / (Math.sqrt(big) * Math.sqrt(norm2)) : 1;
      re[col] = reIn[start];
      im[col] = imIn[start];
      re[col + 1] = reIn[start + 1];
      im[col + 1] = imIn[start + 1];
      for (let i = 0; i < n; i++) {
        const u = V.get(i, start);
        const w = V.get(i, start + 1);
        vectors[i][col] = (u * cRe + w * cIm) * s;
        vectors[i][col + 1] = i === p ? 0 : (w * cRe - u * cIm) * s;
      }
      col += 2;
    }
  }
  return { re, im, vectors };
}
