import { finiteVector, functionArg, knownKeys, show, type Rng } from '@neurobridge/core';
import { MAX_POISSON_MEAN, poissonCountOf } from '../generation/randomVariates.js';
import { checkStimulus, type Stimulus } from './stimulus.js';
import { checkRng, optionsObject } from '../options.js';

/**
 * Expected count per bin as a function of the projections u = Kᵀx (u[i] = k_i·x_t). The
 * array is a buffer reused between calls: read it, do not keep it.
 * @category Spike-triggered analysis
 */
export type Nonlinearity = (projection: Float64Array) => number;

/**
 * One linear–nonlinear cell: n_t ~ Poisson(f(Kᵀx_t)).
 * @category Spike-triggered analysis
 */
export interface LnCell {
  /** the filters k_1…k_m (m ≥ 1, usually 1 or 2), each a D-vector. */
  readonly filters: readonly ArrayLike<number>[];
  /** f ≥ 0: expected spike count in one bin given the projections. */
  readonly nonlinearity: Nonlinearity;
}

/**
 * Options of lnPoisson: the stimulus, the cells it drives, and the stream.
 * @category Spike-triggered analysis
 */
export interface LnPoissonOptions {
  /** the stimulus frames x_t (see `gaussianStimulus`). */
  readonly stimulus: Stimulus;
  /** one or more cells (at most MAX_CELLS); a joint two-cell model is two cells. */
  readonly cells: readonly LnCell[];
  /** random stream; cell c draws from rng.substream(`cell${c}`). */
  readonly rng: Rng;
}

/**
 * The spike counts of lnPoisson, one Float64Array of T bins per cell, and the rates they were drawn from.
 * @category Spike-triggered analysis
 */
export interface LnPoissonResult {
  /** counts[c][t]: spikes of cell c in bin t (integers stored as doubles). */
  readonly counts: Float64Array[];
  /** rates[c][t] = f_c(K_cᵀ x_t): the expected counts the spikes were drawn from. */
  readonly rates: Float64Array[];
}

/**
 * Largest number of cells in one call.
 * @category Spike-triggered analysis
 */
export const MAX_CELLS = 64;

/**
 * Linear–nonlinear–Poisson cells driven by the same stimulus, conditionally independent
 * given it: n_{c,t} ~ Poisson(λ_{c,t}), λ_{c,t} = f_c(K_cᵀ x_t) (Gatsby 2021 Q3: the LN
 * model of each cell; a "joint" model is two such cells). Counts use the exact
 * `poissonCount`; each cell has its own substream, so adding a cell does not change the
 * others' spikes.
 * @throws TypeError for unknown keys, a non-function nonlinearity or a missing rng;
 *   RangeError for filters of the wrong length or count, or a nonlinearity value that is
 *   negative or non-finite (naming the cell and the frame).
 * @category Spike-triggered analysis
 */
export function lnPoisson(options: LnPoissonOptions): LnPoissonResult {
  const opts = knownKeys('options', optionsObject('options', options), ['stimulus', 'cells', 'rng']);
  const stimulus = checkStimulus('options.stimulus', opts.stimulus);
  const rng = checkRng(opts.rng, 'options.rng');
  const cells = opts.cells;
  if (!Array.isArray(cells)) throw new TypeError(`options.cells must be an array of { filters, nonlinearity }; got ${show(cells)}`);
  if (cells.length < 1 || cells.length > MAX_CELLS) throw new RangeError(`options.cells must have length in [1, ${MAX_CELLS}]; got length ${cells.length}`);
  const checked = cells.map((cell, c) => checkLnCell(`options.cells[${c}]`, cell, stimulus.dim));
  const counts: Float64Array[] = [];
  const rates: Float64Array[] = [];
  checked.forEach((cell, c) => {
    const rate = cellRates(`options.cells[${c}]`, stimulus, cell);
    const stream = rng.substream(`cell${c}`);
    const n = new Float64Array(stimulus.frames);
    for (let t = 0; t < n.length; t++) n[t] = poissonCountOf(stream, rate[t]);
    counts.push(n);
    rates.push(rate);
  });
  return { counts, rates };
}

interface CheckedCell {
  filters: Float64Array[];
  nonlinearity: Nonlinearity;
}

/** Validate one cell: 1 ≤ m ≤ D filters of length D, a function nonlinearity. */
export function checkLnCell(name: string, cell: unknown, dim: number): CheckedCell {
  if (cell === null || typeof cell !== 'object') throw new TypeError(`${name} must be an object { filters, nonlinearity }; got ${show(cell)}`);
  const c = knownKeys(name, cell as LnCell, ['filters', 'nonlinearity']);
  const filters = checkFilters(`${name}.filters`, c.filters, dim);
  return { filters, nonlinearity: functionArg(`${name}.nonlinearity`, c.nonlinearity) };
}

/** An array of 1…D finite D-vectors, copied. */
export function checkFilters(name: string, value: unknown, dim: number): Float64Array[] {
  if (!Array.isArray(value)) throw new TypeError(`${name} must be an array of ${dim}-vectors; got ${show(value)}`);
  if (value.length < 1 || value.length > dim) throw new RangeError(`${name} must hold between 1 and ${dim} filters; got ${value.length}`);
  return value.map((k, i) => finiteVector(`${name}[${i}]`, k, dim));
}

/** λ_t = f(Kᵀx_t) for every frame; RangeError naming the frame when f is < 0 or non-finite. */
function cellRates(name: string, stimulus: Stimulus, cell: CheckedCell): Float64Array {
  const { data, frames, dim } = stimulus;
  const { filters, nonlinearity } = cell;
  const m = filters.length;
  const u = new Float64Array(m);
  const rate = new Float64Array(frames);
  for (let t = 0; t < frames; t++) {
    const o = t * dim;
    for (let a = 0; a < m; a++) {
      const k = filters[a];
      let s = 0;
      for (let i = 0; i < dim; i++) s += k[i] * data[o + i];
      u[a] = s;
    }
    const r = nonlinearity(u);
    if (typeof r !== 'number' || !(r >= 0) || r > MAX_POISSON_MEAN) {
      for (let i = 0; i < dim; i++) if (!Number.isFinite(data[o + i])) throw new RangeError(`options.stimulus.data must be finite; frame ${t} has a non-finite entry`);
      throw new RangeError(`${name}.nonlinearity must return an expected count in [0, ${MAX_POISSON_MEAN}]; got ${show(r)} at frame ${t} (projection ${Array.from(u, (v) => v.toPrecision(6)).join(', ')})`);
    }
    rate[t] = r;
  }
  return rate;
}
