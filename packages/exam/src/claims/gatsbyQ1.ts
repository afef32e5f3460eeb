// Gatsby 2021, question 1 (biophysics): the adapting linear integrate-and-fire neuron, on
// @neurobridge/lif. Every printed formula (Eqs. (4)–(7)) against the exact event-driven
// simulator, the bursting regime of Q1.4 measured, and the slips of the solutions shown by numbers.
import type { Rng } from '@neurobridge/core';
import {
  classify, EXAM_THETA, findBursts, fromPhysical, gStar, membranePotential, nSpikes, simulate, spikeCountVsDg, spikeTime,
  steadyState, steadyStateIsi, isiVsTauK, tStar, type LifParams,
} from '@neurobridge/lif';
import { compare, documentCheck, fact, show } from '../judge.js';
import type { Claim, ClaimResult, PlotData, Slip } from '../types.js';

/** The exam's neuron in reduced units: τ = 10 ms, Δ = θ = 15 mV (E_L = −65, E_K = −80, V_th = −50 mV). */
const EXAM = { tau: 10, V0: 30, dg: 0.1, tauK: Infinity, td: 0 } as const;
const E_L = -65, E_K = -80, V_TH = -50; // mV, Q1 preamble
/** Long enough for "never fires": at the margins used here a spike would come within a few hundred ms. */
const NEVER = 1e6; // ms
/** Q1.4's regime t_d ≫ τ_K ≫ t_s(0) = 6.93 ms: Δg = 0.2 (n_spikes = 3), τ_K = 100 ms. */
const BURSTING = { ...EXAM, dg: 0.2, tauK: 100 } as const;

const uniform = (rng: Rng, a: number, b: number) => a + (b - a) * rng.uniform();

/** Least-squares line y ≈ slope·x + intercept, with R². */
function fitLine(x: readonly number[], y: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = x.length, mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return { slope: sxy / sxx, intercept: my - (sxy / sxx) * mx, r2: (sxy * sxy) / (sxx * syy) };
}

/** A reproduced/failed verdict forced to failed when a side condition does not hold (with why). */
function requireAlso(r: ClaimResult, ok: boolean, why: string): ClaimResult {
  return ok ? r : { ...r, verdict: 'failed', details: [r.details, `failed: ${why}`].filter(Boolean).join('; ') };
}

// ---- preamble ------------------------------------------------------------------------------

const units: Claim = {
  id: 'gatsby-q1-units', source: 'gatsby', question: 'Q1 preamble',
  statement: 'With u ≡ V + E_L (as printed) Eq. (1) becomes Eq. (3) with Δ = E_L − E_K = 15 mV, and the neuron spikes at u = θ = 15 mV.',
  method: 'The right-hand sides of Eq. (1) in V and of Eq. (3) in u (Δ, θ from lif\'s fromPhysical) at 200 random (V, g, V0), with u = V + E_L as printed and u = V − E_L (lif\'s membranePotential is its inverse, V = u + E_L); the reset V = E_L and threshold V_th = −50 mV mapped both ways.',
  run(ctx) {
    const rng = ctx.rng();
    const p = fromPhysical({ EL: E_L, EK: E_K, Vth: V_TH, V0: 30, tau: 10, dg: 0, tauK: Infinity, td: 0 });
    let printed = 0, correct = 0, roundTrip = 0;
    for (let i = 0; i < 200; i++) {
      const V = uniform(rng, -90, -40), g = uniform(rng, 0, 3), V0 = uniform(rng, 0, 60);
      const eq1 = -(V - E_L) + V0 - g * (V - E_K); // τ dV/dt, Eq. (1)
      const eq3 = (u: number) => -u + V0 - g * (u + p.Delta); // τ du/dt, Eq. (3)
      printed = Math.max(printed, Math.abs(eq3(V + E_L) - eq1));
      correct = Math.max(correct, Math.abs(eq3(V - E_L) - eq1));
      roundTrip = Math.max(roundTrip, Math.abs(membranePotential([V - E_L], E_L)[0] - V));
    }
    const reason = 'the two right-hand sides are the same polynomial in (V, g, V0) when the substitution is right: only rounding of mV-sized terms (|·| ≤ 300 mV, ε·300 ≈ 7e-14) remains';
    const tol = { abs: 1e-12, reason };
    const details = `Δ = ${p.Delta} mV, θ = ${p.theta} mV from E_L, E_K, V_th; reset V = E_L ↦ u = ${E_L - E_L} (u = V − E_L) or ${2 * E_L} (u = V + E_L); threshold V_th ↦ u = ${V_TH - E_L} or ${V_TH + E_L}; |membranePotential(V − E_L) − V| ≤ ${show(roundTrip)}`;
    return documentCheck(
      compare(0, printed, tol, { details: 'max |Eq. (3) − Eq. (1)| in mV with u = V + E_L' }),
      requireAlso(compare(0, correct, tol, { details }), p.theta === 15 && p.Delta === 15 && roundTrip <= 1e-12, 'Δ, θ or the inverse map'),
    );
  },
};

// ---- Q1.1 ----------------------------------------------------------------------------------

const q11: Claim = {
  id: 'gatsby-q1.1', source: 'gatsby', question: 'Q1.1',
  statement: 'With g fixed, the neuron started at u = 0 spikes after t_s(g) = τ/(1+g) · log((V0 − gΔ)/(V0 − gΔ − θ(1+g))) (Eq. (4)).',
  method: 'Eq. (4) (lif\'s spikeTime) against the first simulated spike for 20 random g ∈ [0, g*) with Δg = 0, both on the closed-form path (τ_K = ∞) and on the Taylor-panel integrator (τ_K = 1e300, which never uses Eq. (4)).',
  run(ctx) {
    const rng = ctx.rng();
    const gs = gStar(EXAM);
    const gs20 = Array.from({ length: 20 }, () => uniform(rng, 0, gs)).sort((a, b) => a - b);
    let worst = { e: -1, g: NaN, ts: NaN, sim: NaN };
    const measured: number[] = [];
    for (const g of gs20) {
      const ts = spikeTime(EXAM, g);
      for (const tauK of [Infinity, 1e300]) {
        const sim = simulate({ ...EXAM, dg: 0, tauK }, { duration: 1.5 * ts, g0: g }).spikes[0] ?? NaN;
        const e = Math.abs(sim - ts) / ts;
        if (!(e <= worst.e)) worst = { e, g, ts, sim };
        if (tauK === Infinity) measured.push(sim);
      }
    }
    const grid = Array.from({ length: 60 }, (_, k) => (gs * k) / 60);
    const plot: PlotData = {
      title: 'Q1.1: time to the first spike at fixed g (V0 = 30 mV)', x: { label: 'conductance g (units of the leak)' }, y: { label: 'time to spike t_s', unit: 'ms' },
      series: [
        { name: 'Eq. (4)', x: grid, y: grid.map((g) => spikeTime(EXAM, g)) },
        { name: 'simulated', x: gs20, y: measured, style: 'points' },
      ],
    };
    return compare(worst.ts, worst.sim, { rel: 1e-12, reason: 'both paths solve the same linear ODE to rounding: the closed form to a few ulp, the Taylor panels to 1e-16 of the solution scale; 1e-12 leaves room for the log near g*' }, {
      details: `worst of 40 runs at g = ${show(worst.g)} (g* = ${show(gs)})`, plot,
    });
  },
};

// ---- Q1.2 ----------------------------------------------------------------------------------

const q12: Claim = {
  id: 'gatsby-q1.2', source: 'gatsby', question: 'Q1.2',
  statement: 'The neuron stops firing when g ≥ g* ≡ (V0 − θ)/(Δ + θ) (Eq. (5)).',
  method: `For 5 random V0 ∈ [20, 80] mV, bisection (60 halvings) on the smallest fixed g at which the simulation emits no spike in ${NEVER} ms, against Eq. (5); and no spike at g = g* exactly for V0 = 30, 33.75, 45 (g* = 0.5, 0.625, 1, exact in binary).`,
  run(ctx) {
    const rng = ctx.rng();
    const fires = (V0: number, g: number) => simulate({ ...EXAM, V0, dg: 0 }, { duration: NEVER, g0: g, maxSpikes: 1 }).spikes.length > 0;
    let worst = -1, worstV0 = NaN, worstG = NaN, worstStar = NaN;
    for (let i = 0; i < 5; i++) {
      const V0 = uniform(rng, 20, 80), gs = gStar({ ...EXAM, V0 });
      let lo = 0, hi = 2 * gs; // fires at lo, silent at hi
      for (let k = 0; k < 60; k++) {
        const mid = 0.5 * (lo + hi);
        if (fires(V0, mid)) lo = mid; else hi = mid;
      }
      const e = Math.abs(hi - gs) / gs;
      if (!(e <= worst)) { worst = e; worstV0 = V0; worstG = hi; worstStar = gs; }
    }
    const exact = [30, 33.75, 45].map((V0) => ({ V0, silent: !fires(V0, gStar({ ...EXAM, V0 })) }));
    const r = compare(worstStar, worstG, { rel: 1e-12, reason: 'near g* the drive V0 − gΔ − θ(1+g) cancels to rounding (ε·V0), which moves the threshold by ≈ ε·V0/(V0 − θ) ≤ 6ε relative; the bisection resolves 2^-60' }, {
      details: `worst of 5 V0 at V0 = ${show(worstV0)}: relative error ${show(worst)}; at g = g* exactly: ${exact.map((e) => `V0 = ${e.V0} ${e.silent ? 'silent' : 'fires'}`).join(', ')}`,
    });
    return requireAlso(r, exact.every((e) => e.silent), 'a spike at g = g* exactly');
  },
};

// ---- Q1.3 ----------------------------------------------------------------------------------

/** Integer edge cases g* ÷ Δg = m, all exact in binary: (V0, Δg). */
const INTEGER_CASES: readonly (readonly [number, number])[] = [[33.75, 0.625], [33.75, 0.125], [33.75, 0.0625], [30, 0.25], [30, 0.03125], [45, 0.25]];

const q13: Claim = {
  id: 'gatsby-q1.3', source: 'gatsby', question: 'Q1.3',
  statement: 'With τ_K = ∞, t_d = 0 and g(0) = 0 the neuron emits n_spikes = ⌈(1/Δg)(V0 − θ)/(Δ + θ)⌉ spikes and stops (Eq. (6)).',
  method: 'Eq. (6) as printed (⌈g*/Δg⌉) and lif\'s nSpikes against the simulated count over 1e9 ms for 200 random (V0, Δg), V0 ∈ [15.5, 80] mV, Δg ∈ [0.005, 2].',
  run(ctx) {
    const rng = ctx.rng();
    let agree = 0;
    const misses: string[] = [];
    for (let i = 0; i < 200; i++) {
      const p = { ...EXAM, V0: uniform(rng, 15.5, 80), dg: uniform(rng, 0.005, 2) };
      const printed = Math.ceil(gStar(p) / p.dg), sim = simulate(p, { duration: 1e9 }).spikes.length;
      if (printed === sim && nSpikes(p) === sim) agree++;
      else if (misses.length < 3) misses.push(`V0 = ${show(p.V0)}, Δg = ${show(p.dg)}: ${printed} vs ${sim}`);
    }
    const dgs = Array.from({ length: 80 }, (_, k) => 0.02 * 50 ** (k / 79));
    const sweep = spikeCountVsDg(EXAM, dgs);
    const plot: PlotData = {
      title: 'Q1.3: spikes before the neuron falls silent (V0 = 30 mV, τ_K = ∞, t_d = 0)', x: { label: 'Δg (units of the leak)', log: true }, y: { label: 'number of spikes' },
      series: [
        { name: 'Eq. (6)', x: dgs, y: sweep.map((s) => s.predicted) },
        { name: 'simulated', x: dgs, y: sweep.map((s) => s.simulated), style: 'points' },
      ],
    };
    return fact('Eq. (6) for 200 random (V0, Δg)', `${agree}/200 counts agree`, agree === 200,
      'spike counts are integers: exact agreement, or a miss', { details: misses.join('; ') || undefined, plot });
  },
};

function integerEdges(): { rows: { V0: number; dg: number; m: number; sim: number; gEnd: number }[]; near: boolean } {
  const rows = INTEGER_CASES.map(([V0, dg]) => {
    const m = gStar({ ...EXAM, V0 }) / dg;
    const r = simulate({ ...EXAM, V0, dg }, { duration: 1e9 });
    return { V0, dg, m, sim: r.spikes.length, gEnd: r.gEnd };
  });
  // just off the integer: Δg(1 + 1e-9) still needs m spikes, Δg(1 − 1e-9) needs m + 1
  const near = INTEGER_CASES.every(([V0, dg]) => {
    const m = gStar({ ...EXAM, V0 }) / dg;
    return [[1 + 1e-9, m], [1 - 1e-9, m + 1]].every(([f, want]) => {
      const p = { ...EXAM, V0, dg: dg * f };
      return simulate(p, { duration: 1e9 }).spikes.length === want && nSpikes(p) === want;
    });
  });
  return { rows, near };
}

const q13integer: Claim = {
  id: 'gatsby-q1.3-integer', source: 'gatsby', question: 'Q1.3',
  statement: 'Eq. (6) holds also when g*/Δg = m is an integer: the m-th spike brings g to g* exactly and the neuron stops after m spikes.',
  method: `Six cases with g*/Δg = m exact in binary (${INTEGER_CASES.map(([V0, dg]) => `V0 = ${V0}, Δg = ${dg}`).join('; ')}), simulated over 1e9 ms, and Δg·(1 ± 1e-9) around each (m and m + 1 spikes).`,
  run() {
    const { rows, near } = integerEdges();
    const ok = rows.every((r) => r.sim === r.m && nSpikes({ ...EXAM, V0: r.V0, dg: r.dg }) === r.m) && near;
    return fact(rows.map((r) => r.m).join(', '), rows.map((r) => r.sim).join(', '), ok, 'spike counts are integers, compared exactly',
      { details: `Δg·(1 ± 1e-9) give m and m + 1 spikes: ${near}` });
  },
};

const q13stop: Claim = {
  id: 'gatsby-q1.3-stop', source: 'gatsby', question: 'Q1.3',
  statement: 'Solution 3: "the neuron stops spiking when g > (V0 − θ)/(Δ + θ)" — at g = g* it still fires.',
  method: 'The integer cases of gatsby-q1.3-integer: with firing until g > g*, the neuron would fire once more at g = mΔg = g* (m + 1 spikes); the simulation counts the spikes and the final g.',
  run() {
    const { rows } = integerEdges();
    const sims = rows.map((r) => r.sim).join(', ');
    const reason = 'spike counts are integers, compared exactly; g after the last spike is mΔg = g*, exact in binary';
    return documentCheck(
      fact(rows.map((r) => r.m + 1).join(', '), sims, rows.every((r) => r.sim === r.m + 1), reason),
      fact(rows.map((r) => r.m).join(', '), sims, rows.every((r) => r.sim === r.m && r.gEnd === gStar({ ...EXAM, V0: r.V0 })), reason,
        { details: `final g = g* exactly in ${rows.filter((r) => r.gEnd === gStar({ ...EXAM, V0: r.V0 })).length}/${rows.length} cases, and the neuron is silent there: it stops when g ≥ g*` }),
    );
  },
};

// ---- Q1.4 ----------------------------------------------------------------------------------

/** Bursts of the Q1.4 neuron at `td`: simulated for 14 t_d, the first (transient) burst skipped. */
function burstsAt(td: number, record?: { dt: number }) {
  const duration = 14 * td;
  const r = simulate({ ...BURSTING, td }, { duration, record });
  return { r, a: findBursts(r.spikes, { maxGap: td / 4, duration, skip: 1 }) };
}

/** Six delays spread over [500, 4000] ms (one uniform draw in each sixth). */
const delays = (rng: Rng) => Array.from({ length: 6 }, (_, i) => 500 + (3500 * (i + rng.uniform())) / 6);

const SLOPE_REASON = 'the rest of the cycle does not scale with t_d: burst − t_d stays in 19–41 ms (where the last spike falls as g crosses g*; sd 5.5 ms) and silence − t_d in 167–180 ms (the decay τ_K log(g_sat/g*)), measured at 95 delays over [500, 4000] ms. For six t_d spread over that range the slope moves by at most 11 ms · Σ|t_d − mean|/Σ(t_d − mean)² ≈ 0.01 (sd ≈ 0.002): 0.02 is twice the worst case';

function durationClaim(kind: 'burst' | 'silence'): Claim {
  const burst = kind === 'burst';
  return {
    id: `gatsby-q1.4-${kind}`, source: 'gatsby', question: 'Q1.4',
    statement: burst
      ? 'For t_d ≫ τ_K ≫ t_s(0) the neuron bursts, and each burst lasts a time that scales with t_d (slope 1).'
      : 'Between bursts the neuron is silent for a time that scales with t_d (slope 1).',
    method: `Simulation (τ = 10 ms, V0 = 30 mV, Δg = 0.2, τ_K = 100 ms) at 6 random t_d ∈ [500, 4000] ms for 14 t_d each; lif's findBursts (gap > t_d/4 splits bursts, the first burst skipped); least-squares slope of the mean ${burst ? 'burst duration' : 'silence'} against t_d.`,
    run(ctx) {
      const tds = delays(ctx.rng());
      const B: number[] = [], S: number[] = [], counts: number[] = [];
      for (const td of tds) {
        const { a } = burstsAt(td);
        B.push(a.burstDuration.mean); S.push(a.silentDuration.mean); counts.push(a.burstDuration.n);
      }
      const y = burst ? B : S, f = fitLine(tds, y);
      const plot: PlotData = {
        title: 'Q1.4: burst and silence durations against the delay', x: { label: 'delay t_d', unit: 'ms' }, y: { label: 'duration', unit: 'ms' },
        series: [
          { name: 'burst duration', x: tds, y: B, style: 'points' },
          { name: 'silence', x: tds, y: S, style: 'points' },
          { name: 'y = t_d', x: [500, 4000], y: [500, 4000] },
        ],
      };
      const r = compare(1, f.slope, { abs: 0.02, reason: SLOPE_REASON }, {
        details: `${kind} ≈ ${f.slope.toFixed(4)}·t_d + ${f.intercept.toFixed(1)} ms, R² = ${f.r2.toFixed(6)}; complete bursts per run: ${counts.join(', ')}`, plot,
      });
      return requireAlso(r, f.r2 > 0.999 && counts.every((c) => c >= 4), 'R² ≤ 0.999 or fewer than 4 complete bursts');
    },
  };
}

const q14spikes: Claim = {
  id: 'gatsby-q1.4-spikes', source: 'gatsby', question: 'Q1.4',
  statement: 'Starting from u = 0, g = 0, the neuron emits t_d/t_s(0) spikes before g starts to increase.',
  method: 'Spikes of the simulated neuron (Δg = 0.2, τ_K = 100 ms) in [0, t_d) for 6 random t_d ∈ [500, 4000] ms, against t_d/t_s(0) with t_s(0) from Eq. (4).',
  run(ctx) {
    const ts0 = spikeTime(BURSTING, 0);
    let worst = -1, at = NaN;
    const x: number[] = [], y: number[] = [];
    for (const td of delays(ctx.rng())) {
      const s = simulate({ ...BURSTING, td }, { duration: td }).spikes;
      const n = s.filter((t) => t < td).length;
      x.push(td / ts0); y.push(n);
      if (!(Math.abs(n - td / ts0) <= worst)) { worst = Math.abs(n - td / ts0); at = td; }
    }
    const i = x.findIndex((v) => v === at / ts0);
    const plot: PlotData = {
      title: 'Q1.4: spikes before the delayed conductance arrives', x: { label: 't_d / t_s(0)' }, y: { label: 'spikes in [0, t_d)' },
      series: [{ name: 'simulated', x, y, style: 'points' }, { name: 't_d/t_s(0)', x: [0, Math.max(...x)], y: [0, Math.max(...x)] }],
    };
    return compare(x[i], y[i], { abs: 1, reason: 'while g = 0 the spikes fall at k·t_s(0), k = 1, 2, …, so the count is the number of k with k·t_s(0) < t_d: within 1 of t_d/t_s(0)' }, {
      details: `worst of 6 delays at t_d = ${show(at)} ms (t_s(0) = ${show(ts0)} ms); largest |count − t_d/t_s(0)| = ${show(worst)}`, plot,
    });
  },
};

const q14gmax: Claim = {
  id: 'gatsby-q1.4-gmax', source: 'gatsby', question: 'Q1.4',
  statement: 'Solution 4: during a burst "g will increase by about Δg t_d/t_s(0)".',
  method: 'Peak of the simulated g (record every 0.5 ms) over 14 t_d for 3 random t_d ∈ [1000, 4000] ms (Δg = 0.2, τ_K = 100 ms), against Δg t_d/t_s(0) as printed and against the saturation level Δg/(1 − e^{−t_s(0)/τ_K}) of jumps Δg every t_s(0) decaying with τ_K.',
  run(ctx) {
    const rng = ctx.rng();
    const ts0 = spikeTime(BURSTING, 0), gSat = BURSTING.dg / -Math.expm1(-ts0 / BURSTING.tauK);
    const tds = [0, 1, 2].map((i) => 1000 + 1000 * (i + rng.uniform()));
    let worstPrinted = Infinity, worst = -1, gAt = NaN, tdAt = NaN;
    let plot: PlotData | undefined;
    for (const td of tds) {
      const { r, a } = burstsAt(td, { dt: 0.5 });
      const tr = r.trace!;
      let gmax = 0;
      for (const g of tr.g) gmax = Math.max(gmax, g);
      worstPrinted = Math.min(worstPrinted, Math.abs(gmax - (BURSTING.dg * td) / ts0));
      if (!(Math.abs(gmax - gSat) <= worst)) { worst = Math.abs(gmax - gSat); gAt = gmax; tdAt = td; }
      if (!plot) {
        const t0 = a.bursts[1]?.start ?? 0, t1 = t0 + 2 * a.period.mean;
        const x: number[] = [], y: number[] = [];
        for (let k = 0; k < tr.t.length; k += 4) if (tr.t[k] >= t0 && tr.t[k] <= t1) { x.push(tr.t[k]); y.push(tr.g[k]); }
        plot = {
          title: `Q1.4: conductance over two burst cycles (t_d = ${td.toFixed(0)} ms)`, x: { label: 'time', unit: 'ms' }, y: { label: 'conductance g' },
          series: [
            { name: 'simulated g(t)', x, y },
            { name: 'Δg/(1 − e^{−t_s(0)/τ_K})', x: [t0, t1], y: [gSat, gSat] },
            { name: 'g* (firing stops above)', x: [t0, t1], y: [gStar(BURSTING), gStar(BURSTING)] },
          ],
        };
      }
    }
    const printedTd = tdAt;
    return documentCheck(
      compare((BURSTING.dg * printedTd) / ts0, gAt, { rel: 0.25, reason: '"about": within 25%' }),
      compare(gSat, gAt, { rel: 0.01, reason: 'the samples every 0.5 ms miss the peak after a jump by at most 1 − e^{−0.5/τ_K} = 0.5%; the jumps come every t_s(0) once g has decayed (e^{−t_d/τ_K} ≤ e^{−10})' }, {
        plot, details: `worst of t_d = ${tds.map((t) => t.toFixed(0)).join(', ')} ms at t_d = ${printedTd.toFixed(0)}; |g_max − Δg t_d/t_s(0)| ≥ ${show(worstPrinted)}; saturation is reached because t_d ≫ τ_K, so g never grows with t_d`,
      }),
    );
  },
};

const q14condition: Claim = {
  id: 'gatsby-q1.4-condition', source: 'gatsby', question: 'Q1.4',
  statement: 'Solution 4: with t_d ≫ τ_K ≫ t_s(0), t_d/t_s(0) > n_spikes is enough for g to stop the firing, so the neuron bursts.',
  method: 'lif\'s classify (simulation over 40(t_d + τ_K) + 200 t_s(0)) for t_d = 1000 ms, τ_K = 100 ms and 4 random Δg: two in [0.01, 0.028], two in [0.045, 0.3]; all satisfy t_d/t_s(0) = 144 > n_spikes. The corrected condition: the saturated conductance Δg/(1 − e^{−t_s(0)/τ_K}) must exceed g* (Δg > 0.0335 here).',
  run(ctx) {
    const rng = ctx.rng();
    const td = 1000, ts0 = spikeTime(BURSTING, 0), gs = gStar(BURSTING);
    const dgs = [uniform(rng, 0.01, 0.028), uniform(rng, 0.01, 0.028), uniform(rng, 0.045, 0.3), uniform(rng, 0.045, 0.3)];
    const rows = dgs.map((dg) => {
      const p: LifParams = { ...BURSTING, dg, td };
      const gSat = dg / -Math.expm1(-ts0 / BURSTING.tauK);
      return { dg, n: nSpikes({ ...p, tauK: Infinity, td: 0 }), got: classify(p).class, want: gSat > gs ? 'bursting' : 'tonic', gSat };
    });
    const got = rows.map((r) => r.got).join(', ');
    const reason = 'a firing class, compared exactly (Δg kept ≥ 15% away from the border Δg = 0.0335 where g_sat = g*)';
    const premise = rows.every((r) => td / ts0 > r.n);
    return documentCheck(
      fact(rows.map(() => 'bursting').join(', '), got, premise && rows.every((r) => r.got === 'bursting'), reason),
      fact(rows.map((r) => r.want).join(', '), got, premise && rows.every((r) => r.got === r.want), reason, {
        details: rows.map((r) => `Δg = ${show(r.dg)}: n_spikes = ${r.n} < ${show(td / ts0)}, g_sat = ${show(r.gSat)} vs g* = ${show(gs)} → ${r.got}`).join('; '),
      }),
    );
  },
};

const q14restart: Claim = {
  id: 'gatsby-q1.4-restart', source: 'gatsby', question: 'Q1.4',
  statement: 'Solution 4: "by the time the conductance starts to rise again, u will be near zero", so the cycle starts over.',
  method: 'At 1e-3 ms before each burst\'s own delayed conductance arrives (first spike of the burst + t_d), u and g of the simulated neuron (Δg = 0.2, τ_K = 100 ms) for 3 random t_d ∈ [1000, 4000] ms: u/θ as printed, g/g* as corrected (g ≤ g* e^{−t_d/τ_K} there).',
  run(ctx) {
    const rng = ctx.rng();
    const theta = EXAM_THETA;
    const gs = gStar(BURSTING);
    let uMax = 0, gMax = 0, count = 0;
    for (const i of [0, 1, 2]) {
      const td = 1000 + 1000 * (i + rng.uniform());
      const { a } = burstsAt(td);
      const times = a.bursts.slice(1).map((b) => b.start + td - 1e-3).filter((t) => t <= 14 * td);
      const r = simulate({ ...BURSTING, td }, { duration: 14 * td, record: times });
      for (let k = 0; k < times.length; k++) {
        uMax = Math.max(uMax, r.trace!.u[k] / theta);
        gMax = Math.max(gMax, r.trace!.g[k] / gs);
        count++;
      }
    }
    const reason = '"near zero": within 5% of the variable\'s scale (θ for u, g* for g); g has decayed for t_d ≥ 10 τ_K from below g*, to ≤ e^{−10} g*';
    return documentCheck(
      compare(0, uMax, { abs: 0.05, reason }, { details: 'max u/θ' }),
      requireAlso(compare(0, gMax, { abs: 0.05, reason }, { details: `max g/g* over ${count} burst restarts; u/θ there reaches ${show(uMax)} (the neuron is mid-burst, firing)` }), count >= 12, 'fewer than 12 bursts'),
    );
  },
};

// ---- Q1.5 ----------------------------------------------------------------------------------

/** Random Q1.5 neuron: V0 ∈ [20, 45] mV, Δg ∈ [0.05, 0.5] (so Δg ÷ g* ≥ 0.05 and t* ≥ 0.049 τ_K). */
const q15params = (rng: Rng) => ({ ...EXAM, V0: uniform(rng, 20, 45), dg: uniform(rng, 0.05, 0.5) });
/** Leading correction to Eq. (7): the membrane lags its equilibrium by τ/(1 + g*), so g at the spike is low by τ g* ÷ ((1+g*)τ_K). */
const lag = (p: { tau: number; dg: number }, gs: number) => (p.tau * p.dg) / ((1 + gs) * (gs + p.dg));

const q15: Claim = {
  id: 'gatsby-q1.5', source: 'gatsby', question: 'Q1.5',
  statement: 'With t_d = 0 and τ_K ≫ τ the neuron fires regularly with interspike interval t* = τ_K log((g* + Δg)/g*) (Eq. (7)).',
  method: 'Eq. (7) (lif\'s tStar) against the last interspike interval of a simulation over 60 intervals + 20 τ_K, for a random V0 ∈ [20, 45] mV, Δg ∈ [0.05, 0.5] and τ_K = 100 τ.',
  run(ctx) {
    const p = { ...q15params(ctx.rng()), tauK: 1000 };
    const gs = gStar(p), ts = tStar(p);
    const st = steadyState(p);
    const s = simulate(p, { duration: 60 * st.isi + 20 * p.tauK }).spikes;
    const isi = s[s.length - 1] - s[s.length - 2];
    const ratios = Array.from({ length: 13 }, (_, k) => 10 ** (1 + k / 4));
    const rows = isiVsTauK(p, ratios.map((x) => x * p.tau));
    const plot: PlotData = {
      title: `Q1.5: steady interspike interval (V0 = ${p.V0.toFixed(1)} mV, Δg = ${p.dg.toFixed(3)})`, x: { label: 'τ_K/τ', log: true }, y: { label: 'interspike interval', unit: 'ms', log: true },
      series: [
        { name: 'exact (return map)', x: ratios, y: rows.map((r) => r.isi), style: 'points' },
        { name: 'Eq. (7) t*', x: ratios, y: rows.map((r) => r.tStar) },
      ],
    };
    return compare(ts, isi, { abs: p.tau / (1 + gs), reason: 'Eq. (7) takes u at its equilibrium; u lags it by the membrane time τ/(1+g*), which delays each spike by τΔg/((1+g*)(g*+Δg)) < τ/(1+g*) (gatsby-q1.5-lag) — a relative error O(τ/τ_K)' }, {
      details: `V0 = ${show(p.V0)}, Δg = ${show(p.dg)}, g* = ${show(gs)}; relative error ${show((ts - isi) / isi)}; return-map ISI ${show(st.isi)} ms`, plot,
    });
  },
};

const q15regular: Claim = {
  id: 'gatsby-q1.5-regular', source: 'gatsby', question: 'Q1.5',
  statement: 'With t_d = 0 the neuron settles into regular firing: the interspike intervals converge to one value.',
  method: 'Interspike intervals of a simulation (random V0 ∈ [20, 45] mV, Δg ∈ [0.05, 0.5], τ_K = 20 τ) over 60 intervals + 20 τ_K, the last one against the fixed point of the return map G ↦ G e^{−T(G)/τ_K} + Δg (lif\'s steadyStateIsi, core\'s brent).',
  run(ctx) {
    const p = { ...q15params(ctx.rng()), tauK: 200 };
    const st = steadyState(p);
    const s = simulate(p, { duration: 60 * st.isi + 20 * p.tauK }).spikes;
    const isis = Array.from({ length: s.length - 1 }, (_, k) => s[k + 1] - s[k]);
    const last = isis[isis.length - 1];
    const plot: PlotData = {
      title: `Q1.5: interspike intervals from rest (V0 = ${p.V0.toFixed(1)} mV, Δg = ${p.dg.toFixed(3)}, τ_K = 200 ms)`, x: { label: 'interval number' }, y: { label: 'interspike interval', unit: 'ms' },
      series: [
        { name: 'simulated', x: isis.map((_, k) => k + 1), y: isis, style: 'points' },
        { name: 'return-map fixed point', x: [1, isis.length], y: [st.isi, st.isi] },
        { name: 'Eq. (7) t*', x: [1, isis.length], y: [tStar(p), tStar(p)] },
      ],
    };
    return compare(st.isi, last, { rel: 1e-9, reason: 'the return map contracts (its slope at the fixed point is < 1), so after 60 intervals and 20 τ_K the distance is far below 1e-9; spike times are exact to ~1e-14' }, {
      details: `${isis.length} intervals; g at each spike ${show(st.gAtSpike)} < g* = ${show(gStar(p))}`, plot,
    });
  },
};

const q15lag: Claim = {
  id: 'gatsby-q1.5-lag', source: 'gatsby', question: 'Q1.5',
  statement: 'Eq. (7) is the τ_K → ∞ limit: the exact interval exceeds t* by τΔg/((1+g*)(g*+Δg)) + O(τ²/t*), so its relative error falls as τ/τ_K.',
  method: 'Derived here (the membrane lags its moving equilibrium by τ/(1+g*), so g at each spike is low by τg*/((1+g*)τ_K)); against exact ISI − t* from lif\'s steadyStateIsi at τ_K = 10⁴ τ for a random V0 ∈ [20, 45] mV, Δg ∈ [0.05, 0.5].',
  run(ctx) {
    const p = q15params(ctx.rng());
    const gs = gStar(p), predicted = lag(p, gs);
    const q = { ...p, tauK: 1e4 * p.tau };
    const diff = steadyStateIsi(q) - tStar(q);
    const ratios = Array.from({ length: 13 }, (_, k) => 10 ** (1 + k / 4));
    const rows = isiVsTauK(p, ratios.map((x) => x * p.tau));
    const plot: PlotData = {
      title: 'Q1.5: how much longer the exact interval is than Eq. (7)', x: { label: 'τ_K/τ', log: true }, y: { label: 'ISI − t*', unit: 'ms', log: true },
      series: [
        { name: 'exact − t*', x: ratios, y: rows.map((r) => r.isi - r.tStar), style: 'points' },
        { name: 'τΔg/((1+g*)(g*+Δg))', x: [ratios[0], ratios[ratios.length - 1]], y: [predicted, predicted] },
      ],
    };
    return compare(predicted, diff, { rel: 1e-3, reason: 'the next order is O(τ/t*) relative; here t* ≥ 0.049 τ_K = 490 τ, and its coefficient is ≤ 0.05 (measured over V0, Δg), so ≤ 1e-4' }, {
      details: `V0 = ${show(p.V0)}, Δg = ${show(p.dg)}; relative error of t* at τ_K/τ = 10, 100, 10⁴: ${[0, 4, 12].map((k) => show(-rows[k].relError)).join(', ')}`, plot,
    });
  },
};

const q15eq14: Claim = {
  id: 'gatsby-q1.5-eq14', source: 'gatsby', question: 'Q1.5',
  statement: 'Solution 5: "Solving [Eq. (14)] for t* yields Eq. (4)".',
  method: 'Eq. (14), (g* + Δg) e^{−t/τ_K} = g*, solved by bisection for the exam\'s neuron (Δg = 0.05, τ_K = 200 ms); Eq. (4) at the conductance where Eq. (14) puts the spike (g = g*) and Eq. (7) against it.',
  run() {
    const p = { ...EXAM, dg: 0.05, tauK: 200 };
    const gs = gStar(p);
    let lo = 0, hi = 10 * p.tauK;
    for (let k = 0; k < 200; k++) {
      const mid = 0.5 * (lo + hi);
      if (mid <= lo || mid >= hi) break; // adjacent doubles
      if ((gs + p.dg) * Math.exp(-mid / p.tauK) > gs) lo = mid; else hi = mid;
    }
    const root = 0.5 * (lo + hi);
    const tol = { abs: 1e-12 * root, reason: 'bisection to adjacent doubles; Eq. (14) and Eq. (7) agree to rounding of the log (a few ulp); 1e-12 relative to the root' };
    return documentCheck(
      compare(spikeTime(p, gs), root, tol, { details: 'Eq. (4) at g = g* (no spike: t_s = ∞)' }),
      compare(tStar(p), root, tol),
    );
  },
};

export const claims: Claim[] = [
  units, q11, q12, q13, q13integer, q13stop,
  durationClaim('burst'), durationClaim('silence'), q14spikes, q14gmax, q14condition, q14restart,
  q15, q15regular, q15lag, q15eq14,
];

export const slips: Slip[] = [
  { source: 'gatsby', location: 'Q1 preamble, definition of u', printed: 'u ≡ V + E_L', correct: 'u ≡ V − E_L (Eq. (3), the reset to u = 0 and θ = V_th − E_L = 15 mV need it)', claim: 'gatsby-q1-units' },
  { source: 'gatsby', location: 'Q1 solutions, Eqs. (8) and (11)', printed: 'τ/(1+q), (1/Δq)', correct: 'g for q (a typo no number can show)', claim: null },
  { source: 'gatsby', location: 'Q1 solution 3', printed: 'the neuron stops spiking when g > (V0 − θ)/(Δ + θ)', correct: 'when g ≥ g*: at g = g* u only approaches θ (Eq. (6) itself is right, also when g*/Δg is an integer)', claim: 'gatsby-q1.3-stop' },
  { source: 'gatsby', location: 'Q1 solution 4', printed: 'g will increase by about Δg t_d/t_s(0)', correct: 'for t_d ≫ τ_K, g saturates near Δg/(1 − e^{−t_s(0)/τ_K}) ≈ Δg τ_K/t_s(0) (2.99 for Δg = 0.2, τ_K = 100 ms), whatever t_d', claim: 'gatsby-q1.4-gmax' },
  { source: 'gatsby', location: 'Q1.4 and solution 4', printed: 't_d/t_s(0) > n_spikes (is enough to stop the neuron from firing)', correct: 'the saturated conductance must exceed g*: Δg/(1 − e^{−t_s(0)/τ_K}) > g*, i.e. roughly τ_K/t_s(0) > n_spikes; with Δg = 0.02 the printed condition holds (144 > 25) and the neuron fires tonically', claim: 'gatsby-q1.4-condition' },
  { source: 'gatsby', location: 'Q1 solution 4', printed: 'by the time the conductance starts to rise again, u will be near zero', correct: 'g will be near zero (≤ g* e^{−t_d/τ_K}); u is mid-burst then', claim: 'gatsby-q1.4-restart' },
  { source: 'gatsby', location: 'Q1 solution 5, last line', printed: 'Solving for t* yields Eq. (4)', correct: 'yields Eq. (7)', claim: 'gatsby-q1.5-eq14' },
];
