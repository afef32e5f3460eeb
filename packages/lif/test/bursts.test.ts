import { describe, expect, it } from 'vitest';
import { findBursts, simulate, spikeTime, nSpikes, stats } from '@neurobridge/lif';
import { exam } from './helpers.js';

describe('findBursts', () => {
  it('splits a hand-made train and summarises it', () => {
    const s = [0, 1, 2, 10, 11, 12, 13, 30, 31];
    const a = findBursts(s, { maxGap: 2 });
    expect(a.bursts).toEqual([
      { start: 0, end: 2, count: 3 },
      { start: 10, end: 13, count: 4 },
      { start: 30, end: 31, count: 2 },
    ]);
    expect(a.spikesPerBurst).toEqual(stats([3, 4, 2]));
    expect(a.burstDuration.mean).toBe(2);
    expect(a.silentDuration).toEqual(stats([8, 17]));
    expect(a.period).toEqual(stats([10, 20]));
    // duration: the last burst may be cut off (ends within maxGap of the end) → not counted
    const b = findBursts(s, { maxGap: 2, duration: 32, skip: 1 });
    expect(b.spikesPerBurst.n).toBe(1);
    expect(b.spikesPerBurst.mean).toBe(4);
    expect(b.silentDuration.mean).toBe(17);
  });

  it('edge cases and bad input', () => {
    expect(findBursts([], { maxGap: 1 }).bursts).toEqual([]);
    expect(findBursts([], { maxGap: 1 }).spikesPerBurst.n).toBe(0);
    expect(findBursts([5], { maxGap: 1 }).bursts).toEqual([{ start: 5, end: 5, count: 1 }]);
    expect(() => findBursts([1, 1], { maxGap: 1 })).toThrow(/strictly increasing; spikes\[1\] = 1 <= spikes\[0\] = 1/);
    expect(() => findBursts([1], { maxGap: 0 })).toThrow(/maxGap must be finite and > 0 \(ms\); got 0/);
    expect(() => findBursts([1, NaN], { maxGap: 1 })).toThrow(RangeError);
  });
});

/** Least-squares line y = a + b x with R². */
function fitLine(x: number[], y: number[]): { slope: number; intercept: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx, r2: (sxy * sxy) / (sxx * syy) };
}

describe('Q4: bursting for td ≫ tauK ≫ t_s(0)', () => {
  // tau = 10, V0 = 30: t_s(0) = 6.93 ms; tauK = 100 ms; td = 500..4000 ms; dg = 0.2 (n_spikes = 3,
  // and the tonic conductance dg/(1 − e^{−t_s(0)/tauK}) ≈ 3.0 ≫ g* = 0.5, so the burst is stopped).
  const base = { ...exam, dg: 0.2, tauK: 100 };
  const tds = [500, 1000, 1500, 2000, 3000, 4000];
  const ts0 = spikeTime(base, 0);
  const rows = tds.map((td) => {
    const duration = 14 * td;
    const r = simulate({ ...base, td }, { duration });
    return { td, r, a: findBursts(r.spikes, { maxGap: td / 4, duration, skip: 1 }) };
  });

  it('the train alternates bursts and silences, ≥ 4 full cycles per run, identical bursts', () => {
    expect(td_over_ts0_exceeds_nspikes()).toBe(true);
    for (const { td, a } of rows) {
      expect(a.spikesPerBurst.n).toBeGreaterThanOrEqual(4);
      expect(a.spikesPerBurst.std).toBe(0); // periodic: same count every cycle
      expect(a.silentDuration.min).toBeGreaterThan(td); // silence longer than the delay
      expect(a.burstDuration.max).toBeLessThan(td / 4 * a.spikesPerBurst.mean); // bursts are dense
    }
    function td_over_ts0_exceeds_nspikes(): boolean {
      return tds.every((td) => td / ts0 > nSpikes(base));
    }
  });

  it('burst and silence lengths grow linearly with td (slopes ≈ 1, R² > 0.9999)', () => {
    const x = rows.map((r) => r.td);
    const burst = fitLine(x, rows.map((r) => r.a.burstDuration.mean));
    const silence = fitLine(x, rows.map((r) => r.a.silentDuration.mean));
    // Measured (exam claims gatsby-q1.4-burst and -silence): burst slope 0.9975, silence slope 1.0021, R² ≥ 0.99996.
    expect(Math.abs(burst.slope - 1)).toBeLessThan(0.01);
    expect(Math.abs(silence.slope - 1)).toBeLessThan(0.01);
    expect(burst.r2).toBeGreaterThan(0.9999);
    expect(silence.r2).toBeGreaterThan(0.9999);
  });

  it('spikes per burst ≈ td/t_s(0) (within 2%, the first ISIs after a silence are slower)', () => {
    for (const { td, a } of rows) {
      const ratio = a.spikesPerBurst.mean / (td / ts0);
      expect(ratio).toBeGreaterThan(0.9);
      expect(ratio).toBeLessThan(1.02);
    }
  });
});

describe('Q4 condition (slip): td/t_s(0) > n_spikes is not sufficient for bursting', () => {
  it('Δg = 0.02: 144 > 25 holds, but g saturates near Δg/(1 − e^{−t_s(0)/tauK}) ≈ 0.30 < g*: tonic', () => {
    const p = { ...exam, dg: 0.02, tauK: 100, td: 1000 };
    const ts0 = spikeTime(p, 0);
    expect(1000 / ts0).toBeGreaterThan(nSpikes(p));
    expect(0.02 / -Math.expm1(-ts0 / 100)).toBeLessThan(0.5);
    const duration = 20000;
    const r = simulate(p, { duration });
    const late = r.spikes.filter((t) => t > duration / 2);
    const a = findBursts(late, { maxGap: 250 });
    expect(a.bursts.length).toBe(1); // no silence in the second half
    const isis = late.slice(1).map((t, i) => t - late[i]);
    // regular (a damped delay oscillation is still decaying: measured ratio 1.000065 at
    // 10–20 s; a bursting train has ratio ~ silence/ISI ≈ 150)
    expect(Math.max(...isis) / Math.min(...isis)).toBeLessThan(1.001);
  });
});

describe('findBursts and stats — bad input is a TypeError or RangeError naming it (issue 16)', () => {
  it('unknown options keys and values of the wrong kind are TypeErrors', () => {
    expect(() => findBursts([1, 2], { maxGap: 1, skipp: 1 } as never)).toThrow(/options\.skipp is not an option \(did you mean skip\? known: maxGap, duration, skip\)/);
    expect(() => findBursts([1, 2], { maxGap: null } as never)).toThrow(TypeError);
    expect(() => findBursts([1, 2], { maxGap: null } as never)).toThrow(/^options\.maxGap must be a number; got null$/);
    expect(() => findBursts([1, 2], { maxGap: 1, duration: null } as never)).toThrow(/^options\.duration must be a number; got null$/);
    expect(() => findBursts([1, '2'] as never, { maxGap: 1 })).toThrow(TypeError);
    expect(() => findBursts([1, '2'] as never, { maxGap: 1 })).toThrow(/^spikes\[1\] must be a number; got "2"$/);
    expect(() => findBursts(null as never, { maxGap: 1 })).toThrow(/^spikes must be an array of spike times \(ms\); got null$/);
    expect(() => findBursts([1], undefined as never)).toThrow(/^options must be an object with maxGap; got undefined$/);
  });

  it('stats: non-numbers are TypeErrors, NaN and ±Infinity RangeErrors; huge values do not overflow', () => {
    expect(() => stats(null as never)).toThrow(/^values must be an array-like of finite numbers; got null$/);
    expect(() => stats(['1', 2] as never)).toThrow(/^values\[0\] must be a number; got "1"$/);
    expect(() => stats([1, NaN])).toThrow(/^values\[1\] must be finite; got NaN$/);
    // before: mean Infinity, std Infinity
    expect(stats([1e308, 1e308])).toEqual({ mean: 1e308, std: 0, min: 1e308, max: 1e308, n: 2 });
    const s = stats([-1e308, 1e308]);
    expect(s.mean).toBe(0);
    expect(s.std).toBe(1e308);
  });
});
