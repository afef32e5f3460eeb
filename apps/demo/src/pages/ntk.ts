// #/ntk — the neural tangent kernel and lazy training (Gatsby "4 Learning", Q7): how far the weights
// move to fit the data as the width n grows (max |Δw| per layer against n, with the predicted slopes
// −3/2 and −1), the empirical kernel against its n → ∞ limit, and the trained network against its
// first-order (linearised) model. The sweep runs in the worker with progress.
import { lineChart, xyChart, type LineChart, type SeriesSpec } from '../chart.js';
import { choiceControl, numberControl, readouts, statusLine } from '../controls.js';
import { chartsGrid, handleError, pageLayout, type Page } from '../page.js';
import { choiceParam, numberParam } from '../state.js';
import type { NtkActivation, NtkSweep } from '../tasks/ntk.js';

const fmt = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toPrecision(d)).toString() : '—');
const sgn = (x: number, d = 2) => (x < 0 ? `−${Math.abs(x).toFixed(d)}` : x.toFixed(d));
const ACTS = ['tanh', 'erf', 'relu'] as const;
const DEPTHS = ['1', '2', '3'] as const;
const MAXW = ['256', '512', '1024'] as const;

const layerName = (k: number, K: number) => (k === K - 1 ? 'readout' : `layer ${k + 1}`);

export const ntkPage: Page = {
  path: 'ntk', title: 'Tangent kernel',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'The tangent kernel and lazy training (Gatsby Q4)',
      'A network x<sup>l</sup> = φ(w<sup>l</sup> x<sup>l−1</sup>) with L hidden layers, every layer n wide (the input too: d = n), weights N(0, 1/n), a linear readout, p = 8 training inputs of a fixed task. For large n, fitting the data moves each weight very little (Eq. 24: Δw<sub>ij</sub> ~ n<sup>−3/2</sup> in the n × n layers, ~ n<sup>−1</sup> in the readout), so learning is linear regression on the tangent features with the kernel C. The sweep over n runs in a worker; change the seed to draw new networks and a new task.');
    const integer = (name: string, lo: number, hi: number) => (v: number) => (Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be a whole number from ${lo} to ${hi}`);
    const seedCheck = integer('The seed', 0, 100000), stepsCheck = integer('Steps', 1, 400);
    const okOr = (v: number, check: (v: number) => string | null, fallback: number) => (check(v) === null ? v : fallback);
    const s = {
      seed: okOr(numberParam(ctx.params, 'seed', 1), seedCheck, 1),
      depth: choiceParam(ctx.params, 'depth', DEPTHS, '2'),
      act: choiceParam(ctx.params, 'act', ACTS, 'tanh') as NtkActivation,
      maxWidth: choiceParam(ctx.params, 'maxWidth', MAXW, '1024'),
      steps: okOr(numberParam(ctx.params, 'steps', 50), stepsCheck, 50),
    };
    const save = () => ctx.save({ ...s });
    numberControl(controls, { key: 'seed', label: 'Random seed', min: 0, max: 50, step: 1, value: s.seed, check: seedCheck }, (v) => { s.seed = v; run(); });
    choiceControl(controls, 'depth', 'Hidden layers L', DEPTHS.map((d) => [d, d] as const), s.depth, (v) => { s.depth = v; run(); });
    choiceControl(controls, 'act', 'Activation φ', [['tanh', 'tanh'], ['erf', 'erf'], ['relu', 'ReLU']] as const, s.act, (v) => { s.act = v; run(); });
    choiceControl(controls, 'maxWidth', 'Largest width n', MAXW.map((w) => [w, w] as const), s.maxWidth, (v) => { s.maxWidth = v; run(); });
    numberControl(controls, { key: 'steps', label: 'Training steps (trained vs linearised)', min: 1, max: 200, step: 1, value: s.steps, check: stepsCheck }, (v) => { s.steps = v; run(); });
    const note = document.createElement('p');
    note.className = 'message';
    note.style.margin = '0';
    note.style.fontSize = '0.85rem';
    note.textContent = 'Δw is the weight change that fits the 8 training targets exactly in the linear model (Eqs. 32, 37), at per-layer rates η/n. Training uses η = 1/λmax(C).';
    controls.append(note);

    const out = readouts(results, [['time', 'sweep time (worker)'], ['kslope', 'kernel error slope (theory −1/2)'], ['gslope', 'prediction gap slope'], ['kerr', '|C − C∞|/|C∞| at the largest n']]);
    const status = statusLine(results);
    const slopeBox = document.createElement('div');
    slopeBox.className = 'chart';
    slopeBox.style.overflowX = 'auto';
    const slopeGrid = chartsGrid(results);
    slopeGrid.style.marginBottom = '1rem';
    slopeBox.innerHTML = '<h3>Fitted exponents of the weight change against n (log–log least squares)</h3><div></div>';
    slopeGrid.append(slopeBox);
    const slopeTable = slopeBox.lastElementChild as HTMLElement;
    const grid = chartsGrid(results);
    // the Δw chart has one series per layer: rebuilt when a result arrives (its legend carries the fits)
    const dwHolder = document.createElement('div');
    dwHolder.style.minWidth = '0';
    grid.append(dwHolder);
    let dwChart: LineChart | null = null;
    const kernelChart = xyChart(grid, 'ntk-kernel', 'Empirical kernel against the n → ∞ kernel', { x: { label: 'analytic C∞_μν' }, y: { label: 'empirical C_μν' }, height: 300 });
    const linChart = xyChart(grid, 'ntk-linearised', 'Trained network against its linearisation (held-out inputs)', { x: { label: 'linearised model f_lin(x)' }, y: { label: 'trained network f(x)' }, height: 300 });
    const convHolder = document.createElement('div');
    convHolder.style.minWidth = '0';
    grid.append(convHolder);
    let convChart: LineChart | null = null;
    const widthAxis = (r: NtkSweep) => ({ label: 'width n', log: true, logBase: 2, range: [r.widths[0] / 2, r.widths[r.widths.length - 1] * 2] as const });

    const drawDw = (r: NtkSweep) => {
      const K = r.dwMax.length;
      const series: SeriesSpec[] = [];
      const ys: (number | null)[][] = [];
      const ln = Math.log;
      for (let k = 0; k < K; k++) {
        const f = r.fitMax[k];
        series.push({ label: `${layerName(k, K)} max|Δw|`, points: true, color: k });
        series.push({ label: `fit ∝ n^${sgn(f.exponent)}`, color: k });
        ys.push(r.dwMax[k], r.widths.map((n) => f.prefactor * n ** f.exponent));
      }
      // reference slopes through the geometric mean of the measured points
      const anchor = (layers: number[], e: number) => {
        let m = 0, c = 0;
        for (const k of layers) r.widths.forEach((n, i) => { m += ln(r.dwMax[k][i]) - e * ln(n); c++; });
        return r.widths.map((n) => Math.exp(m / c) * n ** e);
      };
      series.push({ label: 'n^−3/2 (Eq. 24)', dash: true, color: 4 }, { label: 'n^−1 (readout)', dash: true, color: K - 1 });
      ys.push(anchor(Array.from({ length: K - 1 }, (_, k) => k), -1.5), anchor([K - 1], -1));
      dwChart?.destroy();
      dwHolder.innerHTML = '';
      dwChart = lineChart(dwHolder, 'ntk-dw', 'Largest weight change max |Δw_ij| per layer against width', { x: widthAxis(r), y: { label: 'max |Δw_ij|', log: true }, series, height: 300 });
      dwChart.setData(r.widths, ys);
    };

    const draw = (r: NtkSweep) => {
      const K = r.dwMax.length;
      drawDw(r);
      slopeTable.innerHTML = `<table class="data"><thead><tr><th>weights</th><th>shape</th><th>exponent of max |Δw|</th><th>exponent of rms Δw</th><th>Eq. (24) / readout</th></tr></thead><tbody>${
        r.fitMax.map((f, k) => `<tr><th scope="row">${layerName(k, K)}</th><td>${k === K - 1 ? '1 × n' : 'n × n'}</td><td class="num" style="white-space:nowrap">${sgn(f.exponent)} ± ${f.exponentStderr.toFixed(2)}</td><td class="num" style="white-space:nowrap">${sgn(r.fitRms[k].exponent)} ± ${r.fitRms[k].exponentStderr.toFixed(2)}</td><td class="num">${k === K - 1 ? '−1' : '−3/2'}</td></tr>`).join('')
      }</tbody></table><p class="message" style="margin:0.3rem 0 0">The typical (rms) entry follows Eq. (24). The largest entry sits above it: Δw_ij = Σ_μ c_μ (∂f/∂h_i) x_j pairs the largest of n values of each factor, which grow like √(ln n), so max |Δw| shows a shallower exponent (≈ −1.2 to −1.3 over n = 64 … 1024).</p>`;
      // kernels at the smallest and largest width, with the diagonal C = C∞
      const all = r.kernel.flatMap((k) => k.analytic);
      const lo = Math.min(...all), hi = Math.max(...all);
      kernelChart.setData([
        ...r.kernel.map((k, i) => ({ label: `n = ${k.n}`, x: k.analytic, y: k.empirical, points: true, color: i })),
        { label: 'C = C∞', x: [lo, hi], y: [lo, hi], dash: true, color: 4 },
      ]);
      const preds = r.predictions.flatMap((p) => p.linearised);
      const plo = Math.min(...preds), phi = Math.max(...preds);
      linChart.setData([
        ...r.predictions.map((p, i) => ({ label: `n = ${p.n}`, x: p.linearised, y: p.trained, points: true, color: i })),
        { label: 'f = f_lin', x: [plo, phi], y: [plo, phi], dash: true, color: 4 },
      ]);
      const e0 = r.kernelError[0];
      convChart?.destroy();
      convHolder.innerHTML = '';
      convChart = lineChart(convHolder, 'ntk-convergence', 'Approach to the infinite-width limit', {
        x: widthAxis(r), y: { label: 'relative size', log: true }, height: 300,
        series: [{ label: '|C − C∞| / |C∞|', points: true }, { label: 'rms gap trained − linearised (held out)', points: true, color: 1 }, { label: 'slope −1/2', dash: true, color: 4 }],
      });
      convChart.setData(r.widths, [r.kernelError, r.gap, r.widths.map((n) => e0 * (n / r.widths[0]) ** -0.5)]);
      out.time(`${(r.ms / 1000).toFixed(2)} s`);
      out.kslope(`${sgn(r.kernelFit.exponent)} ± ${r.kernelFit.exponentStderr.toFixed(2)}`);
      out.gslope(`${sgn(r.gapFit.exponent)} ± ${r.gapFit.exponentStderr.toFixed(2)}`);
      out.kerr(fmt(r.kernelError[r.kernelError.length - 1]));
      status(`Seed ${s.seed}, ${s.depth} hidden ${s.act} layer${s.depth === '1' ? '' : 's'}, n = ${r.widths.join(', ')}: ${s.steps} steps at η = 1/λmax(C) ≈ ${fmt(r.eta[r.eta.length - 1])} (largest n); the held-out gap between the trained network and its linearisation falls from ${fmt(r.gap[0])} to ${fmt(r.gap[r.gap.length - 1])}.`, 'good');
    };

    const run = () => {
      save();
      status('sweeping the widths in the worker… 0%');
      ctx.computer.run<NtkSweep>('ntk.sweep', { seed: s.seed, depth: Number(s.depth), activation: s.act, maxWidth: Number(s.maxWidth), steps: s.steps },
        (f) => status(`sweeping the widths in the worker… ${Math.round(100 * f)}%`))
        .then(draw)
        .catch(handleError(status));
    };
    run();
    return () => { dwChart?.destroy(); kernelChart.destroy(); linChart.destroy(); convChart?.destroy(); };
  },
};
