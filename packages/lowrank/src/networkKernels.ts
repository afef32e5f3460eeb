/**
 * Fused RK4 step of the network Eq. (1), O(n·p) per step, allocation-free.
 *
 * With m(y) = ξᵀ y / n (Eq. 4) the right-hand side is F(y)_i = φ(η_i · m(y)) − y_i, because
 * Σ_j J_ij y_j = η_i · (ξᵀ y)/n (Eq. 11): J is never formed. Classical RK4,
 *
 *   k1 = F(x), k2 = F(x + h/2 k1), k3 = F(x + h/2 k2), k4 = F(x + h k3),
 *   x ← x + h/6 (k1 + 2 k2 + 2 k3 + k4),
 *
 * is done in four passes over the neurons, one per stage: each pass evaluates its stage
 * (one φ per neuron, using the overlap of the stage state computed by the previous pass),
 * forms the next stage state and accumulates that state's overlap on the fly. So φ is
 * evaluated exactly 4n times per step and no pass is spent on reductions alone.
 *
 * Buffers: W packs [η_i, ξ_i] per neuron (stride 2p) so one stream serves both loadings;
 * acc holds k1 + 2k2 + 2k3 (+k4); s holds the stage state (stage 2 state is rebuilt from
 * x and acc = k1, sparing a store). m holds m(x) on entry and m(x_new) on exit.
 */
import { fastTanh } from './fastTanh.js';

export type Scalar = (u: number) => number;

/** Packs eta, xi (n × p row-major) into W (n × 2p): [η_{0..p−1,i}, ξ_{0..p−1,i}]. */
export function packLoadings(n: number, p: number, eta: Float64Array, xi: Float64Array): Float64Array {
  const W = new Float64Array(2 * n * p);
  for (let i = 0; i < n; i++) {
    for (let mu = 0; mu < p; mu++) {
      W[2 * p * i + mu] = eta[p * i + mu];
      W[2 * p * i + p + mu] = xi[p * i + mu];
    }
  }
  return W;
}

/** m = ξᵀ x / n from packed loadings. */
export function overlapsPacked(n: number, p: number, W: Float64Array, x: Float64Array, m: Float64Array): void {
  for (let mu = 0; mu < p; mu++) m[mu] = 0;
  const stride = 2 * p;
  for (let i = 0; i < n; i++) {
    const xv = x[i];
    for (let mu = 0; mu < p; mu++) m[mu] += W[stride * i + p + mu] * xv;
  }
  for (let mu = 0; mu < p; mu++) m[mu] /= n;
}

/** One RK4 step, rank 2, φ = tanh (fastTanh inlined by the JIT). */
export function rk4StepRank2Tanh(
  n: number, W: Float64Array, x: Float64Array, acc: Float64Array, s: Float64Array, m: Float64Array, h: number,
): void {
  const invN = 1 / n;
  const h2 = 0.5 * h;
  const h6 = h / 6;
  let a0 = m[0];
  let a1 = m[1];
  let b0 = 0;
  let b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const xv = x[i];
    const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - xv;
    acc[i] = k;
    const y = xv + h2 * k;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const xv = x[i];
    const k1 = acc[i];
    const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - (xv + h2 * k1);
    acc[i] = k1 + 2 * k;
    const y = xv + h2 * k;
    s[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - s[i];
    acc[i] += 2 * k;
    const y = x[i] + h * k;
    s[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const k = fastTanh(W[o] * a0 + W[o + 1] * a1) - s[i];
    const y = x[i] + h6 * (acc[i] + k);
    x[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  m[0] = b0 * invN;
  m[1] = b1 * invN;
}

/**
 * One RK4 step, rank 2, any φ. Deliberately the same loop as `rk4StepRank2Tanh` with φ passed
 * in: V8 inlines `fastTanh` only where the call site is monomorphic, and sharing one body with a
 * φ argument made the tanh kernel 1.7× slower (bench/network.bench.mjs, "generic-tanh kernel").
 */
export function rk4StepRank2(
  n: number, W: Float64Array, x: Float64Array, acc: Float64Array, s: Float64Array, m: Float64Array, h: number,
  phi: Scalar,
): void {
  const invN = 1 / n;
  const h2 = 0.5 * h;
  const h6 = h / 6;
  let a0 = m[0];
  let a1 = m[1];
  let b0 = 0;
  let b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const xv = x[i];
    const k = phi(W[o] * a0 + W[o + 1] * a1) - xv;
    acc[i] = k;
    const y = xv + h2 * k;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const xv = x[i];
    const k1 = acc[i];
    const k = phi(W[o] * a0 + W[o + 1] * a1) - (xv + h2 * k1);
    acc[i] = k1 + 2 * k;
    const y = xv + h2 * k;
    s[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const k = phi(W[o] * a0 + W[o + 1] * a1) - s[i];
    acc[i] += 2 * k;
    const y = x[i] + h * k;
    s[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  a0 = b0 * invN; a1 = b1 * invN; b0 = 0; b1 = 0;
  for (let i = 0, o = 0; i < n; i++, o += 4) {
    const k = phi(W[o] * a0 + W[o + 1] * a1) - s[i];
    const y = x[i] + h6 * (acc[i] + k);
    x[i] = y;
    b0 += W[o + 2] * y;
    b1 += W[o + 3] * y;
  }
  m[0] = b0 * invN;
  m[1] = b1 * invN;
}

/**
 * One RK4 step, any rank p, any φ. `a` and `b` are scratch vectors of length p
 * (stage overlap and its accumulator).
 */
export function rk4StepGeneral(
  n: number, p: number, W: Float64Array, x: Float64Array, acc: Float64Array, s: Float64Array, m: Float64Array,
  h: number, phi: Scalar, a: Float64Array, b: Float64Array,
): void {
  const invN = 1 / n;
  const h2 = 0.5 * h;
  const h6 = h / 6;
  const stride = 2 * p;
  for (let mu = 0; mu < p; mu++) { a[mu] = m[mu]; b[mu] = 0; }
  for (let stage = 0; stage < 4; stage++) {
    for (let i = 0, o = 0; i < n; i++, o += stride) {
      let u = 0;
      for (let mu = 0; mu < p; mu++) u += W[o + mu] * a[mu];
      const xv = x[i];
      let y: number;
      if (stage === 0) {
        const k = phi(u) - xv;
        acc[i] = k;
        y = xv + h2 * k;
      } else if (stage === 1) {
        const k1 = acc[i];
        const k = phi(u) - (xv + h2 * k1);
        acc[i] = k1 + 2 * k;
        y = xv + h2 * k;
        s[i] = y;
      } else if (stage === 2) {
        const k = phi(u) - s[i];
        acc[i] += 2 * k;
        y = xv + h * k;
        s[i] = y;
      } else {
        const k = phi(u) - s[i];
        y = xv + h6 * (acc[i] + k);
        x[i] = y;
      }
      for (let mu = 0; mu < p; mu++) b[mu] += W[o + p + mu] * y;
    }
    for (let mu = 0; mu < p; mu++) { a[mu] = b[mu] * invN; b[mu] = 0; }
  }
  for (let mu = 0; mu < p; mu++) m[mu] = a[mu];
}
