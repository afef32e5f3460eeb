// #/neuron — the adapting integrate-and-fire neuron (Gatsby Q1): sliders for V0, Δg, τK, td, τ;
// u(t) and g(t) with the spikes and the g* line, live read-outs, the regime, three sweeps.
import { gStar, nSpikes, simulate, spikeTime, tStar } from '@neurobridge/lif';
import { lineChart } from '../chart.js';
import { numberControl, readouts, statusLine } from '../controls.js';
import { chartsGrid, handleError, pageLayout, type Page } from '../page.js';
import { numberParam } from '../state.js';
import type { NeuronParams } from '../tasks/neuron.js';

const THETA = 15, DURATION = 2000, DT = 0.5;
const fmt = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toPrecision(d + 1)).toString() : '∞');

export const neuron: Page = {
  path: 'neuron', title: 'Neuron',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'The adapting integrate-and-fire neuron (Gatsby Q1)',
      'τ du/dt = −u + V0 − g(u + Δ), reset to 0 at u = θ = 15 mV; each spike raises g by Δg after a delay td, and g decays with τK. Move a slider: the 2 s of model time below are recomputed exactly (event-driven, no time grid) on every change.');
    const p: NeuronParams = {
      V0: numberParam(ctx.params, 'V0', 30), dg: numberParam(ctx.params, 'dg', 0.05), tauK: numberParam(ctx.params, 'tauK', 200),
      td: numberParam(ctx.params, 'td', 0), tau: numberParam(ctx.params, 'tau', 10),
    };
    const out = readouts(results, [['ts0', 't_s(0), first spike (ms)'], ['gstar', 'g*, silencing conductance'], ['n', 'n_spikes for τK = ∞'], ['tstar', 't*, Eq. (7) (ms)'], ['isi', 'measured last ISI (ms)'], ['count', 'spikes in 2 s']]);
    const regime = statusLine(results);
    const grid = chartsGrid(results);
    const uChart = lineChart(grid, 'neuron-u', 'Membrane potential and spikes', { x: { label: 'time', unit: 'ms' }, y: { label: 'u = V − E_L', unit: 'mV' }, series: [{ label: 'u(t)' }, { label: 'spikes', points: true, color: 1 }] });
    const gChart = lineChart(grid, 'neuron-g', 'Potassium conductance', { x: { label: 'time', unit: 'ms' }, y: { label: 'g', unit: 'relative to leak' }, series: [{ label: 'g(t)' }, { label: 'g*', dash: true, color: 1 }] });
    const sweeps = chartsGrid(results);
    const countChart = lineChart(sweeps, 'neuron-count', 'Spike count vs Δg (τK = ∞)', { x: { label: 'Δg', log: true }, y: { label: 'spikes' }, series: [{ label: 'Eq. (6)' }, { label: 'simulation', points: true }] });
    const isiChart = lineChart(sweeps, 'neuron-isi', 'Steady ISI vs τK (td = 0)', { x: { label: 'τK', unit: 'ms', log: true }, y: { label: 'interval', unit: 'ms', log: true }, series: [{ label: 'exact' }, { label: 't*, Eq. (7)', dash: true }] });
    const burstChart = lineChart(sweeps, 'neuron-bursts', 'Burst and silence vs td', { x: { label: 'td', unit: 'ms' }, y: { label: 'duration', unit: 'ms' }, series: [{ label: 'burst' }, { label: 'silence' }] });

    // drawn at once on each input event (browsers deliver at most one per frame while dragging):
    // 2 s of model time cost ~1 ms to simulate and a few ms to draw
    const redraw = () => {
      const r = simulate(p, { duration: DURATION, record: { dt: DT } });
      const tr = r.trace;
      if (!tr) return;
      const marks = new Array<number | null>(tr.t.length).fill(null);
      for (const s of r.spikes) marks[Math.min(tr.t.length - 1, Math.round(s / DT))] = THETA;
      uChart.setData(tr.t, [tr.u, marks]);
      const gs = gStar(p);
      gChart.setData(tr.t, [tr.g, new Array(tr.t.length).fill(gs)]);
      const n = r.spikes.length;
      out.ts0(fmt(spikeTime(p, 0))); out.gstar(fmt(gs)); out.n(String(nSpikes({ ...p, tauK: Infinity, td: 0 })));
      out.tstar(p.td === 0 && Number.isFinite(p.tauK) ? fmt(tStar(p)) : '—'); out.isi(n > 1 ? fmt(r.spikes[n - 1] - r.spikes[n - 2]) : '—'); out.count(String(n));
      ctx.save({ ...p });
    };
    const sweep = () => {
      regime('computing the regime and the sweeps…');
      ctx.computer.run<ReturnType<typeof import('../tasks/neuron.js').neuronTasks['neuron.sweeps']>>('neuron.sweeps', { ...p })
        .then((s) => {
          countChart.setData(s.counts.map((c) => c.dg), [s.counts.map((c) => c.predicted), s.counts.map((c) => c.simulated)]);
          isiChart.setData(s.isi.map((c) => c.tauK), [s.isi.map((c) => c.isi), s.isi.map((c) => c.tStar)]);
          burstChart.setData(s.bursts.map((b) => b.td), [s.bursts.map((b) => b.burst), s.bursts.map((b) => b.silence)]);
          regime(`Regime: ${s.regime.class} — ${s.regime.reason}`);
        })
        .catch(handleError(regime));
    };
    const debouncedSweep = debounce(sweep, 250);
    const positive = (name: string) => (v: number) => (v > 0 ? null : `${name} must be > 0`);
    const spec = [
      { key: 'V0', label: 'Drive V0', unit: 'mV', min: 0, max: 80, step: 0.5, check: (v: number) => (v >= 0 ? null : 'V0 must be ≥ 0') },
      { key: 'dg', label: 'Jump Δg', min: 0, max: 1, step: 0.005, check: (v: number) => (v >= 0 ? null : 'Δg must be ≥ 0') },
      { key: 'tauK', label: 'Decay τK', unit: 'ms', min: 5, max: 2000, step: 5, check: positive('τK') },
      { key: 'td', label: 'Delay td', unit: 'ms', min: 0, max: 500, step: 1, check: (v: number) => (v >= 0 ? null : 'td must be ≥ 0') },
      { key: 'tau', label: 'Membrane τ', unit: 'ms', min: 1, max: 50, step: 0.5, check: positive('τ') },
    ] as const;
    for (const s of spec) {
      numberControl(controls, { ...s, value: p[s.key] }, (v) => { p[s.key] = v; redraw(); debouncedSweep(); });
    }
    redraw();
    sweep();
    return () => { for (const c of [uChart, gChart, countChart, isiChart, burstChart]) c.destroy(); };
  },
};

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}
