// Case 2: one adapting LIF neuron over 10 s, exactly: scipy solve_ivp (DOP853, rtol = atol = 1e-10,
// threshold as a terminal event, restart after each spike, delayed jumps as a queue) against
// @neurobridge/lif's `simulate` — its event-driven 'exact' method and its 'odex' method (core's
// integrate, the same kind of solver as scipy's, at the same tolerances).
import os from 'node:os';
import { join } from 'node:path';
import { importPackage } from './harness/packages.mjs';
import { findPython, runPython, INSTALL_LINE } from './harness/python.mjs';
import { summarize, formatTime, ratio, spikeError, formatSpikeError, mergeSpikeErrors } from './harness/stats.mjs';
import { timeSync } from './harness/timing.mjs';

const HERE = import.meta.dirname;
const PARAMS = { tau: 10, theta: 15, Delta: 15, dg: 0.05, tauK: 200, V0: 30 };
const T = 10_000;
const TOL = 1e-10;

export async function run(ctx) {
  const { repeats } = ctx;
  const rows = [], notes = [], targets = [], missing = [];
  const lif = await importPackage('lif', ['simulate']);
  if (lif.missing) missing.push(`NeuroBridge side: ${lif.missing}`);
  const py = findPython(['scipy', 'numpy']);
  if (!py) missing.push(`scipy side: no python3 imports scipy — install with: ${INSTALL_LINE}`);

  for (const td of [0, 5]) {
    const loadStart = os.loadavg()[0];
    let exact = null, exactSum = null, odexMax = null, odexTight = null;
    if (!lif.missing) {
      const sim = (options) => lif.mod.simulate({ ...PARAMS, td }, { duration: T, ...options });
      const ex = timeSync(() => sim({}), { warmup: 3, repeats: Math.max(repeats, 20) });
      exact = Array.from(ex.last.spikes);
      exactSum = summarize(ex.times);
      rows.push([`${td}`, 'NeuroBridge lif `simulate`, method exact', formatTime(exactSum, ex.cpu), `${exact.length}`, 'reference', '1 (baseline)']);
      const od = timeSync(() => sim({ method: 'odex', rtol: TOL, atol: TOL }), { warmup: 1, repeats });
      const odErr = spikeError(exact, Array.from(od.last.spikes));
      const odSum = summarize(od.times);
      odexMax = odErr.maxAbs;
      // the same path at a 100× tighter tolerance: does its error follow the tolerance?
      odexTight = spikeError(exact, Array.from(sim({ method: 'odex', rtol: TOL / 100, atol: TOL / 100 }).spikes)).maxAbs;
      rows.push([`${td}`, `NeuroBridge lif \`simulate\`, method odex, rtol = atol = ${TOL}`, formatTime(odSum, od.cpu), `${od.last.spikes.length}`,
        `vs exact: ${formatSpikeError(mergeSpikeErrors([odErr]))}`, ratio(odSum, exactSum)]);
      if (ex.last.truncated || od.last.truncated) notes.push(`td = ${td}: a NeuroBridge run was truncated (${ex.last.reason || od.last.reason}).`);
    }
    if (py) {
      ctx.log(`  td = ${td} ms: scipy solve_ivp DOP853 rtol ${TOL}`);
      const r = runPython(py, join(HERE, 'lif_scipy.py'), {
        v0: [PARAMS.V0], tau: PARAMS.tau, theta: PARAMS.theta, delta: PARAMS.Delta, dg: PARAMS.dg,
        tauK: PARAMS.tauK, td, T, rtol: TOL, atol: TOL, method: 'DOP853', repeats,
      });
      const sum = summarize(r.times);
      const spikes = r.spikes[0];
      const err = exact ? `vs exact: ${formatSpikeError(mergeSpikeErrors([spikeError(exact, spikes)]))}` : 'no reference (lif missing)';
      rows.push([`${td}`, `scipy ${r.scipy} solve_ivp DOP853, rtol = atol = ${TOL}, terminal events`, formatTime(sum, r.cpu), `${spikes.length}`, err,
        exactSum ? ratio(sum, exactSum) : '—']);
      notes.push(`td = ${td}: scipy used ${r.nfev[0]} right-hand-side evaluations per run.`);
      if (exact && odexMax !== null) {
        const scipyMax = spikeError(exact, spikes).maxAbs;
        if (odexMax > 10 * scipyMax) {
          const relative = odexMax / T;
          notes.push(`td = ${td}: at the same rtol = atol = ${TOL}, lif's 'odex' path is ${(odexMax / scipyMax).toFixed(0)}× further from the exact spike times ` +
            `than scipy's DOP853 (max ${odexMax.toExponential(1)} ms against ${scipyMax.toExponential(1)} ms). ` +
            (relative <= TOL
              ? `That is within what was asked: the error after ${T / 1000} s of model time is ${relative.toExponential(1)} of it (≤ rtol), and at rtol = atol = ${TOL / 100} ` +
                `the same path is off by ${odexTight.toExponential(1)} ms — it follows its tolerance; scipy's DOP853 (order 8) is more accurate than its tolerance asks here.`
              : `That is more than the tolerance allows (error / model time = ${relative.toExponential(1)} > rtol): worth a look in lif/core (event location or step control).`));
        }
      }
    }
    notes.push(`td = ${td}: load average (1 min) ${loadStart.toFixed(2)} at the start, ${os.loadavg()[0].toFixed(2)} at the end.`);
  }
  return {
    title: 'Case 2 — one adapting LIF neuron, exact (10 s of model time)',
    description:
      `Same model as case 1 with V0 = ${PARAMS.V0} mV, td = 0 and 5 ms, 10 s. scipy: \`solve_ivp\` on (u, g) with the threshold ` +
      'as a terminal event (direction +1), restarted after each spike with u = 0; a delayed jump is a pending time at which ' +
      'the integration stops, adds dg and restarts (script bench/peers/lif_scipy.py). NeuroBridge: `simulate` with ' +
      "method 'exact' (event-driven, the reference) and method 'odex' (core's integrate at the same tolerances as scipy). " +
      'Error: spike k against spike k of the exact run. Ratio = row time / exact time (> 1: exact faster).',
    headers: ['td (ms)', 'side', 'wall time, median (min–max, runs); CPU', 'spikes', 'spike-time agreement', 'ratio'],
    rows, notes, targets, missing,
  };
}
