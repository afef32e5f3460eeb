// A tour of the numerics in @neurobridge/core, each line checked against an independent value.
// Run after a build: node examples/numerics.mjs   (from packages/core)
import {
  brent, createRng, eigen, erfFn, expectNormal, expectNormalAdaptive, findRoots, gaussHermite,
  multivariateNormal, relu, solve, symmetricEigen, tanh,
} from '@neurobridge/core';

const fmt = (x) => x.toExponential(2);

// 1. E[tanh'(z)], z ~ N(0,1): Gauss–Hermite at increasing order vs the adaptive routine.
//    Reference 0.605705509602158825... (mpmath.quad, 30 digits).
const ref = 0.6057055096021588;
console.log("E[tanh'(z)], z ~ N(0,1)   (mpmath: 0.6057055096021588)");
for (const n of [16, 64, 128, 256]) {
  console.log(`  Gauss–Hermite n = ${String(n).padStart(3)}: ${expectNormal(tanh.df, n).toFixed(16)}  error ${fmt(Math.abs(expectNormal(tanh.df, n) - ref))}`);
}
const ad = expectNormalAdaptive(tanh.df);
console.log(`  adaptive (${ad.method}, order ${ad.order}): ${ad.value.toFixed(16)}  estimate ${fmt(ad.error)}, actual ${fmt(Math.abs(ad.value - ref))}`);

// 2. A kink: E[relu'(1.7 z + 0.5)] = Φ(0.5/1.7) = 0.6156659967195957 (mpmath.ncdf).
const kinkRef = 0.6156659967195957;
const step = (z) => relu.df(1.7 * z + 0.5);
const gh = expectNormal(step, 256);
const withBp = expectNormalAdaptive(step, { breakpoints: [-0.5 / 1.7] });
const noBp = expectNormalAdaptive(step);
console.log(`E[relu'(1.7z + 0.5)]   (mpmath: ${kinkRef})`);
console.log(`  Gauss–Hermite n = 256:            error ${fmt(Math.abs(gh - kinkRef))}`);
console.log(`  adaptive, kink as breakpoint:     error ${fmt(Math.abs(withBp.value - kinkRef))} (estimate ${fmt(withBp.error)}, ${withBp.evaluations} calls)`);
console.log(`  adaptive, no breakpoint (${noBp.method}): error ${fmt(Math.abs(noBp.value - kinkRef))} (estimate ${fmt(noBp.error)}, ${noBp.evaluations} calls)`);

// 3. Gauss–Hermite moments: E[z^20] = 19!! = 654729075, order 11 is exact for degree ≤ 21.
const { nodes, weights } = gaussHermite(11);
const m20 = nodes.reduce((s, x, i) => s + weights[i] * x ** 20, 0);
console.log(`E[z^20] by 11-point Gauss–Hermite: ${m20} (19!! = 654729075, relative error ${fmt(Math.abs(m20 / 654729075 - 1))})`);

// 4. Roots: cos x = x (Dottie number 0.7390851332151607), and all roots of sin on [1, 10].
const dottie = brent((x) => Math.cos(x) - x, 0, 1);
console.log(`brent: cos x = x at ${dottie} (known 0.7390851332151607, residual ${fmt(Math.cos(dottie) - dottie)})`);
console.log(`findRoots(sin, 1, 10): ${findRoots(Math.sin, 1, 10).map((x) => (x / Math.PI).toFixed(15) + 'π').join(', ')}`);

// 5. Linear algebra: a seeded random symmetric 50×50 matrix.
const rng = createRng('numerics-example');
const n = 50;
const B = Array.from({ length: n }, () => Array.from(rng.normals(n)));
const S = B.map((row, i) => row.map((_, j) => (B[i][j] + B[j][i]) / 2));
const { values, vectors } = symmetricEigen(S);
let res = 0;
for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) res = Math.max(res, Math.abs(S[i].reduce((s, a, j) => s + a * vectors[k][j], 0) - values[k] * vectors[k][i]));
console.log(`symmetricEigen 50×50: λ_max = ${values[0].toFixed(6)}, max |A v − λ v| = ${fmt(res)}`);
const ge = eigen(B);
console.log(`eigen (general) 50×50: ${ge.im.filter((v) => v > 0).length} complex pairs, largest real part ${ge.re[0].toFixed(6)}`);
const b = Array.from(rng.normals(n));
const x = solve(B, b);
console.log(`solve 50×50: max |b − A x| = ${fmt(Math.max(...b.map((bi, i) => Math.abs(bi - B[i].reduce((s, a, j) => s + a * x[j], 0)))))}`);

// 6. Seeded randomness: bit-identical across runs and platforms.
const r = createRng(42);
console.log(`createRng(42): uniform ${r.uniform()}, normal ${(r.uniform(), r.uniform(), r.normal())}`);
const xs = multivariateNormal(createRng('mvn'), [0, 0], [[1, 0.8], [0.8, 1]], 20000);
const corr = xs.reduce((s, v) => s + v[0] * v[1], 0) / xs.length;
console.log(`multivariateNormal, ρ = 0.8, N = 20000: sample E[x0 x1] = ${corr.toFixed(4)} (SE ${(Math.sqrt((1 + 0.64) / 20000)).toFixed(4)})`);
console.log(`erf(1) = ${erfFn(1)} (A&S: 0.8427007929497149)`);
