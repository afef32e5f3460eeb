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
