// Reproduces Gatsby 2021 final exam, question 3 (coding), claims 1–3: the expected JPSTH of
// two cells for independent Poisson firing, a shared trial gain, and common drive.
// Run after a build:  cd packages/coding && npx tsc -p tsconfig.build.json && node examples/q1-q3-jpsth.mjs
import { createRng } from '@neurobridge/core';
import {
  commonDriveTrials, crossCorrelogram, doublyStochasticTrials, expectedJpsthCommonDrive, expectedJpsthDoublyStochastic,
  expectedJpsthIndependent, exponentialKernel, jpsth, jpsthGoodnessOfFit, poissonTrials, shufflePredictor, subtractMatrix,
} from '@neurobridge/coding';

const e = (x) => x.toExponential(2);
let failures = 0;
const check = (label, ok, detail) => {
  if (!ok) failures++;
  console.log(`  [${ok ? 'OK' : 'MISMATCH'}] ${label}${detail ? ` — ${detail}` : ''}`);
};
// A formula is accepted when all three statistics of jpsthGoodnessOfFit give p > 1e-3, and a
// deliberately wrong one must give p < 1e-6 in at least one of them on the same spikes.
const fitLine = (f) => `max|z| ${f.maxAbsZ.toFixed(2)} over ${f.tested} bin pairs (Bonferroni p ${f.bonferroniP.toPrecision(2)}), ` +
  `Hotelling T² ${f.blocks.statistic.toFixed(1)} on ${f.blocks.dof} dof (p ${f.blocks.p.toPrecision(2)}), total pairs z ${f.total.z.toFixed(2)}`;
const accepted = (f) => f.bonferroniP > 1e-3 && f.blocks.p > 1e-3 && f.total.p > 1e-3;
const minP = (f) => Math.min(f.bonferroniP, f.blocks.p, f.total.p);

const rate = (t) => 25 + 15 * Math.sin(t / 50); // Hz; t in ms
const bins = { start: 0, stop: 400, width: 25 }; // 16 bins of Δ = 25 ms
const trials = 4000;
console.log(`Two cells, ρ(t) = 25 + 15 sin(t/50 ms) Hz, ${trials} trials of 400 ms, Δ = 25 ms (16 × 16 JPSTH)\n`);

// ---- Q3.1 ------------------------------------------------------------------------------
console.log('Q3.1  independent inhomogeneous Poisson cells: E[J_mn] = ρ(t_m)ρ(t_n)Δ²  (exactly: R_m R_n, R_m = ∫_bin m ρ)');
{
  const rec = poissonTrials({ rate, max: 40 }, { stop: 400, trials, rng: createRng('example q3.1') });
  const exact = expectedJpsthIndependent(rate, bins);
  const fit = jpsthGoodnessOfFit(rec, exact);
  check('simulation against R_m R_n', accepted(fit), fitLine(fit));
  const binned = expectedJpsthIndependent(rate, bins, { form: 'binned' });
  let worst = 0;
  for (let i = 0; i < exact.values.length; i++) worst = Math.max(worst, Math.abs(binned.values[i] / exact.values[i] - 1));
  // midpoint rule: R_m ≈ ρ(t_m)Δ(1 + Δ²ρ''(t_m)/(24ρ(t_m))), so J's relative error is about twice the worst bin's
  let predicted = 0;
  for (let m = 0; m < 16; m++) { const t = 12.5 + 25 * m; predicted = Math.max(predicted, 2 * (625 * (15 / 2500) * Math.abs(Math.sin(t / 50))) / (24 * rate(t))); }
  check(`the exam's binned form ρ_mρ_nΔ² (ρ constant in a bin) is off by up to ${(100 * worst).toFixed(2)}% here; the midpoint rule's Δ²ρ''/(12ρ) predicts ${(100 * predicted).toFixed(2)}%`, Math.abs(worst / predicted - 1) < 0.1);
  const wrong = jpsthGoodnessOfFit(rec, expectedJpsthDoublyStochastic(rate, bins, { gainVariance: 0.2 }));
  check('power: a gain factor 1 + γ² = 1.2 that is not in the data is rejected', minP(wrong) < 1e-6, `smallest p ${e(minP(wrong))}`);
}

// ---- Q3.2 ------------------------------------------------------------------------------
console.log('\nQ3.2  shared trial gain g (mean 1, variance γ² = 0.3): E[J_mn] = (1 + γ²) ρ(t_m)ρ(t_n)Δ²');
{
  const gamma2 = 0.3;
  const rec = doublyStochasticTrials({ rate, max: 40 }, { stop: 400, trials, rng: createRng('example q3.2'), gainVariance: gamma2 });
  const fit = jpsthGoodnessOfFit(rec, expectedJpsthDoublyStochastic(rate, bins, { gainVariance: gamma2 }));
  check('simulation against (1 + γ²) R_m R_n', accepted(fit), fitLine(fit));
  const wrong = jpsthGoodnessOfFit(rec, expectedJpsthIndependent(rate, bins));
  check('power: the gain factor dropped (the Q3.1 answer) is rejected', minP(wrong) < 1e-6, `smallest p ${e(minP(wrong))}`);
  // the excess over the shuffle predictor is γ² R_m R_n everywhere, not only near the diagonal
  const j = jpsth(rec, bins);
  const excess = subtractMatrix(j, shufflePredictor(j)).values;
  const R = expectedJpsthIndependent(rate, bins).values;
  const ratio = excess.reduce((s, v) => s + v, 0) / R.reduce((s, v) => s + v, 0);
  const M = j.size;
  let diag = 0, off = 0;
  for (let m = 0; m < M; m++) for (let n = 0; n < M; n++) (Math.abs(m - n) <= 1 ? (diag += excess[m * M + n] / R[m * M + n] / (3 * M - 2)) : (off += excess[m * M + n] / R[m * M + n] / (M * M - 3 * M + 2)));
  check(`J − shuffle predictor = γ² R_m R_n: measured Σ excess / Σ R_mR_n = ${ratio.toFixed(3)} (γ² = ${gamma2})`, Math.abs(ratio - gamma2) < 0.05);
  check(`… spread over the whole JPSTH: excess/R_mR_n ${diag.toFixed(3)} near the diagonal, ${off.toFixed(3)} away from it`, Math.abs(diag - off) < 0.08);
}

// ---- Q3.3 ------------------------------------------------------------------------------
console.log('\nQ3.3  common drive, λ = (1 − α)ρ + α k ∗ s⁽³⁾: E[J_mn] = R_m R_n + α² ∫dτ ρ⁽³⁾(τ) K_m(τ) K_n(τ), K_m(τ) = ∫_bin m k(t − τ)dt');
console.log('      (binned: Δ²[ρ(t_m)ρ(t_n) + α² ∫dτ ρ⁽³⁾(τ) k(t_m − τ) k(t_n − τ)]); k exponential, τ_k = 10 ms, ρ⁽³⁾ = 40 Hz, α = 0.6');
{
  const model = { driverRate: 40, kernel: exponentialKernel({ tau: 10 }), alpha: 0.6, driveStart: -200 };
  const rec = commonDriveTrials({ ...model, stop: 400, trials, rng: createRng('example q3.3') });
  const exact = expectedJpsthCommonDrive(model, bins);
  const fit = jpsthGoodnessOfFit(rec, exact);
  check('simulation (exact, no time grid) against the single integral by quadrature', accepted(fit), fitLine(fit));
  const wrongAlpha = jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive({ ...model, alpha: Math.sqrt(model.alpha) }, bins));
  check('power: α instead of α² in front of the integral is rejected', minP(wrongAlpha) < 1e-6, `smallest p ${e(minP(wrongAlpha))}`);
  const binned = jpsthGoodnessOfFit(rec, expectedJpsthCommonDrive(model, bins, { form: 'binned' }));
  check('the binned form (kernel at bin centres) is rejected when τ_k < Δ: the exact form is needed', minP(binned) < 1e-6, `smallest p ${e(minP(binned))}`);
  // the correlogram of the excess, J − shuffle predictor summed along diagonals, in 20 batches of
  // 200 trials (iid batches: the spread across them gives the standard error), against α² Σ_m C_m,m+d
  const lags = 3, batches = 20, size = trials / batches;
  const perBatch = Array.from({ length: batches }, (_, g) => {
    const j = jpsth(rec.trains.slice(g * size, (g + 1) * size), bins, { standardErrors: false });
    return crossCorrelogram(subtractMatrix(j, shufflePredictor(j)), { maxLag: lags }).values;
  });
  // E[J − shuffle] = α²C: the closed form minus its own α = 0 value (R_m R_n does not depend on α)
  const theory = crossCorrelogram(subtractMatrix(exact, expectedJpsthCommonDrive({ ...model, alpha: 0 }, bins)), { maxLag: lags });
  const mean = Array.from(theory.values, (_, d) => perBatch.reduce((acc, v) => acc + v[d], 0) / batches);
  const se = mean.map((mu, d) => Math.sqrt(perBatch.reduce((acc, v) => acc + (v[d] - mu) ** 2, 0) / (batches - 1) / batches));
  const z = mean.map((mu, d) => (mu - theory.values[d]) / se[d]);
  console.log(`      lag (ms):       ${Array.from(theory.times, (t) => String(t).padStart(8)).join('')}`);
  console.log(`      excess, sim.:   ${mean.map((v) => v.toFixed(3).padStart(8)).join('')}`);
  console.log(`      ± SE:           ${se.map((v) => v.toFixed(3).padStart(8)).join('')}`);
  console.log(`      excess, theory: ${Array.from(theory.values, (v) => v.toFixed(3).padStart(8)).join('')}`);
  // t with 19 dof: P(|t| > 4.2) = 4.8e-4 per lag, 3.4e-3 over the 7 lags
  const worstZ = Math.max(...z.map(Math.abs));
  check('the excess correlogram matches α² Σ_m C_m,m+d lag by lag (peak at 0, width set by τ_k)', worstZ < 4.2, `max |z| ${worstZ.toFixed(2)} over ${2 * lags + 1} lags (t, 19 dof)`);
}

console.log(`\n${failures === 0 ? 'All Q3.1–Q3.3 claims reproduced.' : `${failures} claim(s) not reproduced.`}`);
process.exit(failures ? 1 : 0);
