import { finiteVector, show, symmetricEigen } from '@neurobridge/core';

/** A vector is taken as linearly dependent on the previous ones when projecting them out leaves less than this fraction of its norm. */
export const RANK_TOLERANCE = 1e-10;

/**
 * Orthonormal basis of span{v_1…v_m} by modified Gram–Schmidt, each vector orthogonalised
 * twice against the previous ones ("twice is enough", Giraud et al. 2005), which keeps
 * |Qᵀ Q − I| at rounding level even for nearly parallel inputs.
 * @throws TypeError/RangeError for an empty list, vectors of different lengths, non-finite
 *   entries, or a vector (numerically) in the span of the previous ones.
 * @category Spike-triggered analysis
 */
export function orthonormalBasis(vectors: readonly ArrayLike<number>[], name = 'vectors'): Float64Array[] {
  if (!Array.isArray(vectors)) throw new TypeError(`${name} must be an array of vectors; got ${show(vectors)}`);
  if (vectors.length === 0) throw new RangeError(`${name} must hold at least one vector; got 0`);
  const dim = finiteVector(`${name}[0]`, vectors[0], { min: 1 }).length;
  if (vectors.length > dim) throw new RangeError(`${name} must hold at most ${dim} vectors of length ${dim}; got ${vectors.length}`);
  const q: Float64Array[] = [];
  vectors.forEach((v, k) => {
    const u = finiteVector(`${name}[${k}]`, v, dim);
    const norm0 = norm(u);
    for (let pass = 0; pass < 2; pass++) for (const b of q) axpy(-dot(b, u), b, u);
    const n = norm(u);
    if (!(n > RANK_TOLERANCE * norm0)) {
      throw new RangeError(`${name}[${k}] must be linearly independent of ${name}[0…${k - 1}]; its residual norm is ${n} (relative ${n / norm0}, tolerance ${RANK_TOLERANCE})`);
    }
    for (let i = 0; i < dim; i++) u[i] /= n;
    q.push(u);
  });
  return q;
}

/**
 * Principal angles 0 ≤ θ_1 ≤ … ≤ θ_r ≤ π/2 (radians, r = min(p, q)) between span(A) and
 * span(B), each given as a list of D-vectors (Björck & Golub 1973): with orthonormal bases
 * Q_A, Q_B, cos θ_k are the singular values of M = Q_Aᵀ Q_B (square roots of the eigenvalues
 * of MᵀM). For small angles acos loses half the digits, so, as in Knyazev & Argentati
 * (SIAM J. Sci. Comput. 23, 2002), sin θ_k are taken from R = Q_B − Q_A M (RᵀR = I − MᵀM
 * without cancellation) and θ_k = asin(sin θ_k) when cos² θ_k ≥ ½, acos(cos θ_k) otherwise.
 * Both are clamped to [0, 1].
 * @throws as `orthonormalBasis` for either list; RangeError when the dimensions differ.
 * @category Spike-triggered analysis
 */
export function principalAngles(a: readonly ArrayLike<number>[], b: readonly ArrayLike<number>[]): Float64Array {
  let qa = orthonormalBasis(a, 'a');
  let qb = orthonormalBasis(b, 'b');
  if (qa[0].length !== qb[0].length) throw new RangeError(`b must hold vectors of length ${qa[0].length} (as a); got length ${qb[0].length}`);
  if (qb.length > qa.length) [qa, qb] = [qb, qa]; // the angles are symmetric; make q = |B| ≤ p = |A|
  const m = qb.map((v) => qa.map((u) => dot(u, v))); // m[j][i] = (Q_Aᵀ Q_B)_{ij}
  const r = qb.map((v, j) => {
    const res = Float64Array.from(v);
    qa.forEach((u, i) => axpy(-m[j][i], u, res));
    return res;
  });
  const cos2 = symmetricEigen(gram(m)).values; // descending
  const sin2 = symmetricEigen(gram(r)).values; // descending: sin2[q−1−k] pairs with cos2[k]
  const q = qb.length;
  const angles = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    const c = Math.sqrt(clamp01(cos2[k]));
    const s = Math.sqrt(clamp01(sin2[q - 1 - k]));
    angles[k] = c * c >= 0.5 ? Math.asin(s) : Math.acos(c);
  }
  return angles;
}

/** Gram matrix G_jk = v_j·v_k of a list of vectors, as rows. */
function gram(vs: ArrayLike<number>[]): number[][] {
  return vs.map((x) => vs.map((y) => dot(x, y)));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function dot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * y[i];
  return s;
}

function norm(x: ArrayLike<number>): number {
  return Math.sqrt(dot(x, x));
}

/** y ← y + α x */
function axpy(alpha: number, x: ArrayLike<number>, y: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}
