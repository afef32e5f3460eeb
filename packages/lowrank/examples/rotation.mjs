// Beyond the exam: C = ρ R(θ) has complex eigenvalues ρ e^{±iθ} and no real eigenvector, so no
// nontrivial fixed point. In polar form Eq. (10) reads dr/dt = r (f(r) ρ cos θ − 1),
// dψ/dt = f(r) ρ sin θ: |m| → a with f(a) ρ cos θ = 1 and the phase rotates at tan θ.
import { activations, createRng } from '@neurobridge/core';
import { existence, limitCycles, sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';
import { fmt, report } from './report.mjs';

const rotation = (rho, th) => [[rho * Math.cos(th), -rho * Math.sin(th)], [rho * Math.sin(th), rho * Math.cos(th)]];
function measure(t, m, from) {
  let r = 0, c = 0, dpsi = 0, t0 = -1;
  for (let s = 1; s < t.length; s++) {
    if (t[s - 1] < from) continue;
    if (t0 < 0) t0 = t[s - 1];
    r += Math.hypot(m[s][0], m[s][1]); c++;
    let d = Math.atan2(m[s][1], m[s][0]) - Math.atan2(m[s - 1][1], m[s - 1][0]);
    if (d > Math.PI) d -= 2 * Math.PI;
    if (d < -Math.PI) d += 2 * Math.PI;
    dpsi += d;
  }
  return { radius: r / c, rate: dpsi / (t[t.length - 1] - t0) };
}

// erf: the radial exponent is only −0.12, so the mean field runs to t = 250 from a small start;
// the network (erf costs ~10× tanh per evaluation) starts on the predicted circle instead.
for (const { phi, rho, theta, xiScale, n, mfDuration, netStart } of [
  { phi: activations.tanh, rho: 2, theta: 0.5, xiScale: 2.5, n: 64000, mfDuration: 80, netStart: 'small' },
  { phi: activations.erf, rho: 0.99, theta: 0.3, xiScale: 1, n: 32000, mfDuration: 250, netStart: 'circle' },
]) {
  const C = rotation(rho, theta);
  const cyc = limitCycles(C, phi).cycles[0];
  const mf = simulateMeanField(C, phi, [0.05, -0.02], { duration: mfDuration, sampleDt: 0.05 });
  const mfm = measure(mf.t, mf.m, mfDuration - 30);
  const net = sampleNetwork({ n, C, rng: createRng(`rotation-${phi.name}`), xiScale });
  const m0 = netStart === 'small' ? [0.05, -0.02] : [cyc.radius, 0];
  const res = simulateNetwork(net, phi, stateWithOverlaps(net, m0), { duration: 80, dt: 0.1, sampleDt: 0.1 });
  const nm = measure(res.t, res.m, 50);
  report({
    claim: `complex eigenvalues (φ = ${phi.name}, ρ = ${rho}, θ = ${theta}${xiScale === 1 ? ', Eq. (3) exactly' : `, xiScale ${xiScale}`}): no fixed point; a stable rotating circle`,
    formula: 'f(a) ρ cos θ = 1, ω = f(a) ρ sin θ = tan θ; radial exponent a f\'(a) ρ cos θ',
    numerics: [
      `existence: ${existence(C, phi).map((e) => e.exists).join(', ')} (no real eigenvector)`,
      `predicted: a = ${fmt(cyc.radius, 10)}, ω = ${fmt(cyc.angularVelocity, 10)}, radial exponent ${fmt(cyc.radialExponent)}, ${cyc.stability}`,
      `mean field (t ∈ [${mfDuration - 30}, ${mfDuration}]): ⟨|m|⟩ = ${fmt(mfm.radius, 10)}, ω = ${fmt(mfm.rate, 10)}`,
      `network n = ${n}, m(0) = (${m0.map((v) => fmt(v, 3)).join(', ')}), t ∈ [50, 80]: ⟨|m|⟩ = ${fmt(nm.radius, 6)}, ω = ${fmt(nm.rate, 6)}`,
    ],
    error: `mean field: |Δa| = ${Math.abs(mfm.radius - cyc.radius).toExponential(2)}, |Δω| = ${Math.abs(mfm.rate - cyc.angularVelocity).toExponential(2)}; network: relative ${(Math.abs(nm.radius / cyc.radius - 1)).toExponential(2)}, ${(Math.abs(nm.rate / cyc.angularVelocity - 1)).toExponential(2)} (finite-size scale xiScale/√n = ${(xiScale / Math.sqrt(n)).toExponential(2)})`,
    pass: Math.abs(mfm.radius - cyc.radius) < 1e-8 && Math.abs(mfm.rate - cyc.angularVelocity) < 1e-6 &&
      Math.abs(nm.radius / cyc.radius - 1) < 0.05 && Math.abs(nm.rate / cyc.angularVelocity - 1) < 0.05,
  });
}
