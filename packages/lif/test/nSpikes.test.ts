import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gStar, nSpikes, simulate } from '@neurobridge/lif';
import { exam } from './helpers.js';

/** Simulated spike count for tauK = Infinity, td = 0 from g = 0 (long enough to be final). */
function simulatedCount(V0: number, dg: number): number {
  const r = simulate({ ...exam, V0, dg, tauK: Infinity, td: 0 }, { duration: 1e9 });
  expect(r.truncated).toBe(false);
  return r.spikes.length;
}

describe('nSpikes — Eq. (6)', () => {
  it('equals ⌈g*/Δg⌉ printed in Eq. (6) away from integers', () => {
    expect(nSpikes({ ...exam, V0: 30, dg: 0.12 })).toBe(Math.ceil(0.5 / 0.12)); // 5
    expect(nSpikes({ ...exam, V0: 30, dg: 0.3 })).toBe(2);
    expect(nSpikes({ ...exam, V0: 30, dg: 10 })).toBe(1);
  });

  it('huge counts return Eq. (6) without looping (g*/Δg ≥ 2^52)', () => {
    expect(nSpikes({ ...exam, dg: 1e-300 })).toBe(Math.ceil(0.5 / 1e-300));
    expect(nSpikes({ ...exam, dg: 5e-324 })).toBe(Infinity); // g*/Δg overflows
  });

  it('V0 ≤ theta: 0 spikes; dg = 0: Infinity', () => {
    expect(nSpikes({ ...exam, V0: 15 })).toBe(0);
    expect(nSpikes({ ...exam, V0: -5 })).toBe(0);
    expect(nSpikes({ ...exam, dg: 0 })).toBe(Infinity);
  });
});

describe('Q3 by simulation (tauK = Infinity, td = 0)', () => {
  it('matches the simulated count for 150 random (V0, dg) pairs (fast-check, seed 42)', () => {
    let checked = 0;
    fc.assert(
      fc.property(
        fc.double({ min: 15.5, max: 80, noNaN: true }),
        fc.double({ min: 0.005, max: 2, noNaN: true }),
        (V0, dg) => {
          const n = nSpikes({ ...exam, V0, dg });
          const sim = simulatedCount(V0, dg);
          checked++;
          return n === sim && n === Math.ceil(gStar({ ...exam, V0 }) / dg);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
    expect(checked).toBe(150);
  });

  // Values exactly representable in binary, so that g = kΔg and the firing test
  // V0 − gΔ − θ(1+g) are computed without rounding and g = g* is hit exactly.
  const integerCases: Array<[number, number, number]> = [
    // [V0, dg, m = g*/dg]
    [33.75, 0.625, 1],
    [33.75, 0.3125, 2],
    [33.75, 0.125, 5],
    [33.75, 0.0625, 10],
    [30, 0.5, 1],
    [30, 0.25, 2],
    [30, 0.125, 4],
    [30, 0.03125, 16],
    [45, 0.25, 4],
    [22.5, 0.25, 1],
  ];
  for (const [V0, dg, m] of integerCases) {
    it(`edge case g*/Δg = ${m} exactly (V0 = ${V0}, Δg = ${dg}) → ${m} spike(s): the jump after spike ${m} lands exactly on g*, where u only approaches theta`, () => {
      expect(gStar({ ...exam, V0 }) / dg).toBe(m);
      expect(nSpikes({ ...exam, V0, dg })).toBe(m);
      expect(simulatedCount(V0, dg)).toBe(m);
      // just off the integer: Δg a hair larger → still m; a hair smaller → m + 1
      expect(nSpikes({ ...exam, V0, dg: dg * (1 + 1e-9) })).toBe(m);
      expect(simulatedCount(V0, dg * (1 + 1e-9))).toBe(m);
      expect(nSpikes({ ...exam, V0, dg: dg * (1 - 1e-9) })).toBe(m + 1);
      expect(simulatedCount(V0, dg * (1 - 1e-9))).toBe(m + 1);
    });
  }

  it('the odex reference (core integrate) gives the same counts on a few pairs', () => {
    for (const [V0, dg] of [
      [30, 0.07],
      [40, 0.2],
      [20, 0.01],
    ]) {
      const p = { ...exam, V0, dg };
      const r = simulate(p, { duration: 2000, method: 'odex' });
      expect(r.spikes.length).toBe(nSpikes(p));
    }
  });
});
