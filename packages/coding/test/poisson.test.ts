import { describe, expect, it } from 'vitest';
import { createRng } from '@neurobridge/core';
import { poissonProcess, resolveRate, type RateInput } from '@neurobridge/coding';
import { uniformityP } from './helpers.js';

const LEVEL = 1e-4; // χ² tests at 1e-4 with fixed seeds; each also rejects a wrong model (power)
const f = (t: number) => 20 + 15 * Math.sin(t / 60); // Hz
const sampled = { values: Array.from({ length: 40 }, (_, i) => 5 + ((i * 7) % 11) * 4), dt: 50 };
const cases: [string, RateInput, 'thinning' | 'rescaling'][] = [
  ['constant, thinning', 30, 'thinning'],
  ['sampled, thinning', sampled, 'thinning'],
  ['sampled, rescaling', sampled, 'rescaling'],
  ['function with bound, thinning', { rate: f, max: 35 }, 'thinning'],
  ['function, rescaling', f, 'rescaling'],
];

/**
 * Time-rescaling theorem (Brown et al. 2002): with Λ the true cumulative rate, the gaps
 * Λ(t_i) − Λ(t_{i−1}) (t_0 = start) are iid Exp(1), so u = e^{−gap} is uniform on (0, 1).
 */
function rescaledUniforms(trains: Float64Array[], rate: RateInput, factor = 1): Float64Array {
  const model = resolveRate('rate', rate, 0, 2000);
  const u: number[] = [];
  for (const train of trains) {
    let prev = 0;
    for (const t of train) {
      const L = factor * model.cumulative(t);
      u.push(Math.exp(-(L - prev)));
      prev = L;
    }
  }
  return Float64Array.from(u);
}

describe('poissonProcess', () => {
  for (const [label, rate, method] of cases) {
    it(`${label}: rescaled gaps are Exp(1) (and not for a rate 10% off)`, () => {
      const rng = createRng(`pp ${label}`);
      const trains = Array.from({ length: 300 }, (_, k) => poissonProcess(rate, { stop: 2000, rng: rng.substream(String(k)), method }));
      expect(uniformityP(rescaledUniforms(trains, rate))).toBeGreaterThan(LEVEL);
      expect(uniformityP(rescaledUniforms(trains, rate, 1.1))).toBeLessThan(LEVEL);
      for (const train of trains) for (let i = 1; i < train.length; i++) expect(train[i]).toBeGreaterThanOrEqual(train[i - 1]);
    });
  }
  it('draws inside [start, stop) and is bit-identical for the same seed', () => {
    const a = poissonProcess(f, { start: 100, stop: 900, rng: createRng(7) });
    const b = poissonProcess(f, { start: 100, stop: 900, rng: createRng(7) });
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(a[0]).toBeGreaterThanOrEqual(100);
    expect(a[a.length - 1]).toBeLessThan(900);
    expect(Array.from(poissonProcess(f, { start: 100, stop: 900, rng: createRng(8) }))).not.toEqual(Array.from(a));
  });
  it('says what is wrong: no bound for thinning, too many spikes, a broken bound, bad options', () => {
    const rng = createRng(1);
    expect(() => poissonProcess(f, { stop: 10, rng, method: 'thinning' })).toThrow(/method 'thinning' needs a bound on the rate/);
    expect(() => poissonProcess(1e6, { stop: 1e6, rng })).toThrow(/maxSpikes must be >= the expected number of thinning candidates \(1\.000e\+9 over 1 train\(s\)\); got 100000000/);
    expect(() => poissonProcess({ rate: (t) => (t > 500 ? 80 : 10), max: 50 }, { stop: 1000, rng })).toThrow(/rate.max = 50 Hz must bound the rate/);
    expect(() => poissonProcess(10, { stop: 10, rng, methd: 'thinning' } as never)).toThrow(/options.methd is not an option \(did you mean method\?/);
    expect(() => poissonProcess(10, { stop: 10, rng: Math.random } as never)).toThrow(/rng must be a generator from createRng\(seed\)/);
    expect(() => poissonProcess(10, { stop: -1, rng })).toThrow(/stop must be > start = 0 \(ms\); got -1/);
  });
});
