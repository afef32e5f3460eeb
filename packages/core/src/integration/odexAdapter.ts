/**
 * Adapter between the package's `Rhs` (writes into a Float64Array) and odex's `Derivative`
 * (returns an array). The adapter owns two preallocated buffers: odex's argument is copied
 * into one, the user's rhs writes into the other, and that buffer is handed back to odex
 * (odex only reads `ret.length` and `ret[i]`, which a Float64Array provides). Nothing is
 * allocated on our side per evaluation. It also counts evaluations and refuses a non-finite
 * derivative: odex cannot recover from one (a NaN error estimate passes its `err > 1` test
 * and the step is accepted), so the adapter throws `NonFiniteDerivative`, which the driver
 * turns into status 'nonFinite'.
 */
import { Solver } from 'odex';
import type { Derivative } from 'odex';
import type { Rhs } from './integrateTypes.js';

/** Thrown from inside odex when the rhs returns a non-finite derivative; caught by the driver. */
export class NonFiniteDerivative {
  constructor(
    readonly t: number,
    readonly component: number,
    readonly value: number,
  ) {}
}

export interface OdexAdapter {
  readonly solver: Solver;
  readonly derivative: Derivative;
  /** rhs evaluations so far */
  nEval: number;
}

/** odex's Fortran default for the first step (ODEX.F: H = 0 → 1e-4); odex never starts below it. */
export const ODEX_MIN_INITIAL_STEP = 1e-4;

/**
 * @param dense switch on odex's dense output (needed by events and by sample times inside a
 *   step). It costs: bench/integrate.bench.mjs measured 1.3–3.3× the run time of a 2-state
 *   system and 1.7–5.3× at 1000 states (odex stores stage derivatives and builds the
 *   interpolant every step), so it is off when nothing reads the solution between steps.
 */
export function createOdexAdapter(rhs: Rhs, n: number, rtol: number, atol: number, dense: boolean): OdexAdapter {
  const yIn = new Float64Array(n);
  const dOut = new Float64Array(n);
  const solver = new Solver(n);
  solver.relativeTolerance = rtol;
  solver.absoluteTolerance = atol;
  // Dense output for every component (odex's default set when denseComponents is unset).
  solver.denseOutput = dense;
  const adapter: OdexAdapter = {
    solver,
    nEval: 0,
    derivative(t: number, y: number[]): number[] {
      for (let i = 0; i < n; i++) yIn[i] = y[i];
      rhs(t, yIn, dOut);
      adapter.nEval++;
      // x·0 is 0 for finite x and NaN for ±Infinity or NaN: one pass, no branch per entry.
      let probe = 0;
      for (let i = 0; i < n; i++) probe += dOut[i] * 0;
      if (probe !== 0) {
        let i = 0;
        while (i < n && Number.isFinite(dOut[i])) i++;
        throw new NonFiniteDerivative(t, i, dOut[i]);
      }
      return dOut as unknown as number[];
    },
  };
  return adapter;
}
