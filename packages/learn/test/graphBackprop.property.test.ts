/**
 * Property: for random feed-forward graph networks (random acyclic links including skip and
 * hidden-to-hidden links, random activations, random losses), backprop equals central finite
 * differences to 1e-6 relative.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { activations, createRng } from '@neurobridge/core';
import { graphNetwork, type GraphNodeSpec } from '../src/graph/graphNetwork.js';
import { forward } from '../src/graph/graphPass.js';
import { graphObjective } from '../src/graph/graphObjective.js';
import { squared, squaredHalf, itakuraSaito, defineLoss, type Loss } from '../src/training/losses.js';
import { gradientCheck } from '../src/training/gradientCheck.js';

const acts = [activations.tanh, activations.sigmoid, activations.linear, activations.relu, activations.square, activations.erf];
/** a smooth custom loss through defineLoss: log-cosh */
const logCosh = defineLoss({ name: 'logCosh', value: (x, t) => Math.log(Math.cosh(x - t)), derivative: (x, t) => Math.tanh(x - t) });

describe('backprop on random graph networks equals central finite differences', () => {
  it('max relative error < 1e-6 (floor 1e-4·max(1, |L|), see gradientCheck) over 150 random networks', () => {
    let checked = 0;
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 2 }), fc.integer(),
      (nIn, nHidden, nOut, seed) => {
        const rng = createRng(seed);
        const inputs = Array.from({ length: nIn }, (_, i) => `i${i}`);
        const comp = Array.from({ length: nHidden + nOut }, (_, k) => `n${k}`);
        const lossPick = rng.int(4);
        const loss: Loss = [squared, squaredHalf, itakuraSaito, logCosh][lossPick];
        const nodes: GraphNodeSpec[] = comp.map((name, k) => ({
          name,
          // Itakura–Saito needs a positive output: use ρ(z) = z² on the outputs as in seed 001
          activation: k >= nHidden && loss === itakuraSaito ? activations.square : acts[rng.int(acts.length)],
          bias: rng.uniform() < 0.7,
        }));
        // random DAG: node k may receive from any input or any earlier computing node (skip and hidden-to-hidden links)
        const links: [string, string][] = [];
        comp.forEach((to, k) => {
          const sources = [...inputs, ...comp.slice(0, Math.min(k, nHidden))];
          const chosen = sources.filter(() => rng.uniform() < 0.6);
          if (chosen.length === 0) chosen.push(sources[rng.int(sources.length)]);
          for (const from of chosen) links.push([from, to]);
        });
        const net = graphNetwork({ inputs, nodes, links, outputs: comp.slice(nHidden) });
        const theta = Float64Array.from(net.parameters, () => rng.normal());
        const samples = Array.from({ length: 2 }, () => ({
          input: Array.from({ length: nIn }, () => rng.normal()),
          target: Array.from({ length: nOut }, () => (loss === itakuraSaito ? 0.2 + rng.uniform() : rng.normal())),
        }));
        // keep away from the kinks and poles: every ReLU input |z| > 1e-3 (h ≈ 6e-6 must not straddle 0)
        // and every Itakura–Saito output z² > 1e-2 (t/x is steep near x = 0)
        for (const s of samples) {
          const f = forward(net, theta, s.input);
          for (const u of net.units) {
            if (u.activation === activations.relu && Math.abs(f.z[u.name]) < 1e-3) return;
          }
          if (loss === itakuraSaito && f.outputs.some((o) => o < 1e-2)) return;
        }
        const r = gradientCheck(graphObjective(net, samples, loss), theta);
        checked++;
        expect(r.maxRelativeError, `worst ${r.worst} (${loss.name})`).toBeLessThan(1e-6);
      }), { seed: 42, numRuns: 150 });
    // the filter above must leave most draws checked (a property that checks nothing cannot fail)
    expect(checked).toBeGreaterThan(120);
  });
  it('the check can fail: a wrong derivative in a custom loss is caught and named', () => {
    const wrong = defineLoss({ name: 'wrong', value: (x, t) => (x - t) ** 2, derivative: (x, t) => x - t /* should be 2(x − t) */ });
    const net = graphNetwork({ inputs: ['a'], nodes: [{ name: 'o', activation: activations.tanh }], links: [['a', 'o']] });
    const r = gradientCheck(graphObjective(net, [{ input: [0.7], target: 0.1 }], wrong), Float64Array.of(0.5, 0.2));
    expect(r.maxRelativeError).toBeGreaterThan(0.4); // half of the true gradient: relative error 0.5
    expect(['wao', 'bo']).toContain(r.worst);
  });
});
