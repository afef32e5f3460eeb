// The root README's example for @neurobridge/core. Run after `pnpm build`: node examples/tour.mjs
import { integrate, createRng, expectNormal, brent, tanh } from '@neurobridge/core';

// first crossing of u(t) = 1 − e^{−t} through 1/2, located on the dense output: t = ln 2
const rhs = (t, y, dy) => { dy[0] = 1 - y[0]; };
const r = integrate(rhs, 0, [0], 5, { rtol: 1e-12, atol: 1e-12,
  events: [{ value: (t, y) => y[0] - 0.5, direction: 1, terminal: true }] });
console.log(r.status, Math.abs(r.events[0].t - Math.LN2) < 1e-12);   // within the event tolerance
// E[tanh'(z)], z ~ N(0,1), and the root of λ f(a) = 1 for λ = 1.5
const f = (a) => expectNormal((z) => tanh.df(a * z), 256);
console.log(f(0).toFixed(12), brent((a) => 1.5 * f(a) - 1, 1e-9, 10).toFixed(9));
console.log(createRng(42).normals(3).join(' '));              // same seed, same numbers, everywhere
