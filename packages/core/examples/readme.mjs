// The README example: Gatsby 2021 Q2 (low-rank network), Eqs. (7), (9), (10), with core numerics.
// Run after a build: node examples/readme.mjs   (from packages/core)
import { brent, erf, expectNormal, expectNormalAdaptive, symmetricEigen, tanh } from '@neurobridge/core';

// Eq. (9): gain f(|m|) = E[φ'(|m| z)], z ~ N(0, 1), here φ = tanh
const gain = (r) => expectNormal((z) => tanh.df(r * z), 256);
// Eq. (7), Gaussian integration by parts: E[z φ(z)] = E[φ'(z)]
console.log(expectNormal((z) => z * Math.tanh(z), 256), gain(1)); // 0.605705509602159 0.6057055096021592
// closed form for φ = erf: E[erf'(r z)] = (2/√π)/√(1 + 2r²); at r = 2 the integrand is narrow
console.log(expectNormalAdaptive((z) => erf.df(2 * z)).value, 2 / Math.sqrt(Math.PI) / 3); // 0.3761263890318375 0.37612638903183754
// Eq. (10): fixed points m = |m|·v with C v = λ v and λ·f(|m|) = 1 (they exist when λ > 1)
const { values, vectors } = symmetricEigen([[1.5, 0.3], [0.3, 0.8]]);
const r = brent((s) => values[0] * gain(s) - 1, 0, 10);
console.log(values[0], r, Array.from(vectors[0], (v) => r * v)); // 1.6109772228646444 0.9593818223114565 [0.8997898347178065, 0.33285392339606507]
