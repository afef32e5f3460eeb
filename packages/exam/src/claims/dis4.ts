// Seed 002 (CS189 discussion 4): §1 constant initialisation and symmetry breaking in a
// 1-hidden-layer network, logistic regression from zero; §2 the multivariate chain rule, the
// sum-of-sigmoids gradient and its update, the matrix gradients of ½‖W2 Φ(W1 x + b) − y‖² and their
// update; the side note on the cost of finite-difference gradients, O(d⁴), against backprop, O(d²).
import { activations, gradientCentral, type Activation, type Rng } from '@neurobridge/core';
import {
  backward, binaryCrossEntropy, fitPowerLaw, gradientDescent, graphNetwork, graphObjective, mlp, mlpBackward, mlpForward,
  squared, squaredHalf, type GraphNetwork,
} from '@neurobridge/learn';
import { compare, documentCheck, fact } from '../judge.js';
import type { Claim, Slip } from '../types.js';
import { agreement, showVector } from './learnShared.js';

const { sigmoid, tanh, linear } = activations;

// ---- §1: a d0 → d1 → d2 sigmoid network without biases (the document's S_j^(l) = Σ_i w_ij x_i)
const D0 = 3, D1 = 5, D2 = 2;
const X = Array.from({ length: D0 }, (_, i) => `x${i + 1}`), H = Array.from({ length: D1 }, (_, j) => `h${j + 1}`), O = Array.from({ length: D2 }, (_, k) => `o${k + 1}`);
const sym = graphNetwork({
  inputs: X,
  nodes: [...H, ...O].map((name) => ({ name, activation: sigmoid, bias: false })),
  links: [...X.flatMap((x) => H.map((h) => [x, h] as [string, string])), ...H.flatMap((h) => O.map((o) => [h, o] as [string, string]))],
});
/** six samples, inputs N(0, 1), targets uniform in (0, 1) (different for the two outputs) */
const samples = (rng: Rng) => Array.from({ length: 6 }, () => ({ input: Array.from(rng.normals(D0)), target: [rng.uniform(), rng.uniform()] }));
/** the constant a of (b), drawn in (0.1, 0.6) */
const constant = (rng: Rng) => 0.1 + 0.5 * rng.uniform();
const constantParams = (a: number) => Object.fromEntries(sym.parameters.map((n) => [n, a]));
const EXACT = 'bit-identical: the same operations on the same operands give the same double (no tolerance)';

const s1b: Claim = {
  id: 'dis4-1b', source: 'dis4', question: '§1.(b)',
  statement: 'With every weight equal to a, x_j^(1) = g(a Σ_i x_i^(0)) for every hidden unit j: all hidden activities are equal.',
  method: `Forward pass of a ${D0} → ${D1} → ${D2} logistic network with all weights a (random a, random inputs), against g(a Σ x_i).`,
  run(ctx) {
    const rng = ctx.rng(), a = constant(rng);
    const s = samples(rng);
    let equal = true, worst = 0;
    for (const { input } of s) {
      const r = backward(sym, constantParams(a), input, [0, 0], squaredHalf);
      equal &&= H.every((h) => r.x[h] === r.x.h1);
      worst = Math.max(worst, Math.abs(r.x.h1 - sigmoid.f(a * input.reduce((u, v) => u + v, 0))));
    }
    return agreement('g(a Σ_i x_i), the same for every j', `hidden activities, ${s.length} inputs`, equal ? worst : Infinity, 'max |x_j − g(aΣx)| (∞ if two units differ)', 1e-15,
      `${EXACT} across units; against the closed form the sum is taken in another order: ≤ 1e-15 on values in (0, 1)`);
  },
};

const s1c: Claim = {
  id: 'dis4-1c', source: 'dis4', question: '§1.(c)',
  statement: 'After the backward pass, δ_i^(1) = g′(a Σ_k x_k^(0)) a Σ_j δ_j^(2) for every hidden unit i: all equal.',
  method: 'Backprop (squared loss ½‖y − x^(2)‖²) of the constant-weight network at random inputs and targets, against the closed form from backprop\'s own δ^(2).',
  run(ctx) {
    const rng = ctx.rng(), a = constant(rng);
    let equal = true, worst = 0;
    for (const { input, target } of samples(rng)) {
      const r = backward(sym, constantParams(a), input, target, squaredHalf);
      equal &&= H.every((h) => r.delta[h] === r.delta.h1);
      const gp = sigmoid.df(a * input.reduce((u, v) => u + v, 0));
      const closed = gp * a * O.reduce((u, o) => u + r.delta[o], 0);
      // scale: the size of the terms of Σ_j δ_j^(2), which may cancel
      worst = Math.max(worst, Math.abs(r.delta.h1 - closed) / (gp * a * O.reduce((u, o) => u + Math.abs(r.delta[o]), 0)));
    }
    return agreement('g′(aΣx) a Σ_j δ_j^(2), the same for every i', 'backprop δ^(1), 6 samples', equal ? worst : Infinity, 'max |difference| / (g′ a Σ_j |δ_j^(2)|) (∞ if two units differ)', 1e-14,
      `${EXACT} across units; against the closed form: a few ulp of the terms of the sum`);
  },
};

const s1d: Claim = {
  id: 'dis4-1d', source: 'dis4', question: '§1.(d)',
  statement: 'For a reasonable loss the output deltas δ_j^(2) are not all equal: they depend on the targets y_j.',
  method: 'Backprop of the constant-weight network on 6 random samples whose two targets differ: δ_1^(2) against δ_2^(2).',
  run(ctx) {
    const rng = ctx.rng(), a = constant(rng);
    const s = samples(rng);
    const differ = s.filter(({ input, target }) => { const r = backward(sym, constantParams(a), input, target, squaredHalf); return r.delta.o1 !== r.delta.o2; }).length;
    return fact(`δ_1^(2) ≠ δ_2^(2) in ${s.length} of ${s.length} samples`, `in ${differ} of ${s.length}`, differ === s.length,
      'exact: with equal hidden activities the two outputs are equal, so δ^(2) differ exactly when the targets do (they are distinct uniform draws)');
  },
};

/** gradient descent from constant weights: the symmetry of the hidden units after `steps` steps */
function symmetryAfter(rng: Rng, steps: number) {
  const a = constant(rng), s = samples(rng);
  const run = gradientDescent({ objective: graphObjective(sym, s, squaredHalf), params: constantParams(a), learningRate: 0.5, steps, record: 'loss' });
  const p = run.params;
  const incoming = X.every((x) => H.every((h) => p[`w${x}${h}`] === p[`w${x}h1`]));
  const outgoing = O.every((o) => H.every((h) => p[`w${h}${o}`] === p[`wh1${o}`]));
  const units = s.every(({ input, target }) => { const r = backward(sym, p, input, target, squaredHalf); return H.every((h) => r.x[h] === r.x.h1 && r.delta[h] === r.delta.h1); });
  return { run, p, incoming, outgoing, units, a };
}

const s1e: Claim = {
  id: 'dis4-1e', source: 'dis4', question: '§1.(e)',
  statement: 'After one gradient step from constant weights a, w_ij^(1) = a − η δ_j^(1) x_i^(0) is the same for all j (given i) and w_ij^(2) = a − η δ_j^(2) x_i^(1) the same for all i (given j), different across j.',
  method: 'One step of gradientDescent (η = 0.5, mean squared loss over 6 random samples) on the graph network; weights compared exactly.',
  run(ctx) {
    const { p, incoming, outgoing } = symmetryAfter(ctx.rng(), 1);
    const ok = incoming && outgoing && p.wh1o1 !== p.wh1o2;
    return fact('w^(1) equal over j, w^(2) equal over i, w^(2) differ over j', `w_x1,h^(1) = ${p.wx1h1} (all h); w_h,o^(2) = ${p.wh1o1}, ${p.wh1o2}`, ok, EXACT);
  },
};

const s1f: Claim = {
  id: 'dis4-1f', source: 'dis4', question: '§1.(f)',
  statement: 'However many steps follow, the symmetry stays: every hidden unit keeps the same incoming and outgoing weights, activity and δ.',
  method: '1000 steps of gradientDescent (η = 0.5) from constant weights; weights, activities and δ of the five hidden units compared exactly; the loss curve is plotted.',
  run(ctx) {
    const { run, p, incoming, outgoing, units } = symmetryAfter(ctx.rng(), 1000);
    const ok = incoming && outgoing && units && run.loss < run.history.loss[0];
    const every = run.history.loss.map((_, t) => t).filter((t) => t % 10 === 0);
    return fact('all five hidden units bit-identical after 1000 steps', `incoming ${incoming}, outgoing ${outgoing}, activities and δ ${units}; loss ${run.history.loss[0].toFixed(5)} → ${run.loss.toFixed(5)}; w^(2) = ${p.wh1o1.toFixed(5)}, ${p.wh1o2.toFixed(5)}`, ok, EXACT, {
      plot: { title: 'DIS4 §1 (f): training from constant weights (five identical hidden units)', x: { label: 'step' }, y: { label: 'mean loss ½‖y − x^(2)‖²' }, series: [{ name: 'constant initialisation', x: every, y: every.map((t) => run.history.loss[t]) }] },
    });
  },
};

const s1gRandom: Claim = {
  id: 'dis4-1g-random', source: 'dis4', question: '§1.(g)',
  statement: 'Random initialisation breaks the symmetry: after training, the five hidden units have distinct activities.',
  method: '200 steps of gradientDescent (η = 0.5) from weights 0.3·N(0, 1); hidden activities on the first sample compared.',
  run(ctx) {
    const rng = ctx.rng(), s = samples(rng);
    const run = gradientDescent({ objective: graphObjective(sym, s, squaredHalf), params: Object.fromEntries(sym.parameters.map((n) => [n, 0.3 * rng.normal()])), learningRate: 0.5, steps: 200, record: 'loss' });
    const r = backward(sym, run.params, s[0].input, s[0].target, squaredHalf);
    const acts = H.map((h) => r.x[h]);
    return fact(`${D1} distinct hidden activities`, `${new Set(acts).size} distinct: ${showVector(acts)}`, new Set(acts).size === D1,
      'exact comparison; distinct continuous random weights give equal activities with probability 0');
  },
};

// logistic regression: 2 inputs, one logistic unit with bias, labels from a logistic model (never separable in practice)
const lr = graphNetwork({ inputs: ['x1', 'x2'], nodes: [{ name: 'p', activation: sigmoid }], links: [['x1', 'p'], ['x2', 'p']] });
const N_LOGREG = 60;
const s1gLogistic: Claim = {
  id: 'dis4-1g-logistic', source: 'dis4', question: '§1.(g)',
  statement: 'Logistic regression has no symmetry problem: gradient descent from w = 0 reaches the global optimum (the loss is convex).',
  method: `gradientDescent (η = 2, until max|∇| ≤ 1e-11) from (0, 0, 0) on the mean cross-entropy of ${N_LOGREG} labels drawn from a logistic model (weights 1.5, −1, bias 0.3), against Newton's method (IRLS, 3 × 3 solves), an independent optimiser.`,
  run(ctx) {
    const rng = ctx.rng();
    const data = Array.from({ length: N_LOGREG }, () => {
      const x = [rng.normal(), rng.normal()];
      return { input: x, target: rng.uniform() < 1 / (1 + Math.exp(-(1.5 * x[0] - x[1] + 0.3))) ? 1 : 0 };
    });
    const fit = gradientDescent({ objective: graphObjective(lr, data, binaryCrossEntropy), params: { wx1p: 0, wx2p: 0, bp: 0 }, learningRate: 2, steps: 50000, tolerance: 1e-11, record: 'loss' });
    const newton = irls(data);
    const gd = [fit.params.wx1p, fit.params.wx2p, fit.params.bp];
    const err = Math.max(...gd.map((v, i) => Math.abs(v - newton[i])));
    return agreement(`Newton optimum ${showVector(newton)}`, `gradient descent from 0: ${showVector(gd)} (${fit.steps} steps, ${fit.status})`, fit.status === 'converged' ? err : Infinity, 'max absolute difference', 1e-8,
      'gradient descent stops at max|∇| ≤ 1e-11; the mean loss is strongly convex at the optimum (Hessian eigenvalues ≳ 0.01 for these data), so the parameters are within 1e-11/λ_min ≲ 1e-9; Newton converges quadratically to rounding', {
        plot: { title: 'DIS4 §1 (g): logistic regression from w = 0', x: { label: 'step', log: true }, y: { label: 'mean cross-entropy' }, series: [{ name: 'gradient descent', x: fit.history.loss.map((_, t) => t + 1).filter((t) => t % 50 === 1), y: fit.history.loss.filter((_, t) => t % 50 === 0) }] },
      });
  },
};

/** Newton's method (IRLS) on the mean cross-entropy of θ = (w1, w2, b), 3 × 3 solves by Cramer's rule. */
function irls(data: { input: number[]; target: number }[]): number[] {
  let th = [0, 0, 0];
  const det = (M: number[][]) => M[0][0] * (M[1][1] * M[2][2] - M[1][2] * M[2][1]) - M[0][1] * (M[1][0] * M[2][2] - M[1][2] * M[2][0]) + M[0][2] * (M[1][0] * M[2][1] - M[1][1] * M[2][0]);
  for (let it = 0; it < 50; it++) {
    const g = [0, 0, 0], Hm = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
    for (const { input: [a, b], target: t } of data) {
      const f = [a, b, 1];
      const p = 1 / (1 + Math.exp(-(th[0] * a + th[1] * b + th[2])));
      for (let i = 0; i < 3; i++) { g[i] += ((p - t) * f[i]) / data.length; for (let j = 0; j < 3; j++) Hm[i][j] += (p * (1 - p) * f[i] * f[j]) / data.length; }
    }
    const Dt = det(Hm);
    const step = [0, 1, 2].map((c) => det(Hm.map((row, r) => row.map((v, k) => (k === c ? g[r] : v)))) / Dt);
    th = th.map((v, i) => v - step[i]);
  }
  return th;
}

// ---- §2 (a): the multivariate chain rule on a graph with one shared parameter w
/** the c_i of x_i = g_i(w) = tanh(c_i w) */
const COEF = [0.7, -1.3, 0.4, 2.1];
/** inputs c_i; x_i = tanh(w c_i), the one weight w shared by the four links; node f = Σ_i x_i (fixed unit links); loss (f − y)² */
const sharedNet = graphNetwork({
  inputs: COEF.map((_, i) => `c${i + 1}`),
  nodes: [...COEF.map((_, i) => ({ name: `x${i + 1}`, activation: tanh, bias: false })), { name: 'f', activation: linear, bias: false }],
  links: [...COEF.map((_, i) => [`c${i + 1}`, `x${i + 1}`, 'w'] as [string, string, string]), ...COEF.map((_, i) => [`x${i + 1}`, 'f', 1] as [string, string, number])],
});
const s2a: Claim = {
  id: 'dis4-2a', source: 'dis4', question: '§2.(a)',
  statement: 'The multivariate chain rule: d/dw f(g_1(w), …, g_n(w)) = Σ_i ∂f/∂x_i · dx_i/dw — what backprop sums over the branches of the computation graph.',
  method: `x_i = g_i(w) = tanh(c_i w), c = ${showVector(COEF)}, f = (Σ_i x_i − y)², as a graph whose one weight w is shared by ${COEF.length} links: the sum Σ_i ∂f/∂x_i dx_i/dw against backprop's ∂f/∂w and central finite differences of f(w), at 50 random (w, y).`,
  run(ctx) {
    const rng = ctx.rng();
    let worst = 0;
    for (let k = 0; k < 50; k++) {
      const w = rng.normal(), y = rng.normal();
      const xs = COEF.map((c) => Math.tanh(c * w));
      const S = xs.reduce((u, v) => u + v, 0);
      const sum = xs.reduce((acc, x, i) => acc + 2 * (S - y) * (1 - x * x) * COEF[i], 0); // Σ_i ∂f/∂x_i · dx_i/dw
      const r = backward(sharedNet, { w }, COEF, y, squared);
      const fd = gradientCentral((t) => (COEF.reduce((u, c) => u + Math.tanh(c * t[0]), 0) - y) ** 2, [w])[0];
      const scale = Math.max(Math.abs(sum), 1e-4 * Math.max(1, r.loss));
      worst = Math.max(worst, Math.abs(r.grad.w - sum) / scale, Math.abs(fd - sum) / scale);
    }
    return agreement('Σ_i ∂f/∂x_i · dx_i/dw', 'backprop ∂f/∂w (shared weight) and central differences, 50 draws', worst, 'max relative difference (floor 1e-4·max(1, f))', 1e-6,
      'backprop: a few ulp; central differences with h ≈ ε^{1/3}·max(1, |w|): rounding ε·f/h ≈ 4e-11·f and truncation h²|f‴|/6 ≲ 3e-9 (|c_i| ≤ 2.1), relative to max(|df/dw|, 1e-4·max(1, f)): ≤ 1e-6');
  },
};

// ---- §2 (c), (d): f = (y − Σ_i σ(w_iᵀx + b_i))²
const DC = 3, NC = 4;
const sumNet: GraphNetwork = graphNetwork({
  inputs: Array.from({ length: DC }, (_, k) => `x${k + 1}`),
  nodes: [...Array.from({ length: NC }, (_, i) => ({ name: `s${i + 1}`, activation: sigmoid, bias: `b${i + 1}` })), { name: 'sum', activation: linear, bias: false }],
  links: [
    ...Array.from({ length: NC }, (_, i) => Array.from({ length: DC }, (_, k) => [`x${k + 1}`, `s${i + 1}`, `w${i + 1}_${k + 1}`] as [string, string, string])).flat(),
    ...Array.from({ length: NC }, (_, i) => [`s${i + 1}`, 'sum', 1] as [string, string, number]),
  ],
});
/** random parameters, input and target; the closed-form ∂f/∂w_i = c_i x, ∂f/∂b_i = c_i, c_i = 2(Σσ − y)σ_i(1 − σ_i) */
function sumDraw(rng: Rng) {
  const params = Object.fromEntries(sumNet.parameters.map((q) => [q, rng.normal()]));
  const x = Array.from(rng.normals(DC)), y = 2 * rng.normal();
  const sig = Array.from({ length: NC }, (_, i) => sigmoid.f(x.reduce((s, v, k) => s + params[`w${i + 1}_${k + 1}`] * v, 0) + params[`b${i + 1}`]));
  const S = sig.reduce((u, v) => u + v, 0);
  const common = sig.map((s) => 2 * (S - y) * s * (1 - s));
  return { params, x, y, common };
}
const s2c: Claim = {
  id: 'dis4-2c', source: 'dis4', question: '§2.(c)',
  statement: '∂f/∂w_i = 2(Σ_j σ(w_jᵀx + b_j) − y) σ(w_iᵀx + b_i)(1 − σ(w_iᵀx + b_i)) xᵀ and ∂f/∂b_i the same without xᵀ.',
  method: `The closed forms against graph backprop (a ${DC}-input, ${NC}-sigmoid network summed by fixed unit links, squared loss) at 50 random draws.`,
  run(ctx) {
    const rng = ctx.rng();
    let worst = 0;
    for (let t = 0; t < 50; t++) {
      const { params, x, y, common } = sumDraw(rng);
      const r = backward(sumNet, params, x, y, squared);
      for (let i = 0; i < NC; i++) {
        worst = Math.max(worst, Math.abs(r.grad[`b${i + 1}`] - common[i]) / (1 + Math.abs(common[i])));
        for (let k = 0; k < DC; k++) worst = Math.max(worst, Math.abs(r.grad[`w${i + 1}_${k + 1}`] - common[i] * x[k]) / (1 + Math.abs(common[i] * x[k])));
      }
    }
    return agreement('closed form (c)', 'backprop, 50 draws', worst, 'max |Δ|/(1 + |value|)', 1e-13, 'the same quantity by two rounding paths: a few ulp');
  },
};

const s2d: Claim = {
  id: 'dis4-2d', source: 'dis4', question: '§2.(d)',
  statement: 'One gradient step: w_i ← w_i − 2η(Σ_j σ(w_jᵀx + b_j) − y) σ_i(1 − σ_i) x, b_i ← b_i − 2η(…) σ_i(1 − σ_i); it lowers f for a small η.',
  method: 'The printed update against one step of the package\'s gradientDescent (η = 1e-3) at 50 random draws; f before and after the step.',
  run(ctx) {
    const rng = ctx.rng(), eta = 1e-3;
    let worst = 0, lower = 0;
    for (let t = 0; t < 50; t++) {
      const { params, x, y, common } = sumDraw(rng);
      const obj = graphObjective(sumNet, [{ input: x, target: y }], squared);
      const step = gradientDescent({ objective: obj, params, learningRate: eta, steps: 1, record: 'loss' });
      for (let i = 0; i < NC; i++) {
        const bi = `b${i + 1}`;
        worst = Math.max(worst, Math.abs(step.params[bi] - (params[bi] - eta * common[i])));
        for (let k = 0; k < DC; k++) {
          const wk = `w${i + 1}_${k + 1}`;
          worst = Math.max(worst, Math.abs(step.params[wk] - (params[wk] - eta * common[i] * x[k])));
        }
      }
      if (step.history.loss[1] < step.history.loss[0] || step.history.loss[0] === 0) lower++;
    }
    const res = agreement('printed update (d)', 'one gradientDescent step, 50 draws', worst, 'max absolute difference of the updated parameters', 1e-14,
      'parameters O(1) changed by η·|∇f| ≤ 0.1: the two updates round differently by a few ulp of 1');
    return lower === 50 ? { ...res, details: 'f decreased in 50 of 50 draws' } : { ...res, verdict: 'failed', details: `f decreased in only ${lower} of 50 draws` };
  },
};

// ---- §2 (e), (f): ℓ = ½‖W2 Φ(W1 x + b) − y‖², d × d matrices, the layered network (row-major W, W_ij = w from j to i)
const DE = 6;
/** closed forms in W's shape: r = W2 x2 − y, ∂ℓ/∂W2 = r x2ᵀ, δ1 = (W2ᵀ r) ⊙ Φ′(x1), ∂ℓ/∂W1 = δ1 xᵀ, ∂ℓ/∂b = δ1, ∂ℓ/∂x = W1ᵀ δ1 */
function matrixCase(rng: Rng, phi: Activation) {
  const d = DE;
  const m = mlp({ sizes: [d, d, d], activations: [phi, linear], rng });
  m.biases[0].set(rng.normals(d));
  m.biases[1].fill(0); // the document's second layer has no bias
  const x = rng.normals(d), y = rng.normals(d);
  const c = mlpForward(m, x, 1);
  const gr = mlpBackward(m, c, c.x[2].map((v, i) => v - y[i]), undefined, { inputGradient: true });
  const [W1, W2] = m.weights;
  const x1 = Array.from({ length: d }, (_, i) => m.biases[0][i] + x.reduce((s, v, j) => s + W1[i * d + j] * v, 0));
  const x2 = x1.map(phi.f);
  const r = Array.from({ length: d }, (_, i) => x2.reduce((s, v, j) => s + W2[i * d + j] * v, 0) - y[i]);
  const dx1 = Array.from({ length: d }, (_, j) => r.reduce((s, v, i) => s + W2[i * d + j] * v, 0) * phi.df(x1[j]));
  const outer = (u: ArrayLike<number>, v: ArrayLike<number>) => Array.from({ length: d * d }, (_, q) => u[Math.floor(q / d)] * v[q % d]);
  return { m, x, y, gr, W1, W2, x1, x2, r, dx1, outer, d };
}
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => Math.max(s, Math.abs(v - b[i])), 0);
const MATRIX_TOL = 'the same sums of products in another order on O(1) values of a 6 × 6 problem: ≤ 1e-14';

function matrixGradientClaim(which: 'W2' | 'W1'): Claim {
  const two = which === 'W2';
  return {
    id: `dis4-2e-${which.toLowerCase()}`, source: 'dis4', question: '§2.(e)',
    statement: two
      ? '∂ℓ/∂W2 in W2\'s shape (the matrix a gradient step subtracts) is r x2ᵀ, r = W2 x2 − y; the printed x^(2) ∂ℓ/∂x^(3) = x2 rᵀ is its transpose (the trace layout of Eq. (2)), which (f) does not use.'
      : '∂ℓ/∂W1 in W1\'s shape is (W2ᵀ r ⊙ Φ′(x1)) xᵀ; the printed x ∂ℓ/∂x^(1) is its transpose.',
    method: `Φ = tanh, d = ${DE}, random W1, W2, b, x, y: the printed outer product and the corrected one against mlpBackward's ∂ℓ/∂W (entry (i, j) = ∂ℓ/∂W_ij).`,
    run(ctx) {
      const k = matrixCase(ctx.rng(), tanh);
      const g = k.gr.gradW[two ? 1 : 0];
      const printed = two ? k.outer(k.x2, k.r) : k.outer(k.x, k.dx1);
      const correct = two ? k.outer(k.r, k.x2) : k.outer(k.dx1, k.x);
      return documentCheck(
        agreement(`printed ${two ? 'x2 rᵀ' : 'x δ1ᵀ'}`, `mlpBackward ∂ℓ/∂${which}`, maxDiff(g, printed), 'max absolute difference', 1e-14, MATRIX_TOL),
        agreement(`${two ? 'r x2ᵀ' : 'δ1 xᵀ'}`, `mlpBackward ∂ℓ/∂${which}`, maxDiff(g, correct), 'max absolute difference', 1e-14, MATRIX_TOL),
      );
    },
  };
}

const s2eVectors: Claim = {
  id: 'dis4-2e-bx', source: 'dis4', question: '§2.(e)',
  statement: '∂ℓ/∂b = ∂ℓ/∂x^(1) = (W2ᵀ r ⊙ Φ′(x^(1)))ᵀ and ∂ℓ/∂x = ∂ℓ/∂x^(1) W1 (row vectors).',
  method: `Φ = tanh, d = ${DE}, random W1, W2, b, x, y: the closed forms against mlpBackward's bias and input gradients.`,
  run(ctx) {
    const k = matrixCase(ctx.rng(), tanh);
    const dx = Array.from({ length: k.d }, (_, j) => k.dx1.reduce((s, v, i) => s + k.W1[i * k.d + j] * v, 0));
    const err = Math.max(maxDiff(k.gr.gradB[0], k.dx1), maxDiff(k.gr.dInput as Float64Array, dx));
    return agreement('closed forms ∂ℓ/∂b, ∂ℓ/∂x', 'mlpBackward', err, 'max absolute difference', 1e-14, MATRIX_TOL);
  },
};

const s2f: Claim = {
  id: 'dis4-2f', source: 'dis4', question: '§2.(f)',
  statement: 'With Φ the identity, one step is W1 ← W1 − η W2ᵀ(W2(W1x + b) − y)xᵀ and W2 ← W2 − η(W2(W1x + b) − y)(W1x + b)ᵀ; it lowers ℓ for a small η.',
  method: `Φ = identity, d = ${DE}, random W1, W2, b, x, y, η = 1e-3: the printed updates against W − η·(mlpBackward's ∂ℓ/∂W); ℓ before and after.`,
  run(ctx) {
    const k = matrixCase(ctx.rng(), linear), eta = 1e-3, d = k.d;
    const W2tr = Array.from({ length: d }, (_, j) => k.r.reduce((s, v, i) => s + k.W2[i * d + j] * v, 0));
    const printedW1 = Array.from(k.W1, (w, q) => w - eta * W2tr[Math.floor(q / d)] * k.x[q % d]);
    const printedW2 = Array.from(k.W2, (w, q) => w - eta * k.r[Math.floor(q / d)] * k.x1[q % d]);
    const stepW1 = Array.from(k.W1, (w, q) => w - eta * k.gr.gradW[0][q]);
    const stepW2 = Array.from(k.W2, (w, q) => w - eta * k.gr.gradW[1][q]);
    const err = Math.max(maxDiff(printedW1, stepW1), maxDiff(printedW2, stepW2));
    const loss = (W1: ArrayLike<number>, W2: ArrayLike<number>) => {
      const h = Array.from({ length: d }, (_, i) => k.m.biases[0][i] + k.x.reduce((s, v, j) => s + W1[i * d + j] * v, 0));
      return 0.5 * Array.from({ length: d }, (_, i) => h.reduce((s, v, j) => s + W2[i * d + j] * v, 0) - k.y[i]).reduce((s, v) => s + v * v, 0);
    };
    const l0 = loss(k.W1, k.W2), l1 = loss(printedW1, printedW2);
    const res = agreement('printed updates (f)', 'W − η ∂ℓ/∂W from mlpBackward', err, 'max absolute difference', 1e-15, 'O(1) weights moved by η·O(1): the two updates round differently by ≤ 1 ulp of 1');
    return l1 < l0 ? { ...res, details: `ℓ: ${l0.toFixed(6)} → ${l1.toFixed(6)}` } : { ...res, verdict: 'failed', details: `ℓ did not decrease: ${l0} → ${l1}` };
  },
};

// ---- side note: the cost of ∂ℓ/∂W by forward differences (as printed) against backprop, counted
/** ½‖W2 tanh(W1 x + b) − y‖² as a graph network: d → d (tanh, bias) → d (linear, no bias) */
function costNet(d: number): GraphNetwork {
  const ins = Array.from({ length: d }, (_, i) => `x${i}`), hid = Array.from({ length: d }, (_, i) => `h${i}`), out = Array.from({ length: d }, (_, i) => `o${i}`);
  return graphNetwork({
    inputs: ins,
    nodes: [...hid.map((name) => ({ name, activation: tanh })), ...out.map((name) => ({ name, activation: linear, bias: false as const }))],
    links: [...ins.flatMap((a) => hid.map((b) => [a, b] as [string, string])), ...hid.flatMap((a) => out.map((b) => [a, b] as [string, string]))],
  });
}
const COST_D = [8, 12, 16, 24, 32];
/** multiply-adds of both methods at each d, counted from the objective's call counters; max disagreement of the two gradients */
function costs(rng: Rng) {
  const fd: number[] = [], bp: number[] = [];
  let worst = 0;
  for (const d of COST_D) {
    const net = costNet(d);
    const obj = graphObjective(net, [{ input: Array.from(rng.normals(d)), target: Array.from(rng.normals(d)) }], squaredHalf, { reduction: 'sum' });
    const theta = Float64Array.from({ length: net.parameters.length }, () => 0.3 * rng.normal());
    const g = new Float64Array(theta.length);
    obj.evaluate(theta, g);
    // the document's first-order formula ∂ℓ/∂W_ij ≈ (ℓ(W_ij + ε) − ℓ(W_ij))/ε, ε = √ε_mach·max(1, |W_ij|), for every parameter
    const before = obj.calls!.value;
    const l0 = obj.evaluate(theta), t = Float64Array.from(theta);
    let dev = 0;
    for (let q = 0; q < theta.length; q++) {
      const eps = 1.5e-8 * Math.max(1, Math.abs(theta[q]));
      t[q] = theta[q] + eps;
      const n = (obj.evaluate(t) - l0) / (t[q] - theta[q]);
      t[q] = theta[q];
      dev = Math.max(dev, Math.abs(n - g[q]) / Math.max(Math.abs(g[q]), 1e-2 * Math.max(1, l0)));
    }
    worst = Math.max(worst, dev);
    fd.push((obj.calls!.value - before) * net.linkCount);
    bp.push(obj.calls!.gradient * 3 * net.linkCount);
  }
  return { fd, bp, worst };
}
const costReason = (what: string) => `${what}; exact counts (calls × links), no timing noise`;
const costFd: Claim = {
  id: 'dis4-cost-fd', source: 'dis4', question: 'side note',
  statement: 'Computing ∂ℓ/∂W by the printed finite differences takes O(d⁴) operations: one loss evaluation (O(d²)) per weight (2d² + d parameters).',
  method: `The document's forward differences over every parameter of ½‖W2 tanh(W1x + b) − y‖² (graph network, d = ${COST_D.join(', ')}), multiply-adds counted as loss evaluations × links; log–log slope over d. The finite-difference gradient is checked against backprop.`,
  run(ctx) {
    const { fd, bp, worst } = costs(ctx.rng());
    const res = compare(4, fitPowerLaw(COST_D, fd).exponent, { abs: 0.1, reason: costReason('(2d² + d + 1)·2d² = 4d⁴ + 2d³ + 2d²: the lower-order terms pull the fitted slope over d = 8 … 32 below 4 by ≈ 0.05') }, {
      details: `forward differences agree with backprop to ${worst.toExponential(1)} (relative, floor 1e-2·max(1, ℓ))`,
      plot: {
        title: 'DIS4 side note: multiply-adds for one gradient ∂ℓ/∂W', x: { label: 'd', log: true }, y: { label: 'multiply-adds', log: true },
        series: [{ name: 'finite differences', x: COST_D, y: fd, style: 'points' }, { name: 'backprop', x: COST_D, y: bp, style: 'points' }],
      },
    });
    return worst < 1e-4 ? res : { ...res, verdict: 'failed', details: `${res.details}: too far from backprop` };
  },
};
const costBp: Claim = {
  id: 'dis4-cost-bp', source: 'dis4', question: 'side note',
  statement: 'Backprop computes the same gradient in O(d²) operations: one forward and one backward pass.',
  method: `One backprop gradient of the same loss (d = ${COST_D.join(', ')}), multiply-adds counted as gradient calls × 3 × links; log–log slope over d.`,
  run(ctx) {
    const { bp } = costs(ctx.rng());
    return compare(2, fitPowerLaw(COST_D, bp).exponent, { abs: 1e-9, reason: costReason('3·2d² multiply-adds exactly: slope 2 to rounding') });
  },
};

export const claims: Claim[] = [s1b, s1c, s1d, s1e, s1f, s1gRandom, s1gLogistic, s2a, s2c, s2d, matrixGradientClaim('W2'), matrixGradientClaim('W1'), s2eVectors, s2f, costFd, costBp];

export const slips: Slip[] = [
  { source: 'dis4', location: '§2 (e), ∂ℓ/∂W2', printed: 'x^(2) ∂ℓ/∂x^(3) (an outer product x2 rᵀ)', correct: 'r x2ᵀ in W2\'s shape, the transpose (the printed form is the trace layout of Eq. (2); (f) uses r x2ᵀ)', claim: 'dis4-2e-w2' },
  { source: 'dis4', location: '§2 (e), ∂ℓ/∂W1', printed: 'x ∂ℓ/∂x^(1)', correct: '(∂ℓ/∂x^(1))ᵀ xᵀ in W1\'s shape, the transpose ((f) uses the W-shaped form)', claim: 'dis4-2e-w1' },
  { source: 'dis4', location: '§2 (f), update of W2', printed: '(W_t^(1) x + b)ᵀ', correct: '(W_t^(1) x + b_t)ᵀ (b for b_t: a typo no number can show)', claim: null },
];
