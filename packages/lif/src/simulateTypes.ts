/** Options of {@link simulate}. Units: ms, mV. */
export interface SimulateOptions {
  /** Model time to simulate, ms (> 0, finite). Spikes in [0, duration] are returned. */
  readonly duration: number;
  /** Stop (truncated: true, status 'maxSpikes') when a spike beyond this count would occur. @default 1_000_000 */
  readonly maxSpikes?: number;
  /** Initial conductance g(0) (≥ 0). @default 0 */
  readonly g0?: number;
  /** Initial reduced voltage u(0), mV (< theta). @default 0 (rest, E_L) */
  readonly u0?: number;
  /** Sample u(t) and g(t): on the grid t = i·dt (0 ≤ t ≤ duration) or at the given ascending times. */
  readonly record?: { readonly dt: number } | ArrayLike<number>;
  /**
   * 'exact' (default): closed forms between events (tauK = Infinity or g = 0) and a
   * high-order Taylor panel integrator otherwise, spike times to ~1e-13 relative.
   * 'odex': the reference path on core's `integrate` (Gragg–Bulirsch–Stoer with events and
   * scheduled delayed jumps); slower, accurate to its tolerances.
   */
  readonly method?: 'exact' | 'odex';
  /** Bound on integration panels ('exact') or solver steps ('odex'). @default 10_000_000 */
  readonly maxSteps?: number;
  /** 'odex' only: relative tolerance. @default 1e-13 */
  readonly rtol?: number;
  /** 'odex' only: absolute tolerance. @default 1e-13 */
  readonly atol?: number;
}

/** How a run ended. */
export type SimulateStatus = 'success' | 'maxSpikes' | 'maxSteps' | 'nonFinite';

/** Sampled u(t) (mV) and g(t) on the record grid (samples at a spike time hold the reset value). */
export interface LifTrace {
  readonly t: Float64Array;
  readonly u: Float64Array;
  readonly g: Float64Array;
}

export interface SimulateResult {
  /** Spike times, ms, strictly increasing. */
  readonly spikes: Float64Array;
  /** True when the run stopped before `duration` (see status and reason). */
  readonly truncated: boolean;
  readonly status: SimulateStatus;
  /** Human-readable explanation ('' on success). */
  readonly reason: string;
  /** Time reached, ms (duration on success). */
  readonly tEnd: number;
  /** u and g at tEnd (after any reset/jump at tEnd). */
  readonly uEnd: number;
  readonly gEnd: number;
  readonly trace?: LifTrace;
  readonly stats: { readonly steps: number; readonly jumps: number; readonly method: 'exact' | 'odex' };
}
