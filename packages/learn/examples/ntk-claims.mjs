// Reproduces the claims of "4 Learning" (neural tangent kernel), questions 1–7, claim by claim:
// formula, numerics, error, verdict. Run after a build:  node packages/learn/examples/ntk-claims.mjs
import { activations, createRng, symmetricEigen } from '@neurobridge/core';
import {
  mlp, mlpForward, mlpBackward, applyWeightChange, empiricalNtk, explicitNtk, fitPowerLaw, lazyScales, linearize,
  linearizedLoss, linearizedOutput, solveCoefficients, synapticDriveSize, toyRegressionTask, trainFullBatch, weightChange,
} from '@neurobridge/learn';

const { tanh, linear } = activations;
const fmt = (x) => (Math.abs(x) >= 1e-3 && Math.abs(x) < 1e4 ? x.toFixed(4) : x.toExponential(3));
const norm = (a) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0));
const dist = (a, b) => Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - b[i]) ** 2, 0));
const mean = (xs) => xs.reduce((s, v) => s + v, 0) / xs.length;
const std = (xs) => Math.sqrt(xs.reduce((s, v) => s + (v - mean(xs)) ** 2, 0) / Math.max(1, xs.length - 1));
let failures = 0;
function claim(title, formula, lines, ok) {
  console.log(`\n== ${title}\n   formula: ${formula}`);
  for (const l of lines) console.log(`   ${l}`);
  console.log(`   verdict: ${ok ? 'REPRODUCED' : 'NOT REPRODUCED'}`);
  if (!ok) failures++;
}
const net = (sizes, seed, init = 'lecun') =>
  mlp({ sizes, activations: sizes.slice(1).map((_, k) => (k === sizes.length - 2 ? linear : tanh)), bias: false, init, rng: createRng(seed) });
const inputs = (p, d, seed) => {
  const r = createRng(seed);
  return Array.from({ length: p }, () => Array.from(r.normals(d)));
};
const lambdaMax = (C, p) => symmetricEigen(Array.from({ length: p }, (_, i) => Array.from(C.subarray(i * p, (i + 1) * p)))).values[0];

// ---- Q1
{
  const n0 = net([4, 32, 32, 1], 'q1');
  const xs = inputs(6, 4, 'q1-x');
  const ys = [0.5, -1, 0.3, 1.2, -0.4, 0.8];
  const model = linearize(n0, xs);
  const r = createRng('q1-dir');
  const D = { weights: n0.weights.map((w) => r.normals(w.length).map((v) => v / Math.sqrt(w.length))), biases: [] };
  const s = [1e-3, 2e-3, 5e-3, 1e-2, 2e-2, 5e-2, 1e-1];
  const gap = s.map((si) => {
    const Ds = { weights: D.weights.map((w) => w.map((v) => si * v)), biases: [] };
    const out = mlpForward(applyWeightChange(n0, D, si), Float64Array.from(xs.flat()), 6).x[3];
    const L = ys.reduce((acc, y, mu) => acc + 0.5 * (y - out[mu]) ** 2, 0);
    return Math.abs(L - linearizedLoss(model, ys, Ds));
  });
  const fit = fitPowerLaw(s, gap);
  claim('Q1  the first-order loss Eq. (8) equals the true loss Eq. (6) up to O(|Δw|²)', '|L(w+sD) − L_lin(sD)| ∝ s^2',
    [...s.map((si, i) => `s = ${fmt(si)}   gap = ${fmt(gap[i])}`), `log–log slope = ${fit.exponent.toFixed(4)} ± ${fit.exponentStderr.toFixed(4)}   (error vs 2: ${fmt(Math.abs(fit.exponent - 2))})`],
    Math.abs(fit.exponent - 2) < 0.05);
}

// ---- Q2, Q3
{
  const sizes = [5, 16, 16, 1];
  const n0 = net(sizes, 'q2');
  const xs = inputs(6, 5, 'q2-x');
  const ys = [1, -0.5, 0.25, 0.7, -1.1, 0.4];
  const rates = [1, 4, 0.25];
  const model = linearize(n0, xs, { layerRates: rates });
  const eta = 1 / lambdaMax(model.kernel.total, 6);
  const run = trainFullBatch(n0, xs, ys, { learningRate: eta, layerRates: rates, model: 'linearized', steps: 200000, tolerance: 1e-26 });
  // project each layer's Δw on its own features x̃^l_μ (least squares via the per-layer Gram)
  const lines = [`gradient descent on Eq. (8), rates η^l ∝ (${rates.join(', ')}): ${run.status} after ${run.steps} steps, loss ${fmt(run.loss[run.loss.length - 1])}`];
  let worstSpan = 0;
  let worstA = 0;
  for (let k = 0; k < 3; k++) {
    const G = model.kernel.perLayer[k].map((v) => v * sizes[k]);
    const unit = new Float64Array(6);
    const r = new Float64Array(6);
    for (let mu = 0; mu < 6; mu++) {
      unit.fill(0);
      unit[mu] = sizes[k] / model.kernel.gamma[k];
      const feat = weightChange(model, unit).weights[k]; // = x̃^l_μ
      r[mu] = feat.reduce((s, v, q) => s + v * run.weightChange.weights[k][q], 0);
    }
    const Gm = Array.from({ length: 6 }, (_, i) => Array.from(G.subarray(i * 6, i * 6 + 6)));
    const { values, vectors } = symmetricEigen(Gm);
    const b = new Float64Array(6);
    values.forEach((lam, j) => {
      const c = vectors[j].reduce((s, v, i) => s + v * r[i], 0) / lam;
      vectors[j].forEach((v, i) => (b[i] += c * v));
    });
    const aLayer = b.map((v) => (v * sizes[k]) / model.kernel.gamma[k]);
    const recon = weightChange(model, aLayer).weights[k];
    const spanErr = dist(recon, run.weightChange.weights[k]) / norm(run.weightChange.weights[k]);
    const aErr = dist(aLayer, run.coefficients) / norm(run.coefficients);
    worstSpan = Math.max(worstSpan, spanErr);
    worstA = Math.max(worstA, aErr);
    lines.push(`layer ${k + 1}: |Δw − proj_span{x̃_μ} Δw|/|Δw| = ${fmt(spanErr)};  a^l_μ N_l/γ^l = [${Array.from(aLayer, (v) => v.toFixed(4)).join(', ')}]  (vs GD a: ${fmt(aErr)})`);
  }
  const Csum = new Float64Array(36);
  model.kernel.perLayer.forEach((C) => C.forEach((v, i) => (Csum[i] += v)));
  const naiveModel = { ...model, kernel: { ...model.kernel, total: Csum, gamma: new Float64Array(3).fill(1) } };
  const naive = weightChange(naiveModel, solveCoefficients(naiveModel, ys).a);
  const naiveErr = naive.weights.map((D, k) => dist(D, run.weightChange.weights[k]) / norm(run.weightChange.weights[k]));
  lines.push(`naive Eq. (11)+(34) (one a for all layers, (Σ_l C^l) a = ỹ): relative error of Δw^l per layer = ${naiveErr.map(fmt).join(', ')}`);
  claim('Q2  weight changes lie in span{x̃^l_μ}; with per-layer rates the a_μ are shared by all layers (corrected Eq. 32)',
    'Δw^l = (γ^l/N_l) Σ_μ a_μ x̃^l_μ,  γ^l = η^l/Σ η^m', lines, worstSpan < 1e-9 && worstA < 1e-7 && Math.max(...naiveErr) > 0.3);

  const { a } = solveCoefficients(model, ys);
  const D = weightChange(model, a);
  const errA = dist(a, run.coefficients) / norm(a);
  const errW = Math.max(...D.weights.map((w, k) => dist(w, run.weightChange.weights[k]) / norm(w)));
  const fitErr = dist(linearizedOutput(model, D), ys);
  claim('Q3  a from ỹ = C a reproduces the gradient-descent weight change', 'ỹ_μ = Σ_ν C_μν a_ν, C = Σ_l γ^l x̃^l_μ·x̃^l_ν/N_l (Eqs. 36–37)',
    [`a (solve)  = [${Array.from(a, (v) => v.toFixed(5)).join(', ')}]`, `a (GD)     = [${Array.from(run.coefficients, (v) => v.toFixed(5)).join(', ')}]`,
      `relative error in a: ${fmt(errA)};  worst layer relative error in Δw: ${fmt(errW)};  |f_lin(w+Δw) − y| = ${fmt(fitErr)}`],
    errA < 1e-7 && errW < 1e-7 && fitErr < 1e-9);
}

// ---- Q4–Q5
{
  const sizes = [6, 40, 30, 1];
  const n0 = net(sizes, 'q4');
  const xs = inputs(10, 6, 'q4-x');
  const grad = (_mu, x) => {
    const g = mlpBackward(n0, mlpForward(n0, x, 1), new Float64Array([1]));
    return { weights: g.gradW.map((w) => Float64Array.from(w)), biases: [] };
  };
  const fast = empiricalNtk(n0, xs);
  const slow = explicitNtk(n0, xs, { perExampleGradient: grad });
  const rel = fast.perLayer.map((C, k) => dist(C, slow.perLayer[k]) / norm(slow.perLayer[k]));
  claim('Q4–Q5  Eq. (16) factorisation with the Eq. (18) recursion equals the contraction of backprop gradients',
    'x̃^l_μ·x̃^l_ν = (∂f/∂h^l_μ·∂f/∂h^l_ν)(x^{l−1}_μ·x^{l−1}_ν)',
    [`relative Frobenius difference per layer: ${rel.map(fmt).join(', ')}  (rounding: ~1e-16 × sqrt(terms))`], Math.max(...rel) < 1e-13);
}

// ---- Q6
{
  const ns = [64, 256, 1024];
  const lines = [];
  let ok = true;
  for (const [label, sd, expect] of [['1', () => 1, () => 0.5], ['1/√n', (n) => 1 / Math.sqrt(n), () => 0], ['1/n', (n) => 1 / n, (k) => -(k + 1) / 2]]) {
    const rows = ns.map((n) => {
      const r = createRng(`q6-in-${n}`);
      const xs = Array.from({ length: 4 }, () => Array.from(r.normals(n)));
      return synapticDriveSize(net([n, n, n, n, 1], `q6-${n}`, { normal: sd(n) }), xs);
    });
    const ex = [0, 1, 2].map((k) => fitPowerLaw(ns, rows.map((r) => r[k])).exponent);
    ok &&= ex.every((e, k) => Math.abs(e - expect(k)) < 0.08);
    lines.push(`w ~ ${label.padEnd(5)} rms h^1..h^3 at n = ${ns.join('/')}: ${rows.map((r) => Array.from(r.subarray(0, 3), fmt).join(' ')).join(' | ')}`);
    lines.push(`         exponents in n per layer: ${ex.map((e) => e.toFixed(3)).join(', ')}  (expected ${[0, 1, 2].map((k) => expect(k)).join(', ')})`);
  }
  claim('Q6  weight size 1, 1/√n, 1/n: the drive explodes, stays O(1), vanishes', 'h^l = Σ_j w_ij x_j ~ √n · |w| · |x|', lines, ok);
}

// ---- Q7 (quick; the full sweep to n = 4096 is examples/ntk-scaling.mjs)
{
  const ns = [64, 128, 256, 512, 1024];
  const seeds = [1, 2, 3];
  const rows = seeds.map((seed) => ns.map((n) => {
    const task = toyRegressionTask({ inputDim: n, count: 8, heldOut: 0, rng: createRng(`task-${seed}`) });
    return lazyScales(net([n, n, n, 1], `net-${seed}-${n}`), task.inputs, task.targets);
  }));
  const ex = (pick) => {
    const per = rows.map((r) => fitPowerLaw(ns, r.map(pick)).exponent);
    return { m: mean(per), s: std(per) };
  };
  const items = [
    ['∂f/∂h^1_i (rms)', (s) => s.dfdhRms[0], -0.5],
    ['∂f/∂h^2_i (rms)', (s) => s.dfdhRms[1], -0.5],
    ['C_μμ', (s) => s.kernelDiagonal, 0],
    ['a_μ (rms)', (s) => s.aRms, 0],
    ['|Δw^1_ij| (rms)', (s) => s.deltaRms[0], -1.5],
    ['|Δw^2_ij| (rms)', (s) => s.deltaRms[1], -1.5],
    ['|Δw^3_i| readout (rms)', (s) => s.deltaRms[2], -1],
    ['max |Δw^1_ij|', (s) => s.deltaMaxAbs[0], -1.5],
    ['max |Δw^2_ij|', (s) => s.deltaMaxAbs[1], -1.5],
    ['max |Δw^3_i| readout', (s) => s.deltaMaxAbs[2], -1],
    ['|Δw^2|/|w^2|', (s) => s.relativeChange[1], -1],
    ['|Δw^3|/|w^3| readout', (s) => s.relativeChange[2], -0.5],
  ];
  const lines = [];
  let ok = true;
  for (const [name, pick, expected] of items) {
    const e = ex(pick);
    const isMax = name.startsWith('max');
    const good = isMax ? e.m > expected - 0.1 && e.m < expected + 0.45 : Math.abs(e.m - expected) < 0.15;
    ok &&= good;
    lines.push(`${name.padEnd(24)} exponent ${e.m.toFixed(3)} ± ${e.s.toFixed(3)} (3 seeds)   predicted ${expected}${isMax ? ' × log factor' : ''}   ${good ? 'ok' : 'OFF'}`);
  }
  lines.push('the max over n² entries carries an extreme-value factor ~ ln n (largest |∂f/∂h_i| × largest |x_j|), which lifts its fitted exponent by 0.1–0.3 over this range; the rms is the typical size Eq. (24) speaks of.');
  claim('Q7  lazy scaling: ∂f/∂h ~ n^−1/2, C_μμ ~ 1, a ~ 1, Δw ~ n^−3/2 (hidden), n^−1 (readout)', 'Eqs. (17), (23), (24), (32), (37)', lines, ok);
}

console.log(failures === 0 ? '\nall claims reproduced' : `\n${failures} claim(s) not reproduced`);
process.exitCode = failures === 0 ? 0 : 1;
