import { gaussLegendre, knownKeys, nonNegativeNumber, positiveNumber, show } from '@neurobridge/core';
import { binCenter, binEdge, resolveBins, type Bins, type BinsInput } from '../statistics/bins.js';
import { resolveCommonDrive, type CommonDriveModel, type ResolvedCommonDrive } from '../generation/commonDrive.js';
import { LAG_ORDER, lagPanelCount, lagPanels } from '../generation/driveRate.js';
import { checkJpsthSize, type BinMatrix } from '../statistics/jpsth.js';
import { optionsObject, requiredOptions } from '../options.js';
import { resolveRate, type RateInput, type RateModel } from '../generation/rate.js';

/**
 * 'binned': the exam's answer, ρ constant within a bin (ρ_m = ρ(centre of bin m), counts
 * ρ_mΔ, and under common drive the kernel taken at bin centres too); 'exact': the bin
 * integrals R_m = ∫_bin ρ dt, with no assumption on how ρ varies inside a bin.
 * @category Closed forms
 */
export type ExpectedForm = 'exact' | 'binned';

/**
 * Options of the expected-JPSTH closed forms.
 * @category Closed forms
 */
export interface ExpectedJpsthOptions {
  /** @default 'exact' */
  readonly form?: ExpectedForm;
  /** panel width (ms) of the integrals of a rate function. @default window/512 */
  readonly quadratureStep?: number;
}

/**
 * Options of expectedJpsthDoublyStochastic.
 * @category Closed forms
 */
export interface DoublyStochasticExpectedOptions extends ExpectedJpsthOptions {
  /** γ², the variance of the trial gain (mean 1) */
  readonly gainVariance: number;
}

/**
 * Options of expectedJpsthCommonDrive.
 * @category Closed forms
 */
export interface CommonDriveExpectedOptions extends ExpectedJpsthOptions {
  /** bound on the quadrature's multiply-adds, checked before it starts. @default 1e9 */
  readonly maxWork?: number;
}

function checkForm(form: unknown): ExpectedForm {
  if (form === undefined) return 'exact';
  if (form !== 'exact' && form !== 'binned') throw new RangeError(`form must be 'exact' or 'binned'; got ${show(form)}`);
  return form;
}

/**
 * Expected count per trial in each bin: R_m = ∫_bin ρ (exact) or ρ(c_m)Δ (binned).
 * @category Closed forms
 */
export function expectedCounts(rate: RateModel, b: Bins, form: ExpectedForm): Float64Array {
  const R = new Float64Array(b.count);
  for (let m = 0; m < b.count; m++) {
    R[m] = form === 'exact' ? rate.cumulative(binEdge(b, m + 1)) - rate.cumulative(binEdge(b, m)) : rate.at(binCenter(b, m)) * b.width;
  }
  return R;
}

/**
 * RangeError naming the rate when the expected pair counts overflow a double (R_m²
 * beyond 1.8e308): the closed form would otherwise be Infinity, a number that looks valid.
 */
function checkOverflow(name: string, R: Float64Array, scale: number): void {
  let max = 0;
  for (let m = 0; m < R.length; m++) max = Math.max(max, R[m]);
  if (!Number.isFinite(scale * max * max)) {
    throw new RangeError(`${name} is too large: the expected pair counts per bin pair overflow (largest expected count per bin ${max.toPrecision(4)}, squared ${(max * max).toPrecision(4)}); use a smaller rate or narrower bins`);
  }
}

function outer(b: Bins, R: Float64Array, scale: number): BinMatrix {
  checkOverflow('rate', R, scale);
  const M = b.count;
  const values = new Float64Array(M * M);
  for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) values[m * M + n] = scale * R[m] * R[n];
  return { bins: b, size: M, values };
}

function rateAndBins(rate: RateInput, bins: BinsInput, o: ExpectedJpsthOptions): { model: RateModel; b: Bins; form: ExpectedForm } {
  const b = resolveBins(bins);
  checkJpsthSize(b);
  const q = o.quadratureStep === undefined ? {} : { quadratureStep: positiveNumber('quadratureStep', o.quadratureStep) };
  return { model: resolveRate('rate', rate, b.start, b.stop, q), b, form: checkForm(o.form) };
}

/**
 * Gatsby Q3.1 — independent inhomogeneous Poisson cells with the same rate ρ(t):
 *   E[J_mn] = E[n⁽¹⁾_m] E[n⁽²⁾_n] = R_m R_n,  binned: ρ(t_m)ρ(t_n)Δ²
 * (independence factorises the pair count; the diagonal m = n has no extra term because the
 * two spikes come from different cells).
 * @category Closed forms
 */
export function expectedJpsthIndependent(rate: RateInput, bins: BinsInput, options?: ExpectedJpsthOptions): BinMatrix {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['form', 'quadratureStep']);
  const { model, b, form } = rateAndBins(rate, bins, o);
  return outer(b, expectedCounts(model, b, form), 1);
}

/**
 * Gatsby Q3.2 — doubly stochastic cells, intensity g⁽ᵏ⁾ρ(t) with the gain shared on a trial,
 * E[g] = 1, Var[g] = γ²: given g the cells are independent, E[n⁽¹⁾_m n⁽²⁾_n | g] = g²R_mR_n,
 * and E[g²] = 1 + γ², so
 *   E[J_mn] = (1 + γ²) R_m R_n,  binned: (1 + γ²) ρ(t_m)ρ(t_n)Δ².
 * The excess over the PSTH predictor, γ²R_mR_n, is spread over the whole JPSTH, not near
 * its diagonal.
 * @category Closed forms
 */
export function expectedJpsthDoublyStochastic(rate: RateInput, bins: BinsInput, options: DoublyStochasticExpectedOptions): BinMatrix {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['form', 'quadratureStep', 'gainVariance']);
  const gamma2 = nonNegativeNumber('gainVariance', o.gainVariance);
  const { model, b, form } = rateAndBins(rate, bins, o);
  return outer(b, expectedCounts(model, b, form), 1 + gamma2);
}

/**
 * Gatsby Q3.3 — common drive. Given the driver's spikes s⁽³⁾ the cells are independent
 * Poisson with the same intensity λ(t) = (1 − α)ρ(t) + α∫k(t − τ)s⁽³⁾(τ)dτ, so
 * E[J_mn] = E[Λ_m Λ_n] with Λ_m = ∫_bin m λ. E[λ] = ρ, and Campbell's theorem for the
 * Poisson driver, Cov[s⁽³⁾(τ), s⁽³⁾(τ′)] = ρ⁽³⁾(τ)δ(τ − τ′), gives the single integral
 *   E[J_mn] = R_m R_n + α² ∫dτ ρ⁽³⁾(τ) K_m(τ) K_n(τ),  K_m(τ) = ∫_bin m k(t − τ) dt,
 *   binned: Δ²[ρ(t_m)ρ(t_n) + α² ∫dτ ρ⁽³⁾(τ) k(t_m − τ) k(t_n − τ)].
 * Evaluated by Gauss–Legendre over τ in panels split at every bin edge (binned: centre) and
 * at most the kernel's scale wide; the ρ of R_m is k ∗ ρ⁽³⁾ from driveStart (exactly the
 * simulated model's).
 * @throws RangeError when the quadrature would exceed maxWork multiply-adds.
 * @category Closed forms
 */
export function expectedJpsthCommonDrive(model: CommonDriveModel, bins: BinsInput, options?: CommonDriveExpectedOptions): BinMatrix {
  const o = optionsObject('options', options);
  knownKeys('options', o, ['form', 'quadratureStep', 'maxWork']);
  const b = resolveBins(bins);
  checkJpsthSize(b);
  const form = checkForm(o.form);
  requiredOptions(model, ['driverRate', 'kernel', 'alpha', 'driveStart'], 'model');
  const m = resolveCommonDrive({ ...model, start: b.start, stop: b.stop, ...(o.quadratureStep === undefined ? {} : { quadratureStep: o.quadratureStep }) });
  const maxWork = o.maxWork === undefined ? 1e9 : positiveNumber('maxWork', o.maxWork);
  const C = driveCovariance(m, b, form, maxWork);
  const R = form === 'exact' ? expectedCounts(m.rate, b, 'exact') : expectedCounts(m.rate, b, 'binned');
  const M = b.count, a2 = m.alpha * m.alpha;
  checkOverflow('model.driverRate', R, 1);
  const values = new Float64Array(M * M);
  for (let i = 0; i < M; i++) for (let j = 0; j < M; j++) values[i * M + j] = R[i] * R[j] + a2 * C[i * M + j];
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`model.driverRate is too large: E[J] at bins (${Math.floor(i / M)}, ${i % M}) overflows (${values[i]}); use a smaller rate, gain or narrower bins`);
  }
  return { bins: b, size: M, values };
}

/**
 * ∫dτ ρ⁽³⁾(τ) v_m(τ) v_n(τ) for all bin pairs, with v_m = K_m (exact) or Δ·k(t_m − τ)
 * (binned). For each Gauss node τ only the bins the kernel reaches are active (bin end after
 * τ, bin start within the kernel's support); their outer product is accumulated.
 * @category Closed forms
 */
export function driveCovariance(m: ResolvedCommonDrive, b: Bins, form: ExpectedForm, maxWork: number): Float64Array {
  const M = b.count, k = m.kernel;
  const marks = Array.from({ length: M + 1 }, (_, i) => (form === 'exact' ? binEdge(b, i) : i < M ? binCenter(b, i) : b.stop));
  const from = Math.max(m.driveStart, b.start - k.support), breaks = [...marks, ...m.driver.breakpoints], width = Math.min(k.scale, b.width);
  // every panel costs at least LAG_ORDER kernel evaluations: refuse before building them
  const panels = lagPanelCount(from, b.stop, breaks, width);
  if (!(LAG_ORDER * panels <= maxWork)) {
    throw new RangeError(`maxWork must be >= the common-drive quadrature's ${(LAG_ORDER * panels).toPrecision(3)} kernel evaluations (${panels.toPrecision(3)} panels of at most ${width} ms: kernel scale ${k.scale} ms, bins ${b.width} ms, from driveStart ${m.driveStart} ms); got ${maxWork}: use a longer kernel time constant, a later driveStart or raise maxWork`);
  }
  const edges = lagPanels(from, b.stop, breaks, width);
  const active = (lo: number, hi: number) => activeBins(b, k.support, form, lo, hi);
  let work = 0;
  for (let i = 0; i + 1 < edges.length; i++) { const [lo, hi] = active(edges[i], edges[i + 1]); work += LAG_ORDER * (hi - lo) * (hi - lo + 1) / 2; }
  if (work > maxWork) throw new RangeError(`maxWork must be >= the common-drive quadrature's ${work.toPrecision(3)} multiply-adds (${M} bins, kernel support ${k.support} ms); got ${maxWork}: use wider bins or raise maxWork`);
  const rule = gaussLegendre(LAG_ORDER);
  const C = new Float64Array(M * M), v = new Float64Array(M);
  const weight = (m0: number, tau: number) => (form === 'exact'
    ? k.cumulative(binEdge(b, m0 + 1) - tau) - k.cumulative(Math.max(binEdge(b, m0) - tau, 0))
    : b.width * k.value(binCenter(b, m0) - tau));
  for (let i = 0; i + 1 < edges.length; i++) {
    const a = edges[i], z = edges[i + 1], half = 0.5 * (z - a), mid = 0.5 * (a + z);
    const [lo, hi] = active(a, z);
    for (let q = 0; q < LAG_ORDER; q++) {
      const tau = mid + half * rule.nodes[q];
      const w = half * rule.weights[q] * m.driver.at(tau);
      if (w === 0) continue;
      for (let r = lo; r < hi; r++) v[r] = weight(r, tau);
      for (let r = lo; r < hi; r++) {
        const wr = w * v[r], row = r * M;
        for (let s = r; s < hi; s++) C[row + s] += wr * v[s];
      }
    }
  }
  for (let r = 0; r < M; r++) for (let s = 0; s < r; s++) C[r * M + s] = C[s * M + r];
  return C;
}

/** [lo, hi): the bins whose weight can be non-zero for τ in [a, z]. */
function activeBins(b: Bins, support: number, form: ExpectedForm, a: number, z: number): [number, number] {
  // first bin whose end (exact) or centre (binned) lies after a: earlier ones see τ > t
  let lo = Math.max(0, Math.floor((a - b.start) / b.width) - 1);
  while (lo < b.count && (form === 'exact' ? binEdge(b, lo + 1) : binCenter(b, lo)) <= a) lo++;
  // bins starting later than z + support see only the kernel's negligible tail
  let hi = Math.min(b.count, Math.max(lo, Math.ceil((z + support - b.start) / b.width) + 1));
  while (hi > lo && binEdge(b, hi - 1) - z > support) hi--;
  return [lo, hi];
}
