// Seed 001 in a few calls: hidden-to-hidden links (3 → 4, 3 → 5), output ρ(z) = z², Itakura–Saito loss.
// The claims of the document, checked, are in the exam report: pnpm reproduce --only isnet
// Run after a build: node examples/seed001-itakura-saito.mjs   (from packages/learn)
import { activations } from '@neurobridge/core';
import { graphNetwork, backward, backwardTrace, gradientCheck, itakuraSaito } from '@neurobridge/learn';

const s = activations.sigmoid;
const net = graphNetwork({
  inputs: ['1', '2'],
  nodes: [{ name: '3', activation: s }, { name: '4', activation: s }, { name: '5', activation: s }, { name: '6', activation: activations.square }],
  links: [['1', '3'], ['2', '3'], ['1', '4'], ['2', '4'], ['3', '4'], ['1', '5'], ['2', '5'], ['3', '5'], ['3', '6'], ['4', '6'], ['5', '6']],
});
const params = Object.fromEntries(net.parameters.map((k, i) => [k, Math.sin(i + 1)])); // w13, w23, b3, …, b6
const r = backward(net, params, [0.5, -1.2], 0.8, itakuraSaito);
const z6 = r.z['6'];
console.log(`δ6 = ${r.delta['6']}   (a): 2(z6² − t)/z6³ = ${(2 * (z6 * z6 - 0.8)) / z6 ** 3}`);
console.log(`∂L/∂w46 = ${r.grad.w46}, ∂L/∂b6 = ${r.grad.b6}, δ3 = ${r.delta['3']}`);
console.log(`finite differences: max relative error ${gradientCheck((q) => backward(net, q, [0.5, -1.2], 0.8, itakuraSaito), params).maxRelativeError.toExponential(1)}`);
for (const line of backwardTrace(net, params, [0.5, -1.2], 0.8, itakuraSaito, { digits: 4 }).lines) console.log(line);
