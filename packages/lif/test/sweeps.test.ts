import { describe, expect, it } from 'vitest';
import { isiVsTauK, nSpikes, rateVsV0, spikeCountVsDg, spikeTime, steadyStateIsi, tStar } from '@neurobridge/lif';
import { exam } from './helpers.js';

describe('sweeps for the demo', () => {
  it('spikeCountVsDg: simulated = Eq. (6) for tauK = Infinity, td = 0; count falls with dg', () => {
    const dgs = [1 / 64, 0.02, 0.05, 0.1, 0.2, 0.5, 1];
    const rows = spikeCountVsDg(exam, dgs);
    expect(rows.map((r) => r.dg)).toEqual(dgs);
    for (const r of rows) expect(r.simulated).toBe(r.predicted);
    expect(rows.map((r) => r.predicted)).toEqual(dgs.map((dg) => nSpikes({ ...exam, dg })));
    expect(rows[0].simulated).toBe(32); // g*/dg = 0.5·64 exactly: the integer edge case
  });

  it('isiVsTauK: exact ISI, t* and their relative error (error shrinks as tauK grows)', () => {
    const rows = isiVsTauK({ ...exam, dg: 0.05 }, [100, 1000, 10000]);
    for (const r of rows) {
      expect(r.isi).toBe(steadyStateIsi({ ...exam, dg: 0.05, tauK: r.tauK }));
      expect(r.tStar).toBe(tStar({ ...exam, dg: 0.05, tauK: r.tauK }));
      expect(r.relError).toBeCloseTo((r.tStar - r.isi) / r.isi, 15);
    }
    expect(Math.abs(rows[2].relError)).toBeLessThan(Math.abs(rows[1].relError));
    expect(Math.abs(rows[1].relError)).toBeLessThan(Math.abs(rows[0].relError));
  });

  it('rateVsV0: adaptation lowers the rate; simulated steady rate ≈ 1000/steadyStateIsi', () => {
    const rows = rateVsV0({ ...exam, dg: 0.05, tauK: 200 }, [20, 30, 40]);
    for (const r of rows) {
      expect(r.rateNoAdaptation).toBeCloseTo(1000 / spikeTime({ ...exam, V0: r.V0 }, 0), 10);
      expect(r.rateSimulated).toBeLessThan(r.rateNoAdaptation);
      // counting spikes in a 2 s window: ±1 spike → ±0.5 Hz
      expect(Math.abs(r.rateSimulated - r.rateSteady)).toBeLessThanOrEqual(0.5 + 1e-9);
    }
    expect(rows[2].rateSimulated).toBeGreaterThan(rows[0].rateSimulated);
  });

  it('bad sweep input', () => {
    expect(() => spikeCountVsDg(exam, [0.1, -1])).toThrow(/dg must be >= 0; got -1/);
    expect(() => isiVsTauK(exam, [NaN])).toThrow(RangeError);
  });

  it('element messages name the array and index; non-numbers are TypeErrors (issue 16)', () => {
    expect(() => spikeCountVsDg(exam, [0.1, -1])).toThrow(/^dgs\[1\]: dg must be >= 0; got -1$/);
    expect(() => isiVsTauK(exam, [100, NaN])).toThrow(/^tauKs\[1\]: tauK must be > 0 \(ms, or Infinity\); got NaN$/);
    expect(() => rateVsV0(exam, [20, null] as never)).toThrow(TypeError);
    expect(() => rateVsV0(exam, [20, null] as never)).toThrow(/^V0s\[1\]: V0 must be a number; got null$/);
    expect(() => isiVsTauK(exam, null as never)).toThrow(/^tauKs must be an array of numbers; got null$/);
    expect(() => isiVsTauK('abc' as never, [100])).toThrow(/^params must be an object; got "abc"$/);
  });

  it('unknown options and values of the wrong kind are TypeErrors naming them (issue 16)', () => {
    expect(() => spikeCountVsDg(exam, [0.1], { duraton: 10 } as never)).toThrow(/options\.duraton is not an option \(did you mean duration\? known: duration\)/);
    expect(() => rateVsV0(exam, [20], { duration: null } as never)).toThrow(/^options\.duration must be a number; got null$/);
    expect(() => rateVsV0(exam, [20], { duration: -5 })).toThrow(/^options\.duration must be finite and > 0 \(ms\); got -5$/);
    expect(() => spikeCountVsDg(exam, [0.1], null as never)).toThrow(/^options must be an object; got null$/);
  });

  it('work beyond the sweep budget is refused up front in terms of the sweep (issue 16)', () => {
    const many = Array.from({ length: 100 }, (_, i) => i / 100);
    // 100 runs of 1e6 spikes each (tauK = 200 ms never lets firing stop): before, ~30 s of simulation
    expect(() => spikeCountVsDg({ ...exam, tauK: 200 }, many, { duration: 1e7 })).toThrow(/^spikeCountVsDg: 100 dgs × options\.duration = 10000000 ms .*allowed/);
    expect(() => rateVsV0({ ...exam, dg: 0.05, tauK: 200 }, many.map((x) => 20 + 100 * x), { duration: 1e7 })).toThrow(/^rateVsV0: .*options\.duration = 10000000 ms.*allowed/);
    expect(() => isiVsTauK({ ...exam, dg: 0.05 }, many.map((x) => 1e9 * (1 + x)))).toThrow(/^isiVsTauK: .*tauKs.*allowed/);
  });

  it('a simulated count cut short is flagged by status and reason on its row (issue 16)', () => {
    const [row] = spikeCountVsDg({ ...exam, dg: 0, V0: 1e7 }, [0], { duration: 100 });
    expect(row.status).toBe('maxSpikes');
    expect(row.reason).toMatch(/maxSpikes \(1000000\) reached/);
    const [ok] = spikeCountVsDg(exam, [0.1]);
    expect(ok).toMatchObject({ status: 'success', reason: '', simulated: 5, predicted: 5 });
    const [r] = rateVsV0({ ...exam, dg: 0 }, [1e7], { duration: 100 });
    expect(r.status).toBe('maxSpikes');
  });
});
