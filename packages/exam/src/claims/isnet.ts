// Seed 001: two inputs, hidden units 3, 4, 5 (σ = logistic) with hidden-to-hidden links 3 → 4 and
// 3 → 5, output 6 with ρ(z) = z² and the Itakura–Saito loss L(x, t) = t/x − ln(t/x) − 1. Each answer
// (a)–(d) against the graph backprop of @neurobridge/learn at random weights, inputs and targets; every
// parameter's gradient against central finite differences.
import { activations, type Rng } from '@neurobridge/core';
import { backward, gradientCheck, graphNetwork, itakuraSaito } from '@neurobridge/learn';
import { documentCheck } from '../judge.js';
import type { Claim, ClaimResult, Slip } from '../types.js';
import { agreement } from './learnShared.js';

const sigma = activations.sigmoid;
const net = graphNetwork({
  inputs: ['1', '2'],
  nodes: [{ name: '3', activation: sigma }, { name: '4', activation: sigma }, { name: '5', activation: sigma }, { name: '6', activation: activations.square }],
  links: [['1', '3'], ['2', '3'], ['1', '4'], ['2', '4'], ['3', '4'], ['1', '5'], ['2', '5'], ['3', '5'], ['3', '6'], ['4', '6'], ['5', '6']],
});
const DRAWS = 100;
/** |z6| above this: the loss t/z6² stays below 200·t and its derivatives well scaled */
const Z6_MIN = 0.1;

type Draw = { p: Record<string, number>; input: number[]; t: number; r: ReturnType<typeof backward> };
/** Random weights and inputs (normal), target t ∈ (0.1, 2.1), keeping draws with |z6| > Z6_MIN. */
function draws(rng: Rng, n = DRAWS): Draw[] {
  const out: Draw[] = [];
  while (out.length < n) {
    const p = Object.fromEntries(net.parameters.map((k) => [k, rng.normal()]));
    const input = [rng.normal(), rng.normal()], t = 0.1 + 2 * rng.uniform();
    const r = backward(net, p, input, t, itakuraSaito);
    if (Math.abs(r.z['6']) > Z6_MIN) out.push({ p, input, t, r });
  }
  return out;
}
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const dLdz6 = (z6: number, t: number) => (2 * (z6 * z6 - t)) / z6 ** 3;
const ROUNDING = 'backprop forms δ6 = ρ′(z6)·∂L/∂x6 = 2z6·(x6 − t)/x6², the closed form 2(z6² − t)/z6³: the same quantity by another path, a few ulp (1e-12 allows for the cancellation in z6² − t)';
const CONDITION = `random weights and inputs N(0, 1), t uniform in (0.1, 2.1), draws with |z6| > ${Z6_MIN} (the loss is singular at z6 = 0)`;

function closedForm(id: string, question: string, statement: string, what: string, pick: (d: Draw) => [number, number]): Claim {
  return {
    id, source: 'isnet', question, statement,
    method: `The closed form against graph backprop's ${what} at ${DRAWS} draws: ${CONDITION}.`,
    run(ctx) {
      let worst = 0;
      for (const d of draws(ctx.rng())) worst = Math.max(worst, rel(...pick(d)));
      return agreement('closed form', `backprop ${what}, ${DRAWS} draws`, worst, 'max relative difference', 1e-12, ROUNDING);
    },
  };
}

const a = closedForm('isnet-a', '(a)', '∂L/∂z6 = 2/z6 − 2t/z6³ = 2(z6² − t)/z6³ for L = t/x6 − ln(t/x6) − 1, x6 = z6².', 'δ6 = ∂L/∂z6',
  ({ r, t }) => [r.delta['6'], dLdz6(r.z['6'], t)]);

const aLn: Claim = {
  id: 'isnet-a-ln', source: 'isnet', question: '(a)',
  statement: 'L = t/z6² − ln(t/z6²) − 1 = t/z6² − ln t + 2 ln|z6| − 1: the document writes 2 ln(z6), undefined for z6 < 0 (the derivative 2/z6 − 2t/z6³ holds for either sign).',
  method: `The printed and the corrected expansion against the loss backprop evaluates, L(x6, t) at x6 = z6², at ${DRAWS} draws (${CONDITION}; about half have z6 < 0).`,
  run(ctx) {
    let printed = 0, correct = 0, negative = 0;
    for (const { r, t } of draws(ctx.rng())) {
      const z6 = r.z['6'];
      if (z6 < 0) negative++;
      const printedL = t / z6 ** 2 - Math.log(t) + 2 * Math.log(z6) - 1; // NaN for z6 < 0
      const correctL = t / z6 ** 2 - Math.log(t) + 2 * Math.log(Math.abs(z6)) - 1;
      const e = (v: number) => Math.abs(v - r.loss) / Math.max(1, r.loss);
      printed = Math.max(printed, Number.isNaN(printedL) ? Infinity : e(printedL));
      correct = Math.max(correct, e(correctL));
    }
    const reason = 'the expansion rearranges t/x − ln(t/x) − 1: a few ulp of max(1, L)';
    const res = documentCheck(
      agreement('printed t/z6² − ln t + 2 ln z6 − 1', `L by backprop, ${DRAWS} draws`, printed, 'max relative difference (∞ where NaN)', 1e-12, reason),
      agreement('t/z6² − ln t + 2 ln|z6| − 1', `L by backprop, ${DRAWS} draws`, correct, 'max relative difference', 1e-12, reason),
    );
    return { ...res, details: `${res.details ?? ''}; ${negative} of ${DRAWS} draws have z6 < 0` };
  },
};

const b = closedForm('isnet-b', '(b)', 'The update of w46: w46 ← w46 − k ∂L/∂w46 with ∂L/∂w46 = ∂L/∂z6 · x4 = 2x4(z6² − t)/z6³.', '∂L/∂w46',
  ({ r, t }) => [r.grad.w46, (2 * r.x['4'] * (r.z['6'] ** 2 - t)) / r.z['6'] ** 3]);

const c = closedForm('isnet-c', '(c)', 'The update of b6: b6 ← b6 − k ∂L/∂b6 with ∂L/∂b6 = ∂L/∂z6 = 2(z6² − t)/z6³.', '∂L/∂b6',
  ({ r, t }) => [r.grad.b6, dLdz6(r.z['6'], t)]);

const d = closedForm('isnet-d', '(d)', '∂L/∂z3 = 2(z6² − t)/z6³ · σ′(z3)(w36 + w34 w46 σ′(z4) + w35 w56 σ′(z5)), through the direct link 3 → 6 and the paths 3 → 4 → 6, 3 → 5 → 6.', 'δ3 = ∂L/∂z3',
  ({ r, p, t }) => {
    const ds = (j: string) => sigma.df(r.z[j]);
    return [r.delta['3'], dLdz6(r.z['6'], t) * ds('3') * (p.w36 + p.w34 * p.w46 * ds('4') + p.w35 * p.w56 * ds('5'))];
  });

const dDz6: Claim = {
  id: 'isnet-d-dz6', source: 'isnet', question: '(d)',
  statement: 'The ∂L/∂z6 that (d) quotes "from (a)" is 2(z6² − t)/z6³; (d) prints 2(z6² − t)/z6², one power of z6 short (its final result uses z6³).',
  method: `Backprop's δ6 at ${DRAWS} draws (${CONDITION}) against the quoted and the corrected expression.`,
  run(ctx) {
    let printed = 0, correct = 0, smallest = Infinity;
    for (const { r, t } of draws(ctx.rng())) {
      const z6 = r.z['6'];
      const e = rel(r.delta['6'], (2 * (z6 * z6 - t)) / z6 ** 2);
      printed = Math.max(printed, e);
      smallest = Math.min(smallest, e);
      correct = Math.max(correct, rel(r.delta['6'], dLdz6(z6, t)));
    }
    const res: ClaimResult = documentCheck(
      agreement('printed 2(z6² − t)/z6²', `backprop δ6, ${DRAWS} draws`, printed, 'max relative difference', 1e-12, ROUNDING),
      agreement('2(z6² − t)/z6³', `backprop δ6, ${DRAWS} draws`, correct, 'max relative difference', 1e-12, ROUNDING),
    );
    return { ...res, details: `${res.details ?? ''}; the printed one is off by the factor z6 (smallest relative discrepancy over the draws ${smallest.toFixed(3)})` };
  },
};

const fd: Claim = {
  id: 'isnet-fd', source: 'isnet', question: '(a)–(d)',
  statement: 'Backprop through the hidden-to-hidden links is right: every ∂L/∂θ of the 15 parameters equals central finite differences.',
  method: `gradientCheck (backprop against core's central differences, relative error with the floor 1e-4·max(1, L)) at ${DRAWS / 2} draws: ${CONDITION}.`,
  run(ctx) {
    let worst = 0, where = '';
    for (const { p, input, t } of draws(ctx.rng(), DRAWS / 2)) {
      const gc = gradientCheck((q) => { const r = backward(net, q, input, t, itakuraSaito); return { loss: r.loss, grad: r.grad }; }, p);
      if (gc.maxRelativeError > worst) { worst = gc.maxRelativeError; where = gc.worst; }
    }
    return agreement('backprop', `central differences, ${DRAWS / 2} draws`, worst, `max relative error (worst parameter ${where})`, 1e-5,
      `central differences with h ≈ 6e-6·max(1, |θ|): truncation h²|L‴|/6 with |L‴| ≲ 24t/|z6|⁵ relative to |∂L/∂z6| ≈ 2t/|z6|³ gives ≲ 1e-8 for |z6| > ${Z6_MIN}; rounding of L, a few ulp of max(t/x, L) per evaluation (t/x and ln(t/x) cancel), divided by 2h and by the floor 1e-4·max(1, L): ≲ 1e-6 (20 report seeds: ≤ 6e-7)`);
  },
};

export const claims: Claim[] = [a, aLn, b, c, d, dDz6, fd];

export const slips: Slip[] = [
  { source: 'isnet', location: '(a), definition of the loss', printed: 'L(x, t) = t/x − ln(t/n) − 1', correct: 'L(x, t) = t/x − ln(t/x) − 1 (n for x: a typo no number can show; the solution uses t/x)', claim: null },
  { source: 'isnet', location: '(a), solution', printed: '… − ln(t) + 2 ln(z6) − 1', correct: '2 ln|z6| (undefined for z6 < 0 as printed; the derivative is unaffected)', claim: 'isnet-a-ln' },
  { source: 'isnet', location: '(d), "From (a), we have"', printed: '∂L/∂z6 = 2(z6² − t)/z6²', correct: '2(z6² − t)/z6³, as (a) derives and (d)\'s final formula uses', claim: 'isnet-d-dz6' },
];
