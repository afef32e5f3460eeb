/**
 * Fused RK4 stages of the network Eq. (1), O(n·p) per step, allocation-free, over any range of
 * neurons — the single-thread stepper runs them over all n, the thread pool gives each thread a
 * range (networkPool.ts).
 *
 * With m(y) = ξᵀ y / n (Eq. 4) the right-hand side is F(y)_i = φ(η_i · m(y)) − y_i, because
 * Σ_j J_ij y_j = η_i · (ξᵀ y)/n (Eq. 11): J is never formed. Classical RK4,
 *
 *   k1 = F(x), k2 = F(x + h/2 k1), k3 = F(x + h/2 k2), k4 = F(x + h k3),
 *   x ← x + h/6 (k1 + 2 k2 + 2 k3 + k4),
 *
 * is done in four passes over the neurons, one per stage: each pass evaluates its stage (one φ
 * per neuron, using the overlap `a` of the stage state computed from the previous pass), forms
 * the next stage state y and accumulates ξ_i y_i on the fly. So φ is evaluated exactly 4n times
 * per step and no pass is spent on reductions alone.
 *
 * Reductions: the sums Σ_i ξ_μi y_i are formed per block of BLOCK neurons (block b covers
 * [b·BLOCK, (b+1)·BLOCK)), each block's sum into part[p·b + μ], and the overlap is
 * (Σ_b part[p·b + μ]) / n summed over blocks in increasing b (`sumPartials`). The order of every
 * addition is fixed by the blocks, not by who computes them: any split of the blocks over threads
 * gives bit-identical results.
 *
 * Rank 2 with core's tanh also has a WebAssembly SIMD version of these stages (networkWasm.ts, two
 * neurons per f64x2), which the stepper and the pool prefer; `rk4StageRank2Tanh` is its JavaScript
 * twin (same operations, same order of every sum, so the same bits) for engines without SIMD.
 *
 * Buffers: W packs [η_i, ξ_i] per neuron (stride 2p) so one stream serves both loadings;
 * acc holds k1 + 2k2 + 2k3 (+k4); s holds the stage state (the stage-2 state is rebuilt from x
 * and acc = k1, sparing a store).
 * The rank-2 tanh kernel runs the same RK4 in its linear form instead (`linearStageWeight`):
 * acc only, no s; its callers advance the stage overlaps with `advanceOverlap`.
 */
import { fastTanh } from './fastTanh.js';

export type Scalar = (u: number) => number;

/** Neurons per reduction block. */
export const BLOCK = 1024;

/** Number of reduction blocks for n neurons. */
export function blockCount(n: number): number {
  return Math.ceil(n / BLOCK);
}

/** Packs eta, xi (n × p row-major) into W (n × 2p): [η_{0..p−1,i}, ξ_{0..p−1,i}]. */
export function packLoadings(n: number, p: number, eta: Float64Array, xi: Float64Array, W: Float64Array = new Float64Array(2 * n * p)): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let mu = 0; mu < p; mu++) {
      W[2 * p * i + mu] = eta[p * i + mu];
      W[2 * p * i + p + mu] = xi[p * i + mu];
    }
  }
  return W;
}

/** m = ξᵀ x / n from packed loadings, with the block order of the stages. */
export function overlapsPacked(n: number, p: number, W: Float64Array, x: Float64Array, m: Float64Array, part: Float64Array = new Float64Array(p * blockCount(n))): void {
  const stride = 2 * p;
  for (let lo = 0, blk = 0; lo < n; lo += BLOCK, blk++) {
    const hi = Math.min(lo + BLOCK, n);
    for (let mu = 0; mu < p; mu++) {
      let b = 0;
      for (let i = lo; i < hi; i++) b += W[stride * i + p + mu] * x[i];
      part[p * blk + mu] = b;
    }
  }
  sumPartials(part, p, blockCount(n), 1 / n, m);
}

/** out_μ = (Σ_b part[p·b + μ]) · invN, blocks in increasing order. */
export function sumPartials(part: Float64Array, p: number, blocks: number, invN: number, out: Float64Array): void {
  for (let mu = 0; mu < p; mu++) {
    let t = 0;
    for (let b = 0; b < blocks; b++) t += part[p * b + mu];
    out[mu] = t * invN;
  }
}

/**
 * Rank 2 with φ = tanh runs RK4 in its linear form. Per neuron, Eq. (1) is x' = φ_i(t) − x with
 * φ_i = tanh(η_i · m) depending on x only through the overlaps, so every RK4 stage state is a
 * combination of x and the stage values φ_K = tanh(η_i · a_K) (K = 1 … 4) with coefficients that
 * are the same for all neurons. With α = h/2, the classical stages
 *
 *   k₁ = φ₁ − x,  s₂ = x + α k₁,  k₂ = φ₂ − s₂,  s₃ = x + α k₂,  k₃ = φ₃ − s₃,  s₄ = x + h k₃,  k₄ = φ₄ − s₄,
 *   x_new = x + (h/6)(k₁ + 2k₂ + 2k₃ + k₄)
 *
 * are, written out,
 *
 *   s₂ = c₁ x + α φ₁,   s₃ = c₂ x − α² φ₁ + α φ₂,   s₄ = c₃ x + hα² φ₁ − hα φ₂ + h φ₃,
 *   c₁ = 1 − α,  c₂ = 1 − α + α²,  c₃ = 1 − h c₂,
 *   x_new = R x + d₁ φ₁ + d₂ φ₂ + d₃ φ₃ + d₄ φ₄,
 *   d₁ = (h/6)(1 − 2α + 2α² − hα²),  d₂ = (h/6)(2 − 2α + hα),  d₃ = (h/6)(2 − h),  d₄ = h/6,
 *   R = 1 − (h/6)(1 + 2c₁ + 2c₂ + c₃)  (= 1 − h + h²/2 − h³/6 + h⁴/24, RK4's factor for x' = −x).
 *
 * So the stage overlaps a_K = ξᵀ s_K / n follow from m(x) and Φ_K = ξᵀ φ_K / n alone
 * (`nextLinearOverlap`), and a stage pass only has to evaluate φ_K, add d_K φ_K into acc and sum
 * ξ φ_K; the last pass forms x_new = R x + (acc + d₄ φ₄) and sums ξ x_new, which is m(x_new).
 * Neither s nor the k's are stored: a quarter less memory traffic and fewer operations per neuron
 * than the classical passes, the same RK4 up to rounding (test/linearRk4.test.ts checks the
 * coefficients against the classical stages; test/network.test.ts the whole run against the
 * classical RK4 on the explicit matrix J, to 1e-13).
 */
export function linearStageWeight(stage: number, h: number): number {
  const al = 0.5 * h;
  const h6 = h / 6;
  if (stage === 0) return h6 * (1 - 2 * al + 2 * al * al - h * al * al);
  if (stage === 1) return h6 * (2 - 2 * al + h * al);
  if (stage === 2) return h6 * (2 - h);
  return h6;
}

/** R(h) of the linear form: the factor on x in x_new (see `linearStageWeight`). */
export function linearDecay(h: number): number {
  const al = 0.5 * h;
  const c1 = 1 - al;
  const c2 = 1 - al + al * al;
  const c3 = 1 - h * c2;
  return 1 - (h / 6) * (1 + 2 * c1 + 2 * c2 + c3);
}

/** Overlap bookkeeping of the linear form within one step: m(x) and Φ₁, Φ₂, Φ₃ (two components each). */
export interface LinearOverlaps {
  mx: Float64Array;
  phi: Float64Array;
}

export function linearOverlaps(): LinearOverlaps {
  return { mx: new Float64Array(2), phi: new Float64Array(6) };
}

/**
 * After stage `stage` of the linear form: `sums` holds that stage's reduced block sums — Φ_{stage+1}
 * for stages 0 … 2, m(x_new) after stage 3. On entry `a` is the stage's own overlap (m(x) at
 * stage 0); on exit the next stage's overlap, or m(x_new) after stage 3:
 *   a₁ = c₁ m + α Φ₁,  a₂ = c₂ m − α² Φ₁ + α Φ₂,  a₃ = c₃ m + hα² Φ₁ − hα Φ₂ + h Φ₃.
 */
export function nextLinearOverlap(stage: number, h: number, sums: Float64Array, lin: LinearOverlaps, a: Float64Array): void {
  const { mx, phi } = lin;
  const al = 0.5 * h;
  if (stage === 0) {
    mx[0] = a[0];
    mx[1] = a[1];
  }
  if (stage === 3) {
    a[0] = sums[0];
    a[1] = sums[1];
    return;
  }
  phi[2 * stage] = sums[0];
  phi[2 * stage + 1] = sums[1];
  const c2 = 1 - al + al * al;
  for (let mu = 0; mu < 2; mu++) {
    const p1 = phi[mu];
    if (stage === 0) a[mu] = (1 - al) * mx[mu] + al * p1;
    else if (stage === 1) a[mu] = c2 * mx[mu] - al * al * p1 + al * phi[2 + mu];
    else a[mu] = (1 - h * c2) * mx[mu] + h * al * al * p1 - h * al * phi[2 + mu] + h * phi[4 + mu];
  }
}

/**
 * Stage `stage` (0 … 3) of the linear form for rank 2, φ = tanh (fastTanh inlined by the JIT), over
 * neurons [i0, i1) with i0 a multiple of BLOCK; (a0, a1) is the stage overlap, c = d_{stage+1}
 * (`linearStageWeight`), r = R (`linearDecay`, used by stage 3 only). Stages 0–2: acc ← (acc +) c φ
 * and the block sums of ξ φ; stage 3: x ← r x + (acc + c φ) and the block sums of ξ x.
 * Sums per block by parity — (Σ over even i) + (Σ over odd i), each in increasing i — the order of
 * the WebAssembly SIMD kernel (two neurons per f64x2, networkWasm.ts), which does the same
 * operations in the same order: both backends give the same bits.
 */
export function rk4StageRank2Tanh(
  stage: number, i0: number, i1: number, W: Float64Array, x: Float64Array, acc: Float64Array,
  a0: number, a1: number, c: number, r: number, part: Float64Array,
): void {
  for (let lo = i0; lo < i1; lo += BLOCK) {
    const hi = Math.min(lo + BLOCK, i1);
    let b0 = 0; // even i
    let b1 = 0;
    let e0 = 0; // odd i
    let e1 = 0;
    if (stage === 0) {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const t = fastTanh(W[o] * a0 + W[o + 1] * a1);
        acc[i] = c * t;
        if ((i & 1) === 0) { b0 += W[o + 2] * t; b1 += W[o + 3] * t; } else { e0 += W[o + 2] * t; e1 += W[o + 3] * t; }
      }
    } else if (stage < 3) {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const t = fastTanh(W[o] * a0 + W[o + 1] * a1);
        acc[i] = acc[i] + c * t;
        if ((i & 1) === 0) { b0 += W[o + 2] * t; b1 += W[o + 3] * t; } else { e0 += W[o + 2] * t; e1 += W[o + 3] * t; }
      }
    } else {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const t = fastTanh(W[o] * a0 + W[o + 1] * a1);
        const y = r * x[i] + (acc[i] + c * t);
        x[i] = y;
        if ((i & 1) === 0) { b0 += W[o + 2] * y; b1 += W[o + 3] * y; } else { e0 += W[o + 2] * y; e1 += W[o + 3] * y; }
      }
    }
    const blk = 2 * (lo / BLOCK);
    part[blk] = b0 + e0;
    part[blk + 1] = b1 + e1;
  }
}

/**
 * As `rk4StageRank2Tanh`, any φ. Deliberately the same loops with φ passed in: V8 inlines
 * `fastTanh` only where the call site is monomorphic, and sharing one body with a φ argument
 * made the tanh kernel 1.7× slower (bench/network.bench.mjs, "generic-tanh kernel").
 */
export function rk4StageRank2(
  stage: number, i0: number, i1: number, W: Float64Array, x: Float64Array, acc: Float64Array, s: Float64Array,
  a0: number, a1: number, h: number, part: Float64Array, phi: Scalar,
): void {
  const h2 = 0.5 * h;
  const h6 = h / 6;
  for (let lo = i0; lo < i1; lo += BLOCK) {
    const hi = Math.min(lo + BLOCK, i1);
    let b0 = 0;
    let b1 = 0;
    if (stage === 0) {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const xv = x[i];
        const k = phi(W[o] * a0 + W[o + 1] * a1) - xv;
        acc[i] = k;
        const y = xv + h2 * k;
        b0 += W[o + 2] * y;
        b1 += W[o + 3] * y;
      }
    } else if (stage === 1) {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const xv = x[i];
        const k1 = acc[i];
        const k = phi(W[o] * a0 + W[o + 1] * a1) - (xv + h2 * k1);
        acc[i] = k1 + 2 * k;
        const y = xv + h2 * k;
        s[i] = y;
        b0 += W[o + 2] * y;
        b1 += W[o + 3] * y;
      }
    } else if (stage === 2) {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const k = phi(W[o] * a0 + W[o + 1] * a1) - s[i];
        acc[i] += 2 * k;
        const y = x[i] + h * k;
        s[i] = y;
        b0 += W[o + 2] * y;
        b1 += W[o + 3] * y;
      }
    } else {
      for (let i = lo, o = 4 * lo; i < hi; i++, o += 4) {
        const k = phi(W[o] * a0 + W[o + 1] * a1) - s[i];
        const y = x[i] + h6 * (acc[i] + k);
        x[i] = y;
        b0 += W[o + 2] * y;
        b1 += W[o + 3] * y;
      }
    }
    const blk = 2 * (lo / BLOCK);
    part[blk] = b0;
    part[blk + 1] = b1;
  }
}

/**
 * RK4 stage `stage`, any rank p, any φ, over [i0, i1). `a` is the stage overlap (length p),
 * `b` a scratch vector of length p.
 */
export function rk4StageGeneral(
  stage: number, i0: number, i1: number, p: number, W: Float64Array, x: Float64Array, acc: Float64Array, s: Float64Array,
  a: Float64Array, h: number, part: Float64Array, phi: Scalar, b: Float64Array,
): void {
  const h2 = 0.5 * h;
  const h6 = h / 6;
  const stride = 2 * p;
  for (let lo = i0; lo < i1; lo += BLOCK) {
    const hi = Math.min(lo + BLOCK, i1);
    for (let mu = 0; mu < p; mu++) b[mu] = 0;
    for (let i = lo, o = stride * lo; i < hi; i++, o += stride) {
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
    const blk = p * (lo / BLOCK);
    for (let mu = 0; mu < p; mu++) part[blk + mu] = b[mu];
  }
}

/**
 * Which fused RK4 kernel steps the network (networkKernels.ts), each O(n·p) per step: 'rank2-tanh'
 * for p = 2 with core's `activations.tanh` (table-based {@link fastTanh}, RK4 in its linear form; the
 * WebAssembly SIMD kernel where available), 'rank2' for p = 2 with any other φ, 'general' for any p.
 * @category Network
 */
export type KernelName = 'rank2-tanh' | 'rank2' | 'general';

/** Buffers of one RK4 run over neurons [i0, i1) of a network (all n-long arrays are shared by the threads). */
export interface StageBuffers {
  n: number;
  p: number;
  W: Float64Array;
  x: Float64Array;
  acc: Float64Array;
  s: Float64Array;
  /** block sums, p × blockCount(n) */
  part: Float64Array;
}

/**
 * After stage `stage`: the next stage's overlap into `a` from the stage's reduced block sums — the
 * sums themselves for the classical kernels, `nextLinearOverlap` for the linear form of rank2-tanh.
 */
export function advanceOverlap(kernel: KernelName, stage: number, h: number, sums: Float64Array, lin: LinearOverlaps, a: Float64Array): void {
  if (kernel === 'rank2-tanh') nextLinearOverlap(stage, h, sums, lin, a);
  else a.set(sums);
}

/**
 * Runs RK4 stage `stage` over [i0, i1) with the chosen kernel: the dispatch shared by the
 * single-thread stepper and the pool's workers. `a` is the stage overlap, `b` scratch (length p).
 */
export function runStage(
  kernel: KernelName, stage: number, i0: number, i1: number, buf: StageBuffers, part: Float64Array,
  a: Float64Array, h: number, phi: Scalar, b: Float64Array,
): void {
  const { W, x, acc, s } = buf;
  if (kernel === 'rank2-tanh') rk4StageRank2Tanh(stage, i0, i1, W, x, acc, a[0], a[1], linearStageWeight(stage, h), linearDecay(h), part);
  else if (kernel === 'rank2') rk4StageRank2(stage, i0, i1, W, x, acc, s, a[0], a[1], h, part, phi);
  else rk4StageGeneral(stage, i0, i1, buf.p, W, x, acc, s, a, h, part, phi, b);
}
