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
 */
export function simulateExact(p: ResolvedLifParams, o: ResolvedSimulateOptions): SimulateResult {
  const { tau, V0, Delta, theta, dg, tauK, td } = p;
  const { duration, maxSpikes, maxSteps } = o;
  const invTauK = tauK === Infinity ? 0 : 1 / tauK;
  // V0 ≤ θ: u∞(g) = (V0 − gΔ)/(1+g) ≤ θ for every g ≥ 0, so u < θ forever (u only tends to
  // θ when V0 = θ and g → 0); rounding of a u that has converged to θ must not fire.
  const canFire = V0 > theta;
  const rt = o.recordTimes;
  const nRec = rt ? rt.length : 0;
  const recU = rt ? new Float64Array(nRec) : null;
  const recG = rt ? new Float64Array(nRec) : null;
  let ri = 0;

  let t = 0;
  let u = o.u0;
  let g = o.g0;
  const ts0 = timeToThreshold(tau, V0, Delta, theta, 0, 0);
  // Initial capacity: the no-adaptation count duration/t_s(0) (an upper bound), at most 65536; grows by doubling.
  let cap = Math.max(16, Math.min(maxSpikes, 65536, Number.isFinite(ts0) ? Math.ceil(duration / ts0) + 16 : 16));
  let spikes = new Float64Array(cap);
  let n = 0;
  let queue = new Float64Array(td > 0 && dg > 0 ? 64 : 1);
  let qHead = 0;
  let qLen = 0;
  let steps = 0;
  let jumps = 0;
  let status: SimulateStatus = 'success';
  let reason = '';

  for (;;) {
    if (g < G_FLUSH) g = 0;
    const tJump = qLen > 0 ? queue[qHead] : Infinity;
    const tLimit = tJump < duration ? tJump : duration;
    let tSpike = -1;
    if (g === 0 || invTauK === 0) {
      // Constant g: closed form.
      const onePlusG = 1 + g;
      const uInf = (V0 - g * Delta) / onePlusG;
      const s = timeToThreshold(tau, V0, Delta, theta, g, u);
      const tEndPiece = t + s <= tLimit ? t + s : tLimit;
      if (recU !== null && recG !== null && rt !== null) {
        while (ri < nRec && rt[ri] < tEndPiece) {
          recU[ri] = uInf + (u - uInf) * portableExp((-(rt[ri] - t) * onePlusG) / tau);
          recG[ri] = g;
          ri++;
        }
      }
      if (t + s <= tLimit) {
        tSpike = t + s;
      } else {
        u = uInf + (u - uInf) * portableExp((-(tLimit - t) * onePlusG) / tau);
        t = tLimit;
      }
    } else {
      for (;;) {
        const hMax = tLimit - t;
        if (!(hMax > 0)) {
          t = tLimit;
          break;
        }
        if (steps >= maxSteps) {
          status = 'maxSteps';
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
          status = 'nonFinite';
          break;
        }
        if (canFire && uEnd >= theta) {
          // First guess: the closed-form crossing at the panel's mid-point conductance.
          const sGuess = timeToThreshold(tau, V0, Delta, theta, g * portableExp(-0.5 * h * invTauK), u);
          const x = panelRoot(theta, -portableExpm1(-sGuess * invTauK) / Y);
          const s = -tauK * portableLog1p(-x * Y);
          tSpike = t + s;
          if (recU !== null && recG !== null && rt !== null) ri = recordOnPanel(rt, recU, recG, ri, tSpike, t, g, invTauK, Y);
          g *= 1 - x * Y;
          break;
        }
        const last = h >= hMax;
        const tNext = last ? tLimit : t + h;
        if (recU !== null && recG !== null && rt !== null) ri = recordOnPanel(rt, recU, recG, ri, tNext, t, g, invTauK, Y);
        u = uEnd;
        g *= 1 - Y;
        t = tNext;
        if (last) break;
      }
      if (status === 'nonFinite') {
        reason = `u became non-finite on the Taylor panel at t = ${t} ms (g = ${g}): V0 = ${V0} mV, Delta = ${Delta} mV times tauK/tau = ${tauK / tau} overflow`;
        break;
      }
      if (status !== 'success') {
        reason = `maxSteps (${maxSteps}) integration panels reached at t = ${t} ms before duration = ${duration} ms`;
        break;
      }
    }

    // Panels stopped early because g was flushed to 0: go on in closed form.
    if (tSpike < 0 && t < tLimit) continue;
    if (tSpike >= 0) {
      if (n >= maxSpikes) {
        status = 'maxSpikes';
        reason = `maxSpikes (${maxSpikes}) reached: spike ${maxSpikes + 1} would occur at t = ${tSpike} ms, before duration = ${duration} ms`;
        // State just before that spike.
        u = theta;
        t = tSpike;
        break;
      }
      if (n === cap) {
        cap = Math.min(Math.max(2 * cap, 16), Math.max(maxSpikes, 16));
        const grown = new Float64Array(cap);
        grown.set(spikes);
        spikes = grown;
      }
      spikes[n++] = tSpike;
      t = tSpike;
      u = 0;
      if (dg > 0) {
        if (td === 0) {
          g += dg;
          jumps++;
        } else if (tSpike + td <= duration) {
          if (qHead + qLen === queue.length) {
            if (qHead > 0) {
              queue.copyWithin(0, qHead, qHead + qLen);
              qHead = 0;
            }
            if (qLen === queue.length) {
              const grown = new Float64Array(2 * queue.length);
              grown.set(queue);
              queue = grown;
            }
          }
          queue[qHead + qLen++] = tSpike + td;
        }
      }
      continue;
    }
    if (t === tJump) {
      while (qLen > 0 && queue[qHead] === t) {
        g += dg;
        jumps++;
        qHead++;
        qLen--;
      }
      if (qLen === 0) qHead = 0;
      continue;
    }
    break;
  }

  let trace;
  if (rt !== null && recU !== null && recG !== null) {
    if (status === 'success') {
      while (ri < nRec) {
        recU[ri] = u;
        recG[ri] = g;
        ri++;
      }
    }
    trace = { t: rt.slice(0, ri), u: recU.slice(0, ri), g: recG.slice(0, ri) };
  }
  return {
    spikes: spikes.slice(0, n),
    truncated: status !== 'success',
    status,
    reason,
    tEnd: t,
    uEnd: u,
    gEnd: g,
    ...(trace ? { trace } : {}),
    stats: { steps, jumps, method: 'exact' },
  };
}

/**
 * Record u and g at the grid times rt[ri …] before `until` on the current Taylor panel (which
 * starts at t with conductance g; Y = 1 − e^{−h/tauK} its length in y): g(s) = g (1 − y),
 * y = 1 − e^{−s/tauK}, u from the panel polynomial at y/Y. Returns the next grid index.
 */
function recordOnPanel(
  rt: Float64Array,
  recU: Float64Array,
  recG: Float64Array,
  ri: number,
  until: number,
  t: number,
  g: number,
  invTauK: number,
  Y: number,
): number {
  while (ri < rt.length && rt[ri] < until) {
    const yy = -portableExpm1(-(rt[ri] - t) * invTauK);
    recU[ri] = panelValue(yy / Y);
    recG[ri] = g * (1 - yy);
    ri++;
  }
  return ri;
}
