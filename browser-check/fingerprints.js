// Seeded results computed the same way in the browser (browser-check/main.js) and in Node
// (scripts/browser-check.mjs): the two must agree bit for bit. The modules are passed in, so
// each side imports the packages its own way.

/**
 * @neurobridge/coding: common-drive trials (driver, thinning, Poisson counts, alpha-kernel lags by
 * Brent on portable exponentials), doubly stochastic trials (Gamma gains, time rescaling of a
 * sampled rate) and their JPSTH. The inputs use no engine math themselves (no Math.sin rate):
 * a user's own rate function is the user's to make portable.
 */
export function codingFingerprint({ core, coding }) {
  const model = { driverRate: 30, kernel: coding.alphaKernel({ tau: 6 }), alpha: 0.7, driveStart: -40 };
  const rec = coding.commonDriveTrials({ ...model, stop: 300, trials: 40, rng: core.createRng('fingerprint') });
  const fast = coding.commonDriveTrials({ driverRate: 50, kernel: coding.exponentialKernel({ tau: 3 }), alpha: 0.4, stop: 200, trials: 10, rng: core.createRng('fingerprint exp') });
  const sampled = { values: [5, 40, 12, 0, 33, 20], dt: 50 };
  const gains = coding.doublyStochasticTrials(sampled, { stop: 300, trials: 10, gainVariance: 0.4, rng: core.createRng('fingerprint gains'), method: 'rescaling' });
  const j = coding.jpsth(rec, { stop: 300, width: 10 });
  const spikes = rec.trains.flatMap((trial) => trial.flatMap((train) => Array.from(train)));
  const counts = Array.from({ length: 32 }, (_, k) => coding.poissonCount(core.createRng(`count ${k}`), 0.5 + 7 * k));
  return [...spikes.slice(0, 64), ...spikes.slice(-16), spikes.length, ...fast.trains[7][0], ...Array.from(gains.gains), ...gains.trains[3][1],
    ...counts, ...j.values.slice(0, 64), ...j.se.slice(100, 132)];
}

/** @neurobridge/core: seeded normals (polar method, portableLog) and the portable functions on fixed arguments. */
export function coreFingerprint({ core }) {
  const normals = [...core.createRng('fingerprint core').normals(256), ...core.createRng(42).substream('w').normals(64)];
  const xs = [1e-300, 5e-324, 0.1, 0.5, 0.9999, 1.0001, 2, 3, 10, 123.456, 1e10, 1e300];
  const args = [...xs, ...xs.map((x) => -Math.min(x, 700)), 709.7, -745, 1 / 3, 9.313225746154785e-10];
  return [...normals, ...args.flatMap((x) => [core.portableLog(x), core.portableExp(x), core.portableLog1p(x), core.portableExpm1(x)])];
}

/**
 * @neurobridge/lif: the exam neuron's spike train and sampled trace (the exact method) and the
 * closed forms. (method 'odex' is not in the promise: odex's step-size control uses Math.pow with
 * fractional exponents, whose last bit differs between engines.)
 */
export function lifFingerprint({ lif }) {
  const p = { tau: 10, V0: 30, dg: 0.05, tauK: 200, td: 2 };
  const exact = lif.simulate(p, { duration: 2000, record: { dt: 7 } });
  const adapting = lif.simulate({ ...p, tauK: 50, td: 0 }, { duration: 500 });
  return [...exact.spikes, ...exact.trace.u, ...exact.trace.g, ...adapting.spikes, lif.steadyStateIsi({ ...p, td: 0 }), lif.tStar(p), lif.gStar(p), lif.spikeTime(p, 0.3), lif.nSpikes({ ...p, tauK: Infinity })];
}

/**
 * @neurobridge/lowrank: a seeded rank-2 network (n = 3000, tanh and erf, RK4) and the mean field's
 * fixed points. (simulateMeanField is not in the promise: it integrates with odex, whose step-size
 * control uses Math.pow with fractional exponents, whose last bit differs between engines.)
 */
export function lowrankFingerprint({ core, lowrank }) {
  const net = lowrank.sampleNetwork({ n: 3000, C: [[0.9, 0.3], [-0.3, 0.9]], rng: core.createRng('fingerprint lowrank'), xiScale: 1.5 });
  const x0 = lowrank.stateWithOverlaps(net, [0.5, 0.1]);
  const a = lowrank.simulateNetwork(net, core.activations.tanh, x0, { duration: 5, dt: 0.05, sampleDt: 1, components: [0, 1234, 2999] });
  const b = lowrank.simulateNetwork(net, core.activations.erf, x0, { duration: 2, dt: 0.1 });
  const fixed = lowrank.fixedPoints([[2.2, 0.4], [0.4, 1.3]], core.activations.tanh).nontrivial.flatMap((q) => [q.lambda, q.alpha]);
  return [...a.m.flatMap((m) => Array.from(m)), ...a.xEnd.slice(0, 64), ...b.mEnd, ...b.xEnd.slice(-32), ...fixed];
}

/** @neurobridge/learn: a seeded tanh/erf network's empirical tangent kernel and its outputs. */
export function learnFingerprint({ core, learn }) {
  const { tanh, erf, linear } = core.activations;
  const net = learn.mlp({ sizes: [6, 48, 48, 1], activations: [tanh, erf, linear], bias: true, rng: core.createRng('fingerprint learn') });
  const X = core.createRng('fingerprint learn x').normals(9 * 6);
  const k = learn.empiricalNtk(net, X);
  return [...k.total, ...k.perLayer.flatMap((c) => Array.from(c)), ...k.output, ...net.weights[0].slice(0, 32)];
}
