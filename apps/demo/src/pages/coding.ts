// #/coding — two cells over many trials (Gatsby Q3.1–Q3.3): a raster, the PSTHs, the measured
// JPSTH beside the closed form of the chosen generative model (independent, shared gain γ²,
// common drive α through an exponential kernel τ), the excess over the shuffle predictor and
// its cross-correlogram against the closed form's. Simulation and statistics run in the worker.
import { heatMap, lineChart, xyChart } from '../chart.js';
import { choiceControl, numberControl, readouts, statusLine, type Control } from '../controls.js';
import { chartsGrid, handleError, pageLayout, type Page } from '../page.js';
import { choiceParam, numberParam } from '../state.js';
import type { CodingModel, CodingParams, CodingResult } from '../tasks/coding.js';

/** the window, ms (as in tasks/coding.ts) */
const STOP = 480;

const MODELS: readonly (readonly [CodingModel, string])[] = [
  ['drive', 'Q3.3 common drive (α, τ)'],
  ['independent', 'Q3.1 independent Poisson'],
  ['gain', 'Q3.2 shared gain (γ²)'],
];
const DEFAULTS: CodingParams = { model: 'drive', alpha: 0.5, gamma2: 0.3, tau: 20, trials: 400, rate: 30, seed: 1 };
const fmt = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toPrecision(d)).toString() : '—');
const fmtP = (p: number) => (p < 1e-3 ? p.toExponential(1) : p.toFixed(3));

type NumKey = Exclude<keyof CodingParams, 'model'>;
const SPECS: { key: NumKey; label: string; unit?: string; min: number; max: number; step: number; check: (v: number) => string | null }[] = [
  { key: 'alpha', label: 'α, share of the common drive', min: 0, max: 1, step: 0.01, check: (v) => (v >= 0 && v <= 1 ? null : 'α must be in [0, 1]') },
  { key: 'gamma2', label: 'γ², variance of the shared gain', min: 0, max: 2, step: 0.01, check: (v) => (v >= 0 && v <= 10 ? null : 'γ² must be in [0, 10]') },
  { key: 'tau', label: 'τ, kernel time constant', unit: 'ms', min: 1, max: 100, step: 1, check: (v) => (v >= 0.5 && v <= 200 ? null : 'τ must be in [0.5, 200] ms') },
  { key: 'trials', label: 'Trials K', min: 20, max: 5000, step: 10, check: (v) => (Number.isInteger(v) && v >= 2 && v <= 5000 ? null : 'trials must be a whole number in [2, 5000]') },
  { key: 'rate', label: 'Mean rate ρ̄', unit: 'Hz', min: 1, max: 100, step: 1, check: (v) => (v > 0 && v <= 100 ? null : 'the rate must be in (0, 100] Hz') },
  { key: 'seed', label: 'Random seed', min: 0, max: 100, step: 1, check: (v) => (Number.isInteger(v) && v >= 0 ? null : 'the seed must be a whole number ≥ 0') },
];

const DESCRIPTION: Record<CodingModel, string> = {
  independent: 'Q3.1: the two cells are independent inhomogeneous Poisson processes with the same rate ρ(t) on every trial, so E[J_mn] = R_m R_n and the excess over the shuffle predictor is zero.',
  gain: 'Q3.2: on each trial both cells fire at g·ρ(t) with one gain g (mean 1, variance γ²) shared by the pair, so E[J_mn] = (1 + γ²) R_m R_n: the excess γ² R_m R_n covers the whole JPSTH, a broad hump in the correlogram.',
  drive: 'Q3.3: an unobserved Poisson cell (rate ρ⁽³⁾) drives both: λ(t) = (1 − α)ρ(t) + α ∫k(t − s) s⁽³⁾(s) ds with k(s) = e^(−s/τ)/τ, so E[J_mn] = R_m R_n + α² ∫ρ⁽³⁾ K_m K_n: the excess lies along the diagonal, |t₁ − t₂| ≲ τ, and grows as α².',
};

export const codingPage: Page = {
  path: 'coding', title: 'Two cells (JPSTH)',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'Two cells over many trials: the JPSTH (Gatsby Q3)',
      `Two cells recorded on K trials of ${STOP} ms; the driver's rate is ρ⁽³⁾(t) = ρ̄(1 + ½ sin(2πt/240 ms)) and every model gives the cells the same mean rate ρ = k ∗ ρ⁽³⁾. The JPSTH J_mn is the trial average of the product of cell 1's count in bin m and cell 2's in bin n (Δ = 20 ms); each model has a closed form for its expectation, drawn beside the measured one on the same colour scale. Simulation and statistics run in a worker: change a control and everything is recomputed.`);
    const p: CodingParams = { ...DEFAULTS, model: choiceParam(ctx.params, 'model', MODELS.map(([m]) => m), DEFAULTS.model) };
    for (const s of SPECS) { const v = numberParam(ctx.params, s.key, DEFAULTS[s.key]); p[s.key] = s.check(v) === null ? v : DEFAULTS[s.key]; }

    const out = readouts(results, [
      ['spikes', 'spikes per trial (cell 1 / 2)'], ['pairs', 'pairs per trial: measured / E'], ['peak', 'excess at lag 0: measured / E'],
      ['p', 'p of the closed form (T² test)'], ['p0', 'p of independence R_m R_n'], ['time', 'worker time (ms)'],
    ]);
    const status = statusLine(results);
    const describe = statusLine(results);
    const grid = () => { const g = chartsGrid(results); g.style.gridTemplateColumns = 'repeat(auto-fit, minmax(min(100%, 340px), 1fr))'; g.style.marginBottom = '1rem'; return g; };
    const top = grid();
    const raster = xyChart(top, 'coding-raster', 'Raster: the first 20 trials', { x: { label: 'time', unit: 'ms' }, y: { label: 'trial (cell 1, cell 2, driver)' }, height: 320 });
    const psthChart = lineChart(top, 'coding-psth', 'PSTH of both cells', {
      x: { label: 'time (bin centre)', unit: 'ms' }, y: { label: 'rate', unit: 'Hz' },
      series: [{ label: 'cell 1', points: true }, { label: 'cell 2', points: true }, { label: 'model ρ (bin mean)', dash: true, color: 2 }], height: 320,
    });
    const maps = grid();
    const hmAxes = { x: { label: 'cell 2 time t₂', unit: 'ms' }, y: { label: 'cell 1 time t₁', unit: 'ms' } };
    const jMap = heatMap(maps, 'coding-jpsth', 'Measured JPSTH J_mn (pairs per trial)', hmAxes);
    const eMap = heatMap(maps, 'coding-expected', 'Closed form E[J_mn] of the model', hmAxes);
    const xMap = heatMap(maps, 'coding-excess', 'Measured excess: J − shuffle predictor', hmAxes);
    const xeMap = heatMap(maps, 'coding-excess-expected', 'Closed-form excess: E[J] − R_m R_n', hmAxes);
    const bottom = grid();
    const cch = lineChart(bottom, 'coding-cch', 'Cross-correlogram of the excess: Σ_m (J − shuffle)_{m, m+d}', {
      x: { label: 'lag t₂ − t₁', unit: 'ms' }, y: { label: 'excess pairs per trial' },
      series: [{ label: 'measured J − shuffle', points: true }, { label: 'closed form E − R⊗R' }],
    });

    const show = (r: CodingResult) => {
      const M = r.size, extent: [number, number] = [0, STOP];
      let lo = Infinity, hi = -Infinity, big = 0;
      for (const a of [r.measured, r.expected]) for (const v of a) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      for (const a of [r.excess, r.expectedExcess]) for (const v of a) big = Math.max(big, Math.abs(v));
      jMap.setData(r.measured, M, extent, [lo, hi]);
      eMap.setData(r.expected, M, extent, [lo, hi]);
      xMap.setData(r.excess, M, extent, [-big || -1, big || 1]);
      xeMap.setData(r.expectedExcess, M, extent, [-big || -1, big || 1]);
      const d = r.raster;
      raster.setData([
        { label: 'cell 1', x: d.x1, y: d.y1, points: true },
        { label: 'cell 2', x: d.x2, y: d.y2, points: true },
        ...(d.xd.length ? [{ label: 'driver (unobserved cell 3)', x: d.xd, y: d.yd, points: true, color: 3 }] : []),
      ]);
      psthChart.setData(r.centres, [r.psth1, r.psth2, r.modelRate]);
      cch.setData(r.lags, [r.cchMeasured, r.cchExpected]);
      const zero = r.lags.indexOf(0);
      out.spikes(`${fmt(r.spikesPerTrial[0])} / ${fmt(r.spikesPerTrial[1])}`);
      out.pairs(`${fmt(r.pairsPerTrial)} / ${fmt(r.expectedPairsPerTrial)}`);
      out.peak(`${fmt(r.cchMeasured[zero])} / ${fmt(r.cchExpected[zero])}`);
      out.p(r.fit ? fmtP(r.fit.p) : '—');
      out.p0(r.fit?.pIndependent != null ? fmtP(r.fit.pIndependent) : '—');
      out.time(r.ms.toFixed(0));
      if (!r.fit) status(`Too few trials for the goodness-of-fit test (Hotelling's T² on B × B blocks needs K ≥ 10·B², at least 40 trials).`);
      else {
        const ok = r.fit.p >= 1e-3;
        const null0 = r.fit.pIndependent === null ? '' : r.fit.pIndependent < 1e-3
          ? ` Independence (R_m R_n) is rejected on the same spikes (p = ${fmtP(r.fit.pIndependent)}).`
          : ` Independence (R_m R_n) is not rejected (p = ${fmtP(r.fit.pIndependent)}): too few trials or too weak a coupling to tell.`;
        status(`The closed form is ${ok ? 'accepted' : 'rejected'} by Hotelling's T² on ${r.fit.blocks} × ${r.fit.blocks} blocks (p = ${fmtP(r.fit.p)}, level 1e-3).${null0}`, ok ? 'good' : 'bad');
      }
    };

    const run = () => {
      ctx.save({ ...p });
      describe(DESCRIPTION[p.model]);
      ctx.computer.run<CodingResult>('coding.run', { ...p }).then(show).catch(handleError(status));
    };
    const later = debounce(run, 120);

    const controlsByKey: Partial<Record<NumKey, Control<number>>> = {};
    const dim = () => {
      controlsByKey.alpha?.el.style.setProperty('opacity', p.model === 'drive' ? '1' : '0.55');
      controlsByKey.gamma2?.el.style.setProperty('opacity', p.model === 'gain' ? '1' : '0.55');
    };
    const modelControl = choiceControl(controls, 'model', 'Generative model', MODELS, p.model, (v) => { p.model = v; dim(); run(); });
    (modelControl.el.querySelector('select') as HTMLSelectElement).style.width = '100%';
    for (const s of SPECS) {
      controlsByKey[s.key] = numberControl(controls, { ...s, value: p[s.key] }, (v) => { p[s.key] = v; later(); });
    }
    const note = document.createElement('p');
    note.className = 'message';
    note.style.fontSize = '0.85rem';
    note.textContent = 'α acts in the common-drive model, γ² in the shared-gain model (dimmed otherwise); τ also shapes ρ = k ∗ ρ⁽³⁾ in all three.';
    controls.append(note);
    dim();
    run();
    return () => { for (const c of [raster, psthChart, jMap, eMap, xMap, xeMap, cch]) c.destroy(); };
  },
};

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}
