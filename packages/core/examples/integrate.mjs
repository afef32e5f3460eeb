// Two results of the integration layer against their closed forms.
// Run after a build:  cd packages/core && npx tsc -p tsconfig.build.json && node examples/integrate.mjs
import { integrate } from '@neurobridge/core';

// 1. y' = 1 − y, y(0) = 0, so y = 1 − e^{−t}: the event y = 1/2 happens at t = ln 2.
const r1 = integrate((_t, y, d) => void (d[0] = 1 - y[0]), 0, [0], 1, {
  rtol: 1e-13,
  atol: 1e-15,
  events: [{ value: (_t, y) => y[0] - 0.5, terminal: true }],
});
const te = r1.events[0].t;
console.log(`event 1 − e^(−t) = 1/2: t = ${te.toPrecision(17)}, ln 2 = ${Math.LN2.toPrecision(17)}, error ${(te - Math.LN2).toExponential(2)}`);

// 2. Leaky integrator du/dt = (I − u)/tau with reset u → 0 at u = theta: spikes at k·T,
//    T = tau·ln(I/(I − theta)).
const tau = 10;
const I = 1.5;
const theta = 1;
const T = tau * Math.log(I / (I - theta));
const r2 = integrate((_t, u, d) => void (d[0] = (I - u[0]) / tau), 0, [0], 1000.5 * T, {
  rtol: 1e-10,
  atol: 1e-12,
  events: [{ value: (_t, u) => u[0] - theta, direction: 1, affect: (_t, u) => void (u[0] = 0) }],
});
console.log(`leaky integrator: ${r2.events.length} resets (${r2.status}), period T = tau·ln(I/(I − theta)) = ${T}`);
for (const k of [1, 2, 10, 100, 1000]) {
  const tk = r2.events[k - 1].t;
  console.log(`  spike ${String(k).padStart(4)}: t = ${tk.toFixed(10).padStart(16)}   k·T = ${(k * T).toFixed(10).padStart(16)}   relative error ${((tk - k * T) / (k * T)).toExponential(2)}`);
}
console.log(`  stats: ${JSON.stringify(r2.stats)}`);
