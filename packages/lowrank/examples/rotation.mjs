// Beyond the fixed points: C = ρ R(θ) has complex eigenvalues ρ e^{±iθ} and no real eigenvector. In polar
// form Eq. (10) reads dr/dt = r (f(r) ρ cos θ − 1), dψ/dt = f(r) ρ sin θ: |m| → a with f(a) ρ cos θ = 1
// and the phase turns at tan θ (limitCycles). Checked in the exam report as gatsby-q2.3-complex (mean field,
// φ = erf within Eq. (3)) and gatsby-q2.3-rotation (network). Run after `pnpm build`: node examples/rotation.mjs
import { activations, createRng } from '@neurobridge/core';
import { limitCycles, sampleNetwork, simulateMeanField, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';

const rho = 2, theta = 0.5;
const C = [[rho * Math.cos(theta), -rho * Math.sin(theta)], [rho * Math.sin(theta), rho * Math.cos(theta)]];
const cyc = limitCycles(C, activations.tanh).cycles[0];
console.log(`predicted circle: radius ${cyc.radius.toFixed(6)}, angular velocity ${cyc.angularVelocity.toFixed(6)} (tan θ = ${Math.tan(theta).toFixed(6)}), ${cyc.stability}`);
const mf = simulateMeanField(C, activations.tanh, [0.05, -0.02], { duration: 80, sampleDt: 80 });
const net = sampleNetwork({ n: 64_000, C, rng: createRng('rotation'), xiScale: 2.5 });    // ‖C‖₂ = 2: ξ has sd 2.5
const r = simulateNetwork(net, activations.tanh, stateWithOverlaps(net, [0.05, -0.02]), { duration: 80, dt: 0.1, sampleDt: 80 });
console.log(`|m(80)|: mean field ${Math.hypot(...mf.mEnd).toFixed(6)}, network (n = 64 000) ${Math.hypot(...r.mEnd).toFixed(6)}`);
