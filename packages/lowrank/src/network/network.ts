/**
 * The network of Gatsby 2021 Q2, Eq. (1)–(3), as plain data.
 *
 *   dx_i/dt = φ(Σ_j J_ij x_j) − x_i,    J = (1/n) Σ_μ η_μ ξ_μᵀ   (never formed),
 *   m_μ = (1/n) Σ_j ξ_{μ,j} x_j                                   (Eq. 4).
 *
 * Layout: `eta` and `xi` are n × p, row-major, one row per neuron:
 *   eta[i * p + μ] = η_{μ,i},   xi[i * p + μ] = ξ_{μ,i}.
 * A neuron's p loadings are adjacent, so one pass over the neurons reads both arrays
 * sequentially (this is what the O(n·p) step streams).
 */
import { integerInRange, show } from '@neurobridge/core';
import { finiteEntries } from '../internal/validate.js';

/**
 * The network of Eq. (1)–(3) as plain data: n neurons, rank p, the loadings η and ξ (J = η ξᵀ/n is
 * never formed) and the C they were drawn with. {@link sampleNetwork} makes one; one built by hand
 * with the same layout works everywhere too.
 * @category Network
 */
export interface LowRankNetwork {
  /** number of neurons */
  readonly n: number;
  /** rank p (number of patterns) */
  readonly p: number;
  /** the p × p overlap matrix C_μν = ⟨ξ_μ η_ν⟩ the loadings were drawn with (Eq. 3c) */
  readonly C: number[][];
  /** η, n × p row-major: eta[i * p + μ] = η_{μ,i} */
  readonly eta: Float64Array;
  /** ξ, n × p row-major: xi[i * p + μ] = ξ_{μ,i} */
  readonly xi: Float64Array;
  /** standard deviation of each ξ_{μ,i} (1 in Eq. 3b) */
  readonly xiScale: number;
}

/** Checks the shape of a network object (user-built or sampled); returns it. */
export function checkNetwork(name: string, net: unknown): LowRankNetwork {
  const v = net as LowRankNetwork | null;
  if (v === null || typeof v !== 'object') {
    throw new TypeError(`${name} must be a LowRankNetwork {n, p, eta, xi, ...}; got ${show(net)}`);
  }
  integerInRange(`${name}.n`, v.n, 1);
  integerInRange(`${name}.p`, v.p, 1, v.n);
  for (const key of ['eta', 'xi'] as const) {
    const a = v[key];
    if (!(a instanceof Float64Array)) throw new TypeError(`${name}.${key} must be a Float64Array; got ${show(a)}`);
    if (a.length !== v.n * v.p) {
      throw new RangeError(`${name}.${key} must have length n·p = ${v.n * v.p}; got length ${a.length}`);
    }
  }
  return v;
}

/**
 * Every loading finite, else a RangeError naming the first bad entry (`net.xi[7] must be finite`).
 * One pass over η and ξ — at the boundary of the O(n·p)-per-step runs, never in their loops.
 */
export function checkLoadings(name: string, net: LowRankNetwork): void {
  finiteEntries(`${name}.eta`, net.eta);
  finiteEntries(`${name}.xi`, net.xi);
}
