// Reproduces Gatsby 2021 final exam, question 3 ("3 Coding"), parts 4–6: the joint weighted
// spike-triggered ensemble of two LN Poisson cells, its average (Q3.4), its covariance (Q3.5) and
// how it differs from the simpler n1 + n2 ensemble (Q3.6). The exam prints no solution for Q3;
// every claim below is checked against an independent prediction (Gaussian quadrature, closed
// forms) with a statistical tolerance. Exit code 1 if any verdict fails.
// Run after a build:  cd packages/coding && npx tsc -p tsconfig.build.json && node examples/q4-q6-spike-triggered.mjs
import { createRng } from '@neurobridge/core';
import {
  gaussianStimulus, exponentialCorrelation, lnPoisson, jointWeights, summedWeights, expectedJointWeight,
  spikeTriggeredAverage, spikeTriggeredCovariance, predictSpikeTriggered, principalAngles, orthonormalBasis,
  chiSquareSurvival,
} from '@neurobridge/coding';

let failures = 0;
const check = (label, ok, detail) => {
  if (!ok) failures++;
  console.log(`  [${ok ? 'OK' : 'MISMATCH'}] ${label}${detail ? ` — ${detail}` : ''}`);
};
const deg = (rad) => (rad * 180) / Math.PI;
const dot = (a, b) => a.reduce((s, v, i) => s + v * b[i], 0);
const unit = (D, ...pairs) => { const v = new Float64Array(D); for (let i = 0; i < pairs.length; i += 2) v[pairs[i]] = pairs[i + 1]; const n = Math.sqrt(dot(v, v)); return v.map((x) => x / n); };
const lineAngle = (a, b) => deg(principalAngles([a], [b])[0]);
const f3 = (x) => x.toFixed(3);
/** exact χ²_{D−m} test that the STA lies in span(dirs) (white frames: the orthogonal part is independent of the weights) */
function perpTest(sta, dirs, w) {
  const q = orthonormalBasis(dirs);
  const r = Float64Array.from(sta);
  for (const b of q) { const c = dot(b, r); for (let i = 0; i < r.length; i++) r[i] -= c * b[i]; }
  let s = 0, s2 = 0;
  for (const x of w) { s += x; s2 += x * x; }
  const stat = (dot(r, r) * s * s) / s2, dof = sta.length - q.length;
  return { stat, dof, p: chiSquareSurvival(stat, dof), rmsAngle: deg(Math.atan(Math.sqrt((dof * s2) / (s * s)) / Math.sqrt(dot(sta, sta)))) };
}
/** x with P(χ²_dof > x) = p (bisection) */
function chiSquareQuantile(p, dof) {
  let lo = 0, hi = dof + 20 * Math.sqrt(2 * dof) + 100;
  for (let i = 0; i < 200; i++) { const mid = 0.5 * (lo + hi); if (chiSquareSurvival(mid, dof) > p) lo = mid; else hi = mid; }
  return lo;
}
/**
 * 99.9% bound on the angle between an STC eigenvector and its true direction v (eigenvalue λ,
 * the others ≈ 0): the tilt towards each orthogonal axis e is ΔC_ve/λ with, for white frames,
 * ΔC_ve ~ N(0, Σ w²(v·x)²/(Σw)²) given the weights — exact even for dependent joint weights.
 */
function eigenvectorBound(s, w, v, lambda) {
  let q = 0, W = 0;
  for (let t = 0; t < w.length; t++) if (w[t] > 0) { W += w[t]; q += (w[t] * dot(v, s.data.subarray(t * s.dim, (t + 1) * s.dim))) ** 2; }
  return deg(Math.atan((Math.sqrt(chiSquareQuantile(1e-3, s.dim - 1)) * Math.sqrt(q)) / W / Math.abs(lambda)));
}
const D = 30;
const rng = createRng('gatsby-2021-q3-spike-triggered');

// ---- Q3.4 ------------------------------------------------------------------------------
console.log('Q3.4  Is the joint weighted STA an unbiased estimate of k1 for a 1-D joint LN model?');
console.log('  weights w_t′ = Σ_{d=0}^{L} (n1_{t′−d} n2_{t′} + n1_{t′} n2_{t′−d}) − n1_{t′} n2_{t′}  (all JPSTH pairs served by x_t′)');
console.log('  white x, E[w|x] = F(k1·x)  ⇒  E[w x] = k1 E[z F(z)] (Stein / spherical symmetry): STA ∝ k1, unbiased in direction');
console.log('  iid frames: E[w|x] = f1 f2 + L(r1 f2 + r2 f1), still a function of k1·x when both cells see only k1');
{
  const L = 5, k1 = unit(D, 2, 0.6, 7, 0.8);
  const f1 = (u) => 0.08 * Math.exp(u[0]), f2 = (u) => 0.16 / (1 + Math.exp(-2 * u[0]));
  const F = expectedJointWeight({ rate1: f1, rate2: f2, meanRate1: 0.08 * Math.exp(0.5), meanRate2: 0.08, maxLag: L });
  const predicted = predictSpikeTriggered({ filters: [k1], weight: F }).projected.mean[0];
  console.log(`  f1 = 0.08 e^u, f2 = 0.16 σ(2u), L = ${L}, D = ${D}; quadrature: STA = ${f3(predicted)}·k1`);
  console.log('      T   Σw (pairs)  angle(STA,k1)  rms noise angle  χ²_{D−1} p   STA·k1');
  const angles = [];
  for (const T of [25_000, 100_000, 400_000]) {
    const s = gaussianStimulus({ frames: T, dim: D, rng: rng.substream(`q4-stim-${T}`) });
    const { counts } = lnPoisson({ stimulus: s, cells: [{ filters: [k1], nonlinearity: f1 }, { filters: [k1], nonlinearity: f2 }], rng: rng.substream(`q4-cells-${T}`) });
    const w = jointWeights(counts[0], counts[1], { maxLag: L });
    const r = spikeTriggeredAverage(s, w);
    const t = perpTest(r.sta, [k1], w);
    angles.push({ T, angle: lineAngle(r.sta, k1), rms: t.rmsAngle, p: t.p, along: dot(r.sta, k1) });
    console.log(`  ${String(T).padStart(7)}  ${String(r.totalWeight).padStart(9)}  ${f3(lineAngle(r.sta, k1)).padStart(10)}°  ${f3(t.rmsAngle).padStart(12)}°   ${t.p.toExponential(2).padStart(9)}   ${f3(dot(r.sta, k1))}`);
  }
  check('orthogonal part is pure noise at every T (χ² p > 1e-3)', angles.every((a) => a.p > 1e-3), angles.map((a) => a.p.toExponential(1)).join(', '));
  const ratio = angles[0].angle / angles[2].angle;
  check(`angle error shrinks like 1/√N: 16× the data → ${ratio.toFixed(2)}× smaller (expected ≈ 4)`, ratio > 2 && ratio < 8, `rms noise ${f3(angles[0].rms)}° → ${f3(angles[2].rms)}°`);
  check(`length along k1 = ${f3(angles[2].along)} vs quadrature ${f3(predicted)}`, Math.abs(angles[2].along - predicted) < 0.03);
}
console.log('\n  Correlated stimulus x ~ N(0, Σ), Σ_ij = 0.6^|i−j|: raw STA ∝ Σk (biased), whitened Σ⁻¹·STA ∝ k');
{
  const T = 100_000, sigma = exponentialCorrelation(D, 0.6), k = unit(D, 10, 0.8, 11, -0.6);
  const s = gaussianStimulus({ frames: T, dim: D, covariance: sigma, rng: rng.substream('q4-corr') });
  const { counts } = lnPoisson({ stimulus: s, cells: [{ filters: [k], nonlinearity: (u) => 0.1 * Math.exp(0.8 * u[0]) }], rng: rng.substream('q4-corr-cell') });
  const r = spikeTriggeredAverage(s, counts[0], { whiten: sigma });
  const pred = predictSpikeTriggered({ filters: [k], weight: (u) => Math.exp(0.8 * u[0]), covariance: sigma }).sta;
  console.log(`  angle(raw STA, k) = ${f3(lineAngle(r.sta, k))}°, angle(raw STA, Σk) = ${f3(lineAngle(r.sta, pred))}°, angle(Σ⁻¹·STA, k) = ${f3(lineAngle(r.whitened, k))}°  (Σk is ${f3(lineAngle(pred, k))}° from k)`);
  check('whitening removes the bias', lineAngle(r.whitened, k) < lineAngle(r.sta, k) / 4 && lineAngle(r.sta, pred) < lineAngle(r.sta, k) / 4);
}
console.log('\n  2-D LN function F(k1·x, k2·x) = 0.12 e^{u1}(1 + u2/2)²: STA ∝ E[∂1F] k1 + E[∂2F] k2 = k1 + 0.8 k2 (quadrature)');
{
  const k1 = unit(D, 0, 1), k2 = unit(D, 5, 1, 9, 1), F = (u) => 0.12 * Math.exp(u[0]) * (1 + 0.5 * u[1]) ** 2;
  const pred = predictSpikeTriggered({ filters: [k1, k2], weight: F, gradient: (u) => [F(u), 0.12 * Math.exp(u[0]) * (1 + 0.5 * u[1])] });
  console.log(`  predicted angle(STA, k1) = ${f3(lineAngle(pred.sta, k1))}° (Stein form agrees to ${Math.max(...pred.sta.map((v, i) => Math.abs(v - pred.steinSta[i]))).toExponential(1)})`);
  console.log('      T   angle(STA,k1)  angle(STA,span{k1,k2})  rms noise');
  const rows = [];
  for (const T of [25_000, 200_000]) {
    const s = gaussianStimulus({ frames: T, dim: D, rng: rng.substream(`q4-2d-${T}`) });
    const { counts } = lnPoisson({ stimulus: s, cells: [{ filters: [k1, k2], nonlinearity: F }], rng: rng.substream(`q4-2d-cell-${T}`) });
    const r = spikeTriggeredAverage(s, counts[0]);
    const toSpan = deg(principalAngles([r.sta], [k1, k2])[0]), t = perpTest(r.sta, [k1, k2], counts[0]);
    rows.push({ toK1: lineAngle(r.sta, k1), toSpan, p: t.p });
    console.log(`  ${String(T).padStart(7)}  ${f3(lineAngle(r.sta, k1)).padStart(10)}°  ${f3(toSpan).padStart(18)}°  ${f3(t.rmsAngle).padStart(9)}°`);
  }
  check('angle to k1 stays at the predicted bias (not a noise effect)', rows.every((r) => Math.abs(r.toK1 - lineAngle(pred.sta, k1)) < 2), rows.map((r) => f3(r.toK1)).join('°, ') + '°');
  check('angle to span{k1, k2} shrinks and is consistent with noise', rows[1].toSpan < rows[0].toSpan && rows.every((r) => r.p > 1e-3));
}

// ---- Q3.5 ------------------------------------------------------------------------------
console.log('\nQ3.5  Can the same weighted ensemble be used for STC? Yes: w ≥ 0 makes it a proper weighted ensemble, and for');
console.log('  Gaussian x, E[w(x − STA)(x − STA)ᵀ]/E[w] − Σ is supported on span K (quadrature: ΔC = A(V − G)Aᵀ).');
console.log('  Caveat: a spike enters several pairs, so neighbouring weights are dependent and Σw overstates the sample size;');
console.log('  the null must keep that dependence: circular shifts of the whole weight sequence (by > L bins).');
{
  const T = 100_000, L = 3, k = unit(D, 4, 0.6, 13, -0.8);
  const f1 = (u) => 0.08 * (0.2 + u[0] * u[0]), f2 = (u) => 0.16 * Math.cosh(0.8 * u[0]) - 0.08;
  const s = gaussianStimulus({ frames: T, dim: D, rng: rng.substream('q5-stim') });
  const { counts } = lnPoisson({ stimulus: s, cells: [{ filters: [k], nonlinearity: f1 }, { filters: [k], nonlinearity: f2 }], rng: rng.substream('q5-cells') });
  const w = jointWeights(counts[0], counts[1], { maxLag: L });
  const r = spikeTriggeredCovariance(s, w, { shuffles: 200, maxLag: L, quantile: 0.005, rng: rng.substream('q5-shuffles') });
  const F = expectedJointWeight({ rate1: f1, rate2: f2, meanRate1: 0.08 * 1.2, meanRate2: 0.16 * Math.exp(0.32) - 0.08, maxLag: L });
  const pred = predictSpikeTriggered({ filters: [k], weight: F });
  const spikes = counts[0].reduce((a, b) => a + b, 0) + counts[1].reduce((a, b) => a + b, 0);
  let kck = 0;
  for (let i = 0; i < D; i++) for (let j = 0; j < D; j++) kck += k[i] * r.covariance[i * D + j] * k[j];
  console.log(`  even nonlinearities f1 = 0.08(0.2 + u²), f2 = 0.16 cosh(0.8u) − 0.08, L = ${L}, T = ${T}, D = ${D}`);
  console.log(`  Σw = ${r.totalWeight} pairs from ${spikes} spikes; Kish N_eff = ${r.effectiveCount.toFixed(0)}`);
  console.log(`  |STA|² = ${r.sta.reduce((a, v) => a + v * v, 0).toExponential(2)} vs shuffle 99.5% quantile ${r.null.staUpper.toExponential(2)} → STA significant: ${r.staSignificant}`);
  console.log(`  eigenvalues: top ${f3(r.eigenvalues[0])}, next ${f3(r.eigenvalues[1])}, bottom ${f3(r.eigenvalues[D - 1])}; null [${f3(r.null.lower)}, ${f3(r.null.upper)}] (q = 0.005, 200 shifts)`);
  const bound = eigenvectorBound(s, w, k, kck);
  console.log(`  predicted eigenvalue (quadrature) ${f3(pred.eigenvalues[0])}, measured kᵀΔCk ${f3(kck)}; angle(eigenvector, k) = ${f3(lineAngle(r.eigenvectors[0], k))}° (99.9% noise bound ${f3(bound)}°)`);
  check('STA misses k (not significant) while the STC finds exactly one direction, along k', !r.staSignificant && r.significant.length === 1 && lineAngle(r.significant[0].vector, k) < bound);
  check('eigenvalue matches the prediction within 10%', Math.abs(kck - pred.eigenvalues[0]) < 0.1 * pred.eigenvalues[0]);
}

// ---- Q3.6 ------------------------------------------------------------------------------
console.log('\nQ3.6  Simpler ensemble w = n1 + n2: E[w|x] = f1(K1ᵀx) + f2(K2ᵀx) ⇒ subspace span K1 + span K2;');
console.log('  the joint weights are driven by the product f1·f2 (simultaneous pairs) — they can differ.');
{
  const T = 100_000, a = 0.1, k1 = unit(D, 1, 1), k2 = unit(D, 6, 1, 15, 1);
  const sum = k1.map((v, i) => v + k2[i]), diff = k1.map((v, i) => v - k2[i]);
  const s = gaussianStimulus({ frames: T, dim: D, rng: rng.substream('q6-stim') });
  const { counts } = lnPoisson({ stimulus: s, rng: rng.substream('q6-cells'), cells: [{ filters: [k1], nonlinearity: (u) => a * Math.exp(u[0]) }, { filters: [k2], nonlinearity: (u) => a * Math.exp(u[0]) }] });
  const analyse = (label, w, maxLag, predictedF) => {
    const r = spikeTriggeredCovariance(s, w, { shuffles: 100, maxLag, quantile: 0.01, rng: rng.substream(`q6-${label}`) });
    const p = predictSpikeTriggered({ filters: [k1, k2], weight: predictedF });
    const basis = orthonormalBasis([...(r.staSignificant ? [r.sta] : []), ...r.subspace]);
    console.log(`  ${label.padEnd(26)} STA∠(k1+k2) ${f3(lineAngle(r.sta, sum)).padStart(6)}°  top eig ${f3(r.eigenvalues[0])} (predicted ${f3(p.eigenvalues[0])}, null ≤ ${f3(r.null.upper)})  → dim ${basis.length}, principal angles to span{k1,k2}: ${Array.from(principalAngles(basis, [k1, k2]), (x) => f3(deg(x)) + '°').join(', ')}`);
    return { r, basis, p, w };
  };
  console.log('  different: k1 ⊥ k2, f_c = 0.1 e^{k_c·x}; f1 f2 = 0.01 e^{(k1+k2)·x} is a pure shift (no covariance change)');
  const joint0 = analyse('joint, maxLag = 0', jointWeights(counts[0], counts[1], { maxLag: 0 }), 0, (u) => Math.exp(u[0] + u[1]));
  const simple = analyse('simple n1 + n2', summedWeights(counts[0], counts[1]), 0, (u) => Math.exp(u[0]) + Math.exp(u[1]));
  const j0 = perpTest(joint0.r.sta, [sum], joint0.w);
  check('joint (simultaneous pairs) is 1-D: significant STA along k1 + k2, no STC direction', joint0.basis.length === 1 && joint0.r.staSignificant && j0.p > 1e-3, `STA ⟂ (k1 + k2): χ²_${j0.dof} p = ${j0.p.toExponential(2)}`);
  const sb = eigenvectorBound(s, simple.w, diff.map((v) => v * Math.SQRT1_2), 0.5);
  check('simple is the 2-D span{k1, k2}, its eigenvector along k1 − k2 (eigenvalue ½ predicted)', simple.basis.length === 2 && lineAngle(simple.r.subspace[0], diff) < sb && Math.abs(simple.r.eigenvalues[0] - 0.5) < 0.08, `angle to k1 − k2 ${f3(lineAngle(simple.r.subspace[0], diff))}° (bound ${f3(sb)}°)`);
  {
    // power of the joint ensemble's "no eigenvalue": the simple weights thinned (independently of x) to the same Σw
    const keep = joint0.r.totalWeight / simple.r.totalWeight, thin = rng.substream('q6-thin');
    const thinned = summedWeights(counts[0], counts[1]).map((n) => { let m = 0; for (let i = 0; i < n; i++) if (thin.uniform() < keep) m++; return m; });
    const t = analyse('simple, thinned to same Σw', thinned, 0, (u) => Math.exp(u[0]) + Math.exp(u[1]));
    check(`the null result is not for lack of data: the simple ensemble thinned to Σw = ${t.r.totalWeight} still shows k1 − k2`, t.r.subspace.length >= 1 && lineAngle(t.r.subspace[0], diff) < eigenvectorBound(s, t.w, diff.map((v) => v * Math.SQRT1_2), 0.5));
  }
  const L = 5, r1 = a * Math.exp(0.5);
  const Fl = expectedJointWeight({ rate1: (u) => a * Math.exp(u[0]), rate2: (u) => a * Math.exp(u[1]), meanRate1: r1, meanRate2: r1, maxLag: L });
  console.log(`  correction: with lagged pairs and iid frames, E[w|x] = f1 f2 + L(r1 f2 + r2 f1) — the lagged pairs carry each cell's own`);
  console.log(`  rate (weight 2L : 1 here), so the joint ensemble is again a mixture and its subspace is span{k1, k2} (eigenvalue (2L/(2L+1))·½ = ${f3(L / (2 * L + 1))}):`);
  const jointL = analyse(`joint, maxLag = ${L}`, jointWeights(counts[0], counts[1], { maxLag: L }), L, Fl);
  check('joint with lags (iid frames) turns 2-D, eigenvalue as predicted', jointL.basis.length === 2 && Math.abs(jointL.r.eigenvalues[0] - jointL.p.eigenvalues[0]) < 0.08);
  console.log('  same: both cells share the filter (common drive, K1 = K2 = k), generic nonlinearities → both give span{k}');
  const k = unit(D, 3, 0.6, 8, 0.8);
  const { counts: c } = lnPoisson({ stimulus: s, rng: rng.substream('q6-same'), cells: [{ filters: [k], nonlinearity: (u) => 0.08 * (1 + u[0] * u[0]) }, { filters: [k], nonlinearity: (u) => 0.08 * Math.exp(0.7 * u[0]) }] });
  const same = [['joint, maxLag = 2', jointWeights(c[0], c[1], { maxLag: 2 }), 2], ['simple n1 + n2', summedWeights(c[0], c[1]), 0]].map(([label, w, lag]) => {
    const r = spikeTriggeredCovariance(s, w, { shuffles: 100, maxLag: lag, quantile: 0.01, rng: rng.substream(`q6-same-${label}`) });
    const t = perpTest(r.sta, [k], w);
    const eig = r.significant.map((d) => ({ angle: lineAngle(d.vector, k), bound: eigenvectorBound(s, w, k, d.value) }));
    console.log(`  ${label.padEnd(26)} STA significant ${r.staSignificant}, ∠(STA, k) ${f3(lineAngle(r.sta, k))}° (χ² p = ${t.p.toExponential(2)}); STC: ${eig.map((e) => `${f3(e.angle)}° from k (bound ${f3(e.bound)}°)`).join(', ')}`);
    return r.staSignificant && t.p > 1e-3 && eig.length === 1 && eig[0].angle < eig[0].bound;
  });
  check('both ensembles recover the same 1-D subspace span{k}', same.every(Boolean));
}

console.log(`\n${failures === 0 ? 'All verdicts OK' : `${failures} verdict(s) failed`}`);
process.exit(failures === 0 ? 0 : 1);
