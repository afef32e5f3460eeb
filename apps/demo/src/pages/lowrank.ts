// #/lowrank — the low-rank network of Gatsby Q2: type C (2×2 or 3×3), choose φ and n. The m1–m2
// phase plane of the mean field dm/dt = f(|m|) C m − m (trajectories from a ring of starts, fixed
// points filled when stable and open when not, the rotating circle of a complex pair), the full
// network's m(t) over the mean field's, and the finite-size error vs n on log axes.
// Main thread: trajectories by RK4 on a table of f (built once per φ from lowrank's gain). A second
// worker: fixed points and circles (lowrank, 5–40 ms). The page's worker: the network and the sweep.
import { gain, spectralNorm } from '@neurobridge/lowrank';
import { createComputer } from '../compute.js';
import type { Activation } from '@neurobridge/core';
import { lineChart, xyChart, type LineChart, type Marker, type PathSpec } from '../chart.js';
import { choiceControl, numberControl, readouts, statusLine, type Control } from '../controls.js';
import { chartsGrid, handleError, pageLayout, perFrame, type Page } from '../page.js';
import { choiceParam, numberParam } from '../state.js';
import { makePhi, PHI_NAMES, SWEEP_DURATION, SWEEP_SEEDS, xiScaleFor, type FixedResult, type LowrankArgs, type LowrankResult, type PhiName } from '../tasks/lowrank.js';

type Size = '2' | '3';
const DEFAULT_C = [[2, 0.3, 0.1], [0.3, 1.3, -0.2], [0.1, -0.2, 0.6]];
const PRESETS: Record<string, { size: Size; C: number[][]; phi?: PhiName; b?: number }> = {
  saddles: { size: '2', C: [[2, 0.3, 0], [0.3, 1.3, 0], [0, 0, 0]], phi: 'tanh' },
  rotation: { size: '2', C: [[1.76, -0.96, 0], [0.96, 1.76, 0], [0, 0, 0]], phi: 'tanh' },
  eq3: { size: '2', C: [[0.95, 0, 0], [0, 0.6, 0], [0, 0, 0]], phi: 'erf' },
  bistable: { size: '2', C: [[6, 0.5, 0], [0.5, 3, 0], [0, 0, 0]], phi: 'sigshift', b: 1 },
  three: { size: '3', C: [[2.2, 0.4, 0.1], [0.4, 1.3, -0.2], [0.1, -0.2, 0.6]], phi: 'tanh' },
};
const PHI_LABELS: readonly (readonly [PhiName, string])[] = [
  ['tanh', 'tanh (fixed points need λ > 1)'], ['erf', 'erf (λ > √π/2 ≈ 0.886)'], ['sigmoid', 'sigmoid σ(x) (λ > 4)'], ['sigshift', 'shifted sigmoid σ(4(x − b)) − σ(−4b)'],
];
const M0 = [0.5, 0.2, -0.1];
const fmt = (x: number, d = 3) => (Number.isFinite(x) ? Number(x.toPrecision(d)).toString() : '—');
const sub = (i: number) => '₀₁₂₃'[i];

/** f(a) = E[φ'(a z)] tabulated on [0, A_MAX] (cubic Lagrange), exact lowrank `gain` beyond. */
const A_MAX = 12, A_STEP = 0.015;
const tables = new Map<Activation, Float64Array>();
function gainTable(phi: Activation): (a: number) => number {
  let tab = tables.get(phi);
  if (!tab) {
    tab = new Float64Array(Math.round(A_MAX / A_STEP) + 4);
    for (let i = 0; i < tab.length; i++) tab[i] = gain(phi, Math.max(1e-9, (i - 1) * A_STEP)); // index i ↔ a = (i − 1)·h
    tables.set(phi, tab);
  }
  const T = tab;
  return (a) => {
    if (a >= A_MAX) return gain(phi, a);
    const u = a / A_STEP + 1, i = Math.min(Math.max(1, Math.floor(u)), T.length - 3), x = u - i;
    const [y0, y1, y2, y3] = [T[i - 1], T[i], T[i + 1], T[i + 2]];
    return y1 + 0.5 * x * (y2 - y0 + x * (2 * y0 - 5 * y1 + 4 * y2 - y3 + x * (3 * (y1 - y2) + y3 - y0)));
  };
}

/** RK4 of Eq. (10) with the tabulated gain (allocation-free); returns the path (every `every`-th step). */
function meanFieldPath(C: number[][], f: (a: number) => number, m0: number[], duration: number, dt = 0.05, every = 2): Float64Array[] {
  const p = C.length, steps = Math.round(duration / dt), Cf = Float64Array.from(C.flat());
  const out = Array.from({ length: p }, () => new Float64Array(Math.floor(steps / every) + 1));
  const m = Float64Array.from(m0), y = new Float64Array(p), acc = new Float64Array(p), k = new Float64Array(p);
  const rhs = (x: Float64Array, dst: Float64Array) => {
    let r2 = 0;
    for (let i = 0; i < p; i++) r2 += x[i] * x[i];
    const g = f(Math.sqrt(r2));
    for (let i = 0; i < p; i++) { let s = 0; for (let j = 0; j < p; j++) s += Cf[i * p + j] * x[j]; dst[i] = g * s - x[i]; }
  };
  let last = 0;
  for (let s = 0; s <= steps; s++) {
    if (s % every === 0) { last = s / every; for (let i = 0; i < p; i++) out[i][last] = m[i]; }
    if (s === steps) break;
    rhs(m, k); for (let i = 0; i < p; i++) { acc[i] = k[i]; y[i] = m[i] + 0.5 * dt * k[i]; }
    rhs(y, k); for (let i = 0; i < p; i++) { acc[i] += 2 * k[i]; y[i] = m[i] + 0.5 * dt * k[i]; }
    rhs(y, k); for (let i = 0; i < p; i++) { acc[i] += 2 * k[i]; y[i] = m[i] + dt * k[i]; }
    rhs(y, k); for (let i = 0; i < p; i++) m[i] += (dt / 6) * (acc[i] + k[i]);
    if (!m.every(Number.isFinite)) break;
  }
  return out.map((o) => o.subarray(0, last + 1));
}

export const lowrankPage: Page = {
  path: 'lowrank', title: 'Low-rank network',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'The low-rank network and its mean field (Gatsby Q2)',
      'dx<sub>i</sub>/dt = φ(Σ<sub>j</sub> J<sub>ij</sub> x<sub>j</sub>) − x<sub>i</sub> with J = ηξᵀ/n, ⟨ξ<sub>μ</sub>η<sub>ν</sub>⟩ = C<sub>μν</sub>. The overlaps m = ξᵀx/n follow the mean field dm/dt = f(|m|) C m − m, f(a) = E[φ′(a z)], for large n; fixed points lie on the real eigenvectors of C where f(α) λ = 1, and a complex pair of eigenvalues gives a rotating solution on a circle. Time is in units of the neurons’ time constant. Edit C or φ: the phase plane is redrawn at once; the network of n neurons and the sweep over n run in the background.');

    // ---- state from the URL ----
    const size0 = choiceParam(ctx.params, 'size', ['2', '3'] as const, '2');
    const inRange = (v: number, lo: number, hi: number, d: number) => (v >= lo && v <= hi ? v : d);
    const p = {
      size: size0 as Size,
      C: DEFAULT_C.map((row, i) => row.map((d, j) => inRange(numberParam(ctx.params, `c${i + 1}${j + 1}`, d), -10, 10, d))),
      phi: choiceParam(ctx.params, 'phi', PHI_NAMES, 'tanh'),
      b: inRange(numberParam(ctx.params, 'b', 1), -5, 5, 1),
      n: (() => { const n = numberParam(ctx.params, 'n', 4000); return Number.isInteger(n) && n >= 100 && n <= 20000 ? n : 4000; })(),
      seed: (() => { const s = numberParam(ctx.params, 'seed', 1); return Number.isInteger(s) && s >= 0 ? s : 1; })(),
    };
    const dim = () => (p.size === '3' ? 3 : 2);
    const Cnow = () => p.C.slice(0, dim()).map((r) => r.slice(0, dim()));

    // ---- results: read-outs, status, charts ----
    const out = readouts(results, [['eig', 'eigenvalues of C'], ['norm', '‖C‖₂ · ξ scale s'], ['fp', 'fixed points (±)'], ['cycle', 'rotating solution'], ['err', 'network − mean field'], ['slope', 'error ∝ n^k, fitted k']]);
    const regime = statusLine(results);
    const grid = chartsGrid(results);
    const phase = xyChart(grid, 'lowrank-phase', 'Phase plane m₁–m₂: mean field and network', { x: { label: 'overlap m₁' }, y: { label: 'overlap m₂' }, height: 340 });
    const mHolder = document.createElement('div'); // the m(t) chart is rebuilt when p changes (one series per overlap)
    mHolder.style.minWidth = '0';
    mHolder.style.display = 'grid';
    grid.append(mHolder);
    let mChart: LineChart | null = null, mChartSize = 0;
    const buildMChart = () => {
      if (mChartSize === dim() && mChart) return;
      mChart?.destroy();
      mHolder.innerHTML = '';
      mChartSize = dim();
      const series = [
        ...Array.from({ length: mChartSize }, (_, k) => ({ label: `m${sub(k + 1)} network`, color: k })),
        ...Array.from({ length: mChartSize }, (_, k) => ({ label: `m${sub(k + 1)} mean field`, color: k, dash: true })),
      ];
      mChart = lineChart(mHolder, 'lowrank-m', 'Overlaps m(t): network of n neurons vs mean field', { x: { label: 'time', unit: 'τ' }, y: { label: 'overlap m' }, series, height: 300 });
    };
    buildMChart();
    const finite = lineChart(grid, 'lowrank-finite', `Finite-size error vs n (RMS over t ≤ ${SWEEP_DURATION}τ and ${SWEEP_SEEDS} networks)`, {
      x: { label: 'neurons n', log: true }, y: { label: 'RMS |m − m_MF|', log: true },
      series: [{ label: 'network − mean field', points: true }, { label: 'c·n^(−1/2)', dash: true, color: 2 }], height: 300,
    });

    // ---- the phase plane: trajectories on the main thread, fixed points and circles from a second worker ----
    let version = 0, net: (LowrankResult & { version: number }) | null = null;
    let fixed: (FixedResult & { version: number }) | null = null;
    const fpComputer = createComputer();
    let trajMs = 0;
    const drawPhase = perFrame(() => {
      const t0 = performance.now();
      const C = Cnow(), phi = makePhi(p.phi, p.b), P = C.length;
      const norm = spectralNorm(C);
      const current = fixed !== null && fixed.version === version;
      const fp = current ? fixed?.fp ?? null : null, cycles = current ? fixed?.cycles ?? [] : [];
      const f = gainTable(phi);
      const amplitudes = fixed ? [...fixed.fp.nontrivial.map((q) => q.alpha), ...fixed.cycles.map((c) => c.radius)] : [];
      const scale = Math.max(0.6, 1.25 * Math.max(0, ...amplitudes));
      const paths: PathSpec[] = [];
      const starts: [number[], number[]] = [[], []];
      const ring = (r: number, count: number, phase0: number) => {
        for (let k = 0; k < count; k++) {
          const a = phase0 + (2 * Math.PI * k) / count, m0 = [r * Math.cos(a), r * Math.sin(a)];
          if (P === 3) m0.push(0.05 * r * (k % 2 ? 1 : -1));
          const path = meanFieldPath(C, f, m0, 25, 0.1, 1);
          paths.push({ label: paths.length ? '' : 'mean-field trajectories', x: path[0], y: path[1], color: 0 });
          starts[0].push(m0[0]); starts[1].push(m0[1]);
        }
      };
      ring(scale, 12, 0.1);
      ring(0.04 * scale, 6, 0.3);
      paths.push({ label: 'starts', x: starts[0], y: starts[1], color: 0, points: true });
      cycles.forEach((c, i) => {
        const n = 121, xs = new Float64Array(n), ys = new Float64Array(n);
        for (let s = 0; s < n; s++) { const a = (2 * Math.PI * s) / (n - 1); xs[s] = c.radius * (Math.cos(a) * c.plane[0][0] + Math.sin(a) * c.plane[1][0]); ys[s] = c.radius * (Math.cos(a) * c.plane[0][1] + Math.sin(a) * c.plane[1][1]); }
        paths.push({ label: i ? '' : `predicted circle (${c.stability})`, x: xs, y: ys, color: 4, dash: true });
      });
      if (net && net.version === version) paths.push({ label: `network, n = ${p.n}`, x: net.mNet[0], y: net.mNet[1], color: 1 });
      const markers: Marker[] = [];
      let seen = { stable: false, unstable: false };
      const mark = (m: ArrayLike<number>, stable: boolean) => {
        const kind = stable ? 'stable' : 'unstable';
        markers.push({ x: m[0], y: m[1], filled: stable, color: stable ? 2 : 3, label: seen[kind] ? '' : `${kind} fixed point` });
        seen = { ...seen, [kind]: true };
      };
      if (fp) {
        mark([0, 0], fp.trivial.stable);
        for (const q of fp.nontrivial) { mark(q.m, q.stable); mark([-q.m[0], -q.m[1]], q.stable); }
      }
      phase.setData(paths, markers);
      trajMs = performance.now() - t0;
      ctx.save(state());
      out.norm(`${fmt(norm)} · s = ${fmt(xiScaleFor(norm))}`);
      if (!fp) { for (const k of ['eig', 'fp', 'cycle'] as const) out[k]('…'); return; }

      // read-outs and the regime in words
      out.eig(fp.eigenvalues.map((e) => (Math.abs(e.im) > 1e-12 ? `${fmt(e.re)} ${e.im > 0 ? '+' : '−'} ${fmt(Math.abs(e.im))}i` : fmt(e.re))).join(', '));
      const nStable = fp.nontrivial.filter((q) => q.stable).length;
      out.fp(`${fp.nontrivial.length} pair${fp.nontrivial.length === 1 ? '' : 's'} (${nStable} stable); m = 0 ${fp.trivial.stability}`);
      out.cycle(cycles.length ? cycles.map((c) => `r = ${fmt(c.radius)}, ω = ${fmt(c.angularVelocity)}, T = ${fmt(c.period)}τ`).join('; ') : '—');
      const words = [`m = 0 is ${fp.trivial.stability}.`];
      for (const q of fp.nontrivial) words.push(`±${fmt(q.alpha)}·v for λ = ${fmt(q.lambda)}: ${q.stability}.`);
      for (const c of cycles) words.push(`Complex pair ${fmt(c.lambda.re)} ± ${fmt(Math.abs(c.lambda.im))}i: m rotates on a circle of radius ${fmt(c.radius)} with period ${fmt(c.period)}τ (${c.stability}).`);
      if (!fp.nontrivial.length && !cycles.length) words.push('No nontrivial fixed point: every λ f(α) < 1' + (p.phi === 'tanh' ? ' (tanh needs a real λ > 1).' : '.'));
      regime(words.join(' ') + ` [trajectories ${trajMs.toFixed(0)} ms here, fixed points ${fixed?.ms.toFixed(0)} ms in a worker]`);
    });
    const requestFixed = debounce(() => {
      const v = version;
      fpComputer.run<FixedResult>('lowrank.fixed', { C: Cnow(), phi: p.phi, b: p.b })
        .then((r) => { if (v !== version) return; fixed = { ...r, version: v }; drawPhase(); })
        .catch(handleError(regime));
    }, 60);

    // ---- the network and the sweep (worker) ----
    let sweptKey = '';
    const runNetwork = () => {
      const v = version, C = Cnow(), key = JSON.stringify([C, p.phi, p.b, p.seed]);
      const args: LowrankArgs = { C, phi: p.phi, b: p.b, n: p.n, seed: p.seed, m0: M0.slice(0, dim()), sweep: key !== sweptKey, threads: ctx.isolated ? 2 : 1 };
      out.err('computing…');
      ctx.computer.run<LowrankResult>('lowrank.network', args).then((r) => {
        if (v !== version) return;
        net = { ...r, version: v };
        buildMChart();
        mChart?.setData(r.t, [...r.mNet, ...r.mMf]);
        out.err(`RMS ${fmt(r.error)} at n = ${p.n} (network ${r.networkMs.toFixed(0)} ms, ${r.threads} thread${r.threads > 1 ? "s" : ""})`);
        if (r.status !== 'success') regime(`The network run stopped: ${r.message}`, 'bad');
        if (r.sweep) {
          sweptKey = key;
          const c = r.sweep.c;
          finite.setData(r.sweep.n, [r.sweep.err, r.sweep.n.map((n) => c / Math.sqrt(n))]);
          out.slope(`${fmt(r.sweep.slope)} (sweep ${r.sweep.ms.toFixed(0)} ms)`);
        }
        drawPhase();
      }).catch(handleError((text) => out.err(text)));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => { version++; drawPhase(); requestFixed(); clearTimeout(timer); timer = setTimeout(runNetwork, 300); };

    const state = () => {
      const s: Record<string, string | number> = { size: p.size };
      for (let i = 0; i < dim(); i++) for (let j = 0; j < dim(); j++) s[`c${i + 1}${j + 1}`] = p.C[i][j];
      s.phi = p.phi;
      if (p.phi === 'sigshift') s.b = p.b;
      s.n = p.n; s.seed = p.seed;
      return s;
    };

    // ---- controls ----
    const preset = choiceControl(controls, 'preset', 'Example', [['', 'choose an example…'], ['saddles', 'tanh: two pairs (stable + saddle)'], ['rotation', 'tanh: complex λ, rotation'], ['eq3', 'erf within Eq. (3), ‖C‖₂ ≤ 1'], ['bistable', 'shifted sigmoid: bistable'], ['three', '3×3 C']] as const, '', (k) => {
      const ex = PRESETS[k];
      if (!ex) return;
      p.size = ex.size; sizeCtl.set(ex.size);
      ex.C.forEach((row, i) => row.forEach((v, j) => { p.C[i][j] = v; cCtl[i][j].set(v); }));
      if (ex.phi) { p.phi = ex.phi; phiCtl.set(ex.phi); }
      if (ex.b !== undefined) { p.b = ex.b; bCtl.set(ex.b); }
      visibility();
      preset.set('');
      changed();
    });
    void preset;
    const sizeCtl = choiceControl(controls, 'size', 'Rank p (size of C)', [['2', '2 × 2'], ['3', '3 × 3']] as const, p.size, (v) => { p.size = v; visibility(); changed(); });
    const cBox = document.createElement('div');
    cBox.style.display = 'grid'; cBox.style.gap = '0.4rem';
    controls.append(cBox);
    const cCtl: Control<number>[][] = p.C.map((row, i) => row.map((v, j) => numberControl(cBox, {
      key: `c${i + 1}${j + 1}`, label: `C${sub(i + 1)}${sub(j + 1)} = ⟨ξ${sub(i + 1)}η${sub(j + 1)}⟩`, min: -6, max: 6, step: 0.05, value: v,
      check: (x) => (Math.abs(x) <= 10 ? null : 'keep |C_μν| ≤ 10'),
    }, (x) => { p.C[i][j] = x; normNote(); changed(); })));
    const note = statusLine(controls);
    const normNote = () => {
      const norm = spectralNorm(Cnow());
      if (norm > 1) note(`‖C‖₂ = ${fmt(norm)} > 1: no Gaussian has the covariance of Eq. (3). The network draws ξ with ⟨ξξ⟩ = s² (s = ${fmt(xiScaleFor(norm))}, lowrank’s xiScale), which leaves the mean field unchanged and enlarges the finite-size noise.`);
      else note(`‖C‖₂ = ${fmt(norm)} ≤ 1: the network is drawn exactly as in Eq. (3).`, 'good');
    };
    const phiCtl = choiceControl(controls, 'phi', 'Nonlinearity φ', PHI_LABELS, p.phi, (v) => { p.phi = v; visibility(); changed(); });
    const bCtl = numberControl(controls, { key: 'b', label: 'Shift b of the sigmoid', min: -2, max: 3, step: 0.05, value: p.b, check: (x) => (Math.abs(x) <= 5 ? null : 'keep |b| ≤ 5') }, (x) => { p.b = x; changed(); });
    numberControl(controls, { key: 'n', label: 'Neurons n', min: 100, max: 20000, step: 100, value: p.n, check: (x) => (Number.isInteger(x) && x >= 100 && x <= 20000 ? null : 'n must be a whole number from 100 to 20 000') }, (x) => { p.n = x; ctx.save(state()); clearTimeout(timer); timer = setTimeout(runNetwork, 300); });
    numberControl(controls, { key: 'seed', label: 'Seed of the network draw', min: 0, max: 50, step: 1, value: p.seed, check: (x) => (Number.isInteger(x) && x >= 0 ? null : 'seed must be a whole number ≥ 0') }, (x) => { p.seed = x; changed(); });
    for (const sel of Array.from(controls.querySelectorAll('select'))) sel.style.width = '100%';
    const visibility = () => {
      cCtl.forEach((row, i) => row.forEach((c, j) => { c.el.hidden = i >= dim() || j >= dim(); }));
      bCtl.el.hidden = p.phi !== 'sigshift';
      normNote();
    };
    visibility();
    drawPhase();
    requestFixed();
    runNetwork();
    return () => { clearTimeout(timer); fpComputer.close(); phase.destroy(); mChart?.destroy(); finite.destroy(); };
  },
};

function debounce(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}
