// The README's spike-triggered example (Gatsby Q3.6: the joint and the summed ensembles). Run after `pnpm build`: node examples/spike-triggered.mjs
import { createRng } from '@neurobridge/core';
import { gaussianStimulus, lnPoisson, jointWeights, summedWeights, spikeTriggeredCovariance, principalAngles } from '@neurobridge/coding';

const D = 20, rng = createRng('readme');
const k1 = Array.from({ length: D }, (_, i) => +(i === 0)), k2 = Array.from({ length: D }, (_, i) => +(i === 1));
const stimulus = gaussianStimulus({ frames: 100_000, dim: D, rng: rng.substream('x') });
const cell = (k) => ({ filters: [k], nonlinearity: (u) => 0.1 * Math.exp(u[0]) });   // f_c = 0.1 e^{k_c·x}
const { counts: [n1, n2] } = lnPoisson({ stimulus, cells: [cell(k1), cell(k2)], rng: rng.substream('n') });
for (const [name, w] of [['joint (L = 0)', jointWeights(n1, n2, { maxLag: 0 })], ['n1 + n2', summedWeights(n1, n2)]]) {
  const r = spikeTriggeredCovariance(stimulus, w, { shuffles: 100, rng: rng.substream(name) });
  const dims = [...(r.staSignificant ? [r.sta] : []), ...r.subspace];
  console.log(`${name}: subspace dim ${dims.length}, top eigenvalue ${r.eigenvalues[0].toFixed(2)} (null ≤ ${r.null.upper.toFixed(2)})`);
}
