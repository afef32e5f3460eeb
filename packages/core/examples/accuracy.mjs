// Accuracy and cost figures quoted in README.md, measured against independent references.
// Run after a build: node examples/accuracy.mjs   (from packages/core)
import { readFileSync } from 'node:fs';
import { brent, erfFn, expectNormal, expectNormalAdaptive, gaussHermite } from '@neurobridge/core';

const EPS = Number.EPSILON;
const fixture = (name) => JSON.parse(readFileSync(new URL(`../test/fixtures/${name}`, import.meta.url), 'utf8'));

// 1. erfFn vs mpmath (40 digits, rounded to double)
const erfFx = fixture('erf.json');
let worst = 0, at = 0;
for (const [xs, ys] of erfFx.points) {
  const x = Number(xs), y = Number(ys);
  const e = y === 0 ? Math.abs(erfFn(x)) : Math.abs(erfFn(x) - y) / Math.abs(y);
  if (e > worst) [worst, at] = [e, x];
}
console.log(`erfFn: max relative error ${(worst / EPS).toFixed(2)} ε over ${erfFx.points.length} points (at x = ${at.toFixed(4)}); reference ${erfFx.tool}`);

// 2. Gauss–Hermite nodes/weights vs mpmath, and moments E[z^{2k}] = (2k−1)!! (BigInt reference)
const ghFx = fixture('gauss-hermite.json');
let wNode = 0, wWeight = 0;
for (const [n, ref] of Object.entries(ghFx.rules)) {
  const { nodes, weights } = gaussHermite(Number(n));
  ref.nodes.forEach((s, i) => { if (Number(s) !== 0 && Math.abs(Number(s)) > 1e-30) wNode = Math.max(wNode, Math.abs(nodes[i] - Number(s)) / Math.abs(Number(s))); });
  ref.weights.forEach((s, i) => { wWeight = Math.max(wWeight, Math.abs(weights[i] - Number(s)) / Number(s)); });
}
console.log(`gaussHermite vs mpmath (n = ${Object.keys(ghFx.rules).join(', ')}): nodes ${(wNode / EPS).toFixed(2)} ε, weights ${(wWeight / EPS).toFixed(2)} ε (max relative)`);
const dfact = (k) => { let b = 1n; for (let j = 2n * BigInt(k) - 1n; j > 1n; j -= 2n) b *= j; return Number(b); };
console.log('order | build ms | max rel. error of E[z^2k], 2k ≤ min(2n−1, 300) | at degree');
for (const n of [10, 20, 64, 128, 200, 300, 500, 1000, 2000]) {
  const t0 = performance.now();
  const { nodes, weights } = gaussHermite(n);
  const ms = performance.now() - t0;
  let w = 0, deg = 0;
  for (let k = 0; 2 * k <= Math.min(2 * n - 1, 300); k++) {
    let s = 0;
    for (let i = 0; i < n; i++) { const xk = Math.abs(nodes[i]) ** k; s += weights[i] * xk * xk; }
    const e = Math.abs(s - dfact(k)) / dfact(k);
    if (e > w) [w, deg] = [e, 2 * k];
  }
  console.log(`${String(n).padStart(5)} | ${ms.toFixed(1).padStart(8)} | ${w.toExponential(2).padStart(10)} | ${deg}`);
}

// 3. expectNormalAdaptive on a kink, with and without the breakpoint (Φ(c) by erfFn)
const Phi = (x) => 0.5 * (1 + erfFn(x / Math.SQRT2));
for (const c of [0, 0.3, -1.1]) {
  const step = (z) => (z > c ? 1 : 0);
  const exact = 1 - Phi(c);
  const a = expectNormalAdaptive(step, { breakpoints: [c] });
  const b = expectNormalAdaptive(step);
  const g = expectNormal(step, 256);
  console.log(`E[1{z > ${c}}]: breakpoint err ${Math.abs(a.value - exact).toExponential(1)} (${a.evaluations} calls); ` +
    `none: ${b.method} err ${Math.abs(b.value - exact).toExponential(1)} est ${b.error.toExponential(1)} (${b.evaluations} calls); Gauss–Hermite 256 err ${Math.abs(g - exact).toExponential(1)}`);
}

// 4. brent: evaluations on a few standard problems
for (const [name, f, a, b] of [['cos x − x', (x) => Math.cos(x) - x, 0, 1], ['x³ − 2', (x) => x ** 3 - 2, 0, 2], ['e^x − 5', (x) => Math.exp(x) - 5, 0, 4], ['step at √2', (x) => (x < Math.SQRT2 ? -1 : 1), 0, 3]]) {
  let calls = 0;
  const x = brent((t) => (calls++, f(t)), a, b);
  console.log(`brent ${name} on [${a}, ${b}]: x = ${x}, ${calls} evaluations`);
}
