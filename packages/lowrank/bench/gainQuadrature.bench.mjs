// Decision record for the quadrature behind gain(φ, a) = E[φ'(a z)] (Gatsby 2021 Q2 Eq. 9):
// lowrank's adaptive Gauss–Kronrod 7/15 (gaussianExpectation, panel edges at z = ±b/a) against
// core's expectNormalAdaptive (Gauss–Hermite doubling; adaptive Gauss–Legendre 10/20 panels when
// breakpoints are given). Accuracy against an independent reference (composite trapezoid rule,
// spectrally accurate for these analytic, rapidly decaying integrands, with step 1e-3/max(1, a)
// on |z| ≤ 10), time per call with tinybench, all in the same run.
// Run after a build:  pnpm --filter @neurobridge/core --filter @neurobridge/lowrank build
//                     node packages/lowrank/bench/gainQuadrature.bench.mjs
import { Bench } from 'tinybench';
import { activations, defineActivation, erfFn, expectNormalAdaptive } from '@neurobridge/core';
import { gain, gaussianExpectation } from '@neurobridge/lowrank';

const { tanh, sigmoid } = activations;
// A user φ with a kink at 0 and at x = 1 (φ' jumps there): leaky-clipped ramp.
const kinked = defineActivation({
  name: 'kinked',
  f: (x) => (x < 0 ? 0.1 * x : x < 1 ? x : 1 + 0.2 * (x - 1)),
  df: (x) => (x < 0 ? 0.1 : x < 1 ? 1 : 0.2),
  d2f: () => 0,
});
const breakpointsFor = (a) => {
  const points = [0, -1, 1, -2, 2, -4, 4];
  for (const b of [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64]) points.push(b / a, -b / a);
  return points;
};

function reference(g, a) {
  const h = 1e-3 / Math.max(1, a);
  const n = Math.ceil(10 / h);
  let s = 0;
  for (let k = -n; k <= n; k++) {
    const z = k * h;
    s += (k === -n || k === n ? 0.5 : 1) * g(z) * Math.exp(-0.5 * z * z);
  }
  return (s * h) / Math.sqrt(2 * Math.PI);
}

const methods = {
  'lowrank GK15 (gain)': (phi, a) => gaussianExpectation((z) => phi.df(a * z), { breakpoints: breakpointsFor(a) }),
  'core adaptive, no breakpoints': (phi, a) => expectNormalAdaptive((z) => phi.df(a * z)),
  'core adaptive, gain breakpoints': (phi, a) => expectNormalAdaptive((z) => phi.df(a * z), { breakpoints: breakpointsFor(a) }),
};

const as = [0.1, 0.5, 1, 2, 5, 20, 100];
const rows = [];
for (const phi of [tanh, sigmoid, kinked]) {
  for (const a of as) {
    // the trapezoid rule is not spectral across a jump, so `kinked` gets its closed form:
    // E = 0.1·Φ(0) + (Φ(1/a) − Φ(0)) + 0.2·(1 − Φ(1/a)), Φ(x) = (1 + erf(x/√2))/2
    const Phi = (x) => 0.5 * (1 + erfFn(x / Math.SQRT2));
    const ref = phi === kinked ? 0.05 + (Phi(1 / a) - 0.5) + 0.2 * (1 - Phi(1 / a)) : reference((z) => phi.df(a * z), a);
    const row = { phi: phi.name, a };
    for (const [name, m] of Object.entries(methods)) {
      const r = m(phi, a);
      row[name + ' |err|'] = Math.abs(r.value - ref).toExponential(1);
      row[name + ' evals'] = r.evaluations ?? r.panels * 15;
      row[name + ' conv'] = r.converged;
    }
    rows.push(row);
  }
}
console.log('accuracy against the trapezoid reference (evaluations of φ\')');
console.table(rows);

const bench = new Bench({ time: 400, warmupTime: 100 });
for (const a of [0.5, 2, 20]) {
  for (const [name, m] of Object.entries(methods)) bench.add(`${name} tanh a=${a}`, () => m(tanh, a));
}
bench.add('gain(tanh, 2) as shipped', () => gain(tanh, 2));
await bench.run();
const base = bench.tasks.find((t) => t.name === 'lowrank GK15 (gain) tanh a=2').result.latency.p50;
console.log('time per call (median), ratio to lowrank GK15 at a = 2');
console.table(bench.tasks.map((t) => ({ task: t.name, 'median ms': t.result.latency.p50.toFixed(4), ratio: (t.result.latency.p50 / base).toFixed(2) })));
