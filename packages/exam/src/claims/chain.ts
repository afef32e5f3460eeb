// Seed 000: the three-neuron chain x3 = w2 x2 = w2 w1 x1 with l = ½(y − x3)², its nonlinear version
// x3 = w2 σ(w1 x1), and the dead ReLU. Every derivative is checked against the graph backprop of
// @neurobridge/learn (which also gives ∂l/∂x for every node) and central finite differences; the
// directions of (a) against the signs of actual loss changes.
import { activations, gradientCentral, type Activation, type Rng } from '@neurobridge/core';
import { backward, graphNetwork, graphObjective, gradientDescent, linearChainDirections, squaredHalf } from '@neurobridge/learn';
import { documentCheck, fact } from '../judge.js';
import type { Claim, ClaimResult, Slip } from '../types.js';
import { agreement } from './learnShared.js';

/** The chain 1 → 2 → 3: x2 = σ(w1 x1), x3 = w2 x2 (no biases). */
const chain = (sigma: Activation) => graphNetwork({
  inputs: ['1'],
  nodes: [{ name: '2', activation: sigma, bias: false }, { name: '3', activation: activations.linear, bias: false }],
  links: [['1', '2', 'w1'], ['2', '3', 'w2']],
});
const DRAWS = 200;
const draw = (rng: Rng) => ({ x1: rng.normal(), w1: rng.normal(), w2: rng.normal(), y: rng.normal() });
/** relative difference with a floor: components near 0 are compared at the absolute scale 1e-4 */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-4, Math.abs(b));
/** a finite-difference estimate against the exact value, relative to max(|value|, floor) (gradientCheck's measure) */
const relFd = (fd: number, exact: number, floor: number) => Math.abs(fd - exact) / Math.max(Math.abs(exact), floor);
/** central differences with h ≈ ε^{1/3}·max(1, |w|): rounding ≈ ε·l/h ≈ 4e-11·l, truncation h²|l‴|/6 ≲ 1e-9 for normal draws */
const FD_REASON = 'central differences with h ≈ ε^{1/3}·max(1, |w|): rounding ε·l/h ≈ 4e-11·l and truncation h²|l‴|/6 ≲ 1e-9, relative to max(|g|, 1e-4·max(1, l)) (the floor of gradientCheck): ≤ 4e-7 in the worst case';
const ROUNDING = 'the same products in a different order: a few ulp, relative to max(|value|, 1e-4)';

// ---- (a)
/** The case of (a), x1 > 0, w1 < 0, x3 < y, with w2 of either sign: loss change of a small move of w1 or w2. */
function directionDraws(rng: Rng) {
  const out: { w2: number; w1Down: boolean; w2Down: boolean }[] = [];
  const lin = chain(activations.linear);
  while (out.length < DRAWS) {
    const x1 = Math.abs(rng.normal()), w1 = -Math.abs(rng.normal()), w2 = rng.normal();
    const x3 = w2 * w1 * x1, y = x3 + Math.abs(rng.normal()) + 0.01; // x3 < y
    if (Math.abs(x1 * w1) < 1e-3 || Math.abs(w2 * x1) < 1e-3) continue; // a move must change the loss visibly
    const l = (p: { w1: number; w2: number }) => backward(lin, p, [x1], y, squaredHalf).loss;
    const l0 = l({ w1, w2 }), s = 1e-4;
    out.push({ w2, w1Down: l({ w1: w1 - s, w2 }) < l0, w2Down: l({ w1, w2: w2 - s }) < l0 });
  }
  return out;
}

const aW2: Claim = {
  id: 'chain-a-w2', source: 'chain', question: '(a)',
  statement: 'With x1 > 0, w1 < 0 and x3 < y, w2 should decrease: ∂l/∂w2 = (x3 − y) w1 x1 > 0.',
  method: `${DRAWS} random draws in the case (x1 > 0, w1 < 0, x3 < y, w2 of either sign): does moving w2 down by 1e-4 lower l? Also linearChainDirections' sign table.`,
  run(ctx) {
    const d = directionDraws(ctx.rng());
    const down = d.filter((r) => r.w2Down).length;
    const rows = linearChainDirections({ x1: 1, w1: -1, residual: -1 });
    return fact(`w2 ↓ lowers l in ${DRAWS} of ${DRAWS} draws`, `in ${down} of ${DRAWS}`, down === DRAWS && rows.every((r) => r.w2Move === 'decrease'),
      'signs of actual loss changes (a step of 1e-4 changes l by ≥ 1e-9, far above the rounding of l, and the second-order term is smaller than the first under the draw conditions)', { details: `sign table: ${rows.map((r) => `w2 ${r.w2 > 0 ? '> 0' : '< 0'}: w2 ${r.w2Move}, w1 ${r.w1Move}`).join('; ')}` });
  },
};

const aW1: Claim = {
  id: 'chain-a-w1', source: 'chain', question: '(a)',
  statement: 'With x1 > 0, w1 < 0 and x3 < y, w1 must increase when w2 > 0 and decrease when w2 < 0 (∂l/∂w1 = (x3 − y) w2 x1); the document answers "w1 should decrease" whatever w2.',
  method: `${DRAWS} random draws in the case of (a) with w2 of either sign: does moving w1 down by 1e-4 lower l? Printed: in every draw; corrected: exactly in the draws with w2 < 0.`,
  run(ctx) {
    const d = directionDraws(ctx.rng());
    const down = d.filter((r) => r.w1Down).length;
    const agree = d.filter((r) => r.w1Down === r.w2 < 0).length;
    const reason = 'signs of actual loss changes (a step of 1e-4 changes l by ≥ 1e-9, far above the rounding of l, and the second-order term is smaller than the first under the draw conditions)';
    return documentCheck(
      fact(`w1 ↓ lowers l in ${DRAWS} of ${DRAWS} draws`, `in ${down} of ${DRAWS}`, down === DRAWS, reason),
      fact(`w1 ↓ lowers l exactly when w2 < 0 (${d.filter((r) => r.w2 < 0).length} draws)`, `in ${agree} of ${DRAWS} draws the move follows the sign of w2`, agree === DRAWS && down > 0 && down < DRAWS, reason),
    );
  },
};

// ---- (b)
const b: Claim = {
  id: 'chain-b', source: 'chain', question: '(b)',
  statement: 'dl/dx3 = x3 − y, ∂l/∂w2 = (x3 − y) x2, ∂l/∂x2 = (x3 − y) w2, ∂l/∂w1 = (x3 − y) w2 x1.',
  method: `The four closed forms against graph backprop (∂l/∂x of nodes 3 and 2, ∂l/∂w) at ${DRAWS} random (x1, w1, w2, y).`,
  run(ctx) {
    const rng = ctx.rng(), lin = chain(activations.linear);
    let worst = 0;
    for (let k = 0; k < DRAWS; k++) {
      const { x1, w1, w2, y } = draw(rng);
      const r = backward(lin, { w1, w2 }, [x1], y, squaredHalf);
      const x2 = w1 * x1, x3 = w2 * x2;
      worst = Math.max(worst, rel(r.dx['3'], x3 - y), rel(r.grad.w2, (x3 - y) * x2), rel(r.dx['2'], (x3 - y) * w2), rel(r.grad.w1, (x3 - y) * w2 * x1));
    }
    return agreement('closed forms (b)', `backprop, ${DRAWS} draws`, worst, 'max relative difference', 1e-14, ROUNDING);
  },
};

const bFd: Claim = {
  id: 'chain-b-fd', source: 'chain', question: '(b)',
  statement: 'The derivatives of (b) are the derivatives of l: ∂l/∂w1, ∂l/∂w2 and ∂l/∂x2 equal central finite differences.',
  method: `Central finite differences (core's gradientCentral) of l(w1, w2) and of l as a function of x2 (x3 = w2 x2) at ${DRAWS} random draws, against the closed forms.`,
  run(ctx) {
    const rng = ctx.rng();
    let worst = 0;
    for (let k = 0; k < DRAWS; k++) {
      const { x1, w1, w2, y } = draw(rng);
      const x3 = w2 * w1 * x1;
      const fd = gradientCentral((p) => 0.5 * (y - p[1] * p[0] * x1) ** 2, [w1, w2]);
      const fdx2 = gradientCentral((p) => 0.5 * (y - w2 * p[0]) ** 2, [w1 * x1]);
      const floor = 1e-4 * Math.max(1, 0.5 * (y - x3) ** 2);
      worst = Math.max(worst, relFd(fd[0], (x3 - y) * w2 * x1, floor), relFd(fd[1], (x3 - y) * w1 * x1, floor), relFd(fdx2[0], (x3 - y) * w2, floor));
    }
    return agreement('closed forms (b)', `central differences, ${DRAWS} draws`, worst, 'max relative difference (floor 1e-4·max(1, l))', 1e-6, FD_REASON);
  },
};

// ---- (c)
const START = { w1: 0.4, w2: -0.6 }, X1 = 1.5, Y = 2;
const c: Claim = {
  id: 'chain-c', source: 'chain', question: '(c)',
  statement: 'The update w2 ← w2 − α(x3 − y)x2, w1 ← w1 − α(x3 − y)w2x1 lowers l for a sufficiently small α: l decreases by α‖∇l‖² to first order.',
  method: `At ${DRAWS} random draws with ‖∇l‖² ≥ 0.01·max(1, l) (so the decrease is well above rounding), the ratio (l − l(α))/(α‖∇l‖²) at α = 1e-6; the loss after one step against α from the start x1 = 1.5, w = (0.4, −0.6), y = 2 is plotted.`,
  run(ctx) {
    const rng = ctx.rng(), lin = chain(activations.linear);
    let worst = 0, k = 0, decreased = 0;
    const alpha = 1e-6;
    while (k < DRAWS) {
      const { x1, w1, w2, y } = draw(rng);
      const r0 = backward(lin, { w1, w2 }, [x1], y, squaredHalf);
      const g2 = r0.grad.w1 ** 2 + r0.grad.w2 ** 2;
      if (g2 < 0.01 * Math.max(1, r0.loss)) continue;
      k++;
      const l1 = backward(lin, { w1: w1 - alpha * r0.grad.w1, w2: w2 - alpha * r0.grad.w2 }, [x1], y, squaredHalf).loss;
      if (l1 < r0.loss) decreased++;
      worst = Math.max(worst, Math.abs((r0.loss - l1) / (alpha * g2) - 1));
    }
    const r0 = backward(lin, START, [X1], Y, squaredHalf);
    const alphas = Array.from({ length: 61 }, (_, i) => i * 0.005);
    const curve = alphas.map((a) => backward(lin, { w1: START.w1 - a * r0.grad.w1, w2: START.w2 - a * r0.grad.w2 }, [X1], Y, squaredHalf).loss);
    const res = agreement('decrease = α‖∇l‖² (ratio 1)', `ratio at α = 1e-6, ${DRAWS} draws`, worst, 'max |ratio − 1|', 1e-3,
      'the second-order term α·|∇lᵀH∇l|/(2‖∇l‖²) ≤ α‖H‖/2 with ‖H‖ < 1e3 for normal draws (5e-4 at most at α = 1e-6), and rounding ε·l/(α‖∇l‖²) ≤ 2e-8 under the draw condition', {
        details: `l decreased in ${decreased} of ${DRAWS} draws`,
        plot: {
          title: 'Seed 000 (c): l after one update from x1 = 1.5, w = (0.4, −0.6), y = 2',
          x: { label: 'step size α' }, y: { label: 'l(w − α∇l)' },
          series: [{ name: 'after one step', x: alphas, y: curve }, { name: 'before', x: [0, alphas[alphas.length - 1]], y: [r0.loss, r0.loss] }],
        },
      });
    return decreased === DRAWS ? res : { ...res, verdict: 'failed' };
  },
};

// ---- (d)
const SIGMAS = [activations.tanh, activations.sigmoid];
/** max relative difference of backprop against `closed` over draws, for tanh and sigmoid */
function nonlinear(rng: Rng, closed: (s: Activation, d: ReturnType<typeof draw>, r: ReturnType<typeof backward>) => [number, number, number][]): number {
  let worst = 0;
  for (const sigma of SIGMAS) {
    const net = chain(sigma);
    for (let k = 0; k < DRAWS / 2; k++) {
      const d = draw(rng);
      const r = backward(net, { w1: d.w1, w2: d.w2 }, [d.x1], d.y, squaredHalf);
      for (const [a, e, floor] of closed(sigma, d, r)) worst = Math.max(worst, relFd(a, e, floor));
    }
  }
  return worst;
}

const dW: Claim = {
  id: 'chain-d', source: 'chain', question: '(d)',
  statement: 'With x3 = w2 σ(w1 x1): ∂l/∂w2 = (x3 − y) σ(w1x1) and ∂l/∂w1 = (x3 − y) w2 σ′(w1x1) x1 (σ = tanh and logistic).',
  method: `The closed forms against graph backprop at ${DRAWS / 2} random draws for each σ, and against central finite differences.`,
  run(ctx) {
    const rng = ctx.rng();
    const w = nonlinear(rng, (s, { x1, w1, w2, y }, r) => {
      const x3 = w2 * s.f(w1 * x1);
      const fd = gradientCentral((p) => 0.5 * (y - p[1] * s.f(p[0] * x1)) ** 2, [w1, w2]);
      const closed = [(x3 - y) * w2 * s.df(w1 * x1) * x1, (x3 - y) * s.f(w1 * x1)];
      const floor = 1e-4 * Math.max(1, r.loss);
      return [[r.grad.w1, closed[0], floor], [r.grad.w2, closed[1], floor], [fd[0], closed[0], floor], [fd[1], closed[1], floor]];
    });
    return agreement('closed forms (d)', 'backprop and central differences', w, 'max relative difference (floor 1e-4·max(1, l))', 1e-6, `backprop: a few ulp; ${FD_REASON}`);
  },
};

/** ∂l/∂x2 of the nonlinear chain: printed (x3 − y) w2 σ′(w1x1) w1 against backprop's ∂l/∂x2. */
function x2Claim(id: string, question: string, sigmas: Activation[], printedText: string): Claim {
  return {
    id, source: 'chain', question,
    statement: `∂l/∂x2 = (x3 − y) w2 (x3 = w2 x2 whatever σ); the document prints ${printedText}, which is ∂l/∂x1.`,
    method: `Backprop's ∂l/∂x2 and ∂l/∂x1 at ${DRAWS} random draws (${sigmas.map((s) => s.name).join(', ')}; |w1x1| > 0.01 so that the ReLU is away from its kink), against the printed and the corrected formula.`,
    run(ctx) {
      const rng = ctx.rng();
      let printedErr = 0, correctErr = 0, isDx1 = 0, k = 0;
      while (k < DRAWS) {
        const sigma = sigmas[k % sigmas.length];
        const { x1, w1, w2, y } = draw(rng);
        if (Math.abs(w1 * x1) < 0.01) continue;
        k++;
        const r = backward(chain(sigma), { w1, w2 }, [x1], y, squaredHalf);
        const x3 = r.x['3'];
        const printed = (x3 - y) * w2 * sigma.df(w1 * x1) * w1;
        printedErr = Math.max(printedErr, rel(r.dx['2'], printed));
        correctErr = Math.max(correctErr, rel(r.dx['2'], (x3 - y) * w2));
        isDx1 = Math.max(isDx1, rel(r.dx['1'], printed));
      }
      const reason = 'backprop and the formula: the same products in another order, a few ulp relative to max(|value|, 1e-4)';
      const res = documentCheck(
        agreement(`printed ${printedText}`, `backprop ∂l/∂x2, ${DRAWS} draws`, printedErr, 'max relative difference', 1e-12, reason),
        agreement('(x3 − y) w2', `backprop ∂l/∂x2, ${DRAWS} draws`, correctErr, 'max relative difference', 1e-12, reason),
      );
      return { ...res, details: `${res.details ?? ''}; the printed formula equals backprop's ∂l/∂x1 to ${isDx1.toExponential(1)}` };
    },
  };
}
const dX2 = x2Claim('chain-d-x2', '(d)', SIGMAS, '(x3 − y) w2 σ′(w1x1) w1');

// ---- (d), ReLU
const relu = activations.relu;
const reluGrad: Claim = {
  id: 'chain-d-relu-w', source: 'chain', question: '(d) ReLU',
  statement: 'With σ = ReLU: ∂l/∂w2 = (x3 − y) max(0, w1x1) and ∂l/∂w1 = (x3 − y) w2 f(w1x1) x1, f = 1 if w1x1 > 0 else 0; the document ends ∂l/∂w1 in w1 instead of x1.',
  method: `Backprop's ∂l/∂w1 and ∂l/∂w2 at ${DRAWS} random draws with w1x1 > 0.01 (the unit on: where the two endings differ), against the printed and the corrected formula.`,
  run(ctx) {
    const rng = ctx.rng(), net = chain(relu);
    let printedErr = 0, correctErr = 0, k = 0;
    while (k < DRAWS) {
      const { x1, w1, w2, y } = draw(rng);
      if (!(w1 * x1 > 0.01)) continue;
      k++;
      const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
      const x3 = r.x['3'];
      printedErr = Math.max(printedErr, rel(r.grad.w1, (x3 - y) * w2 * 1 * w1));
      correctErr = Math.max(correctErr, rel(r.grad.w1, (x3 - y) * w2 * 1 * x1), rel(r.grad.w2, (x3 - y) * Math.max(0, w1 * x1)));
    }
    const reason = 'the same products in another order: a few ulp relative to max(|value|, 1e-4)';
    return documentCheck(
      agreement('printed (x3 − y) w2 f(w1x1) w1', `backprop ∂l/∂w1, ${DRAWS} draws`, printedErr, 'max relative difference', 1e-12, reason),
      agreement('(x3 − y) w2 f(w1x1) x1 and (x3 − y) max(0, w1x1)', `backprop ∂l/∂w1, ∂l/∂w2, ${DRAWS} draws`, correctErr, 'max relative difference', 1e-12, reason),
    );
  },
};
const reluX2 = x2Claim('chain-d-relu-x2', '(d) ReLU', [relu], '(x3 − y) w2 f(w1x1) w1');

const DEAD = { w1: -0.8, w2: 0.7 };
const reluDead: Claim = {
  id: 'chain-d-relu-dead', source: 'chain', question: '(d) ReLU',
  statement: 'When x1 and w1 have opposite signs the ReLU is off and BOTH gradients vanish (∂l/∂w2 = (x3 − y)·max(0, w1x1) = 0 too, not only ∂l/∂w1): gradient descent never moves.',
  method: `Backprop at ${DRAWS} random draws with x1 w1 < 0, and 1000 steps of gradientDescent (η = 0.2) from x1 = 1.5, w = (−0.8, 0.7), y = 2.`,
  run(ctx) {
    const rng = ctx.rng(), net = chain(relu);
    let nonzero = 0, k = 0;
    while (k < DRAWS) {
      const { x1, w1, w2, y } = draw(rng);
      if (!(w1 * x1 < 0)) continue;
      k++;
      const r = backward(net, { w1, w2 }, [x1], y, squaredHalf);
      if (r.grad.w1 !== 0 || r.grad.w2 !== 0) nonzero++;
    }
    const run = gradientDescent({ objective: graphObjective(net, [{ input: [X1], target: Y }], squaredHalf), params: DEAD, learningRate: 0.2, steps: 1000, record: 'loss' });
    const stuck = run.params.w1 === DEAD.w1 && run.params.w2 === DEAD.w2 && run.loss === 0.5 * Y * Y;
    return fact(`∂l/∂w1 = ∂l/∂w2 = 0 in ${DRAWS} of ${DRAWS} draws; weights frozen`, `nonzero in ${nonzero} draws; after 1000 steps w = (${run.params.w1}, ${run.params.w2}), l = ${run.loss}`,
      nonzero === 0 && stuck, 'exact zeros: relu(z) = relu′(z) = 0 for z < 0, so both products are exactly 0 and the weights bit-identical');
  },
};

const reluRecover: Claim = {
  id: 'chain-d-relu-recover', source: 'chain', question: '(d) ReLU',
  statement: 'The remedy the document proposes works: from the same dead start, tanh and logistic chains learn (l → 0), their σ′ being nonzero everywhere.',
  method: 'gradientDescent (η = 0.2, up to 5000 steps, stop when max|∇l| ≤ 1e-10) from x1 = 1.5, w = (−0.8, 0.7), y = 2, for σ = tanh and logistic.',
  run() {
    const runs = SIGMAS.map((s) => gradientDescent({ objective: graphObjective(chain(s), [{ input: [X1], target: Y }], squaredHalf), params: DEAD, learningRate: 0.2, steps: 5000, tolerance: 1e-10, record: 'loss' }));
    const worst = Math.max(...runs.map((r) => r.loss));
    const hist = runs.map((r, i) => ({ name: SIGMAS[i].name, x: r.history.loss.map((_, t) => t), y: r.history.loss.map((v) => Math.max(v, 1e-30)) }));
    const res: ClaimResult = agreement('l → 0', `final l (${runs.map((r, i) => `${SIGMAS[i].name}: ${r.steps} steps`).join(', ')})`, worst, 'largest final loss', 1e-8,
      'gradient descent stops when max|∇l| ≤ 1e-10; near the minimum l ≈ |∇l|²/(2|w2 σ′ x1|²) ≪ 1e-8', {
        plot: { title: 'Seed 000: from a dead-ReLU start, tanh and logistic chains learn', x: { label: 'step' }, y: { label: 'l', log: true }, series: hist },
      });
    return res;
  },
};

export const claims: Claim[] = [aW2, aW1, b, bFd, c, dW, dX2, reluGrad, reluX2, reluDead, reluRecover];

export const slips: Slip[] = [
  {
    source: 'chain', location: '(a), answer', printed: '"w2 should decrease and w1 should decrease" (whatever w2)',
    correct: '∂l/∂w1 = (x3 − y) w2 x1 has the sign of −w2 there: w1 must increase when w2 > 0 and decrease when w2 < 0', claim: 'chain-a-w1',
  },
  {
    source: 'chain', location: '(a), argument', printed: '"increasing w2 (which will increase the activity of x3) … will help to reduce the loss"',
    correct: 'x2 = w1 x1 < 0, so increasing w2 lowers x3 and raises the loss: w2 must decrease, as the answer (not the argument) says', claim: 'chain-a-w2',
  },
  {
    source: 'chain', location: '(a), argument', printed: '"when w1 > 0, a negative w1 will cause …"', correct: '"when x1 > 0, a negative w1 …" (a typo no number can show)', claim: null,
  },
  {
    source: 'chain', location: '(d)', printed: '∂l/∂x2 = (x3 − y) × w2 × σ′(w1x1) × w1', correct: '∂l/∂x2 = (x3 − y) w2; the printed expression is ∂l/∂x1', claim: 'chain-d-x2',
  },
  {
    source: 'chain', location: '(d), ReLU', printed: '∂l/∂x2 = (x3 − y) × w2 × f(w1x1) × w1', correct: '∂l/∂x2 = (x3 − y) w2 (the printed expression is ∂l/∂x1)', claim: 'chain-d-relu-x2',
  },
  {
    source: 'chain', location: '(d), ReLU', printed: '∂l/∂w1 = (x3 − y) × w2 × f(w1x1) × w1', correct: '∂l/∂w1 = (x3 − y) w2 f(w1x1) x1', claim: 'chain-d-relu-w',
  },
  {
    source: 'chain', location: '(d), ReLU, the problem', printed: '"the gradient w1 will be 0 … the weight w1 will not be updated"',
    correct: 'both gradients vanish (∂l/∂w2 = (x3 − y) max(0, w1x1) = 0 too): neither weight ever moves', claim: 'chain-d-relu-dead',
  },
];
