// The options and result of a network run (Gatsby 2021 Q2 Eq. (1) by fixed-step RK4), shared by
// `simulateNetwork` and the thread pool's `simulateNetwork`. Kept apart from both solvers and from
// networkRunPlan.ts, which reads the options, so that no two of them import each other (they
// did: simulateNetwork ↔ networkRunPlan) — the problem, the solvers and the result each in their
// own file.

/**
 * Options of {@link simulateNetwork} and {@link NetworkPool.simulateNetwork}: the interval, the RK4
 * step, the sampling and the recorded neurons. Times are in units of the time constant of Eq. (1).
 * @category Network
 */
export interface SimulateNetworkOptions {
  /** length of the simulated interval (time constants), > 0 */
  duration: number;
  /** RK4 step; rounded down so that an integer number of steps spans `duration`. @default 0.01 */
  dt?: number;
  /** spacing of the recorded samples (rounded to a multiple of the step). @default max(dt, duration/1000) */
  sampleDt?: number;
  /** neuron indices whose x_i(t) is recorded, or 'all'. @default the first min(n, 3) */
  components?: readonly number[] | 'all';
  /** bound on the number of RK4 steps; hitting it ends the run with status 'maxSteps'. @default 1e8 */
  maxSteps?: number;
}

/**
 * How a network run ended: 'success' (the whole duration), 'maxSteps' (stopped after `maxSteps`
 * steps), 'nonFinite' (an overlap became NaN or ±∞; the run stopped at that step, which is recorded).
 * @category Network
 */
export type SimulateNetworkStatus = 'success' | 'maxSteps' | 'nonFinite';

/**
 * A network run: the overlaps m(t) (Eq. 4) and the chosen x_i(t) on the sample grid, the end state,
 * and how the run ended — a numerical failure is a `status`, not an exception.
 * @category Network
 */
export interface SimulateNetworkResult {
  /** sample times, t[0] = 0 */
  t: Float64Array;
  /** m[s] = overlaps (length p) at t[s] */
  m: Float64Array[];
  /** recorded neuron indices */
  components: Int32Array;
  /** x[s] = the recorded components at t[s] (x[s][c] = x_{components[c]}(t[s])) */
  x: Float64Array[];
  /** full state at the end of the run */
  xEnd: Float64Array;
  /** overlaps at the end of the run */
  mEnd: Float64Array;
  /** time reached: steps run × `stats.dt` (`duration` on success) */
  tEnd: number;
  /** 'success', or why the run stopped early */
  status: SimulateNetworkStatus;
  /** one sentence on how the run ended (steps and step size, or where it stopped) */
  message: string;
  /** work done */
  stats: {
    /** RK4 steps taken */
    steps: number;
    /** the step used, duration / ⌈duration/dt⌉ ≤ the requested dt (time constants) */
    dt: number;
    /** evaluations of φ: 4 per neuron and step (4·n·steps) */
    phiEvaluations: number;
  };
}
