// #/backprop — backpropagation by hand, three exam sheets: seed 004's 2-1-1 ReLU network stepped one
// gradient step at a time (forward values, δ's, gradients, the loss against the step and the
// η-threshold of one step), seed 001's network with the Itakura–Saito loss (every value and
// gradient of one pass), and seed 002's symmetry: constant initialisation keeps hidden units copies.
import { lineChart } from '../chart.js';
import { numberControl, readouts, statusLine } from '../controls.js';
import { chartsGrid, handleError, pageLayout, perFrame, type Page } from '../page.js';
import { numberParam } from '../state.js';
import {
  INF264_DATA, INF264_PARAMS, IS_PARAMS, inf264Step, inf264Thresholds, inf264Trajectory, isPass, type SymmetryRun,
} from '../tasks/backprop.js';

const fmt = (x: number, d = 5) => (Number.isFinite(x) ? Number(x.toPrecision(d)).toString() : x === Infinity ? '∞' : '—');
const pos = (v: number) => (v > 0 && Number.isFinite(v) ? v : null);
const log10 = (v: number) => (v > 0 && Number.isFinite(v) ? Math.log10(v) : null);
const finite = (v: number) => (Number.isFinite(v) ? v : null);
const SYM_STEPS = 300, SYM_ETA = 0.5;

interface State { eta: number; steps: number; k: number; x1: number; x2: number; t: number; a: number }

function heading(parent: HTMLElement, text: string, tag = 'h2'): HTMLElement {
  const h = document.createElement(tag);
  h.textContent = text;
  parent.append(h);
  return h;
}

function paragraph(parent: HTMLElement, html: string): HTMLElement {
  const p = document.createElement('p');
  p.innerHTML = html;
  parent.append(p);
  return p;
}

/** A scrollable box for a table (narrow screens scroll the table, not the page). */
function tableBox(parent: HTMLElement, caption: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'chart';
  box.style.overflowX = 'auto';
  box.innerHTML = `<h3>${caption}</h3><div></div>`;
  parent.append(box);
  return box.lastElementChild as HTMLElement;
}

export const backpropPage: Page = {
  path: 'backprop', title: 'Backprop',
  mount(el, ctx) {
    const { controls, results } = pageLayout(el, 'Backpropagation by hand (INF264, Itakura–Saito, symmetry)',
      'Three exam sheets computed live. Seed 004: the 2-1-1 ReLU network z = w0·x[0] + w1·x[1] + w2, h = ReLU(z), ŷ = w3·h + w4 with 𝓛 = mean (ŷ − y)² over D = {((2, 1), 1.3), ((−3, 2), 1.9)}, θ₀ = (1, 1, 0, 1, 0): press “step” for one gradient step θ ← θ − η∇𝓛 and watch every forward value, δ and gradient change. Seed 001: a network with hidden-to-hidden links, output ρ(z) = z² and the Itakura–Saito loss. Seed 002: constant against random initialisation.');
    const positive = (name: string) => (v: number) => (v > 0 ? null : `${name} must be > 0`);
    const integer = (name: string, lo: number, hi: number) => (v: number) => (Number.isInteger(v) && v >= lo && v <= hi ? null : `${name} must be a whole number from ${lo} to ${hi}`);
    const inRange = (name: string, lo: number, hi: number) => (v: number) => (v >= lo && v <= hi ? null : `${name} must be between ${lo} and ${hi}`);
    const valid = (v: number, check: (v: number) => string | null, fallback: number) => (check(v) === null ? v : fallback);
    const checks = {
      eta: (v: number) => (v > 0 ? (v <= 5 ? null : 'η above 5 only overflows: keep η ≤ 5') : 'η must be > 0'),
      steps: integer('steps', 1, 1000), x1: inRange('x1', -5, 5), x2: inRange('x2', -5, 5), t: (v: number) => positive('t')(v) ?? inRange('t', 0, 10)(v),
      a: inRange('a', -3, 3),
    };
    const s: State = {
      eta: valid(numberParam(ctx.params, 'eta', 0.01), checks.eta, 0.01),
      steps: valid(numberParam(ctx.params, 'steps', 60), checks.steps, 60),
      k: valid(numberParam(ctx.params, 'k', 0), integer('k', 0, 1000), 0),
      x1: valid(numberParam(ctx.params, 'x1', 0.5), checks.x1, 0.5),
      x2: valid(numberParam(ctx.params, 'x2', -1.2), checks.x2, -1.2),
      t: valid(numberParam(ctx.params, 't', 0.8), checks.t, 0.8),
      a: valid(numberParam(ctx.params, 'a', 0.3), checks.a, 0.3),
    };
    const save = () => ctx.save({ ...s });

    // ---- controls
    heading(controls, 'Seed 004 (INF264)', 'h3').style.margin = '0';
    numberControl(controls, { key: 'eta', label: 'Learning rate η', min: 0.001, max: 0.5, step: 0.001, value: s.eta, check: checks.eta }, (v) => { s.eta = v; redraw004(); });
    numberControl(controls, { key: 'steps', label: 'Steps shown', min: 10, max: 300, step: 1, value: s.steps, check: checks.steps }, (v) => { s.steps = v; redraw004(); });
    const buttons = document.createElement('div');
    buttons.className = 'control';
    buttons.innerHTML = `<div class="row" style="flex-wrap:wrap"><button type="button" data-act="back">◀ back</button><button type="button" data-act="step">step ▶</button><button type="button" data-act="ten">+10</button><button type="button" data-act="reset">reset</button></div><div class="unit" data-readout="k">step k = 0</div>`;
    for (const b of Array.from(buttons.querySelectorAll('button'))) {
      Object.assign(b.style, { background: 'var(--bg)', color: 'var(--fg)', border: '1px solid var(--border)', borderRadius: '4px', padding: '0.2rem 0.6rem', cursor: 'pointer', font: 'inherit' });
      b.addEventListener('click', () => {
        const act = b.dataset.act;
        s.k = act === 'reset' ? 0 : act === 'back' ? Math.max(0, s.k - 1) : Math.min(1000, s.k + (act === 'ten' ? 10 : 1));
        redraw004();
      });
    }
    controls.append(buttons);
    const kLabel = buttons.querySelector('[data-readout="k"]') as HTMLElement;
    heading(controls, 'Seed 001 (Itakura–Saito)', 'h3').style.margin = '0.4rem 0 0';
    numberControl(controls, { key: 'x1', label: 'Input x1', min: -3, max: 3, step: 0.05, value: s.x1, check: checks.x1 }, (v) => { s.x1 = v; redraw001(); });
    numberControl(controls, { key: 'x2', label: 'Input x2', min: -3, max: 3, step: 0.05, value: s.x2, check: checks.x2 }, (v) => { s.x2 = v; redraw001(); });
    numberControl(controls, { key: 't', label: 'Target t', min: 0.05, max: 5, step: 0.05, value: s.t, check: checks.t }, (v) => { s.t = v; redraw001(); });
    heading(controls, 'Seed 002 (symmetry)', 'h3').style.margin = '0.4rem 0 0';
    numberControl(controls, { key: 'a', label: 'Constant initial weight a', min: -1, max: 1, step: 0.05, value: s.a, check: checks.a }, (v) => { s.a = v; runSymmetry(); });

    // ---- seed 004
    heading(results, 'Seed 004: one gradient step at a time').style.marginTop = '0';
    const out = readouts(results, [['k', 'step k'], ['loss', '𝓛(θ_k)'], ['next', '𝓛(θ_k+1) at this η'], ['thr', 'η-threshold η* at θ_k'], ['thr0', 'η* at θ₀ (Q7)']]);
    const verdict = statusLine(results);
    const tables = chartsGrid(results);
    const passTable = tableBox(tables, 'Forward and backward pass at θ_k (per sample and mean)');
    const paramTable = tableBox(tables, 'Parameters: θ_k, gradient, and the step to θ_k+1');
    const grid004 = chartsGrid(results);
    const t0 = inf264Step(Float64Array.from([1, 1, 0, 1, 0]), 0.01).threshold;
    const lossChart = lineChart(grid004, 'backprop-loss', 'Loss against gradient step at the chosen η', {
      x: { label: 'step k' }, y: { label: 'log₁₀ 𝓛(θ_k)' },
      series: [{ label: 'log₁₀ 𝓛' }, { label: 'steps with η ≥ η*(θ_k): the loss rises', points: true, color: 1 }, { label: 'step k (table)', points: true, color: 4 }],
    });
    const thrChart = lineChart(grid004, 'backprop-threshold', 'The η-threshold along the run', {
      x: { label: 'step k' }, y: { label: 'learning rate' },
      series: [{ label: 'η*(θ_k), learningRateThreshold' }, { label: 'chosen η', dash: true, color: 1 }, { label: 'step k', points: true, color: 4 }],
    });
    const phiChart = lineChart(grid004, 'backprop-phi', 'Loss after one step from θ_k against η', {
      x: { label: 'learning rate η' }, y: { label: '𝓛(θ_k − η∇𝓛)', unit: 'squared error', log: true },
      series: [{ label: 'φ(η)' }, { label: '𝓛(θ_k): no change', dash: true, color: 2 }, { label: 'η* (threshold)', points: true, color: 1 }, { label: 'chosen η', points: true, color: 4 }],
    });

    const redraw004 = perFrame(() => {
      const N = Math.max(s.steps, s.k);
      const tr = inf264Trajectory(s.eta, N), thr = inf264Thresholds(tr.theta);
      const ks = tr.loss.map((_, i) => i);
      lossChart.setData(ks, [tr.loss.map(log10), ks.map((i) => (s.eta >= thr[i] ? log10(tr.loss[i]) : null)), ks.map((i) => (i === s.k ? log10(tr.loss[i]) : null))]);
      thrChart.setData(ks, [thr.map(finite), ks.map(() => s.eta), ks.map((i) => (i === s.k ? finite(thr[i]) : null))]);
      const theta = tr.theta[s.k];
      kLabel.textContent = `step k = ${s.k} (in the URL)`;
      out.k(String(s.k));
      let st: ReturnType<typeof inf264Step> | null = null;
      if (theta.every(Number.isFinite) && Number.isFinite(tr.loss[s.k])) { try { st = inf264Step(theta, s.eta); } catch { st = null; } }
      if (!st) {
        out.loss('diverged'); out.next('—'); out.thr('—'); out.thr0(fmt(t0, 6));
        verdict(`The run overflowed before step ${s.k}: η = ${s.eta} is far above the threshold. Press reset or lower η.`, 'bad');
        passTable.innerHTML = paramTable.innerHTML = '<p class="message">No finite values at this step.</p>';
        phiChart.setData([], [[], [], [], []]);
        save();
        return;
      }
      const next = tr.loss[s.k + 1] ?? inf264Trajectory(s.eta, s.k + 1).loss[s.k + 1];
      out.loss(fmt(st.loss, 6)); out.next(fmt(next, 6)); out.thr(fmt(st.threshold, 6)); out.thr0(fmt(t0, 6));
      if (Number.isFinite(st.threshold)) {
        verdict(s.eta < st.threshold
          ? `η = ${s.eta} < η* = ${fmt(st.threshold, 4)}: the next step lowers the loss.`
          : `η = ${s.eta} ≥ η* = ${fmt(st.threshold, 4)}: the next step raises the loss (it overshoots the minimum along −∇𝓛).`, s.eta < st.threshold ? 'good' : 'bad');
      } else if (st.grad.every((g) => g === 0)) verdict('The gradient is zero here (both ReLUs dead or a minimum): no step changes anything, so there is no threshold.', '');
      else verdict(st.loss > 1e6 ? `The run is diverging (𝓛 = ${fmt(st.loss, 3)}): along −∇𝓛 the loss overflows before a threshold is found.` : 'No η ≤ 50 makes the loss worse from here.', st.loss > 1e6 ? 'bad' : '');
      const row = (label: string, v: number[], mean?: number) => `<tr><th scope="row">${label}</th>${v.map((x) => `<td class="num">${fmt(x)}</td>`).join('')}<td class="num">${mean === undefined ? '' : fmt(mean)}</td></tr>`;
      const S = st.samples;
      passTable.innerHTML = `<table class="data"><thead><tr><th>quantity</th><th>x₁ = (2, 1), y₁ = 1.3</th><th>x₂ = (−3, 2), y₂ = 1.9</th><th>mean (𝓛)</th></tr></thead><tbody>
        ${row('z = w0·x[0] + w1·x[1] + w2', S.map((r) => r.z))}
        ${row('h = ReLU(z)', S.map((r) => r.h))}
        ${row('ŷ = w3·h + w4', S.map((r) => r.yhat))}
        ${row('L = (ŷ − y)²', S.map((r) => r.loss), st.loss)}
        ${row('δ_ŷ = ∂L/∂ŷ = 2(ŷ − y)', S.map((r) => r.dyhat))}
        ${row('δ_h = ∂L/∂z = δ_ŷ·w3·g′(z)', S.map((r) => r.dz))}
        ${INF264_PARAMS.map((p, i) => row(`∂L/∂${p} = ${['δ_h·x[0]', 'δ_h·x[1]', 'δ_h', 'δ_ŷ·h', 'δ_ŷ'][i]}`, S.map((r) => r.grad[i]), st.grad[i])).join('')}
        </tbody></table><p class="message" style="margin:0.3rem 0 0">g′ is the left derivative of ReLU (g′(0) = 0). A sample with z ≤ 0 passes no gradient to w0, w1, w2, w3.</p>`;
      paramTable.innerHTML = `<table class="data"><thead><tr><th>θ</th><th>θ_k</th><th>∂𝓛/∂θ</th><th>θ_k+1 = θ_k − η ∂𝓛/∂θ</th></tr></thead><tbody>
        ${INF264_PARAMS.map((p, i) => `<tr><th scope="row">${p}${i === 2 || i === 4 ? ' (bias)' : ''}</th><td class="num">${fmt(theta[i], 6)}</td><td class="num">${fmt(st.grad[i], 6)}</td><td class="num">${fmt(theta[i] - s.eta * st.grad[i], 6)}</td></tr>`).join('')}
        </tbody></table><p class="message" style="margin:0.3rem 0 0">Data: ${INF264_DATA.map((d, n) => `x${n + 1} = (${d.input.join(', ')}), y${n + 1} = ${d.target}`).join('; ')}. At k = 0 the sheet's numbers: ŷ = (3, 0), 𝓛 = 3.25, ∇𝓛 = (3.4, 1.7, 1.7, 5.1, −0.2).</p>`;
      const e = st.phi.eta;
      phiChart.setData(e, [st.phi.loss.map(pos), e.map(() => pos(st.loss)), e.map((x, i) => (x === st.threshold ? pos(st.phi.loss[i]) : null)), e.map((x, i) => (x === s.eta ? pos(st.phi.loss[i]) : null))]);
      save();
    });

    // ---- seed 001
    heading(results, 'Seed 001: the Itakura–Saito loss, ρ(z) = z²');
    paragraph(results, 'Inputs 1, 2; sigmoid hidden units 3, 4, 5 with the links 3 → 4 and 3 → 5; output x6 = z6²; L(x6, t) = t/x6 − ln(t/x6) − 1. The sheet gives no numbers, so the parameters are fixed at θ_i = sin(i + 1) (3 decimals): ' +
      Object.entries(IS_PARAMS).map(([k, v]) => `${k} = ${v}`).join(', ') + '.');
    const isOut = readouts(results, [['loss', 'L(x6, t)'], ['z6', 'z6'], ['d6', 'δ6 = ∂L/∂z6 (backprop)'], ['a', '(a): 2(z6² − t)/z6³'], ['w46', '(b): ∂L/∂w46 = δ6·x4'], ['b6', '(c): ∂L/∂b6 = δ6']]);
    const isStatus = statusLine(results);
    const grid001 = chartsGrid(results);
    const traceTable = tableBox(grid001, 'Every value of one forward and backward pass');
    const isChart = lineChart(grid001, 'backprop-is', 'Itakura–Saito loss against the output current z6', {
      x: { label: 'z6' }, y: { label: 'L(z6², t)' }, series: [{ label: 'L(z6², t)' }, { label: 'this pass', points: true, color: 1 }, { label: 'minimum z6² = t', points: true, color: 2 }],
    });
    const redraw001 = perFrame(() => {
      let r: ReturnType<typeof isPass>;
      try { r = isPass(s.x1, s.x2, s.t); } catch (e) {
        isStatus(`Not defined here: ${e instanceof Error ? e.message : String(e)}`, 'bad');
        save();
        return;
      }
      isOut.loss(fmt(r.loss)); isOut.z6(fmt(r.z6)); isOut.d6(fmt(r.delta6, 8)); isOut.a(fmt(r.formulaA, 8)); isOut.w46(`${fmt(r.delta6 * r.x4, 6)} (backprop ${fmt(r.grad46, 6)})`); isOut.b6(fmt(r.gradB6, 6));
      const rel = Math.abs(r.delta6 - r.formulaA) / Math.max(Math.abs(r.formulaA), 1e-300);
      isStatus(`Backprop's δ6 and the closed form (a) agree to ${rel === 0 ? 'the last bit' : `a relative ${rel.toExponential(1)}`}; the sheet's (d) prints ∂L/∂z6 = 2(z6² − t)/z6² (one power short), which would give ${fmt((2 * (r.z6 ** 2 - s.t)) / r.z6 ** 2, 5)}.`, rel < 1e-12 ? 'good' : 'bad');
      traceTable.innerHTML = `<table class="data"><thead><tr><th></th><th>formula</th><th>numbers</th><th>value</th></tr></thead><tbody>${r.records.map((q) => `<tr><th scope="row">${q.symbol}</th><td>${q.formula}</td><td>${q.numbers}</td><td class="num">${fmt(q.value)}</td></tr>`).join('')}</tbody></table>`;
      const sign = r.z6 < 0 ? -1 : 1, rt = Math.sqrt(s.t), lo = Math.min(0.35 * rt, 0.9 * Math.abs(r.z6)), hi = Math.max(2.5 * rt, 1.1 * Math.abs(r.z6));
      const zs = Array.from({ length: 200 }, (_, i) => sign * (lo + ((hi - lo) * i) / 199));
      for (const z of [r.z6, sign * rt]) zs.push(z);
      zs.sort((a, b) => a - b);
      const L = (z: number) => s.t / (z * z) + Math.log((z * z) / s.t) - 1;
      isChart.setData(zs, [zs.map(L), zs.map((z) => (z === r.z6 ? L(z) : null)), zs.map((z) => (z === sign * rt ? 0 : null))]);
      save();
    });

    // ---- seed 002
    heading(results, 'Seed 002: constant against random initialisation');
    paragraph(results, `A 3 → 5 → 2 sigmoid network without biases, squared loss on 6 fixed samples, ${SYM_STEPS} full-batch steps at η = ${SYM_ETA}. Started with every weight equal to a, the five hidden units compute the same function, receive the same δ and the same update: they stay copies for ever (the spread stays exactly 0). From random weights (N(0, 0.25)) they differ and the loss goes lower.`);
    const symOut = readouts(results, [['c', 'hidden activities, constant init (sample 1)'], ['r', 'hidden activities, random init (sample 1)'], ['lc', 'final loss, constant'], ['lr', 'final loss, random']]);
    const symStatus = statusLine(results);
    const grid002 = chartsGrid(results);
    const spreadChart = lineChart(grid002, 'backprop-spread', 'Spread of the hidden units’ weights', {
      x: { label: 'gradient step' }, y: { label: 'spread (max − min) of weights' },
      series: [{ label: 'constant: input → hidden', color: 0 }, { label: 'constant: hidden → output', dash: true, color: 0 }, { label: 'random: input → hidden', color: 1 }, { label: 'random: hidden → output', dash: true, color: 1 }],
    });
    const symLoss = lineChart(grid002, 'backprop-sym-loss', 'Training loss, constant against random initialisation', {
      x: { label: 'gradient step' }, y: { label: 'loss ½ Σ (o − t)² / N', log: true }, series: [{ label: 'constant init' }, { label: 'random init', color: 1 }],
    });
    const runSymmetry = () => {
      symStatus('training both networks…');
      save();
      ctx.computer.run<{ constant: SymmetryRun; random: SymmetryRun }>('backprop.symmetry', { a: s.a, steps: SYM_STEPS, eta: SYM_ETA })
        .then(({ constant, random }) => {
          const ks = constant.loss.map((_, i) => i);
          spreadChart.setData(ks, [constant.spreadIn, constant.spreadOut, random.spreadIn, random.spreadOut]);
          symLoss.setData(ks, [constant.loss.map(pos), random.loss.map(pos)]);
          symOut.c(constant.hidden.map((v) => v.toFixed(4)).join(', ')); symOut.r(random.hidden.map((v) => v.toFixed(4)).join(', '));
          symOut.lc(fmt(constant.loss.at(-1) ?? NaN)); symOut.lr(fmt(random.loss.at(-1) ?? NaN));
          const maxSpread = Math.max(...constant.spreadIn, ...constant.spreadOut);
          symStatus(`Constant initialisation: largest spread over ${SYM_STEPS} steps = ${maxSpread} ${maxSpread === 0 ? '(the hidden units are bit-for-bit copies)' : ''}; random: ${fmt(random.spreadIn.at(-1) ?? NaN, 3)} at the end.`, maxSpread === 0 ? 'good' : '');
        })
        .catch(handleError(symStatus));
    };

    redraw004();
    redraw001();
    runSymmetry();
    return () => { for (const c of [lossChart, thrChart, phiChart, isChart, spreadChart, symLoss]) c.destroy(); };
  },
};
