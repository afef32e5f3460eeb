import { portableExp, portableExpm1, portableLog1p } from '@neurobridge/core';
import type { ResolvedLifParams } from './params.js';
import type { ResolvedSimulateOptions } from './simulateOptions.js';
import type { SimulateResult, SimulateStatus } from './simulateTypes.js';
import { timeToThreshold } from './spikeTime.js';
import { G_FLUSH } from './firstPassage.js';
import { buildPanel, currentPanelY, panelEndValue, panelRoot, panelValue } from './taylorPanel.js';

/**
 * Event-driven exact simulation of Eqs. (2)–(3).
 *
 * Events are spikes (u reaches theta; u := 0; g += dg now if td = 0, else a jump is queued
 * at t_k + td) and delayed jumps (g += dg at their exact scheduled time; the queue is FIFO
 * because spike times increase). Between events:
 *  - g constant (tauK = Infinity, or g = 0): closed form, Eq. (9) from any u0,
 *      u(s) = u∞ + (u0 − u∞) e^{−s(1+g)/tau}, next spike after timeToThreshold (Eq. (4));
 *  - otherwise g(s) = g e^{−s/tauK} in closed form and u on Taylor panels in
 *    y = 1 − e^{−s/tauK} (taylorPanel.ts), the crossing located by Newton on the panel polynomial.
 * A conductance below G_FLUSH (1e-20) is set to 0, after which the closed form applies (its
 * effect on u is below rounding). A spike exactly at a jump time is processed first; a spike
 * at t = duration is included.
 *
 * One pass of the loop advances to the next event before tLimit = min(next jump, duration)
 * ({@link relaxClosedForm} or {@link advanceOnPanels}), then handles it ({@link fireSpike},
 * {@link applyDueJumps}). The run's state lives in one {@link ExactRun} allocated per call:
 * nothing is allocated per spike except when a buffer doubles.
 */
export function simulateExact(p: ResolvedLifParams, o: ResolvedSimulateOptions): SimulateResult {
  const r = startRun(p, o);
  for (;;) {
    if (r.g < G_FLUSH) r.g = 0;
    const tJump = r.qLen > 0 ? r.queue[r.qHead] : Infinity;
    const tLimit = tJump < r.duration ? tJump : r.duration;
    const spiked = r.g === 0 || r.invTauK === 0 ? relaxClosedForm(r, tLimit) : advanceOnPanels(r, tLimit);
    if (r.status !== 'success') break;
    if (spiked) {
      if (fireSpike(r)) continue;
      break;
    }
    // Panels stopped early because g was flushed to 0: go on in closed form.
    if (r.t < tLimit) continue;
    if (r.t === tJump) {
      applyDueJumps(r);
      continue;
    }
    break;
  }
  return runResult(r);
}

/** Samples of u and g on the record grid t[0 …], filled up to index i (exclusive). */
interface Recording {
  readonly t: Float64Array;
  readonly u: Float64Array;
  readonly g: Float64Array;
  i: number;
}

/**
 * State of one exact run: the parameters it reads in the loop (the resolved params themselves), the current (t, u, g), the spike
 * buffer, the FIFO queue of delayed jump times queue[qHead … qHead + qLen), counters and status.
 */
interface ExactRun extends ResolvedLifParams {
  /** 1/tauK, 0 when tauK = Infinity (g then constant between events). */
  readonly invTauK: number;
  /** V0 > θ: whether u can ever reach θ (see startRun). */
  readonly canFire: boolean;
  readonly duration: number;
  readonly maxSpikes: number;
  readonly maxSteps: number;
  t: number;
  u: number;
  g: number;
  spikes: Float64Array;
  n: number;
  cap: number;
  queue: Float64Array;
  qHead: number;
  qLen: number;
  steps: number;
  jumps: number;
  status: SimulateStatus;
  reason: string;
  /** time of the spike found by the last interval phase (when it returned true). */
  tSpike: number;
  readonly rec: Recording | null;
}

/** Setup phase: the run's state at t = 0, u = u0, g = g0, with its buffers preallocated. */
function startRun(p: ResolvedLifParams, o: ResolvedSimulateOptions): ExactRun {
  const { tau, V0, Delta, theta, dg, tauK, td } = p;
  const { duration, maxSpikes, maxSteps } = o;
  const rt = o.recordTimes;
  const ts0 = timeToThreshold(tau, V0, Delta, theta, 0, 0);
  // Initial capacity: the no-adaptation count duration/t_s(0) (an upper bound), at most 65536; grows by doubling.
  const cap = Math.max(16, Math.min(maxSpikes, 65536, Number.isFinite(ts0) ? Math.ceil(duration / ts0) + 16 : 16));
  return {
    tau, V0, Delta, theta, dg, tauK, td,
    invTauK: tauK === Infinity ? 0 : 1 / tauK,
    // V0 ≤ θ: u∞(g) = (V0 − gΔ)/(1+g) ≤ θ for every g ≥ 0, so u < θ forever (u only tends to
    // θ when V0 = θ and g → 0); rounding of a u that has converged to θ must not fire.
    canFire: V0 > theta,
    duration, maxSpikes, maxSteps,
    t: 0,
    u: o.u0,
    g: o.g0,
    spikes: new Float64Array(cap),
    n: 0,
    cap,
    queue: new Float64Array(td > 0 && dg > 0 ? 64 : 1),
    qHead: 0,
    qLen: 0,
    steps: 0,
    jumps: 0,
    status: 'success',
    reason: '',
    tSpike: -1,
    rec: rt ? { t: rt, u: new Float64Array(rt.length), g: new Float64Array(rt.length), i: 0 } : null,
  };
}

/**
 * Constant g up to tLimit, Eq. (9): u(s) = u∞ + (u0 − u∞) e^{−s(1+g)/tau}, u∞ = (V0 − gΔ)/(1+g),
 * with the next spike after s = t_s(g; u0) (timeToThreshold, Eq. (4)). Records the grid times
 * before the piece's end. Returns true with tSpike = t + s if that is ≤ tLimit (state left at the
 * piece's start), else false with the state relaxed to t = tLimit.
 */
function relaxClosedForm(r: ExactRun, tLimit: number): boolean {
  const { t, u, g, tau } = r;
  const onePlusG = 1 + g;
  const uInf = (r.V0 - g * r.Delta) / onePlusG;
  const s = timeToThreshold(tau, r.V0, r.Delta, r.theta, g, u);
  const tEndPiece = t + s <= tLimit ? t + s : tLimit;
  if (r.rec !== null) recordClosedForm(r.rec, tEndPiece, t, u, g, uInf, onePlusG, tau);
  if (t + s <= tLimit) {
    r.tSpike = t + s;
    return true;
  }
  r.u = uInf + (u - uInf) * portableExp((-(tLimit - t) * onePlusG) / tau);
  r.t = tLimit;
  return false;
}

/**
 * Decaying g up to tLimit: Taylor panels in y = 1 − e^{−s/tauK} (taylorPanel.ts), each either
 * crossing θ (then the crossing is located on it, g set to g(s)) or advancing t, u and
 * g(s) = g (1 − Y) to its end. Returns true with tSpike set at a crossing; false when t reached
 * tLimit, g fell below G_FLUSH (flushed to 0: the caller goes on in closed form), or the run
 * stopped (status 'maxSteps' or 'nonFinite').
 */
function advanceOnPanels(r: ExactRun, tLimit: number): boolean {
  // The panels' state lives in locals, written back to the run on every exit. The crossing stays
  // inline and the spike time goes to r.tSpike rather than a returned double: a separate crossing
  // function kept V8 from inlining panelRoot, and a returned double is boxed; together they cost
  // 4–9 % in bench/population.bench.mjs (this layout: within 2 % of the single-function loop).
  const { tau, V0, Delta, theta, tauK, invTauK, canFire, maxSteps, rec } = r;
  let { t, u, g, steps } = r;
  let spiked = false;
  for (;;) {
    const hMax = tLimit - t;
    if (!(hMax > 0)) {
      t = tLimit;
      break;
    }
    if (steps >= maxSteps) {
      r.status = 'maxSteps';
      break;
    }
    if (g < G_FLUSH) {
      // g has decayed to where g(u + Δ) is below the rounding of u: continue in closed form.
      g = 0;
      break;
    }
    const h = buildPanel(tau, V0, Delta, tauK, u, g, hMax);
    const Y = currentPanelY();
    steps++;
    const uEnd = panelEndValue();
    if (!Number.isFinite(uEnd)) {
      r.status = 'nonFinite';
      break;
    }
    if (canFire && uEnd >= theta) {
      // The crossing: Newton on the panel polynomial in x = y/Y from the closed-form crossing t_s
      // (Eq. (4)) at the panel's mid-point conductance g e^{−h/(2 tauK)}; s = −tauK log(1 − xY).
      const sGuess = timeToThreshold(tau, V0, Delta, theta, g * portableExp(-0.5 * h * invTauK), u);
      const x = panelRoot(theta, -portableExpm1(-sGuess * invTauK) / Y);
      const s = -tauK * portableLog1p(-x * Y);
      r.tSpike = t + s;
      if (rec !== null) recordOnPanel(rec, t + s, t, g, invTauK, Y);
      g *= 1 - x * Y;
      spiked = true;
      break;
    }
    const last = h >= hMax;
    const tNext = last ? tLimit : t + h;
    if (rec !== null) recordOnPanel(rec, tNext, t, g, invTauK, Y);
    u = uEnd;
    g *= 1 - Y;
    t = tNext;
    if (last) break;
  }
  r.t = t;
  r.u = u;
  r.g = g;
  r.steps = steps;
  if (r.status !== 'success') r.reason = panelStopReason(r);
  return spiked;
}

/** Why the run stopped on a panel (status 'maxSteps' or 'nonFinite'), saying where. */
function panelStopReason(r: ExactRun): string {
  return r.status === 'nonFinite'
    ? `u became non-finite on the Taylor panel at t = ${r.t} ms (g = ${r.g}): V0 = ${r.V0} mV, Delta = ${r.Delta} mV times tauK/tau = ${r.tauK / r.tau} overflow`
    : `maxSteps (${r.maxSteps}) integration panels reached at t = ${r.t} ms before duration = ${r.duration} ms`;
}

/**
 * The spike at tSpike: stored, u := 0, and g += dg now (td = 0) or queued at tSpike + td if that
 * is within the duration. Returns false (status 'maxSpikes', state just before the spike: u = θ)
 * when maxSpikes spikes are already stored.
 */
function fireSpike(r: ExactRun): boolean {
  const tSpike = r.tSpike;
  if (r.n >= r.maxSpikes) {
    r.status = 'maxSpikes';
    r.reason = `maxSpikes (${r.maxSpikes}) reached: spike ${r.maxSpikes + 1} would occur at t = ${tSpike} ms, before duration = ${r.duration} ms`;
    r.u = r.theta;
    r.t = tSpike;
    return false;
  }
  if (r.n === r.cap) growSpikes(r);
  r.spikes[r.n++] = tSpike;
  r.t = tSpike;
  r.u = 0;
  if (r.dg > 0) {
    if (r.td === 0) {
      r.g += r.dg;
      r.jumps++;
    } else if (tSpike + r.td <= r.duration) {
      enqueueJump(r, tSpike + r.td);
    }
  }
  return true;
}

/** Doubles the spike buffer (at least 16, at most max(maxSpikes, 16)). */
function growSpikes(r: ExactRun): void {
  r.cap = Math.min(Math.max(2 * r.cap, 16), Math.max(r.maxSpikes, 16));
  const grown = new Float64Array(r.cap);
  grown.set(r.spikes);
  r.spikes = grown;
}

/** Appends a delayed jump time to the FIFO queue, compacting it to the front or doubling it when full. */
function enqueueJump(r: ExactRun, tJump: number): void {
  if (r.qHead + r.qLen === r.queue.length) {
    if (r.qHead > 0) {
      r.queue.copyWithin(0, r.qHead, r.qHead + r.qLen);
      r.qHead = 0;
    }
    if (r.qLen === r.queue.length) {
      const grown = new Float64Array(2 * r.queue.length);
      grown.set(r.queue);
      r.queue = grown;
    }
  }
  r.queue[r.qHead + r.qLen++] = tJump;
}

/** The delayed jumps scheduled at the current t: g += dg for each, removed from the queue. */
function applyDueJumps(r: ExactRun): void {
  const { queue, t, dg } = r;
  while (r.qLen > 0 && queue[r.qHead] === t) {
    r.g += dg;
    r.jumps++;
    r.qHead++;
    r.qLen--;
  }
  if (r.qLen === 0) r.qHead = 0;
}

/**
 * Teardown: the result. After a successful run the grid times left (up to the duration, after
 * the last event) hold the final u and g; a truncated run's trace stops where it stopped.
 */
function runResult(r: ExactRun): SimulateResult {
  const { rec, status, t, u, g } = r;
  let trace;
  if (rec !== null) {
    if (status === 'success') {
      while (rec.i < rec.t.length) {
        rec.u[rec.i] = u;
        rec.g[rec.i] = g;
        rec.i++;
      }
    }
    trace = { t: rec.t.slice(0, rec.i), u: rec.u.slice(0, rec.i), g: rec.g.slice(0, rec.i) };
  }
  return {
    spikes: r.spikes.slice(0, r.n),
    truncated: status !== 'success',
    status,
    reason: r.reason,
    tEnd: t,
    uEnd: u,
    gEnd: g,
    ...(trace ? { trace } : {}),
    stats: { steps: r.steps, jumps: r.jumps, method: 'exact' },
  };
}

/**
 * Record u and g at the grid times before `until` on a constant-g piece starting at (t, u0):
 * Eq. (9), u = u∞ + (u0 − u∞) e^{−(t_i − t)(1+g)/tau}, g unchanged.
 */
function recordClosedForm(rec: Recording, until: number, t: number, u0: number, g: number, uInf: number, onePlusG: number, tau: number): void {
  const { t: rt, u: recU, g: recG } = rec;
  let ri = rec.i;
  while (ri < rt.length && rt[ri] < until) {
    recU[ri] = uInf + (u0 - uInf) * portableExp((-(rt[ri] - t) * onePlusG) / tau);
    recG[ri] = g;
    ri++;
  }
  rec.i = ri;
}

/**
 * Record u and g at the grid times before `until` on the current Taylor panel (which
 * starts at t with conductance g; Y = 1 − e^{−h/tauK} its length in y): g(s) = g (1 − y),
 * y = 1 − e^{−s/tauK}, u from the panel polynomial at y/Y.
 */
function recordOnPanel(rec: Recording, until: number, t: number, g: number, invTauK: number, Y: number): void {
  const { t: rt, u: recU, g: recG } = rec;
  let ri = rec.i;
  while (ri < rt.length && rt[ri] < until) {
    const yy = -portableExpm1(-(rt[ri] - t) * invTauK);
    recU[ri] = panelValue(yy / Y);
    recG[ri] = g * (1 - yy);
    ri++;
  }
  rec.i = ri;
}
