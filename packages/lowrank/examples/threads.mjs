// simulateNetwork on both cores: createNetworkPool gives the same bits as one thread, faster.
// Run after a build:  node packages/lowrank/examples/threads.mjs
import { activations, createRng } from '@neurobridge/core';
import { createNetworkPool, sampleNetwork, simulateNetwork, stateWithOverlaps } from '@neurobridge/lowrank';

const net = sampleNetwork({ n: 200_000, C: [[2, 0], [0, 0.5]], rng: createRng(1), xiScale: 2.5 });
const x0 = stateWithOverlaps(net, [0.5, 0.1]);
const options = { duration: 5, dt: 0.05 };

const pool = createNetworkPool({ threads: 2 });
await pool.simulateNetwork(net, activations.tanh, x0, { duration: 0.5, dt: 0.05 }); // start-up and JIT warm-up
let t0 = performance.now();
const threaded = await pool.simulateNetwork(net, activations.tanh, x0, options);
const tPool = performance.now() - t0;
await pool.close();
t0 = performance.now();
const single = simulateNetwork(net, activations.tanh, x0, options);
const tOne = performance.now() - t0;

const identical = single.xEnd.every((v, i) => Object.is(v, threaded.xEnd[i])) && single.m.every((m, s) => m.every((v, j) => Object.is(v, threaded.m[s][j])));
console.log(`n = ${net.n}, ${threaded.stats.steps} RK4 steps: m(5) = (${Array.from(threaded.mEnd, (v) => v.toFixed(6)).join(', ')})`);
console.log(`one thread ${tOne.toFixed(0)} ms, pool of 2 threads ${tPool.toFixed(0)} ms (${(tOne / tPool).toFixed(2)}×; timings on a shared machine)`);
console.log(`bit-identical x(t) and m(t) on 1 and 2 threads: ${identical}`);
if (!identical) process.exit(1);
