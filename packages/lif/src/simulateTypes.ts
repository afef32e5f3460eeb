/**
 * Options of {@link simulate}. Units: ms, mV.
 * @category Simulation
 */
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
  readonly record?: {
    /** Sampling interval of the grid, ms (> 0, finite; at most 10^7 samples). */
    readonly dt: number;
  } | ArrayLike<number>;
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

/**
 * How a run ended: 'success' (reached `duration`), 'maxSpikes' (one more spike would have
 * exceeded maxSpikes), 'maxSteps' (panel or solver step bound reached), 'nonFinite' (u or g
 * stopped being a finite number; the reason says where).
 * @category Simulation
 */
export type SimulateStatus = 'success' | 'maxSpikes' | 'maxSteps' | 'nonFinite';

/**
 * Sampled u(t) (mV) and g(t) on the record grid (samples at a spike time hold the reset value).
 * A truncated run holds only the samples up to where it stopped.
 * @category Simulation
 */
export interface LifTrace {
  /** Sample times, ms, ascending (the record grid). */
  readonly t: Float64Array;
  /** Reduced voltage u = V − E_L at each sample, mV (add E_L with membranePotential for V). */
  readonly u: Float64Array;
  /** Adaptation conductance g at each sample (dimensionless, in units of the leak). */
  readonly g: Float64Array;
}

/**
 * What {@link simulate} returns: the spike train and how the run ended. Reaching maxSpikes or
 * maxSteps, or a non-finite value, is reported here (status, reason), not thrown.
 * @category Simulation
 */
export interface SimulateResult {
  /** Spike times, ms, strictly increasing. */
  readonly spikes: Float64Array;
  /** True when the run stopped before `duration` (see status and reason). */
  readonly truncated: boolean;
  /** How the run ended; 'success' exactly when truncated is false. */
  readonly status: SimulateStatus;
  /** Human-readable explanation ('' on success). */
  readonly reason: string;
  /** Time reached, ms (duration on success). */
  readonly tEnd: number;
  /**
   * u at tEnd, mV (after any reset at tEnd; theta when the run stopped at maxSpikes, the state
   * just before the spike that was not taken).
   */
  readonly uEnd: number;
  /** g at tEnd (after any conductance jump at tEnd). */
  readonly gEnd: number;
  /** Samples of u and g; present only when options.record was given. */
  readonly trace?: LifTrace;
  /** Work done by the run. */
  readonly stats: {
    /** Taylor panels ('exact'; 0 when every interval had a closed form) or accepted plus rejected solver steps ('odex'). */
    readonly steps: number;
    /** Conductance jumps g += Δg applied: one per spike whose jump time t_k + td was reached (none when Δg = 0). */
    readonly jumps: number;
    /** The method that ran, options.method or its default 'exact'. */
    readonly method: 'exact' | 'odex';
  };
}
