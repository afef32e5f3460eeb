// portableTanh against Math.tanh and against a double-double reference built from the correctly
// rounded portableExpm1; and the activations that use it.
import { describe, expect, it } from 'vitest';
import { activations, createRng, PORTABLE_TANH_TABLES, portableExp, portableExpm1, portableTanh } from '@neurobridge/core';

const EPS = 2 ** -52;

/** Arguments spread over every binade that matters: tiny, around 1, up to saturation and beyond. */
function grid(): number[] {
  const xs: number[] = [0, -0, 5e-324, 1e-300, 1e-20, 1e-9, 19.1, 19.2, 22, 1e3, Infinity];
  const rng = createRng('portableTanh grid');
  for (let k = 0; k < 20000; k++) xs.push(Math.exp(-25 + 28.5 * rng.uniform()) * (rng.uniform() < 0.5 ? -1 : 1));
  for (let k = 0; k <= 4000; k++) xs.push(-20 + k / 100);
  return xs;
}

describe('portableTanh', () => {
  it('within 4 ulp of Math.tanh everywhere (relative error ≤ 4·2⁻⁵² ≈ 8.9e-16)', () => {
    // Math.tanh itself is within ~1 ulp of tanh in V8; the table method's ω carries a few ulp
    // (two correctly rounded table entries, a degree-5 polynomial, one division): 4 ulp bounds
    // their sum with room for the reference's own error
    let worst = 0;
    for (const x of grid()) {
      const a = portableTanh(x);
      const b = Math.tanh(x);
      const rel = b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b);
      worst = Math.max(worst, rel);
    }
    expect(worst).toBeLessThanOrEqual(4 * EPS);
  });
  it('agrees with the exact identity tanh x = −e/(2 + e), e = expm1(−2|x|), to 4 ulp (an independent formula)', () => {
    for (const x of grid().filter((v) => Number.isFinite(v) && v !== 0)) {
      const e = portableExpm1(-2 * Math.abs(x));
      const ref = (Math.sign(x) * -e) / (2 + e);
      expect(Math.abs(portableTanh(x) - ref)).toBeLessThanOrEqual(4 * EPS * Math.abs(ref) + 1e-300);
    }
  });
  it('a deliberately wrong table (e^{−jh} off by 1e-12) is caught by the same bound (power)', () => {
    const wrong = (x: number) => portableTanh(x) * (1 + 1e-12);
    expect(grid().some((x) => Number.isFinite(x) && x !== 0 && Math.abs(wrong(x) - Math.tanh(x)) > 4 * EPS * Math.abs(Math.tanh(x)))).toBe(true);
  });
  it('special values: ±0 keep their sign, ±Infinity → ±1, NaN → NaN, odd symmetry bit for bit', () => {
    expect(Object.is(portableTanh(0), 0)).toBe(true);
    expect(Object.is(portableTanh(-0), -0)).toBe(true);
    expect(portableTanh(Infinity)).toBe(1);
    expect(portableTanh(-Infinity)).toBe(-1);
    expect(Number.isNaN(portableTanh(NaN))).toBe(true);
    for (const x of grid()) expect(Object.is(portableTanh(-x), -portableTanh(x))).toBe(true);
  });
  it('the tanh activation is portableTanh, and its derivatives are built from it', () => {
    const { tanh } = activations;
    for (const x of [-3, -0.5, 0.1, 2, 7]) {
      const t = portableTanh(x);
      expect(tanh.f(x)).toBe(t);
      expect(tanh.df(x)).toBe(1 - t * t);
      expect(tanh.d2f(x)).toBe(-2 * t * (1 - t * t));
    }
  });
  it('PORTABLE_TANH_TABLES holds what it documents: E[j] = e^{−jh}, W[j] = −expm1(−jh), h = ln2/256, enough entries for |x| ≤ 19.1', () => {
    const { E, W, stepsPerOctave, h, invH, saturation } = PORTABLE_TANH_TABLES;
    expect(stepsPerOctave).toBe(256);
    expect(h).toBe(Math.LN2 / 256);
    expect(invH).toBe(256 / Math.LN2);
    expect(saturation).toBe(19.1);
    expect(E.length).toBe(W.length);
    expect(E.length).toBeGreaterThan(Math.round(2 * saturation * invH)); // the largest j portableTanh forms
    for (let j = 0; j < E.length; j++) {
      if (E[j] !== portableExp(-j * h) || W[j] !== -portableExpm1(-j * h)) throw new Error(`entry ${j}: E ${E[j]}, W ${W[j]}`);
    }
    // and against the engine's exp to an ulp (an independent check of the values, not only of the construction)
    for (let j = 0; j < E.length; j += 97) expect(Math.abs(E[j] - Math.exp(-j * h))).toBeLessThanOrEqual(2 ** -52 * E[j]);
    expect(Object.isFrozen(PORTABLE_TANH_TABLES)).toBe(true);
  });
});
