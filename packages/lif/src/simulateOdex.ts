import { integrate, type IntegrateEvent, type EventContext } from '@neurobridge/core';
import type { ResolvedLifParams } from './params.js';
import type { ResolvedSimulateOptions } from './simulateOptions.js';
import type { SimulateResult, SimulateStatus } from './simulateTypes.js';

/**
 * Reference simulation on core's general integrator (odex, Gragg–Bulirsch–Stoer): state
 * y = [u, g], Eq. (3) and the decay part of Eq. (2) as the right-hand side; the spike is an
 * upward zero crossing of u − theta located on the dense output, whose affect resets u and
 * either adds dg (td = 0) or schedules the jump at t + td through ctx.schedule.
 */
export function simulateOdex(p: ResolvedLifParams, o: ResolvedSimulateOptions): SimulateResult {
  const { tau, V0, Delta, theta, dg, tauK, td } = p;
  const invTauK = tauK === Infinity ? 0 : 1 / tauK;
  const spikeTimes: number[] = [];
  let jumps = 0;
  const addJump = (_t: number, y: Float64Array): void => {
    y[1] += dg;
    jumps++;
  };
  const spike: IntegrateEvent = {
    value: (_t, y) => y[0] - theta,
    direction: 1,
    affect: (t: number, y: Float64Array, ctx: EventContext) => {
      spikeTimes.push(t);
      y[0] = 0;
      if (dg > 0) {
        if (td === 0) addJump(t, y);
        else if (t + td <= o.duration) ctx.schedule(t + td, addJump);
      }
    },
  };
  const rhs = (_t: number, y: Float64Array, dydt: Float64Array): void => {
    const u = y[0];
    const g = y[1];
    dydt[0] = (-u + V0 - g * (u + Delta)) / tau;
    dydt[1] = -g * invTauK;
  };
  const res = integrate(rhs, 0, [o.u0, o.g0], o.duration, {
    rtol: o.rtol,
    atol: o.atol,
    maxSteps: o.maxSteps,
    // Spikes plus their delayed jumps, plus one so that exceeding maxSpikes is seen.
    maxEvents: 2 * o.maxSpikes + 4,
    // V0 ≤ θ never fires (u∞(g) ≤ θ for all g ≥ 0); without this the event could fire on
    // rounding when V0 = θ and u has converged to θ.
    events: V0 > theta ? [spike] : [],
    ...(o.recordTimes ? { sample: o.recordTimes } : {}),
  });
  let status: SimulateStatus = 'success';
  let reason = '';
  let n = spikeTimes.length;
  let tEnd = res.tEnd;
  if (n > o.maxSpikes) {
    status = 'maxSpikes';
    reason = `maxSpikes (${o.maxSpikes}) reached: spike ${o.maxSpikes + 1} would occur at t = ${spikeTimes[o.maxSpikes]} ms, before duration = ${o.duration} ms`;
    tEnd = spikeTimes[o.maxSpikes];
    n = o.maxSpikes;
  } else if (res.status === 'maxSteps') {
    status = 'maxSteps';
    reason = `odex: ${res.message}`;
  } else if (res.status === 'maxEvents') {
    status = 'maxSpikes';
    reason = `odex: ${res.message}`;
  } else if (res.status === 'nonFinite') {
    status = 'nonFinite';
    reason = `odex: ${res.message}`;
  }
  const spikes = Float64Array.from(spikeTimes.slice(0, n));
  let trace;
  if (o.recordTimes) {
    // Keep, for each requested time, the last sample at that time (after any reset there).
    const rt = o.recordTimes;
    const tu = new Float64Array(rt.length);
    const tg = new Float64Array(rt.length);
    let k = 0;
    let filled = 0;
    for (let i = 0; i < rt.length && rt[i] <= tEnd; i++) {
      while (k + 1 < res.t.length && res.t[k + 1] <= rt[i]) k++;
      if (res.t[k] !== rt[i]) break;
      tu[i] = res.y[k][0];
      tg[i] = res.y[k][1];
      filled = i + 1;
    }
    trace = { t: rt.slice(0, filled), u: tu.slice(0, filled), g: tg.slice(0, filled) };
  }
  return {
    spikes,
    truncated: status !== 'success',
    status,
    reason,
    tEnd,
    uEnd: status === 'maxSpikes' ? theta : res.yEnd[0],
    gEnd: res.yEnd[1],
    ...(trace ? { trace } : {}),
    stats: { steps: res.stats.nAccept + res.stats.nReject, jumps, method: 'odex' },
  };
}
